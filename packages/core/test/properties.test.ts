import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, check, explain, fixAll, format, lintDocument, parse, PRODUCTS, type Diagnostic, type Fix, type ParseOptions } from '../src/index';
import { memoUsage } from '../src/check/index';

/** Strings made of the language's own pieces, so the properties reach deep into the checker. */
const words = [...new Set(PRODUCTS.flatMap((p) => [p.name, ...p.actions.flatMap((a) => [a.name, ...a.params.map((x) => x.key)])]))];
const values = ['mp4', 'mp3', 'h264', 'h265', 'vp9', 'copy', '0', '1', '241', '-5', '1920x1080', '1921x', 'x', 'b3V0Lm1wNA', 'out.mp4', 'dGVzdA==', 'Pz8+', '1.5', 'hls', 'lfit', '', '\uE000'];
const piece = fc.oneof(
  fc.constantFrom(...words),
  fc.constantFrom(...values),
  fc.constantFrom(',', '/', '|', '_', 'x-oss-process=', 'x-oss-async-process=', '%2C', '%7C', ' ', '='),
  fc.tuple(fc.constantFrom(...words), fc.constantFrom(...values)).map(([k, v]) => `${k}_${v}`),
);
const languageLike = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));
/** Seed strings with a few characters changed, dropped or doubled. */
const seeds = [
  'x-oss-async-process=video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  'image/resize,m_lfit,w_100,h_100/rotate,90/format,webp',
  'image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30,g_se,x_10,y_10',
];
const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 5 })).map(([s, edits]) => {
  let out = s;
  for (const [at, del, ins] of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + ins + out.slice(i + del);
  }
  return out;
});
const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), languageLike, mutated, fc.constantFrom(',,,', '|||', '///', '___', '%', '%%2', '%E4%B8'));

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
