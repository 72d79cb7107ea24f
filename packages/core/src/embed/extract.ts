import { sliceRegion, type EmbeddedRegion } from './region';
import { scanCode } from './code';
import { scanJson } from '../presets/json';
import { xmlStructure } from '../presets/xml';
import { scanYaml } from '../presets/yaml';
import { scanMarkup } from './markup';
import type { HostComment, ScanResult } from './scan';

export { PROCESS_PRODUCTS, looksLikeProcessingString } from './scan';
export type { HostComment, HostSegment, ScanResult, ProcessProduct } from './scan';

/**
 * Finding processing strings in host documents. Every finder is a linear scan that never throws: it meets
 * half-typed documents in an editor and anything at all in CI.
 */
export type HostLanguage =
  | 'ossproc'
  | 'java'
  | 'python'
  | 'go'
  | 'javascript'
  | 'typescript'
  | 'json'
  | 'yaml'
  | 'markdown'
  | 'html'
  | 'xml'
  | 'text';

const BY_EXTENSION: Record<string, HostLanguage> = {
  ossproc: 'ossproc',
  java: 'java',
  py: 'python', pyi: 'python', pyw: 'python',
  go: 'go',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  json: 'json', jsonc: 'json', 'code-workspace': 'json',
  yaml: 'yaml', yml: 'yaml',
  md: 'markdown', markdown: 'markdown', mdx: 'markdown',
  html: 'html', htm: 'html', xhtml: 'html', vue: 'html', svelte: 'html',
  xml: 'xml',
  txt: 'text', text: 'text', log: 'text',
};

/** The host language of a file by its name (path allowed); undefined when ossproc does not read it. */
export function languageForFile(fileName: string): HostLanguage | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 && !(dot === 0 && base.length > 1)) return undefined;
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()];
}

const BY_ID: Record<string, HostLanguage> = {
  ossproc: 'ossproc',
  java: 'java',
  python: 'python',
  go: 'go',
  javascript: 'javascript', javascriptreact: 'javascript',
  typescript: 'typescript', typescriptreact: 'typescript',
  json: 'json', jsonc: 'json', jsonl: 'json',
  yaml: 'yaml', 'github-actions-workflow': 'yaml', dockercompose: 'yaml',
  markdown: 'markdown', mdx: 'markdown',
  html: 'html', vue: 'html', svelte: 'html',
  xml: 'xml',
  plaintext: 'text', text: 'text',
};

/** The host language for an LSP / VS Code language id. */
export function languageFromId(languageId: string): HostLanguage | undefined {
  return BY_ID[languageId];
}

/** An .ossproc file: one string per line; `#` lines are comments. */
function scanOssproc(text: string): ScanResult {
  const regions: EmbeddedRegion[] = [];
  const comments: HostComment[] = [];
  const n = text.length;
  let ls = 0;
  while (ls < n) {
    let le = ls;
    while (le < n && text.charCodeAt(le) !== 10 && text.charCodeAt(le) !== 13) le++;
    const next = le < n && text.charCodeAt(le) === 13 && text.charCodeAt(le + 1) === 10 ? le + 2 : le + 1;
    let s = ls;
    let e = le;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    if (s < e) {
      if (text.charCodeAt(s) === 35) comments.push({ start: s, end: e, contentStart: s + 1, contentEnd: e });
      else regions.push(sliceRegion(text, s, e));
    }
    ls = next;
  }
  return { regions, comments };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;
}

/**
 * Regions and comments of a host document in one pass (the language server wants both). Regions are in
 * document order and do not overlap; comments are what suppression directives are read from.
 */
export function scanHost(text: string, language: HostLanguage): ScanResult {
  switch (language) {
    case 'ossproc':
      return scanOssproc(text);
    case 'java':
    case 'python':
    case 'go':
    case 'javascript':
    case 'typescript':
      return scanCode(text, language);
    case 'json':
      return scanJson(text);
    case 'yaml':
      return scanYaml(text);
    case 'xml':
      return { ...scanMarkupHost(text, language), ...xmlStructure(text) };
    case 'markdown':
    case 'html':
    case 'text':
      return scanMarkupHost(text, language);
    default:
      return { regions: [], comments: [] };
  }
}

function scanMarkupHost(text: string, language: 'markdown' | 'html' | 'xml' | 'text'): ScanResult {
  return scanMarkup(text, language, (sub, id) => {
    const lang = languageFromId(id);
    return lang ? scanHost(sub, lang) : undefined;
  });
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
