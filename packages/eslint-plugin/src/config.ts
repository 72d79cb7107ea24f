import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckMode, RuleSetting } from '@ossproc/core';
import { parse, type ParseError } from 'jsonc-parser';

/**
 * The project's `ossproc.config.json`, found as the ossproc CLI finds it (walking up from the linted file), so
 * that ESLint reports what CI reports. Only `rules` (severity per ossproc rule id; `off` drops a finding) and
 * `mode` matter here. A file that does not parse is a configuration error, said once per file.
 */
export const CONFIG_FILE = 'ossproc.config.json';

export interface ProjectConfig {
  rules: Record<string, RuleSetting>;
  mode?: CheckMode;
  /** Where it was read from (undefined: none found). */
  file?: string;
  /** Why it could not be read, when it could not. */
  problem?: string;
}

const SETTINGS = new Set<unknown>(['off', 'info', 'warn', 'warning', 'error', 0, 1, 2]);
const MODES = new Set<unknown>(['auto', 'sync', 'async']);

const byDir = new Map<string, ProjectConfig>();

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rule settings as written, ESLint's `["warn", {…}]` read by its first item; unknown words are dropped. */
export function readRules(raw: unknown): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!isObject(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (SETTINGS.has(v)) out[id] = v as RuleSetting;
  }
  return out;
}

export function readConfigText(text: string, file: string): ProjectConfig {
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length || !isObject(raw)) return { rules: {}, file, problem: `${file} is not a JSON object` };
  const out: ProjectConfig = { rules: readRules(raw.rules), file };
  if (MODES.has(raw.mode)) out.mode = raw.mode as CheckMode;
  return out;
}

/** The config governing a file (by its directory), or an empty one. */
export function configFor(filename: string): ProjectConfig {
  if (!filename || filename.startsWith('<')) return { rules: {} };
  const visited: string[] = [];
  let dir = dirname(filename);
  let found: ProjectConfig = { rules: {} };
  for (;;) {
    const known = byDir.get(dir);
    if (known) {
      found = known;
      break;
    }
    visited.push(dir);
    const file = join(dir, CONFIG_FILE);
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      found = readConfigText(text, file);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) byDir.set(d, found);
  return found;
}

/** Forgets what was read (tests, and long-running ESLint servers after a config change). */
export function clearConfigCache(): void {
  byDir.clear();
}
