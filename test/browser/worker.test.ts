import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, serve, type Browser, type StaticServer } from './chromium';

/**
 * The language server as the web extension runs it: its browser bundle in a Worker of a real headless
 * Chromium, spoken to over postMessage by a small JSON-RPC client in the page (the messages
 * vscode-languageclient/browser sends): initialize, open a document, diagnostics, completion, hover.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));

// the page's client: requests with ids, notifications recorded, the server's own requests answered
const PAGE = `<!doctype html><meta charset="utf-8"><title>worker</title><script>
const worker = new Worker('/server.js');
let next = 1;
const pending = new Map();
window.notifications = [];
window.serverRequests = [];
worker.onmessage = (e) => {
  const m = e.data;
  if (m.id !== undefined && m.method === undefined) { pending.get(m.id)?.(m); pending.delete(m.id); return; }
  if (m.id !== undefined) {
    window.serverRequests.push(m.method);
    const result = m.method === 'workspace/configuration' ? m.params.items.map(() => ({ rules: { 'codec-container-doubtful': 'off' } })) : null;
    worker.postMessage({ jsonrpc: '2.0', id: m.id, result });
    return;
  }
  window.notifications.push(m);
};
window.request = (method, params) => new Promise((resolve) => { const id = next++; pending.set(id, resolve); worker.postMessage({ jsonrpc: '2.0', id, method, params }); });
window.notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
</script>`;

let browser: Browser;
let site: StaticServer;
let page: Page;

const request = (method: string, params: unknown) => page.evaluate(([m, p]) => (globalThis as any).request(m, p), [method, params] as const) as Promise<{ result?: any; error?: any }>;
const notify = (method: string, params: unknown) => page.evaluate(([m, p]) => (globalThis as any).notify(m, p), [method, params] as const);

beforeAll(async () => {
  const { buildBrowserServer } = await import(join(REPO, 'packages/language-server/scripts/browser.mjs'));
  const out = join(mkdtempSync(join(tmpdir(), 'ossproc-worker-')), 'server.js');
  await buildBrowserServer(join(REPO, 'packages/language-server/src/browserMain.ts'), out);
  site = await serve({ '/index.html': PAGE, '/server.js': readFileSync(out, 'utf8') });
  browser = await launch();
  page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.url}/`);
  if (errors.length) throw new Error(errors.join('\n'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the language server in a browser worker', () => {
  it('initializes, diagnoses an opened document, completes and hovers', async () => {
    const init = await request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, publishDiagnostics: { dataSupport: true } } },
      initializationOptions: { debounceMs: 0 },
    });
    expect(init.result.serverInfo.name).toBe('ossproc-language-server');
    expect(init.result.capabilities.completionProvider.triggerCharacters).toEqual(['/', ',', '_', '|']);
    await notify('initialized', {});

    const uri = 'vscode-test-web://mount/presets.ossproc';
    const text = 'video/convert,f_mp4,vcodec_h264,fps_241\nvideo/convert,f_avi,vcodec_h265\nimage/resize,w_100\n';
    await notify('textDocument/didOpen', { textDocument: { uri, languageId: 'ossproc', version: 1, text } });
    const published = await page.waitForFunction((u) => (globalThis as any).notifications.find((n: any) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === u)?.params, uri, { timeout: 15_000 });
    const diagnostics = ((await published.jsonValue()) as { diagnostics: { code: string; message: string; range: unknown; severity: number; data?: object }[] }).diagnostics;
    // the client's settings turned codec-container-doubtful off (for f_avi with h265)
    expect(diagnostics.map((d) => [d.code, d.message, d.range, d.severity])).toEqual([
      ['value-out-of-range', 'fps_241: fps must be between 0 and 240', { start: { line: 0, character: 32 }, end: { line: 0, character: 39 } }, 1],
    ]);
    expect(await page.evaluate(() => (globalThis as any).serverRequests)).toContain('workspace/configuration');
    // the fixes stay in the server (data holds what hover shows); the quick fix comes through codeAction
    expect(Object.keys(diagnostics[0]!.data!).sort()).toEqual(['evidence', 'source']);
    const actions = await request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics: [diagnostics[0]], only: ['quickfix'] } });
    expect(actions.result.map((a: { title: string; edit: unknown }) => [a.title, a.edit])).toEqual([
      ["Change to 'fps_240'", { changes: { [uri]: [{ range: { start: { line: 0, character: 36 }, end: { line: 0, character: 39 } }, newText: '240' }] } }],
      ['Suppress value-out-of-range on this line', expect.anything()],
    ]);

    const completion = await request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 13 } });
    const labels = completion.result.items.map((i: { label: string }) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['w', 'h', 'm', 'l', 's']));

    const hover = await request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 34 } });
    expect(hover.result.contents.value).toContain('**fps** — video/convert');
    expect(hover.result.contents.value).toContain('Range: 0–240');

    const shutdown = await request('shutdown', null);
    expect(shutdown.error).toBeUndefined();
  });
});
