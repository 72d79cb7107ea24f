import { chooseFixes, editsOf } from './check/certain';
import type { Diagnostic, Fix } from './check/diagnostic';
import { check, type CheckOptions } from './check/index';
import type { ParseOptions } from './syntax/parse';
import { applyEdits } from './text/range';

export interface FixResult {
  /** The text with the fixes applied. */
  text: string;
  /** The fixes that were applied, in order. */
  applied: Fix[];
}

/**
 * Applies the certain fix of each diagnostic, skipping any that overlaps one already taken (a later pass can
 * pick it up). Suggestions (`certain: false`) are never applied here. Linear in the number of fixes, after
 * one sort.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): FixResult {
  const chosen = chooseFixes(diagnostics);
  return { text: chosen.length ? applyEdits(text, editsOf(chosen)) : text, applied: chosen.map((c) => c.fix) };
}

/**
 * Checks and fixes until no certain fix is left. `check` keeps a fix certain only when the round that
 * applies it leaves nothing more to fix, so one round is the rule; the limit (10 rounds, as ESLint's) guards
 * against a fix whose promise a caller's own diagnostics break.
 */
export function fixAll(text: string, options: CheckOptions & ParseOptions = {}): FixResult {
  let current = text;
  const applied: Fix[] = [];
  for (let round = 0; round < 10; round++) {
    const result = applyFixes(current, check(current, options));
    if (result.applied.length === 0 || result.text === current) break;
    for (const f of result.applied) applied.push(f);
    current = result.text;
  }
  return { text: current, applied };
}
