import type { Diagnostic } from '../check/diagnostic';
import { fixPasses, type FixPasses } from '../fix';
import { lintDocument, type LintOptions, type LintResult } from './document';

export interface FixDocumentOptions extends LintOptions {
  /** Which findings' fixes to apply (default: every one; `--quiet` takes errors only). */
  accept?: (d: Diagnostic) => boolean;
}

/** Fixes a whole document: core's one fix-all loop ({@link fixPasses}, fix.ts) over {@link lintDocument}. */
export function fixDocument(text: string, options: FixDocumentOptions = {}): FixPasses<LintResult> {
  return fixPasses(text, lintDocument(text, options), (t) => lintDocument(t, options), options.accept);
}
