import { escapeAt } from '../embed/decode';
import { RegionBuilder, type EmbeddedRegion } from '../embed/region';
import { selectRegions } from '../embed/scan';
import type { Range } from '../text/range';

/**
 * A string value of a JSON or YAML document as a region. The parser (jsonc-parser, yaml) gives the value and
 * where its source starts and ends; this finds where each decoded character was written (an escape, a
 * folded line break), so findings land on the characters, and knows how to write a new value back in the
 * same style (a fix inside `"a\tb"` re-encodes the whole scalar instead of splicing raw text into escapes).
 */
export type ScalarStyle = 'json' | 'double' | 'single' | 'plain' | 'block';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Maps `value` onto its source [start, end) (quotes excluded; a block scalar from its header). Undefined when
 * the two do not line up (then the caller places every character at the start).
 */
function align(text: string, start: number, end: number, value: string, style: ScalarStyle): { region: EmbeddedRegion; linear: boolean; spelled: Map<string, string> } | undefined {
  const b = new RegionBuilder();
  const spelled = new Map<string, string>();
  let linear = true;
  let p = start;
  if (style === 'block') {
    while (p < end && text.charCodeAt(p) !== 10) p++;
    p++;
    linear = false;
  }
  const dialect = style === 'json' ? 'json' : 'yaml';
  let i = 0;
  while (i < value.length) {
    if (p >= end) return undefined;
    const c = text.charCodeAt(p);
    const d = value[i]!;
    if ((style === 'json' || style === 'double') && c === 92) {
      const [s, len] = escapeAt(text, p, dialect);
      linear = false;
      if (s === '') {
        p += len;
        continue;
      }
      if (!value.startsWith(s, i)) return undefined;
      if (s.length === 1) spelled.set(s, text.slice(p, p + len));
      b.push(s, p);
      i += s.length;
      p += len;
      continue;
    }
    if (style === 'single' && c === 39 && text.charCodeAt(p + 1) === 39) {
      if (d !== "'") return undefined;
      linear = false;
      b.push(d, p);
      i++;
      p += 2;
      continue;
    }
    if (text[p] === d) {
      b.push(d, p);
      i++;
      p++;
      continue;
    }
    // a CRLF line break is one '\n' of the value, standing where its '\r' is (so the text before ends there)
    if (d === '\n' && c === 13 && text.charCodeAt(p + 1) === 10 && style !== 'json') {
      linear = false;
      b.push(d, p);
      i++;
      p += 2;
      continue;
    }
    // folding: a line break and indentation became one space or fewer line breaks
    if (style !== 'json' && isSpace(c)) {
      linear = false;
      // a line break folded into a space: the space stands where the next line's text starts (so no
      // edit on it can reach into the break and the indentation)
      if (d === ' ' && (c === 10 || c === 13)) {
        let q = p;
        while (q < end && isSpace(text.charCodeAt(q))) q++;
        b.push(d, q);
        i++;
        p = q;
        continue;
      }
      p++;
      continue;
    }
    return undefined;
  }
  return { region: b.finish(Math.max(p, Math.min(end, p))), linear, spelled };
}

/** Characters that must be escaped in a double-quoted JSON or YAML string. */
function escapeChar(ch: string, style: 'json' | 'double'): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    default: {
      const code = ch.charCodeAt(0);
      if (code < 0x20 || code === 0x7f || (style === 'double' && code >= 0x80 && code < 0xa0)) return `\\u${code.toString(16).padStart(4, '0')}`;
      return ch;
    }
  }
}

/** Writes `value` as a scalar of `style`, spelling characters the way the old source spelled them. */
export function encodeScalar(value: string, style: 'json' | 'double' | 'single', spelled: ReadonlyMap<string, string> = new Map()): string {
  if (style === 'single' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  const s = style === 'single' ? 'double' : style;
  let out = '"';
  for (const ch of value) {
    const kept = spelled.get(ch);
    out += kept ?? escapeChar(ch, s);
  }
  return `${out}"`;
}

function quoted(style: ScalarStyle): style is 'json' | 'double' | 'single' {
  return style === 'json' || style === 'double' || style === 'single';
}

export interface ScalarSource {
  /** The whole scalar in the host, quotes included. */
  range: Range;
  /** [start, end) of its content (quotes excluded; a block scalar from its indicator). */
  content: Range;
  value: string;
  style: ScalarStyle;
}

/**
 * The region of a scalar. A quoted scalar that holds escapes (or is folded over lines) gets `scalar`, the
 * re-encoder a fix goes through; one written as it reads is fixed by plain splicing.
 */
export function scalarRegion(text: string, s: ScalarSource): EmbeddedRegion {
  const style = quoted(s.style) ? s.style : undefined;
  const aligned = align(text, s.content.start, s.content.end, s.value, s.style);
  if (!aligned) {
    // every character at the value's start: findings still land on the value, never beside it
    const offsets = new Array<number>(s.value.length + 1).fill(s.content.start);
    offsets[s.value.length] = s.content.end;
    const region: EmbeddedRegion = { text: s.value, offsets, range: { start: s.content.start, end: s.content.end } };
    if (style) region.scalar = { range: s.range, encode: (v) => encodeScalar(v, style) };
    return region;
  }
  const region = aligned.region;
  if (!aligned.linear && style) region.scalar = { range: s.range, encode: (v) => encodeScalar(v, style, aligned.spelled) };
  return region;
}

/**
 * The processing strings a scalar holds ({@link selectRegions}): the whole value, or the values of a URL's
 * `x-oss-process=` parameters in it. A URL's value keeps the scalar's re-encoder when it is the scalar's
 * own text (no percent escapes), with the rest of the scalar around it.
 */
export function scalarRegions(whole: EmbeddedRegion, out: EmbeddedRegion[], always = false): void {
  const found: EmbeddedRegion[] = [];
  if (always) found.push(whole);
  else selectRegions(whole, found);
  const scalar = whole.scalar;
  for (const r of found) {
    if (r !== whole && scalar) {
      delete r.scalar;
      const a = whole.offsets.indexOf(r.offsets[0]!);
      const b = a + r.text.length;
      if (a >= 0 && whole.text.slice(a, b) === r.text && whole.offsets[b] === r.offsets[r.text.length]) {
        const before = whole.text.slice(0, a);
        const after = whole.text.slice(b);
        r.scalar = { range: scalar.range, encode: (v) => scalar.encode(before + v + after) };
      }
    }
    out.push(r);
  }
}
