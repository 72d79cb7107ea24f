import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { check, PRODUCTS, type CheckOptions } from '../src/index';
import { checkFully, clearMemo, templateFor } from '../src/check/index';
import { Sampler } from '../src/check/sampler';
import { skeletonLanes, skeletonOf, skeletonState } from '../src/check/skeleton';
import { shapeSeeds } from './arbitraries';

/**
 * The skeleton (check/skeleton.ts) answers a string that differs from a known one only in its runs (numbers and
 * names) with what is known of their shape — clean, or a findings template — and only as the full path would:
 * runs the shape leaves out must pass their tests or have their classes, runs it holds as written must be the
 * same text.
 */

const seeds = shapeSeeds;
const options: CheckOptions[] = [{}, { mode: 'async' }, { sourceKey: 'out.mp4' }, { preset: 'strict' }];

/** The keys of base64 parameters: their values are runs. */
const NAMED = [...new Set(PRODUCTS.flatMap((p) => p.actions.flatMap((a) => a.params.filter((ps) => ps.type === 'base64' && !ps.positional).map((ps) => ps.key))))];
/**
 * The runs of a string, as skeleton.ts takes them: the value of a named key (after its `,key_`) where it is
 * printable ASCII without `%` or `x-oss-`, and digits after `_` or `,`, each up to a separator or the end.
 */
const NAME_CHAR = '[\\x21-\\x24\\x26-\\x2b\\x2d\\x2e\\x30-\\x7b\\x7d\\x7e]';
const RUN = new RegExp(`(?<=,(?:${NAMED.join('|')})_)(?:(?!x-oss-)${NAME_CHAR})+(?=[,/|]|$)|(?<=[_,])\\d+(?=[,/|]|$)`, 'g');

/** Numbers for a run: in and out of every range, with leading zeros, very long. */
const number = fc.oneof(fc.nat(100).map(String), fc.nat().map(String), fc.stringMatching(/^0\d{1,4}$/), fc.stringMatching(/^\d{15,25}$/), fc.constantFrom('0', '1', '240', '241', '4096', '16384', '16385', '44100', '8000'));

const b64 = (s: string) => Buffer.from(s).toString('base64url');
/** Names for a named run: object keys of every extension, texts, and what is not base64 at all. */
const name = fc.oneof(
  fc.tuple(fc.stringMatching(/^[a-z0-9/{}]{1,12}$/), fc.constantFrom('.mp4', '.png', '.jpg', '.m3u8', '.mp3', '.{autoext}', '', '.MP4')).map(([a, b]) => b64(a + b)),
  fc.string({ maxLength: 12 }).map(b64),
  fc.constantFrom('not base64!', '====', 'b3V0Lm1wNA==', 'b3V0'),
);

/** `seed` with some of its runs replaced: numbers by other numbers, named values by other names. */
const renumbered = (seed: string) =>
  fc.array(fc.option(fc.oneof(number, name), { nil: undefined }), { minLength: 8, maxLength: 8 }).map((values) => {
    let k = 0;
    return seed.replace(RUN, (run) => {
      const v = values[k++ % values.length];
      // a number for a number, a name for a name (now and then the other way round)
      return v === undefined || (/^\d+$/.test(run) !== /^\d+$/.test(v) && k % 4 !== 0) ? run : v;
    });
  });

/** Whether the skeleton answers `text` now, as check() would ask it: clean (no findings), or by a template. */
function bySkeleton(text: string, o: CheckOptions = {}): 'clean' | 'template' | undefined {
  const hash = skeletonOf(text);
  const state = hash === -1 ? undefined : skeletonState(hash, text, optionsKeyOf(o), o.sourceKey);
  return state === undefined ? undefined : state.diagnostics.length === 0 ? 'clean' : 'template';
}
const answeredBySkeleton = (text: string, o: CheckOptions = {}) => bySkeleton(text, o) !== undefined;
// the key check() keeps what it knows under for these options (index.ts `optionsKey`)
const optionsKeyOf = (o: CheckOptions) => `${o.preset ?? 'recommended'}|${o.mode ?? 'auto'}|${o.sourceKey ?? ''}|false|auto|`;

/** `seed` with every number of a run moved by `i` (distinct strings of its skeleton, mostly of its shape). */
const moved = (seed: string, i: number) => seed.replace(RUN, (run) => (/^\d{1,12}$/.test(run) ? String(Number(run) + i) : run));

/**
 * Teaches the skeleton of `seed`: the seed three times (a clean shape is learnt on its first string, and a
 * skeleton is kept the second time the fast path knows its shape), then distinct strings of it (a template is
 * learnt on a shape's second string and keeps its verdict from a later one; the memo would answer a repeated one).
 */
function teach(seed: string, o: CheckOptions = {}): void {
  for (let i = 0; i < 3; i++) check(seed, o);
  for (let i = 1; i < 6; i++) check(moved(seed, i), o);
}

/** Broken strings with numbers and names to vary: their shapes have templates (findings.ts). */
const broken = [
  'video/convert,f_mp4,fps_241,vb_12345|sys/saveas,o_b3V0Lm1wNA',
  'image/resize,m_fit,w_99999,h_10/crop,w_20/format,jpeg',
  'video/convert,f_mp4,vcodex_h264,s_1921x1080,vb_10000|sys/saveas,o_out.mp4',
  'video/convert,f_mp4,vb_10000|sys/saveas,o_b3V0Lm1wNA,t_5',
  'video/convert,,f_webm,vcodec_h264,vb_10001||sys/saveas,o_',
  'video/convert,f_mp4,acodec_aac,aq_80,ab_100000|sys/saveas,o_b3V0Lm1wNA',
  'image/watermark,text_SGVsbG8,size_30,x_10,y_10,g_middle,t_101',
];

beforeEach(() => clearMemo());
// every string asks the skeletons and shapes, whatever the strings before it did (but in the sampling test)
beforeAll(() => {
  Sampler.always = true;
});
afterAll(() => {
  Sampler.always = false;
});

describe('the skeleton', () => {
  it('answers a string of a known one renumbered, and only as the full path does', () => {
    const answers = { clean: 0, template: 0, tried: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...seeds, ...broken), fc.constantFrom(...options), fc.gen(), (seed, o, gen) => {
        teach(seed, o);
        const text = gen(renumbered, seed);
        answers.tried++;
        const by = bySkeleton(text, o);
        if (by) answers[by]++;
        if (by === 'clean') expect(checkFully(text, o), `${text} (from ${seed}, ${JSON.stringify(o)})`).toEqual([]);
        expect(check(text, o), `${text} (from ${seed}, ${JSON.stringify(o)})`).toEqual(checkFully(text, o));
      }),
      { numRuns: Number(process.env.RUNS ?? 1500) },
    );
    // the property is not met by a skeleton that never answers, or answers only clean strings
    expect(answers.clean).toBeGreaterThan(answers.tried / 5);
    expect(answers.template).toBeGreaterThan(answers.tried / 50);
  });

  it('fills a template in with the string’s own values: the messages and ranges of the full path', () => {
    // strings of one shape: the failing fps is held as written, the bitrate is left out
    for (let i = 0; i < 6; i++) check(`video/convert,f_mp4,fps_241,vb_${12345 + i}|sys/saveas,o_b3V0Lm1wNA`);
    const text = 'video/convert,f_mp4,fps_241,vb_987654|sys/saveas,o_b3V0Lm1wNA';
    expect(bySkeleton(text)).toBe('template');
    const found = check(text);
    expect(found).toEqual(checkFully(text));
    // the bitrate's finding quotes this string's value, at its own range (longer than the teaching strings')
    expect(found.map((d) => [d.ruleId, d.range, d.message])).toEqual([
      ['value-out-of-range', { start: 20, end: 27 }, 'fps_241: fps must be between 0 and 240'],
      ['ineffective-parameter', { start: 20, end: 27 }, 'fps_241 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)'],
      ['ineffective-parameter', { start: 28, end: 37 }, 'vb_987654 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)'],
    ]);
    expect(found[2]!.fixes?.[0]?.edits).toEqual([{ range: { start: 27, end: 37 }, newText: '' }]);
    // a value its shape holds as written (the failing fps) must be written the same
    expect(bySkeleton(text.replace('fps_241', 'fps_242'))).toBe(undefined);
  });

  it('answers a template once it keeps its verdict, or once strings have shown it does not', () => {
    // a shape whose verdict settles (findings.ts `settled`): its strings are laid out until it has
    const settles = (i: number) => `video/convert,f_mp4,vcodex_h264,s_1921x1080|sys/saveas,o_out.mp4,t_${i}`;
    for (let i = 0; i < 12; i++) check(settles(i));
    expect(templateFor(settles(99))?.settled).toBeDefined();
    expect(bySkeleton(settles(100))).toBe('template');
    // one whose fixed texts never settle it: after a few strings the skeleton answers it all the same
    const never = (i: number) => `video/convert,f_mp4,fps_241,vb_${12345 + i}|sys/saveas,o_b3V0Lm1wNA`;
    for (let i = 0; i < 6; i++) check(never(i));
    expect(templateFor(never(99))?.settled).toBeUndefined();
    // known to the skeleton, still laid out: each string after the two that teach the template is a try
    expect(bySkeleton(never(100))).toBe('template');
    expect(templateFor(never(99))?.unsettled).toBe(4);
    for (let i = 6; i < 20; i++) check(never(i));
    // eight tries, then the skeleton's answer (no more tries counted)
    expect(templateFor(never(99))?.unsettled).toBe(8);
    for (const i of [200, 201]) expect(check(never(i))).toEqual(checkFully(never(i)));
  });

  it('is kept when met twice, so strings that never repeat one keep nothing', () => {
    const seed = 'image/resize,m_lfit,w_100,h_100';
    check(seed);
    check('image/resize,m_lfit,w_5,h_6');
    expect(answeredBySkeleton('image/resize,m_lfit,w_7,h_9')).toBe(false);
    check('image/resize,m_lfit,w_8,h_9');
    expect(answeredBySkeleton('image/resize,m_lfit,w_10,h_11')).toBe(true);
  });

  it('answers a width in range, not one out of it', () => {
    teach('image/resize,m_lfit,w_100,h_100');
    expect(answeredBySkeleton('image/resize,m_lfit,w_16384,h_7')).toBe(true);
    expect(answeredBySkeleton('image/resize,m_lfit,w_16385,h_7')).toBe(false);
    expect(check('image/resize,m_lfit,w_16385,h_7').map((d) => [d.ruleId, d.range])).toEqual([['value-out-of-range', { start: 20, end: 27 }]]);
    // leading zeros are a number in range to the full path too
    expect(answeredBySkeleton('image/resize,m_lfit,w_0100,h_7')).toBe(true);
    expect(checkFully('image/resize,m_lfit,w_0100,h_7')).toEqual([]);
  });

  it('holds a number some rule reads as written: w × h in the exact modes', () => {
    teach('image/resize,m_fixed,w_100,h_100');
    expect(answeredBySkeleton('image/resize,m_fixed,w_100,h_100')).toBe(true);
    // each side within its range, the product past the output limit: only the full path knows
    expect(answeredBySkeleton('image/resize,m_fixed,w_16384,h_16384')).toBe(false);
    expect(check('image/resize,m_fixed,w_16384,h_16384').length).toBeGreaterThan(0);
    expect(checkFully('image/resize,m_fixed,w_16384,h_16384').length).toBeGreaterThan(0);
  });

  it('holds the audio channels and sample rate as written (the codec reads them)', () => {
    const seed = 'video/convert,f_mp4,vcodec_h264,ac_2,acodec_aac,ar_44100|sys/saveas,o_b3V0Lm1wNA';
    teach(seed);
    expect(answeredBySkeleton(seed)).toBe(true);
    expect(answeredBySkeleton(seed.replace('ar_44100', 'ar_8000'))).toBe(false);
    expect(answeredBySkeleton(seed.replace('ac_2', 'ac_1'))).toBe(false);
  });

  it('answers an object key of the same class, not one whose extension the format contradicts', () => {
    const saved = (key: string) => `video/convert,f_mp4,vcodec_h264,acodec_aac|sys/saveas,b_${b64('bucket')},o_${b64(key)}`;
    teach(saved('out/1.mp4'));
    expect(answeredBySkeleton(saved('elsewhere/a name.mp4'))).toBe(true);
    expect(answeredBySkeleton(saved('out/1.mp3'))).toBe(false);
    expect(check(saved('out/1.mp3')).map((d) => d.ruleId)).toEqual(checkFully(saved('out/1.mp3')).map((d) => d.ruleId));
    expect(checkFully(saved('out/1.mp3')).length).toBeGreaterThan(0);
    expect(answeredBySkeleton(saved('out/1.mp4').replace(/o_[\w-]+$/, 'o_not base64'))).toBe(false);
  });

  it('is per options: a skeleton learnt under one is not clean under another', () => {
    teach('image/resize,m_lfit,w_100,h_100');
    expect(answeredBySkeleton('image/resize,m_lfit,w_7,h_9')).toBe(true);
    expect(answeredBySkeleton('image/resize,m_lfit,w_7,h_9', { preset: 'strict' })).toBe(false);
  });

  it('is the text outside the runs: two strings share its lanes just when those agree', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '9', '_', ',', '/', '|', 'a', 'o', 'b', 'x', '%', ' ', 'x-oss-', '-'), maxLength: 12 });
    const outside = (s: string) => s.replace(RUN, '#');
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(String(skeletonLanes(a)) === String(skeletonLanes(b)), `${a} / ${b}`).toBe(outside(a) === outside(b));
      }),
      { numRuns: 5000 },
    );
    expect(skeletonLanes('resize,w_100,h_100')).toEqual(skeletonLanes('resize,w_7,h_123456'));
    expect(skeletonLanes('resize,w_100,h_100')).not.toEqual(skeletonLanes('resize,w_100/h_100'));
    expect(skeletonLanes('resize,w_100,h_100')).not.toEqual(skeletonLanes('resize,w_100,h_1x0'));
    expect(skeletonLanes('resize,w_100,h_100')).not.toEqual(skeletonLanes('resize,w_100,h100'));
    expect(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA')).toEqual(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0L2EubXA0'));
    expect(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA')).not.toEqual(skeletonLanes('video/convert,f_mp4|sys/saveas,x_b3V0Lm1wNA'));
    expect(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA')).not.toEqual(skeletonLanes('video/convert,f_mp4|sys/saveas,o_'));
    // a name that holds what no simple string does (a percent escape, a space) is no run: it stays in the skeleton
    expect(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA')).not.toEqual(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0%2C1wNA'));
    expect(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA')).not.toEqual(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0 1wNA'));
    expect(skeletonLanes('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA')).not.toEqual(skeletonLanes('video/convert,f_mp4|sys/saveas,o_ax-oss-b'));
  });

  it('is taken one string in 32 where fewer than one in twenty have repeated one of late, and again when they do', () => {
    Sampler.always = false;
    try {
      // a colour of its own in every string: no run, so no two strings share a skeleton (their shape is one)
      const named = (i: number) => `image/watermark,text_SGVsbG8,color_A${i.toString(16).padStart(5, '0').toUpperCase()},size_30`;
      for (let i = 0; i < 16; i++) check(named(i));
      expect(Array.from({ length: 64 }, (_, i) => skeletonOf(named(100 + i)) !== -1).filter(Boolean)).toHaveLength(64);
      for (let i = 0; i < 256; i++) check(named(200 + i));
      expect(Array.from({ length: 64 }, (_, i) => skeletonOf(named(500 + i)) !== -1).filter(Boolean)).toHaveLength(2);
      // two strings taken apart teach the skeleton, the next one taken is answered, and that is enough
      for (let i = 0; i < 3 * 32; i++) check('image/resize,m_lfit,w_100,h_100');
      expect(Array.from({ length: 32 }, () => skeletonOf('image/resize,m_lfit,w_100,h_100') !== -1).filter(Boolean)).toHaveLength(32);
    } finally {
      Sampler.always = true;
    }
  });
});
