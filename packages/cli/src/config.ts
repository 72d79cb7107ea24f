import type { CheckMode, RuleSetting } from '@ossproc/core';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { closest, FatalError } from './errors';
import { ALL_RULES, parseSeverity, ruleInfo } from './rules';

/**
 * `ossproc.config.json`: found by walking up from each linted file's directory (the nearest one applies;
 * files are not merged), or given with `--config FILE` (then it applies to every file and none is looked
 * for). Its JSON schema is schema/ossproc.config.schema.json.
 *
 *     { "rules": { "extension-mismatch": "off" }, "mode": "async", "sourceKey": "videos/in.mp4",
 *       "ignore": ["generated/", "*.draft.json"], "include": ["src/**\/*.ts", "docs/**\/*.md"] }
 */
export const CONFIG_FILE = 'ossproc.config.json';

export interface Config {
  /** The file it was read from. */
  path: string;
  /** Patterns in `ignore` and `include` are relative to this directory. */
  dir: string;
  rules: Record<string, RuleSetting>;
  mode?: CheckMode;
  sourceKey?: string;
  /** gitignore-style patterns of files and directories not to lint. */
  ignore: string[];
  /** Globs of extra files to lint when walking a directory (source code, Markdown, HTML…). */
  include: string[];
}

const KEYS = ['$schema', 'rules', 'mode', 'sourceKey', 'ignore', 'include'];
const MODES = ['auto', 'sync', 'async'];

/** Reads and validates a config file; every problem is a FatalError naming the file, line and column. */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FatalError(`${path}: cannot read config file${code === 'ENOENT' ? ': it does not exist' : code ? ` (${code})` : ''}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const where = (offset: number) => {
    let line = 1;
    let col = 1;
    for (let i = 0; i < offset && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return `${path}:${line}:${col}`;
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !root) {
    const e = errors[0];
    throw new FatalError(`${where(e?.offset ?? 0)}: invalid JSON in config file${e ? `: ${printParseErrorCode(e.error)}` : ''}`);
  }
  if (root.type !== 'object') throw new FatalError(`${where(root.offset)}: a config file holds a JSON object`);
  const config: Config = { path, dir: dirname(path), rules: {}, ignore: [], include: [] };
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    const at = where(valueNode.offset);
    if (!KEYS.includes(key)) {
      const hint = closest(key, KEYS);
      throw new FatalError(`${where(keyNode.offset)}: unknown key '${key}' in config file${hint ? ` (did you mean '${hint}'?)` : ''}; allowed: ${KEYS.join(', ')}`);
    }
    switch (key) {
      case 'rules': {
        if (valueNode.type !== 'object') throw new FatalError(`${at}: 'rules' must be an object of rule ids to severities`);
        for (const r of valueNode.children ?? []) {
          const [k, v] = r.children ?? [];
          if (!k || !v) continue;
          const id = String(k.value);
          if (!ruleInfo(id)) {
            const hint = closest(id, allRuleIds());
            throw new FatalError(`${where(k.offset)}: unknown rule '${id}' in config file${hint ? ` (did you mean '${hint}'?)` : ''}`);
          }
          const setting = parseSeverity(v.value);
          if (setting === undefined || (v.type !== 'string' && v.type !== 'number')) {
            throw new FatalError(`${where(v.offset)}: rule '${id}' has severity ${JSON.stringify(v.value ?? null)}; use "off", "info", "warn" or "error" (or 0, 1, 2)`);
          }
          config.rules[id] = setting;
        }
        break;
      }
      case 'mode':
        if (valueNode.type !== 'string' || !MODES.includes(String(valueNode.value))) throw new FatalError(`${at}: 'mode' must be "auto", "sync" or "async"`);
        config.mode = valueNode.value as CheckMode;
        break;
      case 'sourceKey':
        if (valueNode.type !== 'string') throw new FatalError(`${at}: 'sourceKey' must be a string (the source object's key)`);
        config.sourceKey = String(valueNode.value);
        break;
      case 'ignore':
      case 'include': {
        const items = valueNode.children ?? [];
        if (valueNode.type !== 'array' || items.some((i) => i.type !== 'string')) throw new FatalError(`${at}: '${key}' must be an array of strings (patterns)`);
        config[key] = items.map((i) => String(i.value));
        break;
      }
      case '$schema':
        break;
    }
  }
  return config;
}

function allRuleIds(): string[] {
  return ALL_RULES.map((r) => r.id);
}

/** Finds the config of each file: the explicit one, or the nearest ossproc.config.json above it. */
export class ConfigResolver {
  private readonly byDir = new Map<string, Config | null>();
  private readonly explicit: Config | undefined;

  constructor(explicitPath?: string) {
    if (explicitPath) this.explicit = loadConfig(resolve(explicitPath));
  }

  /** The config governing files in `dir` (an absolute directory). */
  forDir(dir: string): Config | undefined {
    if (this.explicit) return this.explicit;
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const candidate = join(dir, CONFIG_FILE);
    let found: Config | null = null;
    if (existsSync(candidate) && isFile(candidate)) found = loadConfig(candidate);
    else {
      const parent = dirname(dir);
      found = parent !== dir && dir !== parsePath(dir).root ? (this.forDir(parent) ?? null) : null;
    }
    this.byDir.set(dir, found);
    return found ?? undefined;
  }

  forFile(file: string): Config | undefined {
    return this.forDir(dirname(resolve(file)));
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
