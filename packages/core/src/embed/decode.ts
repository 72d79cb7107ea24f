import { HOLE } from '../text/hole';
import { percentDecode as percentDecodeText } from '../text/percent';
import { RegionBuilder, regionOf, sliceRegion, type EmbeddedRegion } from './region';

/**
 * Decoders that turn what a host wrote into what it means, keeping for every decoded character the host
 * offset where its source starts (the `\` of an escape, the `%` of a percent triplet, the `&` of an entity).
 * They take a region as input so they compose: Java text blocks strip indentation first and decode escapes
 * after, URL values decode escapes (in the literal) and then percent-encoding.
 */

export type EscapeDialect = 'js' | 'java' | 'go' | 'python' | 'python-bytes' | 'json' | 'yaml';

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The value of exactly `count` hex digits at t[i], or -1. */
function hexAt(t: string, i: number, count: number): number {
  if (i + count > t.length) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const h = hexVal(t.charCodeAt(i + k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/** Index of `ch` in t within `max` characters from `from`, or -1: a bounded look-ahead keeps scans linear. */
export function indexWithin(t: string, ch: string, from: number, max: number): number {
  const stop = Math.min(t.length, from + max);
  for (let k = from; k < stop; k++) if (t[k] === ch) return k;
  return -1;
}

function isOctal(c: number): boolean {
  return c >= 48 && c <= 55;
}

function fromCode(cp: number): string {
  return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", f: '\f' };

/**
 * Decodes the escape that starts with the backslash at t[i]. Returns [decoded text, source length]; the text
 * is empty for a line continuation. Unknown escapes follow the dialect: JavaScript, Java and JSON drop the
 * backslash, Go, Python and YAML keep it (a compile error or literal backslash there).
 */
export function escapeAt(t: string, i: number, dialect: EscapeDialect): [string, number] {
  const e = t[i + 1];
  if (e === undefined) return ['\\', 1];
  const simple = SIMPLE[e];
  if (simple !== undefined) return [simple, 2];
  const c = t.charCodeAt(i + 1);
  // line continuation
  if (c === 10 || c === 13 || ((c === 0x2028 || c === 0x2029) && dialect === 'js')) {
    if (dialect === 'json' || dialect === 'go') return ['\\', 1];
    let len = c === 13 && t.charCodeAt(i + 2) === 10 ? 3 : 2;
    if (dialect === 'yaml') while (t.charCodeAt(i + len) === 32 || t.charCodeAt(i + len) === 9) len++;
    return ['', len];
  }
  const keep: [string, number] = dialect === 'go' || dialect === 'python' || dialect === 'python-bytes' || dialect === 'yaml' ? ['\\', 1] : [e, 2];
  switch (e) {
    case 'b':
      return ['\b', 2];
    case 'v':
      return dialect === 'java' || dialect === 'json' ? keep : ['\v', 2];
    case 'a':
      return dialect === 'go' || dialect === 'python' || dialect === 'python-bytes' || dialect === 'yaml' ? ['\x07', 2] : keep;
    case 's':
      return dialect === 'java' ? [' ', 2] : keep;
    case '/':
      return dialect === 'json' || dialect === 'yaml' || dialect === 'js' ? ['/', 2] : keep;
    case 'e':
      return dialect === 'yaml' ? ['\x1b', 2] : keep;
    case ' ':
      return dialect === 'yaml' ? [' ', 2] : keep;
    case '\t':
      return dialect === 'yaml' ? ['\t', 2] : keep;
    case 'N':
      if (dialect === 'yaml') return ['\x85', 2];
      if (dialect === 'python' && t[i + 2] === '{') {
        // \N{NAME}: the name table is not worth carrying; the character is unknown, so it is a hole
        const close = indexWithin(t, '}', i + 3, 100);
        if (close > 0) return [HOLE, close + 1 - i];
      }
      return keep;
    case '_':
      return dialect === 'yaml' ? ['\xa0', 2] : keep;
    case 'L':
      return dialect === 'yaml' ? ['\u2028', 2] : keep;
    case 'P':
      return dialect === 'yaml' ? ['\u2029', 2] : keep;
    case 'x': {
      if (dialect === 'java' || dialect === 'json') return keep;
      const v = hexAt(t, i + 2, 2);
      return v < 0 ? keep : [String.fromCharCode(v), 4];
    }
    case 'u': {
      if (dialect === 'python-bytes') return keep;
      if (dialect === 'js' && t[i + 2] === '{') {
        const close = indexWithin(t, '}', i + 3, 9);
        if (close < 0) return keep;
        let v = 0;
        for (let k = i + 3; k < close; k++) {
          const h = hexVal(t.charCodeAt(k));
          if (h < 0) return keep;
          v = v * 16 + h;
        }
        return close === i + 3 ? keep : [fromCode(v), close + 1 - i];
      }
      // Java allows \uuuu0041
      let k = i + 2;
      if (dialect === 'java') while (t[k] === 'u') k++;
      const v = hexAt(t, k, 4);
      return v < 0 ? keep : [String.fromCharCode(v), k + 4 - i];
    }
    case 'U': {
      if (dialect !== 'go' && dialect !== 'python' && dialect !== 'yaml') return keep;
      const v = hexAt(t, i + 2, 8);
      return v < 0 ? keep : [fromCode(v), 10];
    }
    default:
      break;
  }
  if (isOctal(c) || (dialect === 'yaml' && e === '0')) {
    if (dialect === 'yaml') return e === '0' ? ['\0', 2] : keep;
    if (dialect === 'json') return keep;
    if (dialect === 'js' && e === '0' && !(t.charCodeAt(i + 2) >= 48 && t.charCodeAt(i + 2) <= 57)) return ['\0', 2];
    if (dialect === 'go') {
      if (!isOctal(t.charCodeAt(i + 2)) || !isOctal(t.charCodeAt(i + 3))) return keep;
      return [String.fromCharCode(parseInt(t.slice(i + 1, i + 4), 8) & 0xff), 4];
    }
    // Java, JavaScript (legacy) and Python: up to three digits, at most \377
    let len = 1;
    const max = dialect === 'python' || dialect === 'python-bytes' || c <= 51 ? 3 : 2;
    while (len < max && isOctal(t.charCodeAt(i + 1 + len))) len++;
    return [String.fromCharCode(parseInt(t.slice(i + 1, i + 1 + len), 8)), len + 1];
  }
  return keep;
}

/** Decodes backslash escapes of `src` in a language's dialect. */
export function decodeEscapes(src: EmbeddedRegion, dialect: EscapeDialect): EmbeddedRegion {
  const t = src.text;
  if (!t.includes('\\')) return src;
  const o = src.offsets;
  const b = new RegionBuilder();
  let i = 0;
  while (i < t.length) {
    if (t.charCodeAt(i) !== 92) {
      b.push(t[i]!, o[i]!);
      i++;
      continue;
    }
    const [s, len] = escapeAt(t, i, dialect);
    b.push(s, o[i]!);
    i += len;
  }
  return b.finish(o[t.length]!);
}

/**
 * Undoes percent-encoding of a URL parameter's value with the one decoder (text/percent.ts), and marks the
 * region decoded: the service decodes a parameter value once, so the checker must not decode it again
 * (`%252C` reaches the service as `%2C`, not as `,`).
 */
export function percentDecode(src: EmbeddedRegion): EmbeddedRegion {
  const m = percentDecodeText(src);
  const out = m === src ? { ...src } : regionOf(m.text, m.offsets);
  if (m.ends) out.ends = m.ends;
  if (src.mode) out.mode = src.mode;
  out.decoded = true;
  return out;
}

/**
 * Markdown prose from host[start, end): a backslash before ASCII punctuation escapes it (CommonMark), so the
 * rendered `w\_100` reads `w_100`; the character keeps the backslash's offset, and a range covers both.
 */
export function decodeMarkdownText(host: string, start: number, end: number): EmbeddedRegion {
  const first = host.indexOf('\\', start);
  if (first === -1 || first >= end) return sliceRegion(host, start, end);
  const b = new RegionBuilder();
  for (let i = start; i < end; i++) {
    if (host.charCodeAt(i) === 92 && i + 1 < end && isAsciiPunctuation(host.charCodeAt(i + 1))) b.push(host[++i]!, i - 1);
    else b.push(host[i]!, i);
  }
  return b.finish(end);
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * XML character data from host[start, end): entities (&lt; &#44; &#x2C;) decoded, CDATA sections taken
 * as written.
 */
export function decodeXmlText(host: string, start: number, end: number): EmbeddedRegion {
  const b = new RegionBuilder();
  // where the source of the last character ends: a CDATA section's content ends before its ]]>
  let last = start;
  let i = start;
  while (i < end) {
    const c = host.charCodeAt(i);
    if (c === 60 && host.startsWith('<![CDATA[', i)) {
      const close = host.indexOf(']]>', i + 9);
      const stop = close < 0 || close > end ? end : close;
      for (let k = i + 9; k < stop; k++) b.push(host[k]!, k);
      last = stop;
      i = stop + 3;
      continue;
    }
    if (c === 38) {
      const semi = indexWithin(host, ';', i + 1, Math.min(10, end - i - 1));
      if (semi > 0) {
        const name = host.slice(i + 1, semi);
        let s: string | undefined = ENTITIES[name];
        if (s === undefined && name.startsWith('#')) {
          const v = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          if (Number.isFinite(v) && /^#(x[0-9a-f]+|[0-9]+)$/i.test(name)) s = fromCode(v);
        }
        if (s !== undefined) {
          b.push(s, i);
          i = semi + 1;
          last = i;
          continue;
        }
      }
    }
    b.push(host[i]!, i);
    i++;
    last = i;
  }
  return b.finish(Math.min(last, end));
}
