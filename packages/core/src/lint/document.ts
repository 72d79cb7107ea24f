import type { Diagnostic } from '../check/diagnostic';
import type { CheckOptions } from '../check/index';
import { severityOf } from '../config/severity';
import { languageForFile, scanHost, type HostLanguage } from '../embed/extract';
import type { EmbeddedRegion } from '../embed/region';
import { applyDirectives, findDirectives, type UnusedDirective } from '../embed/suppress';
import type { StructureError } from '../presets/findings';
import { checkRegion, toHost } from './region';

export interface LintOptions extends CheckOptions {
  /** The host language; else guessed from `fileName`; else `ossproc` (one string per line). */
  language?: HostLanguage;
  fileName?: string;
}

export interface LintedRegion {
  region: EmbeddedRegion;
  /** Diagnostics in the region's own offsets (before mapping and suppression). */
  diagnostics: Diagnostic[];
}

export interface LintResult {
  language: HostLanguage;
  /** Diagnostics in host offsets, suppression comments applied, sorted by position. */
  diagnostics: Diagnostic[];
  /** The strings found and what was found in each (no parse trees are kept: a large document stays small). */
  regions: LintedRegion[];
  /** Suppression comments that suppressed nothing. */
  unusedDirectives: UnusedDirective[];
  /** A JSON, YAML or XML file that does not parse: its first syntax error (the CLI's fatal message). */
  fatal?: StructureError;
}

/** The host language of a document, as lintDocument decides it. */
export function lintLanguage(options: Pick<LintOptions, 'language' | 'fileName'>): HostLanguage {
  return options.language ?? (options.fileName ? languageForFile(options.fileName) : undefined) ?? 'ossproc';
}

/**
 * Lints a whole document: finds its processing strings (lines of an .ossproc file, string literals in code,
 * values in JSON/YAML, URLs in Markdown/HTML) and what the preset readers find, lints each string
 * ({@link checkRegion}), maps every range back to the document and honours suppression comments. The CLI and
 * the language server drive this same pipeline.
 */
export function lintDocument(text: string, options: LintOptions = {}): LintResult {
  const language = lintLanguage(options);
  const regions: LintedRegion[] = [];
  const scan = scanHost(text, language);
  const all = configured(scan.findings, options);
  for (const region of scan.regions) {
    const diagnostics = checkRegion(region, options);
    regions.push({ region, diagnostics });
    for (const d of diagnostics) all.push(toHost(region, d));
  }
  const result = suppressAndSort(text, language, all, regions);
  if (scan.fatal) result.fatal = scan.fatal;
  return result;
}

/** Applies the document's suppression comments to host-offset findings and sorts them by position. */
export function suppressAndSort(text: string, language: HostLanguage, found: Diagnostic[], regions: LintedRegion[] = []): LintResult {
  const { kept, unused } = applyDirectives(text, found, findDirectives(text, language));
  kept.sort(byPosition);
  return { language, diagnostics: kept, regions, unusedDirectives: unused };
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start - b.range.start || a.range.end - b.range.end;
}

/**
 * What the preset readers find in a JSON, YAML or XML document (style names, shapes), in host offsets,
 * suppression not applied: for a caller that checks the document's strings itself (the language server).
 */
export function structureFindings(text: string, language: HostLanguage, options: Pick<LintOptions, 'rules'> = {}): Diagnostic[] {
  return configured(scanHost(text, language).findings, options);
}

/** Findings made at default severities, under the configured ones. */
function configured(found: readonly Diagnostic[] | undefined, options: Pick<LintOptions, 'rules'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of found ?? []) {
    const severity = severityOf(d.ruleId, options.rules);
    if (severity !== 'off') out.push({ ...d, severity });
  }
  return out;
}
