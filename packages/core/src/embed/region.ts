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
}

/**
 * Stands for a part of a string that is not literal (`${start}` in a template literal, `%s` in a format
 * string, a variable joined with `+`). The parser reads it as text; the checker does not judge a word that
 * contains one.
 */
export const HOLE = '\uE000';

/** Maps a range of `region.text` to a host range. */
export function toHostRange(region: EmbeddedRegion, r: Range): Range {
  const last = region.offsets.length - 1;
  const at = (i: number) => region.offsets[Math.max(0, Math.min(i, last))]!;
  // offsets[i + 1] is where the host text of character i ends, so an escape such as \u0041 is covered whole
  return { start: at(r.start), end: at(r.end) };
}

/** A region whose text is a contiguous slice of the host (no escapes). */
export function sliceRegion(host: string, start: number, end: number): EmbeddedRegion {
  const offsets = new Array<number>(end - start + 1);
  for (let i = 0; i <= end - start; i++) offsets[i] = start + i;
  return { text: host.slice(start, end), offsets, range: { start, end } };
}
