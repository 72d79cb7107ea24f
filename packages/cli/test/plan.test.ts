import { describe, expect, it } from 'vitest';
import { sampleSize, timeChecks } from '../src/lint/ossproc';
import { planChecks, type PlanFacts } from '../src/lint/plan';

// a 1,000,000-line preset file (121 MB) on an idle machine of 8 cores, where core checks a string in 40 µs
const big: PlanFacts = { cores: 8, load: 0, bytes: 121_000_000, lines: 1_000_000, fix: false, concurrency: 'auto', secondsPerString: (): number => 40e-6 };
const idle8 = '8 of 8 core(s) free (load 0.0)';

describe('planChecks: worker threads only when they pay', () => {
  it.each([
    ['8 idle cores: at most 4 workers', {}, 4, `${idle8}, 1000000 lines, about 40.0 s of checks on one thread`],
    ['2 idle cores: two workers and this thread would share them', { cores: 2 }, 0, '2 of 2 core(s) free (load 0.0): workers would compete with this thread'],
    ['2 cores, load 0.4 (rounds to 2 free)', { cores: 2, load: 0.4 }, 0, '2 of 2 core(s) free (load 0.4): workers would compete with this thread'],
    ['3 idle cores: 2 workers beside this thread', { cores: 3 }, 2, '3 of 3 core(s) free (load 0.0), 1000000 lines, about 40.0 s of checks on one thread'],
    ['2 cores, load 1: one free core, workers would compete', { cores: 2, load: 1 }, 0, '1 of 2 core(s) free (load 1.0): workers would compete with this thread'],
    ['2 cores, load 4.7 (the shared machine of the audit)', { cores: 2, load: 4.7 }, 0, '0 of 2 core(s) free (load 4.7): workers would compete with this thread'],
    ['8 cores, load 5: 3 free, 2 workers', { load: 5 }, 2, '3 of 8 core(s) free (load 5.0), 1000000 lines, about 40.0 s of checks on one thread'],
    ['one core', { cores: 1 }, 0, '1 of 1 core(s) free (load 0.0): workers would compete with this thread'],
    ['a fast core: 1M lines at 1.5 µs are 1.5 s of work, too little for two workers', { secondsPerString: (): number => 1.5e-6 }, 0, `${idle8}, 1000000 lines, about 1.5 s of checks on one thread: too little to repay starting workers`],
    ['a fast core: 1M lines at 3 µs, a second of work for each of 3 workers', { secondsPerString: (): number => 3e-6 }, 3, `${idle8}, 1000000 lines, about 3.0 s of checks on one thread`],
    ['30,000 lines at 40 µs: 1.2 s, too little', { lines: 30_000, bytes: 3_600_000 }, 0, `${idle8}, 30000 lines, about 1.2 s of checks on one thread: too little to repay starting workers`],
    ['75,000 lines at 40 µs: 3 s, 3 workers', { lines: 75_000, bytes: 9_000_000 }, 3, `${idle8}, 75000 lines, about 3.0 s of checks on one thread`],
    ['9,999 lines: checked here whatever the speed', { lines: 9_999, bytes: 1_200_000, secondsPerString: (): number => 1 }, 0, '9999 line(s): too few to repay starting workers'],
    ['600 lines of 195 KB (the 117 MB file of the audit): one line at a time', { lines: 600, bytes: 117_000_000 }, 0, '600 line(s): too few to repay starting workers'],
    ['100,000 lines of 5 KB: long lines', { lines: 100_000, bytes: 500_000_000 }, 0, 'long lines (5000 bytes on average): checked one at a time'],
    ['--fix: this thread', { fix: true }, 0, 'fixing rewrites the file line by line on this thread'],
    ['--concurrency off', { concurrency: 'off' as const }, 0, '--concurrency off'],
    ['--concurrency 3 overrides the load', { concurrency: 3, cores: 2, load: 4 }, 3, '--concurrency 3'],
    ['--concurrency 2 overrides a small file', { concurrency: 2, lines: 10, bytes: 1000 }, 2, '--concurrency 2'],
    ['--fix wins over --concurrency', { concurrency: 2, fix: true }, 0, 'fixing rewrites the file line by line on this thread'],
    ['a negative load is no load', { cores: 4, load: -1 }, 3, '4 of 4 core(s) free (load 0.0), 1000000 lines, about 40.0 s of checks on one thread'],
    ['an empty file', { lines: 0, bytes: 0 }, 0, '1 line(s): too few to repay starting workers'],
  ])('%s', (_name, facts, threads, why) => {
    expect(planChecks({ ...big, ...facts })).toEqual({ threads, why });
  });

  it('times checks only when the other facts leave workers possible', () => {
    let timed = 0;
    const secondsPerString = () => {
      timed++;
      return 40e-6;
    };
    for (const facts of [{ fix: true }, { concurrency: 'off' as const }, { concurrency: 2 }, { lines: 100 }, { cores: 1 }, { cores: 2, load: 3 }, { lines: 100_000, bytes: 1e9 }]) planChecks({ ...big, ...facts, secondsPerString });
    expect(timed).toBe(0);
    planChecks({ ...big, secondsPerString });
    expect(timed).toBe(1);
  });
});

describe('timeChecks: how fast core checks a file here, on its first lines', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => `image/resize,m_lfit,w_${100 + (i % 900)},h_${100 + (i % 7)}/quality,q_${50 + (i % 50)}`);

  it('times the strings of whole lines (a few µs to a few ms each), comments and blanks left out', () => {
    const s = timeChecks(Buffer.from(`# presets\n\n${lines.join('\n')}\n`), { mode: 'auto', rules: {} });
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(0.01);
  });

  it('lines ended by CRLF or a lone CR are timed too', () => {
    expect(timeChecks(Buffer.from(`${lines.join('\r\n')}\r\n`), {})).toBeGreaterThan(0);
    expect(timeChecks(Buffer.from(`${lines.join('\r')}\r`), {})).toBeGreaterThan(0);
  });

  it('times the second half of the sample, after the first has warmed up and taught core the shapes', () => {
    // slow strings first (hundreds of findings each), quick ones after: the rate is the quick ones'
    const slow = Array.from({ length: 500 }, (_, i) => `image/resize,w_${i}${',w_1'.repeat(200)}`);
    const quick = Array.from({ length: 500 }, (_, i) => `image/resize,w_${i + 1}`);
    const slowRate = timeChecks(Buffer.from(`${slow.join('\n')}\n${slow.map((l) => `${l},h_1`).join('\n')}\n`), {});
    const mixedRate = timeChecks(Buffer.from(`${slow.join('\n')}\n${quick.join('\n')}\n`), {});
    // timing the whole sample would give about half the slow rate, the first half all of it; the quick ones
    // alone are 40-400× faster on an idle machine, and far above 4× on a loaded one
    expect(mixedRate).toBeLessThan(slowRate / 4);
    // the sample grows with the file: one line in twenty, from 1,000 to 8,000 strings
    expect([10_000, 60_000, 1_000_000].map(sampleSize)).toEqual([1000, 3000, 8000]);
  });

  it('nothing to time: a chunk without a whole line, or only comments', () => {
    expect(timeChecks(Buffer.from('image/resize,w_100'), {})).toBe(0);
    expect(timeChecks(Buffer.from('# a\n# b\n'), {})).toBe(0);
  });
});
