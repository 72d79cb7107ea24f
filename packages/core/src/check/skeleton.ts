import { PRODUCTS } from '../catalog';
import { COMMA, PERCENT, PIPE, SLASH, UNDERSCORE } from '../syntax/scan';
import { CHECK_SEED, checkStep, HASH_SEED, hashStep, MAX_LENGTH, valuePlans, type ValuePlan } from './fast';
import type { FindingsTemplate } from './findings';
import { Memo, ownCopy, textBytes } from './memo';
import { Sampler } from './sampler';

/**
 * In front of the fast path, for strings that differ only in their numbers and names (widths, bitrates,
 * offsets, an object key or a text of their own: how code most often makes its strings distinct). A string's
 * *skeleton* is its text with each *run* taken out: a run of digits that begins a value (after `_` or `,`) and
 * reaches the next separator or the end, and the whole value of a key that some base64 parameter in the catalog
 * has (`o_`, `b_`, `text_`, …) where it holds only what a simple string may (syntax/scan.ts). So a string of a
 * known skeleton is simple too, as the string that taught it was.
 *
 * Where a string of a clean shape (fast.ts) has been laid out, each of its runs either is a value its shape
 * leaves out — plain OPAQUE, its compiled test the only thing any rule reads of it, or a base64 value standing
 * for its class — or is held by the shape as written. Another string of the same skeleton whose runs of the
 * first kind pass the same tests or have the same classes, and whose runs of the second kind are the same
 * text, lays out to the same token stream, so it has that shape (conditions read only values the shape holds
 * as written, and those are the same). The skeleton answers it with one pass over the characters and a plan
 * per run (fast.ts `valuePlans`), without the catalog walk: what is known of the shape, clean or a findings
 * template whose values are runs (index.ts fills it in). A string it does not answer goes on to the fast path,
 * and teaches its skeleton when that knows its shape.
 *
 * A skeleton is found by a 64-bit hash in two lanes of everything outside the runs (a mark for each run), with
 * the steps fast.ts hashes regular shapes by: two skeletons are taken as one when both lanes agree.
 */

/** The runs of the string last taken apart (`skeletonOf`): start, end pairs. */
let RUNS = new Int32Array(32);
let runCount = 0;
/** Its hash's second lane. */
let checkLane = 0;

/**
 * A known skeleton: what each run must be, and what is known of its shape under `key` (index.ts): clean, or a
 * findings template filled in from the runs at `leftOut` (the values the shape leaves out, in order).
 */
interface Skeleton {
  check: number;
  key: string;
  runs: Run[];
  state: FindingsTemplate;
  leftOut: Int32Array;
}
/**
 * A run as the string that taught it wrote it, which any string may write again (most values repeat: a bucket,
 * a duration), and else the plan another value must meet: none where the shape holds the run as written.
 */
interface Run {
  written: string;
  plan: ValuePlan | undefined;
}

const SKELETON_BYTES = 2 * 1024 * 1024;
/** By the first lane: the skeletons of that hash (nearly always one), under their options key. */
const skeletons = new Memo<number, Skeleton[]>(SKELETON_BYTES);

/**
 * Where strings do not repeat a skeleton (a string of its own on every line), taking each apart is wasted:
 * once fewer than one in twenty are answered, one string in 32 is taken apart, until answers come back.
 */
const sampler = new Sampler(1 / 20, 32);

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWER_A = 97;
const DASH = 45;
const PREFIX = 'x-oss-';
/** Stands for a run in the hash (no character code). */
const MARK = 0x10000;

const isSeparator = (c: number) => c === COMMA || c === SLASH || c === PIPE;

/** A key's characters folded into one number (a collision only costs a run held as written). */
function keyCode(text: string, start: number, end: number): number {
  let k = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) k = Math.imul(k ^ text.charCodeAt(i), 0x01000193);
  return k;
}
/** The keys of base64 parameters, by `keyCode`: their values are runs. */
const NAMED = new Set(PRODUCTS.flatMap((p) => p.actions.flatMap((a) => a.params.filter((ps) => ps.type === 'base64' && !ps.positional).map((ps) => keyCode(ps.key, 0, ps.key.length)))));

/**
 * Takes `text` apart: the first lane of its skeleton's hash, or -1 when it is not taken apart (too long for the
 * fast path, or skeletons have gone unanswered of late).
 */
export function skeletonOf(text: string): number {
  return sampler.asks() ? takeApart(text) : -1;
}

function takeApart(text: string): number {
  const n = text.length;
  if (n > MAX_LENGTH) return -1;
  let h = HASH_SEED;
  let g = CHECK_SEED;
  runCount = 0;
  let prev = 0;
  // where the parameter being read began, until its first `_` (after a `,`; else -1)
  let param = -1;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    // most characters are lowercase letters: nothing begins or ends there
    if (c < LOWER_A || c === PIPE) {
      let end = i;
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        if (prev === UNDERSCORE || prev === COMMA) {
          let d = 0;
          end = i + 1;
          while (end < n && (d = text.charCodeAt(end)) >= DIGIT_0 && d <= DIGIT_9) end++;
          if (end < n && !isSeparator(d)) end = i;
        }
      } else if (c === UNDERSCORE) {
        if (param !== -1 && NAMED.has(keyCode(text, param, i))) {
          // the `_` stays; the value after it is the run, unless it holds what a simple string may not
          // (syntax/scan.ts: `%`, which decoding could make a separator, a character outside printable ASCII,
          // a prefix `x-oss-`)
          end = i + 1;
          let d = 0;
          while (end < n && !isSeparator((d = text.charCodeAt(end))) && d > 32 && d < 127 && d !== PERCENT && !(d === DASH && text.startsWith(PREFIX, end - 1))) end++;
          if (end === i + 1 || (end < n && !isSeparator(d))) end = i;
          else {
            h = hashStep(h, c);
            g = checkStep(g, c);
            i++;
          }
        }
        param = -1;
      } else if (c === COMMA) param = i + 1;
      else if (c === SLASH || c === PIPE) param = -1;
      if (end > i) {
        addRun(i, end);
        h = hashStep(h, MARK);
        g = checkStep(g, MARK);
        prev = MARK;
        i = end;
        continue;
      }
    }
    h = hashStep(h, c);
    g = checkStep(g, c);
    prev = c;
    i++;
  }
  checkLane = g;
  return h >>> 1;
}

function addRun(start: number, end: number): void {
  if (2 * runCount + 2 > RUNS.length) {
    const bigger = new Int32Array(RUNS.length * 2);
    bigger.set(RUNS);
    RUNS = bigger;
  }
  RUNS[2 * runCount] = start;
  RUNS[2 * runCount + 1] = end;
  runCount++;
}

/**
 * What is known of the shape of the string last taken apart, `text`, of skeleton `hash`, under `key`: its state
 * as kept (`learnSkeleton`), or undefined. Where it is a template, `leftOutSpans` gives the values to fill in.
 */
export function skeletonState(hash: number, text: string, key: string, sourceKey: string | undefined): FindingsTemplate | undefined {
  const known = skeletons.get(hash);
  if (known !== undefined) {
    for (const s of known) {
      if (s.check === checkLane && s.key === key && s.runs.length === runCount && runsHold(s.runs, text, sourceKey)) {
        sampler.answered(true);
        answered = s;
        return s.state;
      }
    }
  }
  sampler.answered(false);
  return undefined;
}

/** The skeleton `skeletonState` last answered by. */
let answered: Skeleton | undefined;
let SPANS = new Int32Array(32);

/** The values the string last answered by its skeleton leaves out, as start, end pairs (fast.ts `spans`), in place. */
export function leftOutSpans(): Int32Array {
  const at = answered!.leftOut;
  if (2 * at.length > SPANS.length) SPANS = new Int32Array(2 * at.length);
  for (let k = 0; k < at.length; k++) {
    SPANS[2 * k] = RUNS[2 * at[k]!]!;
    SPANS[2 * k + 1] = RUNS[2 * at[k]! + 1]!;
  }
  return SPANS;
}

function runsHold(runs: readonly Run[], text: string, sourceKey: string | undefined): boolean {
  for (let r = 0; r < runs.length; r++) {
    const start = RUNS[2 * r]!;
    const end = RUNS[2 * r + 1]!;
    const { written, plan } = runs[r]!;
    if (written.length === end - start && text.startsWith(written, start)) continue;
    if (plan === undefined || !plan(text, start, end, sourceKey)) return false;
  }
  return true;
}

/**
 * The skeletons met once lately, by hash (a direct-mapped table, holding the second lane): a skeleton is kept
 * when it is met again, so strings that never repeat one (a generated name in each) make nothing to keep.
 */
const METS = new Int32Array(4096);

/**
 * Keeps the skeleton of `text` (`hash`, just taken apart) with what is known of its shape under `key`, if it was
 * met lately: `text` has just been laid out by the fast path, and `state` is its shape's. A template is kept only
 * where every value the shape leaves out is a run (it is filled in from them).
 */
export function learnSkeleton(hash: number, text: string, key: string, state: FindingsTemplate): void {
  const slot = hash & (METS.length - 1);
  const met = checkLane | 1;
  // met before and found not to be kept (a template with a value left out that is no run): asked no more
  if (METS[slot] === (met ^ 2)) return;
  if (METS[slot] !== met) {
    METS[slot] = met;
    return;
  }
  const { plans, leftOut } = valuePlans(RUNS, runCount);
  if (leftOut === undefined && state.diagnostics.length > 0) {
    METS[slot] = met ^ 2;
    return;
  }
  const runs = plans.map((plan, r) => ({ written: ownCopy(text.slice(RUNS[2 * r]!, RUNS[2 * r + 1]!)), plan }));
  // one skeleton may be known with other text where runs are held as written (ac_1, ac_2): a few are kept
  const entries = [...(skeletons.get(hash) ?? []).slice(-3), { check: checkLane, key, runs, state, leftOut: Int32Array.from(leftOut ?? []) }];
  let bytes = 48;
  for (const s of entries) bytes += 96 + 4 * s.leftOut.length + s.runs.reduce((n, r) => n + 32 + textBytes(r.written), 0);
  skeletons.set(hash, entries, bytes);
}

/** The two lanes of the skeleton of `text` (for tests: two strings share them just when their skeletons agree). */
export function skeletonLanes(text: string): [number, number] | undefined {
  const hash = takeApart(text);
  return hash === -1 ? undefined : [hash, checkLane];
}

/** Forgets every skeleton (index.ts `clearMemo`). */
export function clearSkeletons(): void {
  skeletons.clear();
  answered = undefined;
  METS.fill(0);
  sampler.reset();
}
