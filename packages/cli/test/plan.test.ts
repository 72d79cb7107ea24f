import { describe, expect, it } from 'vitest';
import { planChecks, type PlanFacts } from '../src/lint/plan';

// a 1,000,000-line preset file (121 MB) on an idle machine of 8 cores
const big: PlanFacts = { cores: 8, load: 0, bytes: 121_000_000, lines: 1_000_000, fix: false, concurrency: 'auto' };

describe('planChecks: worker threads only when they pay', () => {
  it.each([
    ['8 idle cores: at most 4 workers', {}, 4, '8 of 8 core(s) free (load 0.0), 1000000 lines'],
    ['2 idle cores: 2 workers', { cores: 2 }, 2, '2 of 2 core(s) free (load 0.0), 1000000 lines'],
    ['2 cores, load 0.4 (rounds to 2 free)', { cores: 2, load: 0.4 }, 2, '2 of 2 core(s) free (load 0.4), 1000000 lines'],
    ['2 cores, load 1: one free core, workers would compete', { cores: 2, load: 1 }, 0, '1 of 2 core(s) free (load 1.0): workers would compete with this thread'],
    ['2 cores, load 4.7 (the shared machine of the audit)', { cores: 2, load: 4.7 }, 0, '0 of 2 core(s) free (load 4.7): workers would compete with this thread'],
    ['8 cores, load 5: 3 free', { load: 5 }, 3, '3 of 8 core(s) free (load 5.0), 1000000 lines'],
    ['one core', { cores: 1 }, 0, '1 of 1 core(s) free (load 0.0): workers would compete with this thread'],
    ['49,999 lines: too few to repay two workers', { lines: 49_999, bytes: 6_000_000 }, 0, '49999 line(s): too few to repay starting workers'],
    ['75,000 lines on 8 free cores: 3 workers (25,000 strings each)', { lines: 75_000, bytes: 9_000_000 }, 3, '8 of 8 core(s) free (load 0.0), 75000 lines'],
    ['600 lines of 195 KB (the 117 MB file of the audit): one line at a time', { lines: 600, bytes: 117_000_000 }, 0, '600 line(s): too few to repay starting workers'],
    ['100,000 lines of 5 KB: long lines', { lines: 100_000, bytes: 500_000_000 }, 0, 'long lines (5000 bytes on average): checked one at a time'],
    ['--fix: this thread', { fix: true }, 0, 'fixing rewrites the file line by line on this thread'],
    ['--concurrency off', { concurrency: 'off' as const }, 0, '--concurrency off'],
    ['--concurrency 3 overrides the load', { concurrency: 3, cores: 2, load: 4 }, 3, '--concurrency 3'],
    ['--concurrency 2 overrides a small file', { concurrency: 2, lines: 10, bytes: 1000 }, 2, '--concurrency 2'],
    ['--fix wins over --concurrency', { concurrency: 2, fix: true }, 0, 'fixing rewrites the file line by line on this thread'],
    ['a negative or missing load is no load', { cores: 2, load: -1 }, 2, '2 of 2 core(s) free (load 0.0), 1000000 lines'],
    ['an empty file', { lines: 0, bytes: 0 }, 0, '1 line(s): too few to repay starting workers'],
  ])('%s', (_name, facts, threads, why) => {
    expect(planChecks({ ...big, ...facts })).toEqual({ threads, why });
  });
});
