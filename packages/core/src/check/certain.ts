import { applyEdits, type TextEdit } from '../text/range';
import type { Diagnostic, Fix } from './diagnostic';

/** A certain fix one round of fixing takes, and the diagnostic it belongs to. */
export interface Chosen {
  fix: Fix;
  /** Index of its diagnostic in the list it was chosen from. */
  index: number;
}

/**
 * The fixes one round applies: the first certain fix of each diagnostic, earliest first, skipping any with an
 * edit that overlaps an edit already taken (two insertions at one offset overlap too; a later round can take
 * it). One sort and one sweep: edit ends are mapped onto the sorted list of all edit boundaries, and each
 * elementary interval between two boundaries records which fix took it.
 */
export function chooseFixes(diagnostics: readonly Diagnostic[]): Chosen[] {
  const candidates: { fix: Fix; index: number; start: number; end: number }[] = [];
  for (let i = 0; i < diagnostics.length; i++) {
    const fix = firstCertain(diagnostics[i]!);
    if (fix === undefined) continue;
    const edits = fix.edits;
    if (edits.length === 0) continue;
    let start = Infinity;
    let end = -Infinity;
    let ok = true;
    for (const e of edits) {
      if (!wellFormed(e)) {
        ok = false;
        break;
      }
      if (e.range.start < start) start = e.range.start;
      if (e.range.end > end) end = e.range.end;
    }
    if (ok) candidates.push({ fix, index: i, start, end });
  }
  if (candidates.length === 0) return [];
  // one fix overlaps nothing taken before it (the sweep below would take it): the common case, without the sweep
  if (candidates.length === 1) return [{ fix: candidates[0]!.fix, index: candidates[0]!.index }];
  // at one start the longer fix goes first: it holds the shorter (a misspelled word's replacement holds the
  // removal of a space inside it), which is then done with it
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || a.index - b.index);

  const bounds = boundaries(candidates.map((c) => c.fix));
  const at = (offset: number) => lowerBound(bounds, offset);
  /** owner[i]: 1 + the number of the fix that took the interval [bounds[i], bounds[i + 1]), or 0. */
  const owner = new Int32Array(bounds.length);
  /** inserted[i]: an insertion at bounds[i] was taken. */
  const inserted = new Uint8Array(bounds.length);
  const free = (e: TextEdit): boolean => {
    const a = at(e.range.start);
    const b = at(e.range.end);
    if (a === b) return !inserted[a] && !(a > 0 && owner[a - 1] !== 0 && owner[a - 1] === owner[a]);
    for (let i = a; i < b; i++) if (owner[i] !== 0) return false;
    for (let i = a + 1; i < b; i++) if (inserted[i]) return false;
    return true;
  };
  const chosen: Chosen[] = [];
  for (const c of candidates) {
    if (!c.fix.edits.every(free)) continue;
    const id = chosen.length + 1;
    for (const e of c.fix.edits) {
      const a = at(e.range.start);
      const b = at(e.range.end);
      if (a === b) inserted[a] = 1;
      for (let i = a; i < b; i++) owner[i] = id;
    }
    chosen.push({ fix: c.fix, index: c.index });
  }
  return chosen;
}

/** A diagnostic's first certain fix (a loop, reading `fixes` once: diagnostics come in many shapes). */
function firstCertain(d: Diagnostic): Fix | undefined {
  const fixes = d.fixes;
  if (fixes !== undefined) for (const f of fixes) if (f.certain) return f;
  return undefined;
}

function wellFormed(e: TextEdit): boolean {
  return Number.isInteger(e.range.start) && Number.isInteger(e.range.end) && e.range.start >= 0 && e.range.start <= e.range.end;
}

/** Every edit start and end, sorted, without repeats. */
function boundaries(fixes: readonly Fix[]): Float64Array {
  let n = 0;
  for (const f of fixes) n += 2 * f.edits.length;
  const all = new Float64Array(n);
  let k = 0;
  for (const f of fixes) {
    for (const e of f.edits) {
      all[k++] = e.range.start;
      all[k++] = e.range.end;
    }
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i]!;
  // a copy, not a view: making a view costs more than copying the few boundaries of an everyday string
  return all.slice(0, m);
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The edits of the chosen fixes, in one list. */
export function editsOf(chosen: readonly Chosen[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const c of chosen) for (const e of c.fix.edits) edits.push(e);
  return edits;
}

/**
 * How many re-checks one string may spend finding which of its certain fixes keep their promise: a few for a
 * string of everyday length, one (the whole set at once) for a long one, so checking stays linear.
 */
const RECHECKS = 12;
const LONG = 4096;

/**
 * A certain fix promises that, applied with the others one round takes, it removes its diagnostic and adds no
 * error, no duplicate key and nothing more to fix. This applies them, checks the result once (`recheck`, which
 * must not itself verify), and demotes to suggestions the fixes that break the promise: one re-check when all
 * keep it; otherwise the set is halved until each fix is judged or the re-checks run out (at once, for a long string) (the rest are demoted:
 * a suggestion is always safe). Returns the diagnostics with their fixes' certainty settled, the fixed text
 * with its diagnostics when every fix was kept and nothing is left to fix (a caller may remember them), and
 * `whole`, the round's edits, when its whole set kept its promise (at the first re-check, which tries it).
 */
export function keepPromises(
  text: string,
  diagnostics: Diagnostic[],
  recheck: (text: string) => Diagnostic[],
): { diagnostics: Diagnostic[]; fixed?: { text: string; diagnostics: Diagnostic[] }; whole?: TextEdit[] } {
  const chosen = chooseFixes(diagnostics);
  if (chosen.length === 0) return { diagnostics };
  // a certain fix that waits for another round is a suggestion in this one: one round takes all that is certain
  const before = tally(diagnostics);
  before.certain = chosen.length;
  let budget = text.length > LONG ? 1 : RECHECKS;
  let fixed: { text: string; diagnostics: Diagnostic[]; certain: number } | undefined;
  let whole: TextEdit[] | undefined;
  const attempt = (set: readonly Chosen[]): boolean => {
    budget--;
    const edits = editsOf(set);
    const after = applyEdits(text, edits);
    const found = recheck(after);
    const counted = tally(found);
    const ok = keeps(before, set.map((c) => diagnostics[c.index]!), counted);
    if (ok && set.length === chosen.length) {
      fixed = { text: after, diagnostics: found, certain: counted.certain };
      whole = edits;
    }
    return ok;
  };
  /** The part of `set` that, applied with `base`, keeps the promise. */
  const grow = (base: Chosen[], set: Chosen[]): Chosen[] => {
    if (set.length === 0 || budget <= 0) return [];
    if (attempt([...base, ...set])) return set;
    if (set.length === 1) return [];
    const half = set.length >> 1;
    const left = grow(base, set.slice(0, half));
    const right = grow([...base, ...left], set.slice(half));
    return [...left, ...right];
  };
  // a plain list: a typed array costs more to make than an everyday string's few findings take to mark
  const kept: boolean[] = [];
  for (const c of grow([], chosen)) kept[c.index] = true;
  // a new list only when something is demoted (nearly always every certain fix keeps its promise)
  let settled = diagnostics;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i]!;
    if (kept[i] || firstCertain(d) === undefined) continue;
    if (settled === diagnostics) settled = diagnostics.slice();
    settled[i] = demote(d);
  }
  return { diagnostics: settled, fixed: fixed && fixed.certain === 0 ? { text: fixed.text, diagnostics: fixed.diagnostics } : undefined, whole };
}

/** A diagnostic whose certain fixes are suggestions. */
export function demote(d: Diagnostic): Diagnostic {
  return { ...d, fixes: d.fixes!.map((f) => (f.certain ? { ...f, certain: false } : f)) };
}

/**
 * Counts per rule id, as parallel lists searched in order: a string has findings of a few rules (a list of
 * them is shorter to search than a map is to build), and at most one entry per rule however many findings.
 */
interface Tally {
  rules: string[];
  /** Diagnostics per rule. */
  all: number[];
  /** Errors per rule. */
  errors: number[];
  /** Diagnostics with a certain fix. */
  certain: number;
}

/** All that keepPromises reads of a re-check's findings: each one's rule, severity and certainty (check() hands it template samples, findings.ts `sampleOf`). */
function tally(diagnostics: readonly Diagnostic[]): Tally {
  const t: Tally = { rules: [], all: [], errors: [], certain: 0 };
  for (const d of diagnostics) {
    const at = slot(t, d.ruleId);
    t.all[at]!++;
    if (d.severity === 'error') t.errors[at]!++;
    if (firstCertain(d) !== undefined) t.certain++;
  }
  return t;
}

function slot(t: Tally, rule: string): number {
  const rules = t.rules;
  for (let i = 0; i < rules.length; i++) if (rules[i] === rule) return i;
  rules.push(rule);
  t.all.push(0);
  t.errors.push(0);
  return rules.length - 1;
}

function count(t: Tally, counts: 'all' | 'errors', rule: string): number {
  const rules = t.rules;
  for (let i = 0; i < rules.length; i++) if (rules[i] === rule) return t[counts][i]!;
  return 0;
}

/**
 * Whether fixing `fixed` (diagnostics of `before`) kept the promise, judged by counts per rule (messages and
 * ranges move when text is fixed): each fixed rule has at least that many fewer findings, no rule has more
 * errors than before less those fixed, and no more certain fixes are left than those not applied.
 */
function keeps(before: Tally, fixed: readonly Diagnostic[], after: Tally): boolean {
  const gone = tally(fixed);
  for (const d of fixed) if (count(after, 'all', d.ruleId) > count(before, 'all', d.ruleId) - count(gone, 'all', d.ruleId)) return false;
  for (let i = 0; i < after.rules.length; i++) {
    const n = after.errors[i]!;
    const rule = after.rules[i]!;
    if (n > 0 && n > count(before, 'errors', rule) - count(gone, 'errors', rule)) return false;
  }
  return after.certain <= before.certain - gone.certain;
}
