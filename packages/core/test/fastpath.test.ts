import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, PRODUCTS, type CheckOptions, type ParamSpec } from '../src/index';
import { answeredFast, checkFully, clearMemo } from '../src/check/index';
import { boundsOf, hasShape, lastShape, layOut, opaqueValues, READS, shapeOf } from '../src/check/fast';
import { outOfRange } from '../src/check/params';
import { Sampler } from '../src/check/sampler';
import { shapeSeeds } from './arbitraries';

/**
 * The fast path (check/fast.ts) only ever answers "clean", and only where the full path would: (a) whatever
 * it answers, the full path (no memo, no fast path) finds nothing; (b) replacing an opaque value by another
 * that passes its compiled test never changes the full path's verdict, which guards the opaque list; (c) which
 * strings take it and which do not, with today's diagnostics for the latter.
 */

const seeds = shapeSeeds;
const options: CheckOptions[] = [{}, { mode: 'async' }, { sourceKey: 'out.mp4' }, { preset: 'strict' }];

/** Values a parameter of this kind may take, aimed at its bounds; only those passing its compiled test are used. */
function valuesOf(ps: ParamSpec): fc.Arbitrary<string> {
  const words = (ps.words ?? []).map((w) => w.value);
  const extra = words.length ? [fc.constantFrom(...words)] : [];
  const lo = ps.min ?? -100000;
  const hi = ps.max ?? 100000000;
  switch (ps.type) {
    case 'int':
      return fc.oneof(fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }).map(String), fc.constantFrom(String(lo), String(hi), `+${hi}`, `0${hi}`), ...extra);
    case 'float':
      return fc.oneof(fc.double({ min: lo, max: hi, noNaN: true }).map((n) => String(n)), fc.constantFrom(String(lo), String(hi), `${lo}.0`), ...extra);
    case 'enum':
      return fc.constantFrom(...(ps.values ?? []).map((v) => v.value));
    case 'size': {
      const side = fc.integer({ min: Math.max(0, Math.ceil(lo)), max: Math.min(100000, Math.floor(hi)) }).map(String);
      return fc.tuple(fc.oneof(side, fc.constant('')), fc.oneof(side, fc.constant(''))).map(([w, h]) => `${w}x${h}`);
    }
    case 'color':
      return fc.stringMatching(/^[0-9A-Fa-f]{6}$/);
    default:
      return fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
  }
}

type Opaque = NonNullable<ReturnType<typeof opaqueValues>>[number];

/** `seed` with its opaque values replaced by others that pass their compiled tests. */
function replacedIn(seed: string): fc.Arbitrary<string> {
  const opaque = opaqueValues(seed) ?? [];
  // beside values aimed at the bounds, the values the string gives the same parameter elsewhere (two watermarks)
  const same = (o: Opaque) => opaque.filter((x) => x.spec === o.spec).map((x) => seed.slice(x.start, x.end));
  const value = (o: Opaque) => fc.option(fc.oneof(valuesOf(o.spec), fc.constantFrom(...same(o))), { nil: undefined });
  return fc.tuple(...opaque.map(value)).map((values) => {
    let text = seed;
    for (let i = opaque.length - 1; i >= 0; i--) {
      const v = values[i];
      const o = opaque[i]!;
      if (v !== undefined && o.test(v, 0, v.length)) text = text.slice(0, o.start) + v + text.slice(o.end);
    }
    return text;
  });
}
const replaced = fc.constantFrom(...seeds).chain(replacedIn);

/** A seed, perhaps with its opaque values replaced, then a few characters deleted or inserted. */
const edits = fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ unit: fc.constantFrom('0', '1', '9', 'x', '_', ',', '/', '|', 'a', 'A', '-', '='), maxLength: 3 })), { maxLength: 4 });
const mutated = fc.tuple(fc.oneof(fc.constantFrom(...seeds), replaced), edits).map(([s, es]) => {
  let out = s;
  for (const [at, del, ins] of es) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + ins + out.slice(i + del);
  }
  return out;
});

/** Whether `b` has the shape `a` has, as check() asks it: `a`'s shape kept, then `b` laid out and compared. */
function sameShape(a: string, b: string): boolean {
  layOut(a);
  const kept = lastShape(a);
  layOut(b);
  return hasShape(b, kept);
}

const runs = { numRuns: Number(process.env.RUNS ?? 1500) };

describe('the fast path', () => {
  // every string asks the shapes here, whatever the strings before it did (sampling has its own tests below)
  beforeAll(() => {
    Sampler.always = true;
  });
  afterAll(() => {
    Sampler.always = false;
  });

  it('covers the seeds: most are clean with a shape, and have opaque values to vary', () => {
    const clean = seeds.filter((s) => shapeOf(s) !== undefined && checkFully(s).length === 0);
    expect(clean.length).toBeGreaterThan(seeds.length / 2);
    expect(clean.filter((s) => (opaqueValues(s) ?? []).length > 0).length).toBeGreaterThan(clean.length / 2);
  });

  it('(b) an opaque value replaced by another that passes its test keeps the shape and the verdict', () => {
    // every clean seed on its own, so that each rule's reads are tried
    const perSeed = { numRuns: Math.ceil(runs.numRuns / 30) };
    for (const seed of seeds) {
      if (shapeOf(seed) === undefined || !(opaqueValues(seed) ?? []).length) continue;
      const clean = options.filter((o) => checkFully(seed, o).length === 0);
      if (!clean.length) continue;
      fc.assert(
        fc.property(replacedIn(seed), fc.constantFrom(...clean), (text, o) => {
          expect(shapeOf(text), text).toBe(shapeOf(seed));
          expect(checkFully(text, o), `${text} (from ${seed}, ${JSON.stringify(o)})`).toEqual([]);
        }),
        perSeed,
      );
    }
  });

  it('(a) whatever the fast path answers, the full path finds the same', () => {
    for (const o of options) for (const s of seeds) check(s, o);
    // a mutated string and others of its shape (its opaque values replaced), so that its findings are learnt
    const family = mutated.chain((s) => fc.tuple(fc.constant(s), fc.array(replacedIn(s), { minLength: 2, maxLength: 4 })));
    let fast = 0;
    let withFindings = 0;
    fc.assert(
      fc.property(family, fc.constantFrom(...options), ([first, others], o) => {
        for (const text of [first, ...others]) {
          const answered = answeredFast(text, o);
          const full = checkFully(text, o);
          expect(check(text, o), `${text} (${JSON.stringify(o)})`).toEqual(full);
          if (answered) {
            fast++;
            if (full.length) withFindings++;
          }
        }
      }),
      runs,
    );
    expect(fast).toBeGreaterThan(runs.numRuns / 2);
    expect(withFindings).toBeGreaterThan(runs.numRuns / 10);
  });

  it('(a) holds for the relations on what is not written (m beside only l or s) and on a bare value (quality), and for an action that stands alone (info)', () => {
    const resize = fc.array(fc.constantFrom('m_fill', 'm_pad', 'm_lfit', 'l_100', 'l_120', 's_50', 'w_100', 'h_100', 'color_FF0000', 'limit_0', 'p_50'), { minLength: 1, maxLength: 5 }).map((ps) => `image/resize,${ps.join(',')}`);
    const steps = fc.array(fc.constantFrom('quality', 'quality,90', 'quality,95', 'quality,200', 'quality,q_80', 'quality,lossless', 'info', 'rotate', 'rotate,90', 'resize,w_1', 'format,webp'), { minLength: 1, maxLength: 3 }).map((xs) => `image/${xs.join('/')}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(resize, steps), { minLength: 2, maxLength: 6 }), (texts) => {
        for (const text of texts) expect(check(text), text).toEqual(checkFully(text));
      }),
      runs,
    );
  });

  it('(c) a string of a known clean shape is answered fast; a misspelled key, an out-of-range value, a codec the container refuses, a bad base64 bucket are not', () => {
    const video = (rest: string) => `video/convert,${rest}|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA`;
    expect(check(video('f_mp4,vcodec_h264,vb_2000000,s_1920x1080'))).toEqual([]);
    // another bitrate and size: the same shape
    expect(answeredFast(video('f_mp4,vcodec_h264,vb_3000001,s_1280x720'))).toBe(true);
    expect(check(video('f_mp4,vcodec_h264,vb_3000001,s_1280x720'))).toEqual([]);
    // the same string in async mode is another verdict: not answered until the full path has seen it so
    expect(answeredFast(video('f_mp4,vcodec_h264,vb_3000001,s_1280x720'), { mode: 'async' })).toBe(false);

    // a misspelled key stays in the shape, with its value; the sizes beside it are left out
    const misspelled = video('f_mp4,vcodex_h264,s_1920x1080');
    // (and the target's classes: a bucket, an object key with a suffix and the extension mp4)
    expect(shapeOf(misspelled)).toBe('video/convert,f_mp4,vcodex_h264,s_\u0000|sys/saveas,b_\u0000b,o_\u0000os:mp4');
    expect(check(misspelled).map((d) => [d.ruleId, d.message, d.range])).toEqual([['unknown-parameter', "Unknown parameter 'vcodex' for video/convert: did you mean 'vcodec'?", { start: 20, end: 26 }]]);

    // a value failing its test stays in the shape, and so does the key written twice
    const fps = video('f_mp4,fps_241');
    const target = '|sys/saveas,b_\u0000b,o_\u0000os:mp4';
    expect(shapeOf(fps)).toBe(`video/convert,f_mp4,fps_241${target}`);
    expect(shapeOf(video('f_mp4,vb_100000,vb_200000'))).toBe(`video/convert,f_mp4,vb_100000,vb_200000${target}`);
    expect(check(fps).map((d) => [d.ruleId, d.message, d.range])).toEqual([
      ['value-out-of-range', 'fps_241: fps must be between 0 and 240', { start: 20, end: 27 }],
      ['ineffective-parameter', 'fps_241 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)', { start: 20, end: 27 }],
    ]);

    // codecs are read by the media family: they stay in the shape, and this shape is not clean
    const webm = 'video/convert,f_webm,vcodec_h264|sys/saveas,b_b3V0YnVja2V0,o_b3V0LndlYm0';
    expect(shapeOf(webm)).toContain('vcodec_h264');
    for (let i = 0; i < 2; i++) {
      expect(answeredFast(webm)).toBe(false);
      expect(check(webm).map((d) => [d.ruleId, d.message, d.range])).toEqual([['codec-container', 'vcodec_h264 in f_webm: WebM carries only VP9 video', { start: 21, end: 32 }]]);
    }

    // base64 targets are decoded by the targets family: a bucket is never opaque
    const good = 'video/convert,f_mp4|sys/saveas,b_YnVja2V0LWE,o_b3V0Lm1wNA';
    const bad = 'video/convert,f_mp4|sys/saveas,b_QmFkX0J1Y2tldA,o_b3V0Lm1wNA';
    expect(check(good)).toEqual([]);
    expect(answeredFast(bad)).toBe(false);
    expect(check(bad).map((d) => [d.ruleId, d.message, d.range])).toEqual([
      ['invalid-bucket-name', "b_QmFkX0J1Y2tldA decodes to 'Bad_Bucket': a bucket name has 3 to 63 lowercase letters, digits and hyphens, and starts and ends with a letter or digit", { start: 31, end: 47 }],
    ]);

    // base64 padding is the targets family's to report: the value stays in the shape, which is not clean
    const padded = 'video/convert,f_mp4|sys/saveas,b_YnVja2V0LWE,o_b3V0Lm1wNA==';
    expect(shapeOf(padded)).toBe('video/convert,f_mp4|sys/saveas,b_\u0000b,o_b3V0Lm1wNA==');
    expect(check(padded).map((d) => [d.ruleId, d.range])).toEqual([['base64-padding', { start: 57, end: 59 }]]);
    expect(answeredFast(padded)).toBe(false);

    // w and h of an exact resize mode are read against the output size limit: not opaque there
    expect(check('image/resize,m_fixed,w_4000,h_4000')).toEqual([]);
    expect(answeredFast('image/resize,m_fixed,w_5000,h_4000')).toBe(false);
    expect(check('image/resize,m_fixed,w_5000,h_4000').map((d) => [d.ruleId, d.message])).toEqual([
      ['output-too-large', 'm_fixed with w_5000 and h_4000 makes 20,000,000 pixels; the output may have at most 16,777,216'],
    ]);
    // in the default mode (lfit) they are opaque
    expect(check('image/resize,w_4000,h_4000')).toEqual([]);
    expect(answeredFast('image/resize,w_5000,h_4001')).toBe(true);
  });

  it('two strings have one shape exactly when hasShape says so: regular shapes by the hash alone, others in place', () => {
    const b64 = (t: string) => Buffer.from(t).toString('base64url');
    // each pair differs in what a shape holds: a name, the order of keys, a class, a prefix, a part's place
    const pairs: [string, string][] = [
      ['image/resize,w_100,h_100', 'image/resize,h_100,w_100'],
      ['image/resize,w_100,h_100', 'image/resize,w_100,l_100'],
      ['image/resize,w_100/quality,q_90', 'image/resize,w_100|image/quality,q_90'],
      ['image/resize,w_100', 'x-oss-process=image/resize,w_100'],
      ['x-oss-process=video/convert,f_mp4', 'x-oss-async-process=video/convert,f_mp4'],
      [`video/convert,f_mp4|sys/saveas,o_${b64('a.mp4')}`, `video/convert,f_mp4|sys/saveas,o_${b64('a.mov')}`],
      ['image/rotate,90', 'image/rotate,90,90'],
      ['image/resize,w_100||image/rotate,90', 'image/resize,w_100|||image/rotate,90'],
      ['image/resize,w_100,zz_12', 'image/resize,w_100,zy_12'],
      ['video/convert,f_mp4,vcodec_h264', 'video/convert,f_mp4,vcodec_h265'],
    ];
    for (const [a, b] of pairs) {
      expect(shapeOf(a), a).not.toBe(shapeOf(b));
      expect(sameShape(a, b), `${a} / ${b}`).toBe(false);
      expect(sameShape(b, a), `${b} / ${a}`).toBe(false);
      expect(sameShape(a, a.replace(/_100/g, '_7'))).toBe(true);
    }
    fc.assert(
      fc.property(fc.oneof(mutated, replaced), fc.oneof(mutated, replaced), (a, b) => {
        const [sa, sb] = [shapeOf(a), shapeOf(b)];
        if (sa === undefined || sb === undefined) return;
        expect(sameShape(a, b), `${a} / ${b}`).toBe(sa === sb);
      }),
      runs,
    );
    // strings of one shape: each seed and its opaque values replaced
    fc.assert(
      fc.property(fc.constantFrom(...seeds).chain((s) => fc.tuple(fc.constant(s), replacedIn(s))), ([a, b]) => {
        if (shapeOf(a) !== undefined) expect(sameShape(a, b), `${a} / ${b}`).toBe(true);
      }),
      runs,
    );
  });

  it('strings that are not simple have no shape; what the catalog does not name stays in it as written', () => {
    // very long strings are the full path's (their shapes would be too large to keep)
    expect(shapeOf(`image/resize,w_100${',w_1'.repeat(5000)}`)).toBeUndefined();
    expect(shapeOf(`image/resize,w_100${',w_1'.repeat(3000)}`)).toBeDefined();
    for (const s of ['image/resize,w_100 ', 'image/resize,w_%31', 'image//resize', 'image/resize,w_100\u00e9', '/resize']) expect(shapeOf(s), s).toBeUndefined();
    const same = ['Image/resize,w_100', 'image/Resize,w_100', 'image/resize,W_100', 'image/resize,w_1.5', 'image/format,jpeg', 'resize,w_100', 'video/convert,f_mp4|notify,topic_YQ', 'style/name'];
    for (const s of same) expect(shapeOf(s), s).toBe(s);
    // one positional value too many: the first is left out, the rest stay
    expect(shapeOf('image/rotate,90,90')).toBe('image/rotate,\u0000,90');
    // an empty part stays; after an empty parameter, positional values stay too (the tree builder numbers them)
    expect(shapeOf('image/resize,,w_100||image/rotate,,90')).toBe('image/resize,,w_\u0000||image/rotate,,90');
    expect(shapeOf('image/resize,w_100,')).toBe('image/resize,w_\u0000,');
    expect(shapeOf('video/convert,f_mp4|sys/saveas,o_')).toBe('video/convert,f_mp4|sys/saveas,o_');
    // the digits of a lowercase key the action does not know, written once, are a class of their own
    expect(shapeOf('image/resize,w_100,zz_12')).toBe('image/resize,w_\u0000,zz_\u0001');
    for (const s of ['image/resize,w_100,zz_12,zz_13', 'image/resize,w_100,Zz_12', 'image/resize,w_100,zz_1a', 'image/resize,w_100,zz_']) expect(shapeOf(s), s).not.toContain('\u0001');
  });

  it('reads the bounds of a number as params.ts does', () => {
    const numbers = [-1e9, -100, -1, -0.5, 0, 0.5, 1, 2, 3, 99, 100, 101, 240, 241, 1000, 16384, 16385, 1e9];
    for (const p of PRODUCTS) {
      for (const a of p.actions) {
        for (const ps of a.params.filter((x) => x.type === 'int' || x.type === 'float' || x.type === 'size')) {
          for (const n of [...numbers, ps.min ?? 0, ps.max ?? 0, (ps.min ?? 0) + 1, (ps.max ?? 0) - 1]) expect(outOfRange(n, boundsOf(ps)), `${a.name} ${ps.key} ${n}`).toBe(outOfRange(n, ps));
        }
      }
    }
  });

  it('lists every key the rule families read by name (check/*.ts)', () => {
    const dir = join(__dirname, '../src/check');
    const listed = new Set(READS.flatMap((r) => r.keys ?? []));
    const read = /(?:written|value|byKey\.get|known\(a,\s*)\(?'([A-Za-z]+)'\)/g;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'fast.ts')) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(read)) expect(listed, `${file} reads '${m[1]}'`).toContain(m[1]);
    }
  });
});

describe('where shapes stop answering', () => {
  /** 24 clean strings, each of a shape of its own: the order of resize's keys is held as written. */
  const orders = (list: string[]): string[][] => (list.length <= 1 ? [list] : list.flatMap((k, i) => orders([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [k, ...rest])));
  const cleanShapes = (mode: string) => orders([`m_${mode}`, 'w_100', 'h_100', 'limit_0']).map((o) => `image/resize,${o.join(',')}`);
  /** A value failing its test is held as written too: a shape of its own in every string, and none answered. */
  const unanswered = Array.from({ length: 200 }, (_, i) => `image/resize,w_${i}x`);

  it('asks them for one string in eight, and for every string again once answers come back', () => {
    clearMemo();
    const [first, second] = [cleanShapes('lfit'), cleanShapes('mfit')];
    expect(new Set([...first, ...second].map((s) => shapeOf(s))).size).toBe(48);
    for (const s of [...first, ...second]) expect(checkFully(s)).toEqual([]);
    // answers are still coming: every string asks, so each clean shape is learnt from its first string
    const known = first.slice(0, 4);
    for (const s of known) check(s);
    expect(known.filter((s) => answeredFast(s))).toHaveLength(4);
    // a run of strings no shape answers: then one string in eight asks, so only it teaches its shape
    for (const s of unanswered) expect(check(s).map((d) => d.ruleId)).toEqual(['invalid-value']);
    const rest = first.slice(4);
    for (const s of rest) expect(check(s)).toEqual([]);
    const learnt = rest.filter((s) => answeredFast(s)).length;
    expect(learnt).toBeGreaterThanOrEqual(2);
    expect(learnt).toBeLessThanOrEqual(3);
    // the shapes learnt answer the strings that ask, which brings every string back to asking
    for (let i = 0; i < 200; i++) expect(check(known[i % 4]!)).toEqual([]);
    const fresh = second.slice(0, 12);
    for (const s of fresh) expect(check(s)).toEqual([]);
    expect(fresh.filter((s) => answeredFast(s))).toHaveLength(12);
  });
});
