/**
 * The one UTF-8 rule: a code point is read from well-formed bytes only (no overlong forms, no surrogates,
 * nothing past U+10FFFF). What a caller does with an invalid byte is its own choice, made visibly: percent
 * decoding keeps the escape as written, base64 reports the value as not text. Nothing substitutes U+FFFD,
 * a character the user never typed.
 */

/**
 * The character at `bytes[i]` (of the first `n`), as its code point times 8 plus its length in bytes, or -1
 * where the bytes there are not strict UTF-8: one number, so a decoder's loop makes no object.
 */
export function utf8Step(bytes: ArrayLike<number>, i: number, n: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return b0 * 8 + 1;
  let need: number;
  let cp: number;
  let min: number;
  if (b0 >= 0xc2 && b0 < 0xe0) {
    need = 1;
    cp = b0 & 0x1f;
    min = 0x80;
  } else if (b0 >= 0xe0 && b0 < 0xf0) {
    need = 2;
    cp = b0 & 0x0f;
    min = 0x800;
  } else if (b0 >= 0xf0 && b0 < 0xf5) {
    need = 3;
    cp = b0 & 0x07;
    min = 0x10000;
  } else return -1;
  if (i + need >= n) return -1;
  for (let k = 1; k <= need; k++) {
    const b = bytes[i + k]!;
    if ((b & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  return cp * 8 + need + 1;
}

/** The same as an object (percent decoding, which maps each character back to its escapes). */
export function utf8At(bytes: readonly number[], i: number): { cp: number; length: number } | undefined {
  const step = utf8Step(bytes, i, bytes.length);
  return step < 0 ? undefined : { cp: step >> 3, length: step & 7 };
}

/** Code units per String.fromCharCode call: well inside any engine's limit on arguments. */
const CHUNK = 8192;

/** The text the first `n` of `bytes` spell, or undefined where they are not strict UTF-8. Made flat, at once. */
export function utf8Text(bytes: ArrayLike<number>, n: number): string | undefined {
  // as many code units as bytes at most: a plain array, which String.fromCharCode spreads fastest
  const units = new Array<number>(n);
  let u = 0;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units[u++] = b;
      i++;
      continue;
    }
    const step = utf8Step(bytes, i, n);
    if (step < 0) return undefined;
    const cp = step >> 3;
    if (cp < 0x10000) units[u++] = cp;
    else {
      units[u++] = 0xd800 + ((cp - 0x10000) >> 10);
      units[u++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    }
    i += step & 7;
  }
  units.length = u;
  if (u <= CHUNK) return String.fromCharCode.apply(null, units);
  let text = '';
  for (let k = 0; k < u; k += CHUNK) text += String.fromCharCode.apply(null, units.slice(k, k + CHUNK));
  return text;
}
