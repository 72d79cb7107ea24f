import { parse, type ParseOptions } from '../syntax/parse';
import type { ParseResult } from '../syntax/tree';
import { CheckContext, type CheckOptions } from './context';
import type { Diagnostic } from './diagnostic';
import { runRules } from './run';

export type { CheckMode, CheckOptions } from './context';

/**
 * Checks a processing string (or a parse of one) against the grammar and the catalog. Never throws: every
 * problem is a diagnostic with a range into the string. The diagnostics are shared and frozen: treat them as
 * read-only. Options are treated as values: pass a new object rather than changing one already passed.
 */
export function check(input: string | ParseResult, options: CheckOptions & ParseOptions = {}): Diagnostic[] {
  if (typeof input !== 'string') return run(input, options);
  const key = optionsKey(options);
  let byText = memo.get(key);
  if (!byText) memo.set(key, (byText = new Map()));
  let found = byText.get(input);
  if (!found) {
    if (byText.size >= MEMO_SIZE) byText.clear();
    found = run(parse(input, options), options);
    for (const d of found) Object.freeze(d);
    byText.set(input, found);
  }
  return found.slice();
}

function run(parsed: ParseResult, options: CheckOptions): Diagnostic[] {
  const ctx = new CheckContext(parsed, options);
  runRules(ctx);
  return ctx.diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/**
 * Checking is a pure function of the string and the options, and real inputs repeat: a preset file names the
 * same few styles on many lines, code builds the same string in many places. A bounded memo (dropped whole
 * when it fills) answers a repeated string without parsing it again.
 */
const MEMO_SIZE = 4096;
/** Options key → string → diagnostics: two levels, so the string itself is the key (no concatenation to hash). */
const memo = new Map<string, Map<string, Diagnostic[]>>();
function optionsKey(options: CheckOptions & ParseOptions): string {
  if (options === last.options && options.rules === last.rules) return last.key;
  if (memo.size > 64) memo.clear(); // many option sets in one process (a long-lived server): start afresh
  const rules = options.rules ? JSON.stringify(options.rules) : '';
  const key = `${options.preset ?? 'recommended'}|${options.mode ?? 'auto'}|${options.sourceKey ?? ''}|${options.nested ?? false}|${options.percentDecode ?? 'auto'}|${rules}`;
  last = { options, rules: options.rules, key };
  return key;
}

/** The last options object seen and its key: callers check many strings with one options object. */
let last: { options?: object; rules?: object; key: string } = { key: '' };
