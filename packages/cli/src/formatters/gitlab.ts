import { createHash } from 'node:crypto';
import type { LintFileResult, LintMessage } from '../types';
import { displayPath, formatWith, type CreateSession, type FormatContext } from './types';

/**
 * GitLab Code Quality: the subset of the Code Climate issue format GitLab reads, a JSON array of
 * `{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}`. Paths are relative to
 * the working directory (run it from the repository root, as CI does). The fingerprint is a hash of the path,
 * rule, message and source line (and the number of earlier identical issues), not of the line number, so an
 * issue keeps its identity when lines above it move and GitLab shows only new ones in a merge request.
 */
const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

export function codeQualityIssue(filePath: string, m: LintMessage, cwd: string, seen: Map<string, number>): string {
  const path = displayPath(filePath, cwd);
  const key = [path, m.ruleId ?? 'ossproc', m.message, m.sourceLine ?? ''].join('\0');
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return JSON.stringify({
    description: m.message,
    check_name: m.ruleId ?? 'ossproc',
    fingerprint: createHash('md5').update(`${key}\0${n}`).digest('hex'),
    severity: m.fatal ? 'critical' : SEVERITY[m.level],
    location: { path, lines: { begin: m.line } },
  });
}

export const createSession: CreateSession = (ctx) => {
  let count = 0;
  const seen = new Map<string, number>();
  return {
    begin: () => '[',
    fileStart: () => '',
    message: (filePath, m) => `${count++ ? ',' : ''}${codeQualityIssue(filePath, m, ctx.cwd, seen)}`,
    fileEnd: () => '',
    end: () => ']\n',
  };
};

export default function gitlab(results: readonly LintFileResult[], ctx: FormatContext): string {
  return formatWith(createSession, results, ctx);
}
