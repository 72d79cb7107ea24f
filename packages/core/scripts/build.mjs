// Builds @ossproc/core's dist/: one ESM and one CJS bundle (chevrotain inside, so a consumer installs nothing
// else; minified, names kept for stack traces and `instanceof` messages), and declaration files.
//
// The declarations are tsc's, written as `.d.ts` and `.d.cts` by scripts/declarations.mjs; core's may import
// no package at all (a consumer installs nothing but core).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { emitDeclarations } from '../../../scripts/declarations.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const dist = join(pkg, 'dist');

rmSync(dist, { recursive: true, force: true });
const common = { entryPoints: [join(pkg, 'src/index.ts')], bundle: true, platform: 'neutral', target: 'es2022', minify: true, keepNames: true, legalComments: 'none', logLevel: 'warning' };
await Promise.all([
  build({ ...common, format: 'esm', outfile: join(dist, 'index.js') }),
  build({ ...common, format: 'cjs', outfile: join(dist, 'index.cjs') }),
]);

const files = emitDeclarations(pkg, { name: 'core' });
console.log(`core build: dist/index.js, dist/index.cjs, ${files} declaration files (.d.ts and .d.cts)`);
