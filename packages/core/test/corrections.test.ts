import { describe, expect, it } from 'vitest';
import { check, fixAll } from '../src/index';

/** What a misspelling or a value out of range leads to: one finding where the mistake is, and a way out. */
describe('a certain key correction is assumed when checking the rest', () => {
  it('a misspelled vcodec does not make fps ineffective', () => {
    const found = check('video/convert,f_mp4,vcodex_h264,fps_30');
    expect(found.map((d) => [d.ruleId, d.message])).toEqual([['unknown-parameter', "Unknown parameter 'vcodex' for video/convert: did you mean 'vcodec'?"]]);
    expect(fixAll('video/convert,f_mp4,vcodex_h264,fps_30').text).toBe('video/convert,f_mp4,vcodec_h264,fps_30');
    expect(check('video/convert,f_mp4,vcodec_h264,fps_30')).toEqual([]);
  });

  it('a key written correctly elsewhere keeps its own place', () => {
    const found = check('video/convert,f_mp4,vcodex_copy,vcodec_h264,fps_30').map((d) => d.ruleId);
    expect(found).toEqual(['unknown-parameter']);
  });

  it('without a certain correction the rest is judged as written', () => {
    // `zz` is near no key of convert
    expect(check('video/convert,f_mp4,zz_h264,fps_30').map((d) => d.ruleId)).toEqual(['unknown-parameter', 'ineffective-parameter']);
  });
});

describe('a value out of range', () => {
  it('offers the nearest bound as a suggestion, never applied by fix-all', () => {
    const [d] = check('video/convert,f_mp4,vcodec_h264,fps_241');
    expect(d).toMatchObject({ ruleId: 'value-out-of-range', message: 'fps_241: fps must be between 0 and 240', range: { start: 32, end: 39 } });
    expect(d!.fixes).toEqual([{ title: "Change to 'fps_240'", edits: [{ range: { start: 36, end: 39 }, newText: '240' }], certain: false }]);
    expect(fixAll('video/convert,f_mp4,vcodec_h264,fps_241').text).toBe('video/convert,f_mp4,vcodec_h264,fps_241');
  });

  it('clamps from below too, and keeps a positional value bare', () => {
    const [d] = check('image/rotate,400');
    expect(d?.ruleId).toBe('value-out-of-range');
    expect(d!.fixes?.[0]).toMatchObject({ title: "Change to '360'", edits: [{ newText: '360' }], certain: false });
    const [q] = check('image/quality,q_0');
    expect(q?.fixes?.[0]).toMatchObject({ title: "Change to 'q_1'", certain: false });
  });
});

describe('a parameter of whitespace only', () => {
  it('is reported as whitespace, and is judged as the empty parameter it is once the whitespace is removed', () => {
    const whitespace = 'Whitespace is not allowed in a processing string: remove it';
    expect(check('image/resize,w_100, ,h_10').map((d) => [d.ruleId, d.message, d.range.start])).toEqual([['syntax-error', whitespace, 19]]);
    expect(check('image/resize,w_100,,h_10').map((d) => d.ruleId)).toEqual(['syntax-error']);
    // a key of whitespace only is a missing key, not an unknown one
    expect(check('image/resize,w_100, _10').map((d) => [d.ruleId, d.message])).toEqual([
      ['syntax-error', whitespace],
      ['syntax-error', "Expected a parameter name before '_'"],
    ]);
  });
});

describe('a trailing comma', () => {
  it('is a warning, at the end of the string (the next parameter is being typed) and in the middle (live use; OSS may ignore it)', () => {
    const trailing = "Trailing ',' after the last parameter: parameters are documented as key_value joined by single commas (not documented; OSS may ignore it); remove it";
    const doubled = "Empty parameter ',,': parameters are documented as key_value joined by single commas (not documented; OSS may ignore it); remove the extra ','";
    expect(check('video/convert,f_mp4,')).toEqual([
      expect.objectContaining({ ruleId: 'syntax-error', severity: 'warning', message: trailing, range: { start: 19, end: 20 }, fixes: [{ title: "Remove the trailing ','", edits: [{ range: { start: 19, end: 20 }, newText: '' }], certain: true }] }),
    ]);
    expect(check('video/convert,f_mp4,,vcodec_h264')[0]).toMatchObject({ severity: 'warning', message: doubled, range: { start: 19, end: 20 } });
    // before the next stage or action, a trailing comma too, never ',,' where there is none
    expect(check('video/convert,f_mp4,|sys/saveas,o_b3V0Lm1wNA')[0]).toMatchObject({ ruleId: 'syntax-error', severity: 'warning', message: trailing, range: { start: 19, end: 20 } });
    expect(check('image/resize,w_100,/format,png')[0]).toMatchObject({ ruleId: 'syntax-error', severity: 'warning', message: trailing, range: { start: 18, end: 19 } });
    // two at the end: an empty parameter between them, each comma one too many
    expect(check('image/resize,w_100,,/format,png').map((d) => [d.message, d.range.start])).toEqual([[doubled, 18], [doubled, 19]]);
  });
});
