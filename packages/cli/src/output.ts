import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Buffered output that honours back-pressure: text collects up to 64 KiB, then goes to the stream; when the
 * stream says it is full, `flush` waits for it to drain. The report of a million-line file goes out piece by
 * piece instead of as one string.
 */
export class Output {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly stream: Writable) {}

  write(s: string): void {
    if (!s) return;
    this.parts.push(s);
    this.size += s.length;
  }

  /** Hands the buffer to the stream once it is large (or always, with `force`), waiting out back-pressure. */
  async flush(force = false): Promise<void> {
    if (this.size === 0 || (!force && this.size < 1 << 16)) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Flushes and, for a file stream, closes it and waits until the bytes are written. */
  async close(): Promise<void> {
    await this.flush(true);
    const s = this.stream as Writable & { fd?: unknown };
    if (s !== process.stdout && s !== process.stderr) {
      s.end();
      await once(s, 'finish');
    }
  }
}
