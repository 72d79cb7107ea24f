import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, PRODUCTS } from '../src/index';
import { chevrotainParse } from '../src/syntax/parse';
import { scan } from '../src/syntax/scan';

/** The lean parser (a tree straight from the scan's offsets) against the Chevrotain path, on every kind of input. */
const words = [...new Set(PRODUCTS.flatMap((p) => [p.name, ...p.actions.flatMap((a) => [a.name, ...a.params.map((x) => x.key)])]))];
const values = ['mp4', 'h264', '0', '1', '241', '-5', '1920x1080', 'x', 'b3V0Lm1wNA', 'out.mp4', 'dGVzdA==', '1.5', 'lfit', '', '\uE000', 'x-oss-', 'a_b'];
const piece = fc.oneof(
  fc.constantFrom(...words),
  fc.constantFrom(...values),
  fc.constantFrom(',', '/', '|', '_', 'x-oss-process=', 'x-oss-async-process=', '%2C', ' ', '=', '\t'),
  fc.tuple(fc.constantFrom(...words), fc.constantFrom(...values)).map(([k, v]) => `${k}_${v}`),
);
const languageLike = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));
const seeds = [
  'x-oss-async-process=video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  'image/resize,m_lfit,w_100,h_100/rotate,90/format,webp',
  'x-oss-process=image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30,g_se,x_10,y_10',
  'video/convert,f_mp4|notify,topic_QXVkaW9Db252ZXJ0/x',
];
const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 5 })).map(([s, edits]) => {
  let out = s;
  for (const [at, del, ins] of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + ins + out.slice(i + del);
  }
  return out;
});
const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.string({ unit: fc.constantFrom('a', '_', ',', '/', '|', 'x'), maxLength: 20 }), languageLike, mutated);
const runs = { numRuns: Number(process.env.RUNS ?? 2000) };

function plain(r: ReturnType<typeof parse>) {
  return { text: r.text, tree: r.tree, tokens: r.tokens, errors: r.errors };
}

describe('lean parser', () => {
  it('builds the same tree, tokens and errors as the Chevrotain path, for any string', () => {
    let simple = 0;
    fc.assert(
      fc.property(anything, fc.constantFrom<'auto' | boolean>('auto', true, false), (text, percentDecode) => {
        if (scan(text) !== -1) simple++;
        expect(plain(parse(text, { percentDecode }))).toStrictEqual(plain(chevrotainParse(text, { percentDecode })));
      }),
      runs,
    );
    // the generators reach both paths
    expect(simple).toBeGreaterThan(runs.numRuns / 20);
  });

  it('takes simple strings only', () => {
    const simple = ['image/resize,w_100', 'x-oss-process=image/resize,w_100/rotate,90', 'video/convert,f_mp4|notify,topic_YQ', 'a/b', 'a,b', 'a,b/c|d/e,f_g_h'];
    const other = ['', 'image', 'image/', '/resize', 'image//resize', 'image/resize,', 'image/resize,,w_1', 'image/resize,_1', 'image/resize,w_', 'a|', '|a/b', 'a/b||c/d',
      ' image/resize', 'image/resize,w_%31', 'image/resize,w_\uE000', 'image/resize,w_1\n', 'x-oss-process=', 'x-oss-process =image/resize,w_1', 'image/x-oss-process=', 'image/resize,w_é'];
    for (const s of simple) expect(scan(s), s).toBeGreaterThan(0);
    for (const s of other) expect(scan(s), s).toBe(-1);
  });
});
