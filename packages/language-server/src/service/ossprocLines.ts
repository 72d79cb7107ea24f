import type { Diagnostic, Directive } from '@ossproc/core';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { DiagnosticFields } from './diagnostics';
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
  /** `found` as LSP diagnostics for line `at` with `fields` (built when first published there so). */
  lsp: LspDiagnostic[] | undefined;
  at: number;
  fields: DiagnosticFields | undefined;
}

/** A line's slot: undefined while not read at all; null for a string not linted yet (read again to lint it). */
export type Slot = LineEntry | null | undefined;

/**
 * What each line's slot holds, as flags in one byte per line (`OssprocLines.kinds`), so that a run finds the
 * lines to read, to lint and with findings by scanning bytes rather than visiting 10,000 entries.
 */
export const FOUND = 1;
export const UNREAD = 2;
export const PENDING = 4;
export const DIRECTIVES = 8;

function kindOf(slot: Slot): number {
  if (slot === undefined) return UNREAD;
  if (slot === null) return PENDING;
  return (slot.found.length ? FOUND : 0) | (slot.directives.length ? DIRECTIVES : 0);
}

export class OssprocLines {
  /** The text the entries describe (a document held as lines: '', the lines are followed by their splices). */
  text = '';
  /** One per line: undefined while the line has not been read at all. */
  slots: Slot[] = [];
  /** One per line (and zero past them): what its slot holds (FOUND, UNREAD, PENDING, DIRECTIVES). */
  kinds = new Uint8Array(0);
  /** Lines not read yet (their directives are unknown until they are). */
  unread = 0;
  /** Lines holding directives. */
  directiveLines = 0;

  constructor(readonly key: string) {}

  /** The LineDocument the entries follow (its id) and how many of its splices they have taken. */
  private followed = 0;
  private generation = -1;

  /** Brings the entries in line with the document: the lines in the changed span become unread. */
  sync(doc: TextDocument): void {
    if (doc instanceof LineDocument) {
      this.syncLines(doc);
      return;
    }
    this.followed = 0;
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

  /**
   * The same for a document held as lines, from the document's own record of what changed since the entries
   * were last brought in line (`splicesSince`): a keystroke costs the lines it touched, not a comparison of
   * every line. Another document, or one whose record no longer reaches back, is read afresh.
   */
  private syncLines(doc: LineDocument): void {
    this.text = '';
    const splices = this.followed === doc.id ? doc.splicesSince(this.generation) : undefined;
    if (splices) for (const sp of splices) this.splice(sp.first, sp.removed, sp.added);
    this.followed = doc.id;
    this.generation = doc.generation;
    if (!splices || this.slots.length !== doc.lineCount) this.reset('', doc.lineCount);
  }

  /** `removed` entries from `first` replaced by `added` unread ones. */
  private splice(first: number, removed: number, added: number): void {
    for (let i = first; i < first + removed; i++) {
      const e = this.slots[i];
      if (e === undefined) this.unread--;
      else if (e !== null && e.directives.length) this.directiveLines--;
    }
    if (removed === 0 && added === 0) return;
    const length = this.slots.length;
    // (no spread of a long array into the arguments of splice: a paste of 100,000 lines is one change)
    if (added < 10_000) this.slots.splice(first, removed, ...new Array<Slot>(added));
    else this.slots = this.slots.slice(0, first).concat(new Array<Slot>(added), this.slots.slice(first + removed));
    this.unread += added;
    const next = this.slots.length;
    let kinds = this.kinds;
    if (next > kinds.length || next < kinds.length >> 2) {
      kinds = new Uint8Array(next + (next >> 2) + 16);
      kinds.set(this.kinds.subarray(0, first));
      kinds.set(this.kinds.subarray(first + removed, length), first + added);
      this.kinds = kinds;
    } else if (added !== removed) {
      kinds.copyWithin(first + added, first + removed, length);
      if (next < length) kinds.fill(0, next, length);
    }
    kinds.fill(UNREAD, first, first + added);
  }

  set(line: number, slot: LineEntry | null): void {
    const old = this.slots[line];
    if (old === undefined) this.unread--;
    else if (old !== null && old.directives.length) this.directiveLines--;
    if (slot !== null && slot.directives.length) this.directiveLines++;
    this.slots[line] = slot;
    this.kinds[line] = kindOf(slot);
  }

  private reset(text: string, lines: number): void {
    this.text = text;
    this.slots = new Array<Slot>(lines);
    this.kinds = new Uint8Array(lines + (lines >> 2) + 16);
    this.kinds.fill(UNREAD, 0, lines);
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
