/**
 * Catalog data for the `audio` product: transcoding, concatenation (with its `/pre` and `/sur` inputs) and info.
 * Pure data; see NOTES.md beside this file for what was verified where and what is inferred.
 */
import type { ActionSpec, EnumValue, ParamSpec } from '../types';
import { concatInput, durationMs, IMM_SAMPLE_RATES, startMs } from './shared';

const SRC_CONVERT = 'https://help.aliyun.com/zh/oss/audio-transcoding; https://www.alibabacloud.com/help/tc/oss/user-guide/audio-transcoding';
const SRC_CONCAT = 'https://help.aliyun.com/zh/oss/audio-stitching; https://www.alibabacloud.com/help/tc/oss/user-guide/audio-stitching';
const SRC_PHP_ASYNC = 'https://help.aliyun.com/zh/oss/developer-reference/asynchronous-processing-using-oss-sdk-for-php-v2';

/** sys/saveas target used in the examples: bucket `examplebucket`, key `dest.aac`. */
const SAVE_AAC = '|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_ZGVzdC5hYWM';

const AUDIO_CONTAINERS: readonly EnumValue[] = [
  { value: 'mp3', doc: 'MP3.' },
  { value: 'aac', doc: 'AAC.' },
  { value: 'flac', doc: 'FLAC (lossless; the only container that takes `adepth`).' },
  { value: 'oga', doc: 'Ogg audio.' },
  { value: 'ac3', doc: 'AC-3.' },
  { value: 'opus', doc: 'Opus.' },
  { value: 'amr', doc: 'AMR.' },
];

const outputParams = (defaultFrom: string): readonly ParamSpec[] => [
  { key: 'f', type: 'enum', doc: 'Audio container of the output.', values: AUDIO_CONTAINERS },
  {
    key: 'ar',
    type: 'enum',
    doc:
      'Sample rate. MP3 takes at most 48 kHz; Opus only 8, 12, 16, 24 or 48 kHz; AC-3 only 32, 44.1 or 48 kHz; ' +
      'AMR only 8 or 16 kHz.',
    values: IMM_SAMPLE_RATES,
    unit: 'Hz',
    defaultDoc: defaultFrom,
  },
  {
    key: 'ac',
    type: 'int',
    doc: 'Number of channels. MP3 takes at most 2, AC-3 at most 6 (5.1), AMR only 1.',
    min: 1,
    max: 8,
    unit: 'channels',
    defaultDoc: defaultFrom,
  },
  { key: 'aq', type: 'int', doc: 'Compression quality; cannot be combined with `ab`.', min: 0, max: 100 },
  {
    key: 'ab',
    type: 'int',
    doc: 'Bitrate; cannot be combined with `aq`.',
    min: 1000,
    max: 10000000,
    unit: 'bit/s',
  },
  {
    key: 'abopt',
    type: 'enum',
    doc: 'What to do when the source bitrate is below `ab`.',
    default: '0',
    values: [
      { value: '0', doc: 'Always use the target bitrate.' },
      { value: '1', doc: 'Keep the source bitrate when it is lower than the target.' },
      { value: '2', doc: 'Fail when the source bitrate is lower than the target.' },
    ],
  },
];

const convert: ActionSpec = {
  name: 'convert',
  product: 'audio',
  summary: 'Transcode audio to another format (asynchronous).',
  doc:
    'Transcodes the audio (optionally a part of it) to the given container and audio settings. Runs only ' +
    'asynchronously through IMM; keep the result with sys/saveas.',
  mode: 'async',
  producesOutput: true,
  source: `${SRC_CONVERT}; https://www.alibabacloud.com/help/en/oss/user-guide/audio-transcoding (f required); example: ${SRC_PHP_ASYNC}`,
  params: [
    startMs('Start of the part to transcode; 0 starts at the beginning.'),
    durationMs('Length of the part to transcode; 0 runs to the end.'),
    // the English audio-transcoding table marks f required ("f / string / Yes")
    ...outputParams('the source audio').map((p) => (p.key === 'f' ? { ...p, required: true } : p)),
    {
      key: 'adepth',
      type: 'enum',
      doc: 'Sample bit depth; only with `f_flac`.',
      unit: 'bits',
      values: [
        { value: '16', doc: '16-bit samples.' },
        { value: '24', doc: '24-bit samples.' },
      ],
    },
  ],
  relations: [
    { kind: 'exclusive', params: ['aq', 'ab'], doc: 'Set the quality `aq` or the bitrate `ab`, not both.' },
    {
      kind: 'effectiveOnly',
      params: ['adepth'],
      when: { param: 'f', values: ['flac'] },
      doc: 'The bit depth `adepth` can only be set for FLAC output.',
    },
    {
      kind: 'effectiveOnly',
      params: ['abopt'],
      when: { param: 'ab', present: true },
      doc: '`abopt` compares the source bitrate with `ab`, so it needs `ab`.',
    },
  ],
  examples: [`audio/convert,ss_10000,t_60000,f_aac,ab_96000${SAVE_AAC}`],
};

/** The inputs of an audio concatenation: `/pre` before the request's object, `/sur` after it, in the order written. */
const AUDIO_CONCAT_EXAMPLE = `audio/concat,f_aac,ac_1,ar_44100,ab_96000,align_2/pre,o_c3JjMS5tcDM/pre,o_c3JjMi5tcDM,t_0${SAVE_AAC}`;

const concat: ActionSpec = {
  name: 'concat',
  product: 'audio',
  summary: 'Join several audio files into one and transcode it (asynchronous).',
  doc:
    'Joins the request\'s audio with the `/pre` and `/sur` inputs that follow and transcodes the result. Runs only ' +
    'asynchronously through IMM; keep the result with sys/saveas.',
  mode: 'async',
  producesOutput: true,
  paramsIncomplete: true,
  source: `${SRC_CONCAT} (tables read up to ac); aq/ab/abopt/align from the example in ${SRC_PHP_ASYNC} and audio/convert`,
  params: [
    startMs("Start of the part of the request's own audio to use; 0 starts at the beginning."),
    durationMs("Length of the part of the request's own audio to use; 0 runs to the end."),
    ...outputParams('the input chosen by `align`'),
    {
      key: 'align',
      type: 'int',
      doc:
        'Which input the sample rate and channel count default to (seen as align_2 in the documented example; range ' +
        'not documented in what was read).',
    },
  ],
  relations: [
    { kind: 'exclusive', params: ['aq', 'ab'], doc: 'Set the quality `aq` or the bitrate `ab`, not both.' },
    {
      kind: 'effectiveOnly',
      params: ['abopt'],
      when: { param: 'ab', present: true },
      doc: '`abopt` compares the source bitrate with `ab`, so it needs `ab`.',
    },
  ],
  examples: [`audio/concat,f_aac,ac_1,ar_44100,ab_96000,align_2/pre,o_c3JjMS5tcDM/pre,o_c3JjMi5tcDM,t_0${SAVE_AAC}`],
};

const info: ActionSpec = {
  name: 'info',
  product: 'audio',
  summary: 'Return the media information of an audio file as JSON.',
  doc: 'Returns the container and stream information of the audio instead of processing it. It needs an IMM project.',
  mode: 'sync',
  source:
    'https://www.alibabacloud.com/help/en/oss/user-guide/synchronous-processing (read as a copy); ' +
    'https://help.aliyun.com/zh/oss/user-guide/introduction-2/',
  params: [],
  examples: ['audio/info'],
};

export const audioActions: readonly ActionSpec[] = [
  convert,
  concat,
  concatInput('audio', 'pre', { one: 'an audio file', many: 'audio files' }, SRC_CONCAT, AUDIO_CONCAT_EXAMPLE),
  concatInput('audio', 'sur', { one: 'an audio file', many: 'audio files' }, SRC_CONCAT, AUDIO_CONCAT_EXAMPLE),
  info,
];
