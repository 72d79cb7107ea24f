import type { LintFileResult, LintMessage } from '../types';
import { formatWith, type CreateSession, type FileEnd, type FormatContext } from './types';

/**
 * ESLint's JSON: `[{filePath, messages:[{ruleId, severity, message, line, column, endLine, endColumn, fix?,
 * suggestions?}], errorCount, fatalErrorCount, warningCount, fixableErrorCount, fixableWarningCount, output?}]`,
 * one line. Severity 2 is an error, 1 a warning or info.
 */
export function messageJson(m: LintMessage): string {
  const o: Record<string, unknown> = { ruleId: m.ruleId };
  if (m.fatal) o.fatal = true;
  o.severity = m.severity;
  o.message = m.message;
  o.line = m.line;
  o.column = m.column;
  if (m.endLine !== undefined) o.endLine = m.endLine;
  if (m.endColumn !== undefined) o.endColumn = m.endColumn;
  if (m.fix) o.fix = m.fix;
  if (m.suggestions) o.suggestions = m.suggestions;
  return JSON.stringify(o);
}

export function fileEndJson(f: FileEnd): string {
  let out = `],"errorCount":${f.errorCount},"fatalErrorCount":${f.fatalErrorCount},"warningCount":${f.warningCount},"fixableErrorCount":${f.fixableErrorCount},"fixableWarningCount":${f.fixableWarningCount}`;
  if (f.output !== undefined) out += `,"output":${JSON.stringify(f.output)}`;
  return `${out}}`;
}

export const createSession: CreateSession = () => {
  let files = 0;
  let messages = 0;
  return {
    begin: () => '[',
    fileStart(filePath) {
      messages = 0;
      return `${files++ ? ',' : ''}{"filePath":${JSON.stringify(filePath)},"messages":[`;
    },
    message: (_f, m) => `${messages++ ? ',' : ''}${messageJson(m)}`,
    fileEnd: fileEndJson,
    end: () => ']\n',
  };
};

export default function json(results: readonly LintFileResult[], ctx: FormatContext): string {
  return formatWith(createSession, results, ctx);
}
