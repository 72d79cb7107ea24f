import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, PRODUCTS } from '../src/index';
import { chevrotainParse } from '../src/syntax/parse';
import { scan } from '../src/syntax/scan';
import { anything } from './arbitraries';

/** The lean parser (a tree straight from the scan's offsets) against the Chevrotain path, on every kind of input. */
const simpleLike = fc.oneof(
  // strings of separators and word characters, most of them simple
  fc.string({ unit: fc.constantFrom('a', '_', ',', '/', '|', 'x'), maxLength: 20 }),
  fc.array(fc.constantFrom('image/resize', 'video/convert', 'sys/saveas', 'notify', ',w_100', ',f_mp4', ',90', ',a_b_c', '/rotate', '|', 'x-oss-process=', 'x-oss-async-process=', 'x-oss-'), { maxLength: 8 }).map((xs) => xs.join('')),
);
const examples = PRODUCTS.flatMap((p) => p.actions.flatMap((a) => a.examples ?? []));
const inputs = fc.oneof(anything, simpleLike, fc.constantFrom(...examples));
const runs = { numRuns: Number(process.env.RUNS ?? 2000) };

function plain(r: ReturnType<typeof parse>) {
  return { text: r.text, tree: r.tree, tokens: r.tokens, errors: r.errors };
}

describe('lean parser', () => {
  it('builds the same tree, tokens and errors as the Chevrotain path, for any string', () => {
    let simple = 0;
    fc.assert(
      fc.property(inputs, fc.constantFrom<'auto' | boolean>('auto', true, false), (text, percentDecode) => {
        if (scan(text) !== -1) simple++;
        expect(plain(parse(text, { percentDecode }))).toStrictEqual(plain(chevrotainParse(text, { percentDecode })));
      }),
      runs,
    );
    // the generators reach both paths
    expect(simple).toBeGreaterThan(runs.numRuns / 20);
  });

  it('builds a rough string (empty stages, parameters, keys or values) from its rough layout, with the same errors', () => {
    const rough = ['image/resize,,w_100', 'image/resize,w_100,', 'image/resize,w_', 'image/resize,_1', 'image/resize,_', 'a/b,,c||d/e_', '|a/b', '||a/b|', 'x-oss-process=|', 'x-oss-async-process=||a/b',
      'video/convert|notify,', 'video/convert|notify,,', 'notify,', 'notify,,x_1,', 'a/b,,|', 'a/b|c,d_', 'video/convert,,f_webm,vcodec_h264,vb_10001||sys/saveas,o_', '|', '|||'];
    for (const text of rough) {
      expect(scan(text), text).toBe(-1);
      expect(scan(text, true), text).toBeGreaterThan(0);
      const lean = parse(text);
      expect(plain(lean), text).toStrictEqual(plain(chevrotainParse(text)));
      expect(lean.errors.length, text).toBeGreaterThan(0);
    }
    // the head of a productless stage whose only parameters are empty keeps its last comma (no repair)
    expect(parse('video/convert|notify,,').errors.map((e) => [e.range.start, !!e.repair])).toEqual([[20, true], [21, false]]);
  });

  it('takes simple strings only', () => {
    const simple = ['image/resize,w_100', 'x-oss-process=image/resize,w_100/rotate,90', 'video/convert,f_mp4|notify,topic_YQ', 'a/b', 'a,b', 'a,b/c|d/e,f_g_h'];
    const other = ['image/resize,w_x-oss-1', 'video/convert|x-oss-process=a/b', 'x-oss-proces=image/resize', 'a/x-oss-b', 'x-oss-process=x-oss-', '', 'image', 'image/', '/resize', 'image//resize', 'image/resize,', 'image/resize,,w_1', 'image/resize,_1', 'image/resize,w_', 'a|', '|a/b', 'a/b||c/d',
      ' image/resize', 'image/resize,w_%31', 'image/resize,w_\uE000', 'image/resize,w_1\n', 'x-oss-process=', 'x-oss-process =image/resize,w_1', 'image/x-oss-process=', 'image/resize,w_é'];
    for (const s of simple) expect(scan(s), s).toBeGreaterThan(0);
    for (const s of other) expect(scan(s), s).toBe(-1);
  });
});
