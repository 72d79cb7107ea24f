import { describe, expect, it } from 'vitest';
import { lintDocument, pastedUrlSpan } from '../src/index';

describe('pastedUrlSpan: a URL pasted where a processing string is expected', () => {
  const span = (t: string) => {
    const s = pastedUrlSpan(t);
    return s && t.slice(s.start, s.end);
  };

  it('takes the x-oss-process parameter, name included, out of a URL or a query', () => {
    expect(span('https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_100&x-oss-date=20260101')).toBe('x-oss-process=image/resize,w_100');
    expect(span('http://b.example.com/v.mp4?x-oss-async-process=video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA')).toBe('x-oss-async-process=video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA');
    expect(span('?x-oss-process=image%2Fresize%2Cw_100')).toBe('x-oss-process=image%2Fresize%2Cw_100');
    expect(span('a.jpg?x-oss-process=image/resize,w_100#top')).toBe('x-oss-process=image/resize,w_100');
    expect(span('//cdn.example.com/a.jpg?v=2&x-oss-process=image/quality,q_90')).toBe('x-oss-process=image/quality,q_90');
    expect(span('x-oss-process=image/resize,w_100&x-oss-date=1')).toBe('x-oss-process=image/resize,w_100');
  });

  it('leaves alone what is no such URL', () => {
    for (const t of ['image/resize,w_100', 'x-oss-process=image/resize,w_100', 'https://example.com/a.jpg', 'video/convert,f_mp4|sys/saveas,o_aHR0cHM6Ly8', '']) expect(pastedUrlSpan(t), t).toBeUndefined();
  });

  it("reads a bare parameter's '#' as part of its value, not as a fragment that would drop the rest", () => {
    const line = 'x-oss-process=image/watermark,text_5py65a-G,color_#FFFFFF,size_30';
    expect(pastedUrlSpan(line)).toBeUndefined();
    const d = lintDocument(`${line}\n`, { fileName: 'a.ossproc' }).diagnostics;
    expect(d.map((x) => [x.ruleId, line.slice(x.range.start, x.range.end)])).toEqual([['invalid-value', 'color_#FFFFFF']]);
    // in a URL it is the fragment, as a browser sends it
    expect(span('x-oss-process=image/resize,w_100#top&x=1')).toBe('x-oss-process=image/resize,w_100');
  });

  it('works inside a range of a longer text', () => {
    const t = '  https://h/a.jpg?x-oss-process=image/resize,w_1  ';
    expect(pastedUrlSpan(t, 2, t.length - 2)).toEqual({ start: 18, end: t.length - 2 });
  });

  it("is how .ossproc documents read such lines: positions in the host, the parameter's mode", () => {
    const text = '# pasted\nhttps://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/quality,q_0&x-oss-date=1\n';
    const d = lintDocument(text, { fileName: 'a.ossproc' }).diagnostics;
    expect(d.map((x) => [x.ruleId, text.slice(x.range.start, x.range.end)])).toEqual([['value-out-of-range', 'q_0']]);
    const v = lintDocument('https://b.example.com/v.mp4?x-oss-process=video/convert,f_mp4,vcodec_h264\n', { fileName: 'a.ossproc' }).diagnostics;
    expect(v.map((x) => x.ruleId)).toContain('async-only');
  });
});
