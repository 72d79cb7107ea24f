// the package's UMD entry does not bundle (its factory requires modules by a parameter); its ESM build does
import { parseTree, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { CheckMode } from '../check/index';
import type { RuleSetting } from '../check/diagnostic';
import { RULES } from '../check/rules';
import { closest } from '../check/suggest';
import { jsonErrorText } from '../presets/json';
import { LineIndex } from '../text/range';
import { parseSeverity, UNUSED_DIRECTIVE_RULE } from './severity';

/**
 * `ossproc.config.json`, the project's configuration, read the same way by the CLI and the language server:
 * JSON with comments and trailing commas (jsonc-parser), validated with a positioned message for every
 * problem. Finding the file (walking up) and watching it is the host's business.
 *
 *     { "extends": "ossproc:strict", "rules": { "extension-mismatch": "off" }, "mode": "async",
 *       "sourceKey": "videos/in.mp4", "ignore": ["generated/"], "include": ["src/**\/*.ts"] }
 */
export const CONFIG_FILE = 'ossproc.config.json';

/** The shipped presets `extends` may name. */
export const CONFIG_PRESETS = {
  /** The rule table's default severities. */
  'ossproc:recommended': (): Record<string, RuleSetting> => ({}),
  /** Every finding an error (the caps on findings the facts are less sure of are lifted too). */
  'ossproc:strict': (): Record<string, RuleSetting> => Object.fromEntries(RULES.map((r) => [r.id, 'error'])),
} as const;
export type ConfigPreset = keyof typeof CONFIG_PRESETS;

export interface ProjectConfig {
  /** The presets named by `extends`, in order. */
  extends: ConfigPreset[];
  /** Severity per rule id: the presets', then the file's own on top. */
  rules: Record<string, RuleSetting>;
  mode?: CheckMode;
  sourceKey?: string;
  /** gitignore-style patterns of files and directories not to lint (relative to the file's directory). */
  ignore: string[];
  /** Globs of extra files to lint when walking a directory (source code, Markdown, HTML…). */
  include: string[];
}

export interface ConfigError {
  message: string;
  /** UTF-16 offset of the problem in the text (a BOM counts). */
  offset: number;
  length: number;
}

export interface ConfigResult {
  /** What could be read; keys with problems keep their defaults. */
  config: ProjectConfig;
  /** Every problem, in the order of the text; a host that stops on a broken config reports the first. */
  errors: ConfigError[];
}

export const CONFIG_KEYS = ['$schema', 'extends', 'rules', 'mode', 'sourceKey', 'ignore', 'include'] as const;
const MODES: readonly CheckMode[] = ['auto', 'sync', 'async'];

/** Every id a config's `rules` may name: the rule table's and the stale-suppression pseudo-rule. */
export const CONFIG_RULE_IDS: readonly string[] = [...RULES.map((r) => r.id), UNUSED_DIRECTIVE_RULE];
const RULE_IDS: ReadonlySet<string> = new Set(CONFIG_RULE_IDS);

const didYouMean = (word: string, candidates: Iterable<string>) => {
  const hint = closest(word, candidates);
  return hint ? ` (did you mean '${hint}'?)` : '';
};

export function emptyConfig(): ProjectConfig {
  return { extends: [], rules: {}, ignore: [], include: [] };
}

/** Reads a config file's text. Linear in its size (a parser, not regular expressions), whatever it holds. */
export function parseConfig(text: string): ConfigResult {
  const config = emptyConfig();
  const errors: ConfigError[] = [];
  // the parser does not see a BOM; offsets are the text's
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (n: { offset: number; length: number }, message: string) => errors.push({ message, offset: n.offset + bom, length: n.length });
  const parseErrors: ParseError[] = [];
  const root = parseTree(bom ? text.slice(1) : text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length || !root) {
    const e = parseErrors[0];
    errors.push({ message: `invalid JSON in config file${e ? `: ${jsonErrorText(e)}` : ''}`, offset: (e?.offset ?? 0) + bom, length: e?.length ?? 0 });
    return { config, errors };
  }
  if (root.type !== 'object') {
    fail(root, 'a config file holds a JSON object');
    return { config, errors };
  }
  let own: Record<string, RuleSetting> = {};
  for (const prop of root.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (!keyNode || !value) continue;
    const key = String(keyNode.value);
    switch (key) {
      case '$schema':
        if (value.type !== 'string') fail(value, "'$schema' must be a string (the schema's path or URL)");
        break;
      case 'extends': {
        const items = value.type === 'array' ? (value.children ?? []) : [value];
        for (const item of items) {
          const name = String(item.value);
          if (item.type !== 'string') fail(item, `'extends' names presets: "ossproc:recommended" or "ossproc:strict" (a string or an array of them)`);
          else if (!(name in CONFIG_PRESETS)) fail(item, `unknown preset '${name}' in 'extends'${didYouMean(name, Object.keys(CONFIG_PRESETS))}; use "ossproc:recommended" or "ossproc:strict"`);
          else config.extends.push(name as ConfigPreset);
        }
        break;
      }
      case 'rules':
        if (value.type !== 'object') fail(value, "'rules' must be an object of rule ids to severities");
        else own = readRules(value, fail);
        break;
      case 'mode':
        if (value.type !== 'string' || !(MODES as readonly unknown[]).includes(value.value)) fail(value, `'mode' must be "auto", "sync" or "async"`);
        else config.mode = value.value as CheckMode;
        break;
      case 'sourceKey':
        if (value.type !== 'string') fail(value, "'sourceKey' must be a string (the source object's key)");
        else config.sourceKey = String(value.value);
        break;
      case 'ignore':
      case 'include': {
        const items = value.children ?? [];
        if (value.type !== 'array' || items.some((i) => i.type !== 'string')) fail(value, `'${key}' must be an array of strings (patterns)`);
        else config[key] = items.map((i) => String(i.value));
        break;
      }
      default:
        fail(keyNode, `unknown key '${key}' in config file${didYouMean(key, CONFIG_KEYS)}; allowed: ${CONFIG_KEYS.join(', ')}`);
    }
  }
  for (const p of config.extends) Object.assign(config.rules, CONFIG_PRESETS[p]());
  Object.assign(config.rules, own);
  return { config, errors };
}

function readRules(node: Node, fail: (n: Node, message: string) => void): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const r of node.children ?? []) {
    const [k, v] = r.children ?? [];
    if (!k || !v) continue;
    const id = String(k.value);
    if (!RULE_IDS.has(id)) {
      fail(k, `unknown rule '${id}' in config file${didYouMean(id, CONFIG_RULE_IDS)}`);
      continue;
    }
    // ESLint's array form, ["warn"]: no ossproc rule takes options
    const first = v.type === 'array' ? v.children?.[0] : v;
    if (v.type === 'array' && (v.children?.length ?? 0) > 1) {
      fail(v.children![1]!, `rule '${id}' takes no options; write its severity alone`);
      continue;
    }
    const setting = first && (first.type === 'string' || first.type === 'number') ? parseSeverity(first.value) : undefined;
    if (setting === undefined) {
      fail(first ?? v, `rule '${id}' has severity ${JSON.stringify(first?.value ?? null)}; use "off", "info", "warn" or "error" (or 0, 1, 2)`);
      continue;
    }
    out[id] = setting;
  }
  return out;
}

/** A problem as one line, `path:line:column: message` (1-based, UTF-16 columns, a BOM not counted): the CLI and the server say the same. */
export function configErrorLine(path: string, text: string, e: ConfigError): string {
  const p = new LineIndex(text).position(e.offset);
  const column = p.line === 0 && text.charCodeAt(0) === 0xfeff ? p.character : p.character + 1;
  return `${path}:${p.line + 1}:${column}: ${e.message}`;
}

/** Why a config path could not be read, from its error code (ENOENT, EISDIR…), for the same one line. */
export function configReadError(path: string, code: string | undefined): string {
  const why = code === 'ENOENT' ? ': it does not exist' : code === 'EISDIR' ? ': it is a directory' : code ? ` (${code})` : '';
  return `${path}: cannot read config file${why}`;
}
