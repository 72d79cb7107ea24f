import { fixAll } from '@ossproc/core';

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
