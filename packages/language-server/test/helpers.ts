import { CodeActionKind, type CompletionItem, type Diagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from '../src/service/languageService';
import { defaultSettings, type Settings } from '../src/service/settings';

/**
 * Test helpers that make the tests read like data: a cursor marker `<|>` in a text (Langium's
 * langium-test), documents by language, and completion checked by the text after the item is applied
 * (vscode-json-languageservice's resultText).
 */

export const CURSOR = '<|>';

const EXT: Record<string, string> = {
  ossproc: 'ossproc',
  java: 'java',
  python: 'py',
  go: 'go',
  javascript: 'js',
  typescript: 'ts',
  typescriptreact: 'tsx',
  json: 'json',
  jsonc: 'jsonc',
  yaml: 'yaml',
  markdown: 'md',
  html: 'html',
  plaintext: 'txt',
};

let counter = 0;

export function makeDoc(text: string, languageId = 'ossproc', uri?: string): TextDocument {
  return TextDocument.create(uri ?? `file:///work/test${++counter}.${EXT[languageId] ?? 'txt'}`, languageId, 1, text);
}

/** A document from a text holding one `<|>`: the document without the marker and the marker's position. */
export function withCursor(marked: string, languageId = 'ossproc'): { doc: TextDocument; position: Position; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error(`no ${CURSOR} in ${marked}`);
  const doc = makeDoc(marked.slice(0, offset) + marked.slice(offset + CURSOR.length), languageId);
  return { doc, position: doc.positionAt(offset), offset };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...overrides };
}

export function service(options: { snippets?: boolean } = {}): LanguageService {
  return getLanguageService({ snippets: options.snippets ?? true });
}

/** A snippet as the text it leaves: `${1|mp4,mkv|}` → mp4, `${1:x}` → x, `${1}` and `$0` → nothing. */
export function expandSnippet(s: string): string {
  return s
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '');
}

export function applyEdits(doc: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc, edits);
}

/** The document text after the completion item's edit (snippets expanded). */
export function resultText(doc: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) throw new Error(`item ${item.label} has no textEdit with a range`);
  return applyEdits(doc, [{ range: edit.range, newText: item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText }]);
}

/** The text of a document that a range covers. */
export function textAt(doc: TextDocument, range: Range): string {
  return doc.getText(range);
}

/**
 * A published diagnostic's fixes as a client gets them: textDocument/codeAction for that one diagnostic, its
 * quick fixes without the suppressions, the preferred one as the certain fix.
 */
export function quickFixes(ls: LanguageService, doc: TextDocument, d: Diagnostic, s: Settings): { title: string; certain: boolean; edits: TextEdit[] }[] {
  return ls
    .getCodeActions(doc, d.range, { diagnostics: [d], only: [CodeActionKind.QuickFix] }, s)
    .filter((a) => !/^Suppress \S+ on this line$/.test(a.title))
    .map((a) => ({ title: a.title, certain: a.isPreferred === true, edits: a.edit?.changes?.[doc.uri] ?? [] }));
}
