import { CONFIG_FILE, configErrorLine, configReadError, parseConfig, type ProjectConfig } from '@ossproc/core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's `ossproc.config.json`, as the CLI finds it: the nearest one walking up from the document's
 * file, read by core's `parseConfig` (the CLI's reader). Only `rules` (with `extends`), `mode` and `sourceKey`
 * matter to the editor (`ignore` and `include` choose files to lint, which is the CLI's business). Only file:
 * URIs have one. Each problem is logged as the same line the CLI prints; what is valid still applies.
 */
export { CONFIG_FILE };

export class ConfigLoader {
  /** Per directory: the config that governs it (undefined: none). */
  private readonly byDir = new Map<string, ProjectConfig | undefined>();

  constructor(private readonly log: (message: string) => void) {}

  forUri(uri: string): ProjectConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let dir: string;
    try {
      dir = dirname(fileURLToPath(uri));
    } catch {
      return undefined;
    }
    const visited: string[] = [];
    let found: ProjectConfig | undefined;
    for (;;) {
      if (this.byDir.has(dir)) {
        found = this.byDir.get(dir);
        break;
      }
      visited.push(dir);
      const file = join(dir, CONFIG_FILE);
      let text: string | undefined;
      let code: string | undefined;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        code = (e as NodeJS.ErrnoException).code;
      }
      if (text !== undefined) {
        const { config, errors } = parseConfig(text);
        for (const e of errors) this.log(`ossproc: ${configErrorLine(file, text, e)}`);
        found = config;
        break;
      }
      if (code !== undefined && code !== 'ENOENT' && code !== 'ENOTDIR') {
        // a directory of that name, an unreadable file: said, and not looked past
        this.log(`ossproc: ${configReadError(file, code)}`);
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found;
  }

  /** Forget everything (a config file changed, was created or deleted). */
  clear(): void {
    this.byDir.clear();
  }
}
