import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProjectConfig, type ProjectConfig } from './service/settings';

/**
 * The project's `ossproc.config.json`, as the CLI finds it: the nearest one walking up from the document's
 * file. Only `rules`, `mode` and `sourceKey` matter to the editor (`ignore` and `include` choose files to
 * lint, which is the CLI's business). Only file: URIs have one. A file that does not parse is ignored, with
 * a log line.
 */
export const CONFIG_FILE = 'ossproc.config.json';

/** JSON with // and /* *\/ comments and trailing commas tolerated (the way editors write config files). */
export function parseConfigText(text: string): unknown {
  const stripped = text
    .replace(/^\uFEFF/, '')
    .replace(/"(?:\\.|[^"\\])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('"') ? m : ''))
    .replace(/"(?:\\.|[^"\\])*"|,(\s*[}\]])/g, (m, close: string | undefined) => (close !== undefined ? close : m));
  return JSON.parse(stripped);
}

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
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
      if (text !== undefined) {
        try {
          found = readProjectConfig(parseConfigText(text));
        } catch (e) {
          this.log(`ossproc: ${file} is not valid JSON and is ignored (${e instanceof Error ? e.message : String(e)})`);
          found = undefined;
        }
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
