import { SymbolKind, type CancellationToken, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lspRange, type ServiceContext } from './context';
import { LIMITS, hostLanguageOf } from './documents';
import { productOfStage } from './locate';
import type { Settings } from './settings';

/**
 * Document symbols of an .ossproc document: each string, its stages (`video`, `sys`) and their actions
 * (`convert`, `saveas`), for the outline and breadcrumbs. Other documents keep their own outline.
 */
export function getDocumentSymbols(ctx: ServiceContext, doc: TextDocument, settings: Settings, token?: CancellationToken): DocumentSymbol[] {
  if (hostLanguageOf(doc, settings) !== 'ossproc') return [];
  const out: DocumentSymbol[] = [];
  for (let line = 0; line < doc.lineCount && out.length < LIMITS.maxSymbols; line++) {
    if ((line & 63) === 0 && token?.isCancellationRequested) return [];
    const region = ctx.store.ossprocLine(doc, line);
    if (!region || region.text.length > LIMITS.maxRegionLength) continue;
    const parsed = ctx.store.parse(region.text);
    const range = (r: { start: number; end: number }) => lspRange(doc, region, r);
    const stages: DocumentSymbol[] = parsed.tree.stages.map((stage, i) => {
      const product = productOfStage(stage, i);
      const name = stage.product?.text || product?.name || stage.actions[0]?.name.text || '(empty stage)';
      const actions: DocumentSymbol[] = stage.actions
        .filter((a) => a.name.text !== '')
        .map((a) => ({
          name: a.name.text,
          detail: a.params.map((p) => region.text.slice(p.range.start, p.range.end)).join(','),
          kind: SymbolKind.Function,
          range: range(a.range),
          selectionRange: range(a.name.range),
        }));
      const selection = stage.product?.range ?? stage.actions[0]?.name.range ?? stage.range;
      return { name: name || '(empty stage)', kind: SymbolKind.Module, range: range(stage.range), selectionRange: range(selection), children: actions };
    });
    const label = region.text.length > 80 ? `${region.text.slice(0, 79)}…` : region.text;
    const mode = parsed.tree.prefix ? (parsed.tree.prefix.mode === 'async' ? 'async' : 'sync') : undefined;
    const whole = range({ start: 0, end: region.text.length });
    const symbol: DocumentSymbol = { name: label, kind: SymbolKind.String, range: whole, selectionRange: whole, children: stages };
    if (mode) symbol.detail = mode;
    out.push(symbol);
  }
  return out;
}
