import type { EmbeddedRegion } from './region';
import { scanOssproc } from './ossproc';
import { scanCode } from './code';
import { scanJson } from '../presets/json';
import { xmlStructure } from '../presets/xml';
import { scanYaml } from '../presets/yaml';
import { scanMarkup } from './markup';
import type { ScanResult } from './scan';
import type { HostLanguage } from './hosts';

export { PROCESS_PRODUCTS, looksLikeProcessingString } from './scan';
export type { HostComment, HostSegment, ScanResult, ProcessProduct } from './scan';

export { editorLanguageIds, HOST_FORMATS, languageForFile, languageFromId, walkedExtensions, type HostFormat, type HostLanguage } from './hosts';

/**
 * Finding processing strings in host documents. Every finder is a linear scan that never throws: it meets
 * half-typed documents in an editor and anything at all in CI. Each host format (embed/hosts.ts) has its
 * scanner here.
 */
const SCANNERS: Record<HostLanguage, (text: string) => ScanResult> = {
  ossproc: scanOssproc,
  java: (t) => scanCode(t, 'java'),
  python: (t) => scanCode(t, 'python'),
  go: (t) => scanCode(t, 'go'),
  javascript: (t) => scanCode(t, 'javascript'),
  typescript: (t) => scanCode(t, 'typescript'),
  json: scanJson,
  yaml: scanYaml,
  markdown: (t) => scanMarkup(t, 'markdown', scanHost),
  html: (t) => scanMarkup(t, 'html', scanHost),
  xml: (t) => ({ ...scanMarkup(t, 'xml', scanHost), ...xmlStructure(t) }),
  text: (t) => scanMarkup(t, 'text', scanHost),
};

/**
 * Regions and comments of a host document in one pass (the language server wants both). Regions are in
 * document order and do not overlap; comments are what suppression directives are read from.
 */
export function scanHost(text: string, language: HostLanguage): ScanResult {
  return SCANNERS[language](text);
}


/**
 * The processing strings in a host document, in document order.
 *
 * - `ossproc`: every non-comment line, trimmed.
 * - `java` `python` `go` `javascript` `typescript`: string literals (escapes decoded), joined when written as
 *   one value with `+`, StringBuilder.append or Python's adjacent literals; template/f-string expressions and
 *   format placeholders (String.format, fmt.Sprintf, .formatted, str.format, %) become HOLE characters.
 * - `json` `yaml`: string values (not keys).
 * In these, a literal counts when it reads as a processing string ({@link looksLikeProcessingString}) or
 * holds a URL with an `x-oss-process=` / `x-oss-async-process=` parameter (then the region is the
 * percent-decoded value, with `mode` set).
 * - `markdown` `html` `xml` `text`: `x-oss-process=` / `x-oss-async-process=` values in URLs and bodies;
 *   Markdown code spans and fenced code (a named language is scanned as that language); HTML script
 *   elements; XML `<Content>` of OSS styles.
 */
export function extractRegions(text: string, language: HostLanguage): EmbeddedRegion[] {
  return scanHost(text, language).regions;
}
