import { format } from '@ossproc/core';
import type { CancellationToken, Range as LspRange, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetRange, type ServiceContext } from './context';
import { LIMITS, hostLanguageOf } from './documents';
import type { Settings } from './settings';

/**
 * Formatting: core's `format` on each string of an .ossproc document (one per line), as one edit per line
 * that changes. Strings inside other languages are not reformatted: their host owns the layout.
 *
 * A huge document (50 MB) takes seconds to format, so the server formats it in slices (`formatSliced`): it
 * gives the event loop back every few milliseconds, so that other requests are answered meanwhile, and stops
 * when the request is cancelled or the document changes under it (its edits would be stale).
 */

/** Lines from `first` to `last` (inclusive), or those reached before `deadline` (ms); returns the next line. */
function formatLines(ctx: ServiceContext, doc: TextDocument, first: number, last: number, edits: TextEdit[], deadline = Infinity, token?: CancellationToken): number {
  for (let line = first; line <= last; line++) {
    if ((line & 63) === 0 && (token?.isCancellationRequested || Date.now() > deadline)) return line;
    const region = ctx.store.ossprocLine(doc, line);
    if (!region || region.text.length > LIMITS.maxRegionLength) continue;
    const formatted = format(ctx.store.parse(region.text));
    if (formatted !== region.text) edits.push({ range: offsetRange(doc, region.range), newText: formatted });
  }
  return last + 1;
}

function lineSpan(doc: TextDocument, range?: LspRange): [number, number] {
  return [range ? range.start.line : 0, range ? Math.min(range.end.line, doc.lineCount - 1) : doc.lineCount - 1];
}

export function formatDocument(ctx: ServiceContext, doc: TextDocument, settings: Settings, range?: LspRange, token?: CancellationToken): TextEdit[] {
  if (hostLanguageOf(doc, settings) !== 'ossproc') return [];
  const [first, last] = lineSpan(doc, range);
  const edits: TextEdit[] = [];
  const next = formatLines(ctx, doc, first, last, edits, Infinity, token);
  return next <= last ? [] : edits;
}

/** How long one slice runs before the event loop gets its turn (ms). */
export const FORMAT_SLICE_MS = 15;

/** A turn of the event loop (macrotask: incoming messages, cancellations and changes are read in it). */
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function formatSliced(ctx: ServiceContext, doc: TextDocument, settings: Settings, range?: LspRange, token?: CancellationToken): Promise<TextEdit[]> {
  if (hostLanguageOf(doc, settings) !== 'ossproc') return [];
  const version = doc.version;
  const [first, last] = lineSpan(doc, range);
  const edits: TextEdit[] = [];
  for (let line = first; line <= last; ) {
    line = formatLines(ctx, doc, line, last, edits, Date.now() + FORMAT_SLICE_MS, token);
    if (line > last) break;
    await yieldTurn();
    if (token?.isCancellationRequested || doc.version !== version) return [];
  }
  return edits;
}
