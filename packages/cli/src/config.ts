import { CONFIG_FILE, configErrorLine, configReadError, parseConfig, type ProjectConfig } from '@ossproc/core';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { FatalError } from './errors';

/**
 * `ossproc.config.json`: found by walking up from each linted file's directory (the nearest one applies;
 * files are not merged), or given with `--config FILE` (then it applies to every file and none is looked
 * for). Core reads and validates it (`parseConfig`, the same reader as the language server's); its JSON
 * schema is schema/ossproc.config.schema.json, generated from the rule table.
 */
export { CONFIG_FILE };

export interface Config extends ProjectConfig {
  /** The file it was read from. */
  path: string;
  /** Patterns in `ignore` and `include` are relative to this directory. */
  dir: string;
}

/** Reads and validates a config file; its first problem is a FatalError naming the file, line and column. */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new FatalError(configReadError(path, (e as NodeJS.ErrnoException).code));
  }
  const { config, errors } = parseConfig(text);
  if (errors[0]) throw new FatalError(configErrorLine(path, text, errors[0]));
  return { ...config, path, dir: dirname(path) };
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
    const kind = entryKind(candidate);
    // a directory of that name is a mistake worth a line, not a reason to look further up
    if (kind === 'directory') throw new FatalError(configReadError(candidate, 'EISDIR'));
    if (kind === 'file') found = loadConfig(candidate);
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

function entryKind(p: string): 'file' | 'directory' | undefined {
  try {
    const s = statSync(p);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}
