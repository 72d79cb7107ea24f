import type { Diagnostic, Fix } from './check/diagnostic';
import { check, type CheckOptions } from './check/index';
import { applyEdits, overlaps, type TextEdit } from './text/range';

export interface FixResult {
  /** The text with the fixes applied. */
  text: string;
  /** The fixes that were applied, in order. */
  applied: Fix[];
}

/**
 * Applies the certain fix of each diagnostic, skipping any that overlaps one already taken (a later pass can
 * pick it up). Suggestions (`certain: false`) are never applied here.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): FixResult {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  const fixes = diagnostics
    .map((d) => d.fixes?.find((f) => f.certain))
    .filter((f): f is Fix => !!f)
    .sort((a, b) => start(a) - start(b));
  for (const fix of fixes) {
    const clash = fix.edits.some((e) => taken.some((t) => overlaps(t.range, e.range) || (isInsert(t) && isInsert(e) && t.range.start === e.range.start)));
    if (clash) continue;
    taken.push(...fix.edits);
    applied.push(fix);
  }
  return { text: applyEdits(text, taken), applied };
}

function start(f: Fix): number {
  return Math.min(...f.edits.map((e) => e.range.start));
}

function isInsert(e: TextEdit): boolean {
  return e.range.start === e.range.end;
}

/** Checks and fixes repeatedly (at most 10 passes, as ESLint does) until no certain fix is left. */
export function fixAll(text: string, options: CheckOptions = {}): FixResult {
  let current = text;
  const applied: Fix[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const result = applyFixes(current, check(current, options));
    if (result.applied.length === 0) break;
    applied.push(...result.applied);
    current = result.text;
  }
  return { text: current, applied };
}
