import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configErrorLine, parseConfig, type CheckMode, type RuleSetting } from '@ossproc/core';

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

const byDir = new Map<string, ProjectConfig>();

/** Read by core's config model, as the CLI and the server read it (comments, `extends`, severities). */
export function readConfigText(text: string, file: string): ProjectConfig {
  const { config, errors } = parseConfig(text);
  const out: ProjectConfig = { rules: config.rules, file };
  if (config.mode) out.mode = config.mode;
  if (errors[0]) out.problem = configErrorLine(file, text, errors[0]);
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
