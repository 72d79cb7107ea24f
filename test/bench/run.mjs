// `pnpm bench`: every benchmark, figures as ratios to baselines measured in the same run.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'node_modules', '.cache', 'ossproc', 'core-bench.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({ entryPoints: [join(here, 'core-bench.ts')], bundle: true, platform: 'node', format: 'esm', conditions: ['ossproc-source'], outfile: out, logLevel: 'warning' });
const { benchCore } = await import(pathToFileURL(out).href);

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log('## core: parse + check (300,000 seed-like strings, 10% broken)');
const core = benchCore(300_000);
const raw = core.rates['raw charCodeAt scan'];
const chev = core.rates['Chevrotain lex + parse'];
for (const [name, rate] of Object.entries(core.rates)) {
  console.log(`${name.padEnd(36)} ${fmt(rate).padStart(12)} strings/s   ${(rate / raw).toFixed(3)}× raw scan   ${(rate / chev).toFixed(2)}× Chevrotain lex+parse`);
}
const ratio = core.rates['ossproc parse + check'] / raw;
console.log(`budget: parse + check ≥ 0.10× raw scan: ${ratio.toFixed(3)}× ${ratio >= 0.1 ? 'OK' : 'OVER BUDGET'}`);
console.log('(the seed-like corpus repeats strings as preset files do, and check() answers a repeat from its memo; the "all distinct" row defeats the memo and measures the full work)');

// the CLI and the language server have their own benchmarks beside their code
for (const [title, file, fn] of [
  ['## cli: ossproc lint on large .ossproc files', join(root, 'packages/cli/bench/lint-bench.mjs'), 'runCliBench'],
  ['## language server over stdio (10,000-line document)', join(here, 'lsp-bench.mjs'), 'runLspBench'],
]) {
  if (!existsSync(file)) continue;
  console.log(`\n${title}`);
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod[fn] === 'function') await mod[fn]();
}
