// Builds @ossproc/core's dist/: one ESM and one CJS bundle (chevrotain inside, so a consumer installs nothing
// else; minified, names kept for stack traces and `instanceof` messages), and declaration files.
//
// The declarations are tsc's (declaration emit from src/), with every relative specifier given the extension
// Node's ESM resolution needs ('./syntax/parse' → './syntax/parse.js'), since the sources are written for a
// bundler. Each file is written twice: `.d.ts` (ESM, for `import`) and `.d.cts` (CJS, for `require`), so a
// consumer type-checks under nodenext from either kind of module. Only the files reachable from index.d.ts
// are kept, and one that imports a package is an error (a consumer would need that package's types).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const dist = join(pkg, 'dist');
const emitted = join(pkg, 'node_modules/.cache/ossproc-dts');

function fail(message) {
  console.error(`core build: ${message}`);
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
const common = { entryPoints: [join(pkg, 'src/index.ts')], bundle: true, platform: 'neutral', target: 'es2022', minify: true, keepNames: true, legalComments: 'none', logLevel: 'warning' };
await Promise.all([
  build({ ...common, format: 'esm', outfile: join(dist, 'index.js') }),
  build({ ...common, format: 'cjs', outfile: join(dist, 'index.cjs') }),
]);

rmSync(emitted, { recursive: true, force: true });
const tsc = join(pkg, '../../node_modules/typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(pkg, 'tsconfig.json'), '--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--rootDir', join(pkg, 'src'), '--outDir', emitted], { stdio: 'inherit' });
} catch {
  fail('tsc could not emit the declarations');
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g;
const queue = ['index.d.ts'];
const seen = new Set(queue);
while (queue.length) {
  const file = queue.shift();
  const text = readFileSync(join(emitted, file), 'utf8');
  // JSDoc examples hold import lines too: rewrite only outside block comments
  const rewrite = (ext) =>
    text.split(/(\/\*[\s\S]*?\*\/)/).map((part, i) => (i % 2 ? part : part.replace(SPECIFIER, (whole, lead, quote, spec) => {
      if (!spec.startsWith('.')) fail(`${file} imports '${spec}': a consumer would need that package's types`);
      const base = join(dirname(join(emitted, file)), spec);
      const target = existsSync(`${base}.d.ts`) ? `${spec}` : existsSync(join(base, 'index.d.ts')) ? `${spec}/index` : undefined;
      if (!target) fail(`${file}: no declaration file for '${spec}'`);
      const next = relative(emitted, existsSync(`${base}.d.ts`) ? `${base}.d.ts` : join(base, 'index.d.ts'));
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
      return `${lead}${quote}${target}.${ext}${quote}`;
    }))).join('');
  mkdirSync(dirname(join(dist, file)), { recursive: true });
  writeFileSync(join(dist, file), rewrite('js'));
  writeFileSync(join(dist, file.replace(/\.d\.ts$/, '.d.cts')), rewrite('cjs'));
}
console.log(`core build: dist/index.js, dist/index.cjs, ${seen.size} declaration files (.d.ts and .d.cts)`);
