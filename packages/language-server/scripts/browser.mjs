// The browser worker build of the server (src/browserMain.ts), shared by this package's build and the
// extension's. Node's fs/path/url are reached only for file: URIs (ossproc.config.json lookup), which a worker
// never has: they become stubs that throw, which the config loader already treats as "no config".
import { build } from 'esbuild';

const NODE_ONLY = /^(node:)?(fs|path|url)$/;

const unavailable = {
  name: 'node-builtins-unavailable',
  setup(b) {
    b.onResolve({ filter: NODE_ONLY }, (args) => ({ path: args.path, namespace: 'unavailable' }));
    b.onLoad({ filter: /.*/, namespace: 'unavailable' }, (args) => ({
      contents: `const no = () => { throw new Error(${JSON.stringify(`${args.path} is not available in a browser`)}); };
export const readFileSync = no, dirname = no, join = no, fileURLToPath = no;`,
      loader: 'js',
    }));
  },
};

/** Bundles the worker server into `outfile` (one IIFE, no imports left). */
export function buildBrowserServer(entry, outfile, options = {}) {
  return build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    conditions: ['ossproc-source'],
    plugins: [unavailable],
    logLevel: 'warning',
    legalComments: 'none',
    ...options,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const here = new URL('..', import.meta.url).pathname;
  await buildBrowserServer(`${here}src/browserMain.ts`, `${here}dist/browser-server.js`, { sourcemap: true });
}
