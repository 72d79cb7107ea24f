import { basename, dirname, extname, join } from 'node:path';
import { get, num, PreviewError, TaskFailure, type Step } from '../request';
import { audioQuality, AUDIO_CODECS, CODEC_OF_AUDIO_CONTAINER, CONTAINERS, VIDEO_CODECS, type Container } from './formats';
import type { MediaInfo } from './probe';

/**
 * One media request as ONE ffmpeg invocation, and what its output must look like. The `*opt` options are
 * decided here against the probed source (so the command is what the service would have run for this file),
 * and every decision the local run makes that the string does not state is kept as a note.
 */
export interface MediaPlan {
  /** ffmpeg's arguments (the program not included). */
  args: string[];
  /** The file written (for segments: the playlist or manifest). */
  output: string;
  segments?: SegmentPlan;
  expect: Expectation[];
  notes: string[];
}

export interface SegmentPlan {
  format: 'hls' | 'dash';
  /** Segment length, seconds. */
  seconds: number;
  /** Segment files start with this (in the output's folder). */
  prefix: string;
}

/** One property of the output, as the string asks for it; `verify.ts` reads it back. */
export interface Expectation {
  property: string;
  /** What is asked, as shown. */
  asked: string;
  /** The expected value; `null` means the stream must be absent. */
  value: string | number | null;
  /** For numbers: accepted relative (`rel`) or absolute (`abs`) deviation, or an upper bound (`max`). */
  tolerance?: { rel?: number; abs?: number; max?: boolean };
  read: (out: MediaInfo) => string | number | null | undefined;
}

export interface PlanOptions {
  /** Faster encoder presets (a preview, not the final quality): x264/x265 ultrafast, VP9 realtime. */
  fast?: boolean;
  /** The encoders this ffmpeg has. */
  encoders: Set<string>;
}

/** Relative tolerance of a bitrate read back against the one asked for: rate control over a short clip is loose. */
export const BITRATE_TOLERANCE = 0.3;

const BASE_ARGS = ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'];

/** The extension of what a media request writes: {autoext}. */
export function mediaExtension(steps: readonly Step[]): string {
  const head = steps[0]!;
  if (head.product === 'video' && head.action === 'snapshot') return get(head, 'f') ?? 'jpg';
  const segment = steps.find((s) => s.action === 'segment');
  if (segment) return get(segment, 'f') === 'dash' ? 'mpd' : 'm3u8';
  const f = get(head, 'f');
  return (f && CONTAINERS[f]?.ext) ?? 'mp4';
}

function need(encoders: Set<string>, encoder: string, what: string): void {
  if (encoders.size && !encoders.has(encoder)) {
    throw new PreviewError(`this ffmpeg has no ${encoder} encoder, needed for ${what}${encoder === 'libopencore_amrnb' ? " (Debian's ffmpeg is built without AMR)" : ''}`, 'Unsupported');
  }
}

const sec = (ms: number) => String(Math.round(ms) / 1000);
const bits = (n: number) => `${Math.round(n / 1000)} kbit/s`;

function parseSize(s: string): { w?: number; h?: number } {
  const [a, b] = s.split('x');
  const out: { w?: number; h?: number } = {};
  if (a) out.w = Number(a);
  if (b) out.h = Number(b);
  return out;
}

/** What `*opt_1` / `*opt_2` do when the source is below the target: keep the source, or fail the task. */
function option(step: Step, key: string, sourceLower: boolean, describe: string): 'target' | 'source' {
  const opt = get(step, key) ?? '0';
  if (!sourceLower || opt === '0') return 'target';
  if (opt === '2') throw new TaskFailure(`${key}_2: ${describe}, so the task fails`);
  return 'source';
}

/** `video/convert` (with `/segment`) or `audio/convert`. */
export function planConvert(steps: readonly Step[], source: MediaInfo, input: string, output: string, options: PlanOptions): MediaPlan {
  const head = steps[0]!;
  const audioProduct = head.product === 'audio';
  const segStep = steps.find((s) => s.action === 'segment');
  const notes: string[] = [];
  const expect: Expectation[] = [];
  const f = get(head, 'f');
  if (!f) throw new PreviewError(`${head.product}/convert needs f (the output container)`);
  const container: Container | undefined = CONTAINERS[f];
  if (!container) throw new PreviewError(`f_${f} is not a container this preview knows`, 'Unsupported');

  const pre: string[] = [];
  const out: string[] = [];
  const ss = num(head, 'ss') ?? 0;
  const t = num(head, 't') ?? 0;
  if (ss > 0) pre.push('-ss', sec(ss));
  if (t > 0) out.push('-t', sec(t));

  const left = Math.max(0, source.duration - ss / 1000);
  const duration = t > 0 ? Math.min(t / 1000, left) : left;

  // ---- video
  const vcodecName = audioProduct || container.audioOnly ? undefined : get(head, 'vcodec') ?? 'copy';
  const videoOn = !audioProduct && !container.audioOnly && get(head, 'vn') !== '1' && !!source.video;
  let reencode = false;
  let fps = source.video?.fps;
  if (!videoOn) {
    out.push('-vn');
    expect.push({ property: 'video stream', asked: 'none', value: null, read: (m) => (m.video ? m.video.codec : null) });
  } else {
    const src = source.video!;
    out.push('-map', '0:v:0');
    if (vcodecName === 'copy') {
      out.push('-c:v', 'copy');
      expect.push({ property: 'video codec', asked: `copy (${src.codec})`, value: src.codec, read: (m) => m.video?.codec });
      expect.push(sizeExpectation('copy', src.width, src.height));
    } else {
      reencode = true;
      const codec = VIDEO_CODECS[vcodecName!]!;
      need(options.encoders, codec.encoder, `vcodec_${vcodecName}`);
      out.push('-c:v', codec.encoder);
      if (options.fast) {
        if (codec.encoder === 'libvpx-vp9') out.push('-deadline', 'realtime', '-cpu-used', '8');
        else out.push('-preset', 'ultrafast');
      }
      expect.push({ property: 'video codec', asked: vcodecName!, value: codec.probed, read: (m) => m.video?.codec });
      videoScale(head, src, out, expect, notes);
      const askedFps = num(head, 'fps');
      if (askedFps !== undefined && askedFps > 0) {
        const use = option(head, 'fpsopt', src.fps < askedFps, `the source frame rate ${round(src.fps)} is lower than fps_${askedFps}`);
        fps = use === 'target' ? askedFps : src.fps;
        if (use === 'target') out.push('-r', String(askedFps));
        else notes.push(`fpsopt_1: the source's ${round(src.fps)} fps is kept (lower than fps_${askedFps})`);
        expect.push({ property: 'frame rate', asked: use === 'target' ? `${askedFps} fps` : `${round(src.fps)} fps (source, fpsopt_1)`, value: fps, tolerance: { abs: 0.01 }, read: (m) => m.video?.fps });
      }
      const pixfmt = get(head, 'pixfmt');
      if (pixfmt) {
        out.push('-pix_fmt', pixfmt);
        // the VP9 decoder shows alpha (kept as a Matroska side channel) as yuv420p
        const shown = pixfmt === 'yuva420p' && vcodecName === 'vp9' ? 'yuv420p' : pixfmt;
        expect.push({ property: 'pixel format', asked: pixfmt, value: shown, read: (m) => m.video?.pixFmt });
      }
      const g = num(head, 'g');
      if (g !== undefined) {
        out.push('-g', String(g));
        expect.push({ property: 'keyframe interval', asked: `≤ ${g} frames`, value: g, tolerance: { max: true }, read: (m) => m.video?.keyframeInterval });
      }
      const crf = num(head, 'crf');
      const vb = num(head, 'vb');
      if (vb !== undefined) {
        const srcRate = src.bitRate;
        const use = option(head, 'vbopt', srcRate !== undefined && srcRate < vb, `the source video bitrate ${bits(srcRate ?? 0)} is lower than vb_${vb}`);
        const rate = use === 'target' ? vb : srcRate!;
        if (use === 'source') notes.push(`vbopt_1: the source's ${bits(rate)} is kept (lower than vb_${vb})`);
        out.push('-b:v', String(rate));
        expect.push(bitrateExpectation('video bitrate', rate, (m) => m.video?.bitRate));
      }
      if (crf !== undefined) {
        out.push('-crf', String(crf));
        if (vcodecName === 'vp9' && vb === undefined) {
          out.push('-b:v', '0');
          notes.push('crf with vp9 and no vb: -b:v 0 selects libvpx constant quality');
        }
      }
      const maxrate = num(head, 'maxrate');
      let bufsize = num(head, 'bufsize');
      if (maxrate !== undefined) {
        out.push('-maxrate', String(maxrate));
        if (bufsize === undefined && vcodecName !== 'vp9') {
          bufsize = maxrate;
          notes.push(`maxrate without bufsize: ${vcodecName === 'h264' ? 'libx264' : 'libx265'} ignores maxrate without a buffer, so bufsize = maxrate (${maxrate}) was added`);
        }
        // a rate-control buffer may be spent on top of maxrate: over the clip that is at most bufsize / duration
        const bound = bufsize !== undefined && duration > 0 ? maxrate + bufsize / duration : maxrate * (1 + BITRATE_TOLERANCE);
        const how = bufsize !== undefined && duration > 0 ? `maxrate + bufsize/duration` : `maxrate +${BITRATE_TOLERANCE * 100}%`;
        expect.push({ property: 'max video bitrate', asked: `≤ ${bits(bound)} (${how})`, value: bound, tolerance: { max: true }, read: (m) => m.video?.bitRate });
      }
      if (bufsize !== undefined) out.push('-bufsize', String(bufsize));
    }
  }

  // ---- audio
  const audioOn = (audioProduct || get(head, 'an') !== '1') && !!source.audio;
  if (!audioOn) {
    out.push('-an');
    expect.push({ property: 'audio stream', asked: 'none', value: null, read: (m) => (m.audio ? m.audio.codec : null) });
  } else {
    const src = source.audio!;
    // the service takes the first audio track (the seed's note on multi-track sources)
    out.push('-map', '0:a:0');
    const acodecName = audioProduct ? CODEC_OF_AUDIO_CONTAINER[f] ?? 'copy' : get(head, 'acodec') ?? 'copy';
    if (acodecName === 'copy') {
      out.push('-c:a', 'copy');
      expect.push({ property: 'audio codec', asked: `copy (${src.codec})`, value: src.codec, read: (m) => m.audio?.codec });
    } else {
      const codec = AUDIO_CODECS[acodecName]!;
      need(options.encoders, codec.encoder, `${audioProduct ? `f_${f}` : `acodec_${acodecName}`}`);
      out.push('-c:a', codec.encoder);
      expect.push({ property: 'audio codec', asked: acodecName, value: codec.probed, read: (m) => m.audio?.codec });
      let ar = num(head, 'ar');
      let ac = num(head, 'ac');
      if (acodecName === 'amr') {
        if (ar === undefined) (ar = 8000), notes.push('AMR takes only 8000 Hz: -ar 8000 added');
        if (ac === undefined) (ac = 1), notes.push('AMR takes only mono: -ac 1 added');
      }
      if (ar !== undefined) out.push('-ar', String(ar));
      if (ac !== undefined) out.push('-ac', String(ac));
      const rate = acodecName === 'opus' ? 48000 : ar ?? src.sampleRate;
      if (acodecName === 'opus' && ar !== undefined && ar !== 48000) notes.push('Opus is always decoded at 48000 Hz, so ffprobe reads 48000 back');
      expect.push({ property: 'sample rate', asked: ar !== undefined ? `${ar} Hz` : `source (${src.sampleRate} Hz)`, value: rate, read: (m) => m.audio?.sampleRate });
      expect.push({ property: 'channels', asked: ac !== undefined ? String(ac) : `source (${src.channels})`, value: ac ?? src.channels, read: (m) => m.audio?.channels });
      const aq = num(head, 'aq');
      if (aq !== undefined) {
        const q = audioQuality(codec.encoder, aq);
        if (q !== undefined) out.push('-q:a', q);
        else notes.push(`aq_${aq}: ${codec.encoder} has no quality scale here; its default rate control is used`);
      }
      const ab = num(head, 'ab');
      if (ab !== undefined && acodecName !== 'flac') {
        const srcRate = src.bitRate;
        const use = option(head, 'abopt', srcRate !== undefined && srcRate < ab, `the source audio bitrate ${bits(srcRate ?? 0)} is lower than ab_${ab}`);
        const r = use === 'target' ? ab : srcRate!;
        if (use === 'source') notes.push(`abopt_1: the source's ${bits(r)} is kept (lower than ab_${ab})`);
        out.push('-b:a', String(r));
        expect.push(bitrateExpectation('audio bitrate', r, (m) => m.audio?.bitRate));
      } else if (ab !== undefined) notes.push('ab with FLAC: a lossless encoder has no bitrate to set');
      const adepth = get(head, 'adepth');
      if (adepth && acodecName === 'flac') {
        out.push('-sample_fmt', adepth === '24' ? 's32' : 's16');
        expect.push({ property: 'bit depth', asked: `${adepth} bits`, value: Number(adepth), read: (m) => m.audio?.bits });
      }
    }
  }

  // ---- subtitles
  if (!audioProduct && get(head, 'sn') === '1') {
    out.push('-sn');
    expect.push({ property: 'subtitles', asked: 'none', value: 0, read: (m) => m.subtitles });
  } else if (!audioProduct && source.subtitles > 0 && segStep) {
    notes.push('segments carry no subtitle stream here: the source\'s subtitles are left out');
  } else if (!audioProduct && source.subtitles > 0) {
    if (container.subtitles) out.push('-map', '0:s?', '-c:s', container.subtitles);
    else notes.push(`f_${f} takes no text subtitles: the source's subtitles are left out`);
  }

  // ---- duration
  const tol = reencode ? 0.1 + (fps ? 1 / fps : 0) : 1;
  expect.push({ property: 'duration', asked: `${round(duration)} s${ss || t ? ` (ss_${ss}, t_${t})` : ''}`, value: duration, tolerance: { abs: tol }, read: (m) => m.duration });

  if (f === 'flac' || (f === 'mp4' && get(head, 'acodec') === 'flac')) out.push('-strict', 'experimental');

  // ---- container or segments
  let segments: SegmentPlan | undefined;
  if (segStep && !audioProduct) {
    const format = get(segStep, 'f') === 'dash' ? 'dash' : 'hls';
    let ms = num(segStep, 't') ?? 0;
    if (ms <= 0) {
      ms = 10000;
      notes.push('segment without t: the documentation states no default; 10 s segments were used');
    }
    const seconds = ms / 1000;
    const dir = dirname(output);
    const bare = basename(output, extname(output));
    segments = { format, seconds, prefix: `${bare}-` };
    if (reencode) out.push('-force_key_frames', `expr:gte(t,n_forced*${seconds})`);
    else notes.push('segments of a copied stream can only start at its keyframes');
    if (format === 'hls') {
      const fmp4 = f === 'mp4';
      out.push('-f', 'hls', '-hls_time', String(seconds), '-hls_playlist_type', 'vod', '-hls_segment_type', fmp4 ? 'fmp4' : 'mpegts');
      if (fmp4) out.push('-hls_fmp4_init_filename', `${bare}-init.mp4`);
      out.push('-hls_segment_filename', join(dir, `${bare}-%d.${fmp4 ? 'm4s' : 'ts'}`));
      expect.push({ property: 'container', asked: `hls (${f} segments)`, value: 'hls', read: (m) => (m.formatName.split(',').includes('hls') ? 'hls' : m.formatName) });
    } else {
      out.push('-f', 'dash', '-seg_duration', String(seconds), '-init_seg_name', `${bare}-init-$RepresentationID$.$ext$`, '-media_seg_name', `${bare}-chunk-$RepresentationID$-$Number%05d$.$ext$`);
      expect.push({ property: 'container', asked: 'dash', value: 'dash', read: (m) => (m.formatName.split(',').includes('dash') ? 'dash' : m.formatName) });
    }
  } else {
    out.push('-f', container.muxer);
    expect.push({ property: 'container', asked: f, value: container.probed, read: (m) => (m.formatName.split(',').includes(container.probed) ? container.probed : m.formatName) });
  }

  return { args: [...BASE_ARGS, ...pre, '-i', input, ...out, output], output, ...(segments ? { segments } : {}), expect, notes };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function sizeExpectation(asked: string, w: number, h: number): Expectation {
  return { property: 'resolution', asked, value: `${w}x${h}`, read: (m) => (m.video ? `${m.video.width}x${m.video.height}` : undefined) };
}

function bitrateExpectation(property: string, rate: number, read: Expectation['read']): Expectation {
  return { property, asked: `${bits(rate)} ±${BITRATE_TOLERANCE * 100}%`, value: rate, tolerance: { rel: BITRATE_TOLERANCE }, read };
}

/** s, sopt, scaletype and arotate as one scale filter, and the resolution they give. */
function videoScale(head: Step, src: { width: number; height: number }, out: string[], expect: Expectation[], notes: string[]): void {
  const s = get(head, 's');
  if (!s) {
    expect.push(sizeExpectation('source', src.width, src.height));
    return;
  }
  let { w, h } = parseSize(s);
  // arotate_1: the box follows the source's orientation (a portrait source gets a portrait box)
  if (get(head, 'arotate') === '1' && w !== undefined && h !== undefined && (w > h) !== (src.width > src.height) && w !== h) {
    [w, h] = [h, w];
    notes.push(`arotate_1: the source is ${src.width > src.height ? 'landscape' : 'portrait'}, so s became ${w}x${h}`);
  }
  const lower = (w !== undefined && src.width < w) || (h !== undefined && src.height < h);
  const use = option(head, 'sopt', lower, `the source resolution ${src.width}x${src.height} is lower than s_${s}`);
  if (use === 'source') {
    notes.push(`sopt_1: the source's ${src.width}x${src.height} is kept (lower than s_${s})`);
    expect.push(sizeExpectation(`source ${src.width}x${src.height} (sopt_1)`, src.width, src.height));
    return;
  }
  if (w === undefined || h === undefined) {
    // one side: the other follows the aspect ratio, rounded to an even number as ffmpeg's -2 does
    const ow = w ?? Math.round((h! * src.width) / (src.height * 2)) * 2;
    const oh = h ?? Math.round((w! * src.height) / (src.width * 2)) * 2;
    out.push('-vf', `scale=${w ?? -2}:${h ?? -2},setsar=1`);
    expect.push(sizeExpectation(s, ow, oh));
    return;
  }
  const type = get(head, 'scaletype') ?? 'stretch';
  const filters: Record<string, string> = {
    stretch: `scale=${w}:${h}`,
    crop: `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h}`,
    fill: `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black`,
    fit: `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
  };
  out.push('-vf', `${filters[type] ?? filters.stretch},setsar=1`);
  if (type === 'fit') {
    const k = Math.min(w / src.width, h / src.height);
    const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);
    const fw = w / src.width <= h / src.height ? w : even(Math.round(src.width * k));
    const fh = w / src.width <= h / src.height ? even(Math.round(src.height * k)) : h;
    expect.push(sizeExpectation(`fit in ${w}x${h}`, even(fw), even(fh)));
  } else expect.push(sizeExpectation(`${w}x${h} (${type})`, w, h));
}

/** `video/snapshot`: one frame as JPG or PNG. */
export function planSnapshot(step: Step, source: MediaInfo, input: string, output: string): MediaPlan {
  const notes: string[] = [];
  const expect: Expectation[] = [];
  if (!source.video) throw new PreviewError('video/snapshot needs a video stream, and the input has none', 'InvalidFile');
  const f = get(step, 'f') ?? 'jpg';
  const pre: string[] = [];
  let t = (num(step, 't') ?? 0) / 1000;
  const lastFrame = Math.max(0, source.duration - 1 / (source.video.fps || 25));
  if (t > lastFrame) {
    notes.push(`t is past the last frame: the last frame (${round(lastFrame)} s) is taken, as the service does`);
    t = lastFrame;
  }
  if (get(step, 'm') === 'fast') pre.push('-noaccurate_seek');
  if (get(step, 'ar') !== 'auto') pre.push('-noautorotate');
  if (t > 0) pre.push('-ss', String(round(t)));
  const w = num(step, 'w') ?? 0;
  const h = num(step, 'h') ?? 0;
  const out: string[] = ['-frames:v', '1', '-an', '-sn'];
  const rotated = get(step, 'ar') === 'auto' && Math.abs(source.video.rotation) % 180 === 90;
  const sw = rotated ? source.video.height : source.video.width;
  const sh = rotated ? source.video.width : source.video.height;
  let ow = sw;
  let oh = sh;
  if (w > 0 || h > 0) {
    out.push('-vf', `scale=${w || -1}:${h || -1}`);
    ow = w || Math.round((h * sw) / sh);
    oh = h || Math.round((w * sh) / sw);
  }
  out.push('-c:v', f === 'png' ? 'png' : 'mjpeg', '-f', 'image2', '-update', '1');
  expect.push({ property: 'format', asked: f, value: f === 'png' ? 'png' : 'mjpeg', read: (m) => m.video?.codec });
  expect.push({ property: 'resolution', asked: w || h ? `${w}x${h}` : 'source', value: `${ow}x${oh}`, read: (m) => (m.video ? `${m.video.width}x${m.video.height}` : undefined) });
  return { args: [...BASE_ARGS, ...pre, '-i', input, ...out, output], output, expect, notes };
}
