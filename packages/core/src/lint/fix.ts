import type { Diagnostic, Fix } from '../check/diagnostic';
import { applyFixes } from '../fix';
import { lintDocument, type LintOptions, type LintResult } from './document';

/**
 * The one document-level fix-all, which `ossproc lint --fix` (whole files and streamed lines) and the editor's
 * "fix all" both run: apply the certain fixes of the findings, lint again, and repeat while something was
 * applied, at most 10 passes (as ESLint does). Fixes are applied by core's applyFixes.
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
        state.applied.push(...fixed.applied);
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

export interface FixDocumentOptions extends LintOptions {
  /** Which findings' fixes to apply (default: every one; `--quiet` takes errors only). */
  accept?: (d: Diagnostic) => boolean;
}

/** Fixes a whole document: {@link fixPasses} over {@link lintDocument}. */
export function fixDocument(text: string, options: FixDocumentOptions = {}): FixPasses<LintResult> {
  return fixPasses(text, lintDocument(text, options), (t) => lintDocument(t, options), options.accept);
}
