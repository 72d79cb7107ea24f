import { isAbsolute, relative, sep } from 'node:path';
import type { RuleInfo } from '../rules';
import type { FileCounts, LintFileResult, LintMessage, Totals } from '../types';

/**
 * Formatters, as in ESLint's `lib/cli-engine/formatters/`: each format is a module whose default export is a
 * function from results to text. Each is written as a session of pieces (before the files, each message, each
 * file's end, after the files) so that the CLI can print as it goes and never hold every message of a large
 * run; the function from results to text is that session run over an array, so both give the same text.
 */
export interface FormatContext {
  /** Paths are shown relative to it (stylish, github, SARIF URIs). */
  cwd: string;
  /** ANSI colours (stylish): on for a TTY unless NO_COLOR is set; --color / --no-color decide otherwise. */
  color: boolean;
  /** ossproc's version (SARIF tool.driver.version). */
  version: string;
  /** Every rule that can be reported (SARIF tool.driver.rules). */
  rules: readonly RuleInfo[];
}

export interface FileEnd extends FileCounts {
  filePath: string;
  output?: string;
}

export interface FormatterSession {
  begin(): string;
  fileStart(filePath: string): string;
  message(filePath: string, message: LintMessage): string;
  fileEnd(file: FileEnd): string;
  end(totals: Totals): string;
}

export type CreateSession = (ctx: FormatContext) => FormatterSession;

/** Runs a session over finished results: ESLint's `(results) => string` formatter contract. */
export function formatWith(create: CreateSession, results: readonly LintFileResult[], ctx: FormatContext): string {
  const s = create(ctx);
  let out = s.begin();
  const totals: Totals = { fileCount: 0, errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const r of results) {
    out += s.fileStart(r.filePath);
    for (const m of r.messages) out += s.message(r.filePath, m);
    const end: FileEnd = {
      filePath: r.filePath,
      errorCount: r.errorCount,
      fatalErrorCount: r.fatalErrorCount,
      warningCount: r.warningCount,
      fixableErrorCount: r.fixableErrorCount,
      fixableWarningCount: r.fixableWarningCount,
    };
    if (r.output !== undefined) end.output = r.output;
    out += s.fileEnd(end);
    totals.fileCount++;
    totals.errorCount += r.errorCount;
    totals.fatalErrorCount += r.fatalErrorCount;
    totals.warningCount += r.warningCount;
    totals.fixableErrorCount += r.fixableErrorCount;
    totals.fixableWarningCount += r.fixableWarningCount;
  }
  return out + s.end(totals);
}

/** A path for people: relative to cwd when inside it, with / separators; `<text>` stays as it is. */
export function displayPath(filePath: string, cwd: string): string {
  if (!isAbsolute(filePath)) return filePath;
  const rel = relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return filePath;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Text safe to print on a terminal or in a workflow log: control characters (an ESC from a decoded base64
 * value, say) and bidirectional overrides become visible placeholders.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd').replace(/[\t\n]/g, ' ');
}
