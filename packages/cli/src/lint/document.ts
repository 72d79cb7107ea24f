import { applyFixes, LineIndex, lintDocument, type CheckOptions, type HostLanguage } from '@ossproc/core';
import { analyzeJson } from '../structure/json';
import { emptyFindings, type PresetFindings } from '../structure/presets';
import type { StructureProblem } from '../structure/types';
import { analyzeXml } from '../structure/xml';
import { analyzeYaml } from '../structure/yaml';
import type { LintMessage } from '../types';
import { unusedDirectiveMessage } from './directives';
import { compareMessages, fatalMessage, toMessage, type Locator } from './messages';
import type { FileReport } from './reporter';
import type { FileSettings } from './settings';

/**
 * Files other than .ossproc (JSON, YAML, XML, Markdown, HTML, source code) are read whole: their structure
 * is checked first (JSON, YAML, XML), then core finds the processing strings in them and checks each.
 */

/** core's lintDocument, with the strings and problems the CLI's structure readers found beside its extractor. */
function lintHost(text: string, language: HostLanguage, options: CheckOptions, findings: PresetFindings = emptyFindings()) {
  const result = lintDocument(text, { ...options, language, extra: findings });
  return { diagnostics: result.diagnostics, unused: result.unusedDirectives };
}

type Analysis = { problem: StructureProblem } | { findings: PresetFindings };

async function analyze(text: string, language: HostLanguage, settings: FileSettings): Promise<Analysis> {
  const rules = settings.check.rules ?? {};
  switch (language) {
    case 'json':
      return analyzeJson(text, rules);
    case 'yaml':
      return analyzeYaml(text, rules);
    case 'xml':
      return analyzeXml(text, rules);
    default:
      return { findings: emptyFindings() };
  }
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
  let analysis = await analyze(text, language, settings);
  if ('problem' in analysis) {
    const loc = locator(text);
    const p = loc.position(analysis.problem.offset);
    report.add(fatalMessage(analysis.problem.message, p.line, p.column, loc.lineText(p.line)));
    return undefined;
  }
  let result = lintHost(text, language, settings.check, analysis.findings);
  let current = text;
  if (settings.fix !== 'off') {
    for (let pass = 0; pass < 10; pass++) {
      const candidates = settings.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
      const fixed = applyFixes(current, candidates);
      if (fixed.applied.length === 0) break;
      // a fix must not break the file's structure; if it would, keep what was fixed before it
      const next = await analyze(fixed.text, language, settings);
      if ('problem' in next) break;
      report.fixedProblems(fixed.applied.length);
      current = fixed.text;
      analysis = next;
      result = lintHost(current, language, settings.check, analysis.findings);
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
