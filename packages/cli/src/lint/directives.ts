import type { Directive, Severity, UnusedDirective } from '@ossproc/core';
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

/** A directive being tracked through a streamed file: which of its rules suppressed something. */
export class TrackedDirective {
  usedAny = false;
  readonly usedRules = new Set<string>();
  constructor(
    readonly directive: Directive,
    /** 1-based line and the line's text and start offset, to place the warning. */
    readonly line: number,
    readonly lineText: string,
    readonly lineOffset: number,
  ) {}

  /** Whether it suppresses `ruleId`, recording the use. */
  suppresses(ruleId: string): boolean {
    const rules = this.directive.rules;
    if (rules.length && !rules.includes(ruleId)) return false;
    this.usedAny = true;
    this.usedRules.add(ruleId);
    return true;
  }

  /** Whether it would suppress `ruleId` (no record). */
  covers(ruleId: string): boolean {
    const rules = this.directive.rules;
    return rules.length === 0 || rules.includes(ruleId);
  }

  /** Core's rule for an unused directive: nothing suppressed, or a named rule that suppressed nothing. */
  unused(): UnusedDirective | undefined {
    const d = this.directive;
    const unusedRules = d.rules.filter((r) => !this.usedRules.has(r));
    if (d.rules.length ? unusedRules.length > 0 : !this.usedAny) return { ...d, unusedRules };
    return undefined;
  }

  message(severity: Severity): LintMessage | undefined {
    const u = this.unused();
    if (!u) return undefined;
    const col = (o: number) => o - this.lineOffset + 1;
    return unusedDirectiveMessage(u, severity, { line: this.line, column: col(u.range.start) }, { line: this.line, column: col(u.range.end) }, this.lineText);
  }
}
