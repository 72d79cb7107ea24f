// Builds @ossproc/preview's dist/: one ESM bundle (its dependencies, core and sharp, stay imports) and the
// declarations, which may name core's, sharp's and Node's types (a consumer has them with this package).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { emitDeclarations } from '../../../scripts/declarations.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
rmSync(join(pkg, 'dist'), { recursive: true, force: true });
await build({ entryPoints: [join(pkg, 'src/index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: join(pkg, 'dist/index.js'), logLevel: 'warning' });
const files = emitDeclarations(pkg, { name: 'preview', kinds: ['js'], packages: ['@ossproc/core', 'sharp', 'node:'], project: 'tsconfig.build.json' });
console.log(`preview build: dist/index.js, ${files} declaration files`);
