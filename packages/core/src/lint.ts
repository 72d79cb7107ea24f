import type { Diagnostic, Fix } from './check/diagnostic';
import { check, type CheckOptions } from './check/index';
import { extractRegions, languageForFile, type HostLanguage } from './embed/extract';
import { toHostRange, type EmbeddedRegion } from './embed/region';
import { applyDirectives, findDirectives, type UnusedDirective } from './embed/suppress';

export interface LintOptions extends CheckOptions {
  /** The host language; else guessed from `fileName`; else `ossproc` (one string per line). */
  language?: HostLanguage;
  fileName?: string;
  /**
   * What a caller knows beyond the extractor (the CLI reads a preset file's structure): more strings to check,
   * and findings of its own, which go through the same suppression comments.
   */
  extra?: { regions?: EmbeddedRegion[]; diagnostics?: Diagnostic[] };
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
}

/**
 * Lints a whole document: finds its processing strings (lines of an .ossproc file, string literals in code,
 * values in JSON/YAML, URLs in Markdown/HTML), checks each, maps every range back to the document and honours
 * suppression comments. The CLI and the language server both stand on this.
 */
export function lintDocument(text: string, options: LintOptions = {}): LintResult {
  const language = options.language ?? (options.fileName ? languageForFile(options.fileName) : undefined) ?? 'ossproc';
  const regions: LintedRegion[] = [];
  const all: Diagnostic[] = [...(options.extra?.diagnostics ?? [])];
  for (const region of withExtra(extractRegions(text, language), options.extra?.regions)) {
    // a URL's x-oss-process= / x-oss-async-process= parameter fixes the mode, though its name is not in the text
    const diagnostics = check(region.text, region.mode && options.mode !== 'sync' && options.mode !== 'async' ? { ...options, mode: region.mode } : options);
    regions.push({ region, diagnostics });
    for (const d of diagnostics) all.push(toHost(region, d));
  }
  const { kept, unused } = applyDirectives(text, all, findDirectives(text, language));
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { language, diagnostics: kept, regions, unusedDirectives: unused };
}

/** The extracted regions and the extra ones that none of them already covers, in document order. */
function withExtra(extracted: EmbeddedRegion[], extra: readonly EmbeddedRegion[] | undefined): EmbeddedRegion[] {
  if (!extra?.length) return extracted;
  const overlaps = (a: EmbeddedRegion, b: EmbeddedRegion) => a.range.start < Math.max(b.range.end, b.range.start + 1) && b.range.start < Math.max(a.range.end, a.range.start + 1);
  const out = [...extracted, ...extra.filter((r) => !extracted.some((x) => overlaps(x, r)))];
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** A region's diagnostic in host offsets: its range, its fixes' edits and its related ranges. */
export function toHost(region: EmbeddedRegion, d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, range: toHostRange(region, d.range) };
  if (d.fixes) out.fixes = d.fixes.map((f): Fix => ({ ...f, edits: f.edits.map((e) => ({ range: toHostRange(region, e.range), newText: e.newText })) }));
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: toHostRange(region, r.range) }));
  return out;
}
