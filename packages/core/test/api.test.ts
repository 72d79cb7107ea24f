import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, build, BuildError, check, explain, fixAll, format, getAction, getParam, PRODUCTS, readBase64, encodeBase64Url } from '../src/index';
import { marked } from './helpers';

describe('check options', () => {
  it('turns a rule off, down or up', () => {
    const text = 'video/convert,f_mp4,s_1920x1080';
    expect(check(text).map((d) => [d.ruleId, d.severity])).toEqual([['ineffective-parameter', 'warning']]);
    expect(check(text, { rules: { 'ineffective-parameter': 'off' } })).toEqual([]);
    expect(check(text, { rules: { 'ineffective-parameter': 'error' } })[0]!.severity).toBe('error');
    expect(check(text, { rules: { 'ineffective-parameter': 0 } })).toEqual([]);
    expect(check(text, { rules: { 'ineffective-parameter': 'info' } })[0]!.severity).toBe('info');
  });

  it('checks a bare string in the mode its actions need, and a fixed mode as told', () => {
    expect(check('video/convert,f_mp4')).toEqual([]);
    expect(check('video/convert,f_mp4', { mode: 'sync' }).map((d) => d.ruleId)).toEqual(['async-only']);
    expect(check('video/convert,f_mp4', { mode: 'async' }).map((d) => d.ruleId)).toEqual(['missing-saveas']);
    expect(check('image/resize,w_100', { mode: 'async' }).map((d) => d.ruleId)).toEqual(['sync-only']);
  });

  it('reports notify in a synchronous request', () => {
    const { text, range } = marked('x-oss-process=image/resize,w_1|sys/saveas,o_YS5qcGc/<|notify|>,topic_dG9waWM');
    expect(check(text).filter((d) => d.ruleId === 'async-only').map((d) => d.range)).toEqual([range]);
  });

  it('knows the source key: the output must not overwrite it', () => {
    const { text, range } = marked('video/convert,f_mp4|sys/saveas,<|o_c3JjLm1wNA|>');
    const found = check(text, { sourceKey: 'src.mp4' }).filter((d) => d.ruleId === 'output-overwrites-source');
    expect(found.map((d) => [d.message, d.range])).toEqual([["o_c3JjLm1wNA decodes to 'src.mp4', the source object itself: the output would overwrite its input", range]]);
    expect(check(text, { sourceKey: 'other.mp4' }).filter((d) => d.ruleId === 'output-overwrites-source')).toEqual([]);
    // {key} is the source key whatever it is
    expect(check(`video/convert,f_mp4|sys/saveas,o_${encodeBase64Url('{key}')}`, { sourceKey: 'a.mp4' }).map((d) => d.ruleId)).toContain('output-overwrites-source');
    // another bucket cannot hold the source
    expect(check(`video/convert,f_mp4|sys/saveas,b_${encodeBase64Url('other')},o_c3JjLm1wNA`, { sourceKey: 'src.mp4' }).map((d) => d.ruleId)).not.toContain('output-overwrites-source');
  });

  it('does not judge a part that stands for an unknown value', () => {
    expect(check('video/convert,f_\uE000,vcodec_\uE000|sys/saveas,o_\uE000')).toEqual([]);
    expect(check('\uE000|sys/saveas,b_\uE000,o_\uE000')).toEqual([]);
  });

  it('checks a watermark image\'s own processing and reports on the outer value', () => {
    const inner = (s: string) => encodeBase64Url(`logo.png?x-oss-process=${s}`);
    expect(check(`image/watermark,image_${inner('image/resize,P_30')}`)).toEqual([]);
    const { text, range } = marked(`image/watermark,<|image_${inner('image/resize,P_300/watermark,text_eA')}|>`);
    expect(check(text).map((d) => [d.ruleId, d.range, d.message])).toEqual([
      ['value-out-of-range', range, "In the watermark image's processing 'image/resize,P_300/watermark,text_eA': P_300: P must be between 1 and 100"],
      ['misplaced-action', range, "In the watermark image's processing 'image/resize,P_300/watermark,text_eA': watermark cannot be used in a watermark image's processing"],
    ]);
  });

  it('a sub-action follows its parent across a run of its siblings, and not across anything else', () => {
    const save = '|sys/saveas,o_b3V0Lm1wNA';
    const placed = (text: string) => check(text + save, { mode: 'async' }).filter((d) => d.ruleId === 'misplaced-action').map((d) => d.message);
    expect(placed('video/concat,f_mp4/pre,o_YS5tcDQ/pre,o_Yi5tcDQ/sur,o_Yy5tcDQ')).toEqual([]);
    expect(placed('video/convert,f_mp4/pre,o_YS5tcDQ/pre,o_Yi5tcDQ')).toEqual(['pre must follow video/concat', 'pre must follow video/concat']);
    expect(placed('video/concat,f_mp4/pre,o_YS5tcDQ/segment,f_hls/sur,o_Yy5tcDQ')).toEqual(['segment must follow video/convert', 'sur must follow video/concat']);
  });

  it('a parameter that is code in place of a key may be any parameter: none is called missing', () => {
    const H = '\uE000';
    for (const text of [`image/format,${H}`, `image/resize,m_fill,${H}`, `image/resize,m_fill,${H}_${H}`, `image/quality,${H}`]) expect(check(text), text).toEqual([]);
    // a key written with a code value is still that key: what it does not give is missing
    expect(check(`video/convert,vcodec_${H}|sys/saveas,o_${H}`, { mode: 'async' }).map((d) => [d.ruleId, d.message])).toEqual([['missing-parameter', 'video/convert needs f: the output container']]);
    expect(check('image/resize,m_fill').map((d) => d.ruleId)).toEqual(['missing-parameter']);
  });

  it('holds a watermark image\'s processing to what the documentation lists: rejected actions are errors, unlisted ones warnings', () => {
    const inner = (s: string) => encodeBase64Url(`logo.png?x-oss-process=${s}`);
    const found = (s: string) => check(`image/watermark,image_${inner(s)}`).map((d) => [d.ruleId, d.severity, d.message.replace(/^In the watermark image's processing '[^']*': /, ''), d.data?.source]);
    expect(found('image/auto-orient,1/rotate,90/rounded-corners,r_10')).toEqual([]);
    expect(found('image/info')).toEqual([['misplaced-action', 'error', "info cannot be used in a watermark image's processing", 'https://help.aliyun.com/en/oss/user-guide/0040-00000374']]);
    expect(found('image/resize,P_30/bright,10')).toEqual([
      ['misplaced-action', 'warning', "a watermark image's processing is documented to resize, crop, indexcrop, rounded-corners, rotate, auto-orient; bright is not among them, and the service may reject it", 'https://help.aliyun.com/zh/oss/user-guide/add-watermarks'],
    ]);
    // '|' is the error (https://help.aliyun.com/document_detail/600842.html); the actions are still checked, joined with '/'
    expect(found('image/resize,P_30|rotate,400')).toEqual([
      ['misplaced-action', 'error', "'|' cannot stand in a watermark image's processing: join its actions with '/'", 'https://help.aliyun.com/document_detail/600842.html'],
      ['value-out-of-range', 'error', '400: the angle of rotate must be between 0 and 360', 'https://help.aliyun.com/en/oss/user-guide/0040-00000217'],
    ]);
    // what a rejected action says of its own cut-off value is not reported (EC 0040-00000373's example)
    expect(check('image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2Uvd2F0ZXJtYXJrLGltYWdlX2NHRnVaR0V1Y0c').map((d) => d.ruleId)).toEqual(['misplaced-action']);
  });
});

describe('fixes', () => {
  it('applies certain fixes without overlap and leaves suggestions', () => {
    const text = 'video/convert,f_mp4,vcodex_h264,s_1921x1080,aq_80,ab_100000,acodec_aac|sys/saveas,o_out.mp4';
    const { text: fixed, applied } = applyFixes(text, check(text));
    expect(fixed).toBe('video/convert,f_mp4,vcodec_h264,s_1921x1080,aq_80,ab_100000,acodec_aac|sys/saveas,o_b3V0Lm1wNA');
    expect(applied.map((f) => f.title)).toEqual(["Replace with 'vcodec'", "Encode 'out.mp4' as base64url"]);
    // aq/ab stays for a person to choose, and so does 1920 or 1922
    expect(check(fixed).map((d) => d.ruleId)).toEqual(['value-out-of-range', 'mutually-exclusive']);
  });

  it.each([
    ['video/convert,f_mp4,f_mp4', 'video/convert,f_mp4'],
    ['video/convert,,f_mp4', 'video/convert,f_mp4'],
    ['video/convert,f_MP4', 'video/convert,f_mp4'],
    ['video/convert,f_mp3,acodec_mp3', 'video/convert,f_mp3,acodec_mp3,vn_1'],
    ['vidoe/convert,f_mp4', 'video/convert,f_mp4'],
    ['video/covert,f_mp4', 'video/convert,f_mp4'],
    ['resize,w_100', 'image/resize,w_100'],
    ['video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=', 'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ'],
    ['video/convert,f_mp4|sys/saveas,o_Pz8+Lm1wNA', 'video/convert,f_mp4|sys/saveas,o_Pz8-Lm1wNA'],
  ])('fixAll(%j) gives %j', (before, after) => {
    expect(fixAll(before).text).toBe(after);
  });
});

describe('format', () => {
  it.each([
    ['video/convert, f_mp4, vcodec_h264|sys/saveas,o_eA', 'video/convert,f_mp4,vcodec_h264|sys/saveas,o_eA'],
    ['image%2Fresize%2Cw_100', 'image/resize,w_100'],
    // an empty parameter is the user's to remove (its fix does): formatting deletes nothing
    ['x-oss-process=image/resize,w_1,', 'x-oss-process=image/resize,w_1,'],
    ['video/convert, f_mp4,,vcodec_h264', 'video/convert,f_mp4,,vcodec_h264'],
    ['image/resize,w_1, ', 'image/resize,w_1,'],
  ])('prints %j as %j', (input, output) => {
    expect(format(input)).toBe(output);
    expect(format(output)).toBe(output);
  });
  it('leaves a string it cannot reprint safely unchanged', () => {
    expect(format('image//resize,w_1')).toBe('image//resize,w_1');
  });
});

describe('explain', () => {
  it('says what happens, step by step, with defaults and decoded targets', () => {
    const e = explain('video/convert,f_mp4,vcodec_h265|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA');
    expect(e.mode).toBe('async');
    expect(e.actions.map((a) => `${a.product}/${a.name}`)).toEqual(['video/convert', 'sys/saveas']);
    const convert = e.actions[0]!;
    expect(convert.params.find((p) => p.key === 'vcodec')).toMatchObject({ value: 'h265', written: true, meaning: 'Encode H.265 (HEVC). (The video codec of the output)' });
    expect(convert.params.find((p) => p.key === 'ss')).toMatchObject({ value: '0', written: false, unit: 'ms' });
    expect(e.actions[1]!.params.map((p) => [p.key, p.decoded])).toEqual([['b', 'outbucket'], ['o', 'out.mp4']]);
    expect(e.text.split('\n')[0]).toBe('Mode: asynchronous (x-oss-async-process): video/convert runs only asynchronously.');
    expect(e.text).toContain("   o = b3V0Lm1wNA → 'out.mp4': The target object key, URL-safe base64 encoded.");
  });
  it('explains a style reference and unknown actions without failing', () => {
    expect(explain('style/thumb').actions[0]).toMatchObject({ name: 'thumb', known: true });
    expect(explain('image/nothing,a_1').actions[0]).toMatchObject({ known: false });
  });
});

describe('build', () => {
  it('builds a valid string and encodes targets', () => {
    const s = build({ prefix: 'async', steps: [{ action: 'video/convert', params: { f: 'mp4', vcodec: 'h264', s: '1280x720' } }, { action: 'video/segment', params: { f: 'hls', t: 10000 } }], saveas: { bucket: 'out-bucket', object: 'hls/{barename}.{autoext}' }, notify: { topic: 'done' } });
    expect(s).toBe(`x-oss-async-process=video/convert,f_mp4,vcodec_h264,s_1280x720/segment,f_hls,t_10000|sys/saveas,b_${encodeBase64Url('out-bucket')},o_${encodeBase64Url('hls/{barename}.{autoext}')}/notify,topic_ZG9uZQ`);
    expect(check(s)).toEqual([]);
    expect(build({ steps: [{ action: 'image/resize', params: { m: 'lfit', w: 100 } }, { action: 'image/format', values: ['webp'] }] })).toBe('image/resize,m_lfit,w_100/format,webp');
  });
  it('throws a BuildError naming every error', () => {
    expect(() => build({ steps: [{ action: 'video/convert', params: { f: 'mp4', fps: 500 } }] })).toThrow(BuildError);
    try {
      build({ steps: [{ action: 'video/convert', params: { f: 'mp4', fps: 500 } }] });
    } catch (e) {
      expect((e as BuildError).diagnostics.map((d) => d.message)).toEqual(['fps_500: fps must be between 0 and 240']);
    }
  });
});

describe('catalog', () => {
  it('holds every parameter of the video/convert table with its facts', () => {
    const convert = getAction('video', 'convert')!;
    expect(convert.params.map((p) => p.key)).toEqual(['ss', 't', 'f', 'vn', 'vcodec', 'fps', 'fpsopt', 'pixfmt', 's', 'sopt', 'scaletype', 'arotate', 'g', 'vb', 'vbopt', 'crf', 'maxrate', 'bufsize', 'an', 'acodec', 'ar', 'ac', 'aq', 'ab', 'abopt', 'adepth', 'sn']);
    expect(getParam(convert, 'f')!.required).toBe(true);
    expect(getParam(convert, 'vcodec')!.default).toBe('copy');
    expect(getAction('video', 'segment')!.parent).toBe('convert');
    expect(convert.mode).toBe('async');
  });
  it('gives every action a source and a summary, and every parameter a doc', () => {
    for (const product of PRODUCTS) {
      for (const a of product.actions) {
        // a documentation address, or an honest note that only third-party strings show the action
        expect(a.source, `${product.name}/${a.name}`).toMatch(/https:\/\/|third-party/);
        expect(a.summary.length).toBeGreaterThan(10);
        for (const p of a.params) expect(p.doc.length, `${a.name}.${p.key}`).toBeGreaterThan(5);
      }
    }
  });
  it('checks every documented example of every action clean of errors', () => {
    for (const product of PRODUCTS) {
      for (const a of product.actions) {
        for (const example of a.examples ?? []) {
          const errors = check(example).filter((d) => d.severity === 'error');
          expect(errors, example).toEqual([]);
        }
      }
    }
  });
});

describe('base64', () => {
  it('round-trips UTF-8 text in the URL-safe alphabet without padding', () => {
    for (const s of ['outbucket', 'outobjprefix.{autoext}', '中文水印', '🎬 clip.mp4', '']) {
      const e = encodeBase64Url(s);
      expect(e).not.toMatch(/[+/=]/);
      expect(readBase64(e).text).toBe(s);
    }
  });

  it('decodes any bytes as a strict UTF-8 decoder does: the same text, or not text at all', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    // any bytes; sequences at the edges of UTF-8 (the last and first code points of each length, overlong forms,
    // the surrogates' ends, past U+10FFFF, cut short); text, and text longer than one String.fromCharCode call takes
    const byte = fc.integer({ min: 0, max: 255 });
    const edges = [[0x7f], [0x80], [0xc0, 0x80], [0xc1, 0xbf], [0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0x9f, 0xbf], [0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xee, 0x80, 0x80], [0xef, 0xbf, 0xbf], [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x8e]];
    const pieces = fc.array(fc.oneof(fc.constantFrom(...edges), fc.array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 3 })), { maxLength: 8 }).map((ps) => ps.flat());
    const text = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom('a', 'é', '中', '🎬', 'Z'), minLength, maxLength }).map((s) => [...Buffer.from(s, 'utf8')]);
    fc.assert(
      fc.property(fc.oneof(fc.array(byte, { maxLength: 40 }), pieces, text(0, 40), text(8200, 12000)), fc.boolean(), (bytes, standard) => {
        const buffer = Buffer.from(bytes);
        const encoded = standard ? buffer.toString('base64') : buffer.toString('base64url');
        let expected: string | undefined;
        try {
          expected = strict.decode(buffer);
        } catch {
          expected = undefined;
        }
        const r = readBase64(encoded);
        expect(r.text).toBe(expected);
        expect(r.problem).toBe(expected === undefined ? 'utf8' : undefined);
        expect(r.padding).toBe(encoded.length - encoded.replace(/=+$/, '').length);
        expect(r.standardAlphabet).toBe(encoded.includes('+'));
      }),
      { numRuns: 2000 },
    );
    // what is not base64: the first character outside both alphabets, or a length no encoding has
    expect(readBase64('b3V0*Lm1wNA')).toEqual({ problem: 'alphabet', badAt: 4, padding: 0, standardAlphabet: false });
    expect(readBase64('a+b*')).toEqual({ problem: 'alphabet', badAt: 3, padding: 0, standardAlphabet: true });
    expect(readBase64('b3V0L')).toEqual({ problem: 'length', padding: 0, standardAlphabet: false });
    expect(readBase64('b3V0Lm1wNA===')).toEqual({ problem: 'length', padding: 3, standardAlphabet: false });
    expect(readBase64('b3V0Lm1wNA=')).toEqual({ problem: 'length', padding: 1, standardAlphabet: false });
    expect(readBase64('b3V0Lm1wNA==')).toEqual({ text: 'out.mp4', padding: 2, standardAlphabet: false });
  });
});
