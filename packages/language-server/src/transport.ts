import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/**
 * The server's side of the wire, made so that a client's bad bytes can neither freeze it nor leave it deaf.
 *
 * vscode-jsonrpc's stream reader, after a malformed header (`Content-Length: abc`, a negative or missing length,
 * LF-only line ends), reports an error nobody acts on and then waits for ever on a buffer it can never parse.
 * FrameReader reads the base protocol strictly and, on a frame it cannot read, calls `onMalformed` once and
 * reads no further: the server logs it and exits non-zero, so that the client restarts it (a byte stream has
 * no safe place to resynchronise at once a length is wrong). It accepts LF-only header lines, as lenient
 * readers do, since their meaning is unambiguous.
 */

/** A header block longer than this without its blank line is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
/** A frame larger than this is refused before it is buffered (a 50 MB document is a 50 MB frame). */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;
/** Part of a frame, then this long without a byte: the length was wrong (too large), or the client hung. */
export const STALL_MS = 5_000;

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

export class FrameReader extends AbstractMessageReader {
  /** The header bytes read so far. */
  private chunks: Buffer[] = [];
  private size = 0;
  /** The body length of the frame being read, or -1 while reading its header. */
  private length = -1;
  /** The body read so far, decoded, and its length in bytes. */
  private body: string[] | undefined;
  private decoder: StringDecoder | undefined;
  private received = 0;
  private stopped = false;
  private stall: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly input: Readable,
    private readonly onMalformed: (reason: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (data: Buffer) => this.onData(data, callback);
    const onEnd = () => this.fireClose();
    const onError = (e: Error) => this.fireError(e);
    this.input.on('data', onData);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    this.input.on('error', onError);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('end', onEnd);
        this.input.off('close', onEnd);
        this.input.off('error', onError);
        this.clearStall();
      },
    };
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clearStall();
    this.chunks = [];
    this.size = 0;
    this.body = this.decoder = undefined;
    this.onMalformed(reason);
  }

  private clearStall(): void {
    if (this.stall) clearTimeout(this.stall);
    this.stall = undefined;
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    return head;
  }

  private onData(data: Buffer, callback: DataCallback): void {
    if (this.stopped) return;
    this.clearStall();
    let rest: Buffer | undefined = data;
    while (!this.stopped && rest) {
      if (this.length < 0) {
        this.chunks.push(rest);
        this.size += rest.length;
        rest = undefined;
        if (!this.readHeader() || this.stopped) break;
        // the body: decoded as it comes, so that no chunk of a large message is held until its end
        this.body = [];
        this.decoder = new StringDecoder('utf8');
        this.received = 0;
        if (this.size > 0) rest = this.take(this.size);
      }
      if (rest) {
        const n = Math.min(this.length - this.received, rest.length);
        this.body!.push(this.decoder!.write(n === rest.length ? rest : rest.subarray(0, n)));
        this.received += n;
        rest = n < rest.length ? rest.subarray(n) : undefined;
      }
      if (this.received < this.length) break;
      this.body!.push(this.decoder!.end());
      const text = this.body!.join('');
      const bytes = this.length;
      this.body = this.decoder = undefined;
      this.length = -1;
      this.received = 0;
      const message = this.parse(text, bytes);
      if (message) callback(message);
    }
    const pending = this.length < 0 ? this.size : this.received;
    if (!this.stopped && (pending > 0 || this.length >= 0)) {
      const want = this.length;
      this.stall = setTimeout(() => {
        this.fail(want < 0 ? `an incomplete header (${pending} bytes), then nothing for ${STALL_MS / 1000} s` : `an incomplete message: ${pending} of the ${want} bytes its Content-Length announced came, then nothing for ${STALL_MS / 1000} s`);
      }, STALL_MS);
      this.stall.unref();
    }
  }

  /** Reads a header block if it is complete; false to wait for more bytes. */
  private readHeader(): boolean {
    const head = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.chunks = [head];
    const window = head.subarray(0, MAX_HEADER_BYTES + 4);
    let end = -1;
    let sep = 0;
    const crlf = window.indexOf('\r\n\r\n');
    const lf = window.indexOf('\n\n');
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
      end = crlf;
      sep = 4;
    } else if (lf >= 0) {
      end = lf;
      sep = 2;
    }
    if (end < 0) {
      if (head.length > MAX_HEADER_BYTES) this.fail(`no end of header (a blank line) in the first ${MAX_HEADER_BYTES} bytes: ${JSON.stringify(head.subarray(0, 60).toString('latin1'))}…`);
      return false;
    }
    const text = this.take(end + sep).subarray(0, end).toString('latin1');
    let length: number | undefined;
    for (const line of text.split(/\r?\n/)) {
      const m = HEADER_LINE.exec(line);
      if (!m) return (this.fail(`not a header line: ${JSON.stringify(line.slice(0, 80))}`), false);
      const name = m[1]!.toLowerCase();
      const value = m[2]!;
      if (name === 'content-length') {
        if (!/^\d{1,12}$/.test(value)) return (this.fail(`Content-Length must be a number of bytes; got ${JSON.stringify(value.slice(0, 40))}`), false);
        length = Number(value);
        if (length > MAX_FRAME_BYTES) return (this.fail(`Content-Length ${length} is larger than the ${MAX_FRAME_BYTES} bytes the server reads`), false);
      } else if (name === 'content-type') {
        const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.replace(/"/g, '').toLowerCase();
        if (charset && charset !== 'utf-8' && charset !== 'utf8') return (this.fail(`the charset ${charset} is not supported (utf-8 is)`), false);
      }
    }
    if (length === undefined) return (this.fail(`a header without Content-Length: ${JSON.stringify(text.slice(0, 80))}`), false);
    this.length = length;
    return true;
  }

  private parse(text: string, bytes: number): Message | undefined {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.fail(`the body of ${bytes} bytes is not JSON (does its Content-Length match it?): ${JSON.stringify(text.slice(0, 60))}`);
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(`the body is not a JSON-RPC message object: ${JSON.stringify(text.slice(0, 60))}`);
      return undefined;
    }
    return value as Message;
  }
}

interface Incoming {
  id?: number | string | null;
  method?: unknown;
}

/**
 * Before `initialize`, the spec wants requests answered with error -32002 and notifications dropped, except
 * `exit`. vscode-languageserver would run them against a server with no settings (and answer null). It also
 * records whether `shutdown` came, for the exit code when the input closes.
 */
export class InitializeGuard extends AbstractMessageReader {
  private initialized = false;
  shutdownReceived = false;

  constructor(
    private readonly reader: MessageReader,
    private readonly writer: MessageWriter,
  ) {
    super();
    reader.onError((e) => this.fireError(e));
    reader.onClose(() => this.fireClose());
    reader.onPartialMessage((p) => this.firePartialMessage(p));
  }

  listen(callback: DataCallback): Disposable {
    return this.reader.listen((message) => {
      const m = message as Incoming;
      const isRequest = typeof m.method === 'string' && m.id !== undefined && m.id !== null;
      if (m.method === 'shutdown') this.shutdownReceived = true;
      if (this.initialized || m.method === 'initialize' || m.method === 'exit' || typeof m.method !== 'string') {
        if (m.method === 'initialize') this.initialized = true;
        callback(message);
        return;
      }
      if (isRequest) {
        void this.writer.write({ jsonrpc: '2.0', id: m.id, error: { code: -32002, message: `the server is not initialized: send 'initialize' before '${m.method}'` } } as Message);
      }
    });
  }
}

/**
 * The JSON encoder of the stream writer, which writes a publishDiagnostics from each diagnostic's bytes made
 * once: after a keystroke in a large document nearly all of up to 1,000 diagnostics are the very objects
 * published before (the service keeps them with their lines), and serialising them again would cost more than
 * finding them. The bytes are those JSON.stringify gives for the whole message.
 */
export const jsonEncoder = {
  name: 'application/json',
  encode(msg: Message, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeMessage(msg, options.charset));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  },
};

const bytesOf = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');

/** The last publishDiagnostics written: its diagnostics and where each one's bytes lie in its body. */
let last: { uri: unknown; items: object[]; starts: number[]; body: Buffer } | undefined;

function encodeMessage(msg: Message, charset: BufferEncoding): Buffer {
  const m = msg as Message & { method?: unknown; params?: { uri?: unknown; diagnostics?: unknown } };
  const params = m.params;
  if (m.method !== 'textDocument/publishDiagnostics' || !params || !Array.isArray(params.diagnostics) || Object.keys(m).some((k) => k !== 'jsonrpc' && k !== 'method' && k !== 'params')) {
    return Buffer.from(JSON.stringify(msg), charset);
  }
  const { diagnostics, ...rest } = params as { diagnostics: object[] };
  // the last key of `params` is `diagnostics`, so its JSON ends with `[]}`
  const empty = JSON.stringify({ ...rest, diagnostics: [] });
  const head = Buffer.from(`{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"textDocument/publishDiagnostics","params":${empty.slice(0, -2)}`, charset);
  const body = diagnosticsBody(params.uri, diagnostics, charset);
  return Buffer.concat([head, body, Buffer.from(']}}', charset)]);
}

/**
 * The diagnostics joined by commas. After a keystroke, the list is the last one written for the document
 * with a few diagnostics changed: the bytes before and after them are copied from the last body in two
 * pieces, and only the changed ones are put in between.
 */
function diagnosticsBody(uri: unknown, items: object[], charset: BufferEncoding): Buffer {
  const bytes = (d: object) => {
    let b = bytesOf.get(d);
    if (!b) {
      b = Buffer.from(JSON.stringify(d), charset);
      bytesOf.set(d, b);
    }
    return b;
  };
  const prev = last && last.uri === uri ? last : undefined;
  const n = items.length;
  let p = 0;
  let s = 0;
  if (prev) {
    const old = prev.items;
    const max = Math.min(old.length, n);
    while (p < max && old[p] === items[p]) p++;
    while (s < max - p && old[old.length - 1 - s] === items[n - 1 - s]) s++;
  }
  const parts: Buffer[] = [];
  const starts = new Array<number>(n);
  let at = 0;
  if (prev && p > 0) {
    // items 0..p-1 with the commas between them (the body's bytes up to where item p began, less its comma)
    const end = p < prev.items.length ? prev.starts[p]! - 1 : prev.body.length;
    parts.push(prev.body.subarray(0, end));
    for (let i = 0; i < p; i++) starts[i] = prev.starts[i]!;
    at = end;
  }
  for (let i = p; i < n - s; i++) {
    if (i > 0) {
      parts.push(COMMA);
      at += 1;
    }
    const b = bytes(items[i]!);
    starts[i] = at;
    parts.push(b);
    at += b.length;
  }
  if (prev && s > 0) {
    const first = prev.items.length - s;
    if (n - s > 0) {
      parts.push(COMMA);
      at += 1;
    }
    const from = prev.starts[first]!;
    parts.push(prev.body.subarray(from));
    for (let i = 0; i < s; i++) starts[n - s + i] = at + (prev.starts[first + i]! - from);
    at += prev.body.length - from;
  }
  const body = Buffer.concat(parts, at);
  last = { uri, items: items.slice(), starts, body };
  return body;
}
