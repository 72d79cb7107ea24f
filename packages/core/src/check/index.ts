import { parse, type ParseOptions } from '../syntax/parse';
import type { ParseResult } from '../syntax/tree';
import { demote, keepPromises } from './certain';
import { CheckContext, type CheckOptions } from './context';
import type { Diagnostic } from './diagnostic';
import { hasShape, lastShape, layOut, leavesOutMoved, leftOut, liveSpans, MAX_LENGTH, needsProof, spans, variantOf, type LeftOut, type Shape } from './fast';
import { fillIn, fixesQuoteNoValue, sampleOf, templateOf, type FindingsTemplate } from './findings';
import { checkLetterCase } from './letterCase';
import { Memo, ownCopy, textBytes } from './memo';
import { runRules } from './run';
import { Sampler } from './sampler';
import { clearSkeletons, learnSkeleton, leftOutSpans, skeletonOf, skeletonState } from './skeleton';

export type { CheckMode, CheckOptions } from './context';

/**
 * Checks a processing string (or a parse of one) against the grammar and the catalog. Never throws: every
 * problem is a diagnostic with a range into the string. A fix marked certain has been applied with the other
 * certain fixes and re-checked: it removes its diagnostic and adds no error, no duplicate key and nothing more
 * to fix. The diagnostics are shared and frozen: treat them as read-only. Options are treated as values: pass
 * a new object rather than changing one already passed.
 */
export function check(input: string | ParseResult, options: CheckOptions & ParseOptions = NO_OPTIONS): Diagnostic[] {
  if (typeof input !== 'string') return settle(input.text, findings(input, options), options).diagnostics;
  const key = optionsKey(options);
  // the fast path (fast.ts) first: a string of a clean shape is clean, and distinct clean strings then pay no
  // memo lookup and push nothing out of it; a string that differs from one of them only in numbers and names
  // is found so without the catalog walk (skeleton.ts), and so is one of a shape whose template keeps its verdict
  // (where shapes have stopped answering — every string a shape of its own — most strings skip them: sampler.ts)
  const asks = shaped.asks();
  const bones = asks ? skeletonOf(input) : -1;
  const byBones = bones === -1 ? undefined : skeletonState(bones, input, key, options.sourceKey);
  // a template still settling is left to the fast path, which lays the string out and can settle it
  if (byBones === CLEAN || (byBones !== undefined && (byBones.settled || (byBones.unsettled ?? 0) >= SETTLE_TRIES))) {
    shaped.answered(true);
    return byBones === CLEAN ? [] : byTemplate(input, byBones, key, options, leftOutSpans(), false);
  }
  const hash = asks ? layOut(input, options.sourceKey) : -1;
  const proof = hash !== -1 && needsProof();
  const known = hash === -1 ? undefined : shapeState(hash, input, key);
  if (asks) shaped.answered(known !== undefined && typeof known === 'object');
  if (known === CLEAN) {
    if (bones !== -1) learnSkeleton(bones, input, key, CLEAN);
    return [];
  }
  const found = remembered(input, key);
  if (found) return found.slice();
  if (known !== undefined && typeof known === 'object') {
    // (a skeleton that knows the template already defers to this path while it settles)
    if (bones !== -1 && byBones === undefined) learnSkeleton(bones, input, key, known);
    return byTemplate(input, known, key, options, liveSpans(), true);
  }
  const raw = findingsByShape(input, hash, proof, known, key, options, false);
  // a string of a shape not met before has a fixed text of a new shape too, most likely: the full path re-checks it
  const { diagnostics, fixed } = known === undefined ? settle(input, raw, options) : settle(input, raw, options, (f) => rawFindings(f, key, options, false));
  // a string is remembered the second time it is checked: most distinct strings are checked once, and keeping
  // their findings costs more (copies, then the collector) than it saves
  if (seenOnce.get(input) !== undefined) {
    seenOnce.delete(input);
    remember(input, key, diagnostics);
  } else seenOnce.set(ownCopy(input), true, textBytes(input) + 48);
  // the fixed text is what the caller checks next (a fix-all round, an editor after a quick fix)
  if (fixed && remembered(fixed.text, key) === undefined) remember(fixed.text, key, fixed.diagnostics);
  return diagnostics.slice();
}

/**
 * What the rule families find in `text`, before the certain fixes are verified (the re-check of a fixed text):
 * by its shape where the shape is known, else by the full path, which teaches the shape. `sample`: a template's
 * findings may be its sample (certain.ts reads of a re-check only each finding's rule, severity and certainty).
 */
function rawFindings(text: string, key: string, options: CheckOptions & ParseOptions, sample: boolean): Diagnostic[] {
  const hash = layOut(text, options.sourceKey);
  return findingsByShape(text, hash, needsProof(), hash === -1 ? undefined : shapeState(hash, text, key), key, options, sample);
}

/** The same for `text` just laid out: its shape's `hash`, whether it `needsProof`, and what is `known` of it. */
function findingsByShape(text: string, hash: number, proof: boolean, known: ShapeState | undefined, key: string, options: CheckOptions & ParseOptions, sample: boolean): Diagnostic[] {
  byShape = known !== undefined && typeof known === 'object';
  if (byShape) return known === CLEAN ? [] : sample ? sampleOf(known as FindingsTemplate) : fillIn(known as FindingsTemplate, text, liveSpans());
  const raw = findings(parse(text, options), options);
  if (hash !== -1 && known === undefined) learnShape(text, hash, proof, key, raw, options);
  return raw;
}

/** Whether the last `findingsByShape` answered by the shape (clean, or a template): its findings are the shape's. */
let byShape = false;

/**
 * A string of a shape with a template: the rules' findings filled in from its values at `spans`, and their
 * certain fixes verified on the fixed text, which is itself answered by its shape where it can be (by the
 * template's sample: the verification reads no more). Where one string, just laid out (`laidOut`), has shown that
 * its fixed text is of a shape with known findings and leaves out just its values, moved (fast.ts
 * `leavesOutMoved`), and no certain fix writes a value, the fixed text of every string of the shape is of that one
 * shape: the verdict is the template's, and the strings after it are settled without fixing and re-checking them.
 */
function byTemplate(text: string, t: FindingsTemplate, key: string, options: CheckOptions & ParseOptions, spans: Int32Array, laidOut: boolean): Diagnostic[] {
  const settled = settledFindings(t, text, spans);
  if (settled) return settled;
  const raw = fillIn(t, text, spans);
  // the values this string leaves out, taken before the re-check lays out its fixed text
  let values: LeftOut | undefined;
  let known = false;
  const { diagnostics, whole } = settle(text, raw, options, (fixed) => {
    if (laidOut) values ??= leftOut();
    const found = rawFindings(fixed, key, options, true);
    known = byShape;
    return found;
  });
  if (whole && known && values && fixesQuoteNoValue(t) && leavesOutMoved(values, whole)) {
    const demoted: number[] = [];
    for (let i = 0; i < raw.length; i++) if (diagnostics[i] !== raw[i]) demoted.push(i);
    t.settled = { demoted, written: whole.reduce((n, e) => n + e.newText.length, 0) };
  } else if (laidOut) t.unsettled = (t.unsettled ?? 0) + 1;
  return diagnostics;
}

/**
 * Strings of a shape verified without settling its template, after which no later one is expected to: its
 * skeleton then answers without laying strings out. (A fixed text's shape is known from its second string, so
 * the first few may fail where later ones settle.)
 */
const SETTLE_TRIES = 8;

/** A template's findings for `text` (its values at `spans`) where the template keeps its verdict (`settled`). */
function settledFindings(t: FindingsTemplate, text: string, spans: Int32Array): Diagnostic[] | undefined {
  const settled = t.settled;
  if (settled === undefined || text.length + settled.written > MAX_LENGTH) return undefined;
  const raw = fillIn(t, text, spans);
  for (const i of settled.demoted) raw[i] = demote(raw[i]!);
  return raw;
}

/** The options of a call that gives none: one object, so that its memo key is made once (`optionsKey`). */
const NO_OPTIONS: CheckOptions & ParseOptions = Object.freeze({});

/** Everything the rules find, before the certain fixes are verified. */
function findings(parsed: ParseResult, options: CheckOptions & ParseOptions): Diagnostic[] {
  return checkLetterCase(parsed, options, run) ?? run(parsed, options);
}

/** The rule families over one parse; `before` reports first through the same context (and its severities). */
function run(parsed: ParseResult, options: CheckOptions, before?: (ctx: CheckContext) => void): Diagnostic[] {
  const ctx = new CheckContext(parsed, options);
  before?.(ctx);
  runRules(ctx);
  return sorted(ctx.diagnostics);
}

/** By range (a stable sort); the families mostly report in order already, and a sorted list is left as it is. */
function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  for (let i = 1; i < diagnostics.length; i++) {
    if (byRange(diagnostics[i - 1]!, diagnostics[i]!) > 0) return diagnostics.sort(byRange);
  }
  return diagnostics;
}

function byRange(a: Diagnostic, b: Diagnostic): number {
  return a.range.start - b.range.start || a.range.end - b.range.end;
}

/** The certain fixes verified (certain.ts): `recheck` gives a fixed text's findings, by default from the full path. */
function settle(text: string, diagnostics: Diagnostic[], options: CheckOptions & ParseOptions, recheck = (fixed: string) => findings(parse(fixed, options), options)) {
  return keepPromises(text, diagnostics, recheck);
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
  memo.set(ownCopy(text), entries, entries.reduce((n, e) => n + e.bytes, textBytes(text) + 48));
}

/**
 * Whether a string asks the skeletons and shapes. A string they do not answer costs its layout and what the
 * full path's answer then teaches them (a template is learnt by checking a variant too): measured on strings
 * combined from the catalog, about half the full path again, and an answer saves about as much, so they pay
 * only where more than about two strings in five are answered. Below that one string in eight asks.
 */
const shaped = new Sampler(2 / 5, 8);

/**
 * What is known of each shape (fast.ts) under each options key: its findings (a template, findings.ts; a clean
 * shape has none), or that its findings are not a template. A few thousand shapes cover a large repository,
 * since a shape leaves out the values that make strings distinct.
 *
 * A clean shape is known from its first string, when every value it leaves out is one the catalog shows no rule
 * reads (fast.ts). Any other is learnt on its second string: the full path checks that string and a variant
 * with every left-out value changed, and the two lists give the template or prove there is none. Of a shape met
 * once only its hash is kept, so a run of distinct shapes (a mutation corpus) pays almost nothing for this.
 */
const SHAPE_BYTES = 8 * 1024 * 1024;
const NOT_A_TEMPLATE = 2;
type ShapeState = FindingsTemplate | typeof NOT_A_TEMPLATE;
/** A shape and what is known of it under each options key (nearly always one). */
interface ShapeEntry {
  shape: Shape;
  states: { key: string; state: ShapeState }[];
}
/** By the shape's hash (fast.ts `layOut`): the shapes of that hash (nearly always one; at most MAX_CHAIN). */
const MAX_CHAIN = 4;
const shapes = new Memo<number, ShapeEntry[]>(SHAPE_BYTES);
const CLEAN: FindingsTemplate = Object.freeze({ diagnostics: [] });
/**
 * The hashes of shapes with findings met once, with the options key they were met under. Two shapes of one hash
 * only make the second learn its template a string early.
 */
const seenShapes = new Memo<number, string>(SHAPE_BYTES / 8);

/** The entry of the shape of the string last laid out, `text`. */
function entryOf(hash: number, text: string): ShapeEntry | undefined {
  const entries = shapes.get(hash);
  if (entries === undefined) return undefined;
  for (const e of entries) if (hasShape(text, e.shape)) return e;
  return undefined;
}

function shapeState(hash: number, text: string, key: string): ShapeState | undefined {
  const entry = entryOf(hash, text);
  if (entry === undefined) return undefined;
  for (const s of entry.states) if (s.key === key) return s.state;
  return undefined;
}

/** Sets what is known of the shape of `text` under `key`; `text` is laid out again first (the full path lays out others). */
function setShape(hash: number, text: string, key: string, state: ShapeState, sourceKey: string | undefined): void {
  layOut(text, sourceKey);
  let entries = shapes.get(hash) ?? [];
  let entry = entryOf(hash, text);
  // shapes that share a hash are rare: a few are kept, the newest
  if (!entry) entries = [...entries.slice(-(MAX_CHAIN - 1)), (entry = { shape: lastShape(text), states: [] })];
  entry.states = [...entry.states.filter((s) => s.key !== key).slice(-3), { key, state }];
  let bytes = 48;
  for (const e of entries) {
    bytes += 64 + e.shape.written.reduce((n, w) => n + textBytes(w), textBytes(e.shape.classes));
    for (const s of e.states) bytes += textBytes(s.key) + 32 + (typeof s.state === 'object' ? templateBytes(s.state) : 0);
  }
  shapes.set(hash, entries, bytes);
}

/**
 * What the rule families' `diagnostics` for `text` (before its certain fixes are verified: a fixed text is
 * checked on its own, by its own shape), of a shape not known under `key`, teach about the shape.
 * `proof`: the shape holds a class only a template may answer for (fast.ts `needsProof`).
 */
function learnShape(text: string, hash: number, proof: boolean, key: string, diagnostics: Diagnostic[], options: CheckOptions & ParseOptions): void {
  if (diagnostics.length === 0 && !proof) return setShape(hash, text, key, CLEAN, options.sourceKey);
  if (seenShapes.get(hash) !== key) return seenShapes.set(hash, key, 48);
  seenShapes.delete(hash);
  // the full path may have laid out other strings: lay this one out again
  layOut(text, options.sourceKey);
  const mine = { text, spans: spans(), diagnostics };
  const avoid = diagnostics.map((d) => [d.message, ...(d.fixes ?? []).flatMap((f) => [f.title, ...f.edits.map((e) => e.newText)]), ...(d.related ?? []).map((r) => r.message)].join('\n')).join('\n');
  // a shape with no value left out is the string itself: the memo answers it
  const variant = mine.spans.length === 0 ? undefined : variantOf(text, avoid, options.sourceKey);
  const template = variant && templateOf(mine, { ...variant, diagnostics: findings(parse(variant.text, options), options) });
  setShape(hash, text, key, template ?? NOT_A_TEMPLATE, options.sourceKey);
}

/** Approximate heap bytes of a template (as `diagnosticsBytes` counts a list). */
function templateBytes(t: FindingsTemplate): number {
  return 64 + JSON.stringify(t.diagnostics).length * 2;
}

/** Whether check() answers `text` by the fast path (for tests that hold the fast path to the full one). */
export function answeredFast(text: string, options: CheckOptions & ParseOptions = NO_OPTIONS): boolean {
  return typeof knownOf(text, options) === 'object';
}

/** The findings template check() holds for the shape of `text`, if any (for tests of how templates settle). */
export function templateFor(text: string, options: CheckOptions & ParseOptions = NO_OPTIONS): FindingsTemplate | undefined {
  const state = knownOf(text, options);
  return typeof state === 'object' && state !== CLEAN ? state : undefined;
}

/** What check() knows of the shape of `text` under `options`, laid out afresh. */
function knownOf(text: string, options: CheckOptions & ParseOptions): ShapeState | undefined {
  const hash = layOut(text, options.sourceKey);
  return hash === -1 ? undefined : shapeState(hash, text, optionsKey(options));
}

/** The full path alone, no memo and no fast path (for tests that hold the fast path to it). */
export function checkFully(text: string, options: CheckOptions & ParseOptions = {}): Diagnostic[] {
  return settle(text, findings(parse(text, options), options), options).diagnostics;
}

/** Empties the memos: a long-lived process (the language server) gives the memory back after a large input. */
export function clearMemo(): void {
  memo.clear();
  shapes.clear();
  seenShapes.clear();
  seenOnce.clear();
  clearSkeletons();
  shaped.reset();
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
