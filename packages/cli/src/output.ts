import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { FatalError } from './errors';

/** A failed write of the report, in one line (a full disk: ENOSPC). */
export function outputErrorMessage(err: unknown, where = 'standard output'): string {
  const e = err as NodeJS.ErrnoException;
  const why = e?.code === 'ENOSPC' ? 'no space left on the device' : e?.code === 'EDQUOT' ? 'the disk quota is exhausted' : e?.code === 'EIO' ? 'an input/output error' : (e?.message ?? String(err));
  return `cannot write the report to ${where}: ${why}${e?.code ? ` (${e.code})` : ''}`;
}

/**
 * Buffered output that honours back-pressure: text collects up to 64 KiB, then goes to the stream; when the
 * stream says it is full, `flush` waits for it to drain. The report of a million-line file goes out piece by
 * piece instead of as one string.
 */
export class Output {
  private parts: string[] = [];
  private size = 0;

  /** The first write error of a file stream (`-o`), reported once by flush or close. */
  private failure: unknown;

  constructor(
    private readonly stream: Writable,
    private readonly where = 'standard output',
  ) {
    // standard output's errors are the binary's (main.ts: one line, exit 2)
    if (stream !== process.stdout) stream.on('error', (e) => (this.failure ??= e));
  }

  private check(): void {
    if (this.failure !== undefined) throw new FatalError(outputErrorMessage(this.failure, this.where));
  }

  write(s: string): void {
    if (!s) return;
    this.parts.push(s);
    this.size += s.length;
  }

  /** Hands the buffer to the stream once it is large (or always, with `force`), waiting out back-pressure. */
  async flush(force = false): Promise<void> {
    this.check();
    if (this.size === 0 || (!force && this.size < 1 << 16)) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain').catch(() => this.check());
  }

  /** Flushes and, for a file stream, closes it and waits until the bytes are written. */
  async close(): Promise<void> {
    await this.flush(true);
    const s = this.stream as Writable & { fd?: unknown };
    if (s !== process.stdout && s !== process.stderr) {
      s.end();
      await once(s, 'finish').catch(() => {});
      this.check();
    }
  }
}
