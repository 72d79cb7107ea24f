// Builds the playground into dist/: index.html and style.css as they are, src/main.ts bundled for the
// browser. The language service's enums come from vscode-languageserver-types (all the service takes from
// vscode-languageserver), so no server code is bundled.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
rmSync(`${here}dist`, { recursive: true, force: true });
mkdirSync(`${here}dist`, { recursive: true });
await build({
  absWorkingDir: here,
  entryPoints: [`${here}src/main.ts`],
  outfile: `${here}dist/app.js`,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  conditions: ['ossproc-source'],
  mainFields: ['module', 'main'],
  alias: { 'vscode-languageserver': 'vscode-languageserver-types' },
  logLevel: 'warning',
  legalComments: 'none',
});
for (const f of ['index.html', 'style.css']) copyFileSync(`${here}${f}`, `${here}dist/${f}`);
