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
 * with the text before. `accept` picks the findings whose fixes may be applied (default: all).
 */
export function fixPasses<R extends { diagnostics: readonly Diagnostic[] }>(
  text: string,
  first: R,
  lint: (text: string) => R | undefined,
  accept?: (d: Diagnostic) => boolean,
): FixPasses<R> {
  let current = text;
  let result = first;
  const applied: Fix[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const candidates = accept ? result.diagnostics.filter(accept) : result.diagnostics;
    const fixed = applyFixes(current, candidates);
    if (fixed.applied.length === 0) break;
    const next = lint(fixed.text);
    if (!next) break;
    current = fixed.text;
    result = next;
    applied.push(...fixed.applied);
  }
  return { text: current, result, applied };
}

export interface FixDocumentOptions extends LintOptions {
  /** Which findings' fixes to apply (default: every one; `--quiet` takes errors only). */
  accept?: (d: Diagnostic) => boolean;
}

/** Fixes a whole document: {@link fixPasses} over {@link lintDocument}. */
export function fixDocument(text: string, options: FixDocumentOptions = {}): FixPasses<LintResult> {
  return fixPasses(text, lintDocument(text, options), (t) => lintDocument(t, options), options.accept);
}
