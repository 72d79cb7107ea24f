import { describe, it } from 'vitest';
import { check, RULES } from '../src/index';
import { ruleTester, type InvalidCase } from './helpers';

/**
 * One table per rule, ESLint style: every invalid string reports exactly this message on exactly the marked
 * range (<|…|>), and the rule's own valid examples (from its metadata, which the docs show) report nothing.
 */
const invalid: Record<string, InvalidCase[]> = {
  'output-too-large': [
    { code: 'image/resize,m_fixed,<|w_16384,h_16384|>', message: 'm_fixed with w_16384 and h_16384 makes 268,435,456 pixels; the output may have at most 16,777,216' },
    { code: 'image/resize,m_pad,<|h_5000,w_5000|>', message: 'm_pad with w_5000 and h_5000 makes 25,000,000 pixels; the output may have at most 16,777,216' },
  ],
  'too-many-inputs': [
    { code: `image${'/watermark,image_bG9nby5wbmc'.repeat(3)}/<|watermark|>,image_bG9nby5wbmc`, message: 'At most 3 image watermarks can be drawn on one image; this is number 4' },
    { code: `video/concat,f_mp4${'/pre,o_YS5tcDQ'.repeat(10)}/<|sur|>,o_Yi5tcDQ`, message: 'video/concat joins at most 11 inputs: the source and 10 /pre or /sur; this is input 12' },
  ],
  'watermark-overlap': [
    {
      code: 'image/watermark,image_bG9nby5wbmc,g_se,x_10,y_10/<|watermark|>,image_aWNvbi5wbmc,g_se,x_10,y_10',
      message: 'This image watermark stands exactly where an earlier one does (g_se,x_10,y_10,voffset_0): the positions of image watermarks must not fully overlap; change g, x, y or voffset',
      severity: 'error',
    },
    {
      code: 'image/watermark,image_bG9nby5wbmc/<|watermark|>,image_aWNvbi5wbmc,g_se',
      message: 'This image watermark stands exactly where an earlier one does (g_se,x_10,y_10,voffset_0): the positions of image watermarks must not fully overlap; change g, x, y or voffset',
    },
  ],
  'watermark-image-format': [
    { code: 'image/watermark,<|image_bG9nby5naWY|>', message: "image_bG9nby5naWY decodes to 'logo.gif': a watermark image may be JPG, PNG, BMP, WebP or TIFF, and .gif is none of them", severity: 'warning' },
  ],
  'deprecated-action': [
    { code: 'imm/<|detectface|>', message: 'imm/detectface is a legacy operation the documentation marks as being phased out: use image/faces', severity: 'warning' },
    { code: 'imm/<|previewdoc|>,copy_1', message: 'imm/previewdoc is a legacy operation the documentation marks as being phased out: use doc/preview' },
  ],
  'overwritten-outputs': [
    { code: 'video/snapshots,f_jpg,inter_10000|sys/saveas,<|o_c2hvdC5qcGc|>', message: "o_c2hvdC5qcGc decodes to 'shot.jpg': video/snapshots writes several images, and a target with a suffix keeps only the last; leave the suffix out or add {index}" },
  ],
  'syntax-error': [
    // live-use slips: warnings that say what is documented (issue 11)
    { code: "video/convert<|,|>,f_mp4", message: "Empty parameter ',,': parameters are documented as key_value joined by single commas (not documented; OSS may ignore it); remove the extra ','", severity: 'warning' },
    { code: "image/resize,w_1<|/|>", message: "Trailing '/': the documented form ends with the last action (not documented; OSS may ignore it); remove it", severity: 'warning' },
    { code: "image<|/|>/resize,w_1", message: "Doubled '//': actions are documented as joined by one '/' (not documented; OSS may ignore it); remove one", severity: 'warning' },
    { code: "<|,|>", message: "Empty parameter: remove the extra ','" },
    { code: "image/<|/|>", message: "Expected an action name after '/'", severity: 'error' },
    { code: "image/resize,<| |>w_100", message: "Whitespace is not allowed in a processing string: remove it" },
    { code: "image/resize,<| |>w_100 / quality, q_90", message: "Whitespace is not allowed in a processing string: remove it (4 places)" },
    { code: "video/convert,f_mp4|sys/saveas,<|o_|>", message: "Parameter 'o' has no value after '_'" },
    { code: "video/convert,f_mp4<|||>|sys/saveas,o_b3V0Lm1wNA", message: "Expected a stage after '|', such as sys/saveas,o_…" },

    { code: "<|image|>", message: "Expected '/' and an action after 'image'" },

  ],
  'unknown-product': [
    { code: "<|vidoe|>/convert,f_mp4", message: "Unknown product 'vidoe': did you mean 'video'?" },
    { code: "<|resize|>,w_100", message: "'resize' needs its product: write image/resize" },
    { code: "<|foo|>/bar", message: "Unknown product 'foo': did you mean 'doc'?" },
  ],
  'unknown-action': [
    { code: "video/<|covert|>,f_mp4", message: "video has no action 'covert': did you mean 'convert'?" },
    { code: "image/<|resise|>,w_100", message: "image has no action 'resise': did you mean 'resize'?" },
    { code: "image/<|w_100|>", message: "Expected an action name, found the parameter 'w_100': parameters follow the action after ','" },
  ],
  'misplaced-action': [
    { code: "video/convert,f_ts|sys/saveas,o_b3V0LnRz/<|segment|>,f_hls", message: "segment is a video action: put it in the video stage, after video/convert, before '|'" },
    { code: "video/<|segment|>,f_hls", message: "segment must follow video/convert" },
    { code: "video/convert,f_mp4|sys/<|notify|>,topic_dGVzdA/saveas,o_b3V0Lm1wNA", message: "notify must come after saveas" },
    { code: "video/convert,f_mp4|<|image|>/resize,w_1", message: "Only sys/… (saveas, notify) may follow '|'; chain image actions with '/' in the first stage" },
    { code: "<|sys|>/saveas,o_b3V0Lm1wNA|video/convert,f_mp4", message: "sys/saveas must come last, after '|'" },
  ],
  'unknown-parameter': [
    { code: "video/convert,f_mp4,<|vcodex|>_h264", message: "Unknown parameter 'vcodex' for video/convert: did you mean 'vcodec'?" },
    { code: "image/rotate,90,<|45|>", message: "image/rotate takes one value; '45' is extra" },
    { code: "image/resize,<|100|>", message: "'100' is not a parameter of image/resize: parameters are written key_value" },
    { code: "image/info,<|w|>_1", message: "image/info takes no parameters" },
    { code: "image/resize,w_100,<|q|>_90", message: "Unknown parameter 'q' for image/resize; q is a parameter of image/quality and image/blindwatermark" },
    { code: "image/resize,w_100,<|x|>_10", message: "Unknown parameter 'x' for image/resize; x is a parameter of image/crop, image/indexcrop and image/watermark" },
    { code: "video/snapshot,t_1000,<|vcodec|>_h264", message: "Unknown parameter 'vcodec' for video/snapshot; vcodec is a parameter of video/convert and video/concat" },
    { code: "image/resize,w_100,<|zz|>_1", message: "Unknown parameter 'zz' for image/resize" },
  ],
  'duplicate-parameter': [
    { code: "video/convert,f_mp4,<|f_mp4|>", message: "f is given twice" },
    { code: "video/convert,f_mp4,<|f_mkv|>", message: "f is given twice with different values (mp4 and mkv)" },
  ],
  'missing-parameter': [
    { code: 'video/sprite,f_jpg,<|m_avg|>', message: 'm_avg spreads num frames evenly over the video: give num, more than 0' },
    { code: "video/<|convert|>,vcodec_h264", message: "video/convert needs f: the output container" },
    { code: "video/convert,f_mp4|sys/<|saveas|>,b_b3V0YnVja2V0", message: "sys/saveas needs o: the target object key, URL-safe base64 encoded" },
    { code: "image/<|indexcrop|>,i_0", message: "image/indexcrop needs one of x, y: Give the strip size along one axis: `x` or `y`." },
  ],
  'invalid-value': [
    { code: "video/convert,f_mp4,vcodec_h264,<|g_1.5|>", message: "g_1.5: g must be an integer (between 1 and 100000)" },
    { code: "video/convert,f_mp4,vcodec_h264,<|s_1920*1080|>", message: "s_1920*1080: s must be WidthxHeight, such as 1920x1080 (one side may be left out: 640x)" },
    { code: "video/convert,f_mp4,vcodec_h264,<|fps_abc|>", message: "fps_abc: fps must be a number (between 0 and 240)" },
    { code: "video/convert,f_mp4,vcodec_h264,<|s_x|>", message: "s_x: s must be WidthxHeight, such as 1920x1080 (one side may be left out: 640x)" },
  ],
  'value-out-of-range': [
    { code: "video/convert,f_mp4,vcodec_h264,<|fps_241|>", message: "fps_241: fps must be between 0 and 240" },
    { code: "video/convert,f_mp4,vcodec_h264,<|s_1921x1080|>", message: "s_1921x1080: each side of s must be even (did you mean 1920x1080 or 1922x1080?)" },
    { code: "video/convert,f_mp4,vcodec_h264,<|s_32x32|>", message: "s_32x32: each side of s must be between 64 and 4096" },
    { code: "video/convert,f_mp4,<|ss_-1|>", message: "ss_-1: ss must be 0 or more" },
    { code: "video/convert,f_mp4,vcodec_h264,<|crf_52|>", message: "crf_52: crf must be between 0 and 51" },
    { code: "video/convert,f_mp4,vcodec_h264,<|g_0|>", message: "g_0: g must be between 1 and 100000" },
    { code: "video/convert,f_mp4,vcodec_h264,<|vb_9999|>", message: "vb_9999: vb must be between 10000 and 100000000" },
    { code: "video/convert,f_mp4,vcodec_h264,<|maxrate_100000001|>", message: "maxrate_100000001: maxrate must be between 10000 and 100000000" },
    { code: "video/convert,f_mp4,vcodec_h264,<|bufsize_200000001|>", message: "bufsize_200000001: bufsize must be between 10000 and 200000000" },
    { code: "video/convert,f_mp4,acodec_aac,<|ac_9|>", message: "ac_9: ac must be between 1 and 8" },
    { code: "video/convert,f_mp4,acodec_aac,<|aq_101|>", message: "aq_101: aq must be between 0 and 100" },
    { code: "video/convert,f_mp4,acodec_aac,<|ab_999|>", message: "ab_999: ab must be between 1000 and 10000000" },
    { code: "video/convert,f_ts/segment,f_hls,<|t_3600001|>", message: "t_3600001: t must be between 0 and 3600000" },
    { code: "image/rotate,<|361|>", message: "361: the angle of rotate must be between 0 and 360" },
  ],
  'unknown-value': [
    { code: "video/convert,<|f_mp5|>", message: "f_mp5: f must be one of mp4, mkv, mov, asf, avi, mxf, ts, flv, webm, mp3, aac, flac, oga, ac3, opus, amr (did you mean 'mp4' or 'mp3'?)" },
    { code: "video/convert,<|f_MP4|>", message: "f_MP4: f must be one of mp4, mkv, mov, asf, avi, mxf, ts, flv, webm, mp3, aac, flac, oga, ac3, opus, amr (did you mean 'mp4'?)" },
    { code: "video/convert,f_mp4,<|vcodec_h266|>", message: "vcodec_h266: vcodec must be one of copy, h264, h265, vp9 (did you mean 'h264' or 'h265'?)" },
    { code: "video/convert,f_mp4,vcodec_h264,<|fpsopt_3|>", message: "fpsopt_3: fpsopt must be one of 0, 1, 2" },
    { code: "video/convert,f_mp4,<|vn_2|>", message: "vn_2: vn must be one of 0, 1" },
    { code: "video/convert,f_flac,acodec_flac,vn_1,<|adepth_32|>", message: "adepth_32: adepth must be one of 16, 24" },
    { code: "video/convert,f_mp4,acodec_aac,<|ar_44000|>", message: "ar_44000: ar must be one of 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000 (did you mean '44100'?)" },
    { code: "video/convert,f_mp4,vcodec_h264,<|pixfmt_rgb24|>", message: "pixfmt_rgb24: pixfmt must be one of yuv420p, yuva420p, yuv420p10le, yuv422p, yuv422p10le, yuv444p, yuv444p10le" },
    { code: "video/convert,f_mp4,vcodec_h264,<|scaletype_zoom|>", message: "scaletype_zoom: scaletype must be one of crop, stretch, fill, fit" },
    { code: "video/convert,f_ts/segment,<|f_smooth|>", message: "f_smooth: f must be one of hls, dash" },
    { code: "image/format,<|jpeg|>", message: "jpeg: image/format documents 'jpg'; 'jpeg' is seen in live use but not documented; OSS may ignore it", severity: 'warning' },
    { code: "image/format,<|jpe|>", message: "jpe: the value of format must be one of jpg, png, webp, bmp, gif, tiff, heic, avif (did you mean 'jpg'?)", severity: 'error' },
    { code: "doc/snapshot,target_jpg,<|source_csv|>,page_1", message: "source_csv: source must be one of doc, docx, pptx, ppt, xls, xlsx, pdf", severity: 'error' },
  ],
  'mutually-exclusive': [
    { code: "video/convert,f_mp4,acodec_aac,aq_80,<|ab_128000|>", message: "ab and aq cannot be combined: give one of them (both set how strongly the audio is compressed)" },
  ],
  'ineffective-parameter': [
    { code: 'image/<|quality,q_80|>/format,png', message: 'quality has no effect: the output is png, and quality applies only to jpg and webp output' },
    { code: 'image/format,gif/<|interlace,1|>', message: 'interlace has no effect if the source is a GIF: format,gif keeps other sources in their own format, and interlace applies only to jpg output', severity: 'info' },
    { code: 'image/format,bmp/<|interlace,1|>', message: 'interlace has no effect: the output is bmp, and interlace applies only to jpg output', severity: 'warning' },
    { code: 'image/resize,<|P_30|>', message: "P_30 scales a watermark image and works only inside a watermark's image processing; use p for a percentage" },
    { code: "video/convert,f_mp4,<|s_1920x1080|>", message: "s_1920x1080 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)" },
    { code: "video/convert,f_flac,acodec_aac,<|adepth_24|>,vn_1", message: "adepth_24 has no effect: adepth takes effect only with acodec_flac" },
    { code: "video/convert,f_mp4,vcodec_h264,vn_1,<|s_1280x720|>,an_0", message: "s_1280x720 has no effect: vn_1 drops the video stream" },
    { code: "video/convert,f_mp4,acodec_aac,an_1,<|ab_100000|>", message: "ab_100000 has no effect: an_1 drops the audio stream" },
    { code: "video/convert,f_mp4,<|ab_100000|>", message: "ab_100000 has no effect: acodec copy does not re-encode the audio (acodec copy is the default)" },
  ],
  'audio-only-container': [
    { code: "video/convert,<|f_mp3|>,acodec_mp3", message: "f_mp3 holds audio only: add vn_1 to drop the video stream" },
  ],
  'codec-container': [
    { code: "video/convert,f_webm,<|vcodec_h264|>", message: "vcodec_h264 in f_webm: WebM carries only VP9 video" },
    { code: "video/convert,f_mp3,<|acodec_aac|>,vn_1", message: "acodec_aac in f_mp3: the mp3 container carries only its own audio codec" },
    { code: "video/convert,f_mov,<|vcodec_vp9|>", message: "vcodec_vp9 in f_mov: QuickTime (mov) does not carry VP9" },
    { code: "video/convert,f_flv,vcodec_h264,<|acodec_opus|>", message: "acodec_opus in f_flv: FLV does not carry Opus (it runs at 48 kHz, which FLV cannot signal)" },
    { code: "video/convert,f_ts,<|vcodec_vp9|>", message: "vcodec_vp9 in f_ts: MPEG-TS carries VP9 only as private data that players do not read" },
    { code: "video/convert,f_mp4,vcodec_h264,<|acodec_amr|>", message: "acodec_amr in f_mp4: MP4 has no tag for AMR audio" },
    { code: "video/convert,f_oga,<|acodec_mp3|>,vn_1", message: "acodec_mp3 in f_oga: the oga container carries only FLAC, Vorbis or Opus" },
  ],
  'codec-container-doubtful': [
    { code: "video/convert,f_avi,<|vcodec_h265|>", message: "vcodec_h265 in f_avi: ffmpeg writes H.265 into AVI without a tag players read; prefer mp4 or mkv" },
    { code: "video/convert,f_mxf,<|vcodec_h265|>", message: "vcodec_h265 in f_mxf: ffmpeg writes only h264 with PCM audio at 48 kHz into MXF; the document lists mxf all the same" },
    { code: "video/convert,f_mp4,vcodec_h264,<|acodec_flac|>", message: "acodec_flac in f_mp4: FLAC in MP4 is experimental in ffmpeg and poorly supported by players" },
    { code: "video/convert,f_flv,<|vcodec_h265|>", message: "vcodec_h265 in f_flv: classic FLV carries only H.264; H.265 needs the newer enhanced FLV" },
  ],
  'sample-rate': [
    { code: "video/convert,f_mp4,acodec_ac3,<|ar_22050|>", message: "ar_22050: ac3 encodes only at 32000, 44100, 48000 Hz" },
    { code: "video/convert,f_flv,vcodec_h264,acodec_mp3,<|ar_32000|>", message: "ar_32000 with acodec_mp3 in f_flv: FLV signals MP3 only at 11025, 22050, 44100 or 48000 Hz" },
    { code: "video/convert,f_mp4,acodec_mp3,<|ar_96000|>", message: "ar_96000: mp3 encodes only at 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000 Hz" },
    { code: "video/convert,f_mp4,acodec_mp3,<|ar_8000|>", message: "ar_8000 with acodec_mp3 in f_mp4: MP3 in MP4 below 16 kHz is non-standard" },
  ],
  'channel-count': [
    { code: "video/convert,f_mp4,acodec_mp3,<|ac_6|>", message: "ac_6: mp3 encodes at most 2 channels" },
    { code: "video/convert,f_mkv,acodec_amr,ar_8000,<|ac_2|>", message: "ac_2: amr encodes at most 1 channel" },
    { code: "video/convert,f_mkv,acodec_opus,<|ac_3|>", message: "ac_3: opus takes 3 channels only in some layouts; the encoder refuses its default 3-channel layout" },
  ],
  'pixel-format': [
    { code: "video/convert,f_mp4,vcodec_h264,<|pixfmt_yuva420p|>", message: "pixfmt_yuva420p with vcodec_h264: H.264 has no alpha channel: the encoder writes yuv420p instead" },
  ],
  'segment-container': [
    { code: "video/convert,f_mkv,vcodec_h264/segment,<|f_hls|>", message: "f_hls cannot carry f_mkv: HLS segments are ts, mp4, aac, mp3" },
    { code: "video/convert,f_ts,vcodec_h264/segment,<|f_dash|>", message: "f_dash cannot carry f_ts: DASH segments are mp4, webm" },
  ],
  'invalid-base64': [
    { code: "video/convert,f_mp4|sys/saveas,<|o_out.mp4|>", message: "o_out.mp4: o must be URL-safe base64 of the object key; 'out.mp4' looks like plain text (encoded: b3V0Lm1wNA)" },
    { code: "video/convert,f_mp4|sys/saveas,<|o_abcde|>", message: "o_abcde: o must be URL-safe base64 of the object key, and its length is not that of base64" },
    { code: "video/convert,f_mp4|sys/saveas,<|o_____|>", message: "o_____: o must be URL-safe base64 of the object key, and it does not decode to UTF-8 text" },
  ],
  'base64-padding': [
    { code: "video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ<|=|>", message: "o_dGVzdC5tcDQ=: base64 padding '=' is accepted, but the documented form strips it" },
  ],
  'base64-alphabet': [
    { code: "video/convert,f_mp4|sys/saveas,<|o_Pz8+Lm1wNA|>", message: "o_Pz8+Lm1wNA: '+' is standard base64; in a URL it turns into a space. The URL-safe alphabet writes '-'" },
  ],
  'invalid-bucket-name': [
    { code: "video/convert,f_mp4|sys/saveas,<|b_T3V0X0J1Y2tldA|>,o_b3V0Lm1wNA", message: "b_T3V0X0J1Y2tldA decodes to 'Out_Bucket': a bucket name has 3 to 63 lowercase letters, digits and hyphens, and starts and ends with a letter or digit" },
    { code: "video/convert,f_mp4|sys/saveas,<|b_YWI|>,o_b3V0Lm1wNA", message: "b_YWI decodes to 'ab': a bucket name has 3 to 63 lowercase letters, digits and hyphens, and starts and ends with a letter or digit" },
  ],
  'invalid-object-key': [
    { code: "video/convert,f_mp4|sys/saveas,<|o_L291dC5tcDQ|>", message: "o_L291dC5tcDQ decodes to '/out.mp4': an object key must not start with '/'" },
  ],
  'invalid-template': [
    { code: "video/convert,f_mp4|sys/saveas,<|o_b3V0LntleHRlbnNpb259|>", message: "o_b3V0LntleHRlbnNpb259 decodes to 'out.{extension}': unknown variable {extension}; variables are {bucket}, {key}, {dirname}, {barename}, {basename}, {ext}, {year}, {mon}, {day}, {hour}, {min}, {sec}, {t_year}, {t_mon}, {t_day}, {t_hour}, {t_min}, {t_sec}, {autoext}, {index}, {sheetname}, {streamindex}, {resolution}" },
    { code: "video/convert,f_mp4|sys/saveas,<|o_b3V0LnthdXRvZXh0|>", message: "o_b3V0LnthdXRvZXh0 decodes to 'out.{autoext': unbalanced brace at character 5 (write {{ or }} for a literal brace)" },
  ],
  'extension-mismatch': [
    { code: "video/convert,f_mp4|sys/saveas,<|o_b3V0LmF2aQ|>", message: "o_b3V0LmF2aQ decodes to 'out.avi', but the output is mp4: name it .mp4 or use .{autoext}" },
  ],
  'invalid-topic-name': [
    { code: "video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,<|topic_MXRvcGlj|>", message: "topic_MXRvcGlj decodes to '1topic': an SMQ topic name has 1 to 120 letters, digits and hyphens and starts with a letter" },
  ],
  'async-only': [
    { code: "x-oss-process=video/<|convert|>,f_mp4", message: "video/convert runs only as asynchronous processing (x-oss-async-process), not x-oss-process" },
  ],
  'sync-only': [
    { code: "x-oss-async-process=image/<|resize|>,w_100|sys/saveas,o_b3V0LmpwZw", message: "image/resize runs only as synchronous processing (x-oss-process), not x-oss-async-process" },
    { code: "video/<|snapshot|>,t_1000/convert,f_mp4", message: "video/snapshot runs synchronously and cannot share a request with video/convert, which runs only asynchronously" },
  ],
  'missing-saveas': [
    { code: "<|x-oss-async-process=|>video/convert,f_mp4", message: "An asynchronous request keeps video/convert's output only through sys/saveas: append |sys/saveas,o_<base64 of the object key>" },
  ],
  'invalid-style-name': [
    { code: "style/<|my$style|>", message: "Style name 'my$style': 1 to 63 characters: letters, digits, underscores (_), hyphens (-) and periods (.)" },
  ],
};

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, meta) => {
  const tester = ruleTester(id, { valid: [...meta.valid], invalid: invalid[id] ?? [] });
  it('stays silent on valid strings', () => tester.valid());
  it('reports invalid strings with the exact message and range', () => tester.invalid());
  it('reports each of its documented invalid examples', () => {
    for (const code of meta.invalid) {
      const found = check(code).filter((d) => d.ruleId === id);
      if (found.length === 0) throw new Error(`${id} does not report its documented example ${code}`);
    }
  });
});

describe('rule tables', () => {
  it('cover every rule except those that need options or a preset file (preset-shape: test/presets.test.ts)', () => {
    const missing = RULES.map((r) => r.id).filter((id) => !invalid[id] && id !== 'output-overwrites-source' && id !== 'preset-shape');
    if (missing.length) throw new Error(`no invalid cases for ${missing.join(', ')}`);
  });
});

