import type { Diagnostic, Fix } from './check/diagnostic';
import { check, type CheckOptions } from './check/index';
import { extractRegions, languageForFile, type HostLanguage } from './embed/extract';
import { toHostRange, type EmbeddedRegion } from './embed/region';
import { applyDirectives, findDirectives, type Directive } from './embed/suppress';
import { parse } from './syntax/parse';
import type { ParseResult } from './syntax/tree';

export interface LintOptions extends CheckOptions {
  /** The host language; else guessed from `fileName`; else `ossproc` (one string per line). */
  language?: HostLanguage;
  fileName?: string;
}

export interface LintedRegion {
  region: EmbeddedRegion;
  parsed: ParseResult;
  /** Diagnostics in the region's own offsets (before mapping and suppression). */
  diagnostics: Diagnostic[];
}

export interface LintResult {
  language: HostLanguage;
  /** Diagnostics in host offsets, suppression comments applied, sorted by position. */
  diagnostics: Diagnostic[];
  regions: LintedRegion[];
  /** Suppression comments that suppressed nothing. */
  unusedDirectives: Directive[];
}

/**
 * Lints a whole document: finds its processing strings (lines of an .ossproc file, string literals in code,
 * values in JSON/YAML, URLs in Markdown/HTML), checks each, maps every range back to the document and honours
 * suppression comments. The CLI and the language server both stand on this.
 */
export function lintDocument(text: string, options: LintOptions = {}): LintResult {
  const language = options.language ?? (options.fileName ? languageForFile(options.fileName) : undefined) ?? 'ossproc';
  const regions: LintedRegion[] = [];
  const all: Diagnostic[] = [];
  for (const region of extractRegions(text, language)) {
    const parsed = parse(region.text);
    // a URL's x-oss-process= / x-oss-async-process= parameter fixes the mode, though its name is not in the text
    const diagnostics = check(parsed, region.mode && options.mode !== 'sync' && options.mode !== 'async' ? { ...options, mode: region.mode } : options);
    regions.push({ region, parsed, diagnostics });
    for (const d of diagnostics) all.push(toHost(region, d));
  }
  const { kept, unused } = applyDirectives(text, all, findDirectives(text, language));
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { language, diagnostics: kept, regions, unusedDirectives: unused };
}

/** A region's diagnostic in host offsets: its range, its fixes' edits and its related ranges. */
export function toHost(region: EmbeddedRegion, d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, range: toHostRange(region, d.range) };
  if (d.fixes) out.fixes = d.fixes.map((f): Fix => ({ ...f, edits: f.edits.map((e) => ({ range: toHostRange(region, e.range), newText: e.newText })) }));
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: toHostRange(region, r.range) }));
  return out;
}
