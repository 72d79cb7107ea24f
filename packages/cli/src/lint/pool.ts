import { checkRegion, type CheckOptions, type Diagnostic } from '@ossproc/core';
import { parentPort, Worker } from 'node:worker_threads';
import { scanChunk, type ChunkResult } from './chunks';

/**
 * Checking strings is pure CPU work, so a large .ossproc file is checked by worker threads: the main thread
 * reads the file and cuts it into chunks after line breaks; each worker decodes, splits and checks a chunk
 * (lint/chunks.ts) and the main thread takes the results back in order. Each worker runs this same bundle
 * (see main.ts), so nothing extra ships.
 */

/** Diagnostics per string, only for the strings that have some: [index, diagnostics]. */
export type SparseResults = [number, Diagnostic[]][];

/** Lints each string with core's per-region lint, as lintDocument does (core memoizes repeated strings). */
export function checkStrings(texts: readonly string[], options: CheckOptions): SparseResults {
  const out: SparseResults = [];
  for (let i = 0; i < texts.length; i++) {
    const d = checkRegion({ text: texts[i]! }, options);
    if (d.length) out.push([i, d]);
  }
  return out;
}

interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  first: boolean;
  last: boolean;
  options: CheckOptions;
}

/** The worker side: answer each chunk. */
export function serveChecks(): void {
  parentPort!.on('message', (req: WorkerRequest) => {
    try {
      parentPort!.postMessage({ id: req.id, result: scanChunk(req.bytes, req.first, req.last, req.options) });
    } catch (e) {
      parentPort!.postMessage({ id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}

interface Job {
  resolve(r: ChunkResult): void;
  reject(e: Error): void;
}

export class CheckPool {
  private readonly workers: { worker: Worker; load: number }[] = [];
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(size: number, entry: string) {
    for (let i = 0; i < size; i++) {
      // a smaller young generation than V8's default keeps each worker's heap (and the run's RSS) small; checks
      // allocate short-lived objects only, so little is promoted
      // the worker starts from the compile cache too (bin/ossproc.cjs enables it for the main thread)
      const start = `try { require('node:module').enableCompileCache?.(); } catch {} require(${JSON.stringify(entry)});`;
      const worker = new Worker(start, { eval: true, workerData: { ossprocCheckWorker: true }, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      const slot = i;
      worker.on('message', (msg: { id: number; result?: ChunkResult; error?: string }) => {
        const job = this.jobs.get(msg.id);
        if (!job) return;
        this.jobs.delete(msg.id);
        this.workers[slot]!.load--;
        if (msg.error !== undefined) job.reject(new Error(`check worker failed: ${msg.error}`));
        else job.resolve(msg.result!);
      });
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`check worker exited with code ${code}`));
      });
      this.workers.push({ worker, load: 0 });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Scans a chunk on the least busy worker. The chunk's buffer is moved to the worker: do not use it after. */
  scan(bytes: Uint8Array, first: boolean, last: boolean, options: CheckOptions): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.workers[i]!.load < this.workers[slot]!.load) slot = i;
    const id = this.nextId++;
    const w = this.workers[slot]!;
    w.load++;
    return new Promise<ChunkResult>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      w.worker.postMessage({ id, bytes, first, last, options } satisfies WorkerRequest, [bytes.buffer as ArrayBuffer]);
    });
  }

  private fail(e: Error): void {
    if (this.closing) return;
    this.failure ??= e;
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
