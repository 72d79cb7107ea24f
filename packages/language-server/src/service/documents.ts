import {
  extractRegions,
  findDirectives,
  languageForFile,
  languageFromId,
  lineRegion,
  parse,
  structureFindings,
  type Diagnostic,
  type Directive,
  type EmbeddedRegion,
  type HostLanguage,
  type ParseResult,
  type RegionText,
} from '@ossproc/core';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishedFindings } from './diagnostics';
import { regionAtOffset } from './mapping';
import { OssprocLines, ownCopy } from './ossprocLines';
import type { Settings } from './settings';

/**
 * The documents as the features see them: which host language a document is, where its processing strings
 * are, and the caches that make a keystroke in a large document cheap. Caches are keyed by content, never by
 * request: a feature asked twice about the same text gets the same answer.
 */

/** Caps on computed items and work, so that a 10 MB document or a 100,000-character line stays responsive. */
/** How many publishes of a document are kept for code actions asked with an older diagnostic. */
const PUBLISHES_KEPT = 3;

export const LIMITS = {
  /** Diagnostics published per document. */
  maxDiagnostics: 1000,
  /** Inlay hints per request. */
  maxInlayHints: 1000,
  /** Symbols (strings) per document. */
  maxSymbols: 5000,
  /** Completion items per request. */
  maxCompletions: 500,
  /** Semantic tokens are not computed for documents longer than this (characters). */
  maxSemanticTokensLength: 2_000_000,
  /** Host documents (not .ossproc) longer than this are not searched for strings at all. */
  maxEmbeddedLength: 4_000_000,
  /** A processing string longer than this (far beyond any URL) is not parsed for hover, completion and the like. */
  maxRegionLength: 32_768,
  /** A string longer than this is not checked: the CLI's bound on a line (1 MiB), where it stops with an error. */
  maxCheckedLength: 1_048_576,
  /** Fresh checking per validation run before the caller yields and continues in a later run (ms). */
  checkBudgetMs: 250,
};

/**
 * The URI schemes of documents a user writes: on disk, unsaved, remote, in a virtual workspace (github.dev,
 * vscode.dev), notebook cells. Documents an editor makes up (an explanation, a git revision, an output
 * channel, a diff's other side) are never linted.
 */
export const DOCUMENT_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-test-web', 'vscode-notebook-cell'];

function servedScheme(uri: string): boolean {
  const colon = uri.indexOf(':');
  return colon > 0 && DOCUMENT_SCHEMES.includes(uri.slice(0, colon).toLowerCase());
}

/** The host language of a document, or undefined when ossproc does not serve it (per `embeddedLanguages`). */
export function hostLanguageOf(doc: TextDocument, settings: Settings): HostLanguage | undefined {
  if (!servedScheme(doc.uri)) return undefined;
  if (doc.languageId === 'ossproc') return 'ossproc';
  // a client that does not know the language id (plain text) still opens .ossproc files
  const known = languageFromId(doc.languageId);
  if (/\.ossproc$/i.test(doc.uri) && (known === undefined || known === 'text')) return 'ossproc';
  if (!settings.embeddedLanguages.includes(doc.languageId)) return undefined;
  return known ?? languageForFile(safeDecode(doc.uri));
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** Per-document memo of check results (documents other than .ossproc), valid for one check configuration. */
export interface CheckMemo {
  key: string;
  /** Region-relative diagnostics by region text (and mode). */
  results: Map<string, Diagnostic[]>;
}

interface EmbeddedCache {
  text: string;
  language: HostLanguage;
  regions: EmbeddedRegion[];
  directives?: Directive[];
  structure?: { key: string; found: Diagnostic[] };
}

/** The caches of one language service. */
export class DocumentStore {
  private readonly embedded = new Map<string, EmbeddedCache>();
  private readonly memos = new Map<string, CheckMemo>();
  private readonly parses = new Map<string, ParseResult>();
  private readonly lineCaches = new Map<string, { key: string; map: Map<string, unknown> }>();
  private readonly lines = new Map<string, OssprocLines>();
  private readonly published = new Map<string, PublishedFindings[]>();

  /** Keeps what a run found in a version of a document (with the fixes it does not publish), newest first. */
  recordFindings(uri: string, findings: PublishedFindings): void {
    const kept = (this.published.get(uri) ?? []).filter((p) => p.version !== findings.version);
    kept.unshift(findings);
    // a diagnostic the client holds is from one of the last few publishes
    if (kept.length > PUBLISHES_KEPT) kept.length = PUBLISHES_KEPT;
    this.published.set(uri, kept);
  }

  /** What the last runs found in a document, newest first. */
  findingsOf(uri: string): readonly PublishedFindings[] {
    return this.published.get(uri) ?? [];
  }

  /** The line entries of an .ossproc document (by uri or scratch key) for a check configuration. */
  ossprocLines(id: string, key: string): OssprocLines {
    const l = this.lines.get(id);
    if (l && l.key === key) return l;
    const fresh = new OssprocLines(key);
    this.lines.set(id, fresh);
    return fresh;
  }

  /** The strings of a host document that is not .ossproc (cached while its text is unchanged). */
  embeddedRegions(doc: TextDocument, language: HostLanguage): EmbeddedRegion[] {
    return this.scanned(doc, language)?.regions ?? [];
  }

  /** A host document's suppression directives (cached with its strings). */
  hostDirectives(doc: TextDocument, language: HostLanguage): Directive[] {
    const c = this.scanned(doc, language);
    if (!c) return [];
    // every directive names itself `ossproc-disable…`: a text without those words has none (no second scan)
    return (c.directives ??= c.text.includes('ossproc-disable') ? findDirectives(c.text, language) : []);
  }

  /** What the preset readers find in a host document under `rules` (cached with its strings, per `key`). */
  hostStructure(doc: TextDocument, language: HostLanguage, key: string, rules: Settings['rules']): Diagnostic[] {
    const c = this.scanned(doc, language);
    if (!c) return [];
    if (c.structure?.key !== key) c.structure = { key, found: structureFindings(c.text, language, { rules }) };
    return c.structure.found;
  }

  private scanned(doc: TextDocument, language: HostLanguage): EmbeddedCache | undefined {
    const text = doc.getText();
    if (text.length > LIMITS.maxEmbeddedLength) return undefined;
    const cached = this.embedded.get(doc.uri);
    if (cached && cached.language === language && cached.text === text) return cached;
    const regions = extractRegions(text, language);
    // strings of their own: the parse cache and core's memo must not keep the document alive
    for (const r of regions) r.text = ownCopy(r.text);
    const fresh: EmbeddedCache = { text, language, regions };
    this.embedded.set(doc.uri, fresh);
    return fresh;
  }

  /** The strings overlapping host offsets [start, end], in document order. */
  regionsIn(doc: TextDocument, language: HostLanguage, start: number, end: number): EmbeddedRegion[] {
    if (language === 'ossproc') {
      const first = doc.positionAt(start).line;
      const last = doc.positionAt(end).line;
      const out: EmbeddedRegion[] = [];
      for (let line = first; line <= last; line++) {
        const r = this.ossprocLine(doc, line);
        if (r) out.push(r);
      }
      return out;
    }
    return this.embeddedRegions(doc, language).filter((r) => r.range.end >= start && r.range.start <= end);
  }

  /** The string holding a host offset (its ends included). */
  regionAt(doc: TextDocument, language: HostLanguage, offset: number): EmbeddedRegion | undefined {
    if (language === 'ossproc') {
      const r = this.ossprocLine(doc, doc.positionAt(offset).line);
      return r && offset >= r.range.start && offset <= r.range.end ? r : undefined;
    }
    return regionAtOffset(this.embeddedRegions(doc, language), offset);
  }

  /** The string on a line of an .ossproc document. */
  ossprocLine(doc: TextDocument, line: number): EmbeddedRegion | undefined {
    if (line < 0 || line >= doc.lineCount) return undefined;
    const start = doc.offsetAt({ line, character: 0 });
    // a string of its own: the parse cache and core's memo must not keep the document alive
    const text = ownCopy(doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }));
    return lineRegion(text, start);
  }

  /** Drops the parses shared by the documents (they may hold a closed document's long strings). */
  dropShared(): void {
    this.parses.clear();
  }

  /**
   * A parse of a string, shared by the features asked about the same text (a small LRU). Given a region, its
   * text is parsed as core's lint reads it: a value the extractor already percent-decoded is not decoded again.
   */
  parse(input: string | RegionText): ParseResult {
    const decoded = typeof input !== 'string' && input.decoded === true;
    const text = typeof input === 'string' ? input : input.text;
    const key = decoded ? `\u0000${text}` : text;
    const hit = this.parses.get(key);
    if (hit) {
      this.parses.delete(key);
      this.parses.set(key, hit);
      return hit;
    }
    const parsed = decoded ? parse(text, { percentDecode: false }) : parse(text);
    this.parses.set(key, parsed);
    if (this.parses.size > 256) this.parses.delete(this.parses.keys().next().value!);
    return parsed;
  }

  /** The check memo of a document for a check configuration (a new configuration starts afresh). */
  memo(uri: string, key: string): CheckMemo {
    const m = this.memos.get(uri);
    if (m && m.key === key) return m;
    const fresh: CheckMemo = { key, results: new Map() };
    this.memos.set(uri, fresh);
    return fresh;
  }

  /** Replaces a document's memo (after a complete run, with only the entries still in use). */
  setMemo(uri: string, memo: CheckMemo): void {
    this.memos.set(uri, memo);
  }

  /**
   * A per-document cache of results by line text, valid for one `key` (the settings it depends on); a
   * feature replaces it after a full pass so that it holds only the lines still in the document.
   */
  lineCache<T>(uri: string, kind: string, key: string): Map<string, T> {
    const id = `${kind}\u0000${uri}`;
    const c = this.lineCaches.get(id);
    if (c && c.key === key) return c.map as Map<string, T>;
    const map = new Map<string, T>();
    this.lineCaches.set(id, { key, map });
    return map;
  }

  setLineCache<T>(uri: string, kind: string, key: string, map: Map<string, T>): void {
    this.lineCaches.set(`${kind}\u0000${uri}`, { key, map });
  }

  /** Drops everything held for a closed document. */
  forget(uri: string): void {
    this.embedded.delete(uri);
    this.memos.delete(uri);
    this.lines.delete(uri);
    this.published.delete(uri);
    for (const id of [...this.lineCaches.keys()]) if (id.endsWith(`\u0000${uri}`)) this.lineCaches.delete(id);
  }
}
