import type { LintFileResult, LintMessage } from '../types';
import { codeFrame } from './codeframe';
import { colors } from './colors';
import { displayPath, formatWith, printable, type CreateSession, type FormatContext } from './types';

/**
 * ESLint's default format: problems grouped under their file, each with the line it stands on and a caret
 * under its range, then a summary ("✖ 3 problems (2 errors, 1 warning)"). Nothing at all when clean.
 * `info` problems are labelled info and counted with the warnings, as ESLint's severity 1.
 */
export const createSession: CreateSession = (ctx) => {
  const c = colors(ctx.color);
  let current: string | undefined;
  return {
    begin: () => '',
    fileStart: () => {
      current = undefined;
      return '';
    },
    message(filePath: string, m: LintMessage) {
      let out = '';
      if (current !== filePath) {
        current = filePath;
        out += `\n${c.underline(printable(displayPath(filePath, ctx.cwd)))}\n`;
      }
      const pos = `${m.line}:${m.column}`;
      const label = m.severity === 2 ? c.red('error'.padEnd(7)) : m.level === 'info' ? c.cyan('info'.padEnd(7)) : c.yellow('warning');
      out += `  ${c.dim(pos.padEnd(7))} ${label}  ${printable(m.message)}${m.ruleId ? `  ${c.dim(m.ruleId)}` : ''}\n`;
      if (m.sourceLine !== undefined) out += codeFrame(m.sourceLine, m.line, m.column, m.endLine, m.endColumn, c);
      return out;
    },
    fileEnd: () => '',
    end(t) {
      const problems = t.errorCount + t.warningCount;
      if (problems === 0) return '';
      const paint = t.errorCount > 0 ? c.red : c.yellow;
      let out = `\n${paint(c.bold(`✖ ${plural(problems, 'problem')} (${plural(t.errorCount, 'error')}, ${plural(t.warningCount, 'warning')})`))}\n`;
      if (t.fixableErrorCount + t.fixableWarningCount > 0) {
        out += paint(c.bold(`  ${plural(t.fixableErrorCount, 'error')} and ${plural(t.fixableWarningCount, 'warning')} potentially fixable with the \`--fix\` option.`)) + '\n';
      }
      return out + '\n';
    },
  };
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export default function stylish(results: readonly LintFileResult[], ctx: FormatContext): string {
  return formatWith(createSession, results, ctx);
}
