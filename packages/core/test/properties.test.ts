import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, check, explain, fixAll, format, lintDocument, parse, type Diagnostic, type Fix, type ParseOptions } from '../src/index';
import { memoUsage } from '../src/check/index';
import { anything } from './arbitraries';

const runs = { numRuns: Number(process.env.RUNS ?? 400) };

describe('properties', () => {
  it('parse never throws, is lossless, and ranges stay inside the text', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const r = parse(text);
        expect(r.tokens.map((t) => text.slice(t.range.start, t.range.end)).join('')).toBe(text);
        for (const e of r.errors) {
          expect(e.range.start).toBeGreaterThanOrEqual(0);
          expect(e.range.end).toBeLessThanOrEqual(text.length);
          expect(e.range.start).toBeLessThanOrEqual(e.range.end);
        }
      }),
      runs,
    );
  });

  it('parses a 100 KB string and a string of separators only', () => {
    const big = 'image/resize,w_100,'.repeat(6000);
    expect(parse(big).tokens.map((t) => t.text).join('')).toBe(big);
    expect(() => check(big)).not.toThrow();
    const seps = ',/|_'.repeat(25000);
    expect(parse(seps).tokens.map((t) => seps.slice(t.range.start, t.range.end)).join('')).toBe(seps);
    expect(() => check(seps)).not.toThrow();
  });

  it('check and explain never throw, and every diagnostic has a rule, a message and a range inside the text', () => {
    fc.assert(
      fc.property(anything, fc.constantFrom('auto', 'sync', 'async') as fc.Arbitrary<'auto' | 'sync' | 'async'>, (text, mode) => {
        for (const d of check(text, { mode, sourceKey: 'out.mp4' })) {
          expect(d.ruleId).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeLessThanOrEqual(text.length);
        }
        explain(text);
      }),
      runs,
    );
  });

  it('every certain fix removes its diagnostic and adds no error', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const before = check(text);
        for (const d of before) {
          const fix = d.fixes?.find((f) => f.certain);
          if (!fix) continue;
          const after = check(applyFixes(text, [{ ...d, fixes: [fix] }]).text);
          const same = (x: typeof d) => x.ruleId === d.ruleId && x.message === d.message;
          expect(after.filter(same).length, `${d.ruleId} fixed by "${fix.title}" in ${JSON.stringify(text)}`).toBeLessThan(before.filter(same).length);
          expect(after.filter((x) => x.severity === 'error').length).toBeLessThanOrEqual(before.filter((x) => x.severity === 'error').length);
        }
      }),
      runs,
    );
  });

  it('one round of fixing takes every certain fix: it removes them, adds no error, never duplicates a key, leaves nothing certain', () => {
    const perRule = (ds: readonly Diagnostic[], keep: (d: Diagnostic) => boolean = () => true) => {
      const m = new Map<string, number>();
      for (const d of ds) if (keep(d)) m.set(d.ruleId, (m.get(d.ruleId) ?? 0) + 1);
      return m;
    };
    fc.assert(
      fc.property(anything, (text) => {
        const before = check(text);
        const round = applyFixes(text, before);
        const after = check(round.text);
        const fixedRules = perRule(before.filter((d) => round.applied.includes(d.fixes?.find((f) => f.certain) as Fix)));
        const why = `${JSON.stringify(text)} → ${JSON.stringify(round.text)}`;
        expect(after.filter((d) => d.fixes?.some((f) => f.certain)).map((d) => d.message), why).toEqual([]);
        const beforeAll = perRule(before);
        for (const [rule, n] of fixedRules) expect(perRule(after).get(rule) ?? 0, `${rule} in ${why}`).toBeLessThanOrEqual(beforeAll.get(rule)! - n);
        const beforeErrors = perRule(before, (d) => d.severity === 'error');
        for (const [rule, n] of perRule(after, (d) => d.severity === 'error')) expect(n, `${rule} errors in ${why}`).toBeLessThanOrEqual(beforeErrors.get(rule) ?? 0);
        expect(perRule(after).get('duplicate-parameter') ?? 0, why).toBeLessThanOrEqual(beforeAll.get('duplicate-parameter') ?? 0);
        expect(fixAll(text).text, why).toBe(round.text);
      }),
      runs,
    );
  });

  it('fixAll reaches a fixed point', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const once = fixAll(text).text;
        expect(fixAll(once).text).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('format is idempotent and keeps the verdict, under the parse options check takes', () => {
    const verdict = (text: string, options: ParseOptions) =>
      check(text, options)
        .filter((d) => d.ruleId !== 'syntax-error')
        .map((d) => `${d.ruleId}:${d.severity}`)
        .sort();
    fc.assert(
      fc.property(anything, fc.constantFrom<ParseOptions['percentDecode']>(undefined, true, false, 'auto'), (text, percentDecode) => {
        const options = { percentDecode };
        const once = format(text, options);
        expect(format(once, options)).toBe(once);
        expect(verdict(once, options), JSON.stringify([text, once])).toEqual(verdict(text, options));
        // what format repairs is gone: no whitespace (commas stay: formatting never deletes a parameter, even an empty one)
        const repairable = check(once, options).filter((d) => d.ruleId === 'syntax-error' && d.fixes?.some((f) => f.certain && /whitespace/i.test(f.title)));
        if (once !== text) expect(repairable.map((d) => d.message)).toEqual([]);
      }),
      runs,
    );
  });

  it("the check memo's accounted size stays under its bound", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anything, anything.map((s) => s.repeat(20))), { maxLength: 20 }), (texts) => {
        for (const t of texts) check(t);
        const { bytes, maxBytes } = memoUsage();
        expect(bytes).toBeLessThanOrEqual(maxBytes);
      }),
      { numRuns: 50 },
    );
  });

  it('lintDocument never throws on any host language', () => {
    const languages = ['ossproc', 'java', 'python', 'go', 'javascript', 'typescript', 'json', 'yaml', 'markdown', 'html', 'xml', 'text'] as const;
    fc.assert(
      fc.property(anything, fc.constantFrom(...languages), (text, language) => {
        const r = lintDocument(`x = "${text}"\n${text}`, { language });
        for (const d of r.diagnostics) expect(d.range.end).toBeLessThanOrEqual(text.length * 2 + 7);
      }),
      { numRuns: 300 },
    );
  });
});
