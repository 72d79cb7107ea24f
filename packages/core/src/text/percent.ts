import { utf8At } from './utf8';

/**
 * Undoes URL percent-encoding (`%2C` → `,`, `%E4%B8%AD` → `中`) once, keeping for every decoded character the
 * offset of its source (the `%` of its first triplet), so ranges found in the decoded text map back to what
 * was written. A triplet that is not part of valid UTF-8 (`%FF`) stays as written (see utf8.ts). This is the
 * only percent decoder: the extractors use it for URL parameter values (through embed/decode.ts) and
 * `parse()` for a string that still holds escapes.
 */
export interface Mapped {
  text: string;
  /** offsets[i] is the source offset of text[i]; offsets[text.length] is where the source ends. */
  offsets: number[];
  /** Where a character's source ends when that is not where the next one starts (see EmbeddedRegion.ends). */
  ends?: number[];
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The byte of a `%XX` triplet at t[i], or -1. */
function tripletAt(t: string, i: number): number {
  if (t.charCodeAt(i) !== 37 || i + 2 >= t.length) return -1;
  const h = hexVal(t.charCodeAt(i + 1));
  const l = hexVal(t.charCodeAt(i + 2));
  return h < 0 || l < 0 ? -1 : h * 16 + l;
}

export function hasPercentEscape(text: string): boolean {
  for (let i = text.indexOf('%'); i !== -1; i = text.indexOf('%', i + 1)) if (tripletAt(text, i) >= 0) return true;
  return false;
}

/**
 * Decodes `source` (whose characters sit at `offsets`, the identity when not given). Returns the input
 * itself when it holds no escape.
 */
export function percentDecode(source: Mapped | string): Mapped {
  const src: Mapped = typeof source === 'string' ? { text: source, offsets: identity(source.length) } : source;
  const t = src.text;
  if (!hasPercentEscape(t)) return src;
  const o = src.offsets;
  const srcEnd = (i: number) => src.ends?.[i] ?? o[i + 1]!;
  let text = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < t.length) {
    if (tripletAt(t, i) < 0) {
      text += t[i];
      offsets.push(o[i]!);
      ends.push(srcEnd(i));
      i++;
      continue;
    }
    // a run of triplets, decoded together: together they may spell one multi-byte character
    const bytes: number[] = [];
    const at: number[] = [];
    for (let j = i, v = tripletAt(t, j); v >= 0; j += 3, v = tripletAt(t, j)) {
      bytes.push(v);
      at.push(j);
    }
    for (let k = 0; k < bytes.length; ) {
      const c = utf8At(bytes, k);
      const p = at[k]!;
      if (c) {
        const ch = String.fromCodePoint(c.cp);
        const end = srcEnd(at[k + c.length - 1]! + 2);
        text += ch;
        for (let m = 0; m < ch.length; m++) {
          offsets.push(o[p]!);
          ends.push(end);
        }
        k += c.length;
      } else {
        for (let m = 0; m < 3; m++) {
          text += t[p + m];
          offsets.push(o[p + m]!);
          ends.push(srcEnd(p + m));
        }
        k++;
      }
    }
    i = at[at.length - 1]! + 3;
  }
  offsets.push(o[t.length]!);
  const out: Mapped = { text, offsets };
  // keep ends only where a character's source stops short of the next one (a literal's end in a concatenation)
  if (ends.some((e, k) => e !== offsets[k + 1])) out.ends = ends;
  return out;
}

function identity(n: number): number[] {
  const out = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) out[i] = i;
  return out;
}
