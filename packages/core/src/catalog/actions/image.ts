/**
 * Catalog data for the `image` product: every documented action of OSS image processing (IMG), plus the
 * IMM-backed blind watermark actions. Pure data; see NOTES.md beside this file for what was verified where,
 * what is inferred, and which facts need checker logic rather than data.
 */
import type { ActionSpec, EnumValue, ParamSpec } from '../types';
import { errorCodePage, flag } from './shared';

// ---------------------------------------------------------------------------------------------------------
// Small shared value lists
// ---------------------------------------------------------------------------------------------------------

/** The nine anchor points of the 3x3 grid, shared by crop and watermark. */
const GRID_POSITIONS: readonly EnumValue[] = [
  { value: 'nw', doc: 'Top left.' },
  { value: 'north', doc: 'Top centre.' },
  { value: 'ne', doc: 'Top right.' },
  { value: 'west', doc: 'Middle left.' },
  { value: 'center', doc: 'Centre.' },
  { value: 'east', doc: 'Middle right.' },
  { value: 'sw', doc: 'Bottom left.' },
  { value: 'south', doc: 'Bottom centre.' },
  { value: 'se', doc: 'Bottom right.' },
];

/** Gravity values for which a watermark's horizontal margin `x` means something (left or right edge). */
const X_EDGE_POSITIONS = ['nw', 'ne', 'west', 'east', 'sw', 'se'] as const;
/** Gravity values for which a watermark's vertical margin `y` means something (top or bottom edge). */
const Y_EDGE_POSITIONS = ['nw', 'north', 'ne', 'sw', 'south', 'se'] as const;
/** Gravity values on the horizontal centre line, where `voffset` applies. */
const CENTRE_LINE_POSITIONS = ['west', 'center', 'east'] as const;

/** The seven fonts a text watermark may use (decoded names; the string carries them URL-safe Base64 encoded). */
export const WATERMARK_FONTS: readonly EnumValue[] = [
  { value: 'wqy-zenhei', doc: 'WenQuanYi Zen Hei (the default); encoded d3F5LXplbmhlaQ.' },
  { value: 'wqy-microhei', doc: 'WenQuanYi Micro Hei; encoded d3F5LW1pY3JvaGVp.' },
  { value: 'fangzhengshusong', doc: 'FangZheng ShuSong; encoded ZmFuZ3poZW5nc2h1c29uZw.' },
  { value: 'fangzhengkaiti', doc: 'FangZheng KaiTi; encoded ZmFuZ3poZW5na2FpdGk.' },
  { value: 'fangzhengheiti', doc: 'FangZheng HeiTi; encoded ZmFuZ3poZW5naGVpdGk.' },
  { value: 'fangzhengfangsong', doc: 'FangZheng FangSong; encoded ZmFuZ3poZW5nZmFuZ3Nvbmc.' },
  { value: 'droidsansfallback', doc: 'Droid Sans Fallback; encoded ZHJvaWRzYW5zZmFsbGJhY2s.' },
];

const SRC_RESIZE = 'https://help.aliyun.com/zh/oss/user-guide/resize-images-4';
const SRC_WATERMARK = 'https://help.aliyun.com/zh/oss/user-guide/add-watermarks';
const SRC_OVERVIEW = 'https://www.alibabacloud.com/help/oss/user-guide/overview-17';
const SRC_BLIND = 'https://www.alibabacloud.com/help/en/oss/user-guide/add-blindwatermarks';

// ---------------------------------------------------------------------------------------------------------
// resize
// ---------------------------------------------------------------------------------------------------------

const sidePx = (key: string, doc: string): ParamSpec => ({ key, type: 'int', doc, min: 1, max: 16384, unit: 'px' });

const resize: ActionSpec = {
  name: 'resize',
  product: 'image',
  summary: 'Scale an image by percentage, by width/height, or by its long/short side.',
  doc:
    'Scales the image. Give `p` for a percentage, or `w`/`h` with a mode `m`, or the long/short side `l`/`s`. ' +
    'By default an image is never enlarged beyond its source size; add `limit_0` to allow enlarging.',
  mode: 'sync',
  source: `${SRC_RESIZE} (current zh page, 2026 copy); https://www.alibabacloud.com/help/en/object-storage-service/latest/resize-images`,
  params: [
    {
      key: 'm',
      type: 'enum',
      doc: 'Scaling mode used with `w`/`h` (and with `l`+`s` together).',
      default: 'lfit',
      values: [
        { value: 'lfit', doc: 'Keep the ratio; the largest image that fits inside w x h.' },
        { value: 'mfit', doc: 'Keep the ratio; the smallest image that covers w x h.' },
        { value: 'fill', doc: 'Keep the ratio, cover w x h, then crop the overflow from the centre.' },
        { value: 'pad', doc: 'Keep the ratio, fit inside w x h, then pad to exactly w x h with `color`.' },
        { value: 'fixed', doc: 'Force exactly w x h; the image is distorted when the ratio differs.' },
      ],
    },
    sidePx('w', 'Target width.'),
    sidePx('h', 'Target height.'),
    sidePx('l', 'Target length of the longer side; the other side follows the source ratio.'),
    sidePx('s', 'Target length of the shorter side; the other side follows the source ratio.'),
    {
      key: 'limit',
      type: 'enum',
      doc: 'Whether to refuse enlarging when the target is larger than the source.',
      default: '1',
      rejectedBy: errorCodePage('0040-00000319'),
      values: [
        { value: '1', doc: 'Do not enlarge: a larger target returns the image at source resolution.' },
        { value: '0', doc: 'Scale to the requested size even when that enlarges the image.' },
      ],
    },
    {
      key: 'color',
      type: 'color',
      doc: 'Fill colour for the padding of `m_pad`, as RRGGBB hex.',
      default: 'FFFFFF',
      rejectedBy: errorCodePage('0040-00000318'),
    },
    {
      key: 'p',
      type: 'int',
      doc: 'Scale by percentage: below 100 shrinks, above 100 enlarges. Not supported for animated images.',
      min: 1,
      max: 1000,
      unit: '%',
      caseSensitive: true,
      rejectedBy: errorCodePage('0040-00000317'),
    },
    {
      key: 'P',
      type: 'int',
      doc:
        'Only inside a watermark image\'s pre-processing (the decoded `image_` value): scale the watermark to this ' +
        'percentage of the base image it is drawn on.',
      min: 1,
      max: 100,
      unit: '%',
      caseSensitive: true,
    },
  ],
  relations: [
    {
      kind: 'requiresAny',
      params: ['w', 'h', 'l', 's', 'p', 'P'],
      doc: 'resize without a size is rejected as missing its required parameters (EC 0040-00000322)',
      evidence: 'rejected',
      source: errorCodePage('0040-00000322'),
    },
    {
      kind: 'effectiveOnly',
      params: ['color'],
      when: { param: 'm', values: ['pad'] },
      doc: '`color` only fills the padding that `m_pad` adds.',
    },
    {
      kind: 'ignoredWhen',
      params: ['l', 's'],
      when: { param: 'm', present: true, and: [{ param: 'w', present: true }] },
      doc: 'With a mode `m` and a width `w`, the long/short side settings `l`/`s` have no effect.',
    },
    {
      kind: 'ignoredWhen',
      params: ['l', 's'],
      when: { param: 'm', present: true, and: [{ param: 'h', present: true }] },
      doc: 'With a mode `m` and a height `h`, the long/short side settings `l`/`s` have no effect.',
    },
    {
      kind: 'ignoredWhen',
      params: ['m'],
      when: { param: 'l', present: true, and: [{ param: 's', absent: true }, { param: 'w', absent: true }, { param: 'h', absent: true }] },
      doc: 'Given only the long side `l`, the image is scaled by that side and the mode `m` has no effect.',
    },
    {
      kind: 'ignoredWhen',
      params: ['m'],
      when: { param: 's', present: true, and: [{ param: 'l', absent: true }, { param: 'w', absent: true }, { param: 'h', absent: true }] },
      doc: 'Given only the short side `s`, the image is scaled by that side and the mode `m` has no effect.',
    },
  ],
  examples: [
    'image/resize,p_50',
    'image/resize,p_120',
    'image/resize,w_200',
    'image/resize,w_3000,limit_0',
    'image/resize,h_100',
    'image/resize,h_2000,limit_0',
    'image/resize,l_200',
    'image/resize,s_200,limit_0',
    'image/resize,m_pad,w_100,h_100',
    'image/resize,m_pad,w_100,h_100,color_FF0000',
    'image/resize,m_fill,w_100,h_100',
    'image/resize,m_fixed,w_100,h_100',
  ],
};

// ---------------------------------------------------------------------------------------------------------
// crop, indexcrop, circle, rounded-corners
// ---------------------------------------------------------------------------------------------------------

const crop: ActionSpec = {
  name: 'crop',
  product: 'image',
  summary: 'Cut a rectangle of a given size from a given point.',
  doc:
    'Cuts a w x h rectangle. `x`/`y` offset the start from the anchor chosen by `g` (top left when `g` is absent); ' +
    'a rectangle running past the edge is clipped to it, but a start point outside the image is an error.',
  mode: 'sync',
  source:
    'https://help.aliyun.com/en/oss/user-guide/custom-crop; https://www.alibabacloud.com/help/zh/doc-detail/44693.htm; ' +
    'face/auto and p: the current page (https://help.aliyun.com/zh/oss/user-guide/custom-crop: "p … [1,200], only with g_face"; ' +
    '"auto ignores w, h and p"); the 2021 page lists only the nine anchors',
  params: [
    {
      key: 'w',
      type: 'int',
      doc: 'Width to cut; defaults to the largest possible (up to the image edge).',
      min: 0,
      max: 16384,
      unit: 'px',
      defaultDoc: 'as wide as possible',
    },
    {
      key: 'h',
      type: 'int',
      doc: 'Height to cut; defaults to the largest possible (up to the image edge).',
      min: 0,
      max: 16384,
      unit: 'px',
      defaultDoc: 'as tall as possible',
    },
    {
      key: 'x',
      type: 'int',
      doc: 'Horizontal start, counted from the anchor; must lie inside the image.',
      min: 0,
      unit: 'px',
      default: '0',
    },
    {
      key: 'y',
      type: 'int',
      doc: 'Vertical start, counted from the anchor; must lie inside the image.',
      min: 0,
      unit: 'px',
      default: '0',
    },
    {
      key: 'g',
      type: 'enum',
      doc: 'Anchor of the cut in the 3x3 grid, or a content-aware mode (`face`, `auto`, which need an IMM project).',
      defaultDoc: 'the top-left corner of the image',
      rejectedBy: errorCodePage('0040-00000209'),
      values: [
        ...GRID_POSITIONS,
        { value: 'face', doc: 'Cut around the detected face (needs an IMM project, no anonymous access).' },
        { value: 'auto', doc: 'Smart crop chosen by the service; w, h and p are ignored (needs an IMM project).' },
      ],
    },
    {
      key: 'p',
      type: 'int',
      doc: 'With `g_face`: scale of the cut around the face, as a percentage of the face area.',
      min: 1,
      max: 200,
      unit: '%',
    },
  ],
  relations: [
    {
      kind: 'effectiveOnly',
      params: ['p'],
      when: { param: 'g', values: ['face'] },
      doc: '`p` scales the area around a detected face, so it only applies with `g_face`.',
    },
    {
      kind: 'ignoredWhen',
      params: ['w', 'h', 'p'],
      when: { param: 'g', values: ['auto'] },
      doc: 'Smart crop (`g_auto`) chooses the area itself and ignores `w`, `h` and `p`.',
    },
  ],
  observedKeys: [
    {
      key: 'r',
      seen: 'the official SDK samples and tests (aliyun-oss-java-sdk ImageSample, aliyun-oss-python-sdk tests/test_image.py, aliyun-oss-php-sdk samples/Image.php: image/crop,w_100,h_100,x_100,y_100,r_1)',
    },
  ],
  examples: [
    'image/crop,x_800,y_50',
    'image/crop,x_800,y_500,w_300,h_300',
    'image/crop,w_900,h_900,g_se',
    'image/crop,x_100,y_100,w_900,h_900,g_se',
  ],
};

const indexcrop: ActionSpec = {
  name: 'indexcrop',
  product: 'image',
  summary: 'Slice the image into equal strips along one axis and keep one of them.',
  doc:
    'Cuts the image into strips `x` px wide (vertical cuts) or `y` px tall (horizontal cuts) and returns strip `i`. ' +
    'An index past the last strip returns the source image unchanged.',
  mode: 'sync',
  source: 'https://www.alibabacloud.com/help/en/oss/user-guide/indexed-slice',
  params: [
    { key: 'x', type: 'int', doc: 'Width of each strip when slicing horizontally (at most the image width).', min: 1, unit: 'px', rejectedBy: errorCodePage('0040-00000230') },
    { key: 'y', type: 'int', doc: 'Height of each strip when slicing vertically (at most the image height).', min: 1, unit: 'px', rejectedBy: errorCodePage('0040-00000230') },
    { key: 'i', type: 'int', doc: 'Zero-based index of the strip to return.', min: 0, default: '0' },
  ],
  relations: [
    { kind: 'requiresAny', params: ['x', 'y'], doc: 'Give the strip size along one axis: `x` or `y`.' },
    {
      kind: 'ignoredWhen',
      params: ['x'],
      when: { param: 'y', present: true },
      doc: 'Only one axis can be sliced; when both `x` and `y` are valid, `y` wins.',
    },
  ],
  examples: ['image/indexcrop,x_100,i_0', 'image/indexcrop,y_100,i_10'],
};

const circle: ActionSpec = {
  name: 'circle',
  product: 'image',
  summary: 'Cut the largest circle of a given radius around the image centre.',
  doc:
    'Keeps a circle of radius `r` centred on the image. Outside the circle is white in JPG and transparent in ' +
    'formats with alpha (PNG, WebP, BMP); a radius beyond half the short side is reduced to fit.',
  mode: 'sync',
  source: 'https://www.alibabacloud.com/help/doc-detail/44695.htm',
  // the only parameter, with no default: the action means nothing without it
  params: [{ key: 'r', type: 'int', required: true, doc: 'Radius of the circle.', min: 1, max: 4096, unit: 'px', rejectedBy: errorCodePage('0040-00000233') }],
  examples: ['image/circle,r_100'],
};

const roundedCorners: ActionSpec = {
  name: 'rounded-corners',
  product: 'image',
  summary: 'Round the four corners of the image.',
  doc:
    'Rounds each corner with radius `r`. The cut-away corners are white in JPG and transparent in PNG, WebP and ' +
    'BMP; a radius beyond half the short side is reduced to fit. Not supported for GIF.',
  mode: 'sync',
  source: 'https://help.aliyun.com/en/oss/user-guide/rounded-rectangle-4; https://www.alibabacloud.com/help/doc-detail/44694.html',
  params: [{ key: 'r', type: 'int', required: true, doc: 'Corner radius.', min: 1, max: 4096, unit: 'px', rejectedBy: errorCodePage('0040-00000237') }],
  examples: ['image/rounded-corners,r_30', 'image/crop,w_100,h_100/rounded-corners,r_10/format,png'],
};

// ---------------------------------------------------------------------------------------------------------
// rotate, auto-orient, blur, bright, contrast, sharpen
// ---------------------------------------------------------------------------------------------------------

const rotate: ActionSpec = {
  name: 'rotate',
  product: 'image',
  summary: 'Rotate the image clockwise by an angle.',
  doc:
    'Rotates clockwise by the given angle. Angles that are not multiples of 90 enlarge the canvas; the source may ' +
    'be at most 4096 x 4096 px, and an animated GIF becomes static.',
  mode: 'sync',
  source:
    'https://www.alibabacloud.com/help/en/oss/rotate; https://www.alibabacloud.com/help/en/oss/support/0040-00000217; ' +
    'a bare rotate: https://help.aliyun.com/zh/oss/support/0040-00000216',
  params: [
    {
      key: 'angle',
      positional: true,
      // a bare rotate is rejected (EC 0040-00000216), though the table gives 0 as the default
      required: true,
      type: 'int',
      // the table's `[value]` column
      doc: 'The clockwise rotation, from 0 to 360 degrees.',
      min: 0,
      max: 360,
      unit: 'degrees',
      rejectedBy: errorCodePage('0040-00000217'),
    },
  ],
  examples: ['image/rotate,90', 'image/rotate,70'],
};

const flip: ActionSpec = {
  name: 'flip',
  product: 'image',
  summary: 'Flip the image vertically, horizontally or both ways.',
  doc: 'Mirrors the image top to bottom (0), left to right (1), or both ways (2, the same as rotating it by 180 degrees).',
  mode: 'sync',
  source:
    'https://help.aliyun.com/en/oss/user-guide/flip-image; https://help.aliyun.com/zh/oss/flip-image (`image/flip,[value]`, example ' +
    '`image/flip,0`; the value table was not readable: 0/1/2 as public code and its docs write them, see NOTES.md)',
  params: [
    {
      key: 'direction',
      positional: true,
      required: true,
      type: 'enum',
      doc: 'The direction to flip in (the docs call this column `[value]`).',
      values: [
        { value: '0', doc: 'Flip vertically: top to bottom.' },
        { value: '1', doc: 'Flip horizontally: left to right.' },
        { value: '2', doc: 'Flip both ways (a 180 degree turn).' },
      ],
    },
  ],
  examples: ['image/flip,0', 'image/flip,1', 'image/resize,w_120/flip,2'],
};

const autoOrient: ActionSpec = {
  name: 'auto-orient',
  product: 'image',
  summary: 'Rotate the image according to its EXIF orientation tag.',
  doc:
    'With 1, an image that carries an EXIF orientation is turned upright; with 0 it keeps its stored orientation. ' +
    'Images without the tag are unaffected; the result is re-compressed.',
  mode: 'sync',
  source: 'https://help.aliyun.com/en/oss/user-guide/auto-rotate-4; https://help.aliyun.com/en/oss/user-guide/0040-00000215',
  params: [
    {
      key: 'orient',
      positional: true,
      required: true,
      type: 'enum',
      doc: 'Whether to auto-orient (the docs call this column `[value]`).',
      rejectedBy: errorCodePage('0040-00000215'),
      values: flag('Keep the stored orientation.', 'Rotate according to the EXIF orientation.'),
    },
  ],
  examples: ['image/resize,w_100/auto-orient,0', 'image/resize,w_100/auto-orient,1'],
};

const blur: ActionSpec = {
  name: 'blur',
  product: 'image',
  summary: 'Gaussian-blur the whole image or only detected faces.',
  doc:
    'Applies a Gaussian blur with radius `r` and standard deviation `s`; larger values blur more. With `g` the blur ' +
    'is limited to faces, which needs an IMM project and no anonymous access.',
  mode: 'sync',
  source: 'https://help.aliyun.com/en/oss/user-guide/blur; https://www.alibabacloud.com/help/doc-detail/44701.htm',
  params: [
    { key: 'r', type: 'int', required: true, doc: 'Blur radius.', min: 1, max: 50 },
    { key: 's', type: 'int', required: true, doc: 'Standard deviation of the Gaussian distribution.', min: 1, max: 50 },
    {
      key: 'g',
      type: 'enum',
      doc: 'Limit the blur to faces instead of the whole image (needs an IMM project).',
      values: [
        { value: 'face', doc: 'Blur only the largest detected face.' },
        { value: 'faces', doc: 'Blur every detected face.' },
      ],
    },
    {
      key: 'p',
      type: 'int',
      doc: 'With `g`: size of the blurred area as a percentage of the detected face.',
      min: 1,
      max: 200,
      unit: '%',
      rejectedBy: errorCodePage('0004-00000244'),
    },
  ],
  relations: [
    {
      kind: 'effectiveOnly',
      params: ['p'],
      when: { param: 'g', present: true },
      doc: '`p` resizes the blurred face area, so it only applies together with `g`.',
    },
  ],
  examples: ['image/blur,r_10,s_10', 'image/blur,r_3,s_2'],
};

const bright: ActionSpec = {
  name: 'bright',
  product: 'image',
  summary: 'Adjust brightness.',
  doc: 'Raises (positive) or lowers (negative) the brightness; 0 keeps it unchanged.',
  mode: 'sync',
  source: `${SRC_OVERVIEW} (action list); range from AlibabaCloudDocs/oss@f6840917 Brightness (2021)`,
  params: [
    {
      key: 'brightness',
      positional: true,
      required: true,
      type: 'int',
      doc: 'Brightness change (the docs call this column `[value]`).',
      min: -100,
      max: 100,
    },
  ],
  examples: ['image/bright,50'],
};

const contrast: ActionSpec = {
  name: 'contrast',
  product: 'image',
  summary: 'Adjust contrast.',
  doc: 'Raises (positive) or lowers (negative) the contrast; 0 keeps it unchanged.',
  mode: 'sync',
  source: `${SRC_OVERVIEW} (action list); range from AlibabaCloudDocs/oss@f6840917 Contrast (2021)`,
  params: [
    {
      key: 'contrast',
      positional: true,
      required: true,
      type: 'int',
      doc: 'Contrast change (the docs call this column `[value]`).',
      min: -100,
      max: 100,
    },
  ],
  examples: ['image/contrast,-50'],
};

const sharpen: ActionSpec = {
  name: 'sharpen',
  product: 'image',
  summary: 'Sharpen the image.',
  doc: 'Sharpens by the given amount; larger is sharper but may add artefacts. The documentation recommends 100.',
  mode: 'sync',
  source: 'https://www.alibabacloud.com/help/doc-detail/44700.htm',
  params: [
    {
      key: 'amount',
      positional: true,
      required: true,
      type: 'int',
      doc: 'Degree of sharpening (the docs call this column `[value]`); 100 is the recommended value.',
      min: 50,
      max: 399,
    },
  ],
  examples: ['image/sharpen,100'],
};

// ---------------------------------------------------------------------------------------------------------
// watermark
// ---------------------------------------------------------------------------------------------------------

const watermark: ActionSpec = {
  name: 'watermark',
  product: 'image',
  summary: 'Draw a text watermark, an image watermark, or both.',
  doc:
    'Adds a watermark made of an image (`image`, an object of the same bucket, optionally pre-processed), a text ' +
    '(`text`), or both side by side. Repeat the action for several watermarks; at most three image watermarks ' +
    'per image, whose positions must not fully overlap.',
  mode: 'sync',
  repeatable: true,
  source: `${SRC_WATERMARK} (current zh page, 2025-05 copy); AlibabaCloudDocs/oss@f6840917 Add watermarks (2021)`,
  params: [
    // base parameters
    {
      key: 't',
      type: 'int',
      doc: 'Opacity of the image or text watermark; 100 is fully opaque.',
      min: 0,
      max: 100,
      unit: '%',
      default: '100',
      rejectedBy: errorCodePage('0040-00000263'),
    },
    {
      key: 'g',
      type: 'enum',
      doc: 'Position of the watermark in the 3x3 grid.',
      default: 'se',
      values: GRID_POSITIONS,
    },
    {
      key: 'x',
      type: 'int',
      doc: 'Horizontal margin from the image edge; meaningful only at the left or right positions.',
      min: 0,
      max: 4096,
      unit: 'px',
      default: '10',
      rejectedBy: errorCodePage('0040-00000262'),
    },
    {
      key: 'y',
      type: 'int',
      doc: 'Vertical margin from the image edge; meaningful only at the top or bottom positions.',
      min: 0,
      max: 4096,
      unit: 'px',
      default: '10',
      rejectedBy: errorCodePage('0040-00000264'),
    },
    {
      key: 'voffset',
      type: 'int',
      doc: 'Shift up (negative) or down from the horizontal centre line; for the west, center and east positions.',
      min: -1000,
      max: 1000,
      unit: 'px',
      default: '0',
      rejectedBy: errorCodePage('0040-00000268'),
    },
    {
      key: 'fill',
      type: 'enum',
      doc: 'Tile the watermark over the whole image. Tiling of image watermarks must be enabled in the Quota Center.',
      default: '0',
      values: flag('Draw the watermark once.', 'Tile the watermark over the whole image.'),
      rejectedBy: errorCodePage('0040-00000274'),
    },
    {
      key: 'padx',
      type: 'int',
      doc: 'Horizontal gap between tiles; only with `fill_1`.',
      min: 0,
      max: 4096,
      unit: 'px',
      default: '0',
      rejectedBy: errorCodePage('0040-00000276'),
    },
    {
      key: 'pady',
      type: 'int',
      doc: 'Vertical gap between tiles; only with `fill_1`.',
      min: 0,
      max: 4096,
      unit: 'px',
      default: '0',
      rejectedBy: errorCodePage('0040-00000276'),
    },
    // image watermark
    {
      key: 'image',
      type: 'base64',
      decoded: 'process-ref',
      doc:
        'The full key of the watermark image in the same bucket, URL-safe Base64 encoded; it may be followed by ' +
        '`?x-oss-process=image/...` to pre-process it (resize incl. `P`, crop, indexcrop, rounded-corners, rotate, auto-orient).',
      nested: {
        // the zh page lists 图片缩放、自定义裁剪、索引切割、圆角矩形 and 图片旋转, whose link is the auto-orient page
        actions: ['resize', 'crop', 'indexcrop', 'rounded-corners', 'rotate', 'auto-orient'],
        rejected: {
          watermark: errorCodePage('0040-00000373'),
          info: errorCodePage('0040-00000374'),
          circle: 'https://help.aliyun.com/en/oss/user-guide/image-watermark ("Inscribed circle cropping or pipeline operations are not supported")',
        },
        pipeRejectedBy: 'https://help.aliyun.com/document_detail/600842.html',
      },
    },
    // text watermark
    {
      key: 'text',
      type: 'base64',
      decoded: 'text',
      max: 64,
      doc:
        'The watermark text, URL-safe Base64 encoded; at most 64 bytes of UTF-8 before encoding (about 20 Chinese ' +
        'characters), no traditional Chinese.',
    },
    {
      key: 'type',
      type: 'base64',
      decoded: 'font',
      doc: 'Font of the text, URL-safe Base64 encoded.',
      default: 'd3F5LXplbmhlaQ',
      defaultDoc: 'wqy-zenhei',
      values: WATERMARK_FONTS,
    },
    { key: 'color', type: 'color', doc: 'Text colour as RRGGBB hex.', default: '000000' },
    {
      key: 'size',
      type: 'int',
      doc: 'Text size.',
      min: 0,
      minExclusive: true,
      max: 1000,
      unit: 'px',
      default: '40',
    },
    {
      key: 'shadow',
      type: 'int',
      doc: 'Opacity of the text shadow; 0 means no shadow.',
      min: 0,
      max: 100,
      unit: '%',
      default: '0',
      rejectedBy: errorCodePage('0040-00000255'),
    },
    {
      key: 'rotate',
      type: 'int',
      doc: 'Clockwise rotation of the text.',
      min: 0,
      max: 360,
      unit: 'degrees',
      default: '0',
      rejectedBy: errorCodePage('0040-00000272'),
    },
    // mixed image + text
    {
      key: 'order',
      type: 'enum',
      doc: 'With both an image and a text: which comes first.',
      default: '0',
      values: [
        { value: '0', doc: 'Image first, then text.' },
        { value: '1', doc: 'Text first, then image.' },
      ],
      rejectedBy: errorCodePage('0040-00000269'),
    },
    {
      key: 'align',
      type: 'enum',
      doc: 'With both an image and a text: how the text aligns against the image.',
      default: '2',
      values: [
        { value: '0', doc: 'Align top edges.' },
        { value: '1', doc: 'Align centres.' },
        { value: '2', doc: 'Align bottom edges.' },
      ],
      rejectedBy: errorCodePage('0040-00000271'),
    },
    {
      key: 'interval',
      type: 'int',
      doc: 'With both an image and a text: the gap between them.',
      min: 0,
      max: 1000,
      unit: 'px',
      default: '0',
      rejectedBy: errorCodePage('0040-00000270'),
    },
  ],
  relations: [
    {
      kind: 'requiresAny',
      params: ['image', 'text'],
      doc: 'A watermark needs an image (`image`) or a text (`text`).',
      evidence: 'rejected',
      source: errorCodePage('0040-00000278'),
    },
    // the table says so, but the same page's own example writes g_west,x_10,y_10: information, not a warning
    {
      kind: 'effectiveOnly',
      params: ['x'],
      when: { param: 'g', values: X_EDGE_POSITIONS },
      doc: 'the parameter table gives the horizontal margin `x` a meaning only at the left or right positions (nw, ne, west, east, sw, se); the page\'s own examples write it elsewhere too',
      atMost: 'info',
    },
    {
      kind: 'effectiveOnly',
      params: ['y'],
      when: { param: 'g', values: Y_EDGE_POSITIONS },
      doc: 'the parameter table gives the vertical margin `y` a meaning only at the top or bottom positions (nw, north, ne, sw, south, se); the page\'s own example writes g_west,x_10,y_10',
      atMost: 'info',
    },
    {
      kind: 'effectiveOnly',
      params: ['voffset'],
      when: { param: 'g', values: CENTRE_LINE_POSITIONS },
      doc: '`voffset` moves the watermark off the centre line, so it applies only at west, center and east.',
    },
    {
      kind: 'effectiveOnly',
      params: ['padx', 'pady'],
      when: { param: 'fill', values: ['1'] },
      doc: 'The gaps between tiles only apply when tiling is on (`fill_1`).',
    },
    {
      kind: 'effectiveOnly',
      params: ['type', 'color', 'size', 'shadow', 'rotate'],
      when: { param: 'text', present: true },
      doc: 'Font, colour, size, shadow and rotation style the watermark text, so they need `text`.',
    },
    {
      kind: 'effectiveOnly',
      params: ['order', 'align', 'interval'],
      when: { param: 'text', present: true, and: [{ param: 'image', present: true }] },
      doc: '`order`, `align` and `interval` arrange an image and a text, so they need both `image` and `text`.',
    },
  ],
  examples: [
    'image/watermark,text_SGVsbG8gV29ybGQ',
    'image/resize,w_300,h_300/watermark,type_d3F5LXplbmhlaQ,size_30,text_SGVsbG8gV29ybGQ,color_FFFFFF,shadow_50,t_100,g_se,x_10,y_10',
    'image/watermark,image_cGFuZGEucG5n',
    'image/resize,w_300,h_300/quality,q_90/watermark,image_cGFuZGEucG5n,t_90,g_se,x_10,y_10',
    'image/resize,w_300/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,t_90,g_se,x_10,y_10',
    'image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,text_SGVsbG8gV29ybGQ',
    // 添加多个图片水印 (the zh page's example of several image watermarks)
    'image/watermark,image_VHVsaXBzLmpwZw,g_west,x_10,y_10',
  ],
};

// ---------------------------------------------------------------------------------------------------------
// format, interlace, quality
// ---------------------------------------------------------------------------------------------------------

const format: ActionSpec = {
  name: 'format',
  product: 'image',
  summary: 'Convert the image to another format.',
  doc:
    'Saves the result in the given format. Put it last, or right after resize when a watermark follows; HEIC and ' +
    'AVIF output are only offered in some regions.',
  mode: 'sync',
  source:
    'https://alibabacloud.com/help/en/oss/user-guide/convert-image-formats-2; ' +
    'https://www.alibabacloud.com/help/zh/object-storage-service/latest/format-conversion; ' +
    `${SRC_OVERVIEW} (HEIF/AVIF); https://alibabacloud.com/help/en/oss/user-guide/advanced-compression-of-heif-or-avif-images (regions)`,
  params: [
    {
      key: 'format',
      positional: true,
      required: true,
      type: 'enum',
      doc: 'Target format (the docs list the values themselves, without a column name).',
      values: [
        { value: 'jpg', doc: 'JPEG. A HEIC source with an alpha channel cannot be saved as JPG.', aliases: ['jpeg'] },
        { value: 'png', doc: 'PNG.' },
        { value: 'webp', doc: 'WebP.' },
        { value: 'bmp', doc: 'BMP.' },
        { value: 'gif', doc: 'GIF, effective only for GIF sources; other sources keep their own format.' },
        { value: 'tiff', doc: 'TIFF.' },
        { value: 'heic', doc: 'HEIF, a high-compression format; only in some regions (see the advanced-compression page).' },
        { value: 'avif', doc: 'AVIF, a high-compression format; only in some regions (see the advanced-compression page).' },
      ],
    },
  ],
  examples: [
    'image/format,png',
    'image/interlace,1/format,jpg',
    'image/resize,w_200/format,webp',
    'image/resize,w_100/format,jpg',
  ],
};

const interlace: ActionSpec = {
  name: 'interlace',
  product: 'image',
  summary: 'Save a JPG as progressive (gradual display).',
  doc: 'With 1 a JPG is saved progressive, so it renders blurry-to-sharp while loading. It applies to JPG output only.',
  mode: 'sync',
  source:
    'https://www.alibabacloud.com/help/zh/object-storage-service/latest/format-conversion (example); ' +
    'AlibabaCloudDocs/oss@f6840917 Gradual display (2021)',
  params: [
    {
      key: 'progressive',
      positional: true,
      required: true,
      type: 'enum',
      doc: 'Whether to save as progressive JPEG (the docs call this column `[value]`).',
      values: flag('Save as baseline JPEG.', 'Save as progressive JPEG.'),
    },
  ],
  examples: ['image/interlace,1/format,jpg'],
};

/**
 * quality's word for lossless output: a value of q and Q in the quality-transformation table ("1-100, lossless"),
 * and written alone in that page's own example (`…/format,webp/quality,lossless`). See NOTES.md, the quality row.
 */
const LOSSLESS: EnumValue = { value: 'lossless', doc: 'Save without loss: a WebP output is written in its lossless format.' };
const SRC_LOSSLESS = 'https://help.aliyun.com/en/oss/user-guide/image-quality-adjustment';

const quality: ActionSpec = {
  name: 'quality',
  product: 'image',
  summary: 'Set the JPG/WebP compression quality, relative (q) or absolute (Q).',
  doc:
    'Re-compresses JPG and WebP output; it has no effect on lossless formats such as PNG. `q` scales the source ' +
    'quality, `Q` caps it at a fixed value; when both are given `Q` wins.',
  mode: 'sync',
  source:
    'https://help.aliyun.com/document_detail/44705.htm; https://www.alibabacloud.com/help/doc-detail/44705.htm; ' +
    `lossless: ${SRC_LOSSLESS} and https://help.aliyun.com/document_detail/32243.html (q, Q: "1-100, lossless"); ` +
    'the bare form: the example of that page, read in its copy https://developer.aliyun.com/ask/213166, and its range, ' +
    `${errorCodePage('0040-00000310')}`,
  params: [
    {
      key: 'q',
      type: 'int',
      doc:
        'Relative quality: the source quality times q%. Only a JPG source has a relative quality; for WebP it acts ' +
        'like `Q`.',
      min: 1,
      max: 100,
      unit: '%',
      caseSensitive: true,
      words: [LOSSLESS],
      rejectedBy: errorCodePage('0040-00000309'),
    },
    {
      key: 'Q',
      type: 'int',
      doc: 'Absolute quality: compress to Q%, unless the source quality is already lower.',
      min: 1,
      max: 100,
      unit: '%',
      caseSensitive: true,
      words: [LOSSLESS],
      rejectedBy: errorCodePage('0040-00000308'),
    },
    {
      key: 'quality',
      positional: true,
      type: 'int',
      doc:
        'The bare form: `quality,lossless`, as the documentation\'s example writes it (`…/format,webp/quality,lossless`), ' +
        'or a number from 1 to 100, the range the error-code page gives it (`quality,200` is rejected).',
      min: 1,
      max: 100,
      unit: '%',
      words: [LOSSLESS],
      rejectedBy: errorCodePage('0040-00000310'),
    },
  ],
  relations: [
    {
      kind: 'requiresAny',
      params: ['q', 'Q', 'quality'],
      doc: 'a quality without its setting is rejected (EC 0040-00000307)',
      evidence: 'rejected',
      source: errorCodePage('0040-00000307'),
    },
    {
      kind: 'ignoredWhen',
      params: ['q'],
      when: { param: 'Q', present: true },
      doc: 'When both `q` and `Q` are given, the absolute quality `Q` is used.',
    },
  ],
  examples: ['image/quality,q_80', 'image/quality,Q_90', 'image/resize,w_100,h_100/quality,q_80', 'image/quality,lossless', 'image/quality,q_lossless', 'image/quality,Q_lossless', 'image/resize,w_200/format,webp/quality,lossless'],
};

// ---------------------------------------------------------------------------------------------------------
// info, average-hue
// ---------------------------------------------------------------------------------------------------------

const info: ActionSpec = {
  name: 'info',
  product: 'image',
  summary: 'Return the image size, format and EXIF data as JSON.',
  doc: 'Returns JSON with the file size, format, width, height and the EXIF tags instead of an image.',
  mode: 'sync',
  source: `${SRC_OVERVIEW}; AlibabaCloudDocs/oss@f6840917 Query image information (2021)`,
  alone:
    'https://www.alibabacloud.com/help/en/oss/user-guide/query-the-exif-data-of-an-image-4: "You cannot use the info action ' +
    'together with other actions" (its example: image/resize,s_700,limit_0/info)',
  params: [],
  examples: ['image/info'],
};

const averageHue: ActionSpec = {
  name: 'average-hue',
  product: 'image',
  summary: 'Return the average colour of the image.',
  doc: 'Returns the average hue of the image as a 0xRRGGBB value instead of an image.',
  mode: 'sync',
  source: `${SRC_OVERVIEW}; AlibabaCloudDocs/oss@f6840917 Query the average tone (2021)`,
  params: [],
  examples: ['image/average-hue'],
};

// ---------------------------------------------------------------------------------------------------------
// image intelligence (IMM, synchronous)
// ---------------------------------------------------------------------------------------------------------

const SRC_SYNC = 'https://help.aliyun.com/en/oss/user-guide/synchronous-processing';

/**
 * An image-intelligence action: synchronous x-oss-process through IMM, authenticated access only, a JSON answer.
 * Only image/bodies has a request-parameter table that could be read (see NOTES.md); the others keep
 * `paramsIncomplete`, so an unknown key on them is a warning.
 */
const intelligence = (
  name: string,
  summary: string,
  doc: string,
  page: string,
  table?: { params: readonly ParamSpec[]; source: string },
): ActionSpec => ({
  name,
  product: 'image',
  summary,
  doc: `${doc} Runs synchronously through IMM (an IMM project bound to the bucket, no anonymous access) and returns JSON.`,
  mode: 'sync',
  ...(table ? {} : { paramsIncomplete: true }),
  source: `${page}${table ? ` (${table.source})` : ''}; ${SRC_SYNC} (image intelligence: x-oss-process=image/*)`,
  params: table?.params ?? [],
  examples: [`image/${name}`],
});

const faces = intelligence('faces', 'Detect faces and their attributes (IMM).', 'Detects the faces in the image with age, gender, mood, quality and position.', 'https://help.aliyun.com/en/oss/user-guide/face-detection');
const bodies = intelligence(
  'bodies',
  'Detect human bodies (IMM).',
  'Detects the human bodies in the image with their bounding boxes and confidence.',
  'https://www.alibabacloud.com/help/en/oss/user-guide/body-detection',
  {
    source: 'request-parameter table of the Jan 10, 2025 version: sen; later versions show no table',
    params: [
      {
        key: 'sen',
        type: 'int',
        doc: 'Sensitivity of the detection: the higher it is, the more bodies are found.',
        min: 0,
        max: 100,
        default: '60',
      },
    ],
  },
);
const cars = intelligence('cars', 'Detect vehicles (IMM).', 'Detects the vehicles (position, colour, type) and their licence plates (position, text) in the image.', 'https://www.alibabacloud.com/help/en/oss/user-guide/vehicle-detection');
const codes = intelligence('codes', 'Read QR codes and bar codes (IMM).', 'Detects and decodes up to five QR codes or bar codes in the image, with the box around each.', 'https://help.aliyun.com/zh/oss/user-guide/qrcode-recognition');
const labels = intelligence('labels', 'Detect scene, object and event labels (IMM).', 'Tags the image with labels for its scenes, objects and events, each with a confidence.', 'https://help.aliyun.com/en/oss/user-guide/image-label-detection');
const score = intelligence('score', 'Score the visual quality of the image (IMM).', 'Rates how the image looks (sharpness, noise and distortion, colour saturation, exposure) with one combined score.', 'https://help.aliyun.com/zh/oss/user-guide/image-quality-score');

// ---------------------------------------------------------------------------------------------------------
// blind watermarks (IMM)
// ---------------------------------------------------------------------------------------------------------

const blindwatermark: ActionSpec = {
  name: 'blindwatermark',
  product: 'image',
  summary: 'Embed an invisible text watermark (IMM).',
  doc:
    'Embeds a text that cannot be seen but can later be extracted with image/deblindwatermark, even after ' +
    'cropping, scaling or re-compression. Runs synchronously and is meant to be saved with sys/saveas.',
  mode: 'sync',
  source:
    `${SRC_BLIND} (action name, sync, encoding rule); the parameter table of https://help.aliyun.com/zh/oss/user-guide/add-blindwatermarks ` +
    '(content, s, q), as IMM EncodeBlindWatermark gives them too: https://alibabacloud.com/help/en/imm/developer-reference/api-imm-2020-09-30-encodeblindwatermark',
  params: [
    {
      key: 'content',
      type: 'base64',
      decoded: 'text',
      max: 256,
      unit: 'characters',
      doc: 'The text to embed, URL-safe Base64 encoded; at most 256 characters before encoding.',
    },
    {
      key: 's',
      type: 'enum',
      doc: 'Embedding strength: a stronger watermark survives more attacks but alters the image more.',
      default: 'low',
      values: [
        { value: 'low', doc: 'Low strength.' },
        { value: 'medium', doc: 'Medium strength.' },
        { value: 'high', doc: 'High strength.' },
      ],
    },
    {
      key: 'q',
      type: 'int',
      doc: 'Storage quality of the watermarked output; only a JPG input uses it. Higher keeps the watermark better and the file larger.',
      min: 70,
      max: 100,
      default: '90',
    },
  ],
};

const deblindwatermark: ActionSpec = {
  name: 'deblindwatermark',
  product: 'image',
  summary: 'Extract an invisible watermark (IMM, asynchronous).',
  doc:
    'Reads the blind watermark embedded by image/blindwatermark. Runs only asynchronously; the extracted text ' +
    'arrives in the message sent to the sys/notify topic, and the bucket must use the same IMM project as when embedding.',
  mode: 'async',
  paramsIncomplete: true,
  source:
    `${SRC_BLIND}; example from https://help.aliyun.com/zh/oss/developer-reference/asynchronous-processing-using-oss-sdk-for-php-v2`,
  params: [
    {
      key: 's',
      type: 'string',
      doc: 'Strength used when the watermark was embedded (`low` in the documented example; other values not documented).',
    },
    {
      key: 't',
      type: 'string',
      doc: 'Type of the embedded watermark (`text` in the documented example; other values not documented).',
    },
  ],
  examples: ['image/deblindwatermark,s_low,t_text|sys/notify,topic_aW1tLWJsaW5kd2F0ZXJtYXJrLXRlc3Q'],
};

// ---------------------------------------------------------------------------------------------------------
// seen in live use, not documented
// ---------------------------------------------------------------------------------------------------------

const ignoreError: ActionSpec = {
  name: 'ignore-error',
  product: 'image',
  summary: 'Seen in live use: return the source image when processing fails (not documented).',
  doc:
    'Widely written after an image chain (`…/format,webp/ignore-error,1`) in published pages, apparently to get the ' +
    'source image back instead of an error. No OSS page documents it, so OSS may ignore it.',
  mode: 'sync',
  undocumented: 'in published pages and code (image/resize,w_540,h_270/quality,q_90/ignore-error,1)',
  source: 'not documented: seen only in third-party pages and code (live use)',
  params: [
    {
      key: 'value',
      positional: true,
      type: 'enum',
      doc: 'Seen as 1.',
      values: flag('Seen nowhere; by analogy, report errors.', 'Return the source image when processing fails (as used).'),
    },
  ],
};

export const imageActions: readonly ActionSpec[] = [
  resize,
  crop,
  indexcrop,
  circle,
  roundedCorners,
  rotate,
  flip,
  autoOrient,
  blur,
  bright,
  contrast,
  sharpen,
  watermark,
  format,
  interlace,
  quality,
  info,
  averageHue,
  faces,
  bodies,
  cars,
  codes,
  labels,
  score,
  blindwatermark,
  deblindwatermark,
  ignoreError,
];
