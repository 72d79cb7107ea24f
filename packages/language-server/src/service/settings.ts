import { parseSeverity, type CheckMode, type ProjectConfig, type RuleSetting } from '@ossproc/core';

/**
 * What the features read besides the document and the position. The server builds it from the client's
 * `ossproc.*` settings and the nearest `ossproc.config.json`; tests write it by hand.
 */
export interface Settings {
  /** `auto`, `sync` or `async` (`ossproc.mode`, or `mode` in ossproc.config.json). */
  mode: CheckMode;
  /** Severity per rule id (`ossproc.rules`, then `rules` in ossproc.config.json on top). */
  rules: Record<string, RuleSetting>;
  /** The source object key, when known (ossproc.config.json `sourceKey`). */
  sourceKey?: string;
  /** Language ids whose string literals / URLs are searched for processing strings. */
  embeddedLanguages: string[];
  inlayHints: {
    /** The decoded text after `b_`, `o_`, `topic_` and other base64 values. */
    decodedValues: boolean;
    /** Units after numbers: `30000 ms`, `2 Mbit/s`. */
    units: boolean;
  };
}

export const DEFAULT_EMBEDDED_LANGUAGES: readonly string[] = [
  'java',
  'python',
  'go',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'json',
  'jsonc',
  'yaml',
  'markdown',
  'html',
  'xml',
];

export function defaultSettings(): Settings {
  return {
    mode: 'auto',
    rules: {},
    embeddedLanguages: [...DEFAULT_EMBEDDED_LANGUAGES],
    inlayHints: { decodedValues: true, units: true },
  };
}

const MODES: readonly CheckMode[] = ['auto', 'sync', 'async'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rule settings with unknown words dropped; ESLint's `["warn", {…}]` array form is read by its first item. */
export function readRules(raw: unknown): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!isObject(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const v = parseSeverity(Array.isArray(value) ? value[0] : value);
    if (v !== undefined) out[id] = v;
  }
  return out;
}

/**
 * Reads the `ossproc` section as a client sends it (anything at all) into settings: what is missing or
 * malformed keeps its default.
 */
export function readSettings(raw: unknown): Settings {
  const s = defaultSettings();
  if (!isObject(raw)) return s;
  if (typeof raw.mode === 'string' && (MODES as string[]).includes(raw.mode)) s.mode = raw.mode as CheckMode;
  s.rules = readRules(raw.rules);
  if (Array.isArray(raw.embeddedLanguages)) s.embeddedLanguages = raw.embeddedLanguages.filter((x): x is string => typeof x === 'string');
  if (typeof raw.sourceKey === 'string') s.sourceKey = raw.sourceKey;
  const hints = raw.inlayHints;
  if (isObject(hints)) {
    if (typeof hints.decodedValues === 'boolean') s.inlayHints.decodedValues = hints.decodedValues;
    if (typeof hints.units === 'boolean') s.inlayHints.units = hints.units;
  }
  return s;
}

/**
 * The project's config file speaks last: it is what CI lints with, and the editor should agree with CI.
 * Its rules are laid over the editor's rule settings.
 */
export function withProjectConfig(settings: Settings, config: ProjectConfig | undefined): Settings {
  if (!config) return settings;
  const out: Settings = { ...settings, rules: { ...settings.rules, ...config.rules } };
  if (config.mode) out.mode = config.mode;
  if (config.sourceKey !== undefined) out.sourceKey = config.sourceKey;
  return out;
}

/** What the checker's output depends on: a cache of check results is valid while this stays the same. */
export function checkKey(settings: Settings): string {
  const rules = Object.keys(settings.rules)
    .sort()
    .map((k) => `${k}=${String(settings.rules[k])}`)
    .join(',');
  return `${settings.mode}|${settings.sourceKey ?? ''}|${rules}`;
}
