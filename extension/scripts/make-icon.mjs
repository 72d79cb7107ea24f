// Writes images/icon.png (128×128): an orange rounded square with the separators of the language in
// white — a slash, a pipe and an underscore. A tiny PNG encoder (node:zlib, CRC-32) and 4×4 supersampling.
//   node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;

/** Distance from p to the segment a–b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Signed distance to a rounded square (negative inside). */
function roundedSquare(px, py, inset, radius) {
  const c = SIZE / 2;
  const h = c - inset - radius;
  const qx = Math.abs(px - c) - h;
  const qy = Math.abs(py - c) - h;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

const STROKES = [
  [30, 98, 58, 30], // /
  [80, 30, 80, 98], // |
  [96, 98, 108, 98], // _
];
const WIDTH = 6.5;

function sample(x, y) {
  if (roundedSquare(x, y, 4, 22) > 0) return [0, 0, 0, 0];
  if (STROKES.some(([ax, ay, bx, by]) => segment(x, y, ax, ay, bx, by) <= WIDTH)) return [255, 255, 255, 255];
  // orange, lighter towards the top left
  const t = (x + y) / (2 * SIZE);
  return [255, Math.round(150 - 60 * t), Math.round(40 - 40 * t), 255];
}

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const [r, g, b, a] = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        acc[0] += r * a;
        acc[1] += g * a;
        acc[2] += b * a;
        acc[3] += a;
      }
    }
    const i = (y * SIZE + x) * 4;
    const alpha = acc[3] / (SS * SS);
    pixels[i] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
    pixels[i + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
    pixels[i + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
    pixels[i + 3] = Math.round(alpha);
  }
}

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(new URL('../images/', import.meta.url), { recursive: true });
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
