import { check, fixAll } from '@ossproc/core';

/**
 * fix-all at 10,000 and 100,000 fixes in one string (the shapes that were quadratic: empty parameters,
 * misspelled names, repeated parameters); linear time shows as a ratio near 10.
 */
export function benchFix() {
  const shapes: Record<string, (n: number) => string> = {
    'empty parameters': (n) => 'video/convert' + ','.repeat(n),
    'misspelled actions': (n) => 'image' + '/resiz,w_100'.repeat(n),
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
 * check() on one string of 10,000 and of 100,000 actions, in the shapes that were quadratic (each quality step
 * re-read the stage's format; each concat input walked back over its siblings); linear time shows as a ratio near 10.
 */
export function benchChains() {
  const shapes: Record<string, [(n: number) => string, { mode?: 'async' }]> = {
    'quality steps': [(n) => 'image/resize,w_100' + '/quality,q_90'.repeat(n), {}],
    'interlace steps': [(n) => 'image/format,jpg' + '/interlace,1'.repeat(n), {}],
    'concat inputs': [(n) => 'video/concat,f_mp4' + '/pre,o_YS5tcDQ'.repeat(n) + '|sys/saveas,o_b3V0Lm1wNA', { mode: 'async' }],
  };
  const rows: { shape: string; ms10k: number; ms100k: number; ratio: number }[] = [];
  for (const [shape, [make, options]] of Object.entries(shapes)) {
    const time = (n: number) => {
      const text = make(n);
      check(make(100), options); // warm up
      const t = performance.now();
      check(text, options);
      return performance.now() - t;
    };
    const ms10k = time(10_000);
    const ms100k = time(100_000);
    rows.push({ shape, ms10k, ms100k, ratio: ms100k / ms10k });
  }
  return rows;
}
