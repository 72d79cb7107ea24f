import type { Evidence, Severity } from './diagnostic';

/**
 * Every rule the checker reports, as data: its id (the LSP code, SARIF ruleId, config key, suppression key
 * and docs slug), default severity, one-line description and a longer explanation. `docs/rules/<id>.md` is
 * generated from this table plus the examples each rule's tests hold.
 */
export interface RuleMeta {
  id: string;
  /** The default (`recommended`) severity; it follows `evidence` (see `severityCap`). */
  severity: Severity;
  /**
   * What the rule's verdicts rest on: `rejected` (an error-code page or a documented failure), `documented`
   * (a parameter table or note), `ffmpeg` (measured behaviour only), `convention` (good practice). A finding
   * may carry weaker evidence of its own (a key seen in an official sample but not in the table).
   */
  evidence: Evidence;
  /** The document the rule's facts come from, where one page holds them (findings on a parameter cite its action's page). */
  source?: string;
  /** One line: what the rule reports. */
  description: string;
  /** Why it matters and what to write instead. */
  explanation: string;
  /** Has certain fixes that `--fix` applies. */
  fixable?: boolean;
  /** Offers fixes a person chooses among. */
  hasSuggestions?: boolean;
  /** Strings it reports, and the same strings put right (used in the docs and held by tests). */
  invalid: readonly string[];
  valid: readonly string[];
}

export const DOCS_BASE = 'https://github.com/ossproc/ossproc/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

/** Keeps each entry's id as a literal type, so that {@link RuleId} is the union of the table's ids. */
const rule = <const Id extends string>(m: RuleMeta & { id: Id }) => m;

export const RULES = [
  rule({
    id: 'syntax-error',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/oss/user-guide/overview-17',
    description: 'The string does not follow the grammar: empty parameters or stages, a missing name or value, whitespace.',
    explanation:
      'A processing string is `product/action,key_value,…` with stages joined by `|`. The service rejects a string it cannot read, so every syntax error fails the request.',
    fixable: true,
    invalid: ['video/convert,,f_mp4', 'image/resize, w_100', 'sys/saveas,o_'],
    valid: ['video/convert,f_mp4', 'image/resize,w_100'],
  }),
  rule({
    id: 'unknown-product',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/synchronous-processing',
    description: 'The stage starts with a product that does not exist.',
    explanation: 'Products are image, video, audio, doc, hls, style and sys (and the legacy imm, reported as deprecated). A misspelled product makes the whole request fail. Names are lower case: a string written in upper case (`Video/Convert,F_MP4`) is reported once, with one fix that lowers every name.',
    fixable: true,
    invalid: ['vidoe/convert,f_mp4', 'Video/Convert,F_MP4'],
    valid: ['video/convert,f_mp4'],
  }),
  rule({
    id: 'unknown-action',
    severity: 'error',
    evidence: 'documented',
    description: 'The product has no action of that name.',
    explanation: 'Each product has its own actions (image/resize, video/convert, sys/saveas). An unknown action fails the request. Names are lower case: a string written in upper case is reported once, with one fix.',
    fixable: true,
    invalid: ['video/covert,f_mp4', 'image/resise,w_100'],
    valid: ['video/convert,f_mp4', 'image/resize,w_100'],
  }),
  rule({
    id: 'misplaced-action',
    severity: 'error',
    evidence: 'documented',
    description: 'An action stands where it cannot: a sub-action without its parent, notify before saveas, a stage after `|` that is not sys.',
    explanation:
      '`segment` refines `video/convert` and must follow it; `notify` follows `saveas`; only `sys/…` stages may follow `|`.',
    invalid: ['video/segment,f_hls', 'video/convert,f_mp4|sys/notify,topic_dGVzdA/saveas,o_b3V0Lm1wNA'],
    valid: ['video/convert,f_ts/segment,f_hls', 'video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_dGVzdA'],
  }),
  rule({
    id: 'unknown-parameter',
    severity: 'error',
    evidence: 'documented',
    description: 'The action has no parameter of that name.',
    explanation:
      'Each action takes its own parameters. The service rejects (or silently ignores) one it does not know; a "did you mean" fix is offered for a close name, and applied only when it is the one reading (not a guess between one-letter keys, not onto a key already given). A word a key abbreviates (`width` for `w`) is offered too. A one-letter key is no misspelling of another letter; where it is a parameter of other actions of the product (`q` of image/quality), the message names them.',
    fixable: true,
    hasSuggestions: true,
    invalid: ['video/convert,f_mp4,vcodex_h264', 'image/resize,width_100', 'image/resize,w_100,q_90'],
    valid: ['video/convert,f_mp4,vcodec_h264'],
  }),
  rule({
    id: 'duplicate-parameter',
    severity: 'warning',
    evidence: 'convention',
    description: 'A parameter is given twice in one action.',
    explanation: 'Only one value can take effect; remove the repetition.',
    fixable: true,
    invalid: ['video/convert,f_mp4,f_mp4'],
    valid: ['video/convert,f_mp4'],
  }),
  rule({
    id: 'missing-parameter',
    severity: 'error',
    evidence: 'documented',
    description: 'A required parameter is missing.',
    explanation: 'video/convert needs `f`, sys/saveas needs `o`, notify needs `topic`; some actions need one of a set (indexcrop: x or y).',
    invalid: ['video/convert,vcodec_h264', 'video/convert,f_mp4|sys/saveas,b_b3V0YnVja2V0'],
    valid: ['video/convert,f_mp4,vcodec_h264', 'video/convert,f_mp4|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA'],
  }),
  rule({
    id: 'invalid-value',
    severity: 'error',
    evidence: 'documented',
    description: 'A value has the wrong form: not an integer, not a number, not WxH, not a hex colour.',
    explanation: 'Numbers are written in decimal without units; sizes as WidthxHeight; colours as six hex digits. A bitrate written with a suffix (`vb_2M`) is offered as the number it spells (2000000).',
    hasSuggestions: true,
    invalid: ['video/convert,f_mp4,g_1.5', 'video/convert,f_mp4,vcodec_h264,s_1920*1080', 'video/convert,f_mp4,vcodec_h264,vb_2M'],
    valid: ['video/convert,f_mp4,vcodec_h264,g_25', 'video/convert,f_mp4,vcodec_h264,s_1920x1080'],
  }),
  rule({
    id: 'value-out-of-range',
    severity: 'error',
    evidence: 'documented',
    description: 'A number lies outside the documented range, or a side of a resolution is odd.',
    explanation: 'Each numeric parameter has a documented range (fps 0–240, crf 0–51, s sides even and 64–4096). The service rejects values outside it. An odd side is offered rounded down and up (1921 → 1920 or 1922), for a person to choose.',
    hasSuggestions: true,
    invalid: ['video/convert,f_mp4,vcodec_h264,fps_241', 'video/convert,f_mp4,vcodec_h264,s_1921x1080'],
    valid: ['video/convert,f_mp4,vcodec_h264,fps_240', 'video/convert,f_mp4,vcodec_h264,s_1922x1080'],
  }),
  rule({
    id: 'unknown-value',
    severity: 'error',
    evidence: 'documented',
    description: 'A value is not one of the parameter\'s allowed values.',
    explanation: 'Containers, codecs, pixel formats, modes and flags take one of a fixed list of values.',
    fixable: true,
    invalid: ['video/convert,f_mp5', 'video/convert,f_MP4'],
    valid: ['video/convert,f_mp4'],
  }),
  rule({
    id: 'mutually-exclusive',
    severity: 'error',
    evidence: 'documented',
    description: 'Two parameters that exclude each other are both given.',
    explanation: '`aq` (audio quality) and `ab` (audio bitrate) both control the audio rate; give one of them.',
    hasSuggestions: true,
    invalid: ['video/convert,f_mp4,acodec_aac,aq_80,ab_128000'],
    valid: ['video/convert,f_mp4,acodec_aac,ab_128000'],
  }),
  rule({
    id: 'ineffective-parameter',
    severity: 'warning',
    evidence: 'documented',
    description: 'A parameter has no effect where it stands.',
    explanation:
      'Re-encoding parameters do nothing while `vcodec` is `copy` (the default); video parameters do nothing with `vn_1`, audio parameters with `an_1`; `adepth` works only with `acodec_flac`.',
    hasSuggestions: true,
    invalid: ['video/convert,f_mp4,s_1920x1080', 'video/convert,f_flac,acodec_aac,adepth_24,vn_1'],
    valid: ['video/convert,f_mp4,vcodec_h264,s_1920x1080', 'video/convert,f_flac,acodec_flac,adepth_24,vn_1'],
  }),
  rule({
    id: 'audio-only-container',
    severity: 'warning',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/video-transcoding',
    description: 'An audio-only container is asked to hold a video stream.',
    explanation: 'mp3, aac, flac, oga, ac3, opus and amr hold audio only; add `vn_1` to drop the video stream.',
    fixable: true,
    invalid: ['video/convert,f_mp3,acodec_mp3'],
    valid: ['video/convert,f_mp3,acodec_mp3,vn_1'],
  }),
  rule({
    id: 'codec-container',
    severity: 'warning',
    evidence: 'ffmpeg',
    description: 'The container cannot carry the codec.',
    explanation: 'Measured with ffmpeg: webm takes only VP9 with Vorbis or Opus, mov refuses VP9, FLAC and Opus, flv takes only H.264 with MP3 or AAC, the audio-only containers take only their own codec.',
    invalid: ['video/convert,f_webm,vcodec_h264', 'video/convert,f_mp3,acodec_aac,vn_1'],
    valid: ['video/convert,f_webm,vcodec_vp9,acodec_opus', 'video/convert,f_mp3,acodec_mp3,vn_1'],
  }),
  rule({
    id: 'codec-container-doubtful',
    severity: 'info',
    evidence: 'ffmpeg',
    description: 'The container carries the codec only in a way players may not read, or the documentation and ffmpeg disagree.',
    explanation: 'FLAC in MP4 is experimental; H.265 in AVI has no standard tag; mxf takes only H.264 with PCM audio in ffmpeg. The documentation lists these, so the rule warns instead of failing.',
    invalid: ['video/convert,f_avi,vcodec_h265'],
    valid: ['video/convert,f_mkv,vcodec_h265'],
  }),
  rule({
    id: 'sample-rate',
    severity: 'warning',
    evidence: 'ffmpeg',
    description: 'The audio codec or container cannot use the sample rate.',
    explanation: 'AC-3 runs at 32, 44.1 or 48 kHz; Opus at 8, 12, 16, 24 or 48 kHz; MP3 up to 48 kHz; AMR at 8 or 16 kHz; FLV signals MP3 only at 11.025, 22.05, 44.1 or 48 kHz. audio/convert and audio/concat encode the codec their container holds (f_mp3 is MP3).',
    invalid: ['video/convert,f_mp4,acodec_ac3,ar_22050'],
    valid: ['video/convert,f_mp4,acodec_ac3,ar_48000'],
  }),
  rule({
    id: 'channel-count',
    severity: 'warning',
    evidence: 'ffmpeg',
    description: 'The audio codec cannot encode that many channels.',
    explanation: 'MP3 encodes 1 or 2 channels, AC-3 up to 6, AMR only mono.',
    invalid: ['video/convert,f_mp4,acodec_mp3,ac_6'],
    valid: ['video/convert,f_mp4,acodec_aac,ac_6'],
  }),
  rule({
    id: 'pixel-format',
    severity: 'warning',
    evidence: 'ffmpeg',
    description: 'The video codec cannot produce the pixel format as asked.',
    explanation: 'H.264 and H.265 have no alpha channel: yuva420p is written as yuv420p. Only VP9 keeps alpha.',
    invalid: ['video/convert,f_mp4,vcodec_h264,pixfmt_yuva420p'],
    valid: ['video/convert,f_webm,vcodec_vp9,pixfmt_yuva420p'],
  }),
  rule({
    id: 'segment-container',
    severity: 'warning',
    evidence: 'ffmpeg',
    description: 'The segment protocol cannot carry the output container.',
    explanation: 'HLS segments are TS or fragmented MP4 (or packed AAC/MP3 audio); DASH segments are fragmented MP4 or WebM.',
    invalid: ['video/convert,f_mkv,vcodec_h264/segment,f_hls'],
    valid: ['video/convert,f_ts,vcodec_h264/segment,f_hls'],
  }),
  rule({
    id: 'output-too-large',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/object-storage-service/latest/resize-images',
    description: 'The output image would have more pixels than the service writes.',
    explanation: 'An output has at most 16,384 pixels a side and 16,777,216 pixels in all; resize modes fixed, fill and pad produce exactly w × h.',
    invalid: ['image/resize,m_fixed,w_16384,h_16384'],
    valid: ['image/resize,m_fixed,w_4096,h_4096'],
  }),
  rule({
    id: 'too-many-inputs',
    severity: 'error',
    evidence: 'documented',
    description: 'More watermark images or concatenation inputs than one action takes.',
    explanation: 'At most 3 image watermarks are drawn on one image; concat joins at most 11 inputs (the source and 10 /pre or /sur).',
    invalid: [`image${'/watermark,image_bG9nby5wbmc'.repeat(4)}`],
    valid: [`image${'/watermark,image_bG9nby5wbmc'.repeat(3)}`],
  }),
  rule({
    id: 'watermark-overlap',
    severity: 'error',
    evidence: 'documented',
    source: 'https://help.aliyun.com/zh/oss/user-guide/add-watermarks',
    description: 'Two image watermarks stand at exactly the same position.',
    explanation:
      'The watermark page allows up to three image watermarks on one image, and their positions must not fully overlap: give each its own `g`, or different `x`/`y`/`voffset` margins.',
    invalid: ['image/watermark,image_bG9nby5wbmc,g_se,x_10,y_10/watermark,image_aWNvbi5wbmc,g_se,x_10,y_10'],
    valid: ['image/watermark,image_bG9nby5wbmc,g_se,x_10,y_10/watermark,image_aWNvbi5wbmc,g_nw,x_10,y_10'],
  }),
  rule({
    id: 'watermark-image-format',
    severity: 'warning',
    evidence: 'documented',
    source: 'https://help.aliyun.com/en/oss/user-guide/add-watermarks',
    description: "A watermark image's key ends in an extension the watermark cannot be made of.",
    explanation:
      'Image watermarks may be JPG, PNG, BMP, WebP or TIFF images. The check reads only the extension of the decoded key, which need not match the content, so it warns.',
    invalid: ['image/watermark,image_bG9nby5naWY'],
    valid: ['image/watermark,image_bG9nby5wbmc'],
  }),
  rule({
    id: 'overwritten-outputs',
    severity: 'warning',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/video-frame-cutting',
    description: 'An action writes several files to one fixed name, so each overwrites the last.',
    explanation: 'video/snapshots writes several images; a target with a file suffix keeps only the last. Leave the suffix out (the service numbers the files) or use {index}. video/sprite may write several sheets too, which its page does not say: that is information.',
    invalid: ['video/snapshots,f_jpg,inter_10000|sys/saveas,o_c2hvdC5qcGc'],
    valid: ['video/snapshots,f_jpg,inter_10000|sys/saveas,o_c2hvdC17aW5kZXh9LmpwZw'],
  }),
  rule({
    id: 'invalid-base64',
    severity: 'error',
    evidence: 'rejected',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/common-errors',
    description: 'A value that must be URL-safe base64 is not, or does not decode to text.',
    explanation:
      'Targets (b, o), topics and watermark texts are written as URL-safe base64 of their UTF-8 text. A plain name written there is offered an encoding fix when the encoded name would be valid; a stray character in base64 (`!`) is named.',
    fixable: true,
    hasSuggestions: true,
    invalid: ['video/convert,f_mp4|sys/saveas,o_out.mp4', 'video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA!'],
    valid: ['video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA'],
  }),
  rule({
    id: 'base64-padding',
    severity: 'info',
    evidence: 'convention',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/add-watermarks',
    description: 'A base64 value ends with `=` padding.',
    explanation: 'The service accepts padding, but the documented form strips it, and `=` must be escaped in URLs.',
    fixable: true,
    invalid: ['video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ='],
    valid: ['video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ'],
  }),
  rule({
    id: 'base64-alphabet',
    severity: 'warning',
    evidence: 'convention',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/add-watermarks',
    description: 'A base64 value uses the standard alphabet (`+`, `/`) instead of the URL-safe one (`-`, `_`).',
    explanation: 'In a URL `+` turns into a space, and in a processing string `/` starts a new action; the URL-safe alphabet writes `-` and `_` instead of `+` and `/`.',
    fixable: true,
    invalid: ['video/convert,f_mp4|sys/saveas,o_Pz8+Lm1wNA', 'video/convert,f_mp4|sys/saveas,o_YT8/Lm1wNA'],
    valid: ['video/convert,f_mp4|sys/saveas,o_Pz8-Lm1wNA', 'video/convert,f_mp4|sys/saveas,o_YT8_Lm1wNA'],
  }),
  rule({
    id: 'invalid-bucket-name',
    severity: 'error',
    evidence: 'rejected',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions',
    description: 'The decoded bucket name breaks the bucket naming rules.',
    explanation: 'A bucket name has 3 to 63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit.',
    invalid: ['video/convert,f_mp4|sys/saveas,b_T3V0X0J1Y2tldA,o_b3V0Lm1wNA'],
    valid: ['video/convert,f_mp4|sys/saveas,b_b3V0LWJ1Y2tldA,o_b3V0Lm1wNA'],
  }),
  rule({
    id: 'invalid-object-key',
    severity: 'error',
    evidence: 'rejected',
    source: 'https://www.alibabacloud.com/help/en/oss/support/0016-00000005',
    description: 'The decoded object key breaks the object naming rules.',
    explanation: 'An object key is 1 to 1023 bytes of UTF-8 and must not start with `/` or `\\`.',
    invalid: ['video/convert,f_mp4|sys/saveas,o_L291dC5tcDQ'],
    valid: ['video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA'],
  }),
  rule({
    id: 'invalid-template',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/variables',
    description: 'A saveas target uses an unknown variable or unbalanced braces.',
    explanation: 'Targets may hold variables such as {autoext}, {dirname}, {barename}, {index}; a literal brace is written {{ or }}.',
    invalid: ['video/convert,f_mp4|sys/saveas,o_b3V0LntleHRlbnNpb259'],
    valid: ['video/convert,f_mp4|sys/saveas,o_b3V0LnthdXRvZXh0fQ'],
  }),
  rule({
    id: 'extension-mismatch',
    severity: 'warning',
    evidence: 'convention',
    description: 'The output object\'s extension does not match the output format.',
    explanation: 'Writing an MP4 to `out.avi` misleads every player and browser that trusts the name; use the matching extension or {autoext}.',
    invalid: ['video/convert,f_mp4|sys/saveas,o_b3V0LmF2aQ'],
    valid: ['video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA'],
  }),
  rule({
    id: 'output-overwrites-source',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/video-transcoding',
    description: 'The output would be written over the source object.',
    explanation: 'The service must not write the result to the source\'s path: it overwrites the original and can loop through triggers. Checked when the source key is known (`sourceKey`).',
    invalid: [],
    valid: [],
  }),
  rule({
    id: 'invalid-topic-name',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/mns/developer-reference/topic-topic',
    description: 'The decoded notify topic breaks the SMQ topic naming rules.',
    explanation: 'An SMQ (MNS) topic name has up to 120 letters, digits and hyphens and starts with a letter.',
    invalid: ['video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_MXRvcGlj'],
    valid: ['video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_dG9waWM'],
  }),
  rule({
    id: 'async-only',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/asynchronous-processing',
    description: 'An asynchronous-only action is sent as synchronous processing (x-oss-process).',
    explanation: 'video/convert, audio/convert, the other IMM media tasks, doc/convert and notify run only through x-oss-async-process.',
    invalid: ['x-oss-process=video/convert,f_mp4'],
    valid: ['x-oss-async-process=video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA'],
  }),
  rule({
    id: 'sync-only',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/synchronous-processing',
    description: 'A synchronous-only action is sent as an asynchronous task, or mixed with asynchronous ones.',
    explanation: 'Image processing, snapshots and info run synchronously (x-oss-process); they cannot share a request with asynchronous tasks.',
    invalid: ['x-oss-async-process=image/resize,w_100|sys/saveas,o_b3V0LmpwZw'],
    valid: ['x-oss-process=image/resize,w_100'],
  }),
  rule({
    id: 'missing-saveas',
    severity: 'error',
    evidence: 'documented',
    source: 'https://www.alibabacloud.com/help/en/oss/user-guide/sys-or-saveas',
    description: 'An asynchronous request has no sys/saveas, so its output is lost.',
    explanation:
      'An asynchronous task returns only a task id; without `|sys/saveas,o_…` the result is not kept. A bare style string (kept in a preset, with saveas appended at the call) is not reported.',
    invalid: ['x-oss-async-process=video/convert,f_mp4'],
    valid: ['x-oss-async-process=video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA', 'video/convert,f_mp4'],
  }),
  rule({
    id: 'deprecated-action',
    severity: 'warning',
    evidence: 'documented',
    source: 'https://help.aliyun.com/en/oss/user-guide/image-tag-detection-migrated-to-the-new-version',
    description: 'A legacy operation that the documentation marks as being phased out.',
    explanation:
      'The old IMM operations (`imm/detectface`, `imm/tagimage`, `imm/previewdoc`) are still documented but are being replaced by the new IMM version: image/faces, image/labels and doc/preview.',
    invalid: ['imm/detectface'],
    valid: ['image/faces'],
  }),
  rule({
    id: 'invalid-style-name',
    severity: 'error',
    evidence: 'rejected',
    source: 'https://www.alibabacloud.com/help/en/oss/support/0017-00000250',
    description: 'A style reference names a style that cannot exist.',
    explanation: 'Style names have 1 to 63 letters, digits, `_`, `-` and `.`; built-in styles are written style/::name.',
    invalid: ['style/my$style'],
    valid: ['style/thumbnail'],
  }),
  rule({
    id: 'preset-shape',
    severity: 'error',
    evidence: 'documented',
    description: 'A preset file ({ "styles": { "<name>": "<string>" } }) has a style that is not a string, or `styles` is not an object.',
    explanation:
      'A preset file in JSON or YAML maps style names to processing strings under `styles`; each value is sent as a style\'s content, so a number, list or mapping there is not a style. Reported by the preset readers, not by the string checker.',
    invalid: [],
    valid: [],
  }),
] as const satisfies readonly RuleMeta[];

/** Every rule id of the table, as a type: `ctx.report('unknwon-value', …)` does not compile. */
export type RuleId = (typeof RULES)[number]['id'];

const byId = new Map<string, RuleMeta>(RULES.map((r) => [r.id, r]));

/**
 * The highest default severity each kind of evidence supports: what the service rejects, or the documentation
 * says is invalid, may be an error; what only ffmpeg shows, or good practice asks, is at most a warning.
 */
export const EVIDENCE_CAP: Readonly<Record<Evidence, Severity>> = { rejected: 'error', documented: 'error', ffmpeg: 'warning', convention: 'warning' };

/** The shipped rule presets: `recommended` (the defaults, which follow the evidence) and `strict` (every finding an error). */
export type PresetName = 'recommended' | 'strict';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict'];

/**
 * The severity of every rule under a preset. `recommended` is each rule's default, under which a finding
 * resting on weaker evidence than its rule (an incomplete table, a key seen only in an official sample) is
 * reported below it; `strict` makes every finding of every rule an error. Pass the name as
 * `CheckOptions.preset`; a config's own `rules` entries apply on top.
 */
export function presetSeverities(preset: PresetName): Record<string, Severity> {
  return Object.fromEntries(RULES.map((r) => [r.id, preset === 'strict' ? 'error' : r.severity]));
}

export function getRule(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export function isRuleId(id: string): id is RuleId {
  return byId.has(id);
}
