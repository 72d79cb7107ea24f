import {
  applyDirectives,
  byPosition,
  checkRegion,
  classifyLine,
  findDirectives,
  forEachLine,
  placeLineDirective,
  ruleDocsUrl,
  structureFindings,
  Suppressor,
  toHost,
  type CheckMode,
  type Diagnostic,
  type HostLanguage,
} from '@ossproc/core';
import { DiagnosticSeverity, DiagnosticTag, type CancellationToken, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LIMITS, hostLanguageOf, type CheckMemo, type DocumentStore } from './documents';
import { checkKey, type Settings } from './settings';

/**
 * Diagnostics: core's lint pipeline, made incremental. Each string is linted by core's `checkRegion` (the
 * same per-region lint the CLI runs: mode, decoding, holes) and its result remembered by its text, so a
 * one-character edit in a 10,000-line document re-checks one line; core's Suppressor applies the comments.
 * What is the server's own is only the memo, the time budget and the cap.
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

/** A line's diagnostics in line offsets (core's per-region lint of the line's string); too long: none. */
function lintLine(lineText: string, settings: Settings): Diagnostic[] {
  const c = classifyLine(lineText);
  if (c.s === c.e || c.comment || c.e - c.s > LIMITS.maxRegionLength) return EMPTY;
  const found = checkRegion({ text: lineText.slice(c.s, c.e) }, checkOptions(settings));
  if (found.length === 0) return EMPTY;
  return c.s === 0 ? found : found.map((d) => shift(d, c.s));
}

function ossprocDiagnostics(doc: TextDocument, settings: Settings, store: DocumentStore, options: ValidateOptions): ValidationResult {
  const text = doc.getText();
  const old = store.memo(options.memoKey ?? doc.uri, checkKey(settings));
  const memo: CheckMemo = { key: old.key, results: new Map(), directives: new Map() };

  // the lines, and their suppression comments (cheap: only lines starting with # are read for them)
  const lines: { start: number; text: string }[] = [];
  const suppressor = new Suppressor();
  forEachLine(text, (lineText, lineNo, start) => {
    lines.push({ start, text: lineText });
    if (lineText.indexOf('ossproc-') < 0 || !classifyLine(lineText).comment) return;
    let ds = memo.directives.get(lineText) ?? old.directives.get(lineText);
    if (!ds) ds = findDirectives(lineText, 'ossproc');
    memo.directives.set(lineText, ds);
    for (const d of ds) suppressor.add(placeLineDirective(d, lineNo, start));
  });

  // the strings, in order, until the cap or the budget
  const budget = new Budget(options.budgetMs ?? LIMITS.checkBudgetMs, options.token);
  const out: Diagnostic[] = [];
  let complete = true;
  let checked = 0;
  for (let i = 0; i < lines.length; i++) {
    const { start, text: lineText } = lines[i]!;
    let ds = memo.results.get(lineText);
    if (!ds) {
      ds = old.results.get(lineText);
      if (!ds) {
        const c = classifyLine(lineText);
        if (c.s === c.e || c.comment) continue;
        if (budget.spent()) {
          complete = false;
          break;
        }
        checked++;
        if (c.e - c.s > LIMITS.maxRegionLength) options.log?.(`ossproc: line ${i + 1} of ${doc.uri} is ${lineText.length} characters long; not checked`);
        ds = lintLine(lineText, settings);
      }
      memo.results.set(lineText, ds);
    }
    for (const d of ds) if (!suppressor.suppresses(d.ruleId, i)) out.push(start === 0 ? d : shift(d, start));
    if (out.length >= LIMITS.maxDiagnostics) break;
  }
  // a partial run keeps what the old memo knew as well, for the next run
  if (!complete) for (const [k, v] of old.results) if (!memo.results.has(k)) memo.results.set(k, v);
  store.setMemo(options.memoKey ?? doc.uri, memo);
  return { diagnostics: out.slice(0, LIMITS.maxDiagnostics), complete, checked };
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
    const key = `${region.mode ?? ''}${region.decoded ? 'd' : ''}\u0000${region.text}`;
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
        ds = checkRegion(region, checkOptions(settings));
        if (ds.length === 0) ds = EMPTY;
      }
    }
    memo.results.set(key, ds);
    for (const d of ds) all.push(toHost(region, d));
  }
  if (!complete) for (const [k, v] of old.results) if (!memo.results.has(k)) memo.results.set(k, v);
  store.setMemo(options.memoKey ?? doc.uri, memo);
  const kept = all.length ? applyDirectives(text, all, findDirectives(text, language)).kept : all;
  kept.sort(byPosition);
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
    ds = lintLine(lineText, settings);
    memo.results.set(lineText, ds);
  }
  return ds;
}
