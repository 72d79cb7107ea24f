import fc from 'fast-check';
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamMessageReader, StreamMessageWriter, type Diagnostic, type Message, type MessageWriter } from 'vscode-languageserver-protocol/node';
import { FrameWriter, releaseFrames } from '../../packages/language-server/src/transport';

/**
 * The server's writer (FrameWriter: a publishDiagnostics joined from each diagnostic's bytes made once, the
 * unchanged runs copied from the frame before) writes byte for byte what vscode-jsonrpc's own stream writer
 * writes, and a standard StreamMessageReader reads back the very messages sent: over random sequences of
 * publishes that share diagnostics with the one before (a keystroke changes a few), with non-ASCII and lone
 * surrogates in messages and uris, and other messages between them.
 */

/**
 * A writer's stream and a StreamMessageReader on what comes out of it: in memory (a PassThrough, which hands
 * the very buffers written to its reader) or through a real pipe (`cat`: a frame's buffer may be reused once
 * its write has called back, as the server's stdout does).
 */
class Wire {
  private chunks: Buffer[] = [];
  private read: Message[] = [];
  private want = 0;
  private wake: () => void = () => {};
  readonly writer: MessageWriter;

  constructor(input: Writable, output: Readable, make: (input: Writable) => MessageWriter) {
    output.on('data', (c: Buffer) => this.chunks.push(Buffer.from(c)));
    new StreamMessageReader(output).listen((m) => {
      this.read.push(m);
      if (this.read.length >= this.want) this.wake();
    });
    this.writer = make(input);
  }

  /** The bytes written for `messages` and the messages read back. */
  async send(messages: Message[]): Promise<{ bytes: Buffer; read: Message[] }> {
    this.chunks = [];
    this.read = [];
    this.want = messages.length;
    const all = new Promise<void>((resolve) => (this.wake = resolve));
    // all written at once, as a server does (a frame's buffer is in use until its write calls back)
    await Promise.all(messages.map((m) => this.writer.write(m)));
    // (a frame the reader cannot read would leave it waiting: fail instead)
    if (messages.length) await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error(`read ${this.read.length} of ${messages.length} messages`)), 1000))]);
    return { bytes: Buffer.concat(this.chunks), read: this.read };
  }
}

const cats: ChildProcess[] = [];
afterAll(() => {
  for (const c of cats) c.kill();
});

function wires(): Record<'standard' | 'ours' | 'ours through a pipe', Wire> {
  const memory = (make: (input: Writable) => MessageWriter) => {
    const s = new PassThrough();
    return new Wire(s, s, make);
  };
  const cat = spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] });
  cats.push(cat);
  return {
    standard: memory((s) => new StreamMessageWriter(s)),
    ours: memory((s) => new FrameWriter(s)),
    'ours through a pipe': new Wire(cat.stdin!, cat.stdout!, (s) => new FrameWriter(s, { reuseBuffers: true })),
  };
}

const text = fc.string({ unit: fc.constantFrom('a', 'é', '✓', '𝄞', '"', '\\', '\n', '\u2028', '\ud800', '\udc00', 'x', ' '), maxLength: 12 });
const position = fc.record({ line: fc.nat(20_000), character: fc.nat(300) });
const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    range: fc.record({ start: position, end: position }),
    severity: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
    code: fc.constantFrom('value-out-of-range', 'mutually-exclusive', 'unknown-action'),
    codeDescription: fc.record({ href: fc.constant('https://github.com/ossproc/ossproc/blob/main/docs/rules/x.md') }),
    source: fc.constant('ossproc'),
    message: text,
    relatedInformation: fc.array(fc.record({ location: fc.record({ uri: fc.constant('file:///a.ossproc'), range: fc.record({ start: position, end: position }) }), message: text }), { maxLength: 2 }),
    tags: fc.constant([1 as const]),
    data: fc.record({ evidence: fc.constantFrom('documented', 'rejected'), source: text }),
  },
  { requiredKeys: ['range', 'severity', 'code', 'source', 'message'] },
);

/** A keystroke's change to the list: `remove` diagnostics at `at` replaced by `insert` (new objects or old ones). */
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat(4),
  insert: fc.array(fc.oneof(diagnostic, fc.nat()), { maxLength: 4 }),
  uri: fc.constantFrom('file:///a.ossproc', 'file:///a.ossproc', 'file:///b/é 𝄞.ossproc'),
  version: fc.option(fc.nat(), { nil: undefined }),
  log: fc.option(text, { nil: undefined }),
});

describe('FrameWriter', () => {
  it('writes exactly what vscode-jsonrpc writes, and a StreamMessageReader reads the messages sent', async () => {
    const w = wires();
    await fc.assert(
      fc.asyncProperty(fc.array(diagnostic, { minLength: 1, maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 10 }), fc.boolean(), async (first, edits, release) => {
        if (release) releaseFrames();
        // a list per document, each publish the list before with a few diagnostics changed (the same objects elsewhere)
        const lists = new Map<string, Diagnostic[]>();
        const messages: Message[] = [];
        for (const e of edits) {
          const list = [...(lists.get(e.uri) ?? first)];
          const inserted = e.insert.map((x) => (typeof x === 'number' ? first[x % first.length]! : x));
          list.splice(e.at % (list.length + 1), e.remove, ...inserted);
          lists.set(e.uri, list);
          const params = e.version === undefined ? { uri: e.uri, diagnostics: list } : { uri: e.uri, version: e.version, diagnostics: list };
          messages.push({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params } as Message);
          if (e.log !== undefined) messages.push({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: e.log } } as Message);
        }
        const theirs = await w.standard.send(messages);
        expect(theirs.read).toEqual(messages.map((m) => JSON.parse(JSON.stringify(m))));
        for (const wire of [w.ours, w['ours through a pipe']]) {
          const ours = await wire.send(messages);
          expect(ours.bytes.equals(theirs.bytes)).toBe(true);
          expect(ours.read).toEqual(theirs.read);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('writes a response, a request and an error as vscode-jsonrpc does', async () => {
    const messages = [
      { jsonrpc: '2.0', id: 1, result: { contents: { kind: 'markdown', value: 'é ✓ 𝄞' } } },
      { jsonrpc: '2.0', id: 'a', method: 'workspace/configuration', params: { items: [{ section: 'ossproc' }] } },
      { jsonrpc: '2.0', id: 2, error: { code: -32002, message: 'not initialized' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.ossproc', diagnostics: [] } },
    ] as unknown as Message[];
    const w = wires();
    const theirs = await w.standard.send(messages);
    for (const wire of [w.ours, w['ours through a pipe']]) {
      const ours = await wire.send(messages);
      expect(ours.bytes.toString('utf8')).toBe(theirs.bytes.toString('utf8'));
      expect(ours.read).toEqual(messages);
    }
  });

  it('reports a failed write to the connection', async () => {
    const out = new PassThrough();
    const writer = new FrameWriter(out);
    const errors: unknown[] = [];
    writer.onError(([e]) => errors.push(e.message));
    out.destroy();
    await expect(writer.write({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as Message)).rejects.toThrow();
    expect(errors.length).toBeGreaterThan(0);
  });
});
