import { createHash } from 'node:crypto';
import { constants, promises as fsp, rmSync, type BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { once } from 'node:events';
import { fileSource, readFileBytes, type ByteSource, type ReadResult } from './read';

/**
 * Writing a file back (`lint --fix`, `fmt`) without losing anything:
 * - a symbolic link is followed: its target is written, the link stays a link;
 * - a file with hard links is written in place (same inode), so every name sees the new text; any other file
 *   gets its new text in a temporary file beside it, renamed over it (atomic: a crash leaves old or new);
 * - the mode is kept (and the owner, where the process may set it); a read-only file (no write bit, even for
 *   root) or an unwritable directory is refused with one line, nothing written;
 * - a change made by someone else since the file was read (its size, mtime, inode, or a hash of its bytes) makes
 *   the write skipped: the other writer's text stays;
 * - temporary files are removed on SIGINT/SIGTERM/SIGHUP, and the process exits 130/143/129.
 */

export type WriteOutcome =
  | { kind: 'unchanged' }
  | { kind: 'written'; target: string; link: boolean }
  /** Changed on disk since it was read: not written. */
  | { kind: 'skipped'; reason: string }
  /** Not writable (read-only, directory, disk full…): not written. */
  | { kind: 'refused'; reason: string };

/** Temporary files not yet renamed or removed; the signal handlers remove them. */
const temps = new Set<string>();
/** In-place writes under way: a signal waits for them to end, so a file is never left half written. */
let inPlace = 0;
let pendingExit: number | undefined;

const SIGNALS: [NodeJS.Signals, number][] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

function removeTemps(): void {
  for (const t of temps) rmSync(t, { force: true });
  temps.clear();
}

const handlers = new Map<NodeJS.Signals, () => void>();

/**
 * While a temporary file exists, a signal removes it and exits as a shell expects (130, 143, 129); at other
 * times signals keep their usual meaning (and other commands' own handlers, `serve`'s, are left alone).
 */
function track(temp: string): void {
  temps.add(temp);
  if (handlers.size) return;
  for (const [signal, code] of SIGNALS) {
    const handler = () => {
      if (inPlace > 0) {
        pendingExit = code;
        return;
      }
      removeTemps();
      process.exit(code);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function untrack(temp: string): void {
  temps.delete(temp);
  if (temps.size || inPlace > 0) return;
  for (const [signal, handler] of handlers) process.off(signal, handler);
  handlers.clear();
}

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

async function hashFile(path: string): Promise<Buffer> {
  const h = createHash('sha1');
  for await (const chunk of fileSource(path)()) h.update(chunk);
  return h.digest();
}

/** A write may be partial (a signal, a nearly full disk): go on until every byte is out. */
async function writeAll(h: FileHandle, b: Buffer): Promise<void> {
  let done = 0;
  while (done < b.length) done += (await h.write(b, done, b.length - done)).bytesWritten;
}

function modeText(mode: bigint | number): string {
  return `0${(Number(mode) & 0o777).toString(8)}`;
}

/** Why a write failed, in words (the file is named by the caller). */
export function writeErrorReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'no permission to create a file in its directory (the new text is written to a temporary file there, then renamed over the file)';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is exhausted';
    default:
      return `${e?.code ?? ''} ${e?.message ?? String(err)}`.replace(/\s+/g, ' ').trim();
  }
}

/**
 * A file to be read and maybe written back: stat'ed before the first byte is read, hashed as it is read, and
 * compared again before it is written.
 */
export class TrackedFile {
  private readHash: Buffer | undefined;
  /** Two complete reads gave different bytes: it changed while it was being read. */
  private unstable = false;

  private constructor(
    /** The path named. */
    readonly path: string,
    /** The file that is read and written: the link's target when `path` is a symbolic link. */
    readonly target: string,
    readonly link: boolean,
    readonly stat: BigIntStats,
  ) {}

  /** Throws the read errors (ENOENT, EACCES…), for the caller's read message. */
  static async open(path: string): Promise<TrackedFile> {
    const link = (await fsp.lstat(path)).isSymbolicLink();
    const target = link ? await fsp.realpath(path) : path;
    return new TrackedFile(path, target, link, await fsp.stat(target, { bigint: true }));
  }

  private notePass(digest: Buffer): void {
    if (!this.readHash) this.readHash = digest;
    else if (!this.readHash.equals(digest)) this.unstable = true;
  }

  /** The target's bytes, as often as needed; each complete pass is hashed. */
  source(): ByteSource {
    const read = fileSource(this.target);
    return async function* (this: TrackedFile) {
      const h = createHash('sha1');
      for await (const chunk of read()) {
        h.update(chunk);
        yield chunk;
      }
      this.notePass(h.digest());
    }.bind(this);
  }

  /** The whole file (bounded as readFileBytes is), hashed. */
  async readBytes(): Promise<ReadResult> {
    const r = await readFileBytes(this.target);
    if (r.ok) this.notePass(createHash('sha1').update(r.bytes).digest());
    return r;
  }

  /** Why this file may not be written, or undefined. */
  private async refusal(): Promise<string | undefined> {
    if ((Number(this.stat.mode) & 0o222) === 0) return `the file is read-only (mode ${modeText(this.stat.mode)})`;
    try {
      await fsp.access(this.target, constants.W_OK);
    } catch {
      return 'no permission to write the file';
    }
    return undefined;
  }

  /** Whether the file on disk is still the one that was read. */
  private async unchangedOnDisk(): Promise<boolean> {
    if (this.unstable) return false;
    let now: BigIntStats;
    try {
      now = await fsp.stat(this.target, { bigint: true });
    } catch {
      return false;
    }
    if (!sameFile(now, this.stat)) return false;
    // mtime has the kernel's coarse clock (a few ms): the same size written within one tick shows in the bytes only
    return !this.readHash || (await hashFile(this.target)).equals(this.readHash);
  }

  /**
   * A writer for the new text: a temporary file beside the target. When the file may not be written, a
   * writer that discards what it is given, whose `finish` says why (only if something was to change).
   */
  async writer(): Promise<FileWriter> {
    const refused = await this.refusal();
    if (refused) return new FileWriter(this, undefined, undefined, refused);
    const temp = join(dirname(this.target), `${basename(this.target)}.ossproc-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
    let handle: FileHandle;
    try {
      handle = await fsp.open(temp, 'wx+', 0o600);
    } catch (e) {
      return new FileWriter(this, undefined, undefined, writeErrorReason(e));
    }
    track(temp);
    return new FileWriter(this, temp, handle, undefined);
  }

  /** @internal the commit, once the new text is complete in `temp`. */
  async commit(temp: string, handle: FileHandle): Promise<WriteOutcome> {
    // tests stop here to change the file or send a signal at a known moment (see test/cli/safe-writes.test.ts)
    if (process.env.OSSPROC_TEST_STOP_BEFORE_WRITE) process.kill(process.pid, 'SIGSTOP');
    if (!(await this.unchangedOnDisk())) return { kind: 'skipped', reason: 'it changed on disk while ossproc was working on it' };
    const now = await fsp.stat(this.target, { bigint: true });
    if (now.nlink > 1n) {
      await this.writeInPlace(temp, handle);
    } else {
      await handle.chmod(Number(now.mode) & 0o7777);
      if (process.getuid?.() === 0 && (now.uid !== BigInt(process.getuid()) || now.gid !== BigInt(process.getgid?.() ?? 0))) {
        await handle.chown(Number(now.uid), Number(now.gid)).catch(() => {});
      }
      await handle.sync();
      await handle.close();
      await fsp.rename(temp, this.target);
      untrack(temp);
    }
    return { kind: 'written', target: this.target, link: this.link };
  }

  /** Copies the temporary file's bytes into the target's own inode, then drops the temporary file. */
  private async writeInPlace(temp: string, handle: FileHandle): Promise<void> {
    inPlace++;
    try {
      const out = await fsp.open(this.target, 'r+');
      try {
        const buf = Buffer.allocUnsafe(1 << 20);
        let at = 0;
        for (;;) {
          const { bytesRead } = await handle.read(buf, 0, buf.length, at);
          if (bytesRead === 0) break;
          let done = 0;
          while (done < bytesRead) done += (await out.write(buf, done, bytesRead - done, at + done)).bytesWritten;
          at += bytesRead;
        }
        await out.truncate(at);
        await out.sync();
      } finally {
        await out.close();
      }
    } finally {
      inPlace--;
      await handle.close().catch(() => {});
      await fsp.rm(temp, { force: true });
      if (pendingExit !== undefined && inPlace === 0) {
        removeTemps();
        process.exit(pendingExit);
      }
      untrack(temp);
    }
  }
}

/**
 * Where the new text goes, piece by piece (a Writable with back-pressure). A failed write (a full disk) does
 * not throw at the writer: it is remembered, the rest is discarded, and `finish` reports it.
 */
export class FileWriter {
  readonly stream: Writable;
  /** What `finish` did (undefined before it, or after `abort`). */
  outcome: WriteOutcome | undefined;
  private failure: unknown;
  private done = false;

  constructor(
    private readonly file: TrackedFile,
    private readonly temp: string | undefined,
    private readonly handle: FileHandle | undefined,
    /** Why the file may not be written, known before anything is written (then fix nothing: report as is). */
    readonly refused: string | undefined,
  ) {
    const h = handle;
    const fail = (e: unknown) => {
      this.failure ??= e;
    };
    const put = (b: Buffer, cb: () => void) => {
      if (!h || this.failure) return cb();
      writeAll(h, b).then(cb, (e: unknown) => (fail(e), cb()));
    };
    this.stream = new Writable({
      highWaterMark: 1 << 16,
      write: (chunk: Buffer, _enc, cb) => put(chunk, cb),
      writev: (chunks, cb) => put(Buffer.concat(chunks.map((c) => c.chunk as Buffer)), cb),
    });
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Ends the text: written over the file if `changed`, else dropped. */
  async finish(changed: boolean): Promise<WriteOutcome> {
    if (this.done) return this.outcome ?? { kind: 'unchanged' };
    this.outcome = await this.settle(changed);
    return this.outcome;
  }

  private async settle(changed: boolean): Promise<WriteOutcome> {
    this.done = true;
    this.stream.end();
    await once(this.stream, 'finish');
    if (!changed) {
      await this.drop();
      return { kind: 'unchanged' };
    }
    if (this.refused) return { kind: 'refused', reason: this.refused };
    if (this.failure) {
      await this.drop();
      return { kind: 'refused', reason: writeErrorReason(this.failure) };
    }
    try {
      const outcome = await this.file.commit(this.temp!, this.handle!);
      if (outcome.kind !== 'written') await this.drop();
      return outcome;
    } catch (e) {
      await this.drop();
      return { kind: 'refused', reason: writeErrorReason(e) };
    }
  }

  /** Drops the temporary file (after a failure elsewhere); harmless after `finish`. */
  async abort(): Promise<void> {
    this.done = true;
    if (!this.stream.destroyed) this.stream.destroy();
    await this.drop();
  }

  private async drop(): Promise<void> {
    if (!this.temp || !temps.has(this.temp)) return;
    await this.handle?.close().catch(() => {});
    await fsp.rm(this.temp, { force: true });
    untrack(this.temp);
  }
}
