import { check, fixAll } from '@ossproc/core';
import { memoUsage } from '../../packages/core/src/check/index';
import { distinctCorpus } from './corpus';

/**
 * fix-all at 10,000 and 100,000 fixes in one string (the shapes that were quadratic: empty parameters,
 * misspelled keys, repeated parameters); linear time shows as a ratio near 10.
 */
export function benchFix() {
  const shapes: Record<string, (n: number) => string> = {
    'empty parameters': (n) => 'video/convert' + ','.repeat(n),
    'misspelled keys': (n) => 'video/convert,f_mp4' + ',vcodex_h264'.repeat(n),
    'repeated parameters': (n) => 'video/convert,f_mp4' + ',fps_30'.repeat(n),
  };
  const rows: { shape: string; ms10k: number; ms100k: number; ratio: number }[] = [];
  for (const [shape, make] of Object.entries(shapes)) {
    const time = (n: number) => {
      const text = make(n);
      fixAll(text.slice(0, 1000)); // warm up
      const t = performance.now();
      const r = fixAll(text);
      const ms = performance.now() - t;
      if (r.applied.length < n - 1) throw new Error(`${shape}: ${r.applied.length} of ${n} fixes applied`);
      return ms;
    };
    const ms10k = time(10_000);
    const ms100k = time(100_000);
    rows.push({ shape, ms10k, ms100k, ratio: ms100k / ms10k });
  }
  return rows;
}

/**
 * The memo on a repeated working set of 4,000 and 8,000 distinct strings (the old memo dropped everything
 * at 4,096 strings: a 57× cliff); no cliff shows as a ratio near 1.
 */
export function benchMemo() {
  const rate = (n: number) => {
    const set = distinctCorpus(n);
    for (const s of set) check(s);
    const t = performance.now();
    for (let r = 0; r < 5; r++) for (const s of set) check(s);
    return (5 * n) / ((performance.now() - t) / 1000);
  };
  const r4k = rate(4_000);
  const r8k = rate(8_000);
  return { r4k, r8k, ratio: r4k / r8k, memo: memoUsage() };
}
