import { fixPasses, LineIndex, lintDocument, type CheckOptions, type HostLanguage } from '@ossproc/core';
import type { LintMessage } from '../types';
import { unusedDirectiveMessage } from './directives';
import { compareMessages, fatalMessage, toMessage, type Locator } from './messages';
import type { FileReport } from './reporter';
import type { FileSettings } from './settings';

/**
 * Files other than .ossproc (JSON, YAML, XML, Markdown, HTML, source code) are read whole by core's
 * lintDocument: a JSON, YAML or XML file that does not parse is one fatal message; else its preset structure
 * and every processing string in it are checked.
 */
function lintHost(text: string, language: HostLanguage, options: CheckOptions) {
  return lintDocument(text, { ...options, language });
}

function locator(text: string): Locator & { index: LineIndex } {
  const index = new LineIndex(text);
  return {
    index,
    position(offset) {
      const p = index.position(offset);
      return { line: p.line + 1, column: p.character + 1 };
    },
    lineText(line) {
      const l = line - 1;
      if (l < 0 || l >= index.lineCount) return undefined;
      return text.slice(index.lineStart(l), index.lineEnd(l));
    },
    slice: (a, b) => text.slice(a, b),
  };
}

/** Messages between chances for the report to go out. */
const FLUSH_EVERY = 1024;

/** Lints a decoded text; with --fix / --fix-dry-run fixes first. Returns the fixed text when it changed. */
export async function lintDocumentText(text: string, language: HostLanguage, settings: FileSettings, report: FileReport): Promise<string | undefined> {
  const first = lintHost(text, language, settings.check);
  if (first.fatal) {
    const loc = locator(text);
    const p = loc.position(first.fatal.offset);
    report.add(fatalMessage(first.fatal.message, p.line, p.column, loc.lineText(p.line)));
    return undefined;
  }
  // core's one fix-all loop; a fix must not break the file's structure: if it would, keep what was fixed before it
  const relint = (t: string) => {
    const next = lintHost(t, language, settings.check);
    return next.fatal ? undefined : next;
  };
  const { text: current, result, applied } =
    settings.fix === 'off' ? { text, result: first, applied: [] } : fixPasses(text, first, relint, settings.quiet ? (d) => d.severity === 'error' : undefined);
  report.fixedProblems(applied.length);
  const loc = locator(current);
  // unused directives (few) in order, to merge with the diagnostics (sorted by core) as each becomes a message:
  // no array of every message, and the report goes out as it grows (a file of long strings has many findings)
  const unused: LintMessage[] = [];
  const trailing: LintMessage[] = [];
  if (settings.unusedDirectives !== 'off') {
    for (const u of result.unusedDirectives) {
      const m = unusedDirectiveMessage(u, settings.unusedDirectives, loc.position(u.range.start), loc.position(u.range.end), loc.lineText(loc.position(u.range.start).line));
      // an unused disable-file is known only at the end of a file: reported last (as in streamed .ossproc files)
      (u.kind === 'disable-file' ? trailing : unused).push(m);
    }
  }
  unused.sort(compareMessages);
  let u = 0;
  let n = 0;
  for (const d of result.diagnostics) {
    const m = toMessage(d, loc);
    while (u < unused.length && compareMessages(unused[u]!, m) < 0) report.add(unused[u++]!);
    report.add(m);
    if (++n % FLUSH_EVERY === 0) await report.out.flush();
  }
  while (u < unused.length) report.add(unused[u++]!);
  for (const m of trailing) report.add(m);
  return current !== text ? current : undefined;
}
