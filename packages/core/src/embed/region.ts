import type { Range } from '../text/range';

/**
 * A processing string found inside a host document (a line of an .ossproc file, a string literal in code, a
 * JSON or YAML value, a URL in Markdown). Its text is what the service would receive: escapes decoded and
 * percent-encoding undone. `offsets` maps every position of `text` back to the host, so diagnostics land where
 * the user wrote the characters.
 */
export interface EmbeddedRegion {
  text: string;
  /** offsets[i] is the host offset of text[i]; offsets[text.length] is the host offset just after the last. */
  offsets: number[];
  /** The host range the region covers (from offsets[0] to offsets[text.length]). */
  range: Range;
  /**
   * Set when the host fixes the mode and `text` does not say it: the region is the value of an
   * `x-oss-process=` (sync) or `x-oss-async-process=` (async) URL or body parameter, whose name is outside
   * the region. A bare string keeps its own prefix in `text` and has no `mode`.
   */
  mode?: 'sync' | 'async';
  /**
   * Where the source of a character ends, when that is not where the next one starts: at the end of a literal
   * in a concatenation (`"a," + "b"`), the quote, the `+` and the blanks belong to the host. ends[i], when the
   * array is present, is the host offset just after character i's source.
   */
  ends?: number[];
  /**
   * Set when the region is (part of) a quoted JSON or YAML scalar whose source is not its text (escapes,
   * folded lines): a fix replaces the whole scalar `range` with `encode(the region's new text)`, never
   * splicing raw text into escaped source.
   */
  scalar?: { range: Range; encode(text: string): string };
}

/**
 * Stands for a part of a string that is not literal (`${start}` in a template literal, `%s` in a format
 * string, a variable joined with `+`). The parser reads it as text; the checker does not judge a word that
 * contains one.
 */
export const HOLE = '\uE000';

/** Maps a range of `region.text` to a host range: an escape such as \u0041 is covered whole, host code between
 * the parts of a concatenation never is. */
export function toHostRange(region: EmbeddedRegion, r: Range): Range {
  const start = hostOffset(region, r.start);
  return { start, end: r.end > r.start ? Math.max(start, endOfChar(region, r.end - 1)) : hostOffset(region, r.end) };
}

/** The host offset where character i's source starts (i === text.length: where the region ends). */
export function hostOffset(region: EmbeddedRegion, i: number): number {
  const last = region.offsets.length - 1;
  return region.offsets[Math.max(0, Math.min(i, last))]!;
}

/** The host offset just after character i's source. */
export function endOfChar(region: EmbeddedRegion, i: number): number {
  return region.ends?.[i] ?? hostOffset(region, i + 1);
}

/** A region whose text is a contiguous slice of the host (no escapes). */
export function sliceRegion(host: string, start: number, end: number): EmbeddedRegion {
  const offsets = new Array<number>(end - start + 1);
  for (let i = 0; i <= end - start; i++) offsets[i] = start + i;
  return { text: host.slice(start, end), offsets, range: { start, end } };
}

/** A region from decoded text and its offsets (offsets.length === text.length + 1). */
export function regionOf(text: string, offsets: number[]): EmbeddedRegion {
  return { text, offsets, range: { start: offsets[0]!, end: offsets[text.length]! } };
}

/** Builds a region one decoded character at a time, each with the host offset where its source starts. */
export class RegionBuilder {
  text = '';
  readonly offsets: number[] = [];
  /** Known ends of characters' sources (from appended regions); undefined: where the next character starts. */
  private readonly ends: (number | undefined)[] = [];
  /** Appends `s` (one decoded character; two code units for an astral one, both mapped to `at`). */
  push(s: string, at: number): void {
    for (let k = 0; k < s.length; k++) {
      this.offsets.push(at);
      this.ends.push(undefined);
    }
    this.text += s;
  }
  /** Appends the characters of `r`, keeping their offsets and where each one's source ends. */
  append(r: EmbeddedRegion): void {
    for (let i = 0; i < r.text.length; i++) {
      this.offsets.push(r.offsets[i]!);
      // a hole stands for host code up to the next literal part (`${width + 1}`, `" + codec + "`)
      this.ends.push(r.text[i] === HOLE ? undefined : endOfChar(r, i));
    }
    this.text += r.text;
  }
  /** Drops characters from `length` on (YAML folding drops trailing blanks before a line break). */
  truncate(length: number): void {
    if (length >= this.text.length) return;
    this.text = this.text.slice(0, length);
    this.offsets.length = length;
    this.ends.length = length;
  }
  /** `end` is the host offset just after the last character's source. */
  finish(end: number): EmbeddedRegion {
    const last = this.offsets.length ? this.offsets[this.offsets.length - 1]! : end;
    this.offsets.push(Math.max(end, last));
    const region = regionOf(this.text, this.offsets);
    // keep ends only where a character's source stops short of the next one (a literal's end in a concatenation)
    if (this.ends.some((e, i) => e !== undefined && e !== this.offsets[i + 1])) {
      region.ends = this.ends.map((e, i) => e ?? this.offsets[i + 1]!);
    }
    return region;
  }
}

/** Characters start..end of a region, with their offsets; the end offset is where character `end` starts. */
export function subRegion(r: EmbeddedRegion, start: number, end: number): EmbeddedRegion {
  const s = Math.max(0, Math.min(start, r.text.length));
  const e = Math.max(s, Math.min(end, r.text.length));
  const out = regionOf(r.text.slice(s, e), r.offsets.slice(s, e + 1));
  if (r.ends) out.ends = r.ends.slice(s, e);
  return out;
}

/**
 * Joins regions written apart in the host ("a" + x + "b"): each character keeps its own offset, the end is the
 * last part's end, so the range spans from the first part to the last.
 */
export function concatRegions(parts: readonly EmbeddedRegion[]): EmbeddedRegion {
  if (parts.length === 1) return parts[0]!;
  const b = new RegionBuilder();
  for (const p of parts) b.append(p);
  const last = parts[parts.length - 1];
  return b.finish(last ? last.offsets[last.text.length]! : 0);
}

/** The same region in a host where its text starts `delta` later (a code block inside Markdown). */
export function shiftRegion(r: EmbeddedRegion, delta: number): EmbeddedRegion {
  const out: EmbeddedRegion = { text: r.text, offsets: r.offsets.map((o) => o + delta), range: { start: r.range.start + delta, end: r.range.end + delta } };
  if (r.mode) out.mode = r.mode;
  if (r.ends) out.ends = r.ends.map((o) => o + delta);
  return out;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/** Drops leading and trailing whitespace. */
export function trimRegion(r: EmbeddedRegion): EmbeddedRegion {
  let s = 0;
  let e = r.text.length;
  while (s < e && isBlank(r.text.charCodeAt(s))) s++;
  while (e > s && isBlank(r.text.charCodeAt(e - 1))) e--;
  return s === 0 && e === r.text.length ? r : subRegion(r, s, e);
}

/** Whether the region's text contains a HOLE (a part that is not literal). */
export function hasHole(r: EmbeddedRegion): boolean {
  return r.text.includes(HOLE);
}
