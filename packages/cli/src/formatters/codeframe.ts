import type { Colors } from './colors';
import { printable } from './types';

const WINDOW = 100;

/**
 * The line of a problem with a caret under its range:
 *
 *       3 | video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA
 *         |                     ^^^^^^^
 *
 * A long line (minified JSON) is cut to a window around the problem, marked with `…`.
 */
export function codeFrame(lineText: string, line: number, column: number, endLine: number | undefined, endColumn: number | undefined, c: Colors, indent = '    '): string {
  let from = column - 1;
  // no end (a problem with the file): one caret; an end on a later line: to the end of this one
  let to = endLine === undefined ? column : endLine === line && endColumn !== undefined ? endColumn - 1 : lineText.length;
  from = Math.max(0, Math.min(from, lineText.length));
  to = Math.max(from + 1, Math.min(to, lineText.length));
  let start = 0;
  let end = lineText.length;
  if (end > WINDOW + 20) {
    start = Math.max(0, Math.min(from - 30, lineText.length - WINDOW));
    end = Math.min(lineText.length, start + WINDOW);
  }
  const head = start > 0 ? '…' : '';
  const tail = end < lineText.length ? '…' : '';
  const shown = printable(lineText.slice(start, end));
  const caretFrom = head.length + from - start;
  const caretLen = Math.max(1, Math.min(to, end + 1) - from);
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  return (
    `${indent}${c.dim(`${gutter} |`)} ${head}${shown}${tail}\n` +
    `${indent}${c.dim(`${pad} |`)} ${' '.repeat(caretFrom)}${c.red('^'.repeat(caretLen))}\n`
  );
}
