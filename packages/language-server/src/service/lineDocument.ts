import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * A text document held as its lines, for the server's open documents. vscode-languageserver-textdocument
 * keeps one string and concatenates around each change, so that the next read copies the whole text (1 MB
 * for a 10,000-line document, on every keystroke); here a change re-splits the lines it touches (and one on
 * each side, where a CR and an LF may join) and the whole text is joined only when a feature asks for it.
 * Offsets, positions and their clamping are the library's, so that every feature reads the same document
 * (a property test holds both to the same answers under random edits). Untouched lines keep their strings,
 * so a reader can tell the changed lines by identity (`lines`).
 */
/** A change to a document's lines: `removed` lines from `first` replaced by `added` new ones. */
export interface LineSplice {
  readonly first: number;
  readonly removed: number;
  readonly added: number;
}

/** Splices kept for readers that fall behind (a reader further behind reads the document afresh). */
const SPLICES_KEPT = 1024;

let documents = 0;

export class LineDocument implements TextDocument {
  private pieces: string[] = [];
  private starts: number[] = [];
  private size = 0;
  private joined: string | undefined;
  /** This document's own number: a reader that kept up with it by `splicesSince` knows it is the same one. */
  readonly id = ++documents;
  /** How many splices the lines have had. */
  private spliced = 0;
  /** The last of them, the oldest first (splice number `spliced - log.length + k` is `log[k]`). */
  private log: LineSplice[] = [];

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private current: number,
    content: string,
  ) {
    this.reset(content);
  }

  get version(): number {
    return this.current;
  }

  get lineCount(): number {
    return this.pieces.length;
  }

  /** The lines, each with its line break (the last one has none); the array changes with the document. */
  get lines(): readonly string[] {
    return this.pieces;
  }

  /** How many splices the lines have had (see splicesSince). */
  get generation(): number {
    return this.spliced;
  }

  /**
   * What happened to the lines since `generation` was `since`, the oldest splice first: every line outside
   * them is the very string it was then (moved), every line inside is new or changed. Undefined when they
   * are no longer all kept. A full replacement is one splice too, of the lines that differ.
   */
  splicesSince(since: number): readonly LineSplice[] | undefined {
    const n = this.spliced - since;
    if (n < 0 || n > this.log.length) return undefined;
    return n === 0 ? [] : this.log.slice(this.log.length - n);
  }

  private record(first: number, removed: number, added: number): void {
    if (removed === 0 && added === 0) return;
    if (this.log.length >= SPLICES_KEPT) this.log = this.log.slice(SPLICES_KEPT >> 1);
    this.log.push({ first, removed, added });
    this.spliced++;
  }

  /** The text's length, without joining it. */
  get length(): number {
    return this.size;
  }

  getText(range?: Range): string {
    if (!range) return (this.joined ??= this.pieces.join(''));
    let start = this.offsetAt(range.start);
    let end = this.offsetAt(range.end);
    // String.prototype.substring's order, as the library reads a range
    if (start > end) [start, end] = [end, start];
    if (this.joined !== undefined) return this.joined.substring(start, end);
    const a = this.lineOf(start);
    const b = this.lineOf(end);
    if (a === b) return this.pieces[a]!.substring(start - this.starts[a]!, end - this.starts[a]!);
    const parts = [this.pieces[a]!.substring(start - this.starts[a]!)];
    for (let i = a + 1; i < b; i++) parts.push(this.pieces[i]!);
    parts.push(this.pieces[b]!.substring(0, end - this.starts[b]!));
    return parts.join('');
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.size), 0);
    const line = this.lineOf(offset);
    return { line, character: this.beforeEol(offset, line) - this.starts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.pieces.length) return this.size;
    if (position.line < 0) return 0;
    const start = this.starts[position.line]!;
    if (position.character <= 0) return start;
    const offset = Math.min(start + position.character, start + this.pieces[position.line]!.length);
    return this.beforeEol(offset, position.line);
  }

  getLineRange(line: number): Range {
    if (line >= this.pieces.length) {
      const last = this.pieces.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.pieces[last]!.length } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: { line, character: 0 }, end: { line, character: this.content(line).length } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.pieces.length) return '';
    return this.pieces[line]!.slice(this.content(line).length);
  }

  /** A line's text without its break. */
  private content(line: number): string {
    const piece = this.pieces[line]!;
    let n = piece.length;
    while (n > 0 && isEol(piece.charCodeAt(n - 1))) n--;
    return n === piece.length ? piece : piece.slice(0, n);
  }

  /** Applies changes as `TextDocument.update` does (ranges in the text each previous change left). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range !== undefined && (change.rangeLength === undefined || typeof change.rangeLength === 'number')) {
        let { start, end } = change.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
        this.replace(this.offsetAt(start), this.offsetAt(end), change.text);
      } else if ('text' in change && typeof change.text === 'string') this.reset(change.text);
      else throw new Error('Unknown change event received');
    }
    this.current = version;
  }

  private replace(start: number, end: number, text: string): void {
    // the lines the change touches and one on each side (a CR ending one and an LF starting the next join)
    const a = Math.max(0, this.lineOf(start) - 1);
    const b = Math.min(this.pieces.length - 1, this.lineOf(end) + 1);
    const from = this.starts[a]!;
    const old = b > a ? this.pieces.slice(a, b + 1).join('') : this.pieces[a]!;
    let split = splitLines(old.slice(0, start - from) + text + old.slice(end - from));
    // before the last line, the segment ends with its last line's break: the empty piece after it goes
    if (b < this.pieces.length - 1) split.pop();
    // the lines around the change that came out as they were keep their strings (and are no splice)
    const count = b - a + 1;
    let head = 0;
    while (head < split.length && head < count && split[head] === this.pieces[a + head]) head++;
    let tail = 0;
    while (tail < split.length - head && tail < count - head && split[split.length - 1 - tail] === this.pieces[b - tail]) tail++;
    if (head > 0 || tail > 0) split = split.slice(head, split.length - tail);
    const first = a + head;
    const removed = count - head - tail;
    const starts = new Array<number>(split.length);
    let at = this.starts[first] ?? this.size;
    for (let i = 0; i < split.length; i++) {
      starts[i] = at;
      at += split[i]!.length;
    }
    const delta = text.length - (end - start);
    if (split.length < 10_000 && removed < 10_000) {
      this.pieces.splice(first, removed, ...split);
      this.starts.splice(first, removed, ...starts);
    } else {
      this.pieces = this.pieces.slice(0, first).concat(split, this.pieces.slice(first + removed));
      this.starts = this.starts.slice(0, first).concat(starts, this.starts.slice(first + removed));
    }
    if (delta !== 0) for (let i = first + split.length; i < this.starts.length; i++) this.starts[i]! += delta;
    this.size += delta;
    this.joined = undefined;
    this.record(first, removed, split.length);
  }

  private reset(content: string): void {
    const next = splitLines(content);
    const old = this.pieces;
    // a full replacement: the lines at either end that are as they were keep their strings
    const n = Math.min(old.length, next.length);
    let p = 0;
    while (p < n && old[p] === next[p]) {
      next[p] = old[p]!;
      p++;
    }
    let s = 0;
    while (s < n - p && old[old.length - 1 - s] === next[next.length - 1 - s]) {
      next[next.length - 1 - s] = old[old.length - 1 - s]!;
      s++;
    }
    this.record(p, old.length - p - s, next.length - p - s);
    this.pieces = next;
    this.starts = new Array<number>(this.pieces.length);
    let at = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      this.starts[i] = at;
      at += this.pieces[i]!.length;
    }
    this.size = content.length;
    this.joined = content;
  }

  /** The line holding an offset: the last one starting at or before it. */
  private lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.starts[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    return Math.max(0, low - 1);
  }

  /** An offset moved back out of its line's break. */
  private beforeEol(offset: number, line: number): number {
    const start = this.starts[line]!;
    const piece = this.pieces[line]!;
    while (offset > start && isEol(piece.charCodeAt(offset - 1 - start))) offset--;
    return offset;
  }
}

function isEol(c: number): boolean {
  return c === 13 || c === 10;
}

/** A text's lines, each with its break (CRLF, CR or LF); the last piece has none and may be empty. */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  out.push(text.slice(start));
  return out;
}
