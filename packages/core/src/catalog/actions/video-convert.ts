import type { ActionSpec, EnumValue, ParamSpec } from '../types';
import { durationMs, flag, startMs } from './shared';

/** Facts from the OSS video transcoding page; docs are our own words. */
export const TRANSCODING_SOURCE = 'https://www.alibabacloud.com/help/en/oss/user-guide/video-transcoding';

const option = (what: string): EnumValue[] => [
  { value: '0', doc: `Always use the target ${what}.` },
  { value: '1', doc: `Use the source ${what} when it is lower than the target.` },
  { value: '2', doc: `Fail the task when the source ${what} is lower than the target.` },
];

export const VIDEO_CONTAINERS: EnumValue[] = [
  { value: 'mp4', doc: 'MPEG-4 Part 14, the most widely playable container.' },
  { value: 'mkv', doc: 'Matroska, takes almost any codec.' },
  { value: 'mov', doc: 'QuickTime movie.' },
  { value: 'asf', doc: 'Advanced Systems Format (Windows Media).' },
  { value: 'avi', doc: 'Audio Video Interleave.' },
  { value: 'mxf', doc: 'Material Exchange Format, for broadcast workflows.' },
  { value: 'ts', doc: 'MPEG transport stream; the container HLS segments use.' },
  { value: 'flv', doc: 'Flash Video, common for live streaming.' },
  { value: 'webm', doc: 'WebM: VP9 video with Vorbis or Opus audio.' },
];

export const AUDIO_CONTAINERS: EnumValue[] = [
  { value: 'mp3', doc: 'MP3 audio file.' },
  { value: 'aac', doc: 'Raw AAC audio (ADTS).' },
  { value: 'flac', doc: 'FLAC lossless audio file.' },
  { value: 'oga', doc: 'Ogg audio (FLAC, Vorbis or Opus inside).' },
  { value: 'ac3', doc: 'Dolby Digital (AC-3) audio file.' },
  { value: 'opus', doc: 'Opus audio in Ogg.' },
  { value: 'amr', doc: 'Adaptive Multi-Rate speech audio (8000 Hz, mono).' },
];

export const AUDIO_CODECS: EnumValue[] = [
  { value: 'copy', doc: 'Copy the source audio stream unchanged (the default).' },
  { value: 'mp3', doc: 'Encode MP3.' },
  { value: 'aac', doc: 'Encode AAC.' },
  { value: 'flac', doc: 'Encode FLAC (lossless).' },
  { value: 'vorbis', doc: 'Encode Vorbis.' },
  { value: 'ac3', doc: 'Encode AC-3 (Dolby Digital).' },
  { value: 'opus', doc: 'Encode Opus.' },
  { value: 'amr', doc: 'Encode AMR narrow-band speech.' },
];

export const SAMPLE_RATES = ['8000', '11025', '12000', '16000', '22050', '24000', '32000', '44100', '48000', '88200', '96000'];

/** Audio parameters shared by video/convert and audio/convert. */
export const audioParams: ParamSpec[] = [
  { key: 'acodec', type: 'enum', values: AUDIO_CODECS, default: 'copy', doc: 'The audio codec of the output.' },
  {
    key: 'ar',
    type: 'enum',
    values: SAMPLE_RATES.map((r) => ({ value: r, doc: `${Number(r) / 1000} kHz.` })),
    unit: 'Hz',
    defaultDoc: "the source's sample rate",
    doc: 'The audio sample rate.',
  },
  { key: 'ac', type: 'int', min: 1, max: 8, unit: 'channels', defaultDoc: "the source's channel count", doc: 'The number of audio channels.' },
  { key: 'aq', type: 'int', min: 0, max: 100, doc: 'The audio quality (compression level). Cannot be combined with ab.' },
  { key: 'ab', type: 'int', min: 1000, max: 10000000, unit: 'bit/s', doc: 'The audio bitrate. Cannot be combined with aq.' },
  { key: 'abopt', type: 'enum', values: option('audio bitrate'), default: '0', doc: 'What to do when the source audio bitrate is lower than ab.' },
  {
    key: 'adepth',
    type: 'enum',
    values: [
      { value: '16', doc: '16-bit samples.' },
      { value: '24', doc: '24-bit samples.' },
    ],
    unit: 'bits',
    doc: 'The sample bit depth of the output audio; it takes effect only with acodec_flac.',
  },
];

/** Parameters that only matter when video is re-encoded (`vcodec` other than copy). */
export const REENCODE_PARAMS = ['fps', 'fpsopt', 'pixfmt', 's', 'sopt', 'scaletype', 'arotate', 'g', 'vb', 'vbopt', 'crf', 'maxrate', 'bufsize'];
export const VIDEO_PARAMS = ['vcodec', ...REENCODE_PARAMS];
export const AUDIO_PARAMS = ['acodec', 'ar', 'ac', 'aq', 'ab', 'abopt', 'adepth'];

const convert: ActionSpec = {
  name: 'convert',
  product: 'video',
  summary: 'Transcode a video: container, codecs, resolution, frame rate, bitrates.',
  doc:
    'Transcodes the source into another container and codecs, optionally cutting a time range, rescaling and ' +
    'changing frame rate and bitrates. It runs only as an asynchronous task (x-oss-async-process) through IMM, ' +
    'needs authenticated access, and its output must be kept with sys/saveas.',
  mode: 'async',
  producesOutput: true,
  source: TRANSCODING_SOURCE,
  params: [
    startMs('Where transcoding starts in the source; 0 is the beginning.'),
    durationMs('How much to transcode from the start point; 0 runs to the end.'),
    {
      key: 'f',
      type: 'enum',
      required: true,
      values: [...VIDEO_CONTAINERS, ...AUDIO_CONTAINERS],
      doc: 'The output container. mp4 … webm hold video and audio; mp3 … amr are audio-only.',
    },
    { key: 'vn', type: 'enum', values: flag('Keep the video stream.', 'Drop the video stream: the output has no video.'), default: '0', doc: 'Disable the video stream.' },
    {
      key: 'vcodec',
      type: 'enum',
      default: 'copy',
      values: [
        { value: 'copy', doc: 'Copy the source video stream unchanged (the default): nothing is re-encoded.' },
        { value: 'h264', doc: 'Encode H.264 (AVC).' },
        { value: 'h265', doc: 'Encode H.265 (HEVC).' },
        { value: 'vp9', doc: 'Encode VP9.' },
      ],
      doc: 'The video codec of the output.',
    },
    { key: 'fps', type: 'float', min: 0, max: 240, unit: 'fps', defaultDoc: "the source's frame rate", doc: 'The output frame rate.' },
    { key: 'fpsopt', type: 'enum', values: option('frame rate'), doc: 'What to do when the source frame rate is lower than fps.' },
    {
      key: 'pixfmt',
      type: 'enum',
      defaultDoc: "the source's pixel format",
      values: [
        { value: 'yuv420p', doc: '8-bit 4:2:0, the most compatible.' },
        { value: 'yuva420p', doc: '8-bit 4:2:0 with alpha (only VP9 keeps the alpha).' },
        { value: 'yuv420p10le', doc: '10-bit 4:2:0.' },
        { value: 'yuv422p', doc: '8-bit 4:2:2.' },
        { value: 'yuv422p10le', doc: '10-bit 4:2:2.' },
        { value: 'yuv444p', doc: '8-bit 4:4:4.' },
        { value: 'yuv444p10le', doc: '10-bit 4:4:4.' },
      ],
      doc: 'The output pixel format.',
    },
    {
      key: 's',
      type: 'size',
      min: 64,
      max: 4096,
      multipleOf: 2,
      sizeOptional: true,
      unit: 'px',
      defaultDoc: "the source's resolution",
      doc: 'The output resolution, WidthxHeight; each side even and 64–4096. A side may be left out (s_640x) to follow the aspect ratio.',
    },
    { key: 'sopt', type: 'enum', values: option('resolution'), doc: 'What to do when the source resolution is lower than s.' },
    {
      key: 'scaletype',
      type: 'enum',
      default: 'stretch',
      values: [
        { value: 'crop', doc: 'Scale to cover the box, keeping the aspect ratio, and crop the overflow from the centre.' },
        { value: 'stretch', doc: 'Scale to the box exactly, distorting the aspect ratio (the default).' },
        { value: 'fill', doc: 'Scale to fit inside the box, keeping the aspect ratio, and pad with black.' },
        { value: 'fit', doc: 'Scale to fit inside the box, keeping the aspect ratio, without padding.' },
      ],
      doc: 'How the video is fitted to s.',
    },
    { key: 'arotate', type: 'enum', values: flag('Keep s as written.', 'Swap width and height to follow the source orientation.'), default: '0', doc: 'Adaptive orientation of the resolution.' },
    { key: 'g', type: 'int', min: 1, max: 100000, unit: undefined, doc: 'The keyframe interval (GOP size), in frames.' },
    { key: 'vb', type: 'int', min: 10000, max: 100000000, unit: 'bit/s', doc: 'The target video bitrate.' },
    { key: 'vbopt', type: 'enum', values: option('video bitrate'), doc: 'What to do when the source video bitrate is lower than vb.' },
    { key: 'crf', type: 'float', min: 0, max: 51, doc: 'Constant rate factor: quality-driven rate control; lower is better quality.' },
    { key: 'maxrate', type: 'int', min: 10000, max: 100000000, unit: 'bit/s', doc: 'The maximum video bitrate.' },
    { key: 'bufsize', type: 'int', min: 10000, max: 200000000, unit: 'bit', doc: 'The rate-control buffer size.' },
    { key: 'an', type: 'enum', values: flag('Keep the audio stream.', 'Drop the audio stream: the output has no audio.'), default: '0', doc: 'Disable the audio stream.' },
    ...audioParams,
    { key: 'sn', type: 'enum', values: flag('Keep subtitles.', 'Drop subtitle streams.'), default: '0', doc: 'Disable subtitles.' },
  ],
  relations: [
    { kind: 'exclusive', params: ['aq', 'ab'], doc: 'both set how strongly the audio is compressed' },
    { kind: 'effectiveOnly', params: ['adepth'], when: { param: 'acodec', values: ['flac'] }, doc: 'adepth takes effect only with acodec_flac' },
    { kind: 'ignoredWhen', params: VIDEO_PARAMS, when: { param: 'vn', values: ['1'] }, doc: 'vn_1 drops the video stream' },
    { kind: 'ignoredWhen', params: AUDIO_PARAMS, when: { param: 'an', values: ['1'] }, doc: 'an_1 drops the audio stream' },
    { kind: 'ignoredWhen', params: REENCODE_PARAMS, when: { param: 'vcodec', values: ['copy'] }, doc: 'vcodec copy does not re-encode the video' },
    { kind: 'ignoredWhen', params: ['ar', 'ac', 'aq', 'ab', 'abopt', 'adepth'], when: { param: 'acodec', values: ['copy'] }, doc: 'acodec copy does not re-encode the audio' },
  ],
  examples: [
    'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1',
    'video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000',
    'video/convert,f_mp3,acodec_mp3,ab_100000,vn_1,sn_1',
  ],
};

const segment: ActionSpec = {
  name: 'segment',
  product: 'video',
  parent: 'convert',
  summary: 'Cut the transcoded output into HLS or DASH segments.',
  doc: 'Splits the output of video/convert into streaming segments with a playlist. Without it the output is one file.',
  mode: 'async',
  source: TRANSCODING_SOURCE,
  params: [
    {
      key: 'f',
      type: 'enum',
      values: [
        { value: 'hls', doc: 'HTTP Live Streaming: an m3u8 playlist with TS segments.' },
        { value: 'dash', doc: 'MPEG-DASH: an mpd manifest with fragmented segments.' },
      ],
      doc: 'The segmenting protocol.',
    },
    { key: 't', type: 'int', min: 0, max: 3600000, unit: 'ms', doc: 'The length of each segment.' },
  ],
};

export const videoConvertActions: readonly ActionSpec[] = [convert, segment];
