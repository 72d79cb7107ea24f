import { parse, type ParseOptions } from '../syntax/parse';
import type { ParseResult } from '../syntax/tree';
import { keepPromises } from './certain';
import { CheckContext, type CheckOptions } from './context';
import type { Diagnostic } from './diagnostic';
import { shapeOf } from './fast';
import { checkLetterCase } from './letterCase';
import { Memo, textBytes } from './memo';
import { runRules } from './run';

export type { CheckMode, CheckOptions } from './context';

/**
 * Checks a processing string (or a parse of one) against the grammar and the catalog. Never throws: every
 * problem is a diagnostic with a range into the string. A fix marked certain has been applied with the other
 * certain fixes and re-checked: it removes its diagnostic and adds no error, no duplicate key and nothing more
 * to fix. The diagnostics are shared and frozen: treat them as read-only. Options are treated as values: pass
 * a new object rather than changing one already passed.
 */
export function check(input: string | ParseResult, options: CheckOptions & ParseOptions = {}): Diagnostic[] {
  if (typeof input !== 'string') return settle(input.text, findings(input, options), options).diagnostics;
  const key = optionsKey(options);
  // the fast path (fast.ts) first: a string of a shape the full path found clean under these options is clean.
  // Distinct clean strings then pay no memo lookup and push nothing out of it: the memo keeps the rest
  const shape = shapeOf(input);
  if (shape !== undefined && cleanUnder(shape, key)) return [];
  const found = remembered(input, key);
  if (found) return found.slice();
  const { diagnostics, fixed } = settle(input, findings(parse(input, options), options), options);
  if (shape !== undefined && diagnostics.length === 0) rememberClean(shape, key);
  // a string is remembered the second time it is checked: most distinct strings are checked once, and keeping
  // their findings costs more (copies, then the collector) than it saves
  if (seenOnce.get(input) !== undefined) {
    seenOnce.delete(input);
    remember(input, key, diagnostics);
  } else seenOnce.set(input, true, textBytes(input) + 48);
  // the fixed text is what the caller checks next (a fix-all round, an editor after a quick fix)
  if (fixed && remembered(fixed.text, key) === undefined) remember(fixed.text, key, fixed.diagnostics);
  return diagnostics.slice();
}

/** Everything the rules find, before the certain fixes are verified. */
function findings(parsed: ParseResult, options: CheckOptions & ParseOptions): Diagnostic[] {
  return checkLetterCase(parsed, options, (p, before) => run(p, options, before)) ?? run(parsed, options);
}

/** The rule families over one parse; `before` reports first through the same context (and its severities). */
function run(parsed: ParseResult, options: CheckOptions, before?: (ctx: CheckContext) => void): Diagnostic[] {
  const ctx = new CheckContext(parsed, options);
  before?.(ctx);
  runRules(ctx);
  return sorted(ctx.diagnostics);
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

function settle(text: string, diagnostics: Diagnostic[], options: CheckOptions & ParseOptions) {
  return keepPromises(text, diagnostics, (fixed) => findings(parse(fixed, options), options));
}

/**
 * Checking is a pure function of the string and the options, and real inputs repeat: a preset file names the
 * same few styles on many lines, code builds the same string in many places. The memo answers a repeated
 * string without parsing it again. It is bounded by the bytes it holds (strings and diagnostics), in two
 * generations, so a working set larger than the bound loses its oldest strings, not all of them at once.
 */
export const MEMO_BYTES = 32 * 1024 * 1024;
/** String → its diagnostics under each options key seen (nearly always one). */
const memo = new Memo<string, Remembered[]>(MEMO_BYTES);
/** The strings checked once, without their findings. */
const seenOnce = new Memo<string, true>(MEMO_BYTES / 8);
interface Remembered {
  key: string;
  diagnostics: Diagnostic[];
  bytes: number;
}

function remembered(text: string, key: string): Diagnostic[] | undefined {
  const entries = memo.get(text);
  if (!entries) return undefined;
  for (const e of entries) if (e.key === key) return e.diagnostics;
  return undefined;
}

function remember(text: string, key: string, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) Object.freeze(d);
  const entry: Remembered = { key, diagnostics, bytes: diagnosticsBytes(diagnostics) + textBytes(key) };
  const others = (memo.get(text) ?? []).filter((e) => e.key !== key).slice(-3);
  const entries = [...others, entry];
  memo.set(text, entries, entries.reduce((n, e) => n + e.bytes, textBytes(text) + 48));
}

/**
 * The shapes (fast.ts) the full path found clean, each with the options keys it was clean under: a few
 * thousand shapes cover a large repository, since a shape leaves out the values that make strings distinct.
 */
const SHAPE_BYTES = 2 * 1024 * 1024;
const cleanShapes = new Memo<string, string[]>(SHAPE_BYTES);

function cleanUnder(shape: string, key: string): boolean {
  const keys = cleanShapes.get(shape);
  return keys !== undefined && keys.includes(key);
}

function rememberClean(shape: string, key: string): void {
  const keys = [...(cleanShapes.get(shape) ?? []).slice(-3), key];
  cleanShapes.set(shape, keys, keys.reduce((n, k) => n + textBytes(k), textBytes(shape) + 48));
}

/** Whether check() answers `text` by the fast path (for tests that hold the fast path to the full one). */
export function answeredFast(text: string, options: CheckOptions & ParseOptions = {}): boolean {
  const shape = shapeOf(text);
  return shape !== undefined && cleanUnder(shape, optionsKey(options));
}

/** The full path alone, no memo and no fast path (for tests that hold the fast path to it). */
export function checkFully(text: string, options: CheckOptions & ParseOptions = {}): Diagnostic[] {
  return settle(text, findings(parse(text, options), options), options).diagnostics;
}

/** Empties the memos: a long-lived process (the language server) gives the memory back after a large input. */
export function clearMemo(): void {
  memo.clear();
  cleanShapes.clear();
  seenOnce.clear();
}

/** The memo's accounted size and bound (for tests and benchmarks). */
export function memoUsage(): { bytes: number; maxBytes: number; strings: number } {
  return { bytes: memo.bytes, maxBytes: memo.maxBytes, strings: memo.size };
}

/** Approximate heap bytes of a list of diagnostics: objects, ranges, messages, fixes and related notes. */
function diagnosticsBytes(diagnostics: readonly Diagnostic[]): number {
  let n = 32 + 8 * diagnostics.length;
  for (const d of diagnostics) {
    n += 120 + textBytes(d.message);
    for (const f of d.fixes ?? []) {
      n += 64 + textBytes(f.title);
      for (const e of f.edits) n += 72 + textBytes(e.newText);
    }
    for (const r of d.related ?? []) n += 80 + textBytes(r.message);
    if (d.tags) n += 40;
  }
  return n;
}

function optionsKey(options: CheckOptions & ParseOptions): string {
  if (options === last.options && options.rules === last.rules) return last.key;
  const rules = options.rules ? JSON.stringify(options.rules) : '';
  const key = `${options.preset ?? 'recommended'}|${options.mode ?? 'auto'}|${options.sourceKey ?? ''}|${options.nested ?? false}|${options.percentDecode ?? 'auto'}|${rules}`;
  last = { options, rules: options.rules, key };
  return key;
}

/** The last options object seen and its key: callers check many strings with one options object. */
let last: { options?: object; rules?: object; key: string } = { key: '' };
