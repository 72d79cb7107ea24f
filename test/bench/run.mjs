// `pnpm bench`: every benchmark, figures as ratios to baselines measured in the same run.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
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

console.log('\n## core: fix-all, 10,000 and 100,000 fixes in one string (linear: ratio near 10)');
const fixOut = join(root, 'node_modules', '.cache', 'ossproc', 'fix-bench.mjs');
await build({ entryPoints: [join(here, 'fix-bench.ts')], bundle: true, platform: 'node', format: 'esm', conditions: ['ossproc-source'], outfile: fixOut, logLevel: 'warning' });
const { benchFix, benchMemo } = await import(pathToFileURL(fixOut).href);
for (const { shape, ms10k, ms100k, ratio } of benchFix()) {
  console.log(`${shape.padEnd(22)} 10k ${ms10k.toFixed(0).padStart(6)} ms   100k ${ms100k.toFixed(0).padStart(7)} ms   ratio ${ratio.toFixed(1)}   budget ≤ 15: ${ratio <= 15 ? 'OK' : 'OVER BUDGET'}`);
}
const memoRow = benchMemo();
console.log(`memo, repeated working set: 4,000 strings ${fmt(memoRow.r4k)}/s, 8,000 strings ${fmt(memoRow.r8k)}/s, ratio ${memoRow.ratio.toFixed(2)}   budget ≤ 2 (no cliff): ${memoRow.ratio <= 2 ? 'OK' : 'OVER BUDGET'}   (memo holds ${fmt(memoRow.memo.bytes / 1024)} KB of ${fmt(memoRow.memo.maxBytes / 1024)} KB)`);

// the CLI's benchmark lives beside its code; 100,000 lines beside 1,000,000 show that memory stays flat
const cli = await import(pathToFileURL(join(root, 'packages/cli/bench/lint-bench.mjs')).href);
console.log('\n## cli: ossproc lint on large .ossproc files');
await cli.runCliBench({ lines: 100_000 });
await cli.runCliBench({ lines: 1_000_000 });

console.log('\n## language server over stdio (10,000-line document, 200 requests each)');
const { benchLsp } = await import(pathToFileURL(join(here, 'lsp-bench.mjs')).href);
const lsp = await benchLsp();
for (const [name, budget] of [['completion', 10], ['hover', 10], ['rediagnose', 50]]) {
  const { p50, p95 } = lsp[name];
  console.log(`${name.padEnd(12)} p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   budget p95 ≤ ${budget} ms: ${p95 <= budget ? 'OK' : 'OVER BUDGET'}`);
}
