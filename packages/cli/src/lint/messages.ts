import type { Diagnostic, Fix, Severity } from '@ossproc/core';
import type { EslintFix, LintMessage } from '../types';

/** Where offsets of a text are: 1-based lines and columns, line texts, and slices (to merge a fix's edits). */
export interface Locator {
  position(offset: number): { line: number; column: number };
  lineText(line: number): string | undefined;
  slice(start: number, end: number): string;
}

export function severityOf(level: Severity): 1 | 2 {
  return level === 'error' ? 2 : 1;
}

/**
 * ESLint's fix is one replacement; a core fix may hold several edits. They become one replacement spanning
 * all of them, the text between them kept (ESLint merges a rule's fixes the same way).
 */
export function toEslintFix(fix: Fix, slice: (start: number, end: number) => string): EslintFix {
  const edits = [...fix.edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const start = edits.length ? edits[0]!.range.start : 0;
  let end = start;
  let text = '';
  for (const e of edits) {
    if (e.range.start < end) continue;
    text += slice(end, e.range.start) + e.newText;
    end = e.range.end;
  }
  return { range: [start, end], text };
}

/** A core diagnostic (host offsets) as an ESLint message. */
export function toMessage(d: Diagnostic, loc: Locator): LintMessage {
  const s = loc.position(d.range.start);
  const e = loc.position(d.range.end);
  const m: LintMessage = {
    ruleId: d.ruleId,
    severity: severityOf(d.severity),
    message: d.message,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    level: d.severity,
  };
  if (d.fixes?.length) {
    const slice = (a: number, b: number) => loc.slice(a, b);
    const certain = d.fixes.find((f) => f.certain);
    if (certain) m.fix = toEslintFix(certain, slice);
    const suggestions = d.fixes.filter((f) => !f.certain);
    if (suggestions.length) m.suggestions = suggestions.map((f) => ({ desc: f.title, fix: toEslintFix(f, slice) }));
  }
  const line = loc.lineText(s.line);
  if (line !== undefined) m.sourceLine = line;
  return m;
}

/** A problem with the file itself, as ESLint reports a parsing error. */
export function fatalMessage(message: string, line = 1, column = 1, sourceLine?: string): LintMessage {
  const m: LintMessage = { ruleId: null, fatal: true, severity: 2, message, line, column, level: 'error' };
  if (sourceLine !== undefined) m.sourceLine = sourceLine;
  return m;
}

/** ESLint's ordering: by line, then column. */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column;
}
