import { describe, expect, it } from 'vitest';
import { applyFixes, check, fixAll, format, type Diagnostic } from '../src/index';
import { clearMemo, memoUsage } from '../src/check/index';
import { Memo } from '../src/check/memo';
import { marked } from './helpers';

const certain = (ds: Diagnostic[]) => ds.filter((d) => d.fixes?.some((f) => f.certain));
const titles = (ds: Diagnostic[], ruleId: string) => ds.filter((d) => d.ruleId === ruleId).flatMap((d) => d.fixes!.map((f) => `${f.title}${f.certain ? ' (certain)' : ''}`));

describe('the fix engine', () => {
  it('is linear in the number of fixes: 100,000 in one pass, no RangeError', () => {
    const commas = fixAll('video/convert' + ','.repeat(100_000));
    expect(commas.text).toBe('video/convert');
    expect(commas.applied).toHaveLength(100_000);
    // ~1e5 fixes applied in one pass used to overflow the stack (applied.push(...))
    const repeated = fixAll('video/convert,f_mp4' + ',fps_30'.repeat(142_000));
    expect(repeated.text).toBe('video/convert,f_mp4,fps_30');
  });

  it('takes each fix once: overlapping edits and insertions at one offset wait for a later round', () => {
    const d = (start: number, end: number, newText: string): Diagnostic => ({
      ruleId: 'syntax-error',
      severity: 'error',
      message: 'm',
      range: { start, end },
      fixes: [{ title: newText, edits: [{ range: { start, end }, newText }], certain: true }],
    });
    const r = applyFixes('abcdef', [d(1, 3, 'X'), d(2, 4, 'Y'), d(4, 4, '1'), d(4, 4, '2'), d(4, 6, 'Z'), d(0, 0, '<')]);
    expect(r.text).toBe('<aXd1Z');
    expect(r.applied.map((f) => f.title)).toEqual(['<', 'X', 'Z', '1']);
    // a fix of two edits is taken whole or not at all
    const two: Diagnostic = { ...d(0, 1, ''), fixes: [{ title: 'both', edits: [{ range: { start: 0, end: 1 }, newText: 'A' }, { range: { start: 5, end: 6 }, newText: 'F' }], certain: true }] };
    expect(applyFixes('abcdef', [two, d(5, 6, 'x')]).text).toBe('AbcdeF');
    // edits are compared one by one, not by the span they cover: a fix between them is taken too
    expect(applyFixes('abcdef', [two, d(3, 4, 'x')]).text).toBe('AbcxeF');
  });

  it.each([
    // a certain fix that does not remove its diagnostic was applied ten times (vn_,vn_1,vn_1,…)
    ['video/convert,f_flac,vn_', 'video/convert,f_flac,vn_'],
    // one-letter renames are guesses, and two onto one key would give it twice
    ['hls/m3u8,m_934,g_5', 'hls/m3u8,m_934,g_5'],
    ['image/circle,r_2,o_AA', 'image/circle,r_2,o_AA'],
    ['image/blur,R_5,r_6', 'image/blur,R_5,r_6'],
    ['video/convert,f_mp4,s_1280x720,S_1920x1080', 'video/convert,f_mp4,s_1280x720,S_1920x1080'],
    // renames that would bring out an error of their own (aac in webm is only a warning: ffmpeg is its one evidence)
    ['video/convert,f_webm,acdec_aac', 'video/convert,f_webm,acodec_aac'],
    ['video/convert,f_mp4,aq_50,AB_100000', 'video/convert,f_mp4,aq_50,AB_100000'],
    // an encoding that would not be a valid name is not offered
    ['sys/saveas,b_%v,o_b3V0Lm1wNA', 'sys/saveas,b_%v,o_b3V0Lm1wNA'],
    ['video/convert,f_mp4|sys/notify,topic_my.topic', 'video/convert,f_mp4|sys/notify,topic_my.topic'],
    ['video/convert,f_mp4|sys/saveas,o_{', 'video/convert,f_mp4|sys/saveas,o_{'],
    // what is certain is still applied
    ['video/convert,f_mp4,S_1920x1080', 'video/convert,f_mp4,s_1920x1080'],
    ['video/convert,f_mp4,vcodex_h264|sys/saveas,o_out.mp4', 'video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA'],
    ['Video/Convert,F_MP4,vcodec_H264|sys/saveas,o_b3V0Lm1wNA', 'video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA'],
    ['image/resize, w_100 / quality, q_90', 'image/resize,w_100/quality,q_90'],
    ['video/convert,f_mp4|sys/saveas,o_YT8/Lm1wNA', 'video/convert,f_mp4|sys/saveas,o_YT8_Lm1wNA'],
  ])('fixAll(%j) gives %j in one round, adding no error', (before, after) => {
    const result = fixAll(before);
    expect(result.text).toBe(after);
    expect(certain(check(result.text))).toEqual([]);
    const errors = (s: string) => check(s).filter((d) => d.severity === 'error').length;
    expect(errors(result.text)).toBeLessThanOrEqual(errors(before));
    expect(applyFixes(before, check(before)).text).toBe(after);
  });

  it('offers what it no longer applies as suggestions', () => {
    expect(titles(check('video/convert,f_flac,vn_'), 'audio-only-container')).toEqual(['Add vn_1']);
    // one letter for another is no misspelling (m → t is as likely as any): only the removals are offered
    expect(titles(check('hls/m3u8,m_934,g_5'), 'unknown-parameter')).toEqual(["Remove 'm_934'", "Remove 'g_5'"]);
    expect(titles(check('video/convert,f_mp4,vcodex_h264,acodx_aac'), 'unknown-parameter')).toEqual(["Replace with 'vcodec' (certain)", "Remove 'vcodex_h264'", "Replace with 'acodec' (certain)", "Remove 'acodx_aac'"]);
    expect(titles(check('video/convert,f_webm,acdec_aac'), 'unknown-parameter')).toEqual(["Replace with 'acodec' (certain)", "Remove 'acdec_aac'"]);
    expect(titles(check('video/convert,f_mp4,vcodec_h264,s_1921x1080'), 'value-out-of-range')).toEqual(['Round to 1920x1080', 'Round to 1922x1080']);
    expect(titles(check('video/convert,f_mp4,vcodec_h264,s_4095x1080'), 'value-out-of-range')).toEqual(['Round to 4094x1080', 'Round to 4096x1080']);
    expect(titles(check('video/convert,f_mp4,S_1920x1080'), 'unknown-parameter')).toEqual(["Replace with 's' (certain)", "Remove 'S_1920x1080'"]);
  });

  it('keeps a caller\'s own options: a rule turned off is not a reason to demote', () => {
    const text = 'video/convert,f_mp4,vcodex_h264';
    expect(fixAll(text, { rules: { 'unknown-parameter': 'warn' } }).text).toBe('video/convert,f_mp4,vcodec_h264');
    expect(fixAll(text, { rules: { 'unknown-parameter': 'off' } }).text).toBe(text);
  });
});

describe('messages a user understands the first time', () => {
  const one = (source: string, ruleId: string, message: string) => {
    const { text, range } = marked(source);
    const found = check(text);
    expect(found.map((d) => [d.ruleId, d.message, d.range])).toEqual([[ruleId, message, range]]);
    return found[0]!;
  };

  it('a wrong-case string is one diagnostic, not six', () => {
    const d = one(
      '<|Video/Convert,F_MP4,vcodec_H264|>|sys/saveas,o_b3V0Lm1wNA',
      'unknown-product',
      "Processing parameters are lower case: write 'video/convert,f_mp4,vcodec_h264'",
    );
    expect(d.fixes![0]!.edits.map((e) => e.newText)).toEqual(['video', 'convert', 'f', 'mp4', 'h264']);
    one('video/convert,<|F_MP4|>', 'unknown-parameter', "Processing parameters are lower case: write 'f_mp4'");
    one('image/<|Resize|>,w_100', 'unknown-action', "Processing parameters are lower case: write 'resize'");
    // P is a parameter of its own beside p; base64 stays as written; the rest is checked as it will read
    expect(check('Image/Resize,P_30,W_20000').map((d) => [d.ruleId, d.message])).toEqual([
      ['unknown-product', "Processing parameters are lower case: write 'image/resize,P_30,w'"],
      ['ineffective-parameter', "P_30 scales a watermark image and works only inside a watermark's image processing; use p for a percentage"],
      ['value-out-of-range', 'w_20000: w must be between 1 and 16384'],
    ]);
  });

  it("names '/' as standard base64, as it does '+'", () => {
    one(
      'video/convert,f_mp4|sys/saveas,<|o_YT8/Lm1wNA|>',
      'base64-alphabet',
      "o_YT8/Lm1wNA: '/' is standard base64, and starts a new action in a processing string. The URL-safe alphabet writes '_'",
    );
    one(
      'video/convert,f_mp4|sys/saveas,<|o_Pz8+Lz8/Lm1wNA|>',
      'base64-alphabet',
      "o_Pz8+Lz8/Lm1wNA: '+' and '/' are standard base64; in a URL '+' turns into a space, and '/' starts a new action. The URL-safe alphabet writes '-' and '_'",
    );
    one('video/convert,f_mp4|sys/saveas,<|o_b3V0+Lm1w/NA==|>', 'invalid-base64', 'o_b3V0+Lm1w/NA==: o must be URL-safe base64 of the object key, and its length is not that of base64');
    // a real action after a value stays an action
    expect(check('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_dGVzdA')).toEqual([]);
  });

  it('names a stray character in base64, and calls plain text plain', () => {
    const d = one('video/convert,f_mp4|sys/saveas,<|o_b3V0Lm1wNA!|>', 'invalid-base64', "o_b3V0Lm1wNA!: o must be URL-safe base64 of the object key; '!' is not a base64 character");
    expect(d.fixes).toEqual([{ title: "Remove '!'", edits: [{ range: { start: 33, end: 44 }, newText: 'b3V0Lm1wNA' }], certain: false }]);
    one('video/convert,f_mp4|sys/saveas,<|o_a.jpg|>', 'invalid-base64', "o_a.jpg: o must be URL-safe base64 of the object key; 'a.jpg' looks like plain text (encoded: YS5qcGc)");
    one('video/convert,f_mp4|sys/saveas,<|o_{|>', 'invalid-base64', "o_{: o must be URL-safe base64 of the object key; '{' looks like plain text, and is not a valid object key either");
    one('video/convert,f_mp4|sys/saveas,<|b_%v|>,o_b3V0Lm1wNA', 'invalid-base64', "b_%v: b must be URL-safe base64 of the bucket name; '%v' looks like plain text, and is not a valid bucket name either");
  });

  it('reports whitespace once per string, with one fix for all of it', () => {
    const d = one('image/resize,<| |>w_100 / quality, q_90', 'syntax-error', 'Whitespace is not allowed in a processing string: remove it (4 places)');
    expect(d.related!.map((r) => r.range)).toEqual([{ start: 19, end: 20 }, { start: 21, end: 22 }, { start: 30, end: 31 }]);
    expect(fixAll('image/resize, w_100 / quality, q_90').applied.map((f) => f.title)).toEqual(['Remove all whitespace']);
  });

  it('suggests w for width and 2000000 for 2M', () => {
    const width = one('image/resize,<|width|>_100,h_100', 'unknown-parameter', "Unknown parameter 'width' for image/resize: did you mean 'w'?");
    expect(width.fixes!.map((f) => [f.title, f.certain])).toEqual([["Replace with 'w'", false], ["Remove 'width_100'", false]]);
    const vb = one('video/convert,f_mp4,vcodec_h264,<|vb_2M|>', 'invalid-value', 'vb_2M: vb must be an integer (between 10000 and 100000000); did you mean 2000000?');
    expect(vb.fixes).toEqual([{ title: "Replace with '2000000'", edits: [{ range: { start: 35, end: 37 }, newText: '2000000' }], certain: false }]);
    one('video/convert,f_mp4,vcodec_h264,<|vb_2G|>', 'invalid-value', 'vb_2G: vb must be an integer (between 10000 and 100000000)');
  });
});

describe('format', () => {
  it('is idempotent where a decoded word reads as an escape', () => {
    expect(format('image/resize,w_100%252C')).toBe('image/resize,w_100%252C');
    expect(format('image%2Fresize%2Cw_100%252C')).toBe('image/resize,w_100%252C');
    expect(check('image/resize,w_100%252C').map((d) => d.message)).toEqual(check('image%2Fresize%2Cw_100%252C').map((d) => d.message));
    // removing a tab makes %25 out of %2<tab>5: written so that it still reads %25
    const tab = 'video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA%2\t5';
    expect(format(tab)).toBe('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA%2525');
    expect(format(format(tab))).toBe(format(tab));
  });

  it('takes the parse options check takes', () => {
    expect(format('hls/m3u8%2C', { percentDecode: false })).toBe('hls/m3u8%2C');
    expect(check('hls/m3u8%2C', { percentDecode: false }).map((d) => d.ruleId)).toEqual(['unknown-action']);
    // decoded, the comma is an empty parameter: formatting keeps it for its fix to remove
    expect(format('hls/m3u8%2C')).toBe('hls/m3u8,');
    expect(format('image/resize, w_100%2C', { percentDecode: false })).toBe('image/resize,w_100%2C');
    // a name that is only whitespace is not repaired away
    expect(format(' ,mp4')).toBe(' ,mp4');
  });
});

describe('the check memo', () => {
  it('is bounded by what it holds, not by how many strings', () => {
    // each of these holds 1,000 diagnostics: kept all, 200 of them would hold about 60 MB
    const base = 'image/resize,w_100' + ',h_100'.repeat(1000);
    // a string is remembered the second time it is checked, and its fixed text at once: 400 strings if all were kept
    clearMemo();
    const strings = Array.from({ length: 200 }, (_, i) => `${base},w_${i}`);
    for (const x of strings) {
      check(x);
      check(x);
    }
    const { bytes, maxBytes, strings: held } = memoUsage();
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    expect(held).toBeLessThan(400);
    // the newest is held: the same (frozen, shared) findings again
    expect(check(strings[199]!)[0]).toBe(check(strings[199]!)[0]);
    // a string too large to be worth keeping is checked and not kept
    const huge = 'image/resize,w_100' + ',h_100,m_lfit'.repeat(15000);
    const first = check(huge);
    expect(first.length).toBe(29998);
    expect(check(huge)[0]).not.toBe(first[0]);
    check(base);
    expect(check(base)[0]).toBe(check(base)[0]);
  });

  it('has no cliff: a working set past half the bound still mostly hits', () => {
    const hits = (keys: number, rounds: number) => {
      const memo = new Memo<number, number>(1000);
      let hit = 0;
      for (let r = 0; r < rounds; r++) {
        for (let k = 0; k < keys; k++) {
          if (memo.get(k) !== undefined) hit++;
          else memo.set(k, k, 10);
          expect(memo.bytes).toBeLessThanOrEqual(1000);
        }
      }
      return hit / (keys * (rounds - 1));
    };
    expect(hits(40, 10)).toBe(1);
    expect(hits(80, 10)).toBeGreaterThan(0.4);
    const memo = new Memo<string, string>(1000);
    memo.set('big', 'x', 200);
    expect(memo.get('big')).toBeUndefined();
  });
});
