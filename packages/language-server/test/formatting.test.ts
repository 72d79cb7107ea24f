import { describe, expect, it } from 'vitest';
import { applyEdits, makeDoc, service, settings } from './helpers';

const ls = service();

describe('formatting', () => {
  it("applies core's format to each string of an .ossproc file, leaving comments and blank lines", () => {
    const doc = makeDoc('# keep me ,\n  image/resize, w_100, h_100 \n\nvideo/convert,f_mp4%2Cvcodec_h264\nimage/rotate,90\n');
    const edits = ls.format(doc, settings());
    expect(edits).toHaveLength(2);
    expect(applyEdits(doc, edits)).toBe('# keep me ,\n  image/resize,w_100,h_100 \n\nvideo/convert,f_mp4,vcodec_h264\nimage/rotate,90\n');
  });

  it('formats a range of lines only', () => {
    const doc = makeDoc('image/resize, w_100\nimage/resize, w_200\n');
    const edits = ls.format(doc, settings(), { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
    expect(applyEdits(doc, edits)).toBe('image/resize, w_100\nimage/resize,w_200\n');
  });

  it('never deletes content: a trailing comma (a parameter being typed) and an empty parameter stay', () => {
    const doc = makeDoc('video/convert,f_mp4,\nvideo/convert, f_mp4,,vcodec_h264\nimage/resize,w_100,|sys/saveas,o_eA\n');
    expect(applyEdits(doc, ls.format(doc, settings()))).toBe('video/convert,f_mp4,\nvideo/convert,f_mp4,,vcodec_h264\nimage/resize,w_100,|sys/saveas,o_eA\n');
  });

  it('leaves a string it cannot reprint safely, and strings in other languages', () => {
    expect(ls.format(makeDoc('video/,f_mp4'), settings())).toEqual([]);
    expect(ls.format(makeDoc('String s = "image/resize,,w_100";', 'java'), settings())).toEqual([]);
  });
});
