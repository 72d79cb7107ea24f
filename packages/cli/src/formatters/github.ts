import type { LintFileResult, LintMessage } from '../types';
import { displayPath, formatWith, type CreateSession, type FormatContext } from './types';

/**
 * GitHub Actions workflow commands, one line per problem:
 * `::error file=presets/a.ossproc,line=3,col=21,endLine=3,endColumn=28,title=value-out-of-range::fps_241: …`
 * Warnings are ::warning, info ::notice. Values are escaped as @actions/core escapes them.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(filePath: string, m: LintMessage, cwd: string): string {
  const command = m.severity === 2 ? 'error' : m.level === 'info' ? 'notice' : 'warning';
  const props = [`file=${escapeProperty(displayPath(filePath, cwd))}`, `line=${m.line}`, `col=${m.column}`];
  if (m.endLine !== undefined) props.push(`endLine=${m.endLine}`);
  if (m.endColumn !== undefined) props.push(`endColumn=${m.endColumn}`);
  props.push(`title=${escapeProperty(m.ruleId ?? 'ossproc')}`);
  return `::${command} ${props.join(',')}::${escapeData(m.message)}\n`;
}

export const createSession: CreateSession = (ctx) => ({
  begin: () => '',
  fileStart: () => '',
  message: (filePath, m) => annotation(filePath, m, ctx.cwd),
  fileEnd: () => '',
  end: () => '',
});

export default function github(results: readonly LintFileResult[], ctx: FormatContext): string {
  return formatWith(createSession, results, ctx);
}
