import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertBuilt } from './client';

/** The LSP benchmark still runs (small sizes; the figures themselves come from `node test/bench/lsp-bench.mjs`). */
describe('test/bench/lsp-bench.mjs', () => {
  it('returns p50 and p95 of completion, hover, re-diagnosis (and where it goes) and a full diagnosis, the size of a publish and the transport floor', () => {
    assertBuilt();
    const bench = new URL('../bench/lsp-bench.mjs', import.meta.url).href;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const { benchLsp } = await import(${JSON.stringify(bench)}); console.log(JSON.stringify(await benchLsp({ lines: 1000, runs: 20, warmup: 2 })));`], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
    });
    type Stats = { p50: number; p95: number };
    const { publish, profile, floor, ...result } = JSON.parse(out) as Record<string, Stats> & { publish: { bytes: number; diagnostics: number; parse: Stats }; profile: Record<string, Stats>; floor: Stats };
    expect(Object.keys(result).sort()).toEqual(['completion', 'fullDiagnosis', 'hover', 'rediagnose']);
    // the size of what each publish carries, and what parsing it costs a client
    expect(publish.diagnostics).toBeGreaterThan(0);
    expect(publish.bytes).toBeGreaterThan(publish.diagnostics * 100);
    // where a re-diagnosis goes: the server's work, the pipe, the client's parse
    expect(Object.keys(profile).sort()).toEqual(['client', 'server', 'transfer']);
    // and the same keystrokes answered by a stand-in that only sends the same list: the transport's floor
    for (const v of [...Object.values(result), publish.parse, ...Object.values(profile), floor]) {
      expect(Number.isFinite(v.p50) && Number.isFinite(v.p95)).toBe(true);
      expect(v.p95).toBeGreaterThanOrEqual(v.p50);
    }
  });

  it('makes its document with findings on one line in `every`', async () => {
    // @ts-expect-error: a plain ES module
    const { benchDocument } = (await import('../bench/lsp-bench.mjs')) as { benchDocument: (lines: number, salt: number, every?: number) => string };
    const broken = (text: string) => text.split('\n').filter((l) => l.includes('aq_80')).length;
    expect(broken(benchDocument(10_000, 0))).toBe(500);
    expect(broken(benchDocument(10_000, 0, 200))).toBe(50);
    expect(benchDocument(10_000, 0, 200).split('\n').length).toBe(10_001);
  });
});
