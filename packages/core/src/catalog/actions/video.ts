/**
 * Catalog data for the `video` product, except `convert` and its `segment` sub-action (written elsewhere).
 * Pure data; see NOTES.md beside this file for what was verified where and what is inferred.
 */
import type { ActionSpec, EnumValue, ParamSpec } from '../types';
import { concatInput, durationMs, errorCodePage, IMM_SAMPLE_RATES, startMs } from './shared';

const SCALE_TYPES: readonly EnumValue[] = [
  { value: 'crop', doc: 'Scale and crop to fill the target size.' },
  { value: 'stretch', doc: 'Stretch to fill the target size (the default).' },
  { value: 'fill', doc: 'Scale to fit and keep black bars.' },
  { value: 'fit', doc: 'Scale to fit proportionally, without black bars.' },
];

const framePx = (key: string, doc: string): ParamSpec => ({
  key,
  type: 'int',
  doc,
  min: 32,
  max: 4096,
  unit: 'px',
  defaultDoc: 'the source video size',
});

const percentOfSource = (key: string, doc: string): ParamSpec => ({
  key,
  type: 'int',
  doc,
  min: 0,
  minExclusive: true,
  max: 200,
  unit: '%',
  default: '100',
});

const SRC_SNAPSHOT = 'https://alibabacloud.com/help/en/oss/user-guide/video-snapshots';
const SRC_ANIMATION = 'https://help.aliyun.com/zh/oss/user-guide/video-rotation-chart';
const SRC_SPRITE = 'https://help.aliyun.com/zh/oss/video-cut-sprite';
const SRC_SNAPSHOTS =
  'https://help.aliyun.com/document_detail/2331058.htm; https://www.alibabacloud.com/help/en/oss/user-guide/video-frame-cutting';
const SRC_CONCAT =
  'https://help.aliyun.com/zh/oss/user-guide/video-stitching; https://www.alibabacloud.com/help/en/oss/user-guide/video-stitching';
const SRC_PHP_ASYNC = 'https://help.aliyun.com/zh/oss/developer-reference/asynchronous-processing-using-oss-sdk-for-php-v2';

/** sys/saveas targets used in the examples: bucket `examplebucket`, key `outobjprefix-{index}.jpg` / `example.gif` / `dest.mp4`. */
const SAVE_GIF = '|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_ZXhhbXBsZS5naWY';
const SAVE_JPG_SERIES = '|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_b3V0b2JqcHJlZml4LXtpbmRleH0uanBn';
const SAVE_MP4 = '|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_ZGVzdC5tcDQ';

// ---------------------------------------------------------------------------------------------------------
// snapshot, info (synchronous)
// ---------------------------------------------------------------------------------------------------------

const snapshot: ActionSpec = {
  name: 'snapshot',
  product: 'video',
  summary: 'Capture one frame of a video as an image (synchronous).',
  doc:
    'Returns the frame at time `t` as a JPG or PNG. Only H.264 and H.265 videos are supported; a time past the end ' +
    'returns the last frame, and the image is not stored unless saved.',
  mode: 'sync',
  source: `${SRC_SNAPSHOT}; https://www.alibabacloud.com/help/tc/object-storage-service/latest/video-snapshots; ${errorCodePage('0053-00000102')} … ${errorCodePage('0053-00000109')} (l, s and ar_h/ar_w)`,
  params: [
    {
      key: 't',
      type: 'int',
      doc: 'Time of the frame to capture (at most the video duration); 0 gives the first frame, for a cover image.',
      min: 0,
      unit: 'ms',
      rejectedBy: errorCodePage('0053-00000101'),
    },
    {
      key: 'w',
      type: 'int',
      doc: 'Width of the image (at most the video width); 0 derives it from the height and the video ratio.',
      min: 0,
      unit: 'px',
      rejectedBy: errorCodePage('0053-00000104'),
    },
    {
      key: 'h',
      type: 'int',
      doc:
        'Height of the image (at most the video height); 0 derives it from the width. Both 0 keep the video size.',
      min: 0,
      unit: 'px',
      rejectedBy: errorCodePage('0053-00000105'),
    },
    {
      key: 'l',
      type: 'int',
      doc: 'Length of the long side of the image (at most the video\'s long side); the short side follows the video ratio.',
      min: 0,
      unit: 'px',
      rejectedBy: errorCodePage('0053-00000102'),
    },
    {
      key: 's',
      type: 'int',
      doc: 'Length of the short side of the image (at most the video\'s short side); the long side follows the video ratio.',
      min: 0,
      unit: 'px',
      rejectedBy: errorCodePage('0053-00000103'),
    },
    {
      key: 'm',
      type: 'enum',
      doc: 'Capture mode; without it the frame at exactly `t` is taken.',
      defaultDoc: 'the exact frame at t',
      values: [{ value: 'fast', doc: 'Take the nearest keyframe before `t` (faster).' }],
      rejectedBy: errorCodePage('0053-00000106'),
    },
    {
      key: 'f',
      type: 'enum',
      doc: 'Format of the returned image.',
      values: [
        { value: 'jpg', doc: 'JPEG image.' },
        { value: 'png', doc: 'PNG image.' },
      ],
      rejectedBy: errorCodePage('0053-00000107'),
    },
    {
      key: 'ar',
      type: 'enum',
      doc: 'Rotate the captured image: by the rotation recorded in the video, or so that it is taller or wider than it is wide.',
      values: [
        { value: 'auto', doc: 'Rotate by the video metadata.' },
        { value: 'h', doc: 'Rotate so that the height is greater than the width.' },
        { value: 'w', doc: 'Rotate so that the width is greater than the height.' },
      ],
      rejectedBy: errorCodePage('0053-00000108'),
    },
  ],
  examples: [
    'video/snapshot,t_7000,f_jpg,w_800,h_600,m_fast',
    'video/snapshot,t_3000,f_jpg,w_800,h_600,ar_auto',
    // the valid samples of error-code pages 0053-00000102 and 0053-00000103
    'video/snapshot,t_3000,f_jpg,l_800,s_600',
  ],
};

const info: ActionSpec = {
  name: 'info',
  product: 'video',
  summary: 'Return the media information of a video as JSON.',
  doc: 'Returns the container and stream information of the video instead of processing it. It needs an IMM project.',
  mode: 'sync',
  source:
    'https://www.alibabacloud.com/help/en/oss/user-guide/synchronous-processing (read as a copy); ' +
    'https://help.aliyun.com/zh/oss/user-guide/introduction-2/',
  params: [],
  examples: ['video/info'],
};

// ---------------------------------------------------------------------------------------------------------
// animation, sprite, snapshots (asynchronous, IMM)
// ---------------------------------------------------------------------------------------------------------

const animation: ActionSpec = {
  name: 'animation',
  product: 'video',
  summary: 'Turn a video into an animated GIF or WebP (asynchronous).',
  doc:
    'Samples frames from the video and writes them as an animated GIF or WebP. Runs only asynchronously through ' +
    'IMM; keep the result with sys/saveas.',
  mode: 'async',
  producesOutput: true,
  source: `${SRC_ANIMATION}; https://www.alibabacloud.com/help/en/oss/user-guide/convert-videos-to-animated-images; example: ${SRC_PHP_ASYNC}`,
  params: [
    startMs('Start time of the sampled part; 0 starts at the beginning of the video.'),
    {
      key: 'f',
      type: 'enum',
      doc: 'Format of the animated image.',
      values: [
        { value: 'gif', doc: 'Animated GIF: plays everywhere.' },
        { value: 'webp', doc: 'Animated WebP: smaller than GIF at similar quality.' },
      ],
    },
    {
      key: 'num',
      type: 'int',
      doc: 'Number of frames; by default frames are taken to the end of the video (a short video yields fewer).',
      min: 0,
      defaultDoc: 'no limit',
    },
    {
      key: 'inter',
      type: 'int',
      doc: 'Interval between sampled frames; below the source frame interval the source interval is used.',
      min: 0,
      unit: 'ms',
      defaultDoc: 'every frame',
    },
    {
      key: 'fps',
      type: 'float',
      doc:
        'Playback frame rate of the animation; the default (1/inter) plays at source speed, higher speeds it up, ' +
        'lower slows it down.',
      min: 0,
      max: 240,
      unit: 'fps',
      defaultDoc: 'the reciprocal of inter',
    },
    framePx('w', 'Width of the animation.'),
    framePx('h', 'Height of the animation.'),
    { key: 'scaletype', type: 'enum', doc: 'How frames are scaled to w x h.', default: 'stretch', values: SCALE_TYPES },
  ],
  examples: [`video/animation,f_gif,w_100,h_100,inter_1000${SAVE_GIF}`],
};

const sprite: ActionSpec = {
  name: 'sprite',
  product: 'video',
  summary: 'Tile sampled video frames into sprite sheets (asynchronous).',
  doc:
    'Captures frames from the video and tiles them into one or more sprite images. Runs only asynchronously ' +
    'through IMM; keep the result with sys/saveas (a `{index}` variable in the key avoids overwriting).',
  mode: 'async',
  producesOutput: true,
  paramsIncomplete: true,
  source: `${SRC_SPRITE} (table read up to psh); tw/th/pad/margin keys from the example in ${SRC_PHP_ASYNC}`,
  params: [
    startMs('Start time of frame capture; 0 starts at the beginning of the video.'),
    {
      key: 'f',
      type: 'enum',
      required: true,
      doc: 'Format of the sprite image; at most 16384 x 16384 px.',
      values: [
        { value: 'jpg', doc: 'JPEG sprite.' },
        { value: 'png', doc: 'PNG sprite.' },
      ],
    },
    {
      key: 'm',
      type: 'enum',
      doc: 'How frames are picked.',
      default: 'inter',
      values: [
        { value: 'inter', doc: 'Every `inter` ms, up to `num` frames.' },
        { value: 'key', doc: 'Only IDR keyframes, up to `num` frames; `inter` is ignored.' },
        { value: 'avg', doc: '`num` frames spread evenly over the video; `inter` is ignored and `num` must not be 0.' },
        { value: 'dhash', doc: 'Every `inter` ms, keeping the frames whose content changes more than `thr`.' },
      ],
    },
    {
      key: 'thr',
      type: 'int',
      doc: 'Change threshold for `m_dhash`: higher keeps fewer frames; values up to 25 are recommended.',
      min: 0,
      max: 100,
      default: '0',
    },
    {
      key: 'num',
      type: 'int',
      doc: 'Number of frames; 0 means no limit (to the end of the video, or every qualifying frame for dhash).',
      min: 0,
      default: '0',
    },
    {
      key: 'inter',
      type: 'int',
      doc: 'Interval between captured frames; 0 takes every frame, and values below the source frame interval use it.',
      min: 0,
      unit: 'ms',
      default: '0',
    },
    framePx('sw', 'Width of each tile.'),
    framePx('sh', 'Height of each tile.'),
    percentOfSource('psw', 'Width of each tile as a percentage of the video width; ignored when `sw` is given.'),
    percentOfSource('psh', 'Height of each tile as a percentage of the video height; ignored when `sh` is given.'),
    { key: 'tw', type: 'int', doc: 'Number of tiles per row (range not documented in what was read).' },
    { key: 'th', type: 'int', doc: 'Number of tiles per column (range not documented in what was read).' },
    { key: 'pad', type: 'int', doc: 'Gap between tiles (range not documented in what was read).', unit: 'px' },
    { key: 'margin', type: 'int', doc: 'Gap between the tiles and the sprite border (range not documented in what was read).', unit: 'px' },
  ],
  relations: [
    {
      kind: 'effectiveOnly',
      params: ['thr'],
      when: { param: 'm', values: ['dhash'] },
      doc: 'The change threshold `thr` is only used by the dhash mode.',
    },
    {
      kind: 'ignoredWhen',
      params: ['inter'],
      when: { param: 'm', values: ['key', 'avg'] },
      doc: 'In keyframe and average modes the frames are not picked by interval, so `inter` has no effect.',
    },
    {
      kind: 'ignoredWhen',
      params: ['psw'],
      when: { param: 'sw', present: true },
      doc: 'When both are set, the pixel width `sw` wins over the percentage `psw`.',
    },
    {
      kind: 'ignoredWhen',
      params: ['psh'],
      when: { param: 'sh', present: true },
      doc: 'When both are set, the pixel height `sh` wins over the percentage `psh`.',
    },
  ],
  examples: [`video/sprite,f_jpg,sw_100,sh_100,inter_10000,tw_10,th_10,pad_0,margin_0${SAVE_JPG_SERIES}`],
};

const snapshots: ActionSpec = {
  name: 'snapshots',
  product: 'video',
  summary: 'Capture many frames of a video as images (asynchronous).',
  doc:
    'Captures frames at an interval and writes each as an image. Runs only asynchronously through IMM; without ' +
    'a file suffix in the saveas key the service numbers the files, with a suffix only the last frame survives.',
  mode: 'async',
  producesOutput: true,
  source: `${SRC_SNAPSHOTS}; example: ${SRC_PHP_ASYNC}`,
  params: [
    startMs('Start time of frame capture; 0 starts at the beginning of the video.'),
    {
      key: 'f',
      type: 'enum',
      doc: 'Format of the images.',
      values: [
        { value: 'jpg', doc: 'JPEG images.' },
        { value: 'png', doc: 'PNG images.' },
      ],
    },
    {
      key: 'num',
      type: 'int',
      doc: 'Number of frames; by default frames are captured to the end (a short video yields fewer).',
      min: 0,
      defaultDoc: 'no limit',
    },
    {
      key: 'inter',
      type: 'int',
      doc: 'Interval between frames; by default every frame, and values below the source frame interval use it.',
      min: 0,
      unit: 'ms',
      defaultDoc: 'every frame',
    },
    framePx('w', 'Width of each image.'),
    framePx('h', 'Height of each image.'),
    percentOfSource('pw', 'Width as a percentage of the video width; ignored when `w` is given.'),
    percentOfSource('ph', 'Height as a percentage of the video height; ignored when `h` is given.'),
    { key: 'scaletype', type: 'enum', doc: 'How frames are scaled to w x h.', default: 'stretch', values: SCALE_TYPES },
  ],
  relations: [
    {
      kind: 'ignoredWhen',
      params: ['pw'],
      when: { param: 'w', present: true },
      doc: 'When both are set, the pixel width `w` wins over the percentage `pw`.',
    },
    {
      kind: 'ignoredWhen',
      params: ['ph'],
      when: { param: 'h', present: true },
      doc: 'When both are set, the pixel height `h` wins over the percentage `ph`.',
    },
  ],
  examples: [`video/snapshots,f_jpg,w_100,h_100,scaletype_crop,inter_10000${SAVE_JPG_SERIES}`],
};

// ---------------------------------------------------------------------------------------------------------
// concat and its inputs (asynchronous, IMM)
// ---------------------------------------------------------------------------------------------------------

/** The inputs of a concatenation: `/pre` before the request's object, `/sur` after it, in the order written. */
const VIDEO_CONCAT_EXAMPLE = `video/concat,ss_0,f_mp4,vcodec_h264,fps_25,vb_1000000,acodec_aac,ab_96000,ar_48000,ac_2,align_1/pre,o_cHJlLm1wNA/sur,o_c3VyLm1wNA,t_0${SAVE_MP4}`;

const concat: ActionSpec = {
  name: 'concat',
  product: 'video',
  summary: 'Join several videos into one and transcode it (asynchronous).',
  doc:
    'Joins the request\'s video with the `/pre` and `/sur` inputs that follow, then transcodes the result with the ' +
    'output parameters given here. Runs only asynchronously through IMM; keep the result with sys/saveas.',
  mode: 'async',
  producesOutput: true,
  paramsIncomplete: true,
  source:
    `${SRC_CONCAT} (input table read; output table not read — keys from the example in ${SRC_PHP_ASYNC}, ` +
    'ranges and enums as in video/convert, to which the concat page refers for codec and container rules)',
  params: [
    startMs("Start time of the part of the request's own video to use; 0 starts at the beginning of the video."),
    durationMs("Duration of the part of the request's own video to use; 0 runs to the end."),
    {
      key: 'f',
      type: 'enum',
      doc: 'Container of the joined video (values as for video/convert).',
      values: ['mp4', 'mkv', 'mov', 'asf', 'avi', 'mxf', 'ts', 'flv', 'webm'].map((value) => ({
        value,
        doc: `${value.toUpperCase()} container.`,
      })),
    },
    {
      key: 'vcodec',
      type: 'enum',
      doc: 'Video codec of the joined video (values as for video/convert).',
      values: [
        { value: 'h264', doc: 'H.264.' },
        { value: 'h265', doc: 'H.265.' },
        { value: 'vp9', doc: 'VP9.' },
      ],
    },
    { key: 'fps', type: 'float', doc: 'Frame rate of the joined video (range as for video/convert).', min: 0, max: 240, unit: 'fps' },
    {
      key: 'vb',
      type: 'int',
      doc: 'Video bitrate of the joined video (range as for video/convert).',
      min: 10000,
      max: 100000000,
      unit: 'bit/s',
    },
    {
      key: 'acodec',
      type: 'enum',
      doc: 'Audio codec of the joined video (values as for video/convert).',
      values: [
        { value: 'mp3', doc: 'MP3.' },
        { value: 'aac', doc: 'AAC.' },
        { value: 'flac', doc: 'FLAC.' },
        { value: 'vorbis', doc: 'Vorbis.' },
        { value: 'ac3', doc: 'AC-3.' },
        { value: 'opus', doc: 'Opus.' },
        { value: 'amr', doc: 'AMR.' },
      ],
    },
    { key: 'ab', type: 'int', doc: 'Audio bitrate (range as for video/convert).', min: 1000, max: 10000000, unit: 'bit/s' },
    {
      key: 'ar',
      type: 'enum',
      doc: 'Audio sample rate; set it explicitly, since a default that the container cannot hold makes the task fail.',
      values: IMM_SAMPLE_RATES,
      unit: 'Hz',
    },
    {
      key: 'ac',
      type: 'int',
      doc: 'Number of audio channels; set it explicitly, since a default the container cannot hold makes the task fail.',
      min: 1,
      max: 8,
      unit: 'channels',
    },
    {
      key: 'align',
      type: 'int',
      doc:
        'Which input the output parameters default to (seen as align_1 in the documented example; range not ' +
        'documented in what was read).',
    },
  ],
  examples: [
    `video/concat,ss_0,f_mp4,vcodec_h264,fps_25,vb_1000000,acodec_aac,ab_96000,ar_48000,ac_2,align_1/pre,o_cHJlLm1wNA/sur,o_c3VyLm1wNA,t_0${SAVE_MP4}`,
  ],
};

export const videoActions: readonly ActionSpec[] = [
  snapshot,
  info,
  animation,
  sprite,
  snapshots,
  concat,
  concatInput('video', 'pre', { one: 'a video', many: 'videos' }, SRC_CONCAT, VIDEO_CONCAT_EXAMPLE),
  concatInput('video', 'sur', { one: 'a video', many: 'videos' }, SRC_CONCAT, VIDEO_CONCAT_EXAMPLE),
];
