import {
  applyDirectives,
  applyFixes,
  check,
  extractRegions,
  findDirectives,
  LineIndex,
  toHost,
  type CheckOptions,
  type Diagnostic,
  type EmbeddedRegion,
  type HostLanguage,
} from '@ossproc/core';
import { analyzeJson } from '../structure/json';
import { emptyFindings, type PresetFindings } from '../structure/presets';
import type { StructureProblem } from '../structure/types';
import { analyzeXml } from '../structure/xml';
import { analyzeYaml } from '../structure/yaml';
import type { LintMessage } from '../types';
import { unusedDirectiveMessage, type UnusedDirective } from './directives';
import { compareMessages, fatalMessage, toMessage, type Locator } from './messages';
import type { FileReport } from './reporter';
import type { FileSettings } from './settings';

/**
 * Files other than .ossproc (JSON, YAML, XML, Markdown, HTML, source code) are read whole: their structure
 * is checked first (JSON, YAML, XML), then core finds the processing strings in them and checks each.
 */

export interface HostLint {
  diagnostics: Diagnostic[];
  unused: UnusedDirective[];
}

/**
 * core's lintDocument (the same extraction, the same check per region, with a URL parameter's mode unless the
 * options fix one, the same suppression), plus what the CLI adds: preset style values core's extractor passed
 * over are checked too, and the preset problems go through the same suppression comments. It keeps no parse
 * trees (lintDocument returns them all).
 */
export function lintHost(text: string, language: HostLanguage, options: CheckOptions, findings: PresetFindings = emptyFindings()): HostLint {
  const regions = mergeRegions(extractRegions(text, language), findings.regions);
  const all: Diagnostic[] = [...findings.diagnostics];
  for (const region of regions) {
    // check(string) rather than check(parse(…)): the same result, and core memoizes repeated strings
    const diagnostics = check(region.text, region.mode && options.mode !== 'sync' && options.mode !== 'async' ? { ...options, mode: region.mode } : options);
    for (const d of diagnostics) all.push(toHost(region, d));
  }
  const { kept, unused } = applyDirectives(text, all, findDirectives(text, language));
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { diagnostics: kept, unused };
}

/** Adds the extra regions that no extracted region already covers. */
function mergeRegions(extracted: EmbeddedRegion[], extra: EmbeddedRegion[]): EmbeddedRegion[] {
  if (!extra.length) return extracted;
  const out = [...extracted];
  for (const r of extra) {
    if (!extracted.some((x) => x.range.start < Math.max(r.range.end, r.range.start + 1) && r.range.start < Math.max(x.range.end, x.range.start + 1))) out.push(r);
  }
  return out.sort((a, b) => a.range.start - b.range.start);
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
