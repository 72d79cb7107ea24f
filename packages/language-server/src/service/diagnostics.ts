import {
  applyDirectives,
  check,
  findDirectives,
  lintDocument,
  ruleDocsUrl,
  structureFindings,
  toHost,
  type CheckMode,
  type Diagnostic,
  type Directive,
  type EmbeddedRegion,
  type HostLanguage,
  type ParseResult,
} from '@ossproc/core';
import { DiagnosticSeverity, DiagnosticTag, type CancellationToken, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LIMITS, hostLanguageOf, type CheckMemo, type DocumentStore } from './documents';
import { coversHole } from './mapping';
import { checkKey, type Settings } from './settings';

/**
 * Diagnostics: core's lint pipeline (find the strings, parse, check, map to the host, apply suppression
 * comments), made incremental. An .ossproc document is checked line by line with `lintDocument`, and each
 * line's result is remembered by its text, so a one-character edit in a 10,000-line document re-checks one
 * line. In other documents the strings are found by core's extractor and each string's result is remembered
 * by its text in the same way.
 */

/** A quick fix as it travels in `diagnostic.data` (never parsed back out of the message). */
export interface FixData {
  title: string;
  certain: boolean;
  edits: TextEdit[];
}

export interface DiagnosticData {
  fixes: FixData[];
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
  /** Whether to stop now (checked every few fresh checks). */
  spent(): boolean {
    if (this.token?.isCancellationRequested) return true;
    return (++this.n & 7) === 0 && performance.now() > this.deadline;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;
}

function checkOptions(settings: Settings, mode: CheckMode = settings.mode): { mode: CheckMode; rules: Settings['rules']; sourceKey?: string } {
  const o: { mode: CheckMode; rules: Settings['rules']; sourceKey?: string } = { mode, rules: settings.rules };
  if (settings.sourceKey !== undefined) o.sourceKey = settings.sourceKey;
  return o;
}

function shift(d: Diagnostic, by: number): Diagnostic {
  const r = (x: { start: number; end: number }) => ({ start: x.start + by, end: x.end + by });
  const out: Diagnostic = { ...d, range: r(d.range) };
  if (d.fixes) out.fixes = d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ range: r(e.range), newText: e.newText })) }));
  if (d.related) out.related = d.related.map((x) => ({ ...x, range: r(x.range) }));
  return out;
}

/** A directive of a comment line, placed on the line it governs. */
function placeDirective(d: Directive, line: number): Directive {
  return { ...d, line: d.line < 0 ? -1 : line + d.line };
}

/** Directives re-based so that `line` is line 0 (what applyDirectives sees when given one line's text). */
function onLineZero(d: Directive): Directive {
  return { ...d, line: d.line < 0 ? -1 : 0 };
}

function ossprocDiagnostics(doc: TextDocument, settings: Settings, store: DocumentStore, options: ValidateOptions): ValidationResult {
  const text = doc.getText();
  const old = store.memo(options.memoKey ?? doc.uri, checkKey(settings));
  const memo: CheckMemo = { key: old.key, results: new Map(), directives: new Map() };
  const lint = checkOptions(settings);

  // the lines: [start, end) without the line break
  const lines: { start: number; end: number; first: number }[] = [];
  const n = text.length;
  for (let ls = 0; ls <= n; ) {
    let le = ls;
    while (le < n) {
      const c = text.charCodeAt(le);
      if (c === 10 || c === 13) break;
      le++;
    }
    let first = ls;
    while (first < le && isBlank(text.charCodeAt(first))) first++;
    lines.push({ start: ls, end: le, first });
    if (le >= n) break;
    ls = text.charCodeAt(le) === 13 && text.charCodeAt(le + 1) === 10 ? le + 2 : le + 1;
  }

  // pass 1: suppression comments (cheap: only lines starting with #)
  const fileWide: Directive[] = [];
  const byLine = new Map<number, Directive[]>();
  lines.forEach((l, i) => {
    if (l.first >= l.end || text.charCodeAt(l.first) !== 35) return;
    const lineText = text.slice(l.start, l.end);
    if (!lineText.includes('ossproc-')) return;
    let ds = memo.directives.get(lineText) ?? old.directives.get(lineText);
    if (!ds) ds = findDirectives(lineText, 'ossproc');
    memo.directives.set(lineText, ds);
    for (const d of ds) {
      const placed = placeDirective(d, i);
      if (placed.line < 0) fileWide.push(placed);
      else {
        const list = byLine.get(placed.line);
        if (list) list.push(placed);
        else byLine.set(placed.line, [placed]);
      }
    }
  });

  // pass 2: the strings, in order, until the cap or the budget
  const budget = new Budget(options.budgetMs ?? LIMITS.checkBudgetMs, options.token);
  const out: Diagnostic[] = [];
  let complete = true;
  let checked = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.first >= l.end || text.charCodeAt(l.first) === 35) continue;
    const lineText = text.slice(l.start, l.end);
    let ds = memo.results.get(lineText);
    if (!ds) {
      ds = old.results.get(lineText);
      if (!ds) {
        if (budget.spent()) {
          complete = false;
          break;
        }
        checked++;
        if (lineText.length > LIMITS.maxRegionLength) {
          options.log?.(`ossproc: line ${i + 1} of ${doc.uri} is ${lineText.length} characters long; not checked`);
          ds = EMPTY;
        } else {
          ds = lintDocument(lineText, { language: 'ossproc', ...lint }).diagnostics;
          if (ds.length === 0) ds = EMPTY;
        }
      }
      memo.results.set(lineText, ds);
    }
    if (ds.length === 0) continue;
    const directives = byLine.get(i);
    let kept = ds;
    if (fileWide.length || directives) kept = applyDirectives(lineText, ds, [...fileWide, ...(directives ?? [])].map(onLineZero)).kept;
    for (const d of kept) out.push(l.start === 0 ? d : shift(d, l.start));
    if (out.length >= LIMITS.maxDiagnostics) break;
  }
  // a partial run keeps what the old memo knew as well, for the next run
  if (!complete) for (const [k, v] of old.results) if (!memo.results.has(k)) memo.results.set(k, v);
  store.setMemo(options.memoKey ?? doc.uri, memo);
  return { diagnostics: out.slice(0, LIMITS.maxDiagnostics), complete, checked };
}

/**
 * Diagnostics of one string in its own offsets. Core's checker with two repairs (reported to core):
 * a string whose host fixes the mode (a URL's `x-oss-process=` parameter, `region.mode`) is checked in that
 * mode; and a finding on a hole (host code such as `" + codec + "`) is dropped, as is a fix whose edit would
 * cover one.
 */
export function regionDiagnostics(region: EmbeddedRegion, settings: Settings, parse: (text: string) => ParseResult): Diagnostic[] {
  const mode = region.mode && settings.mode === 'auto' ? region.mode : settings.mode;
  const found = check(parse(region.text), checkOptions(settings, mode));
  const out: Diagnostic[] = [];
  for (const d of found) {
    if (coversHole(region, d.range)) continue;
    if (d.fixes) {
      const fixes = d.fixes.filter((f) => !f.edits.some((e) => coversHole(region, e.range)));
      if (fixes.length !== d.fixes.length) {
        const copy: Diagnostic = { ...d };
        if (fixes.length) copy.fixes = fixes;
        else delete copy.fixes;
        out.push(copy);
        continue;
      }
    }
    out.push(d);
  }
  return out;
}

function hostDiagnostics(doc: TextDocument, language: HostLanguage, settings: Settings, store: DocumentStore, options: ValidateOptions): ValidationResult {
  const text = doc.getText();
  if (text.length > LIMITS.maxEmbeddedLength) {
    options.log?.(`ossproc: ${doc.uri} is ${text.length} characters long; strings in it are not checked`);
    return { diagnostics: [], complete: true, checked: 0 };
  }
  const regions = store.embeddedRegions(doc, language);
  // a preset's style names and shape, as CI reports them
  const all: Diagnostic[] = structureFindings(text, language, settings);
  if (regions.length === 0 && all.length === 0) return { diagnostics: [], complete: true, checked: 0 };
  const old = store.memo(options.memoKey ?? doc.uri, checkKey(settings));
  const memo: CheckMemo = { key: old.key, results: new Map(), directives: new Map() };
  const budget = new Budget(options.budgetMs ?? LIMITS.checkBudgetMs, options.token);
  let complete = true;
  let checked = 0;
  for (const region of regions) {
    const key = `${region.mode ?? ''}\u0000${region.text}`;
    let ds = memo.results.get(key) ?? old.results.get(key);
    if (!ds) {
      if (budget.spent()) {
        complete = false;
        break;
      }
      checked++;
      if (region.text.length > LIMITS.maxRegionLength) {
        options.log?.(`ossproc: a string of ${region.text.length} characters in ${doc.uri} is not checked`);
        ds = EMPTY;
      } else {
        ds = regionDiagnostics(region, settings, (t) => store.parse(t));
        if (ds.length === 0) ds = EMPTY;
      }
    }
    memo.results.set(key, ds);
    for (const d of ds) all.push(toHost(region, d));
  }
  if (!complete) for (const [k, v] of old.results) if (!memo.results.has(k)) memo.results.set(k, v);
  store.setMemo(options.memoKey ?? doc.uri, memo);
  const kept = all.length ? applyDirectives(text, all, findDirectives(text, language)).kept : all;
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { diagnostics: kept.slice(0, LIMITS.maxDiagnostics), complete, checked };
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A core diagnostic as LSP sends it: code = rule id, docs link, related places, fixes in `data`. */
export function toLspDiagnostic(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  const range = (r: { start: number; end: number }) => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
  const out: LspDiagnostic = {
    range: range(d.range),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    source: 'ossproc',
    message: d.message,
  };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri: doc.uri, range: range(r.range) }, message: r.message }));
  if (d.tags?.includes('unnecessary')) out.tags = [DiagnosticTag.Unnecessary];
  if (d.fixes?.length) {
    const data: DiagnosticData = { fixes: d.fixes.map((f) => ({ title: f.title, certain: f.certain, edits: f.edits.map((e) => ({ range: range(e.range), newText: e.newText })) })) };
    out.data = data;
  }
  return out;
}

export interface LspValidationResult {
  diagnostics: LspDiagnostic[];
  complete: boolean;
  /** How many strings were checked afresh. */
  checked: number;
}

/** The diagnostics to publish for a document. */
export function doValidation(doc: TextDocument, settings: Settings, store: DocumentStore, options: ValidateOptions = {}): LspValidationResult {
  const { diagnostics, complete, checked } = computeDiagnostics(doc, settings, store, options);
  return { diagnostics: diagnostics.map((d) => toLspDiagnostic(doc, d)), complete, checked };
}

/**
 * The diagnostics of one .ossproc line in line offsets, suppression not applied: from the memo when the line
 * has been checked, else checked now (and remembered for the next validation).
 */
export function ossprocLineDiagnostics(store: DocumentStore, uri: string, settings: Settings, lineText: string): Diagnostic[] {
  const memo = store.memo(uri, checkKey(settings));
  let ds = memo.results.get(lineText);
  if (!ds) {
    ds = lineText.length > LIMITS.maxRegionLength ? EMPTY : lintDocument(lineText, { language: 'ossproc', ...checkOptions(settings) }).diagnostics;
    memo.results.set(lineText, ds);
  }
  return ds;
}
