import { parse, type ParseOptions } from '../syntax/parse';
import type { ParseResult } from '../syntax/tree';
import { CheckContext, type CheckOptions } from './context';
import type { Diagnostic } from './diagnostic';
import { runRules } from './run';

export type { CheckMode, CheckOptions } from './context';

/**
 * Checks a processing string (or a parse of one) against the grammar and the catalog. Never throws: every
 * problem is a diagnostic with a range into the string.
 */
export function check(input: string | ParseResult, options: CheckOptions & ParseOptions = {}): Diagnostic[] {
  const parsed = typeof input === 'string' ? parse(input, options) : input;
  const ctx = new CheckContext(parsed, options);
  runRules(ctx);
  return ctx.diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
