import { isUtf8 } from 'node:buffer';
import { constants, openSync, promises as fsp, readSync, statSync } from 'node:fs';
import { FatalError } from '../errors';

/**
 * Reading input: bytes are checked for NUL (binary or UTF-16) and decoded as UTF-8 with a fatal decoder, so
 * a file is either text or one clear problem. A leading BOM is dropped from the text (offsets, lines and
 * columns count from after it, as editors show them) and put back when a fixed file is written.
 */

/**
 * A way to read an input's bytes from the start, as often as needed (a file, or stdin held in memory). A
 * chunk is valid until the next one is asked for (a file is read into one reused buffer): copy what you keep.
 */
export type ByteSource = () => AsyncIterable<Buffer>;

export interface InputProblem {
  message: string;
  /** 1-based, when the problem has a place. */
  line?: number;
  column?: number;
}

export type DecodedText = { ok: true; text: string; bom: boolean } | ({ ok: false } & InputProblem);

const CHUNK = 1 << 18;

/**
 * Bounds, so that no input can run ossproc out of memory by its size alone. Checking costs up to about 200
 * bytes of memory per character of a string, so a .ossproc line (one string) is bounded at 1 MiB (300 MB to
 * check it at worst; real processing strings are a few hundred bytes). Files read whole (JSON, YAML, code)
 * are bounded at 64 MiB, standard input and pipes (held in memory, then streamed) at 256 MiB; a .ossproc
 * file named on the command line is streamed and has no size bound.
 */
export const MAX_LINE_BYTES = 1 << 20;
export const MAX_DOCUMENT_BYTES = 64 << 20;
export const MAX_STREAM_BYTES = 256 << 20;

function mib(n: number): string {
  return `${Math.round((n / (1 << 20)) * 10) / 10} MiB`;
}

const LINE_TOO_LONG = `a line is longer than ${mib(MAX_LINE_BYTES)}; ossproc checks lines (one processing string each) up to ${mib(MAX_LINE_BYTES)}`;

/** Tracks the length of the current line across chunks (native searches only), for the line bound. */
class LineBound {
  private run = 0;

  /** False once a line passes the bound. */
  push(b: Uint8Array): boolean {
    const lf = b.indexOf(10);
    const cr = b.indexOf(13);
    const first = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (first < 0) {
      this.run += b.length;
      return this.run <= MAX_LINE_BYTES;
    }
    if (this.run + first > MAX_LINE_BYTES) return false;
    this.run = b.length - 1 - Math.max(b.lastIndexOf(10), b.lastIndexOf(13));
    // a chunk is far smaller than the bound, so a line inside one is within it
    return this.run <= MAX_LINE_BYTES;
  }
}

/** A file read into one reused buffer: no garbage per chunk, so memory stays flat however large the file. */
export function fileSource(path: string): ByteSource {
  return async function* () {
    const handle = await fsp.open(path, 'r');
    try {
      const buf = Buffer.allocUnsafeSlow(CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) break;
        yield buf.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  };
}

export function bufferSource(buf: Buffer): ByteSource {
  return async function* () {
    for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, Math.min(buf.length, i + CHUNK));
  };
}

/**
 * Reads a stream (standard input, a pipe) into memory, at most `limit` bytes (else a FatalError naming
 * `what`). It stops at the first chunk holding a NUL byte: that input is binary, and decodeBytes reports it
 * at its place, so `--stdin < /dev/zero` ends at once. With `lines` (a .ossproc text) it stops as well at a
 * line longer than MAX_LINE_BYTES.
 */
export async function readAll(stream: NodeJS.ReadableStream, what = 'standard input', limit = MAX_STREAM_BYTES, lines = false): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // one string per line (.ossproc): a line past its bound ends the read too; scanBytes reports it
  const bound = lines ? new LineBound() : undefined;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    chunks.push(b);
    size += b.length;
    if (size > limit) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new FatalError(`${what} is larger than ${mib(limit)}, the most ossproc holds in memory; name a .ossproc file instead, which is streamed`);
    }
    if (b.indexOf(0) >= 0 || (bound && !bound.push(b))) {
      (stream as { destroy?: () => void }).destroy?.();
      break;
    }
  }
  return Buffer.concat(chunks);
}

/** A message for a failed read (EACCES, EISDIR, a dangling link…). */
export function readErrorMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'cannot read file: permission denied';
    case 'ENOENT':
      return 'cannot read file: it does not exist (a dangling symbolic link?)';
    case 'EISDIR':
      return 'cannot read file: it is a directory';
    case 'ELOOP':
      return 'cannot read file: too many levels of symbolic links';
    default:
      return `cannot read file: ${e?.code ?? ''} ${e?.message ?? String(err)}`.replace(/\s+/g, ' ').trim();
  }
}

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads a file whole, within `limit` bytes. A regular file's size is known before reading; a device
 * (`/dev/zero`) is read chunk by chunk and stops at a NUL byte or the bound; a named pipe (FIFO) is opened
 * without blocking: with nothing writing to it, it is reported instead of waiting for ever.
 */
export async function readFileBytes(path: string, limit = MAX_DOCUMENT_BYTES, lines = false): Promise<ReadResult> {
  try {
    if (statSync(path).isFIFO()) return await readFifo(path, limit, lines);
    const handle = await fsp.open(path, 'r');
    try {
      const st = await handle.stat();
      if (st.isFile() && st.size > limit) return { ok: false, message: tooLarge(st.size, limit) };
      const chunks: Buffer[] = [];
      let size = 0;
      const bound = lines && !st.isFile() ? new LineBound() : undefined;
      for (;;) {
        const buf = Buffer.allocUnsafe(CHUNK);
        const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) break;
        const b = buf.subarray(0, bytesRead);
        chunks.push(b);
        size += bytesRead;
        if (size > limit) return { ok: false, message: tooLarge(size, limit, true) };
        // binary, or a line past its bound: reported from what was read
        if (!st.isFile() && (b.indexOf(0) >= 0 || (bound && !bound.push(b)))) break;
      }
      return { ok: true, bytes: Buffer.concat(chunks) };
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof FatalError) return { ok: false, message: `cannot read file: ${err.message}` };
    return { ok: false, message: readErrorMessage(err) };
  }
}

function tooLarge(size: number, limit: number, atLeast = false): string {
  return `file too large: ${atLeast ? 'more than ' : ''}${mib(size)}; ossproc reads files of this kind up to ${mib(limit)} (a .ossproc file has no bound: it is streamed)`;
}

/** A FIFO: opened non-blocking; no writer means end of file at once, which is reported, not waited for. */
async function readFifo(path: string, limit: number, lines: boolean): Promise<ReadResult> {
  // a raw descriptor, owned by the socket alone: a FileHandle left to the GC would close it a second time (EBADF)
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const probe = Buffer.alloc(1);
  let first: number;
  try {
    first = readSync(fd, probe, 0, 1, null);
  } catch (e) {
    // EAGAIN: a writer is there and has not written yet
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    first = -1;
  }
  // node:net is loaded for FIFOs only: it costs the start of every other run
  const { Socket } = await import('node:net');
  const socket = new Socket({ fd, readable: true, writable: false });
  if (first === 0) {
    socket.destroy();
    return { ok: false, message: 'cannot read file: it is a named pipe (FIFO) and nothing is writing to it; skipped (pipe the text to --stdin instead)' };
  }
  const rest = await readAll(socket, 'the named pipe', limit, lines);
  socket.destroy();
  return { ok: true, bytes: first === 1 ? Buffer.concat([probe, rest]) : rest };
}

const BINARY = 'binary file (it contains NUL bytes; ossproc reads UTF-8 text, and UTF-16 files must be converted)';

export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Decodes a whole file: NUL bytes and invalid UTF-8 are problems, with their line. */
export function decodeBytes(bytes: Buffer): DecodedText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, message: BINARY, ...placeOfByte(bytes, nul) };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text, bom: hasBom(bytes) };
  } catch {
    return invalidUtf8(bytes, 0, 0, 0);
  }
}

function invalidUtf8(bytes: Uint8Array, base: number, linesBefore: number, lastLineStart: number): { ok: false } & InputProblem {
  const at = firstInvalidUtf8(bytes);
  const where = placeOfByte(bytes, at < 0 ? bytes.length : at, linesBefore, lastLineStart - base);
  return { ok: false, message: `invalid UTF-8 (byte offset ${base + Math.max(0, at)}); ossproc reads UTF-8 text`, ...where };
}

/** 1-based line and (byte) column of a byte offset; `linesBefore`/`lineStart` carry counts from earlier chunks. */
function placeOfByte(bytes: Uint8Array, offset: number, linesBefore = 0, lineStart = 0): { line: number; column: number } {
  let line = linesBefore;
  let start = lineStart;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line: line + 1, column: offset - start + 1 };
}

/** The offset of the first byte that breaks UTF-8, or -1 (a truncated sequence at the end counts). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Checks a source without keeping it (the first pass over a large .ossproc file): NUL bytes and invalid
 * UTF-8 become a problem; `onText` sees the decoded text chunk by chunk.
 */
export async function validateSource(source: ByteSource, onText?: (chunk: string) => void): Promise<{ ok: true; bom: boolean } | ({ ok: false } & InputProblem)> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let base = 0;
  let lines = 0;
  let lineStart = 0;
  let bom = false;
  let first = true;
  let last: Buffer | undefined;
  const bound = new LineBound();
  for await (const chunk of source()) {
    if (!bound.push(chunk)) return { ok: false, message: LINE_TOO_LONG, line: lines + 1, column: 1 };
    last = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 4)));
    if (first) {
      bom = hasBom(chunk);
      first = false;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) return { ok: false, message: BINARY, ...placeOfByte(chunk, nul, lines, lineStart - base) };
    let text: string;
    try {
      // decoded even without a listener: that is the check
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // the bad sequence may start in the previous chunk's tail; report within this chunk at worst
      return invalidUtf8(chunk, base, lines, lineStart);
    }
    onText?.(text);
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
      lines++;
      lineStart = base + i + 1;
    }
    base += chunk.length;
  }
  try {
    const rest = decoder.decode();
    onText?.(rest);
  } catch {
    // the sequence cut short starts at the last lead byte
    let at = base;
    if (last) for (let k = last.length - 1; k >= 0; k--) if ((last[k]! & 0xc0) !== 0x80) {
      at = base - (last.length - k);
      break;
    }
    return { ok: false, message: `invalid UTF-8 (a sequence cut short at the end of the file, byte offset ${at})`, line: lines + 1, column: at - lineStart + 1 };
  }
  return { ok: true, bom };
}

/** The length of `b` without a multi-byte sequence cut short at its end (to be completed by the next chunk). */
function completeLength(b: Uint8Array): number {
  const n = b.length;
  for (let k = n - 1; k >= Math.max(0, n - 3); k--) {
    const c = b[k]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) return k + (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > n ? k : n;
  }
  return n;
}

/** Line breaks are counted in the first MiB of a file only: enough to estimate its lines. */
const LINE_SAMPLE = 1 << 20;

export interface ScannedBytes {
  ok: true;
  bom: boolean;
  found: boolean;
  bytes: number;
  /** Line feeds in the first `bytes` bytes (the whole file when it is smaller than the sample). */
  sample: { bytes: number; lines: number };
  /** The first chunk's whole lines (a copy), to time checks on. */
  head: Buffer;
}

/**
 * The first pass over a large file, with native searches only: NUL bytes, UTF-8 validity (node:buffer's
 * isUtf8), whether `needle` (ASCII) occurs, the size, and line feeds in the first MiB. A problem is reported
 * without its place: validateSource finds it.
 */
export async function scanBytes(source: ByteSource, needle: string): Promise<ScannedBytes | { ok: false; message: string }> {
  const pattern = Buffer.from(needle);
  let carry: Buffer = Buffer.alloc(0);
  let tail: Buffer = Buffer.alloc(0);
  let found = false;
  let bom: boolean | undefined;
  let bytes = 0;
  const sample = { bytes: 0, lines: 0 };
  let head: Buffer | undefined;
  const bound = new LineBound();
  for await (const chunk of source()) {
    bom ??= hasBom(chunk);
    head ??= Buffer.from(chunk.subarray(0, Math.max(chunk.lastIndexOf(10), chunk.lastIndexOf(13)) + 1));
    bytes += chunk.length;
    if (sample.bytes < LINE_SAMPLE) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) sample.lines++;
      sample.bytes += chunk.length;
    }
    if (chunk.indexOf(0) >= 0) return { ok: false, message: BINARY };
    if (!bound.push(chunk)) return { ok: false, message: LINE_TOO_LONG };
    const text = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const complete = completeLength(text);
    if (!isUtf8(text.subarray(0, complete))) return { ok: false, message: 'invalid UTF-8; ossproc reads UTF-8 text' };
    carry = Buffer.from(text.subarray(complete));
    if (!found) {
      // across the boundary (the last bytes before it and the first after), then within the chunk
      const edge = tail.length ? Buffer.concat([tail, chunk.subarray(0, pattern.length - 1)]) : undefined;
      found = (edge !== undefined && edge.indexOf(pattern) >= 0) || chunk.indexOf(pattern) >= 0;
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - pattern.length + 1)));
    }
  }
  if (carry.length) return { ok: false, message: 'invalid UTF-8 (a sequence cut short at the end of the file)' };
  return { ok: true, bom: bom ?? false, found, bytes, sample, head: head ?? Buffer.alloc(0) };
}
