/**
 * BMP, which libvips does not write: an uncompressed BITMAPINFOHEADER file, 24-bit BGR or (with alpha)
 * 32-bit BGRA, rows bottom-up and padded to 4 bytes. Input is raw RGB(A) pixels.
 */
export function encodeBmp(pixels: Buffer, width: number, height: number, channels: 3 | 4): Buffer {
  const bpp = channels === 4 ? 32 : 24;
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  const imageBytes = rowBytes * height;
  const out = Buffer.alloc(54 + imageBytes);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(bpp, 28);
  out.writeUInt32LE(0, 30); // BI_RGB
  out.writeUInt32LE(imageBytes, 34);
  out.writeInt32LE(2835, 38); // 72 dpi
  out.writeInt32LE(2835, 42);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const o = row + x * channels;
      out[o] = pixels[i + 2]!;
      out[o + 1] = pixels[i + 1]!;
      out[o + 2] = pixels[i]!;
      if (channels === 4) out[o + 3] = pixels[i + 3]!;
    }
  }
  return out;
}

/** Reads an uncompressed 24/32-bit BMP back into raw pixels (libvips cannot read BMP either); undefined for others. */
export function decodeBmp(b: Buffer): { pixels: Buffer; width: number; height: number; channels: 3 | 4 } | undefined {
  if (b.length < 54 || b.toString('ascii', 0, 2) !== 'BM') return undefined;
  const offset = b.readUInt32LE(10);
  const width = b.readInt32LE(18);
  const rawHeight = b.readInt32LE(22);
  const bpp = b.readUInt16LE(28);
  const compression = b.readUInt32LE(30);
  if ((bpp !== 24 && bpp !== 32) || (compression !== 0 && compression !== 3) || width <= 0 || rawHeight === 0) return undefined;
  const height = Math.abs(rawHeight);
  const channels = bpp === 32 ? 4 : 3;
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  if (offset + rowBytes * height > b.length) return undefined;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const s = row + x * (bpp / 8);
      const o = (y * width + x) * channels;
      pixels[o] = b[s + 2]!;
      pixels[o + 1] = b[s + 1]!;
      pixels[o + 2] = b[s]!;
      if (channels === 4) pixels[o + 3] = b[s + 3]!;
    }
  }
  return { pixels, width, height, channels };
}
