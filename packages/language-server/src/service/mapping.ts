import { HOLE, type EmbeddedRegion, type Range } from '@ossproc/core';

/**
 * Mapping between a region's text (escapes decoded, parts of a concatenation joined) and host offsets.
 *
 * `region.offsets[i]` is the host offset where character i's source starts. The end of a character's source
 * is usually where the next one starts, but not at the end of a literal in a concatenation
 * (`"video/convert," + "f_mp4"`): there the next character lives in the next literal, and the quote, the `+`
 * and the blanks in between belong to the host. `charEnd` knows the difference, so edits never swallow host code.
 */

const HOLE_CODE = HOLE.charCodeAt(0);

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Length of the escape sequence starting with a backslash at `at`. */
function escapeLength(host: string, at: number): number {
  const n = host[at + 1];
  if (n === 'u') {
    if (host[at + 2] === '{') {
      const close = host.indexOf('}', at + 3);
      return close > 0 && close - at < 14 ? close - at + 1 : 2;
    }
    return 6;
  }
  if (n === 'U') return 10;
  if (n === 'x') return 4;
  if (n === '\r' && host[at + 2] === '\n') return 3;
  if (n !== undefined && n >= '0' && n <= '7') {
    let k = at + 1;
    while (k < at + 4 && host[k] !== undefined && host[k]! >= '0' && host[k]! <= '7') k++;
    return k - at;
  }
  return 2;
}

/** How many host characters character `k` of the region was written with. */
function sourceLength(host: string, region: EmbeddedRegion, k: number): number {
  const a = region.offsets[k]!;
  const b = region.offsets[k + 1] ?? a;
  const span = b - a;
  if (span <= 1) return span;
  // a hole stands for host code (an expression, a format placeholder) and covers it all
  if (region.text.charCodeAt(k) === HOLE_CODE) return span;
  const c = host.charCodeAt(a);
  if (c === 92 /* \ */) return Math.min(span, escapeLength(host, a));
  if (c === 37 /* % */ && isHex(host.charCodeAt(a + 1)) && isHex(host.charCodeAt(a + 2))) return Math.min(span, 3);
  if (c === 38 /* & */) {
    const semi = host.indexOf(';', a);
    return semi > a && semi - a < 12 ? Math.min(span, semi - a + 1) : 1;
  }
  if (c >= 0xd800 && c <= 0xdbff) return Math.min(span, 2);
  return 1;
}

/** Host offset where character `i` starts (`i === text.length`: where the region ends). */
export function hostStart(region: EmbeddedRegion, i: number): number {
  const last = region.offsets.length - 1;
  return region.offsets[Math.max(0, Math.min(i, last))]!;
}

/** Host offset just after the source of character `i - 1` (for `i === 0`, where the region starts). */
export function hostEnd(host: string, region: EmbeddedRegion, i: number): number {
  const n = region.text.length;
  if (i <= 0) return region.offsets[0]!;
  if (i >= n) return region.offsets[n]!;
  const k = i - 1;
  return region.offsets[k]! + sourceLength(host, region, k);
}

/** A region range in host offsets; the end stops where the last character's source ends. */
export function toHostRange(host: string, region: EmbeddedRegion, r: Range): Range {
  const start = hostStart(region, r.start);
  if (r.end <= r.start) return { start, end: start };
  return { start, end: Math.max(start, hostEnd(host, region, r.end)) };
}

/** Whether a region range covers a hole (host code): an edit there would change the host program. */
export function coversHole(region: EmbeddedRegion, r: Range): boolean {
  return region.text.slice(r.start, r.end).includes(HOLE);
}

/**
 * The region index for a host offset: the character that starts there, or the position just after a
 * character whose source ends there (the cursor before a closing quote). Undefined between the literals of a
 * concatenation and outside the region; inside an escape sequence, the index of the escaped character.
 */
export function regionIndexAt(host: string, region: EmbeddedRegion, offset: number): number | undefined {
  const { offsets } = region;
  const n = region.text.length;
  if (offset < offsets[0]! || offset > offsets[n]!) return undefined;
  // largest i with offsets[i] <= offset
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  let i = lo;
  // several characters may share an offset (a surrogate pair): take the first
  while (i > 0 && offsets[i - 1] === offsets[i]) i--;
  if (offsets[i] === offset) return i;
  const end = offsets[i]! + sourceLength(host, region, i);
  if (offset === end) return i + 1;
  if (offset < end) return i;
  return undefined;
}

/** The region holding a host offset (its ends included), by binary search over regions sorted by start. */
export function regionAtOffset<T extends { range: Range }>(regions: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid]!.range.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // regions do not overlap; the one starting at or before the offset is the only candidate, but a region
  // ending exactly where the next starts leaves the offset to both: prefer the later one
  for (let k = found; k >= 0 && k >= found - 1; k--) {
    const r = regions[k]!;
    if (offset >= r.range.start && offset <= r.range.end) return r;
  }
  return undefined;
}
