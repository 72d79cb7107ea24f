/**
 * Whether a large .ossproc file is checked on worker threads, decided from measured facts: the cores that
 * are free (CPUs less the load average), and the file's size and number of lines. A worker pays only when it
 * runs beside this thread on a core of its own and gets enough strings to repay its start (it compiles the
 * bundle, warms its own memo and JIT: about 0.1–0.3 s). On two busy cores the workers only compete with this
 * thread and each other, and the run is slower than on one thread; long lines are few strings whose findings
 * are better streamed out one line at a time. `--concurrency` overrides the decision.
 */

export type Concurrency = 'auto' | 'off' | number;

export interface PlanFacts {
  /** `os.availableParallelism()`. */
  cores: number;
  /** The one-minute load average (`os.loadavg()[0]`; 0 where the platform has none). */
  load: number;
  /** The file's size in bytes, and its number of lines (estimated from the first chunk read). */
  bytes: number;
  lines: number;
  /** --fix and --fix-dry-run rewrite the file line by line on this thread. */
  fix: boolean;
  concurrency: Concurrency;
}

export interface CheckPlan {
  /** Worker threads to check on; 0: this thread. */
  threads: number;
  /** Why, for --debug. */
  why: string;
}

/** Strings a worker must get to repay its start. */
export const LINES_PER_WORKER = 25_000;
/** A mean line longer than this (bytes) is a file of few long strings: checked one line at a time here. */
export const MAX_MEAN_LINE = 4096;
/** Each worker holds its own heap (some 60 MB); more than this many would not keep a run within its memory. */
export const MAX_WORKERS = 4;

export function planChecks(f: PlanFacts): CheckPlan {
  if (f.fix) return { threads: 0, why: 'fixing rewrites the file line by line on this thread' };
  if (f.concurrency === 'off') return { threads: 0, why: '--concurrency off' };
  if (typeof f.concurrency === 'number') return { threads: f.concurrency, why: `--concurrency ${f.concurrency}` };
  const lines = Math.max(1, f.lines);
  if (lines < 2 * LINES_PER_WORKER) return { threads: 0, why: `${lines} line(s): too few to repay starting workers` };
  if (f.bytes / lines > MAX_MEAN_LINE) return { threads: 0, why: `long lines (${Math.round(f.bytes / lines)} bytes on average): checked one at a time` };
  const load = Math.max(0, f.load);
  const free = Math.max(0, Math.round(f.cores - load));
  const cores = `${free} of ${f.cores} core(s) free (load ${load.toFixed(1)})`;
  const threads = Math.min(free, MAX_WORKERS, Math.floor(lines / LINES_PER_WORKER));
  if (threads < 2) return { threads: 0, why: `${cores}: workers would compete with this thread` };
  return { threads, why: `${cores}, ${lines} lines` };
}
