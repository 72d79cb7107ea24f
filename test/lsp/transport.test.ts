import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertBuilt, SERVER_BIN, waitFor } from './client';

/**
 * The built server over real stdio, fed bytes no client should send: after each malformed frame it either
 * answers the next request or exits non-zero with a line saying why (so the client restarts it); it never
 * hangs deaf. A request before `initialize` gets error -32002. The command line prints its usage.
 */

interface Received {
  id?: number;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
  params?: { type?: number; message?: string };
}

function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

/** Messages in raw stdout (complete frames only). */
function parse(raw: Buffer): Received[] {
  const out: Received[] = [];
  let at = 0;
  for (;;) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const length = Number(/Content-Length: (\d+)/i.exec(raw.subarray(at, end).toString('latin1'))?.[1]);
    if (end + 4 + length > raw.length) break;
    out.push(JSON.parse(raw.subarray(end + 4, end + 4 + length).toString('utf8')) as Received);
    at = end + 4 + length;
  }
  return out;
}

class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  private chunks: Buffer[] = [];
  stderr = '';
  exit: number | null | undefined;

  constructor() {
    assertBuilt();
    this.child = spawn(process.execPath, [SERVER_BIN, '--stdio']);
    this.child.stdout.on('data', (d: Buffer) => this.chunks.push(d));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('exit', (code) => (this.exit = code));
    // a server that exits closes the pipe: writes after that must not fail the test
    this.child.stdin.on('error', () => {});
  }

  get received(): Received[] {
    return parse(Buffer.concat(this.chunks));
  }

  send(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  async initialize(): Promise<void> {
    this.send(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    await waitFor(() => this.received.some((m) => m.id === 1), 'the initialize result');
    this.send(frame({ method: 'initialized', params: {} }));
  }

  hover(id: number): void {
    this.send(frame({ id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///none.ossproc' }, position: { line: 0, character: 0 } } }));
  }

  /** Waits until the request `id` is answered or the server has exited. */
  answeredOrExited(id: number): Promise<'answered' | 'exited'> {
    return waitFor(() => (this.received.some((m) => m.id === id) ? 'answered' : this.exit !== undefined ? 'exited' : undefined), `an answer to ${id} or the exit`, 20_000);
  }

  async stop(): Promise<number | null> {
    if (this.exit !== undefined) return this.exit;
    this.send(frame({ id: 999, method: 'shutdown' }));
    await waitFor(() => this.received.some((m) => m.id === 999), 'shutdown');
    this.send(frame({ method: 'exit' }));
    return waitFor(() => (this.exit !== undefined ? { code: this.exit } : undefined), 'the exit').then((e) => e.code);
  }
}

describe('malformed frames over stdio', () => {
  it.each([
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}', 'Content-Length must be a number of bytes; got "abc"'],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', 'Content-Length must be a number of bytes; got "-5"'],
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', 'a header without Content-Length: "Content-Type: application/vscode-jsonrpc; charset=utf-8"'],
    ['a Content-Length too small for its body', 'Content-Length: 1\r\n\r\n{}', 'the body of 1 bytes is not JSON (does its Content-Length match it?): "{"'],
    ['an oversized Content-Length', 'Content-Length: 99999999999\r\n\r\n{}', 'Content-Length 99999999999 is larger than the 536870912 bytes the server reads'],
    ['a body that is not JSON', 'Content-Length: 5\r\n\r\nhello', 'the body of 5 bytes is not JSON (does its Content-Length match it?): "hello"'],
    ['bytes that are no header at all', `${'x'.repeat(9000)}`, 'no end of header (a blank line) in the first 8192 bytes'],
    ['a header line without a colon', 'Content-Length 2\r\n\r\n{}', 'not a header line: "Content-Length 2"'],
    ['an unsupported charset', 'Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{}', 'the charset latin1 is not supported (utf-8 is)'],
  ])('%s: logged, then exit 1 (the client restarts the server)', async (_name, bad, reason) => {
    const s = new RawServer();
    await s.initialize();
    s.send(bad);
    s.hover(2);
    expect(await s.answeredOrExited(2)).toBe('exited');
    expect(s.exit).toBe(1);
    const line = `ossproc-language-server: malformed message from the client: ${reason}`;
    expect(s.stderr).toContain(line);
    expect(s.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    // and the client was told, on the wire
    expect(s.received.some((m) => m.method === 'window/logMessage' && m.params?.type === 1 && m.params.message?.startsWith(line))).toBe(true);
  });

  it('a Content-Length larger than what comes: the stalled frame is given up after a few seconds, exit 1', async () => {
    const s = new RawServer();
    await s.initialize();
    s.send('Content-Length: 300\r\n\r\n{}');
    s.hover(2); // swallowed into the 300 bytes
    expect(await s.answeredOrExited(2)).toBe('exited');
    expect(s.exit).toBe(1);
    expect(s.stderr).toMatch(/malformed message from the client: an incomplete message: \d+ of the 300 bytes its Content-Length announced came, then nothing for 5 s/);
  });

  it('LF-only header lines are read (their meaning is plain): the request is answered', async () => {
    const s = new RawServer();
    await s.initialize();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///none.ossproc' }, position: { line: 0, character: 0 } } });
    s.send(`Content-Length: ${Buffer.byteLength(body)}\n\n${body}`);
    expect(await s.answeredOrExited(2)).toBe('answered');
    s.hover(3);
    expect(await s.answeredOrExited(3)).toBe('answered');
    expect(await s.stop()).toBe(0);
  });

  it('a frame split into single bytes is read', async () => {
    const s = new RawServer();
    await s.initialize();
    const bytes = frame({ id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///none.ossproc' }, position: { line: 0, character: 0 } } });
    for (const b of bytes) s.send(Buffer.from([b]));
    expect(await s.answeredOrExited(2)).toBe('answered');
    expect(await s.stop()).toBe(0);
  });
});

describe('before initialize', () => {
  it('a request gets error -32002; a notification is dropped; initialize then works', async () => {
    const s = new RawServer();
    s.send(frame({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.ossproc', languageId: 'ossproc', version: 1, text: 'video/convert,f_mp5\n' } } }));
    s.hover(7);
    await waitFor(() => s.received.some((m) => m.id === 7), 'the answer to the early request');
    expect(s.received.find((m) => m.id === 7)).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32002, message: "the server is not initialized: send 'initialize' before 'textDocument/hover'" } });
    await s.initialize();
    s.hover(8);
    expect(await s.answeredOrExited(8)).toBe('answered');
    expect(s.received.find((m) => m.id === 8)).toMatchObject({ id: 8, result: null });
    // the dropped didOpen was never diagnosed
    expect(s.received.some((m) => m.method === 'textDocument/publishDiagnostics')).toBe(false);
    expect(await s.stop()).toBe(0);
  });
});

describe('the command line', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [SERVER_BIN, ...args], { encoding: 'utf8', timeout: 20_000, input: '' });

  it('--help prints the usage, exit 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Usage: ossproc-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>');
    for (const f of ['--stdio', '--node-ipc', '--socket=<port>', '--version', '--help']) expect(r.stdout).toContain(`  ${f}`);
    expect(r.stderr).toBe('');
  });

  it('no transport: one line and the usage on stderr, exit 2, no stack trace', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('ossproc-language-server: no transport given');
    expect(r.stderr).toContain('Usage: ossproc-language-server --stdio');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('--version prints the version', () => {
    expect(run('--version').stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--socket with a bad port is one line, exit 2', () => {
    const r = run('--socket=abc');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("ossproc-language-server: --socket expects a port number (1-65535); got 'abc'\n");
  });
});
