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
 * The one fix-all loop, which `fixAll` (a string), `fixDocument` (a host document), `ossproc lint --fix`
 * (whole files and streamed lines) and the editor's "fix all" all run: apply the certain fixes of the
 * findings, lint again, and repeat while something was applied, at most 10 passes (as ESLint does).
 */
export interface FixPasses<R> {
  /** The fixed text (the input when nothing applied). */
  text: string;
  /** The lint result of `text`. */
  result: R;
  /** The fixes applied, pass by pass. */
  applied: Fix[];
}

export const MAX_FIX_PASSES = 10;

/**
 * Runs the passes over a caller's own lint: `first` is the lint of `text`; `lint` lints a fixed text, or
 * returns undefined to refuse it (a fix that would break a preset file's structure), which ends the passes
 * with the text before. `accept` picks the findings whose fixes may be applied (default: all). When `lint`
 * answers with a promise (a reader loaded on first use), so does this.
 */
export function fixPasses<R extends Linted>(text: string, first: R, lint: (text: string) => R | undefined, accept?: Accept): FixPasses<R>;
export function fixPasses<R extends Linted>(text: string, first: R, lint: (text: string) => Promise<R | undefined>, accept?: Accept): Promise<FixPasses<R>>;
export function fixPasses<R extends Linted>(
  text: string,
  first: R,
  lint: (text: string) => R | undefined | Promise<R | undefined>,
  accept?: Accept,
): FixPasses<R> | Promise<FixPasses<R>> {
  const state: FixPasses<R> = { text, result: first, applied: [] };
  const run = (pass: number): FixPasses<R> | Promise<FixPasses<R>> => {
    for (; pass < MAX_FIX_PASSES; pass++) {
      const candidates = accept ? state.result.diagnostics.filter(accept) : state.result.diagnostics;
      const fixed = applyFixes(state.text, candidates);
      if (fixed.applied.length === 0) break;
      const take = (next: R | undefined): boolean => {
        if (!next) return false;
        state.text = fixed.text;
        state.result = next;
        for (const f of fixed.applied) state.applied.push(f); // no spread: a pass may apply 100,000 fixes
        return true;
      };
      const next = lint(fixed.text);
      if (next instanceof Promise) return next.then((n) => (take(n) ? run(pass + 1) : state));
      if (!take(next)) break;
    }
    return state;
  };
  return run(0);
}

type Linted = { diagnostics: readonly Diagnostic[] };
type Accept = (d: Diagnostic) => boolean;

/**
 * Checks and fixes until no certain fix is left. `check` keeps a fix certain only when the round that
 * applies it leaves nothing more to fix, so one round is the rule; the limit (10 rounds, as ESLint's) guards
 * against a fix whose promise a caller's own diagnostics break.
 */
export function fixAll(text: string, options: CheckOptions & ParseOptions = {}): FixResult {
  const lint = (t: string) => ({ diagnostics: check(t, options) });
  const { text: fixed, applied } = fixPasses(text, lint(text), lint);
  return { text: fixed, applied };
}
