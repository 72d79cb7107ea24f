import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { assertBuilt, SERVER_BIN, waitFor } from './client';

/**
 * stdout is the wire of a stdio server: everything on it must be a framed JSON-RPC message. A session that
 * exercises diagnostics, completion, an error in a handler and shutdown is read byte by byte.
 */

/** Splits raw stdout into messages; throws on anything that is not `Content-Length: n\r\n\r\n<n bytes of JSON>`. */
function frames(raw: Buffer, complete = true): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  while (at < raw.length) {
    const headerEnd = raw.indexOf('\r\n\r\n', at);
    if (headerEnd < 0 && !complete) break;
    if (headerEnd < 0) throw new Error(`stray bytes on stdout: ${JSON.stringify(raw.subarray(at).toString())}`);
    const headers = raw.subarray(at, headerEnd).toString('ascii').split('\r\n');
    const length = headers.map((h) => /^Content-Length: (\d+)$/i.exec(h)).find(Boolean);
    for (const h of headers) if (!/^Content-(Length|Type): /i.test(h)) throw new Error(`not a header: ${JSON.stringify(h)}`);
    if (!length) throw new Error(`no Content-Length in ${JSON.stringify(headers)}`);
    const start = headerEnd + 4;
    const end = start + Number(length[1]);
    if (end > raw.length && !complete) break;
    if (end > raw.length) throw new Error('truncated message');
    const message = JSON.parse(raw.subarray(start, end).toString('utf8')) as { jsonrpc?: string };
    expect(message.jsonrpc).toBe('2.0');
    out.push(message);
    at = end;
  }
  return out;
}

describe('stdout', () => {
  it('carries only protocol messages', async () => {
    assertBuilt();
    const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const writer = new StreamMessageWriter(child.stdin);
    const send = (m: object) => writer.write({ jsonrpc: '2.0', ...m } as never);
    const received = (complete = false) => frames(Buffer.concat(chunks), complete) as { id?: number; method?: string }[];

    await send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } } });
    await waitFor(() => received().some((m) => m.id === 1), 'initialize result');
    await send({ method: 'initialized', params: {} });
    await send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.ossproc', languageId: 'ossproc', version: 1, text: 'video/convert,f_mp5\n' } } });
    await send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///A.java', languageId: 'java', version: 1, text: 'String s = "video/convert,f_avi,vcodec_h265";' } } });
    await send({ id: 2, method: 'textDocument/completion', params: { textDocument: { uri: 'file:///a.ossproc' }, position: { line: 0, character: 16 } } });
    await send({ id: 3, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a.ossproc' }, position: null } });
    await send({ id: 4, method: 'no/such/method', params: {} });
    await waitFor(() => {
      const ms = received();
      return [2, 3, 4].every((id) => ms.some((m) => m.id === id)) && ms.filter((m) => m.method === 'textDocument/publishDiagnostics').length >= 2;
    }, 'answers and diagnostics');
    await send({ id: 5, method: 'shutdown' });
    await waitFor(() => received().some((m) => m.id === 5), 'shutdown');
    await send({ method: 'exit' });
    expect(await exited).toBe(0);
    const all = received(true);
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(all.some((m) => m.method === 'window/logMessage')).toBe(true);
  });
});
