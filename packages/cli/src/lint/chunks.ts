import { checkRegion, classifyLine, findDirectives, LineSplitter, type CheckOptions, type Diagnostic, type Directive } from '@ossproc/core';

/**
 * A piece of a large .ossproc file, checked whole on a worker thread: the main thread cuts the file's bytes
 * after a line break and sends them; the worker decodes, splits, checks, and sends back only the lines that
 * matter (those with problems, and comments holding a directive). The main thread then does nothing per line
 * but place what comes back, in order.
 */
export interface ChunkItem {
  /** Line index in the chunk, and the UTF-16 offset of its start in the chunk. */
  line: number;
  offset: number;
  text: string;
  /** The string's bounds in `text`; -1 for a comment line. */
  s: number;
  e: number;
  diagnostics?: Diagnostic[];
  /** A directive of a comment line, in the line's own offsets (`line` 0, 1 or -1 as core gives it). */
  directive?: Directive;
}

export interface ChunkResult {
  /** Lines the chunk ends (a non-final chunk ends with a line break). */
  lines: number;
  /** UTF-16 length of the decoded chunk. */
  length: number;
  items: ChunkItem[];
}

export function scanChunk(bytes: Uint8Array, first: boolean, last: boolean, options: CheckOptions): ChunkResult {
  // the first chunk drops a BOM (as the whole-file reader does); a later one keeps a U+FEFF that starts it
  const text = new TextDecoder('utf-8', { ignoreBOM: !first }).decode(bytes);
  const items: ChunkItem[] = [];
  const splitter = new LineSplitter((line, lineNo, offset) => {
    const c = classifyLine(line);
    if (c.s === c.e) return;
    if (c.comment) {
      if (line.indexOf('ossproc-') < 0) return;
      const directive = findDirectives(line, 'ossproc')[0];
      if (directive) items.push({ line: lineNo, offset, text: line, s: -1, e: -1, directive });
      return;
    }
    // core memoizes a repeated string (its diagnostics are shared and frozen: copied, not changed)
    const found = checkRegion({ text: line.slice(c.s, c.e) }, options);
    if (!found.length) return;
    const diagnostics = found.map((d): Diagnostic => (d.fixes ? { ruleId: d.ruleId, severity: d.severity, message: d.message, range: d.range, fixes: d.fixes } : { ruleId: d.ruleId, severity: d.severity, message: d.message, range: d.range }));
    items.push({ line: lineNo, offset, text: line, s: c.s, e: c.e, diagnostics });
  });
  splitter.push(text);
  if (last) splitter.end();
  return { lines: splitter.lineCount, length: text.length, items };
}
