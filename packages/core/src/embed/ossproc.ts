import { isBlank } from '../text/blank';
import { sliceRegion, type EmbeddedRegion } from './region';
import type { HostComment, ScanResult } from './scan';
import type { Directive } from './suppress';

/**
 * The .ossproc host format, defined once: one processing string per line; a line ends at `\n`, `\r\n` or a
 * lone `\r`; blanks around the string are not part of it; a line whose first non-blank character is `#` is a
 * comment (suppression directives live there). Core's extractor, the CLI's streaming reader (and its
 * workers), `ossproc fmt` and the language server all read lines through this module.
 */

export { isBlank };

/** What a line holds: the string's bounds [s, e) in the line (s === e: a blank line), or a `#` comment. */
export interface OssprocLine {
  s: number;
  e: number;
  comment: boolean;
}

/** Reads one line's text (without its line break). */
export function classifyLine(text: string): OssprocLine {
  let s = 0;
  let e = text.length;
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  return { s, e, comment: s < e && text.charCodeAt(s) === 35 };
}

/** A line's text, its 0-based number, the UTF-16 offset of its start, and the break that ended it (kept, so a
 * fixed or formatted file keeps its line endings). */
export type LineHandler = (text: string, lineNo: number, offset: number, eol: string) => void;

/**
 * Splits text into lines, whole or arriving in chunks (a streamed file): `push` each chunk, then `end`. A text
 * ending in a line break has an empty last line.
 */
export class LineSplitter {
  private carry = '';
  private lineNo = 0;
  private offset = 0;

  constructor(private readonly onLine: LineHandler) {}

  /** Lines emitted so far. */
  get lineCount(): number {
    return this.lineNo;
  }

  push(chunk: string): void {
    if (chunk.indexOf('\n') < 0 && chunk.indexOf('\r') < 0 && !this.carry.endsWith('\r')) {
      // no break: grow the pending line without rescanning it (a huge one-line file stays linear)
      this.carry += chunk;
      return;
    }
    const t = this.carry.length ? this.carry + chunk : chunk;
    const n = t.length;
    let start = 0;
    let nl = t.indexOf('\n');
    let cr = t.indexOf('\r');
    for (;;) {
      if (nl < 0 && cr < 0) break;
      let end: number;
      let eol: string;
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        // \r: with \n after it a CRLF; at the very end of the chunk, wait for the next one to know
        if (cr === n - 1) break;
        end = cr;
        eol = t.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r';
      } else {
        end = nl;
        eol = '\n';
      }
      this.emit(t.slice(start, end), eol);
      start = end + eol.length;
      if (nl >= 0 && nl < start) nl = t.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = t.indexOf('\r', start);
    }
    this.carry = start === 0 ? t : t.slice(start);
  }

  /** The last line (without a break) once the text has ended. */
  end(): void {
    const t = this.carry;
    this.carry = '';
    if (t.endsWith('\r')) {
      this.emit(t.slice(0, -1), '\r');
      this.emit('', '');
    } else this.emit(t, '');
  }

  private emit(text: string, eol: string): void {
    this.onLine(text, this.lineNo, this.offset, eol);
    this.lineNo++;
    this.offset += text.length + eol.length;
  }
}

/** Calls `onLine` for every line of a whole text. */
export function forEachLine(text: string, onLine: LineHandler): void {
  const splitter = new LineSplitter(onLine);
  splitter.push(text);
  splitter.end();
}

/**
 * The string of a line as a region (`offset`: the host offset where the line starts), if the line holds one.
 * A line break at the end of `lineText` is not part of the line.
 */
export function lineRegion(lineText: string, offset = 0): EmbeddedRegion | undefined {
  let n = lineText.length;
  while (n > 0 && (lineText.charCodeAt(n - 1) === 10 || lineText.charCodeAt(n - 1) === 13)) n--;
  const c = classifyLine(n === lineText.length ? lineText : lineText.slice(0, n));
  return c.s === c.e || c.comment ? undefined : sliceRegion(lineText, c.s, c.e, offset);
}

/** An .ossproc document's strings and comments. */
export function scanOssproc(text: string): ScanResult {
  const regions: EmbeddedRegion[] = [];
  const comments: HostComment[] = [];
  forEachLine(text, (line, _n, offset) => {
    const c = classifyLine(line);
    if (c.s === c.e) return;
    if (c.comment) comments.push({ start: offset + c.s, end: offset + c.e, contentStart: offset + c.s + 1, contentEnd: offset + c.e });
    else regions.push(sliceRegion(text, offset + c.s, offset + c.e));
  });
  return { regions, comments };
}

/**
 * A directive read from one comment line's own text, placed in the document: the line starts at `offset` and
 * is line `lineNo` (a disable-next-line reads 1 there, the line after; disable-file stays -1).
 */
export function placeLineDirective(d: Directive, lineNo: number, offset: number): Directive {
  return { ...d, range: { start: d.range.start + offset, end: d.range.end + offset }, line: d.line < 0 ? -1 : d.line + lineNo };
}
