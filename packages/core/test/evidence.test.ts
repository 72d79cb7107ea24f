import { describe, expect, it } from 'vitest';
import { check, EVIDENCE_CAP, explain, fixAll, PRESET_NAMES, presetSeverities, PRODUCTS, RULES } from '../src/index';

/** What a string reports, as [ruleId, severity, the text under the range]. */
function found(text: string, options = {}): [string, string, string][] {
  return check(text, options).map((d) => [d.ruleId, d.severity, text.slice(d.range.start, d.range.end)]);
}

/**
 * Issue 11, item by item: each verdict with the document it rests on (the address in the test's name).
 */
describe('false errors the documentation contradicts', () => {
  it('video/snapshot takes l and s (EC 0053-00000102 / 0053-00000103, whose valid sample this is)', () => {
    expect(found('video/snapshot,t_3000,f_jpg,l_800,s_600')).toEqual([]);
    expect(found('video/snapshot,t_3000,l_-1')).toEqual([['value-out-of-range', 'error', 'l_-1']]);
    expect(check('video/snapshot,t_3000,s_x')[0]!.data).toEqual({ evidence: 'rejected', source: 'https://help.aliyun.com/en/oss/user-guide/0053-00000103' });
  });

  it('video/snapshot ar is auto, h or w (https://www.alibabacloud.com/help/en/object-storage-service/latest/video-snapshots; EC 0053-00000108)', () => {
    for (const ar of ['auto', 'h', 'w']) expect(found(`video/snapshot,t_1000,ar_${ar}`)).toEqual([]);
    expect(found('video/snapshot,t_1000,ar_x')).toEqual([['unknown-value', 'error', 'ar_x']]);
  });

  it('quality takes lossless for q, Q and alone (https://help.aliyun.com/document_detail/44705.htm)', () => {
    for (const s of ['image/quality,lossless', 'image/quality,q_lossless', 'image/quality,Q_lossless']) expect(found(s)).toEqual([]);
    expect(found('image/quality,q_loss')).toEqual([['invalid-value', 'error', 'q_loss']]);
  });

  it('the six image-intelligence actions are known and synchronous (https://help.aliyun.com/en/oss/user-guide/synchronous-processing)', () => {
    for (const name of ['faces', 'bodies', 'cars', 'codes', 'labels', 'score']) {
      expect(found(`image/${name}`), name).toEqual([]);
      expect(found(`x-oss-async-process=image/${name}|sys/saveas,o_b3V0Lmpzb24`), name).toEqual([['sync-only', 'error', name]]);
    }
    // their tables are not known: an unknown key is a warning, not an error
    expect(found('image/labels,thr_0.5')).toEqual([['unknown-parameter', 'warning', 'thr']]);
  });

  it('doc/convert then doc/snapshot is a warning that cites both pages', () => {
    const text = 'doc/convert,target_png,source_docx/snapshot,target_jpg,page_1';
    const [d, ...rest] = check(text);
    expect(rest).toEqual([]);
    expect([d!.ruleId, d!.severity, text.slice(d!.range.start, d!.range.end)]).toEqual(['sync-only', 'warning', 'snapshot']);
    expect(d!.message).toContain('https://help.aliyun.com/en/oss/user-guide/synchronous-processing');
    expect(d!.message).toContain('https://help.aliyun.com/zh/oss/user-guide/document-conversion');
    expect(d!.data!.source).toBe('https://help.aliyun.com/en/oss/user-guide/synchronous-processing; https://help.aliyun.com/zh/oss/user-guide/document-conversion');
    expect(found(`x-oss-process=${text}`)).toEqual([['async-only', 'warning', 'convert']]);
  });
});

describe('missed errors the documentation states', () => {
  it('image/resize with no size is rejected (EC 0040-00000322)', () => {
    for (const s of ['image/resize', 'image/resize,m_fill', 'image/resize,limit_0']) {
      const d = check(s);
      expect(d.map((x) => [x.ruleId, x.severity, x.message])).toEqual([
        ['missing-parameter', 'error', 'image/resize needs one of w, h, l, s, p, P: resize without a size is rejected as missing its required parameters (EC 0040-00000322)'],
      ]);
      expect(d[0]!.data).toEqual({ evidence: 'rejected', source: 'https://help.aliyun.com/en/oss/user-guide/0040-00000322' });
    }
    expect(found('image/resize,p_50')).toEqual([]);
  });

  it('every action whose only parameters have no default needs one (circle r: doc-detail/44695, EC 0040-00000233)', () => {
    expect(check('image/circle').map((d) => [d.ruleId, d.message])).toEqual([['missing-parameter', 'image/circle needs r: radius of the circle']]);
    expect(check('image/rounded-corners').map((d) => d.ruleId)).toEqual(['missing-parameter']);
    for (const product of PRODUCTS) {
      for (const a of product.actions) {
        const params = a.params.filter((p) => !p.positional || a.params.length === 1);
        if (a.params.length !== 1 || a.paramsIncomplete || a.undocumented) continue;
        const only = params[0]!;
        if (only.default === undefined && only.defaultDoc === undefined) expect(only.required, `${product.name}/${a.name} ${only.key}`).toBe(true);
      }
    }
  });

  it('no parameter is both required and defaulted; a bare rotate is rejected (https://help.aliyun.com/zh/oss/support/0040-00000216), though its table gives 0', () => {
    for (const p of PRODUCTS.flatMap((x) => x.actions.flatMap((a) => a.params.map((ps) => [`${x.name}/${a.name} ${ps.key}`, ps] as const)))) {
      expect(!!p[1].required && p[1].default !== undefined, p[0]).toBe(false);
    }
    expect(found('image/rotate')).toEqual([['missing-parameter', 'error', 'rotate']]);
    expect(found('image/rotate,0')).toEqual([]);
  });

  it('a bare quality is rejected (https://help.aliyun.com/zh/oss/support/0040-00000307), its bare value runs 1 to 100 (…/0040-00000310: quality,200)', () => {
    expect(check('image/quality').map((d) => [d.ruleId, d.severity, d.message, d.data?.source])).toEqual([
      ['missing-parameter', 'error', 'image/quality needs one of q, Q, a bare value: a quality without its setting is rejected (EC 0040-00000307)', 'https://help.aliyun.com/en/oss/user-guide/0040-00000307'],
    ]);
    expect(check('image/quality,200').map((d) => [d.ruleId, d.severity, d.message, d.data?.source])).toEqual([
      ['value-out-of-range', 'error', '200: the value of quality must be between 1 and 100', 'https://help.aliyun.com/en/oss/user-guide/0040-00000310'],
    ]);
    expect(found('image/quality,90')).toEqual([]);
    expect(found('image/quality,q_200').map((f) => f[0])).toEqual(['value-out-of-range']);
    expect(check('image/quality,q_200')[0]!.data?.source).toBe('https://help.aliyun.com/en/oss/user-guide/0040-00000309');
  });

  it('resize: given only l or only s, m has no effect (https://help.aliyun.com/zh/oss/user-guide/resize-images-4: 当仅选择l或s进行指定时…m参数的设置不起作用)', () => {
    expect(check('image/resize,m_fill,l_100').map((d) => [d.ruleId, d.severity, d.message, d.range])).toEqual([
      ['ineffective-parameter', 'warning', 'm_fill has no effect: Given only the long side `l`, the image is scaled by that side and the mode `m` has no effect.', { start: 13, end: 19 }],
    ]);
    expect(found('image/resize,m_pad,s_100,color_FF0000')).toEqual([['ineffective-parameter', 'warning', 'm_pad']]);
    // with both sides, or a width or height, m is in force
    for (const s of ['image/resize,m_fill,l_100,s_50', 'image/resize,m_fill,h_100', 'image/resize,m_lfit,w_100']) expect(found(s), s).toEqual([]);
  });

  it('audio/convert and audio/concat hold the codec their container holds to its rates and channels (https://help.aliyun.com/zh/oss/audio-transcoding)', () => {
    const save = '|sys/saveas,o_YS5tcDM';
    expect(check(`audio/convert,f_mp3,ar_96000,ac_6${save}`).map((d) => [d.ruleId, d.severity, d.message, d.related?.map((r) => r.message)])).toEqual([
      ['sample-rate', 'warning', 'ar_96000: mp3 encodes only at 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000 Hz', ['f_mp3 holds mp3 audio']],
      ['channel-count', 'warning', 'ac_6: mp3 encodes at most 2 channels', ['f_mp3 holds mp3 audio']],
    ]);
    expect(found(`audio/concat,f_mp3,ar_96000/pre,o_YS5tcDM${save}`).map((f) => f[0])).toEqual(['sample-rate']);
    // AMR at 8 or 16 kHz (AMR-NB, AMR-WB), as the audio page gives it, in either action; oga holds three codecs
    for (const s of [`audio/convert,f_amr,ar_16000,ac_1|sys/saveas,o_YS5hbXI`, 'video/convert,f_amr,acodec_amr,ar_16000,ac_1,vn_1|sys/saveas,o_YS5hbXI', `audio/convert,f_oga,ar_96000|sys/saveas,o_YS5vZ2E`, `audio/convert,f_mp3,ar_48000,ac_2${save}`]) {
      expect(found(s), s).toEqual([]);
    }
    expect(found(`audio/convert,f_amr,ar_22050|sys/saveas,o_YS5hbXI`).map((f) => f[0])).toEqual(['sample-rate']);
  });

  it('doc/convert takes html as a Word source (https://www.alibabacloud.com/help/ja/oss/document-conversion: "doc, docx, wps, wpss, docm, dotm, dot, dotx, html")', () => {
    expect(found('doc/convert,target_pdf,source_html|sys/saveas,o_b3V0LnBkZg')).toEqual([]);
    expect(found('doc/convert,target_pdf,source_htm|sys/saveas,o_b3V0LnBkZg').map((f) => f[0])).toEqual(['unknown-value']);
  });

  it('a sprite saved under one name is information, a snapshot series a warning (only the video-frame-cutting page states it)', () => {
    const sprite = 'video/sprite,f_jpg,sw_100,sh_100,inter_10000,tw_10,th_10,pad_0,margin_0|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_ZXhhbXBsZS5qcGc';
    expect(check(sprite, { mode: 'async' }).map((d) => [d.ruleId, d.severity, d.data?.evidence])).toEqual([['overwritten-outputs', 'info', 'convention']]);
    expect(check('video/snapshots,f_jpg,inter_10000|sys/saveas,o_c2hvdC5qcGc', { mode: 'async' }).map((d) => [d.ruleId, d.severity])).toEqual([['overwritten-outputs', 'warning']]);
  });

  it('info stands alone (https://www.alibabacloud.com/help/en/oss/user-guide/query-the-exif-data-of-an-image-4: "you cannot use image/resize,s_700,limit_0/info")', () => {
    expect(check('image/resize,s_700,limit_0/info').map((d) => [d.ruleId, d.severity, d.message, d.range])).toEqual([
      ['misplaced-action', 'error', 'image/info cannot be combined with other actions: it must be the only one', { start: 27, end: 31 }],
    ]);
    expect(found('image/info/resize,w_100').map((f) => f[0])).toEqual(['misplaced-action']);
    expect(found('image/info')).toEqual([]);
  });

  it('a blind watermark: content at most 256 characters, s low/medium/high, q 70 to 100 (https://help.aliyun.com/zh/oss/user-guide/add-blindwatermarks)', () => {
    const encode = (s: string) => Buffer.from(s).toString('base64url');
    const save = '|sys/saveas,o_b3V0LmpwZw';
    expect(found(`image/blindwatermark,content_${encode('阿'.repeat(256))},s_high,q_100${save}`)).toEqual([]);
    expect(check(`image/blindwatermark,content_${encode('a'.repeat(257))}${save}`).map((d) => [d.ruleId, d.message.replace(/_\w+ /, '_… ')])).toEqual([
      ['value-out-of-range', 'content_… decodes to 257 characters: content must be at most 256 characters before encoding'],
    ]);
    expect(check(`image/blindwatermark,content_${encode('x')},s_ultra,q_69${save}`).map((d) => [d.ruleId, d.message])).toEqual([
      ['unknown-value', 's_ultra: s must be one of low, medium, high'],
      ['value-out-of-range', 'q_69: q must be between 70 and 100'],
    ]);
    expect(found(`image/blindwatermark,content_${encode('x')},x_1${save}`)).toEqual([['unknown-parameter', 'error', 'x']]);
  });

  it('audio/convert needs f (https://www.alibabacloud.com/help/en/oss/user-guide/audio-transcoding: "f / string / Yes")', () => {
    expect(found('audio/convert,ab_96000|sys/saveas,o_b3V0LmFhYw')).toEqual([['missing-parameter', 'error', 'convert']]);
  });

  it('two image watermarks at one position are an error (https://help.aliyun.com/zh/oss/user-guide/add-watermarks, 注意事项)', () => {
    expect(found('image/watermark,image_QS5wbmc,g_se,x_10,y_10/watermark,image_Qi5wbmc,g_se,x_10,y_10')).toEqual([['watermark-overlap', 'error', 'watermark']]);
    expect(found('image/watermark,image_QS5wbmc,g_se,x_10,y_10/watermark,image_Qi5wbmc,g_se,x_20,y_10')).toEqual([]);
  });

  it('watermark text is limited to 64 bytes of UTF-8 (https://help.aliyun.com/zh/oss/user-guide/add-watermarks: 最大字节长度为64)', () => {
    const encode = (s: string) => Buffer.from(s).toString('base64url');
    const thirty = '水'.repeat(30); // 90 bytes
    expect(check(`image/watermark,text_${encode(thirty)}`).map((d) => [d.ruleId, d.severity, d.message])).toEqual([
      ['value-out-of-range', 'error', `text_${encode(thirty)} decodes to 90 bytes of UTF-8: text must be at most 64 bytes before encoding`],
    ]);
    expect(found(`image/watermark,text_${encode('水'.repeat(21))}`)).toEqual([]); // 63 bytes
    expect(found(`image/watermark,text_${encode('a'.repeat(64))}`)).toEqual([]);
  });

  it('doc/snapshot takes only pdf, xlsx, xls, docx, doc, pptx, ppt (https://www.alibabacloud.com/help/en/oss/user-guide/document-snapshot)', () => {
    for (const s of ['pdf', 'xlsx', 'xls', 'docx', 'doc', 'pptx', 'ppt']) expect(found(`doc/snapshot,target_jpg,source_${s},page_1`)).toEqual([]);
    for (const s of ['csv', 'wps', 'et']) expect(found(`doc/snapshot,target_jpg,source_${s},page_1`)).toEqual([['unknown-value', 'error', `source_${s}`]]);
    expect(found('doc/convert,target_pdf,source_csv|sys/saveas,o_b3V0LnBkZg')).toEqual([]);
  });

  it('a watermark image is JPG, PNG, BMP, WebP or TIFF (https://help.aliyun.com/en/oss/user-guide/add-watermarks)', () => {
    expect(found('image/watermark,image_bG9nby5naWY')).toEqual([['watermark-image-format', 'warning', 'image_bG9nby5naWY']]);
    expect(found('image/watermark,image_bG9nby5KUEc')).toEqual([]); // logo.JPG
  });
});

describe('doubtful claims, stated as what they are', () => {
  it('format,gif keeps non-GIF sources in their format, so quality is only possibly ineffective (https://alibabacloud.com/help/en/oss/user-guide/convert-image-formats-2)', () => {
    const [d] = check('image/format,gif/quality,q_80');
    expect([d!.severity, d!.message]).toEqual(['info', 'quality has no effect if the source is a GIF: format,gif keeps other sources in their own format, and quality applies only to jpg and webp output']);
  });

  it('format,jpeg outputs JPG (its alias), so quality and interlace after it take effect; an unknown format says nothing of them', () => {
    // real strings: the quality page's Q row is "effective only when the output format is JPG or WEBP"
    const FORMAT_PAGE = 'https://alibabacloud.com/help/en/oss/user-guide/convert-image-formats-2';
    const jpeg = "jpeg: image/format documents 'jpg'; 'jpeg' is seen in live use but not documented; OSS may ignore it";
    expect(reported('image/resize,h_120/format,jpeg/quality,Q_90')).toEqual([['unknown-value', 'warning', jpeg, 26, 30, FORMAT_PAGE]]);
    expect(reported('image/resize,w_1920/format,jpeg/interlace,1')).toEqual([['unknown-value', 'warning', jpeg, 27, 31, FORMAT_PAGE]]);
    expect(check('image/format,png8/quality,q_90').map((d) => d.ruleId)).toEqual(['unknown-value']);
    // the documented value itself is still judged
    expect(check('image/format,png/quality,q_90').map((d) => [d.ruleId, d.message])).toEqual([['ineffective-parameter', 'quality has no effect: the output is png, and quality applies only to jpg and webp output']]);
  });

  it('codec-container-doubtful on the seed\'s own SDK sample rests on ffmpeg only: information', () => {
    const [d] = check('video/convert,f_avi,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1');
    expect([d!.ruleId, d!.severity]).toEqual(['codec-container-doubtful', 'info']);
    expect(d!.data!.evidence).toBe('ffmpeg');
    expect(found('video/convert,f_webm,vcodec_h264')).toEqual([['codec-container', 'warning', 'vcodec_h264']]);
  });

  it('the watermark page\'s own example g_west,x_10,y_10 reports no warning (https://help.aliyun.com/zh/oss/user-guide/add-watermarks, 添加多个图片水印)', () => {
    const d = check('image/watermark,image_VHVsaXBzLmpwZw,g_west,x_10,y_10');
    expect(d.map((x) => [x.ruleId, x.severity])).toEqual([['ineffective-parameter', 'info']]);
    expect(d[0]!.message.startsWith('y_10 may have no effect: the parameter table gives')).toBe(true);
  });

  it('legacy imm/* operations are deprecated, not an unknown product (https://help.aliyun.com/en/oss/user-guide/facial-recognition)', () => {
    expect(found('imm/detectface')).toEqual([['deprecated-action', 'warning', 'detectface']]);
    expect(found('imm/tagimage')).toEqual([['deprecated-action', 'warning', 'tagimage']]);
    expect(found('imm/previewdoc,copy_1')).toEqual([['deprecated-action', 'warning', 'previewdoc']]);
  });
});

describe('strings in live use: warnings that say what is documented, certain fixes where safe', () => {
  const cases: [string, string, string, string][] = [
    ['image/resize,w_100,h_100,image/circle,r_100', 'unknown-parameter', 'image', 'image/resize,w_100,h_100/circle,r_100'],
    ['image/resize,w_100/', 'syntax-error', '/', 'image/resize,w_100'],
    ['image/resize,w_100//rotate,90', 'syntax-error', '/', 'image/resize,w_100/rotate,90'],
    ['image/resize,w_100,,h_100', 'syntax-error', ',', 'image/resize,w_100,h_100'],
    ['image/format,jpeg', 'unknown-value', 'jpeg', 'image/format,jpg'],
  ];
  it.each(cases)('%s', (text, ruleId, at, fixed) => {
    const d = check(text);
    expect(d.map((x) => [x.ruleId, x.severity, text.slice(x.range.start, x.range.end)])).toEqual([[ruleId, 'warning', at]]);
    expect(d[0]!.message).toContain('not documented; OSS may ignore it');
    expect(fixAll(text).text).toBe(fixed);
  });

  it('crop r_1 of the official SDK samples is a warning without a certain fix', () => {
    const d = check('image/crop,w_100,h_100,x_100,y_100,r_1');
    expect(d.map((x) => [x.ruleId, x.severity])).toEqual([['unknown-parameter', 'warning']]);
    expect(d[0]!.message).toContain('not documented; OSS may ignore it');
    expect(d[0]!.fixes!.every((f) => !f.certain)).toBe(true);
    expect(found('image/crop,w_100,h_100,q_1')).toEqual([['unknown-parameter', 'error', 'q']]);
  });

  it('ignore-error,1 is a warning', () => {
    expect(found('image/resize,w_100/ignore-error,1')).toEqual([['unknown-action', 'warning', 'ignore-error']]);
    expect(found('image/ignore-error,1')).toEqual([['unknown-action', 'warning', 'ignore-error']]);
  });

  it('real syntax errors stay errors', () => {
    expect(found('image/resize, w_100')[0]!.slice(0, 2)).toEqual(['syntax-error', 'error']);
    expect(found('image/')).toEqual([['syntax-error', 'error', '/']]);
  });
});

describe('evidence', () => {
  it('every rule has evidence, and its default severity is no higher than the evidence allows', () => {
    const rank = { info: 0, warning: 1, error: 2 } as const;
    for (const r of RULES) {
      expect(['rejected', 'documented', 'ffmpeg', 'convention'], r.id).toContain(r.evidence);
      expect(rank[r.severity] <= rank[EVIDENCE_CAP[r.evidence]], r.id).toBe(true);
    }
  });

  it('every diagnostic carries its evidence', () => {
    for (const s of ['video/convert,f_mp4,fps_241', 'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=', 'vidoe/convert', 'image/resize,w_1//']) {
      for (const d of check(s)) expect(d.data?.evidence, `${s} ${d.ruleId}`).toBeDefined();
    }
  });

  it('a finding on a parameter with an error-code page is rejected evidence and cites the page', () => {
    expect(check('image/circle,r_5000')[0]!.data).toEqual({ evidence: 'rejected', source: 'https://help.aliyun.com/en/oss/user-guide/0040-00000233' });
    expect(check('video/convert,f_mp4,vcodec_h264,fps_241')[0]!.data).toEqual({ evidence: 'documented', source: 'https://www.alibabacloud.com/help/en/oss/user-guide/video-transcoding' });
  });
});

describe('presets', () => {
  it('recommended is every rule\'s default; strict makes every finding an error', () => {
    expect(PRESET_NAMES).toEqual(['recommended', 'strict']);
    const recommended = presetSeverities('recommended');
    const strict = presetSeverities('strict');
    for (const r of RULES) {
      expect(recommended[r.id]).toBe(r.severity);
      expect(strict[r.id]).toBe('error');
    }
    // a finding capped by its evidence is raised too under strict
    const text = 'image/crop,w_100,h_100,x_100,y_100,r_1/format,jpeg';
    expect(check(text).map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(check(text, { preset: 'strict' }).map((d) => d.severity)).toEqual(['error', 'error']);
    expect(check(text, { preset: 'strict', rules: { 'unknown-value': 'off' } }).map((d) => d.ruleId)).toEqual(['unknown-parameter']);
  });
});

describe('explain shows the evidence', () => {
  it('lists each finding with its evidence and source, and each action with its source', () => {
    const e = explain('image/circle,r_5000/format,jpeg');
    expect(e.findings).toEqual([
      { ruleId: 'value-out-of-range', severity: 'error', message: 'r_5000: r must be between 1 and 4096', evidence: 'rejected', source: 'https://help.aliyun.com/en/oss/user-guide/0040-00000233' },
      expect.objectContaining({ ruleId: 'unknown-value', severity: 'warning', evidence: 'documented' }),
    ]);
    expect(e.actions[0]!.source).toBe('https://www.alibabacloud.com/help/doc-detail/44695.htm');
    expect(e.actions[0]!.params[0]!.rejectedBy).toBe('https://help.aliyun.com/en/oss/user-guide/0040-00000233');
    expect(e.text).toContain('   error value-out-of-range: r_5000: r must be between 1 and 4096 (evidence: rejected; https://help.aliyun.com/en/oss/user-guide/0040-00000233)');
    expect(e.text).toContain('   source: https://www.alibabacloud.com/help/doc-detail/44695.htm');
    expect(explain('image/resize,w_100').findings).toEqual([]);
  });
});

/** One finding as [ruleId, severity, message, start, end, source]. */
function reported(text: string): [string, string, string, number, number, string | undefined][] {
  return check(text).map((d) => [d.ruleId, d.severity, d.message, d.range.start, d.range.end, d.data?.source]);
}

describe('image/flip (https://help.aliyun.com/en/oss/user-guide/flip-image)', () => {
  it('takes one bare value, 0, 1 or 2: vertically, horizontally or both ways; the page example writes flip,0', () => {
    for (const s of ['image/flip,0', 'image/flip,1', 'image/flip,2', 'image/resize,w_120/flip,1']) expect(found(s), s).toEqual([]);
    expect(found('image/flip,3')).toEqual([['unknown-value', 'error', '3']]);
    expect(check('image/flip,3')[0]!.message).toBe('3: the direction of flip must be one of 0, 1, 2');
    expect(check('image/flip,horizontal')[0]!.range).toEqual({ start: 11, end: 21 });
    expect(check('image/flip').map((d) => d.ruleId)).toEqual(['missing-parameter']);
  });
});

describe('intelligent document processing (doc/translate, polish, summarize, continue, enrich, rephrase)', () => {
  const TRANSLATE = 'https://www.alibabacloud.com/help/en/oss/user-guide/smart-document-translation';

  it('doc/translate takes a language of four, the text as URL-safe base64, and a format (the translation page tables)', () => {
    // the zh page's REST example, whole
    const example = 'doc/translate,language_en_US,content_5Zub5aSn5ZCN6JGX77yM5Y2z5Zub5aSn5bCP6K-05ZCN6JGX77yM5piv5oyH44CK5LiJ5Zu95ryU5LmJ44CL44CB44CK6KW_5ri46K6w44CL44CB44CK5rC05rWS5Lyg44CL44CB44CK57qi5qW85qKm44CLNOmDqOS4reWbveWPpOWFuOeroOWbnuWwj-ivtOOAgg==';
    expect(found(example).filter(([, severity]) => severity !== 'info')).toEqual([]);
    for (const s of ['doc/translate,language_zh_CN,content_SGVsbG8gV29ybGQ', 'doc/translate,language_ja_JP,content_SGVsbG8,format_event-stream']) expect(found(s), s).toEqual([]);
    expect(reported('doc/translate,language_de_DE,content_SGVsbG8')).toEqual([['unknown-value', 'error', 'language_de_DE: language must be one of zh_CN, en_US, ja_JP, fr_FR', 14, 28, TRANSLATE]]);
    expect(check('doc/translate,content_SGVsbG8').map((d) => [d.ruleId, d.message])).toEqual([['missing-parameter', 'doc/translate needs language: the language to translate into']]);
    // the text is at most 19,500 bytes
    const long = Buffer.from('a'.repeat(19_501)).toString('base64url');
    expect(check(`doc/translate,language_en_US,content_${long}`).map((d) => [d.ruleId, d.message])).toEqual([
      ['value-out-of-range', `content_${long} decodes to 19501 bytes of UTF-8: content must be at most 19500 bytes before encoding`],
    ]);
    expect(check(`doc/translate,language_en_US,content_${Buffer.from('a'.repeat(19_500)).toString('base64url')}`)).toEqual([]);
  });

  it('doc/rephrase takes one of five tones; polish only the text; all of them run synchronously', () => {
    expect(found('doc/rephrase,tone_straightforward,content_SGVsbG8gV29ybGQ')).toEqual([]);
    expect(check('doc/rephrase,tone_angry,content_SGVsbG8')[0]!.message).toBe('tone_angry: tone must be one of professional, relaxed, straightforward, confident, friendly');
    expect(found('doc/polish,content_SGVsbG8')).toEqual([]);
    expect(check('doc/polish,content_SGVsbG8,format_sse')[0]!.message).toBe('format_sse: format must be one of json, event-stream');
    expect(check('x-oss-async-process=doc/polish,content_SGVsbG8').map((d) => [d.ruleId, d.message])).toEqual([['sync-only', 'doc/polish runs only as synchronous processing (x-oss-process), not x-oss-async-process']]);
  });

  it('summarize, continue and enrich, whose tables were not read, take content and format, and any other key is a warning', () => {
    for (const name of ['summarize', 'continue', 'enrich']) {
      expect(found(`doc/${name},content_SGVsbG8`), name).toEqual([]);
      expect(found(`doc/${name},length_100`), name).toEqual([['unknown-parameter', 'warning', 'length']]);
    }
  });
});

describe('hls/sign, the signed playlist (GetSignedPlaylist; the OSS error-code pages 0044-00000401 to 410)', () => {
  const PAGE = 'https://help.aliyun.com/en/oss/user-guide/0044-00000410';

  it('is a synchronous action written bare, as every page example writes it', () => {
    const sign = PRODUCTS.find((p) => p.name === 'hls')!.actions.find((a) => a.name === 'sign')!;
    expect([sign.mode, sign.paramsIncomplete, sign.params]).toEqual(['sync', true, []]);
    for (const s of ['hls/sign', 'x-oss-process=hls/sign']) expect(found(s), s).toEqual([]);
    expect(check('x-oss-async-process=hls/sign').map((d) => [d.ruleId, d.message])).toEqual([['sync-only', 'hls/sign runs only as synchronous processing (x-oss-process), not x-oss-async-process']]);
  });

  it('a key, such as the live_1 public code writes, is a warning: no page lists its parameters', () => {
    expect(reported('hls/sign,live_1')).toEqual([['unknown-parameter', 'warning', 'hls/sign takes no parameters', 9, 13, PAGE]]);
  });
});

describe('image intelligence: what each OSS page states (issue 11 follow-up; catalog/actions/NOTES.md)', () => {
  const BODIES = 'https://www.alibabacloud.com/help/en/oss/user-guide/body-detection';
  const action = (name: string) => PRODUCTS.find((p) => p.name === 'image')!.actions.find((a) => a.name === name)!;

  it('image/bodies takes sen, an integer 0 to 100, default 60 (body-detection, request-parameter table)', () => {
    expect(action('bodies').paramsIncomplete).toBeUndefined();
    expect(action('bodies').params.map((p) => [p.key, p.type, p.min, p.max, p.default])).toEqual([['sen', 'int', 0, 100, '60']]);
    // 50 is the table's example value; 0 and 100 its bounds
    for (const s of ['image/bodies', 'image/bodies,sen_50', 'image/bodies,sen_0', 'image/bodies,sen_100']) expect(found(s), s).toEqual([]);
    expect(reported('image/bodies,sen_101')).toEqual([['value-out-of-range', 'error', 'sen_101: sen must be between 0 and 100', 13, 20, BODIES]]);
    expect(reported('image/bodies,sen_-1')).toEqual([['value-out-of-range', 'error', 'sen_-1: sen must be between 0 and 100', 13, 19, BODIES]]);
    expect(reported('image/bodies,sen_a')).toEqual([['invalid-value', 'error', 'sen_a: sen must be an integer (between 0 and 100)', 13, 18, BODIES]]);
  });

  it('image/bodies has a whole table, so a key it lacks is an error, with the near key offered', () => {
    expect(reported('image/bodies,thr_1')).toEqual([['unknown-parameter', 'error', "Unknown parameter 'thr' for image/bodies", 13, 16, BODIES]]);
    const [d] = check('image/bodies,sens_50');
    expect([d!.ruleId, d!.severity, d!.message, d!.range]).toEqual(['unknown-parameter', 'error', "Unknown parameter 'sens' for image/bodies: did you mean 'sen'?", { start: 13, end: 17 }]);
    expect(d!.fixes![0]).toEqual({ title: "Replace with 'sen'", edits: [{ range: { start: 13, end: 17 }, newText: 'sen' }], certain: true });
  });

  it('the five actions whose pages show no request-parameter table keep every key a warning, citing their own page', () => {
    const pages: Record<string, string> = {
      faces: 'https://help.aliyun.com/en/oss/user-guide/face-detection',
      cars: 'https://www.alibabacloud.com/help/en/oss/user-guide/vehicle-detection',
      codes: 'https://help.aliyun.com/zh/oss/user-guide/qrcode-recognition',
      labels: 'https://help.aliyun.com/en/oss/user-guide/image-label-detection',
      score: 'https://help.aliyun.com/zh/oss/user-guide/image-quality-score',
    };
    for (const [name, page] of Object.entries(pages)) {
      expect(action(name).paramsIncomplete, name).toBe(true);
      expect(reported(`image/${name},x_1`), name).toEqual([['unknown-parameter', 'warning', `image/${name} takes no parameters`, 7 + name.length, 8 + name.length, page]]);
    }
    // the image-quality-score page's REST example
    expect(found('x-oss-process=image/score')).toEqual([]);
  });

  it('quality,lossless in all three forms: q and Q list lossless (image-quality-adjustment), the page example writes it alone', () => {
    const quality = action('quality');
    expect(quality.source).toContain('https://help.aliyun.com/en/oss/user-guide/image-quality-adjustment');
    expect(quality.source).toContain('https://developer.aliyun.com/ask/213166');
    for (const s of ['image/resize,w_200/format,webp/quality,lossless', 'image/quality,q_lossless', 'image/quality,Q_lossless', 'image/quality,lossless,q_90']) expect(found(s), s).toEqual([]);
    expect(reported('image/quality,lossles')).toEqual([
      ['invalid-value', 'error', 'lossles: the value of quality must be an integer (between 1 and 100) or lossless; did you mean lossless?', 14, 21, 'https://help.aliyun.com/en/oss/user-guide/0040-00000310'],
    ]);
    expect(reported('image/quality,q_lossless,Q_lossless')).toEqual([
      ['ineffective-parameter', 'warning', 'q_lossless has no effect: When both `q` and `Q` are given, the absolute quality `Q` is used.', 14, 24, 'https://help.aliyun.com/document_detail/44705.htm'],
    ]);
  });
});
