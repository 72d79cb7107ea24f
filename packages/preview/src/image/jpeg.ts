/**
 * A JPEG's quality, estimated from its luminance quantisation table against the standard (IJG) table: what
 * `quality,q_N` (relative to the source's quality) multiplies. Undefined when the file has no table.
 */
const STD_LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35,
  55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

export function jpegQuality(b: Buffer): number | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return undefined;
    const marker = b[p + 1]!;
    const len = b.readUInt16BE(p + 2);
    if (marker === 0xdb) {
      let q = p + 4;
      while (q < p + 2 + len) {
        const pq = b[q]! >> 4;
        const tq = b[q]! & 15;
        const values: number[] = [];
        for (let i = 0; i < 64; i++) values.push(pq ? b.readUInt16BE(q + 1 + i * 2) : b[q + 1 + i]!);
        q += 1 + 64 * (pq ? 2 : 1);
        if (tq !== 0) continue;
        // the table is stored in zig-zag order, as is the mean ratio: order does not matter for a mean
        const sum = values.reduce((a, v) => a + v, 0);
        const std = STD_LUMA.reduce((a, v) => a + v, 0);
        const scale = (sum * 100) / std;
        const quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
        return Math.max(1, Math.min(100, Math.round(quality)));
      }
    }
    if (marker === 0xda) return undefined;
    p += 2 + len;
  }
  return undefined;
}
