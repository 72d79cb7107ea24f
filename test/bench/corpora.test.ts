import { describe, expect, it } from 'vitest';
import { check } from '@ossproc/core';
import { answeredFast, checkFully } from '../../packages/core/src/check/index';
// @ts-expect-error: a plain ES module of the CLI's benchmark (its line generator)
import { makeLine } from '../../packages/cli/bench/lint-bench.mjs';
import { brokenCorpus, random } from './broken-bench';
import { distinctCorpus } from './corpus';

/**
 * The benchmarks' corpora, checked through check() (fast path, shapes, templates, memo) and through the full path
 * alone: the same diagnostics for every string, under several option sets. They are what the budgets are measured
 * on, so the figures are of a checker that gives the full path's answers; most strings are answered by shape.
 */

const options = [{}, { preset: 'strict' as const }, { mode: 'async' as const }, { sourceKey: 'outobjprefix/7.mp4' }];

describe("the benchmarks' corpora", () => {
  it('every string gets the full path’s diagnostics from check(), and most are answered by their shape', () => {
    const next = random(7);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const line = makeLine(i, next) as string;
      if (!line.startsWith('#')) lines.push(line);
    }
    for (let round = 0; round < 2; round++) lines.push(...brokenCorpus(600, round, 'shapes'), ...brokenCorpus(600, round, 'mutated'), ...brokenCorpus(600, round, 'combined'), ...distinctCorpus(1500, 'mixed', round));
    let fast = 0;
    for (const o of options) {
      for (const s of lines) {
        if (answeredFast(s, o)) fast++;
        expect(check(s, o), `${s} ${JSON.stringify(o)}`).toEqual(checkFully(s, o));
      }
    }
    expect(fast).toBeGreaterThan(0.6 * options.length * lines.length);
  }, 300_000);
});
