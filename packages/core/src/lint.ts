import type { Diagnostic, Fix } from './check/diagnostic';
import { check, type CheckOptions } from './check/index';
import { severityOf } from './config/severity';
import { languageForFile, scanHost, type HostLanguage } from './embed/extract';
import { toHostRange, type EmbeddedRegion } from './embed/region';
import { applyDirectives, findDirectives, type UnusedDirective } from './embed/suppress';
import type { StructureError } from './presets/findings';
import { applyEdits, type TextEdit } from './text/range';

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

/**
 * Lints a whole document: finds its processing strings (lines of an .ossproc file, string literals in code,
 * values in JSON/YAML, URLs in Markdown/HTML), checks each, maps every range back to the document and honours
 * suppression comments. The CLI and the language server both stand on this.
 */
export function lintDocument(text: string, options: LintOptions = {}): LintResult {
  const language = options.language ?? (options.fileName ? languageForFile(options.fileName) : undefined) ?? 'ossproc';
  const regions: LintedRegion[] = [];
  const scan = scanHost(text, language);
  const all = configured(scan.findings, options);
  for (const region of scan.regions) {
    // a URL's x-oss-process= / x-oss-async-process= parameter fixes the mode, though its name is not in the text
    const diagnostics = check(region.text, region.mode && options.mode !== 'sync' && options.mode !== 'async' ? { ...options, mode: region.mode } : options);
    regions.push({ region, diagnostics });
    for (const d of diagnostics) all.push(toHost(region, d));
  }
  const { kept, unused } = applyDirectives(text, all, findDirectives(text, language));
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const result: LintResult = { language, diagnostics: kept, regions, unusedDirectives: unused };
  if (scan.fatal) result.fatal = scan.fatal;
  return result;
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

/** A region's diagnostic in host offsets: its range, its fixes' edits and its related ranges. */
export function toHost(region: EmbeddedRegion, d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, range: toHostRange(region, d.range) };
  if (d.fixes) out.fixes = d.fixes.map((f): Fix => ({ ...f, edits: region.scalar ? [rescalar(region, f.edits)] : f.edits.map((e) => ({ range: toHostRange(region, e.range), newText: e.newText })) }));
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: toHostRange(region, r.range) }));
  return out;
}

/** A fix inside a quoted scalar with escapes: the whole scalar, re-encoded with the fix applied to its text. */
function rescalar(region: EmbeddedRegion, edits: readonly TextEdit[]): TextEdit {
  const scalar = region.scalar!;
  return { range: scalar.range, newText: scalar.encode(applyEdits(region.text, edits)) };
}
