import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { linter, type Action, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { hoverTooltip, type EditorView } from '@codemirror/view';
import { defaultSettings, getLanguageService } from '@ossproc/language-server/service';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, TextEdit } from 'vscode-languageserver-types';

/**
 * CodeMirror on the ossproc language service, the same service the language server runs: diagnostics with
 * their quick fixes, completion and hover, all computed from an LSP document of the editor's text.
 */

const URI = 'file:///playground.ossproc';
const service = getLanguageService({ snippets: false });
const settings = defaultSettings();

let last: TextDocument | undefined;

/** The editor's text as the service's document (one per text, so the service's caches stay warm). */
function documentOf(text: string): TextDocument {
  if (last?.getText() !== text) last = TextDocument.create(URI, 'ossproc', (last?.version ?? 0) + 1, text);
  return last;
}

function apply(view: EditorView, doc: TextDocument, edits: TextEdit[]): void {
  // a fix computed for an older text is not applied to a newer one
  if (view.state.doc.toString() !== doc.getText()) return;
  view.dispatch({ changes: edits.map((e) => ({ from: doc.offsetAt(e.range.start), to: doc.offsetAt(e.range.end), insert: e.newText })) });
}

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

const diagnostics = linter(
  (view) => {
    const doc = documentOf(view.state.doc.toString());
    return service.doValidation(doc, settings, { budgetMs: Infinity }).diagnostics.map((d): EditorDiagnostic => {
      const actions: Action[] = service
        .getCodeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] }, settings)
        .flatMap((a) => {
          const edits = a.edit?.changes?.[URI];
          return edits ? [{ name: a.title, apply: (v: EditorView) => apply(v, doc, edits) }] : [];
        });
      const out: EditorDiagnostic = { from: doc.offsetAt(d.range.start), to: doc.offsetAt(d.range.end), severity: SEVERITY[d.severity ?? 1], message: typeof d.message === 'string' ? d.message : d.message.value, source: String(d.code ?? 'ossproc'), actions };
      if (d.tags?.includes(1)) out.markClass = 'cm-unnecessary';
      return out;
    });
  },
  { delay: 120 },
);

/** Markdown as readable text (the docs use only emphasis, code and lists). */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>');
}

function docElement(markdown: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'hover-doc';
  el.textContent = plainText(markdown);
  return el;
}

function completions(ctx: CompletionContext): CompletionResult | null {
  const doc = documentOf(ctx.state.doc.toString());
  const items = service.doComplete(doc, doc.positionAt(ctx.pos), settings).items;
  if (items.length === 0) return null;
  let from = ctx.pos;
  const options = items.map((item): Completion => {
    const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
    const start = edit ? doc.offsetAt(edit.range.start) : ctx.pos;
    const end = edit ? doc.offsetAt(edit.range.end) : ctx.pos;
    from = Math.min(from, start);
    const insert = edit?.newText ?? item.insertText ?? item.label;
    const documentation = typeof item.documentation === 'string' ? item.documentation : (item.documentation as MarkupContent | undefined)?.value;
    const option: Completion = {
      label: item.label,
      // the service's own range (the whole word), stretched to what was typed since it was asked
      apply: (view, _completion, _from, to) => view.dispatch({ changes: { from: start, to: Math.max(to, end), insert }, selection: { anchor: start + insert.length } }),
    };
    if (item.detail) option.detail = item.detail;
    if (documentation) option.info = () => docElement(documentation);
    return option;
  });
  return { from, options, filter: true };
}

const hover = hoverTooltip((view, pos) => {
  const doc = documentOf(view.state.doc.toString());
  const h = service.doHover(doc, doc.positionAt(pos), settings);
  if (!h) return null;
  const value = typeof h.contents === 'string' ? h.contents : 'value' in h.contents ? h.contents.value : '';
  return { pos: h.range ? doc.offsetAt(h.range.start) : pos, end: h.range ? doc.offsetAt(h.range.end) : pos, above: true, create: () => ({ dom: docElement(value) }) };
});

export const ossproc = [diagnostics, autocompletion({ override: [completions], activateOnTyping: true }), hover];
