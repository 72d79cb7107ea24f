import { format } from '@ossproc/core';
import type { CancellationToken, Range as LspRange, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetRange, type ServiceContext } from './context';
import { LIMITS, hostLanguageOf } from './documents';
import type { Settings } from './settings';

/**
 * Formatting: core's `format` on each string of an .ossproc document (one per line), as one edit per line
 * that changes. Strings inside other languages are not reformatted: their host owns the layout.
 */
export function formatDocument(ctx: ServiceContext, doc: TextDocument, settings: Settings, range?: LspRange, token?: CancellationToken): TextEdit[] {
  if (hostLanguageOf(doc, settings) !== 'ossproc') return [];
  const first = range ? range.start.line : 0;
  const last = range ? Math.min(range.end.line, doc.lineCount - 1) : doc.lineCount - 1;
  const edits: TextEdit[] = [];
  for (let line = first; line <= last; line++) {
    if ((line & 63) === 0 && token?.isCancellationRequested) return [];
    const region = ctx.store.ossprocLine(doc, line);
    if (!region || region.text.length > LIMITS.maxRegionLength) continue;
    const formatted = format(ctx.store.parse(region.text));
    if (formatted !== region.text) edits.push({ range: offsetRange(doc, region.range), newText: formatted });
  }
  return edits;
}
