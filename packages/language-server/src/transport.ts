import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AbstractMessageReader, AbstractMessageWriter, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

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
 * The server's writer of the base protocol: each message is one frame, `Content-Length: N\r\n\r\n` and the
 * message's JSON (as JSON.stringify gives it, UTF-8), written in one piece as soon as it is sent: no queue,
 * no turn of the event loop (vscode-jsonrpc's stream writer waits one, then writes the header and the body
 * separately). A publishDiagnostics is written from each diagnostic's bytes made once (`encodeFrame`).
 */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  /**
   * `reuseBuffers`: the output has taken the bytes once it calls back, as Node's own handles do (a pipe, a
   * socket, a file: the bytes are in the kernel), so that a frame's buffer may be built in again. A stream
   * made in JavaScript (a PassThrough, a Duplex) may still hold the very buffer then, and gets a new one for
   * every frame.
   */
  constructor(
    private readonly output: Writable,
    private readonly options: { reuseBuffers?: boolean } = {},
  ) {
    super();
    output.on('error', (e: Error) => this.fireError(e));
    output.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: Frame;
    try {
      frame = encodeFrame(msg, this.options.reuseBuffers === true);
    } catch (e) {
      this.fireError(e, msg, ++this.errorCount);
      return Promise.reject(e as Error);
    }
    return new Promise((resolve, reject) => {
      this.output.write(frame.bytes, (error) => {
        frame.done();
        if (error) {
          this.fireError(error, msg, ++this.errorCount);
          reject(error);
        } else {
          this.errorCount = 0;
          resolve();
        }
      });
    });
  }

  end(): void {
    this.output.end();
  }
}

/** A frame to write, and what to call once it is written (its buffer may then be reused). */
export interface Frame {
  bytes: Buffer;
  done(): void;
}

const NOTHING = () => {};

/**
 * The frame of a message. A publishDiagnostics is written from each diagnostic's bytes made once: after a
 * keystroke in a large document nearly all of its up to 1,000 diagnostics are the very objects published
 * before (the service keeps them with their lines), and serialising them again would cost more than the
 * rest of the keystroke. The bytes before and after the changed ones are copied from the last frame in two
 * pieces; with `reuse`, into one of two buffers used in turn, each taken again once its frame is written
 * (`done`) and no longer the last (no allocation of ~250 KB per keystroke). The body is byte for byte what
 * JSON.stringify gives for the message; a message of any other shape is just that.
 */
export function encodeFrame(msg: Message, reuse = false): Frame {
  const diagnostics = publishedList(msg);
  if (!diagnostics) {
    const json = JSON.stringify(msg);
    const length = Buffer.byteLength(json, 'utf8');
    const header = `Content-Length: ${length}\r\n\r\n`;
    const bytes = Buffer.allocUnsafe(header.length + length);
    bytes.write(header, 0, 'latin1');
    bytes.write(json, header.length, 'utf8');
    return { bytes, done: NOTHING };
  }
  return publishFrame(msg as PublishMessage, diagnostics, reuse);
}

interface PublishMessage {
  jsonrpc: string;
  method: 'textDocument/publishDiagnostics';
  params: { uri: string; diagnostics: object[] };
}

/**
 * The diagnostics of a publishDiagnostics whose JSON is its head, the diagnostics and `]}}`: keys in the
 * order jsonrpc, method, params, with `diagnostics` the last key of params, each diagnostic an object;
 * else undefined (JSON.stringify writes it).
 */
function publishedList(msg: Message): object[] | undefined {
  const m = msg as Partial<PublishMessage>;
  if (m.method !== 'textDocument/publishDiagnostics') return undefined;
  const params = m.params;
  if (typeof params !== 'object' || params === null || !Array.isArray(params.diagnostics) || typeof m.jsonrpc !== 'string') return undefined;
  const keys = Object.keys(m);
  if (keys.length !== 3 || keys[0] !== 'jsonrpc' || keys[1] !== 'method' || keys[2] !== 'params') return undefined;
  const inner = Object.keys(params);
  if (inner[inner.length - 1] !== 'diagnostics' || typeof (params as { toJSON?: unknown }).toJSON === 'function') return undefined;
  const list = params.diagnostics;
  for (let i = 0; i < list.length; i++) {
    const d = list[i] as { toJSON?: unknown } | null;
    // (toJSON is called with the item's index inside the array, but with '' alone)
    if (typeof d !== 'object' || d === null || typeof d.toJSON === 'function') return undefined;
  }
  return list;
}

/**
 * A buffer frames are built in; `holds` counts a write in flight and being the last frame (copied from);
 * `generation` is the pool's when it was made (one made before releaseFrames is not taken back).
 */
interface Slot {
  buffer: Buffer;
  holds: number;
  generation: number;
}

const bytesOf = new WeakMap<object, Buffer>();
const COMMA = 0x2c;
const TAIL = Buffer.from(']}}');

/** Free buffers (at most two: one being written or copied from, one to build in). */
let free: Slot[] = [];
let generation = 0;

/**
 * The last publishDiagnostics written: its uri, diagnostics, the offset of each one's bytes in its body,
 * and where its body lies in its slot's buffer.
 */
let last: { uri: string; items: object[]; starts: number[]; slot: Slot; from: number; to: number } | undefined;

function release(slot: Slot): void {
  if (--slot.holds === 0 && slot.generation === generation && free.length < 2) free.push(slot);
}

/**
 * A buffer of at least `size` bytes: a free one, else a new one (a little larger, for the next keystroke);
 * without `reuse`, a new one that is never taken back.
 */
function slotFor(size: number, reuse: boolean): Slot {
  if (!reuse) return { buffer: Buffer.allocUnsafe(size), holds: 0, generation: -1 };
  for (let i = 0; i < free.length; i++) {
    const slot = free[i]!;
    // one far too large (a huge publish long ago) is let go rather than kept
    if (slot.buffer.length >= size && (slot.buffer.length <= 4 * size || slot.buffer.length <= 1 << 20)) {
      free.splice(i, 1);
      return slot;
    }
  }
  free = free.filter((s) => s.buffer.length >= size);
  return { buffer: Buffer.allocUnsafe(Math.max(4096, size + (size >> 3))), holds: 0, generation };
}

/** Lets go of the buffers and the last frame (a large document was closed). */
export function releaseFrames(): void {
  generation++;
  free = [];
  last = undefined;
}

function itemBytes(d: object): Buffer {
  let b = bytesOf.get(d);
  if (!b) {
    b = Buffer.from(JSON.stringify(d), 'utf8');
    bytesOf.set(d, b);
  }
  return b;
}

/**
 * The frame of a publishDiagnostics. After a keystroke, the list is the last one written for the document
 * with a few diagnostics changed: the bytes before and after them are copied from the last body, and only
 * the changed ones are put in between.
 */
function publishFrame(msg: PublishMessage, items: object[], reuse: boolean): Frame {
  const { diagnostics: _, ...rest } = msg.params;
  // the last key of `params` is `diagnostics`, so its JSON ends with `[]}`
  const empty = JSON.stringify({ ...rest, diagnostics: [] });
  const head = `{"jsonrpc":${JSON.stringify(msg.jsonrpc)},"method":"textDocument/publishDiagnostics","params":${empty.slice(0, -2)}`;
  const headLength = Buffer.byteLength(head, 'utf8');
  const uri = msg.params.uri;
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
  // the body's pieces: items 0..p-1 (with their commas) from the last body, the changed ones, the rest from it
  const oldBody = prev ? prev.to - prev.from : 0;
  const prefix = prev && p > 0 ? (p < prev.items.length ? prev.starts[p]! - 1 : oldBody) : 0;
  const suffixFrom = prev && s > 0 ? prev.starts[prev.items.length - s]! : oldBody;
  const middle: Buffer[] = new Array<Buffer>(n - s - p);
  let length = prefix;
  for (let i = p; i < n - s; i++) {
    const b = itemBytes(items[i]!);
    middle[i - p] = b;
    length += (i > 0 ? 1 : 0) + b.length;
  }
  if (s > 0) length += (n - s > 0 ? 1 : 0) + (oldBody - suffixFrom);
  const bodyLength = headLength + length + TAIL.length;
  const header = `Content-Length: ${bodyLength}\r\n\r\n`;
  const slot = slotFor(header.length + bodyLength, reuse);
  const out = slot.buffer;
  let at = out.write(header, 0, 'latin1');
  at += out.write(head, at, 'utf8');
  const from = at;
  const starts = new Array<number>(n);
  if (prev && p > 0) {
    prev.slot.buffer.copy(out, at, prev.from, prev.from + prefix);
    for (let i = 0; i < p; i++) starts[i] = prev.starts[i]!;
    at += prefix;
  }
  for (let i = p; i < n - s; i++) {
    if (i > 0) out[at++] = COMMA;
    starts[i] = at - from;
    const b = middle[i - p]!;
    b.copy(out, at);
    at += b.length;
  }
  if (prev && s > 0) {
    if (n - s > 0) out[at++] = COMMA;
    const first = prev.items.length - s;
    const shift = at - from - suffixFrom;
    prev.slot.buffer.copy(out, at, prev.from + suffixFrom, prev.to);
    for (let i = 0; i < s; i++) starts[n - s + i] = prev.starts[first + i]! + shift;
    at += oldBody - suffixFrom;
  }
  const to = at;
  at += TAIL.copy(out, at);
  // held by the write and as the last frame; the last one before it is no longer copied from
  slot.holds = 2;
  if (last) release(last.slot);
  last = { uri, items: items.slice(), starts, slot, from, to };
  let written = false;
  return {
    bytes: out.subarray(0, at),
    done: () => {
      if (written) return;
      written = true;
      release(slot);
    },
  };
}
