import { applyFixes, LineIndex, lintDocument, type CheckOptions, type HostLanguage } from '@ossproc/core';
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
  const result = lintDocument(text, { ...options, language });
  return { diagnostics: result.diagnostics, unused: result.unusedDirectives, fatal: result.fatal };
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

/** Lints a decoded text; with --fix / --fix-dry-run fixes first. Returns the fixed text when it changed. */
export async function lintDocumentText(text: string, language: HostLanguage, settings: FileSettings, report: FileReport): Promise<string | undefined> {
  let result = lintHost(text, language, settings.check);
  if (result.fatal) {
    const loc = locator(text);
    const p = loc.position(result.fatal.offset);
    report.add(fatalMessage(result.fatal.message, p.line, p.column, loc.lineText(p.line)));
    return undefined;
  }
  let current = text;
  if (settings.fix !== 'off') {
    for (let pass = 0; pass < 10; pass++) {
      const candidates = settings.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
      const fixed = applyFixes(current, candidates);
      if (fixed.applied.length === 0) break;
      // a fix must not break the file's structure; if it would, keep what was fixed before it
      const next = lintHost(fixed.text, language, settings.check);
      if (next.fatal) break;
      current = fixed.text;
      result = next;
    }
  }
  const loc = locator(current);
  const messages: LintMessage[] = result.diagnostics.map((d) => toMessage(d, loc));
  const trailing: LintMessage[] = [];
  if (settings.unusedDirectives !== 'off') {
    for (const u of result.unused) {
      const m = unusedDirectiveMessage(u, settings.unusedDirectives, loc.position(u.range.start), loc.position(u.range.end), loc.lineText(loc.position(u.range.start).line));
      // an unused disable-file is known only at the end of a file: reported last (as in streamed .ossproc files)
      (u.kind === 'disable-file' ? trailing : messages).push(m);
    }
  }
  messages.sort(compareMessages);
  for (const m of messages) report.add(m);
  for (const m of trailing) report.add(m);
  return current !== text ? current : undefined;
}
