import { statSync } from 'node:fs';
import { PreviewError } from '../request';
import { lastLines, run, type Tools } from './tools';

/** What ffprobe says about a media file: the facts the `*opt` options and the read-back compare. */
export interface MediaInfo {
  /** ffprobe's format_name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  /** Seconds. */
  duration: number;
  /** bit/s of the whole file. */
  bitRate?: number;
  video?: VideoStream;
  audio?: AudioStream;
  subtitles: number;
}

export interface VideoStream {
  codec: string;
  width: number;
  height: number;
  /** Frames per second (r_frame_rate). */
  fps: number;
  pixFmt?: string;
  /** bit/s, measured from the packet sizes when the container does not state it. */
  bitRate?: number;
  /** Rotation recorded in the stream's side data (degrees). */
  rotation: number;
  /** The longest run of frames from one keyframe to the next (the last run included), when measured. */
  keyframeInterval?: number;
}

export interface AudioStream {
  codec: string;
  sampleRate: number;
  channels: number;
  bitRate?: number;
  /** bits_per_raw_sample (FLAC's 16/24), when stated. */
  bits?: number;
}

interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  pix_fmt?: string;
  bit_rate?: string;
  sample_rate?: string;
  channels?: number;
  bits_per_raw_sample?: string;
  bits_per_sample?: number;
  duration?: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
  disposition?: { attached_pic?: number };
}

function rate(r: string | undefined): number {
  if (!r) return 0;
  const [a, b] = r.split('/').map(Number);
  return b ? a! / b : a ?? 0;
}

const int = (s: string | number | undefined) => (s === undefined || s === '' || s === 'N/A' ? undefined : Number(s));

/** Reads a file's container and first video, audio streams; bitrates per stream are measured from packets. */
export async function probe(tools: Tools, file: string, options: { measure?: boolean } = {}): Promise<MediaInfo> {
  const show = options.measure === false ? ['-show_format', '-show_streams'] : ['-show_entries', 'packet=stream_index,size,flags:format:stream'];
  const r = await run(tools.ffprobe, ['-v', 'error', ...show, '-of', 'json', file]);
  if (r.code !== 0) throw new PreviewError(`ffprobe cannot read ${file}: ${lastLines(r.stderr) || `exit code ${r.code}`}`, 'InvalidFile');
  const json = JSON.parse(r.stdout) as { format?: { format_name?: string; duration?: string; bit_rate?: string }; streams?: RawStream[]; packets?: { stream_index: number; size: string; flags?: string }[] };
  const streams = json.streams ?? [];
  const duration = Number(json.format?.duration ?? 0) || 0;
  const bytes = new Map<number, number>();
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  let gop = 0;
  let streak = 0;
  for (const p of json.packets ?? []) {
    bytes.set(p.stream_index, (bytes.get(p.stream_index) ?? 0) + Number(p.size));
    if (v && p.stream_index === v.index) {
      if (p.flags?.startsWith('K') && streak > 0) (gop = Math.max(gop, streak)), (streak = 0);
      streak++;
    }
  }
  gop = Math.max(gop, streak);
  const measured = (s: RawStream) => {
    const b = bytes.get(s.index);
    const d = Number(s.duration) || duration;
    return b !== undefined && d > 0 ? Math.round((b * 8) / d) : int(s.bit_rate);
  };
  const a = streams.find((s) => s.codec_type === 'audio');
  const info: MediaInfo = { formatName: json.format?.format_name ?? '', duration, subtitles: streams.filter((s) => s.codec_type === 'subtitle').length };
  const fileRate = int(json.format?.bit_rate);
  if (fileRate !== undefined) info.bitRate = fileRate;
  if (v) {
    const rotation = Number(v.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? v.tags?.rotate ?? 0) || 0;
    info.video = { codec: v.codec_name ?? '', width: v.width ?? 0, height: v.height ?? 0, fps: rate(v.r_frame_rate) || rate(v.avg_frame_rate), rotation };
    if (v.pix_fmt) info.video.pixFmt = v.pix_fmt;
    if (json.packets && gop > 0) info.video.keyframeInterval = gop;
    const br = measured(v);
    if (br !== undefined) info.video.bitRate = br;
  }
  if (a) {
    info.audio = { codec: a.codec_name ?? '', sampleRate: Number(a.sample_rate ?? 0), channels: a.channels ?? 0 };
    const br = measured(a);
    if (br !== undefined) info.audio.bitRate = br;
    const bits = int(a.bits_per_raw_sample) ?? (a.bits_per_sample || undefined);
    if (bits) info.audio.bits = bits;
  }
  return info;
}

const sources = new Map<string, Promise<MediaInfo>>();

/** A source's facts, probed once per version of the file (the server probes the same object again and again). */
export function probeSource(tools: Tools, file: string): Promise<MediaInfo> {
  const st = statSync(file);
  const key = `${tools.ffprobe}\0${file}\0${st.size}\0${st.mtimeMs}`;
  let p = sources.get(key);
  if (!p) {
    if (sources.size >= 64) sources.clear();
    p = probe(tools, file);
    p.catch(() => sources.delete(key));
    sources.set(key, p);
  }
  return p;
}
