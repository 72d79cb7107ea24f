import type { Diagnostic, Directive } from '@ossproc/core';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from './lineDocument';

/**
 * What the server knows of each line of an .ossproc document, kept across edits so that re-diagnosis after
 * a keystroke reads only the lines it touched. An .ossproc line is the unit of linting (one string per line,
 * its findings inside it) and of suppression (a comment line's directives name the line itself, the next one
 * or the file), so a line outside the edited span keeps what was read of it, its findings moved with it.
 *
 * The edited span is found by comparing the text the entries were read from with the document's text (common
 * prefix and suffix, compared in large slices), not by trusting the change events: any sequence of changes,
 * a change the server did not see, or a replaced document gives the same entries as reading it afresh.
 */

/** A line read: its string's findings (line offsets, suppression not applied) and a comment's directives. */
export interface LineEntry {
  readonly found: readonly Diagnostic[];
  /** The directives of a comment line, read in the line's own offsets (line 0 is the line itself). */
  readonly directives: readonly Directive[];
  /** `found` as LSP diagnostics for line `at` (built when first published there). */
  lsp: LspDiagnostic[] | undefined;
  at: number;
}

/** A line's slot: undefined while not read at all; null for a string not linted yet (read again to lint it). */
export type Slot = LineEntry | null | undefined;

export class OssprocLines {
  /** The text the entries describe. */
  text = '';
  /** One per line: undefined while the line has not been read at all. */
  slots: Slot[] = [];
  /** Lines not read yet (their directives are unknown until they are). */
  unread = 0;
  /** Lines holding directives. */
  directiveLines = 0;

  constructor(readonly key: string) {}

  /** The document's lines when it holds them (a LineDocument), as last read. */
  private lines: readonly string[] | undefined;

  /** Brings the entries in line with the document: the lines in the changed span become unread. */
  sync(doc: TextDocument): void {
    if (doc instanceof LineDocument) {
      this.syncLines(doc.lines);
      return;
    }
    this.lines = undefined;
    const next = doc.getText();
    const old = this.text;
    if (next === old && this.slots.length === doc.lineCount) return;
    const lines = doc.lineCount;
    if (this.slots.length === 0 || old.length === 0) {
      this.reset(next, lines);
      return;
    }
    const p = commonPrefix(old, next);
    const s = commonSuffix(old, next, Math.min(old.length, next.length) - p);
    // Whether a line starts at offset x depends on the characters at x-1 and x only, so the line starts up to
    // p are those of the shared prefix (at p itself unless a CR ends the prefix: a CRLF may be joined or
    // split there), and those after the start of the shared suffix are the suffix's: every line before
    // `first` and every line after `lastNew` is unchanged, only moved.
    const first = doc.positionAt(p > 0 && next.charCodeAt(p - 1) === 13 ? p - 1 : p).line;
    const lastNew = doc.positionAt(next.length - s).line;
    const after = lines - 1 - lastNew;
    const lastOld = this.slots.length - 1 - after;
    if (lastOld < first - 1 || after < 0) {
      this.reset(next, lines);
      return;
    }
    this.splice(first, lastOld - first + 1, lastNew - first + 1);
    this.text = next;
    if (this.slots.length !== lines) this.reset(next, lines);
  }

  /** The same for a document held as lines: an untouched line keeps its string, compared by identity first. */
  private syncLines(next: readonly string[]): void {
    const old = this.lines;
    this.lines = next.slice();
    this.text = '';
    if (!old || this.slots.length !== old.length) {
      this.reset('', next.length);
      return;
    }
    const n = Math.min(old.length, next.length);
    let p = 0;
    while (p < n && old[p] === next[p]) p++;
    let s = 0;
    while (s < n - p && old[old.length - 1 - s] === next[next.length - 1 - s]) s++;
    this.splice(p, old.length - s - p, next.length - s - p);
  }

  /** `removed` entries from `first` replaced by `added` unread ones. */
  private splice(first: number, removed: number, added: number): void {
    for (let i = first; i < first + removed; i++) {
      const e = this.slots[i];
      if (e === undefined) this.unread--;
      else if (e !== null && e.directives.length) this.directiveLines--;
    }
    if (removed === 0 && added === 0) return;
    // (no spread of a long array into the arguments of splice: a paste of 100,000 lines is one change)
    if (added < 10_000) this.slots.splice(first, removed, ...new Array<Slot>(added));
    else this.slots = this.slots.slice(0, first).concat(new Array<Slot>(added), this.slots.slice(first + removed));
    this.unread += added;
  }

  set(line: number, slot: LineEntry | null): void {
    const old = this.slots[line];
    if (old === undefined) this.unread--;
    else if (old !== null && old.directives.length) this.directiveLines--;
    if (slot !== null && slot.directives.length) this.directiveLines++;
    this.slots[line] = slot;
  }

  private reset(text: string, lines: number): void {
    this.text = text;
    this.slots = new Array<Slot>(lines);
    this.unread = lines;
    this.directiveLines = 0;
  }
}

/** Slices compared at once: string equality is a native comparison, far faster than a loop over characters. */
const CHUNKS = [65_536, 2048, 64, 1];

export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let p = 0;
  for (const size of CHUNKS) while (p + size <= n && a.slice(p, p + size) === b.slice(p, p + size)) p += size;
  return p;
}

/** The longest common suffix, at most `max` long (so that it does not overlap the common prefix). */
export function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  for (const size of CHUNKS) while (s + size <= max && a.slice(a.length - s - size, a.length - s) === b.slice(b.length - s - size, b.length - s)) s += size;
  return s;
}

/**
 * A copy of a string that does not share the memory of the text it was cut from. V8 keeps a slice as a
 * pointer into its parent, so a line kept in a memo (core's check memo, a parse cache) would keep a whole
 * closed document alive; flattening a concatenation makes a string of its own.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
