// Builds the extension: the client (src/extension.ts) and the language server
// (../packages/language-server/src/main.ts) bundled with esbuild into dist/ (CJS, minified, source maps,
// `vscode` external), the web extension's client and worker server into dist/browser/, the grammars copied from ../grammar into syntaxes/, and the ossproc.config.json
// schema copied from the CLI into schemas/. Every path the manifest names is checked at the end.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildBrowserServer } from '../../packages/language-server/scripts/browser.mjs';

const ext = fileURLToPath(new URL('..', import.meta.url));
const repo = join(ext, '..');
const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));

function fail(message) {
  console.error(`extension build: ${message}`);
  process.exit(1);
}

rmSync(join(ext, 'dist'), { recursive: true, force: true });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, sourcemap: true, external: ['vscode'], logLevel: 'warning', legalComments: 'none' };
// the web extension (manifest `browser`): a client for the web extension host and the server in a worker
const web = { ...common, platform: 'browser', target: 'es2022', sourcemap: false };
await Promise.all([
  build({ ...common, entryPoints: [join(ext, 'src/extension.ts')], outfile: join(ext, 'dist/client.js') }),
  build({ ...common, entryPoints: [join(repo, 'packages/language-server/src/main.ts')], outfile: join(ext, 'dist/server.js'), conditions: ['ossproc-source'] }),
  build({ ...web, entryPoints: [join(ext, 'src/browser.ts')], outfile: join(ext, 'dist/browser/client.js') }),
  buildBrowserServer(join(repo, 'packages/language-server/src/browserMain.ts'), join(ext, 'dist/browser/server.js'), { minify: true }),
]);

// the grammars the manifest names, from grammar/ (the grammar engineer's files); their scope names must agree
for (const g of manifest.contributes.grammars) {
  const name = g.path.replace(/^\.\/syntaxes\//, '');
  const source = join(repo, 'grammar', name);
  if (!existsSync(source)) fail(`the grammar ${source} named in package.json is missing`);
  const grammar = JSON.parse(readFileSync(source, 'utf8'));
  if (grammar.scopeName !== g.scopeName) fail(`${name} has scopeName ${grammar.scopeName}, package.json says ${g.scopeName}`);
  mkdirSync(join(ext, 'syntaxes'), { recursive: true });
  copyFileSync(source, join(ext, g.path));
}

// the schema of ossproc.config.json, written by the CLI
const schema = join(repo, 'packages/cli/schema/ossproc.config.schema.json');
if (!existsSync(schema)) {
  fail(`${schema} is missing: the CLI package provides the ossproc.config.json schema that jsonValidation points at. Build it (or ask the CLI owner) and run the build again.`);
}
for (const v of manifest.contributes.jsonValidation) {
  mkdirSync(dirname(join(ext, v.url)), { recursive: true });
  copyFileSync(schema, join(ext, v.url));
}

for (const p of [manifest.main, manifest.browser, manifest.icon, ...manifest.contributes.languages.map((l) => l.configuration), 'dist/server.js', 'dist/browser/server.js']) {
  if (!existsSync(join(ext, p))) fail(`${p}, named in package.json, was not produced`);
}
console.log('extension build: dist/client.js, dist/server.js, dist/browser/, syntaxes/, schemas/ ready');
