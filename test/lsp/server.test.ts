import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionList, Diagnostic, Hover, InlayHint, MarkupContent, Position, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, waitFor } from './client';

/**
 * The built server over a real stdio JSON-RPC connection: diagnostics pushed on open and change,
 * completion, hover, a quick fix applied and re-diagnosed, live settings, commands, and a server that
 * survives a throwing request.
 */

// the seed's Java sample, as the main job lints it
const JAVA = readFileSync(new URL('../../examples/sdk/Demo.java', import.meta.url), 'utf8');
const OSSPROC_URI = 'file:///virtual/presets.ossproc';
const JAVA_URI = 'file:///virtual/Demo.java';
const OSSPROC = [
  '# presets',
  'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA',
  'video/covert,f_mp4|sys/saveas,o_b3V0Lm1wNA',
  'video/convert,f_mp4,acodec_aac,aq_80,ab_100000|sys/saveas,o_b3V0Lm1wNA',
  '',
].join('\n');

/** Applies LSP edits to a text (for checking what the client would see). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ settings: {} });
  await client.open(OSSPROC_URI, 'ossproc', OSSPROC);
  await client.open(JAVA_URI, 'java', JAVA);
});

afterAll(async () => {
  const code = await client?.stop();
  expect(code).toBe(0);
});

describe('the server over stdio', () => {
  it('announces its features', () => {
    const caps = client.initializeResult.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.completionProvider?.triggerCharacters).toEqual(['/', ',', '_', '|']);
    expect(caps.hoverProvider).toBe(true);
    expect(caps.codeActionProvider).toMatchObject({ codeActionKinds: ['quickfix', 'source.fixAll.ossproc'] });
    expect(caps.inlayHintProvider).toBeTruthy();
    expect(caps.semanticTokensProvider).toMatchObject({ documentSelector: [{ language: 'ossproc' }, { pattern: '**/*.ossproc' }] });
    expect(caps.executeCommandProvider?.commands).toEqual(['ossproc.server.explain', 'ossproc.server.decodeValue', 'ossproc.server.insertSaveasTarget']);
    expect(client.initializeResult.serverInfo?.name).toBe('ossproc-language-server');
  });

  it('pushes diagnostics for an .ossproc document on open', async () => {
    const { diagnostics } = await client.diagnosticsFor(OSSPROC_URI, 1);
    const codes = diagnostics.map((d) => [d.code, d.range.start.line]);
    expect(codes).toContainEqual(['unknown-action', 2]);
    expect(codes).toContainEqual(['mutually-exclusive', 3]);
    const exclusive = diagnostics.find((d) => d.code === 'mutually-exclusive')!;
    expect(exclusive.source).toBe('ossproc');
    expect(exclusive.codeDescription?.href).toMatch(/mutually-exclusive\.md$/);
    expect(exclusive.relatedInformation?.[0]?.location.range.start).toEqual({ line: 3, character: 31 });
  });

  it("pushes diagnostics for the documentation's Java sample, inside the string literal", async () => {
    const { diagnostics } = await client.diagnosticsFor(JAVA_URI, 1);
    expect(diagnostics.map((d) => d.code)).toEqual(['codec-container-doubtful']);
    const d = diagnostics[0]!;
    const line = JAVA.split('\n')[d.range.start.line]!;
    expect(line.slice(d.range.start.character, d.range.end.character)).toBe('vcodec_h265');
  });

  it('completes, with edits that give the expected text', async () => {
    const line = 1;
    const text = OSSPROC.split('\n')[line]!;
    const character = text.indexOf('vcodec_h265') + 'vcodec_h2'.length;
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: OSSPROC_URI }, position: { line, character } });
    const item = list.items.find((i) => i.label === 'h264')!;
    const edit = item.textEdit as TextEdit;
    expect(applyEdits(text, [{ ...edit, range: { start: { ...edit.range.start, line: 0 }, end: { ...edit.range.end, line: 0 } } }])).toBe(text.replace('vcodec_h265', 'vcodec_h264'));
    // inside the Java string too
    const jl = JAVA.split('\n').findIndex((l) => l.includes('video/convert'));
    const jc = JAVA.split('\n')[jl]!.indexOf('f_avi') + 2;
    const java = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: JAVA_URI }, position: { line: jl, character: jc } });
    expect(java.items.map((i) => i.label)).toContain('mkv');
  });

  it('hovers', async () => {
    const text = OSSPROC.split('\n')[1]!;
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: OSSPROC_URI }, position: { line: 1, character: text.indexOf('b3V0YnVja2V0') + 3 } });
    expect((hover.contents as MarkupContent).value).toContain('→ `outbucket`');
  });

  it('gives inlay hints', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: OSSPROC_URI }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } });
    expect(hints.map((h) => h.label)).toEqual(expect.arrayContaining(['= 2 Mbit/s', '→ outbucket', '→ out.mp4']));
  });

  it('applies a quick fix and re-diagnoses the new version', async () => {
    const before = await client.diagnosticsFor(OSSPROC_URI);
    const target = before.diagnostics.find((d) => d.code === 'unknown-action')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: OSSPROC_URI },
      range: target.range,
      context: { diagnostics: [target] },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.title).toBe("Replace with 'convert'");
    const edits = fix.edit!.changes![OSSPROC_URI]!;
    const version = await client.change(OSSPROC_URI, edits.map((e) => ({ range: e.range, text: e.newText })));
    const after = await client.diagnosticsFor(OSSPROC_URI, version);
    expect(after.diagnostics.map((d) => d.code)).not.toContain('unknown-action');
    expect(after.diagnostics.map((d) => d.code)).toContain('mutually-exclusive');
  });

  it('applies settings live: didChangeConfiguration, then workspace/configuration is asked again', async () => {
    const asked = client.configurationRequests;
    client.settings = { rules: { 'codec-container-doubtful': 'off', 'mutually-exclusive': 'warn' } };
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(() => client.published.slice(before).some((p) => p.uri === JAVA_URI) && client.published.slice(before).some((p) => p.uri === OSSPROC_URI), 're-diagnosis');
    expect(client.configurationRequests).toBeGreaterThan(asked);
    const java = client.published.slice(before).filter((p) => p.uri === JAVA_URI).pop()!;
    expect(java.diagnostics).toEqual([]);
    const ossproc = client.published.slice(before).filter((p) => p.uri === OSSPROC_URI).pop()!;
    expect(ossproc.diagnostics.find((d: Diagnostic) => d.code === 'mutually-exclusive')?.severity).toBe(2);
    client.settings = {};
    const again = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(() => client.published.slice(again).some((p) => p.uri === JAVA_URI && p.diagnostics.length === 1), 'diagnostics back');
  });

  it('runs the commands on the server', async () => {
    const explained = await client.request<{ markdown: string }>('workspace/executeCommand', { command: 'ossproc.server.explain', arguments: [OSSPROC_URI, { line: 1, character: 3 }] });
    expect(explained.markdown).toContain('## 1. video/convert');
    const text = OSSPROC.split('\n')[1]!;
    const decoded = await client.request<{ decoded: string }>('workspace/executeCommand', {
      command: 'ossproc.server.decodeValue',
      arguments: [OSSPROC_URI, { line: 1, character: text.indexOf('o_b3V0') + 4 }],
    });
    expect(decoded.decoded).toBe('out.mp4');
    const inserted = await client.request<{ applied: boolean }>('workspace/executeCommand', {
      command: 'ossproc.server.insertSaveasTarget',
      arguments: [OSSPROC_URI, { line: 1, character: 3 }, 'mybucket', 'out/{autoext}'],
    });
    expect(inserted.applied).toBe(true);
    expect(JSON.stringify(client.appliedEdits.at(-1))).toContain('saveas,b_bXlidWNrZXQ,o_b3V0L3thdXRvZXh0fQ');
  });

  it('survives a throwing request: logs it, answers empty, keeps serving', async () => {
    const logged = client.logs.length;
    const bad = await client.request<unknown>('textDocument/hover', { textDocument: { uri: OSSPROC_URI }, position: null });
    expect(bad).toBeNull();
    const badCompletion = await client.request<unknown>('textDocument/completion', { textDocument: { uri: OSSPROC_URI } });
    expect(badCompletion).toBeNull();
    await waitFor(() => client.logs.slice(logged).some((l) => l.message.includes('hover failed')), 'the error in the log');
    const good = await client.request<Hover>('textDocument/hover', { textDocument: { uri: OSSPROC_URI }, position: { line: 1, character: 2 } });
    expect((good.contents as MarkupContent).value).toContain('**video**');
    expect(client.child.exitCode).toBeNull();
  });

  it('answers empty for documents it does not hold and clears diagnostics on close', async () => {
    expect(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nope.ossproc' }, position: { line: 0, character: 0 } })).toBeNull();
    const before = client.published.length;
    await client.close(JAVA_URI);
    await waitFor(() => client.published.slice(before).some((p) => p.uri === JAVA_URI && p.diagnostics.length === 0), 'cleared diagnostics');
  });
});

describe('the server over node IPC', () => {
  it('serves the same features', async () => {
    const ipc = await LspClient.start({ transport: 'ipc', initializationOptions: { debounceMs: 0, settings: {} } });
    try {
      await ipc.open('file:///ipc.ossproc', 'ossproc', 'video/convert,f_mp5\n');
      const { diagnostics } = await ipc.diagnosticsFor('file:///ipc.ossproc', 1);
      expect(diagnostics.map((d) => d.code)).toContain('unknown-value');
      const hover = await ipc.request<Hover>('textDocument/hover', { textDocument: { uri: 'file:///ipc.ossproc' }, position: { line: 0, character: 8 } });
      expect((hover.contents as MarkupContent).value).toContain('**video/convert**');
    } finally {
      expect(await ipc.stop()).toBe(0);
    }
  });
});

describe('a client without workspace/configuration', () => {
  it('takes the settings from initializationOptions and from didChangeConfiguration', async () => {
    const c = await LspClient.start({ capabilities: {}, initializationOptions: { debounceMs: 0, settings: { mode: 'sync' } } });
    try {
      await c.open('file:///p.ossproc', 'ossproc', 'video/convert,f_mp4\n');
      expect((await c.diagnosticsFor('file:///p.ossproc', 1)).diagnostics.map((d) => d.code)).toContain('async-only');
      const before = c.published.length;
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ossproc: { mode: 'async' } } });
      await waitFor(() => c.published.slice(before).find((p) => p.uri === 'file:///p.ossproc'), 're-diagnosis');
      const last = c.published.filter((p) => p.uri === 'file:///p.ossproc').pop()!;
      expect(last.diagnostics.map((d) => d.code)).not.toContain('async-only');
      expect(c.configurationRequests).toBe(0);
    } finally {
      await c.stop();
    }
  });
});

describe('large documents over stdio', () => {
  it('a 10 MB document and a 100,000-character line neither hang nor crash the server', async () => {
    const c = await LspClient.start({ initializationOptions: { debounceMs: 0 }, settings: {} });
    try {
      const line = 'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000|sys/saveas,o_b3V0Lm1wNA';
      const lines = Math.ceil(10_000_000 / (line.length + 1));
      // every line different, so that nothing comes from the memo
      const big = `${Array.from({ length: lines }, (_, i) => (i % 1000 === 7 ? line.replace('fps_30', 'fps_241') : line).replace('vb_2000000', `vb_${2_000_000 + i}`)).join('\n')}\n`;
      await c.open('file:///big.ossproc', 'ossproc', big);
      const long = `video/convert,f_mp4,${Array.from({ length: 10_000 }, (_, i) => `vcodec_h26${i % 10}`).join(',')}`.slice(0, 100_000);
      await c.open('file:///long.ossproc', 'ossproc', `${long}\nvideo/convert,f_mp5\n`);
      // served while the big one is being checked in slices
      const t0 = Date.now();
      const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: 'file:///big.ossproc' }, position: { line: 5000, character: 8 } });
      expect((hover.contents as MarkupContent).value).toContain('**video/convert**');
      expect(Date.now() - t0).toBeLessThan(1500);
      const long1 = await c.diagnosticsFor('file:///long.ossproc', 1);
      // checked as the CLI checks a line (up to 1 MiB): its findings fill the cap before line 1 is reached
      expect(new Set(long1.diagnostics.map((d) => d.range.start.line))).toEqual(new Set([0]));
      expect(long1.diagnostics).toHaveLength(1000);
      await waitFor(() => c.published.filter((p) => p.uri === 'file:///big.ossproc').some((p) => p.diagnostics.some((d) => d.range.start.line === (lines - 1) - ((lines - 1 - 7) % 1000))), 'diagnostics down to the last error line', 60_000);
      const version = await c.change('file:///big.ossproc', [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'x' }]);
      const after = await c.diagnosticsFor('file:///big.ossproc', version);
      expect(after.diagnostics.some((d) => d.range.start.line === 10)).toBe(true);
      expect(c.child.exitCode).toBeNull();
    } finally {
      expect(await c.stop()).toBe(0);
    }
  }, 120_000);
});
