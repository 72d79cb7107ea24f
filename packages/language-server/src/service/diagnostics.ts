import {
  applyDirectives,
  byPosition,
  checkRegion,
  classifyLine,
  findDirectives,
  LineIndex,
  placeLineDirective,
  ruleDocsUrl,
  Suppressor,
  toHost,
  type CheckMode,
  type Diagnostic,
  type Directive,
  type Evidence,
  type HostLanguage,
  type OssprocLine,
} from '@ossproc/core';
import { DiagnosticSeverity, DiagnosticTag, type CancellationToken, type Diagnostic as LspDiagnostic, type PublishDiagnosticsClientCapabilities, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LIMITS, hostLanguageOf, type CheckMemo, type DocumentStore } from './documents';
import { LineDocument } from './lineDocument';
import { commonPrefix, commonSuffix, DIRECTIVES, FOUND, ownCopy, PENDING, UNREAD, type LineEntry, type OssprocLines } from './ossprocLines';
import { checkKey, type Settings } from './settings';

/**
 * Diagnostics: core's lint pipeline, made incremental. Each string is linted by core's `checkRegion` (the
 * same per-region lint the CLI runs: mode, decoding, holes) and core's Suppressor applies the comments. In an
 * .ossproc document the lines are kept with what was found on them (`ossprocLines.ts`), so a one-character
 * edit in a 10,000-line document reads and lints the line it touched and converts only its diagnostics; in
 * other documents the strings are found afresh and each one's result is remembered by its text. What is the
 * server's own is only these caches, the time budget and the cap.
 */

/** A quick fix of a published diagnostic, kept by the server (never parsed back out of the message). */
export interface FixData {
  title: string;
  certain: boolean;
  edits: TextEdit[];
}

/**
 * What an ossproc diagnostic carries in `data`: what hover and other clients show. The fixes stay in the
 * server (as vscode-eslint keeps them): with them every publish of a 1,000-finding document was ~700 KB for
 * the client to parse on each keystroke; textDocument/codeAction looks them up (`fixesFor`).
 */
export interface DiagnosticData {
  /** What the verdict rests on (core's `Evidence`: rejected, documented, ffmpeg, convention…). */
  evidence?: Evidence;
  /** The page that states the fact, when there is one. */
  source?: string;
}

/**
 * What a published diagnostic carries beside its range, severity, code, source and message: each part only
 * when the client said it takes it (`textDocument.publishDiagnostics` in its capabilities), as the spec has
 * it. A client that takes none of them gets diagnostics less than half as large (~230 bytes instead of ~510
 * for a finding with a related place), which every publish of a 1,000-finding document pays for on each
 * keystroke; VS Code takes them all. What is left out is no loss to a client that would not show it: the
 * message names what the related place points at, the rule's page is the code, the evidence is in hover.
 */
export interface DiagnosticFields {
  /** `codeDescription.href`, the rule's page (`codeDescriptionSupport`). */
  readonly codeDescription: boolean;
  /** `relatedInformation`: the other places a finding names (`relatedInformation`). */
  readonly relatedInformation: boolean;
  /** `data`: evidence and source (`dataSupport`). */
  readonly data: boolean;
  /** `tags: [Unnecessary]` (`tagSupport.valueSet` holds it). */
  readonly unnecessary: boolean;
}

/** Every part: what the service publishes when it is not told what the client takes (the playground, tests). */
export const ALL_FIELDS: DiagnosticFields = Object.freeze({ codeDescription: true, relatedInformation: true, data: true, unnecessary: true });

/** The parts of a diagnostic a client takes, from its `textDocument.publishDiagnostics` capabilities. */
export function diagnosticFields(caps: PublishDiagnosticsClientCapabilities | undefined): DiagnosticFields {
  const tags = caps?.tagSupport as { valueSet?: unknown } | boolean | undefined;
  // clients written to the 3.15 drafts said `tagSupport: true`
  const unnecessary = tags === true || (typeof tags === 'object' && tags !== null && (!Array.isArray(tags.valueSet) || tags.valueSet.includes(DiagnosticTag.Unnecessary)));
  return Object.freeze({ codeDescription: caps?.codeDescriptionSupport === true, relatedInformation: caps?.relatedInformation === true, data: caps?.dataSupport === true, unnecessary });
}

export interface ValidationResult {
  /** Host-offset diagnostics, suppression applied, sorted, capped at LIMITS.maxDiagnostics. */
  diagnostics: Diagnostic[];
  /**
   * False when the run stopped on its time budget (or cancellation) before checking everything: publish
   * what there is and run again; the memo makes the next run start where this one stopped.
   */
  complete: boolean;
  /** How many strings were checked afresh (the rest came from the memo). */
  checked: number;
}

const EMPTY: Diagnostic[] = [];
Object.freeze(EMPTY);

export interface ValidateOptions {
  token?: CancellationToken;
  /** Fresh checking allowed in this run (ms); `Infinity` to finish in one run. */
  budgetMs?: number;
  /** Called when a string is too long to check. */
  log?: (message: string) => void;
  /** Which memo to use (default: the document's uri); a scratch copy of a document uses its own. */
  memoKey?: string;
  /** False: a run stopped on its budget returns no diagnostics (the caller publishes only complete ones). */
  partial?: boolean;
  /** What the LSP diagnostics carry (default: every part). */
  fields?: DiagnosticFields;
}

/** Core diagnostics of a document in host offsets. */
export function computeDiagnostics(doc: TextDocument, settings: Settings, store: DocumentStore, options: ValidateOptions = {}): ValidationResult {
  const language = hostLanguageOf(doc, settings);
  if (!language) return { diagnostics: [], complete: true, checked: 0 };
  return language === 'ossproc' ? ossprocDiagnostics(doc, settings, store, options) : hostDiagnostics(doc, language, settings, store, options);
}

/** The run's clock: fresh work counts against the budget; cached results are free. */
class Budget {
  private readonly deadline: number;
  private n = 0;
  constructor(
    ms: number,
    private readonly token: CancellationToken | undefined,
  ) {
    this.deadline = performance.now() + ms;
  }
  private chars = 0;
  /**
   * Whether to stop before checking a string of `length` more characters (the clock is read every few
   * fresh checks, or after a long string: one check of a long line may take a while).
   */
  spent(length = 0): boolean {
    if (this.token?.isCancellationRequested) return true;
    const read = (++this.n & 7) === 0 || this.chars > 65_536;
    this.chars += length;
    if (!read) return false;
    this.chars = 0;
    return performance.now() > this.deadline;
  }
  /** Whether the run is past its deadline or cancelled (for cheap steps, read now and then). */
  late(): boolean {
    return !!this.token?.isCancellationRequested || performance.now() > this.deadline;
  }
}

/** The check options of the settings, one object per settings object (so core's memo keys it once). */
const optionsOf = new WeakMap<Settings, { mode: CheckMode; rules: Settings['rules']; sourceKey?: string }>();
function checkOptions(settings: Settings): { mode: CheckMode; rules: Settings['rules']; sourceKey?: string } {
  let o = optionsOf.get(settings);
  if (!o) {
    o = { mode: settings.mode, rules: settings.rules };
    if (settings.sourceKey !== undefined) o.sourceKey = settings.sourceKey;
    optionsOf.set(settings, o);
  }
  return o;
}

function shift(d: Diagnostic, by: number): Diagnostic {
  const r = (x: { start: number; end: number }) => ({ start: x.start + by, end: x.end + by });
  const out: Diagnostic = { ...d, range: r(d.range) };
  if (d.fixes) out.fixes = d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ range: r(e.range), newText: e.newText })) }));
  if (d.related) out.related = d.related.map((x) => ({ ...x, range: r(x.range) }));
  return out;
}

/** The log line for a string over LIMITS.maxCheckedLength (the CLI's bound on a line, where it stops with an error). */
const notChecked = (what: string, length: number) =>
  `ossproc: ${what} is ${length} characters long; not checked (ossproc checks strings up to ${LIMITS.maxCheckedLength} characters, as the CLI does)`;

/** A line's diagnostics in line offsets (core's per-region lint of the line's string). */
function lintLine(lineText: string, c: OssprocLine, settings: Settings): readonly Diagnostic[] {
  const found = checkRegion({ text: c.s === 0 && c.e === lineText.length ? lineText : lineText.slice(c.s, c.e) }, checkOptions(settings));
  if (found.length === 0) return EMPTY;
  return c.s === 0 ? found : found.map((d) => shift(d, c.s));
}

/** The text of line `line` without its break, as a string of its own (see ownCopy). */
function lineTextAt(doc: TextDocument, text: string, line: number): string {
  if (doc instanceof LineDocument) {
    const piece = doc.lines[line]!;
    let n = piece.length;
    while (n > 0 && (piece.charCodeAt(n - 1) === 10 || piece.charCodeAt(n - 1) === 13)) n--;
    return ownCopy(n === piece.length ? piece : piece.slice(0, n));
  }
  const start = doc.offsetAt({ line, character: 0 });
  let end = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return ownCopy(text.slice(start, end));
}

const NONE: readonly Directive[] = Object.freeze([]);
const CLEAN: LineEntry = Object.freeze({ found: EMPTY, directives: NONE, lsp: [] as LspDiagnostic[], at: -1, fields: undefined });

function entry(found: readonly Diagnostic[], directives: readonly Directive[]): LineEntry {
  return found.length === 0 && directives.length === 0 ? CLEAN : { found, directives, lsp: undefined, at: -1, fields: undefined };
}

/** A line read for what it is: blank, a comment (with its directives), or a string still to lint. */
function readLine(lineText: string): LineEntry | null {
  const c = classifyLine(lineText);
  if (c.s === c.e) return CLEAN;
  if (!c.comment) return null;
  return lineText.indexOf('ossproc-') < 0 ? CLEAN : entry(EMPTY, findDirectives(lineText, 'ossproc'));
}

/** Lints line `i` of the document (a string, or a line not read yet) and keeps its entry. */
function lintSlot(doc: TextDocument, state: OssprocLines, i: number, lineText: string, settings: Settings, options: ValidateOptions): LineEntry {
  const read = state.slots[i] === undefined ? readLine(lineText) : null;
  let e = read;
  if (!e) {
    const c = classifyLine(lineText);
    if (c.e - c.s > LIMITS.maxCheckedLength) {
      options.log?.(notChecked(`line ${i + 1} of ${doc.uri}`, c.e - c.s));
      e = CLEAN;
    } else e = entry(lintLine(lineText, c, settings), NONE);
  }
  state.set(i, e);
  return e;
}

/** A line's findings kept after suppression: all of them, or those at the indexes in `only`. */
export interface Hit {
  line: number;
  entry: LineEntry;
  only?: number[];
}

interface OssprocRun {
  hits: Hit[];
  complete: boolean;
  checked: number;
}

/**
 * The .ossproc pipeline on the document's line entries: read the lines not read yet (every directive must be
 * known before any finding is reported: a disable-file comment at the end reaches back to the top), then go
 * down the lines, linting those not linted yet, until the cap, the budget or the end.
 */
function runOssproc(doc: TextDocument, settings: Settings, store: DocumentStore, options: ValidateOptions): OssprocRun {
  const state = store.ossprocLines(options.memoKey ?? doc.uri, checkKey(settings));
  state.sync(doc);
  const text = state.text;
  const slots = state.slots;
  const n = slots.length;
  const budget = new Budget(options.budgetMs ?? LIMITS.checkBudgetMs, options.token);
  let checked = 0;
  if (state.unread > 0) {
    let read = 0;
    // the lines not read yet, found in the kinds' bytes (a keystroke leaves one or two)
    for (let i = state.kinds.indexOf(UNREAD); i >= 0 && i < n; i = state.kinds.indexOf(UNREAD, i + 1)) {
      if ((++read & 1023) === 0 && budget.late()) return { hits: [], complete: false, checked };
      state.set(i, readLine(lineTextAt(doc, text, i)));
    }
  }
  let suppressor: Suppressor | undefined;
  if (state.directiveLines > 0) {
    suppressor = new Suppressor();
    const kinds = state.kinds;
    for (let i = 0; i < n; i++) {
      if ((kinds[i]! & DIRECTIVES) === 0) continue;
      for (const d of slots[i]!.directives) suppressor.add(placeLineDirective(d, i, doc.offsetAt({ line: i, character: 0 })));
    }
  }
  const hits: Hit[] = [];
  let count = 0;
  const kinds = state.kinds;
  for (let i = 0; i < n && count < LIMITS.maxDiagnostics; i++) {
    // a clean line or a comment: nothing to lint or report
    if ((kinds[i]! & (FOUND | PENDING | UNREAD)) === 0) continue;
    let e = slots[i];
    if (!e) {
      const lineText = lineTextAt(doc, text, i);
      if (budget.spent(lineText.length)) return { hits: options.partial === false ? [] : hits, complete: false, checked };
      checked++;
      e = lintSlot(doc, state, i, lineText, settings, options);
    }
    const found = e.found;
    if (found.length === 0) continue;
    if (!suppressor) {
      hits.push({ line: i, entry: e });
      count += found.length;
      continue;
    }
    const only: number[] = [];
    for (let k = 0; k < found.length; k++) if (!suppressor.suppresses(found[k]!.ruleId, i)) only.push(k);
    if (only.length === found.length) hits.push({ line: i, entry: e });
    else if (only.length) hits.push({ line: i, entry: e, only });
    count += only.length;
  }
  return { hits, complete: true, checked };
}

function ossprocDiagnostics(doc: TextDocument, settings: Settings, store: DocumentStore, options: ValidateOptions): ValidationResult {
  const { hits, complete, checked } = runOssproc(doc, settings, store, options);
  const out: Diagnostic[] = [];
  for (const { line, entry: e, only } of hits) {
    const start = doc.offsetAt({ line, character: 0 });
    if (only) for (const k of only) out.push(shift(e.found[k]!, start));
    else for (const d of e.found) out.push(start === 0 ? d : shift(d, start));
  }
  return { diagnostics: out.slice(0, LIMITS.maxDiagnostics), complete, checked };
}

/** The LSP diagnostics of a line's findings on line `line` (kept with the entry until the line moves). */
function lspOfLine(uri: string, e: LineEntry, line: number, fields: DiagnosticFields): LspDiagnostic[] {
  if (e.lsp && e.at === line && e.fields === fields) return e.lsp;
  const range = (r: { start: number; end: number }) => ({ start: { line, character: r.start }, end: { line, character: r.end } });
  e.lsp = e.found.map((d) => lspDiagnostic(uri, d, range, fields));
  e.at = line;
  e.fields = fields;
  return e.lsp;
}

function hostDiagnostics(doc: TextDocument, language: HostLanguage, settings: Settings, store: DocumentStore, options: ValidateOptions): ValidationResult {
  const text = doc.getText();
  if (text.length > LIMITS.maxEmbeddedLength) {
    options.log?.(
      `ossproc: ${doc.uri} is ${text.length} characters long; the editor searches documents of up to ${LIMITS.maxEmbeddedLength} characters for processing strings (finding them is one pass that would hold up every other request), so none in it are checked: run \`ossproc lint\` on the file, which reads such files whole up to 64 MiB`,
    );
    return { diagnostics: [], complete: true, checked: 0 };
  }
  const regions = store.embeddedRegions(doc, language);
  // a preset's style names and shape, as CI reports them
  const all: Diagnostic[] = [...store.hostStructure(doc, language, checkKey(settings), settings.rules)];
  if (regions.length === 0 && all.length === 0) return { diagnostics: [], complete: true, checked: 0 };
  const old = store.memo(options.memoKey ?? doc.uri, checkKey(settings));
  const memo: CheckMemo = { key: old.key, results: new Map() };
  const budget = new Budget(options.budgetMs ?? LIMITS.checkBudgetMs, options.token);
  let complete = true;
  let checked = 0;
  for (const region of regions) {
    const key = `${region.mode ?? ''}${region.decoded ? 'd' : ''}\u0000${region.text}`;
    let ds = memo.results.get(key) ?? old.results.get(key);
    if (!ds) {
      if (budget.spent(region.text.length)) {
        complete = false;
        break;
      }
      checked++;
      if (region.text.length > LIMITS.maxCheckedLength) {
        options.log?.(notChecked(`a string in ${doc.uri}`, region.text.length));
        ds = EMPTY;
      } else {
        ds = checkRegion(region, checkOptions(settings));
        if (ds.length === 0) ds = EMPTY;
      }
    }
    memo.results.set(key, ds);
    for (const d of ds) all.push(toHost(region, d));
  }
  if (!complete) for (const [k, v] of old.results) if (!memo.results.has(k)) memo.results.set(k, v);
  store.setMemo(options.memoKey ?? doc.uri, memo);
  if (!complete && options.partial === false) return { diagnostics: [], complete, checked };
  const kept = all.length ? applyDirectives(text, all, store.hostDirectives(doc, language)).kept : all;
  kept.sort(byPosition);
  return { diagnostics: kept.slice(0, LIMITS.maxDiagnostics), complete, checked };
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

type LspRange = LspDiagnostic['range'];

/**
 * A core diagnostic as LSP sends it: code = rule id, docs link, related places, and in `data` what the
 * verdict rests on (`evidence`, `source`: as hover shows them and the CLI's JSON carries them), each of the
 * last three only when the client takes it (`fields`). Its fixes are not sent: `fixesFor` finds them when
 * the client asks for code actions.
 */
function lspDiagnostic(uri: string, d: Diagnostic, range: (r: { start: number; end: number }) => LspRange, fields: DiagnosticFields): LspDiagnostic {
  // (the keys in this order whatever is left out, as JSON writes them)
  const out: LspDiagnostic = fields.codeDescription
    ? { range: range(d.range), severity: SEVERITY[d.severity], code: d.ruleId, codeDescription: { href: ruleDocsUrl(d.ruleId) }, source: 'ossproc', message: d.message }
    : { range: range(d.range), severity: SEVERITY[d.severity], code: d.ruleId, source: 'ossproc', message: d.message };
  if (fields.relatedInformation && d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri, range: range(r.range) }, message: r.message }));
  if (fields.unnecessary && d.tags?.includes('unnecessary')) out.tags = [DiagnosticTag.Unnecessary];
  if (fields.data && d.data) {
    const data: DiagnosticData = { evidence: d.data.evidence };
    if (d.data.source !== undefined) data.source = d.data.source;
    out.data = data;
  }
  return out;
}

/** A core diagnostic's fixes as LSP edits. */
function lspFixes(d: Diagnostic, range: (r: { start: number; end: number }) => LspRange): FixData[] {
  return d.fixes?.length ? d.fixes.map((f) => ({ title: f.title, certain: f.certain, edits: f.edits.map((e) => ({ range: range(e.range), newText: e.newText })) })) : [];
}

/** A host-offset core diagnostic as LSP sends it. */
export function toLspDiagnostic(doc: TextDocument, d: Diagnostic, fields: DiagnosticFields = ALL_FIELDS): LspDiagnostic {
  return lspDiagnostic(doc.uri, d, (r) => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) }), fields);
}

export interface LspValidationResult {
  diagnostics: LspDiagnostic[];
  complete: boolean;
  /** How many strings were checked afresh. */
  checked: number;
}

/**
 * What a run published for one version of a document, kept (a few versions back) so that a code action asked
 * with a diagnostic of an earlier publish still finds its fixes: the lines' entries of an .ossproc document
 * (an untouched line keeps its entry across edits, so a finding is followed to where its line is now), the
 * text and host-offset findings of another document.
 */
export interface PublishedFindings {
  version: number;
  /** False for what a run stopped on its budget had found so far (published as progress). */
  complete: boolean;
  hits?: readonly Hit[];
  host?: { text: string; found: readonly Diagnostic[] };
}

/** The diagnostics to publish for a document. */
export function doValidation(doc: TextDocument, settings: Settings, store: DocumentStore, options: ValidateOptions = {}): LspValidationResult {
  const language = hostLanguageOf(doc, settings);
  const record = options.memoKey === undefined;
  const fields = options.fields ?? ALL_FIELDS;
  if (language === 'ossproc') {
    // the lines' LSP diagnostics are kept with them: a keystroke converts only what it changed
    const { hits, complete, checked } = runOssproc(doc, settings, store, options);
    const out: LspDiagnostic[] = [];
    for (const { line, entry: e, only } of hits) {
      const lsp = lspOfLine(doc.uri, e, line, fields);
      if (only) for (const k of only) out.push(lsp[k]!);
      else for (const d of lsp) out.push(d);
    }
    if (record && (complete || options.partial !== false)) store.recordFindings(doc.uri, { version: doc.version, complete, hits });
    return { diagnostics: out.length > LIMITS.maxDiagnostics ? out.slice(0, LIMITS.maxDiagnostics) : out, complete, checked };
  }
  const { diagnostics, complete, checked } = computeDiagnostics(doc, settings, store, options);
  if (record && language && (complete || options.partial !== false)) store.recordFindings(doc.uri, { version: doc.version, complete, host: { text: doc.getText(), found: diagnostics } });
  return { diagnostics: diagnostics.map((d) => toLspDiagnostic(doc, d, fields)), complete, checked };
}

type Place = { line: number; character: number };

/** Whether core diagnostic `f`, at start…end, has the range and rule of the published diagnostic `d`. */
function sameRule(d: LspDiagnostic, f: Diagnostic, start: Place, end: Place): boolean {
  return (
    d.code === f.ruleId &&
    d.range.start.line === start.line &&
    d.range.start.character === start.character &&
    d.range.end.line === end.line &&
    d.range.end.character === end.character
  );
}

/**
 * The index of the finding that is `d`, or -1: by range, rule and message (vscode-eslint's computeKey), else
 * the only finding with its range and rule (the message is never read for the fix, so a client that shows
 * it reworded still gets it).
 */
function indexOf(d: LspDiagnostic, found: readonly Diagnostic[], place: (f: Diagnostic) => [Place, Place]): number {
  let only = -1;
  let n = 0;
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    const [start, end] = place(f);
    if (!sameRule(d, f, start, end)) continue;
    if (f.message === d.message) return k;
    only = k;
    n++;
  }
  return n === 1 ? only : -1;
}

/** The finding of `e` (a line's entry, at `line`) that is `d`, or -1. */
function indexOnLine(e: LineEntry, line: number, d: LspDiagnostic): number {
  if (d.range.start.line !== line || d.range.end.line !== line) return -1;
  return indexOf(d, e.found, (f) => [{ line, character: f.range.start }, { line, character: f.range.end }]);
}

/**
 * The fixes of published ossproc diagnostics (one list per diagnostic, empty when it has none or is not
 * found), for the document as it is now. A diagnostic is looked up among the findings of the current text
 * (a line not linted since the last edit is linted now); one from an earlier publish whose line has moved
 * since is found in what that publish held and followed to where its line is now. A diagnostic of text that
 * has changed since finds nothing: its fixes would edit the wrong text.
 */
export function fixesFor(doc: TextDocument, settings: Settings, store: DocumentStore, wanted: readonly LspDiagnostic[], log?: (message: string) => void): FixData[][] {
  const language = hostLanguageOf(doc, settings);
  if (!language || wanted.length === 0) return wanted.map(() => []);
  return language === 'ossproc' ? ossprocFixes(doc, settings, store, wanted, log) : hostFixes(doc, language, settings, store, wanted, log);
}

function ossprocFixes(doc: TextDocument, settings: Settings, store: DocumentStore, wanted: readonly LspDiagnostic[], log?: (message: string) => void): FixData[][] {
  const state = store.ossprocLines(doc.uri, checkKey(settings));
  state.sync(doc);
  const text = state.text;
  const at = (line: number) => (r: { start: number; end: number }) => ({ start: { line, character: r.start }, end: { line, character: r.end } });
  const earlier = store.findingsOf(doc.uri);
  return wanted.map((d) => {
    const line = d.range.start.line;
    if (line >= 0 && line < state.slots.length) {
      const e = state.slots[line] || lintSlot(doc, state, line, lineTextAt(doc, text, line), settings, { log });
      const k = indexOnLine(e, line, d);
      if (k >= 0) return lspFixes(e.found[k]!, at(line));
    }
    for (const p of earlier) {
      for (const hit of p.hits ?? []) {
        if (hit.line !== line) continue;
        const k = indexOnLine(hit.entry, line, d);
        // the same entry is the same line, unchanged: where is it now?
        const now = k >= 0 ? state.slots.indexOf(hit.entry) : -1;
        if (now >= 0) return lspFixes(hit.entry.found[k]!, at(now));
      }
    }
    return [];
  });
}

function hostFixes(doc: TextDocument, language: HostLanguage, settings: Settings, store: DocumentStore, wanted: readonly LspDiagnostic[], log?: (message: string) => void): FixData[][] {
  const text = doc.getText();
  const earlier = store.findingsOf(doc.uri);
  let current = earlier.find((p) => p.version === doc.version && p.complete && p.host?.text === text)?.host;
  // not diagnosed in this version yet (or not to the end): diagnose it now (the memo keeps this cheap)
  if (!current) {
    const found = computeDiagnostics(doc, settings, store, { budgetMs: Infinity, log }).diagnostics;
    current = { text, found };
    store.recordFindings(doc.uri, { version: doc.version, complete: true, host: current });
  }
  const positions = (r: { start: number; end: number }) => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
  return wanted.map((d) => {
    const k = indexOf(d, current.found, (f) => [doc.positionAt(f.range.start), doc.positionAt(f.range.end)]);
    if (k >= 0) return lspFixes(current.found[k]!, positions);
    for (const p of earlier) {
      if (!p.host || p.host.text === text) continue;
      const moved = movedFixes(p.host.text, p.host.found, text, d, (offset) => store.regionAt(doc, language, offset)?.range);
      if (moved) return lspFixes(moved, positions);
    }
    return [];
  });
}

/**
 * The finding `d` of an earlier text, moved to the current text, when the string that holds it is unchanged
 * between the two (only moved: what changed lies before or after it); else undefined, as its fixes could
 * edit a string that is no longer what they were made for.
 */
function movedFixes(oldText: string, found: readonly Diagnostic[], text: string, d: LspDiagnostic, stringAt: (offset: number) => { start: number; end: number } | undefined): Diagnostic | undefined {
  const index = new LineIndex(oldText);
  const f = found[indexOf(d, found, (x) => [index.position(x.range.start), index.position(x.range.end)])];
  if (!f?.fixes?.length) return undefined;
  const p = commonPrefix(oldText, text);
  const s = commonSuffix(oldText, text, Math.min(oldText.length, text.length) - p);
  const by = text.length - oldText.length;
  // in the unchanged text, with an unchanged character on each side (an edit next to a string changes it)
  const move = (r: { start: number; end: number }) => (r.end < p ? r : r.start > oldText.length - s ? { start: r.start + by, end: r.end + by } : undefined);
  const range = move(f.range);
  const string = range && stringAt(range.start);
  const held = string && move({ start: string.start - (range.start - f.range.start), end: string.end - (range.start - f.range.start) });
  if (!range || !held) return undefined;
  const fixes: NonNullable<Diagnostic['fixes']> = [];
  for (const fix of f.fixes) {
    const edits = fix.edits.map((e) => ({ range: move(e.range), newText: e.newText }));
    if (edits.every((e) => e.range)) fixes.push({ ...fix, edits: edits as typeof fix.edits });
  }
  return { ...f, range, fixes };
}
