import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/service/documents';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../src/service/semanticTokens';
import { makeDoc, service, settings } from './helpers';

const ls = service();

/** The tokens decoded back to [text, type, modifiers] (relative encoding undone). */
function tokens(text: string, languageId = 'ossproc') {
  const doc = makeDoc(text, languageId);
  const data = ls.getSemanticTokens(doc, settings()).data;
  const out: [string, string, string[]][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
    const start = doc.offsetAt({ line, character: char });
    const mods = TOKEN_MODIFIERS.filter((_, k) => data[i + 4]! & (1 << k));
    out.push([text.slice(start, start + data[i + 2]!), TOKEN_TYPES[data[i + 3]!]!, mods]);
  }
  return out;
}

describe('semantic tokens', () => {
  it('colours products, actions, keys and values by type', () => {
    expect(tokens('video/convert,f_mp4,fps_30|sys/saveas,o_b3V0Lm1wNA')).toEqual([
      ['video', 'namespace', []],
      ['convert', 'function', []],
      ['f', 'parameter', []],
      ['mp4', 'enumMember', []],
      ['fps', 'parameter', []],
      ['30', 'number', []],
      ['sys', 'namespace', []],
      ['saveas', 'function', []],
      ['o', 'parameter', []],
      ['b3V0Lm1wNA', 'string', ['base64']],
    ]);
  });

  it('marks what an error covers as invalid', () => {
    const t = tokens('video/convert,f_mp5,fps_241');
    expect(t).toContainEqual(['mp5', 'invalid', []]);
    expect(t).toContainEqual(['fps', 'invalid', []]);
    expect(t).toContainEqual(['241', 'invalid', []]);
    expect(tokens('vidoe/convert')[0]).toEqual(['vidoe', 'invalid', []]);
  });

  it('paints a suppressed finding as what it is, not as invalid', () => {
    const suppressed = tokens('# ossproc-disable-next-line value-out-of-range\nvideo/convert,f_mp4,vcodec_h264,fps_241');
    expect(suppressed).toContainEqual(['fps', 'parameter', []]);
    expect(suppressed).toContainEqual(['241', 'number', []]);
    expect(suppressed.some((t) => t[1] === 'invalid')).toBe(false);
    // the same line without the comment, and with a comment for another rule, stays invalid
    expect(tokens('video/convert,f_mp4,vcodec_h264,fps_241')).toContainEqual(['241', 'invalid', []]);
    expect(tokens('# ossproc-disable-next-line unknown-value\nvideo/convert,f_mp4,vcodec_h264,fps_241')).toContainEqual(['241', 'invalid', []]);
    expect(tokens('# ossproc-disable-file value-out-of-range\nimage/resize,w_100\nvideo/convert,f_mp4,vcodec_h264,fps_241')).toContainEqual(['241', 'number', []]);
  });

  it('paints a line again once its suppression comment is removed (the cache knows both)', () => {
    const ls2 = service();
    const uri = 'file:///work/suppress-toggle.ossproc';
    const data = (text: string) => ls2.getSemanticTokens(makeDoc(text, 'ossproc', uri), settings()).data;
    const invalid = TOKEN_TYPES.indexOf('invalid');
    const kinds = (d: number[]) => d.filter((_, i) => i % 5 === 3);
    expect(kinds(data('video/convert,f_mp4,vcodec_h264,fps_241'))).toContain(invalid);
    expect(kinds(data('# ossproc-disable-next-line\nvideo/convert,f_mp4,vcodec_h264,fps_241'))).not.toContain(invalid);
    expect(kinds(data('video/convert,f_mp4,vcodec_h264,fps_241'))).toContain(invalid);
  });

  it('encodes several lines relative to each other, skipping comments', () => {
    expect(tokens('# image/resize\n  image/rotate,90\n\nimage/format,png').map((t) => t[0])).toEqual(['image', 'rotate', '90', 'image', 'format', 'png']);
  });

  it('computes a range, and nothing for other languages or oversized documents', () => {
    const doc = makeDoc('image/rotate,90\nimage/format,png\n');
    const ranged = ls.getSemanticTokens(doc, settings(), { start: { line: 1, character: 0 }, end: { line: 1, character: 99 } }).data;
    expect(ranged.slice(0, 2)).toEqual([1, 0]);
    expect(ranged).toHaveLength(15);
    expect(tokens('String s = "video/convert,f_mp4";', 'java')).toEqual([]);
    const big = makeDoc('image/rotate,90\n'.repeat(Math.ceil(LIMITS.maxSemanticTokensLength / 16) + 1));
    expect(ls.getSemanticTokens(big, settings()).data).toEqual([]);
  });
});
