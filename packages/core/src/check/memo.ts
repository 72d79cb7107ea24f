/**
 * A memo bounded by the approximate bytes it holds, in two generations. New entries go into the young
 * generation; a hit in the old one moves the entry to the young one; when the young generation holds half the
 * bound, the old one is dropped and the young one becomes old. So a working set under half the bound always
 * hits, one up to the whole bound mostly hits, and nothing is dropped all at once (no cliff). A hit costs one
 * Map lookup; an entry larger than an eighth of the bound is not kept (it would push out many small ones).
 */
export class Memo<K, V> {
  private young = new Map<K, Entry<V>>();
  private old = new Map<K, Entry<V>>();
  private youngBytes = 0;
  private oldBytes = 0;

  constructor(readonly maxBytes: number) {}

  get(key: K): V | undefined {
    const y = this.young.get(key);
    if (y) return y.value;
    const o = this.old.get(key);
    if (!o) return undefined;
    this.old.delete(key);
    this.oldBytes -= o.bytes;
    this.add(key, o);
    return o.value;
  }

  /** Keeps `value` under `key`, accounted as `bytes` (an estimate; see `textBytes`). */
  set(key: K, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes / 8) return;
    this.add(key, { value, bytes });
  }

  delete(key: K): void {
    const y = this.young.get(key);
    if (y) {
      this.young.delete(key);
      this.youngBytes -= y.bytes;
    }
    const o = this.old.get(key);
    if (o) {
      this.old.delete(key);
      this.oldBytes -= o.bytes;
    }
  }

  /** The accounted size of what is held: never more than `maxBytes`. */
  get bytes(): number {
    return this.youngBytes + this.oldBytes;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
    this.youngBytes = this.oldBytes = 0;
  }

  private add(key: K, entry: Entry<V>): void {
    if (this.youngBytes + entry.bytes > this.maxBytes / 2) {
      this.old = this.young;
      this.oldBytes = this.youngBytes;
      this.young = new Map();
      this.youngBytes = 0;
    }
    this.young.set(key, entry);
    this.youngBytes += entry.bytes;
  }
}

interface Entry<V> {
  value: V;
  bytes: number;
}

/** Approximate heap bytes of a string (two per UTF-16 unit, plus its header). */
export function textBytes(text: string): number {
  return 24 + 2 * text.length;
}

/**
 * A copy of `text` that holds its own characters. A string cut from a larger one (`slice`, a line of a file read
 * in chunks) keeps the whole of the larger one alive in V8: what a memo keeps for long is copied first.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
