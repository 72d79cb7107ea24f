import { pastedUrlSpan } from '@ossproc/core';
/**
 * Splits decoded text, arriving in chunks, into lines the way core's LineIndex and .ossproc reader do: a line
 * ends at `\n`, `\r\n` or a lone `\r`. Each line comes with its 0-based number, the UTF-16 offset of its start
 * in the whole text, and its line break (kept, so a fixed or formatted file keeps its line endings).
 *
 * node:readline would split too, but it hides which break ended a line (needed for fix offsets and for
 * writing the file back) and decodes invalid UTF-8 silently.
 */
export type LineHandler = (text: string, lineNo: number, offset: number, eol: string) => void;

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

  /** The last line (without a break) once the text has ended. A text ending in a break has an empty last line. */
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

/** Blanks as core's .ossproc reader trims them. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;
}

/**
 * A line of an .ossproc file as core reads it: the trimmed string's bounds [s, e) (s = e for a blank line),
 * and whether it is a `#` comment.
 */
export function classifyLine(text: string): { s: number; e: number; comment: boolean } {
  let s = 0;
  let e = text.length;
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  const comment = s < e && text.charCodeAt(s) === 35;
  // a pasted URL: its x-oss-process parameter, as core's .ossproc reader takes it
  const url = comment ? undefined : pastedUrlSpan(text, s, e);
  return url ? { s: url.start, e: url.end, comment } : { s, e, comment };
}
