import type { Severity, UnusedDirective } from '@ossproc/core';
import { UNUSED_DIRECTIVE_RULE } from '@ossproc/core';
import type { LintMessage } from '../types';
import { severityOf } from './messages';

/** ESLint's wording: "Unused eslint-disable directive (no problems were reported from 'no-console')." */
export function unusedDirectiveText(d: UnusedDirective): string {
  const rules = d.unusedRules?.length ? d.unusedRules : d.rules;
  const from = rules.length ? ` from ${rules.map((r) => `'${r}'`).join(', ')}` : '';
  return `Unused ossproc-${d.kind} directive (no problems were reported${from}).`;
}

export function unusedDirectiveMessage(
  d: UnusedDirective,
  severity: Severity,
  start: { line: number; column: number },
  end: { line: number; column: number },
  sourceLine: string | undefined,
): LintMessage {
  const m: LintMessage = {
    ruleId: UNUSED_DIRECTIVE_RULE,
    severity: severityOf(severity),
    message: unusedDirectiveText(d),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    level: severity,
  };
  if (sourceLine !== undefined) m.sourceLine = sourceLine;
  return m;
}
