import { sliceRegion, toHostRange, type EmbeddedRegion, type HostLanguage, type Range } from '@ossproc/core';
import type { Position, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LIMITS, hostLanguageOf, type DocumentStore } from './documents';
import { regionIndexAt } from './mapping';
import type { Settings } from './settings';

/** What every feature function receives besides the document: the caches and what the client can do. */
export interface ServiceContext {
  store: DocumentStore;
  /** The client inserts snippets (`${1|mp4,mkv|}`). */
  snippets: boolean;
  log: (message: string) => void;
}

/** A cursor mapped into the string under it. */
export interface RegionCursor {
  language: HostLanguage;
  region: EmbeddedRegion;
  /** The cursor as an offset of `region.text`. */
  index: number;
  /** The cursor as a host offset. */
  offset: number;
}

/** The string under a position and the cursor inside it, or undefined outside any string. */
export function cursorAt(ctx: ServiceContext, doc: TextDocument, position: Position, settings: Settings): RegionCursor | undefined {
  const language = hostLanguageOf(doc, settings);
  if (!language) return undefined;
  const offset = doc.offsetAt(position);
  let region = ctx.store.regionAt(doc, language, offset);
  if (!region && language === 'ossproc' && doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).trim() === '') {
    // a blank line of an .ossproc file: a string about to be written
    region = sliceRegion('', 0, 0, offset);
  }
  if (!region || region.text.length > LIMITS.maxRegionLength) return undefined;
  const index = regionIndexAt(region, offset);
  if (index === undefined) return undefined;
  return { language, region, index, offset };
}

/** A range of the string's text as an LSP range of the document. */
export function lspRange(doc: TextDocument, region: EmbeddedRegion, r: Range): LspRange {
  const h = toHostRange(region, r);
  return { start: doc.positionAt(h.start), end: doc.positionAt(h.end) };
}

export function offsetRange(doc: TextDocument, r: Range): LspRange {
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}
