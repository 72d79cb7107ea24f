import { check, parse, type CheckOptions, type Diagnostic } from '@ossproc/core';
import { parentPort, Worker } from 'node:worker_threads';

/**
 * Checking strings is pure CPU work, so a large .ossproc file is checked by worker threads: the main thread
 * reads and splits lines, sends batches of strings, and takes the results back in order. Each worker runs
 * this same bundle (see main.ts), so nothing extra ships.
 */

/** Diagnostics per string, only for the strings that have some: [index, diagnostics]. */
export type SparseResults = [number, Diagnostic[]][];

/** Checks each string as core's lintDocument checks a region. `related` and `tags` are dropped (not reported). */
export function checkStrings(texts: readonly string[], options: CheckOptions): SparseResults {
  const out: SparseResults = [];
  for (let i = 0; i < texts.length; i++) {
    const d = check(parse(texts[i]!), options);
    if (d.length) out.push([i, d]);
  }
  return out;
}

function slim(results: SparseResults): SparseResults {
  for (const [, list] of results) {
    for (const d of list) {
      delete d.related;
      delete d.tags;
    }
  }
  return results;
}

interface Job {
  resolve(r: SparseResults): void;
  reject(e: Error): void;
}

interface WorkerRequest {
  id: number;
  texts: string[];
  options: CheckOptions;
}

/** The worker side: answer each batch. */
export function serveChecks(): void {
  parentPort!.on('message', (req: WorkerRequest) => {
    try {
      parentPort!.postMessage({ id: req.id, results: slim(checkStrings(req.texts, req.options)) });
    } catch (e) {
      parentPort!.postMessage({ id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}

export class CheckPool {
  private readonly workers: { worker: Worker; load: number }[] = [];
  private readonly jobs = new Map<number, Job & { slot: number }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number, entry: string) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry, { workerData: { ossprocCheckWorker: true } });
      const slot = i;
      worker.on('message', (msg: { id: number; results?: SparseResults; error?: string }) => {
        const job = this.jobs.get(msg.id);
        if (!job) return;
        this.jobs.delete(msg.id);
        this.workers[slot]!.load--;
        if (msg.error !== undefined) job.reject(new Error(`check worker failed: ${msg.error}`));
        else job.resolve(msg.results ?? []);
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

  run(texts: string[], options: CheckOptions): Promise<SparseResults> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.workers[i]!.load < this.workers[slot]!.load) slot = i;
    const id = this.nextId++;
    const w = this.workers[slot]!;
    w.load++;
    return new Promise<SparseResults>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject, slot });
      w.worker.postMessage({ id, texts, options } satisfies WorkerRequest);
    });
  }

  private fail(e: Error): void {
    if (this.closing) return;
    this.failure ??= e;
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }

  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
