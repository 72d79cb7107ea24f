import type { Diagnostic } from '../check/diagnostic';
import type { CheckOptions } from '../check/index';
import { extractRegions, languageForFile, type HostLanguage } from '../embed/extract';
import type { EmbeddedRegion } from '../embed/region';
import { applyDirectives, findDirectives, type UnusedDirective } from '../embed/suppress';
import { checkRegion, toHost } from './region';

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

/** The host language of a document, as lintDocument decides it. */
export function lintLanguage(options: Pick<LintOptions, 'language' | 'fileName'>): HostLanguage {
  return options.language ?? (options.fileName ? languageForFile(options.fileName) : undefined) ?? 'ossproc';
}

/**
 * Lints a whole document: finds its processing strings (lines of an .ossproc file, string literals in code,
 * values in JSON/YAML, URLs in Markdown/HTML), lints each ({@link checkRegion}), maps every range back to the
 * document and honours suppression comments. The CLI and the language server drive this same pipeline.
 */
export function lintDocument(text: string, options: LintOptions = {}): LintResult {
  const language = lintLanguage(options);
  const regions: LintedRegion[] = [];
  const all: Diagnostic[] = [...(options.extra?.diagnostics ?? [])];
  for (const region of withExtra(extractRegions(text, language), options.extra?.regions)) {
    const diagnostics = checkRegion(region, options);
    regions.push({ region, diagnostics });
    for (const d of diagnostics) all.push(toHost(region, d));
  }
  return suppressAndSort(text, language, all, regions);
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

/** The extracted regions and the extra ones that none of them already covers, in document order. */
function withExtra(extracted: EmbeddedRegion[], extra: readonly EmbeddedRegion[] | undefined): EmbeddedRegion[] {
  if (!extra?.length) return extracted;
  const overlaps = (a: EmbeddedRegion, b: EmbeddedRegion) => a.range.start < Math.max(b.range.end, b.range.start + 1) && b.range.start < Math.max(a.range.end, a.range.start + 1);
  const out = [...extracted, ...extra.filter((r) => !extracted.some((x) => overlaps(x, r)))];
  return out.sort((a, b) => a.range.start - b.range.start);
}
