// Declaration files for a published package: tsc's declaration emit from src/, with every relative specifier
// given the extension Node's ESM resolution needs ('./syntax/parse' → './syntax/parse.js'), since the sources
// are written for a bundler. Each file is written once per kind of module asked for: `.d.ts` (ESM, for
// `import`) and `.d.cts` (CJS, for `require`), so a consumer type-checks under nodenext. Only the files
// reachable from index.d.ts are kept, and an import of a package not in `packages` is an error (a consumer
// would need that package's types).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g;

/**
 * Emits `pkg`'s declarations into `pkg/dist`; returns how many files were written per kind.
 * @param {string} pkg the package's folder (with tsconfig.json and src/)
 * @param {{ kinds?: ('js' | 'cjs')[], packages?: string[], name: string, project?: string }} options  `packages`: the packages
 *   (and `node:` for Node's built-ins) whose types a consumer has along with this one
 */
export function emitDeclarations(pkg, { kinds = ['js', 'cjs'], packages = [], name, project = 'tsconfig.json' }) {
  const fail = (message) => {
    console.error(`${name} build: ${message}`);
    process.exit(1);
  };
  const emitted = join(pkg, 'node_modules/.cache/ossproc-dts');
  const dist = join(pkg, 'dist');
  rmSync(emitted, { recursive: true, force: true });
  const tsc = join(pkg, '../../node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(pkg, project), '--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--rootDir', join(pkg, 'src'), '--outDir', emitted], { stdio: 'inherit' });
  } catch {
    fail('tsc could not emit the declarations');
  }
  const queue = ['index.d.ts'];
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.shift();
    const text = readFileSync(join(emitted, file), 'utf8');
    // JSDoc examples hold import lines too: rewrite only outside block comments
    const rewrite = (ext) =>
      text
        .split(/(\/\*[\s\S]*?\*\/)/)
        .map((part, i) =>
          i % 2
            ? part
            : part.replace(SPECIFIER, (whole, lead, quote, spec) => {
                if (!spec.startsWith('.')) {
                  if (packages.some((p) => spec === p || spec.startsWith(p.endsWith(':') ? p : `${p}/`))) return whole;
                  fail(`${file} imports '${spec}': a consumer would need that package's types`);
                }
                const base = join(dirname(join(emitted, file)), spec);
                const target = existsSync(`${base}.d.ts`) ? `${spec}` : existsSync(join(base, 'index.d.ts')) ? `${spec}/index` : undefined;
                if (!target) fail(`${file}: no declaration file for '${spec}'`);
                const next = relative(emitted, existsSync(`${base}.d.ts`) ? `${base}.d.ts` : join(base, 'index.d.ts'));
                if (!seen.has(next)) {
                  seen.add(next);
                  queue.push(next);
                }
                return `${lead}${quote}${target}.${ext}${quote}`;
              }),
        )
        .join('');
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    for (const kind of kinds) writeFileSync(join(dist, kind === 'js' ? file : file.replace(/\.d\.ts$/, '.d.cts')), rewrite(kind));
  }
  return seen.size;
}
