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
const verdict = (ok) => (ok ? 'OK' : 'OVER BUDGET');
// `node test/bench/run.mjs core` (or fix, broken, cli, lsp) runs one section; BENCH_STRINGS sets the core corpus
// size, BENCH_BROKEN the full-path one
const only = new Set(process.argv.slice(2));
const wants = (section) => only.size === 0 || only.has(section);
const core = wants('core') ? benchCore(Number(process.env.BENCH_STRINGS ?? 50_000), 5) : undefined;
if (core) {
console.log(`## core: ${fmt(core.strings)} strings per corpus, ${core.rounds} interleaved rounds (median), one in ten broken`);
for (const [corpus, rates] of Object.entries(core.table)) {
  console.log(`\n### ${corpus}`);
  const raw = rates['raw charCodeAt scan'];
  const check = rates['ossproc check'];
  for (const [name, rate] of Object.entries(rates)) {
    console.log(`${name.padEnd(24)} ${fmt(rate).padStart(12)} strings/s   ${(rate / raw).toFixed(3)}× raw scan   check ÷ it ${(check / rate).toFixed(2)}`);
  }
  if (corpus.includes('distinct') && !corpus.endsWith('clean only')) {
    const ajv = check / rates['split + ajv'];
    const scan = check / raw;
    const parse = rates['ossproc parse'] / rates['Chevrotain lex + parse'];
    console.log(`budget: check ≥ 1.0× split + ajv: ${ajv.toFixed(2)}× ${verdict(ajv >= 1)}`);
    console.log(`budget: check ≥ 0.25× raw scan: ${scan.toFixed(3)}× ${verdict(scan >= 0.25)}`);
    console.log(`budget: parse ≥ 1.0× Chevrotain lex + parse: ${parse.toFixed(2)}× ${verdict(parse >= 1)}`);
  }
  if (corpus.endsWith('clean only')) {
    // no budget of its own: the fast path's share, beside the broken strings the full path takes
    console.log(`the fast path: check ${(check / rates['split + ajv']).toFixed(2)}× split + ajv, ${(check / raw).toFixed(3)}× raw scan`);
  }
}
const small = core.memo['check, working set 4,000'];
const large = core.memo['check, working set 8,000'];
console.log(`\n### the memo's working set\n4,000 strings ${fmt(small)}/s, 8,000 strings ${fmt(large)}/s`);
console.log(`budget: 8,000 within 2× of 4,000: ${(small / large).toFixed(2)}× slower ${verdict(small / large <= 2)}`);
}

if (wants('core') || wants('fix')) {
  console.log('\n## core: fix-all, 10,000 and 100,000 fixes in one string (linear: ratio near 10)');
  const fixOut = join(root, 'node_modules', '.cache', 'ossproc', 'fix-bench.mjs');
  await build({ entryPoints: [join(here, 'fix-bench.ts')], bundle: true, platform: 'node', format: 'esm', conditions: ['ossproc-source'], outfile: fixOut, logLevel: 'warning' });
  const { benchFix, benchChains } = await import(pathToFileURL(fixOut).href);
  const rows = (list) => {
    for (const { shape, ms10k, ms100k, ratio } of list) {
      console.log(`${shape.padEnd(22)} 10k ${ms10k.toFixed(0).padStart(6)} ms   100k ${ms100k.toFixed(0).padStart(7)} ms   ratio ${ratio.toFixed(1)}   budget ≤ 15: ${verdict(ratio <= 15)}`);
    }
  };
  rows(benchFix());
  console.log('\n## core: check() of one string of 10,000 and 100,000 actions (linear: ratio near 10)');
  rows(benchChains());
}

// distinct broken strings (every one runs the full path) and distinct clean ones, against split + ajv on the same strings
if (wants('broken')) {
  const brokenOut = join(root, 'node_modules', '.cache', 'ossproc', 'broken-bench.mjs');
  await build({ entryPoints: [join(here, 'broken-bench.ts')], bundle: true, platform: 'node', format: 'esm', conditions: ['ossproc-source'], outfile: brokenOut, logLevel: 'warning' });
  const { benchBroken } = await import(pathToFileURL(brokenOut).href);
  const broken = benchBroken(Number(process.env.BENCH_BROKEN ?? 5_000), 5);
  console.log(`\n## core: broken strings (the full path) and clean ones, ${fmt(broken.strings)} distinct strings per corpus, ${broken.rounds} interleaved rounds (median)`);
  for (const [name, { check, ajv, found }] of Object.entries(broken.table)) {
    console.log(`${name.padEnd(14)} check ${check.toFixed(2).padStart(7)} µs/string   split + ajv ${ajv.toFixed(2).padStart(6)} µs/string   check is ${(ajv / check).toFixed(3)}× split + ajv   ${(100 * found).toFixed(0)}% with findings`);
  }
}

// the CLI's benchmark lives beside its code; 100,000 lines beside 1,000,000 show that memory stays flat
if (wants('cli')) {
  const cli = await import(pathToFileURL(join(root, 'packages/cli/bench/lint-bench.mjs')).href);
  // the peer: a split + ajv script over the same file, in the same run
  const peer = join(root, 'node_modules', '.cache', 'ossproc', 'ajv-lint.cjs');
  await build({ entryPoints: [join(here, 'ajv-lint.ts')], bundle: true, platform: 'node', format: 'cjs', conditions: ['ossproc-source'], outfile: peer, logLevel: 'warning' });
  console.log('\n## cli: ossproc lint on large .ossproc files (BENCH_LINES sets the large one)');
  await cli.runCliBench({ lines: 100_000, peer });
  await cli.runCliBench({ lines: Number(process.env.BENCH_LINES ?? 1_000_000), peer, cold: false });
}

if (wants('lsp')) {
  const { benchLsp } = await import(pathToFileURL(join(here, 'lsp-bench.mjs')).href);
  // two documents: findings on one line in 20 (1,000 diagnostics, the cap: each publish is large) and on one in 200 (150)
  for (const every of [20, 200]) {
    console.log(`\n## language server over stdio (10,000-line document, findings on one line in ${every}, 200 requests each)`);
    const lsp = await benchLsp({ every });
    for (const [name, budget] of [['completion', 10], ['hover', 10], ['rediagnose', 50]]) {
      const { p50, p95 } = lsp[name];
      console.log(`${name.padEnd(12)} p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   budget p95 ≤ ${budget} ms: ${p95 <= budget ? 'OK' : 'OVER BUDGET'}`);
    }
    const ratio = lsp.rediagnose.p95 / lsp.fullDiagnosis.p50;
    console.log(`full diagnosis of the document p50 ${lsp.fullDiagnosis.p50.toFixed(1)} ms; one-character re-diagnosis p95 is ${ratio.toFixed(3)}× it   budget ≤ 0.05×: ${ratio <= 0.05 ? 'OK' : 'OVER BUDGET'}`);
    const { bytes, diagnostics, parse } = lsp.publish;
    console.log(`each publish: ${diagnostics} diagnostics, ${fmt(bytes / 1024)} KB; the client's JSON.parse of one p50 ${parse.p50.toFixed(2)} ms = ${(parse.p50 / lsp.fullDiagnosis.p50).toFixed(3)}× the full diagnosis (a floor under the ratio: LSP pushes the whole list)`);
    const { floor } = lsp;
    console.log(`transport floor (a stand-in server that only sends the same list, same run): p95 ${floor.p95.toFixed(2)} ms = ${(floor.p95 / lsp.fullDiagnosis.p50).toFixed(3)}× the full diagnosis; the server's re-diagnosis p95 is ${(lsp.rediagnose.p95 / floor.p95).toFixed(2)}× the floor`);
  }
}
