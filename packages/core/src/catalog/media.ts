/**
 * Which codecs each container can carry, and which sample rates and channel counts each audio codec takes:
 * measured by encoding every combination with ffmpeg 5.1 and reading the output back with ffprobe.
 *
 * `error`: ffmpeg refuses it, or writes a file no reader recognises as what was asked.
 * `warning`: it works only in a way the request may not mean (FLAC in MP4 is experimental), or the source
 * document and ffmpeg disagree — the document wins there (it lists mxf; its own SDK sample writes h265 into
 * avi; newer encoders put HEVC in FLV), so the rule only warns.
 */

export type Verdict = { level: 'error' | 'warning'; why: string };

const no = (why: string): Verdict => ({ level: 'error', why });
const doubt = (why: string): Verdict => ({ level: 'warning', why });

export interface ContainerTruth {
  /** Holds video (false: audio-only). */
  video: boolean;
  /** Verdicts for codecs that are not simply fine; a codec not listed works. */
  vcodec: Record<string, Verdict>;
  acodec: Record<string, Verdict>;
  /** Sample rates the container refuses for a codec that the codec itself would take. */
  rates?: Record<string, { refused: readonly string[]; level: 'error' | 'warning'; why: string }>;
}

const AUDIO_CODECS = ['mp3', 'aac', 'flac', 'vorbis', 'ac3', 'opus', 'amr'];
const MXF = doubt('ffmpeg writes only h264 with PCM audio at 48 kHz into MXF; the document lists mxf all the same');
const AUDIO_ONLY_REFUSES = (f: string) => no(`the ${f} container carries only its own audio codec`);

export const CONTAINERS: Record<string, ContainerTruth> = {
  mp4: {
    video: true,
    vcodec: {},
    acodec: {
      flac: doubt('FLAC in MP4 is experimental in ffmpeg and poorly supported by players'),
      amr: no('MP4 has no tag for AMR audio'),
    },
    rates: { mp3: { refused: ['8000', '11025', '12000'], level: 'warning', why: 'MP3 in MP4 below 16 kHz is non-standard' } },
  },
  mkv: { video: true, vcodec: {}, acodec: {} },
  mov: {
    video: true,
    vcodec: { vp9: no('QuickTime (mov) does not carry VP9') },
    acodec: { flac: no('QuickTime (mov) does not carry FLAC'), opus: no('QuickTime (mov) does not carry Opus') },
  },
  asf: {
    video: true,
    vcodec: { h265: no('ASF has no codec tag for H.265') },
    acodec: { opus: no('ASF has no codec tag for Opus') },
  },
  avi: {
    video: true,
    vcodec: { h265: doubt('ffmpeg writes H.265 into AVI without a tag players read; prefer mp4 or mkv') },
    acodec: { opus: no('AVI has no codec tag for Opus') },
  },
  mxf: {
    video: true,
    vcodec: { h265: MXF, vp9: MXF },
    acodec: { mp3: MXF, aac: MXF, flac: MXF, vorbis: MXF, ac3: MXF, opus: MXF, amr: MXF },
  },
  ts: {
    video: true,
    vcodec: { vp9: no('MPEG-TS carries VP9 only as private data that players do not read') },
    acodec: {
      flac: no('MPEG-TS carries FLAC only as private data that players do not read'),
      vorbis: no('MPEG-TS carries Vorbis only as private data that players do not read'),
      amr: no('MPEG-TS carries AMR only as private data that players do not read'),
    },
  },
  flv: {
    video: true,
    vcodec: {
      h265: doubt('classic FLV carries only H.264; H.265 needs the newer enhanced FLV'),
      vp9: no('FLV does not carry VP9'),
    },
    acodec: {
      flac: no('FLV does not carry FLAC'),
      vorbis: no('FLV does not carry Vorbis'),
      ac3: no('FLV does not carry AC-3'),
      opus: no('FLV does not carry Opus (it runs at 48 kHz, which FLV cannot signal)'),
      amr: no('FLV does not carry AMR'),
    },
    rates: { mp3: { refused: ['8000', '12000', '16000', '24000', '32000'], level: 'error', why: 'FLV signals MP3 only at 11025, 22050, 44100 or 48000 Hz' } },
  },
  webm: {
    video: true,
    vcodec: { h264: no('WebM carries only VP9 video'), h265: no('WebM carries only VP9 video') },
    acodec: {
      mp3: no('WebM carries only Vorbis or Opus audio'),
      aac: no('WebM carries only Vorbis or Opus audio'),
      flac: no('WebM carries only Vorbis or Opus audio'),
      ac3: no('WebM carries only Vorbis or Opus audio'),
      amr: no('WebM carries only Vorbis or Opus audio'),
    },
  },
  mp3: { video: false, vcodec: {}, acodec: onlyAudio('mp3', ['mp3']) },
  aac: { video: false, vcodec: {}, acodec: onlyAudio('aac', ['aac']) },
  flac: { video: false, vcodec: {}, acodec: onlyAudio('flac', ['flac']) },
  oga: { video: false, vcodec: {}, acodec: onlyAudio('oga', ['flac', 'vorbis', 'opus'], 'the oga container carries only FLAC, Vorbis or Opus') },
  ac3: { video: false, vcodec: {}, acodec: onlyAudio('ac3', ['ac3']) },
  opus: { video: false, vcodec: {}, acodec: onlyAudio('opus', ['opus']) },
  amr: { video: false, vcodec: {}, acodec: onlyAudio('amr', ['amr']) },
};

function onlyAudio(f: string, allowed: string[], why?: string): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const codec of AUDIO_CODECS) {
    if (!allowed.includes(codec)) out[codec] = why ? no(why) : AUDIO_ONLY_REFUSES(f);
  }
  return out;
}

/**
 * The codec an audio-only container holds when it holds one alone (f_mp3 is MP3 audio; oga holds three): what an
 * action without `acodec` (audio/convert, audio/concat) encodes.
 */
export function audioCodecOf(f: string): string | undefined {
  return AUDIO_CODEC_OF.get(f);
}
const AUDIO_CODEC_OF = new Map(
  Object.entries(CONTAINERS).flatMap(([f, c]) => {
    const held = c.video ? [] : AUDIO_CODECS.filter((codec) => !c.acodec[codec]);
    return held.length === 1 ? [[f, held[0]!] as const] : [];
  }),
);

/**
 * Sample rates and channel counts each audio encoder accepts (of the documented ar list and ac 1–8). AMR: the
 * audio-transcoding page gives 8 or 16 kHz (AMR-NB and AMR-WB); ffmpeg was measured with the AMR-NB encoder only.
 */
export const AUDIO_CODEC_LIMITS: Record<string, { rates?: readonly string[]; channels?: { max: number; doubtful?: readonly number[] } }> = {
  mp3: { rates: ['8000', '11025', '12000', '16000', '22050', '24000', '32000', '44100', '48000'], channels: { max: 2 } },
  ac3: { rates: ['32000', '44100', '48000'], channels: { max: 6 } },
  opus: { rates: ['8000', '12000', '16000', '24000', '48000'], channels: { max: 8, doubtful: [3, 4] } },
  amr: { rates: ['8000', '16000'], channels: { max: 1 } },
};

/** Pixel formats an encoder cannot produce as asked. */
export const PIXEL_FORMAT_LIMITS: Record<string, Record<string, string>> = {
  h264: { yuva420p: 'H.264 has no alpha channel: the encoder writes yuv420p instead' },
  h265: { yuva420p: 'H.265 has no alpha channel: the encoder writes yuv420p instead' },
};

/**
 * The output containers each segment protocol can carry: HLS takes TS or fragmented-MP4 segments (and packed
 * AAC/MP3 audio), DASH fragmented MP4 or WebM. The codecs inside are already judged by the container's row
 * above (TS refuses VP9, FLAC, Vorbis and AMR; MP4 refuses AMR), so they need no rows of their own here.
 */
export const SEGMENT_CONTAINERS: Record<string, readonly string[]> = {
  hls: ['ts', 'mp4', 'aac', 'mp3'],
  dash: ['mp4', 'webm'],
};
