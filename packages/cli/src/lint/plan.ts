/**
 * Whether a large .ossproc file is checked on worker threads, decided from measured facts: the cores that are
 * free (CPUs less the load average), the file's size and lines, and how long core takes to check one of its
 * strings here and now (timed on its first strings). A worker pays only when it runs beside this thread on a
 * core of its own, this thread keeping one too, and gets enough work to repay its start (it compiles the
 * bundle, builds its own parser, memo and JIT: some 0.1–0.3 s, and 50–60 MB). On two cores, two workers and
 * this thread share them: a million lines took 0.83× the time for 1.8× the memory (262 MB, past the 200 MB a
 * run should stay under), so two cores check on this thread; on two busy cores the workers only compete with
 * this thread and each other, and the run is slower. Long lines are few strings whose findings are better
 * streamed out one line at a time. `--concurrency` overrides the decision.
 */

export type Concurrency = 'auto' | 'off' | number;

export interface PlanFacts {
  /** `os.availableParallelism()`. */
  cores: number;
  /** The one-minute load average (`os.loadavg()[0]`; 0 where the platform has none). */
  load: number;
  /** The file's size in bytes, and its number of lines (estimated from its first MiB). */
  bytes: number;
  lines: number;
  /** --fix and --fix-dry-run rewrite the file line by line on this thread. */
  fix: boolean;
  concurrency: Concurrency;
  /**
   * Seconds core takes to check one string of the file on this thread (timed on its first lines); asked for
   * only when the other facts leave workers possible.
   */
  secondsPerString: () => number;
}

export interface CheckPlan {
  /** Worker threads to check on; 0: this thread. */
  threads: number;
  /** Why, for --debug. */
  why: string;
}

/** Below this many lines a file is checked here, whatever else holds. */
export const MIN_LINES = 10_000;
/** Seconds of checks each worker must get to repay its start several times over. */
export const SECONDS_PER_WORKER = 1;
/** A mean line longer than this (bytes) is a file of few long strings: checked one line at a time here. */
export const MAX_MEAN_LINE = 4096;
/** Each worker holds its own heap (core's memo among it: some 100 MB); more would not keep a run's memory sane. */
export const MAX_WORKERS = 4;

export function planChecks(f: PlanFacts): CheckPlan {
  if (f.fix) return { threads: 0, why: 'fixing rewrites the file line by line on this thread' };
  if (f.concurrency === 'off') return { threads: 0, why: '--concurrency off' };
  if (typeof f.concurrency === 'number') return { threads: f.concurrency, why: `--concurrency ${f.concurrency}` };
  const lines = Math.max(1, f.lines);
  if (lines < MIN_LINES) return { threads: 0, why: `${lines} line(s): too few to repay starting workers` };
  if (f.bytes / lines > MAX_MEAN_LINE) return { threads: 0, why: `long lines (${Math.round(f.bytes / lines)} bytes on average): checked one at a time` };
  const load = Math.max(0, f.load);
  const free = Math.max(0, Math.round(f.cores - load));
  const cores = `${free} of ${f.cores} core(s) free (load ${load.toFixed(1)})`;
  // this thread keeps a core of its own: it reads, splits and reports, a third of a run's work
  if (Math.min(free - 1, MAX_WORKERS) < 2) return { threads: 0, why: `${cores}: workers would compete with this thread` };
  const work = lines * f.secondsPerString();
  const threads = Math.min(free - 1, MAX_WORKERS, Math.floor(work / SECONDS_PER_WORKER));
  const estimate = `${lines} lines, about ${work.toFixed(1)} s of checks on one thread`;
  if (threads < 2) return { threads: 0, why: `${cores}, ${estimate}: too little to repay starting workers` };
  return { threads, why: `${cores}, ${estimate}` };
}
