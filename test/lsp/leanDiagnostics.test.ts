import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './client';

/**
 * Over a real stdio connection to the built server: a published diagnostic carries what a client shows and
 * nothing more (no fixes in `data`: the server keeps them, as vscode-eslint does), and its quick fixes arrive
 * through textDocument/codeAction — also when the client asks with a diagnostic of the previous version's
 * publish, after an edit elsewhere in the document (the fix then edits the text where it is now).
 */

let client: LspClient;
beforeAll(async () => {
  client = await LspClient.start({ settings: {} });
});
afterAll(async () => {
  await client?.stop();
});

const SHOWN = ['code', 'codeDescription', 'data', 'message', 'range', 'relatedInformation', 'severity', 'source', 'tags'];

function expectLean(published: PublishDiagnosticsParams): void {
  expect(published.diagnostics.length).toBeGreaterThan(0);
  for (const d of published.diagnostics) {
    expect(Object.keys(d).filter((k) => !SHOWN.includes(k))).toEqual([]);
    expect(Object.keys(d.data as object).sort()).toEqual(['evidence', 'source']);
  }
}

/** The quick fixes offered for one diagnostic, as [title, preferred], and the text each one leaves. */
async function quickFixes(uri: string, text: string, d: Diagnostic): Promise<{ title: string; preferred: boolean; result: string }[]> {
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const doc = TextDocument.create(uri, 'x', 0, text);
  return actions
    .filter((a) => !a.title.startsWith('Suppress '))
    .map((a) => ({ title: a.title, preferred: a.isPreferred === true, result: TextDocument.applyEdits(doc, a.edit!.changes![uri]!) }));
}

/** Opens a document, returns its first publish and the diagnostic with `code`. */
async function opened(uri: string, languageId: string, text: string, code: string) {
  await client.open(uri, languageId, text);
  const published = await client.diagnosticsFor(uri, 1);
  expectLean(published);
  const d = published.diagnostics.find((x) => x.code === code)!;
  expect(d).toBeDefined();
  return d;
}

describe('lean diagnostics: fixes stay in the server', () => {
  const TEXT = 'image/resize,w_100\n# a comment\nvideo/covert,f_mp4\nimage/resize,w_200\n';
  const FIXED = 'image/resize,w_100\n# a comment\nvideo/convert,f_mp4\nimage/resize,w_200\n';

  it('.ossproc: a published diagnostic has no fixes in data; its quick fix arrives through codeAction', async () => {
    const uri = 'file:///virtual/lean-a.ossproc';
    const d = await opened(uri, 'ossproc', TEXT, 'unknown-action');
    expect(await quickFixes(uri, TEXT, d)).toEqual([{ title: "Replace with 'convert'", preferred: true, result: FIXED }]);
    const mp5 = 'video/convert,f_mp5\n';
    const uri2 = 'file:///virtual/lean-b.ossproc';
    const v = await opened(uri2, 'ossproc', mp5, 'unknown-value');
    expect(await quickFixes(uri2, mp5, v)).toEqual([
      { title: "Replace with 'mp4'", preferred: false, result: 'video/convert,f_mp4\n' },
      { title: "Replace with 'mp3'", preferred: false, result: 'video/convert,f_mp3\n' },
    ]);
  });

  it('.ossproc: the previous publish diagnostic still gets its fix after an edit on another line, and after lines are inserted above it', async () => {
    const uri = 'file:///virtual/lean-c.ossproc';
    const d = await opened(uri, 'ossproc', TEXT, 'unknown-action');
    // an edit on the last line, asked before the new version's publish is awaited
    await client.change(uri, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 17 } }, text: '3' }]);
    const v2 = TEXT.replace('w_200', 'w_300');
    expect(await quickFixes(uri, v2, d)).toEqual([{ title: "Replace with 'convert'", preferred: true, result: v2.replace('covert', 'convert') }]);
    expectLean(await client.diagnosticsFor(uri, 2));
    // two lines inserted at the top: the v2 diagnostic names line 2, the string is now on line 4
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'image/resize,w_1\nimage/resize,w_2\n' }]);
    const v3 = `image/resize,w_1\nimage/resize,w_2\n${v2}`;
    expect(await quickFixes(uri, v3, d)).toEqual([{ title: "Replace with 'convert'", preferred: true, result: v3.replace('covert', 'convert') }]);
    const now = await client.diagnosticsFor(uri, 3);
    expect(now.diagnostics.find((x) => x.code === 'unknown-action')!.range.start.line).toBe(4);
    // an edit of the diagnostic's own string: the old diagnostic no longer names it, so no fix edits it
    await client.change(uri, [{ range: { start: { line: 4, character: 6 }, end: { line: 4, character: 12 } }, text: 'covvert' }]);
    const v4 = v3.replace('covert', 'covvert');
    expect(await quickFixes(uri, v4, d)).toEqual([]);
  });

  it('Java: the same, the fix following the string when the code before it changes', async () => {
    const uri = 'file:///virtual/Lean.java';
    const text = 'class A {\n  String s = "video/covert,f_mp4";\n}\n';
    const d = await opened(uri, 'java', text, 'unknown-action');
    expect(await quickFixes(uri, text, d)).toEqual([{ title: "Replace with 'convert'", preferred: true, result: text.replace('covert', 'convert') }]);
    // code inserted before the string on its line: the old diagnostic's range names the old place
    await client.change(uri, [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: 'final ' }]);
    const v2 = text.replace('  String', '  final String');
    expect(await quickFixes(uri, v2, d)).toEqual([{ title: "Replace with 'convert'", preferred: true, result: v2.replace('covert', 'convert') }]);
    expectLean(await client.diagnosticsFor(uri, 2));
    // the string itself edited: no fix from the old diagnostic
    await client.change(uri, [{ range: { start: { line: 1, character: 28 }, end: { line: 1, character: 28 } }, text: 'v' }]);
    const v3 = v2.replace('covert', 'covvert');
    expect(v3).not.toBe(v2);
    expect(await quickFixes(uri, v3, d)).toEqual([]);
  });
});
