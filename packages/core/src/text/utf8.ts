/**
 * The one UTF-8 rule: a code point is read from well-formed bytes only (no overlong forms, no surrogates,
 * nothing past U+10FFFF). What a caller does with an invalid byte is its own choice, made visibly: percent
 * decoding keeps the escape as written, base64 reports the value as not text. Nothing substitutes U+FFFD,
 * a character the user never typed.
 */
export function utf8At(bytes: readonly number[], i: number): { cp: number; length: number } | undefined {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return { cp: b0, length: 1 };
  let need: number;
  let cp: number;
  let min: number;
  if (b0 >= 0xc2 && b0 < 0xe0) [need, cp, min] = [1, b0 & 0x1f, 0x80];
  else if (b0 >= 0xe0 && b0 < 0xf0) [need, cp, min] = [2, b0 & 0x0f, 0x800];
  else if (b0 >= 0xf0 && b0 < 0xf5) [need, cp, min] = [3, b0 & 0x07, 0x10000];
  else return undefined;
  if (i + need >= bytes.length) return undefined;
  for (let k = 1; k <= need; k++) {
    const b = bytes[i + k]!;
    if ((b & 0xc0) !== 0x80) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return { cp, length: need + 1 };
}
