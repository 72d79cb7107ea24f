/**
 * OSS's names for containers and codecs, and what ffmpeg calls them: the muxer and encoder that write them
 * and the names ffprobe reads back. The mapping is the one measured in core's media facts (ffmpeg 5.1).
 */

export interface Container {
  /** ffmpeg's muxer. */
  muxer: string;
  /** The file extension ({autoext}). */
  ext: string;
  /** A name ffprobe lists in format_name for such a file. */
  probed: string;
  audioOnly: boolean;
  /** The subtitle codec this container takes from a text source, when it takes one. */
  subtitles?: string;
}

export const CONTAINERS: Record<string, Container> = {
  mp4: { muxer: 'mp4', ext: 'mp4', probed: 'mp4', audioOnly: false, subtitles: 'mov_text' },
  mkv: { muxer: 'matroska', ext: 'mkv', probed: 'matroska', audioOnly: false, subtitles: 'srt' },
  mov: { muxer: 'mov', ext: 'mov', probed: 'mov', audioOnly: false, subtitles: 'mov_text' },
  asf: { muxer: 'asf', ext: 'asf', probed: 'asf', audioOnly: false },
  avi: { muxer: 'avi', ext: 'avi', probed: 'avi', audioOnly: false },
  mxf: { muxer: 'mxf', ext: 'mxf', probed: 'mxf', audioOnly: false },
  ts: { muxer: 'mpegts', ext: 'ts', probed: 'mpegts', audioOnly: false },
  flv: { muxer: 'flv', ext: 'flv', probed: 'flv', audioOnly: false },
  webm: { muxer: 'webm', ext: 'webm', probed: 'webm', audioOnly: false, subtitles: 'webvtt' },
  mp3: { muxer: 'mp3', ext: 'mp3', probed: 'mp3', audioOnly: true },
  aac: { muxer: 'adts', ext: 'aac', probed: 'aac', audioOnly: true },
  flac: { muxer: 'flac', ext: 'flac', probed: 'flac', audioOnly: true },
  oga: { muxer: 'oga', ext: 'oga', probed: 'ogg', audioOnly: true },
  ac3: { muxer: 'ac3', ext: 'ac3', probed: 'ac3', audioOnly: true },
  opus: { muxer: 'opus', ext: 'opus', probed: 'ogg', audioOnly: true },
  amr: { muxer: 'amr', ext: 'amr', probed: 'amr', audioOnly: true },
};

export interface Codec {
  encoder: string;
  /** ffprobe's codec_name. */
  probed: string;
}

export const VIDEO_CODECS: Record<string, Codec> = {
  h264: { encoder: 'libx264', probed: 'h264' },
  h265: { encoder: 'libx265', probed: 'hevc' },
  vp9: { encoder: 'libvpx-vp9', probed: 'vp9' },
};

export const AUDIO_CODECS: Record<string, Codec> = {
  mp3: { encoder: 'libmp3lame', probed: 'mp3' },
  aac: { encoder: 'aac', probed: 'aac' },
  flac: { encoder: 'flac', probed: 'flac' },
  vorbis: { encoder: 'libvorbis', probed: 'vorbis' },
  ac3: { encoder: 'ac3', probed: 'ac3' },
  opus: { encoder: 'libopus', probed: 'opus' },
  amr: { encoder: 'libopencore_amrnb', probed: 'amr_nb' },
};

/** audio/convert has no acodec: the container decides the codec. */
export const CODEC_OF_AUDIO_CONTAINER: Record<string, string> = { mp3: 'mp3', aac: 'aac', flac: 'flac', oga: 'vorbis', ac3: 'ac3', opus: 'opus', amr: 'amr' };

/** OSS's `aq` (0–100, higher is better) as the encoder's own quality scale, where it has one. */
export function audioQuality(encoder: string, aq: number): string | undefined {
  if (encoder === 'libmp3lame') return String(Math.round(((100 - aq) * 9) / 100)); // LAME -V: 0 best … 9 worst
  if (encoder === 'libvorbis') return String(Math.round(aq) / 10); // -1 … 10, higher is better
  return undefined;
}
