/**
 * Undoes URL percent-encoding (`%2C` → `,`), keeping for every decoded character the offset of its source,
 * so ranges found in the decoded text map back to what was written. Malformed escapes stay as they are.
 */
export interface Decoded {
  text: string;
  /** offsets[i] is the source offset of text[i]; offsets[text.length] is the source length. */
  offsets: number[];
}

const HEX = /^[0-9A-Fa-f]{2}$/;

export function hasPercentEscape(text: string): boolean {
  for (let i = text.indexOf('%'); i !== -1; i = text.indexOf('%', i + 1)) {
    if (HEX.test(text.slice(i + 1, i + 3))) return true;
  }
  return false;
}

export function percentDecode(source: string): Decoded {
  let text = '';
  const offsets: number[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.charCodeAt(i) === 37 /* % */ && HEX.test(source.slice(i + 1, i + 3))) {
      // a run of escapes may spell one multi-byte UTF-8 character: decode the run's bytes together
      const bytes: number[] = [];
      const starts: number[] = [];
      let j = i;
      while (source.charCodeAt(j) === 37 && HEX.test(source.slice(j + 1, j + 3))) {
        bytes.push(parseInt(source.slice(j + 1, j + 3), 16));
        starts.push(j);
        j += 3;
      }
      let b = 0;
      while (b < bytes.length) {
        const { char, length } = utf8Char(bytes, b);
        text += char;
        for (let k = 0; k < char.length; k++) offsets.push(starts[b]!);
        b += length;
      }
      i = j;
    } else {
      text += source[i];
      offsets.push(i);
      i++;
    }
  }
  offsets.push(source.length);
  return { text, offsets };
}

/** Decodes one UTF-8 character at `at`; an invalid byte decodes to U+FFFD on its own. */
function utf8Char(bytes: number[], at: number): { char: string; length: number } {
  const b0 = bytes[at]!;
  const need = b0 < 0x80 ? 0 : b0 >= 0xf0 && b0 < 0xf8 ? 3 : b0 >= 0xe0 ? 2 : b0 >= 0xc2 && b0 < 0xe0 ? 1 : -1;
  if (need === 0) return { char: String.fromCharCode(b0), length: 1 };
  if (need < 0 || at + need >= bytes.length) return { char: '\uFFFD', length: 1 };
  let cp = b0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) {
    const b = bytes[at + k]!;
    if ((b & 0xc0) !== 0x80) return { char: '\uFFFD', length: 1 };
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { char: '\uFFFD', length: 1 };
  return { char: String.fromCodePoint(cp), length: need + 1 };
}
