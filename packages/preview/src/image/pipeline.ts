import { readBase64 } from '@ossproc/core';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import sharp, { type Metadata, type OverlayOptions, type Sharp } from 'sharp';
import type { Check } from '../media/verify';
import { insideFolder } from '../paths';
import { get, num, positional, PreviewError, readRequest, type Step } from '../request';
import { decodeBmp, encodeBmp } from './bmp';
import { circleRect, cornerRadius, cropRect, indexCropRect, resizePlan, rotatedSize, watermarkPosition, type Size } from './geometry';
import { jpegQuality } from './jpeg';

/**
 * image/* actions with sharp (libvips). Each step works on raw RGB(A) pixels and hands raw pixels on, so the
 * sizes of every step are exact and stated (geometry.ts); the chosen format is encoded once at the end, and
 * the encoded image is read back for the table.
 */
export interface ImageResult {
  data?: Buffer;
  contentType: string;
  json?: unknown;
  checks: Check[];
  notes: string[];
}

interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

interface State {
  img: Raw;
  /** The output format, as OSS names it (jpg, png, webp, bmp, gif, tiff, avif, heic). */
  format: string;
  sourceFormat: string;
  sourceBytes: number;
  sourceQuality?: number;
  orientation?: number;
  quality?: number;
  progressive: boolean;
  json?: unknown;
  notes: string[];
  /** Where the objects of watermark `image_` keys are read from. */
  root: string;
  /** Inside a watermark image's own string: the image it is drawn on (for `P`). */
  base?: Size;
  /** Steps run so far: info after other steps measures the image as they left it. */
  steps: number;
}

export const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  bmp: 'image/bmp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heic: 'image/heic',
  json: 'application/json',
};

const SHARP_FORMATS: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', tiff: 'tiff', heif: 'heic', avif: 'avif', svg: 'png', raw: 'png' };

function extFormat(file: string): string {
  const e = extname(file).slice(1).toLowerCase();
  return e === 'jpeg' ? 'jpg' : e === 'tif' ? 'tiff' : e;
}

/** The extension of what an image string produces: the last format step, JSON for info, else the source's. */
export function imageExtension(steps: readonly Step[], input: string): string {
  let ext = extFormat(input) || 'jpg';
  for (const s of steps) {
    if (s.action === 'format') ext = positional(s) ?? ext;
    if (s.action === 'info' || s.action === 'average-hue') return 'json';
  }
  return ext;
}

async function fromSharp(s: Sharp): Promise<Raw> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 3 | 4 };
}

const toSharp = (r: Raw) => sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } });

async function withAlpha(r: Raw): Promise<Raw> {
  return r.channels === 4 ? r : fromSharp(toSharp(r).ensureAlpha());
}

async function load(bytes: Buffer, root: string): Promise<State> {
  const state = (img: Raw, format: string, extra: Partial<State> = {}): State => ({ img, format, sourceFormat: format, sourceBytes: bytes.length, progressive: false, notes: [], root, steps: 0, ...extra });
  const bmp = decodeBmp(bytes);
  if (bmp) return state({ data: bmp.pixels, width: bmp.width, height: bmp.height, channels: bmp.channels }, 'bmp');
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new PreviewError('the source is not an image sharp can read (JPG, PNG, WebP, GIF, TIFF, AVIF, uncompressed BMP)', 'InvalidFile');
  }
  let format = SHARP_FORMATS[meta.format ?? ''] ?? 'png';
  if (meta.format === 'heif' && meta.compression === 'av1') format = 'avif';
  const pipeline = sharp(bytes).toColourspace('srgb');
  const img = await fromSharp(meta.hasAlpha ? pipeline.ensureAlpha() : pipeline.removeAlpha());
  const extra: Partial<State> = {};
  if (meta.orientation) extra.orientation = meta.orientation;
  if (format === 'jpg') {
    const q = jpegQuality(bytes);
    if (q !== undefined) extra.sourceQuality = q;
  }
  return state(img, format, extra);
}

/** Runs image steps on a file; `root` is the bucket folder that watermark `image_` keys are read from. */
export async function processImage(steps: readonly Step[], input: string, options: { root: string }): Promise<ImageResult> {
  const st = await load(readFileSync(input), options.root);
  await runSteps(st, steps);
  return finish(st);
}

async function runSteps(st: State, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    if (step.product !== 'image') throw new PreviewError(`${step.product}/${step.action} cannot follow image steps`, 'InvalidArgument');
    const op = OPS[step.action];
    if (!op) throw new PreviewError(`image/${step.action} cannot run locally`, 'Unsupported');
    await op(st, step);
    st.steps++;
  }
}

type Op = (st: State, step: Step) => Promise<void>;

const OPS: Record<string, Op> = {
  async resize(st, step) {
    const src = { width: st.img.width, height: st.img.height };
    const P = num(step, 'P');
    let w = num(step, 'w');
    let h = num(step, 'h');
    if (P !== undefined && st.base) {
      // a watermark image's P: a percentage of the base image, the ratio kept
      const k = Math.min((st.base.width * P) / 100 / src.width, (st.base.height * P) / 100 / src.height);
      w = Math.max(1, Math.round(src.width * k));
      h = Math.max(1, Math.round(src.height * k));
    }
    const args = { m: get(step, 'm') ?? 'lfit', limit: get(step, 'limit') !== '0' && P === undefined } as Parameters<typeof resizePlan>[1];
    if (w !== undefined) args.w = w;
    if (h !== undefined) args.h = h;
    for (const k of ['l', 's', 'p'] as const) {
      const v = num(step, k);
      if (v !== undefined) args[k] = v;
    }
    const plan = resizePlan(src, args);
    if (plan.unchanged) {
      st.notes.push('resize: the target is larger than the source and limit_1 (the default) returns the source as it is');
      return;
    }
    let img = await fromSharp(toSharp(st.img).resize(plan.scaled.width, plan.scaled.height, { fit: 'fill' }));
    const { width: cw, height: ch } = plan.canvas;
    if (cw < img.width || ch < img.height) {
      img = await fromSharp(toSharp(img).extract({ left: Math.floor((img.width - cw) / 2), top: Math.floor((img.height - ch) / 2), width: Math.min(cw, img.width), height: Math.min(ch, img.height) }));
    }
    if (cw > img.width || ch > img.height) {
      const color = `#${get(step, 'color') ?? 'FFFFFF'}`;
      const left = Math.floor((cw - img.width) / 2);
      const top = Math.floor((ch - img.height) / 2);
      img = await fromSharp(toSharp(img).extend({ left, right: cw - img.width - left, top, bottom: ch - img.height - top, background: color }));
    }
    st.img = img;
  },

  async crop(st, step) {
    const g = get(step, 'g');
    if (g === 'face' || g === 'auto') throw new PreviewError(`crop g_${g} needs IMM's detection and cannot run locally`, 'Unsupported');
    const a = { x: num(step, 'x') ?? 0, y: num(step, 'y') ?? 0 } as Parameters<typeof cropRect>[1];
    const w = num(step, 'w');
    const h = num(step, 'h');
    if (w !== undefined) a.w = w;
    if (h !== undefined) a.h = h;
    if (g) a.g = g;
    const rect = cropRect(st.img, a);
    if (!rect) throw new PreviewError("Advance cut's position is out of image.", 'BadRequest');
    st.img = await fromSharp(toSharp(st.img).extract(rect));
  },

  async indexcrop(st, step) {
    const a = { i: num(step, 'i') ?? 0 } as Parameters<typeof indexCropRect>[1];
    const x = num(step, 'x');
    const y = num(step, 'y');
    if (x !== undefined) a.x = x;
    if (y !== undefined) a.y = y;
    const rect = indexCropRect(st.img, a);
    if (!rect) {
      st.notes.push('indexcrop: the index is past the last strip, so the image is returned as it is (as the service does)');
      return;
    }
    st.img = await fromSharp(toSharp(st.img).extract(rect));
  },

  async circle(st, step) {
    const c = circleRect(st.img, num(step, 'r') ?? Math.floor(Math.min(st.img.width, st.img.height) / 2));
    const img = await withAlpha(await fromSharp(toSharp(st.img).extract(c)));
    const mask = Buffer.from(`<svg width="${c.width}" height="${c.height}"><circle cx="${c.r}" cy="${c.r}" r="${c.r}" fill="#fff"/></svg>`);
    st.img = await fromSharp(toSharp(img).composite([{ input: mask, blend: 'dest-in' }]));
  },

  async 'rounded-corners'(st, step) {
    const r = cornerRadius(st.img, num(step, 'r') ?? 0);
    const { width, height } = st.img;
    const img = await withAlpha(st.img);
    const mask = Buffer.from(`<svg width="${width}" height="${height}"><rect width="${width}" height="${height}" rx="${r}" ry="${r}" fill="#fff"/></svg>`);
    st.img = await fromSharp(toSharp(img).composite([{ input: mask, blend: 'dest-in' }]));
  },

  async rotate(st, step) {
    const deg = Number(positional(step) ?? 0) % 360;
    if (!deg) return;
    const expected = rotatedSize(st.img, deg);
    let img = await fromSharp(toSharp(st.img).rotate(deg, { background: st.img.channels === 4 ? { r: 255, g: 255, b: 255, alpha: 0 } : '#ffffff' }));
    // libvips may round the turned canvas one pixel differently: hold it to the stated size
    if (img.width !== expected.width || img.height !== expected.height) img = await fromSharp(toSharp(img).resize(expected.width, expected.height, { fit: 'contain', background: '#ffffff' }));
    st.img = img;
  },

  async 'auto-orient'(st, step) {
    if (positional(step) !== '1' || !st.orientation || st.orientation === 1) return;
    const o = st.orientation;
    let s = toSharp(st.img);
    // EXIF orientations 2–8: mirror first, then turn clockwise
    if (o === 2 || o === 4 || o === 5 || o === 7) s = o === 4 ? s.flip() : s.flop();
    const turn = { 3: 180, 5: 270, 6: 90, 7: 90, 8: 270 }[o as 3 | 5 | 6 | 7 | 8];
    st.img = await fromSharp(turn ? sharp(await s.raw().toBuffer(), { raw: { width: st.img.width, height: st.img.height, channels: st.img.channels } }).rotate(turn) : s);
    st.orientation = 1;
  },

  async blur(st, step) {
    const s = num(step, 's') ?? 1;
    st.img = await fromSharp(toSharp(st.img).blur(Math.max(0.3, s)));
    st.notes.push('blur: libvips derives the kernel radius from s (the standard deviation); r is not used locally');
  },

  async bright(st, step) {
    const v = Number(positional(step) ?? 0);
    st.img = await fromSharp(linear(st.img, 1, (v * 255) / 100));
  },

  async contrast(st, step) {
    const a = (100 + Number(positional(step) ?? 0)) / 100;
    st.img = await fromSharp(linear(st.img, a, 128 * (1 - a)));
  },

  async sharpen(st, step) {
    st.img = await fromSharp(toSharp(st.img).sharpen({ sigma: Math.max(0.5, Number(positional(step) ?? 100) / 100) }));
  },

  async format(st, step) {
    const f = positional(step);
    if (f) st.format = f;
  },

  async quality(st, step) {
    const Q = num(step, 'Q');
    const q = num(step, 'q');
    if (Q !== undefined) st.quality = Q;
    else if (q !== undefined) {
      // relative to the source's quality for a JPEG source; absolute otherwise (the documented WebP behaviour)
      st.quality = st.sourceFormat === 'jpg' && st.sourceQuality ? Math.max(1, Math.round((st.sourceQuality * q) / 100)) : q;
      if (st.sourceFormat === 'jpg' && st.sourceQuality) st.notes.push(`quality q_${q}: the source's quality is about ${st.sourceQuality}, so the output's is ${st.quality}`);
    }
  },

  async interlace(st, step) {
    st.progressive = positional(step) === '1';
  },

  async watermark(st, step) {
    await watermark(st, step);
  },

  async info(st) {
    const bytes = st.steps > 0 ? (await encode(st)).length : st.sourceBytes;
    const json: Record<string, { value: string }> = {
      FileSize: { value: String(bytes) },
      Format: { value: st.format },
      ImageHeight: { value: String(st.img.height) },
      ImageWidth: { value: String(st.img.width) },
    };
    if (st.orientation) json.Orientation = { value: String(st.orientation) };
    st.json = json;
  },

  async 'average-hue'(st) {
    const stats = await toSharp(st.img).stats();
    const hex = stats.channels
      .slice(0, 3)
      .map((c) => Math.round(c.mean).toString(16).padStart(2, '0'))
      .join('');
    st.json = { RGB: `0x${hex}` };
  },
};

function linear(img: Raw, a: number, b: number): Sharp {
  const n = img.channels;
  return toSharp(img).linear(
    Array.from({ length: n }, (_, i) => (i < 3 ? a : 1)),
    Array.from({ length: n }, (_, i) => (i < 3 ? b : 0)),
  );
}

// ---------------------------------------------------------------------------------------------------------
// watermarks
// ---------------------------------------------------------------------------------------------------------

const FONTS: Record<string, string> = {
  'wqy-zenhei': 'WenQuanYi Zen Hei',
  'wqy-microhei': 'WenQuanYi Micro Hei',
  fangzhengshusong: 'FZShuSong',
  fangzhengkaiti: 'FZKai',
  fangzhengheiti: 'FZHei',
  fangzhengfangsong: 'FZFangSong',
  droidsansfallback: 'Droid Sans Fallback',
};

function decoded(step: Step, key: string): string | undefined {
  const v = step.params.get(key);
  return v === undefined ? undefined : readBase64(v).text;
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function textMark(step: Step, notes: string[]): Promise<Raw> {
  const text = decoded(step, 'text') ?? '';
  const font = readBase64(get(step, 'type') ?? '').text ?? 'wqy-zenhei';
  const size = num(step, 'size') ?? 40;
  const color = get(step, 'color') ?? '000000';
  // fontconfig substitutes a font that is not installed (the service's Chinese fonts usually are not)
  const family = FONTS[font] ?? font;
  let img = await withAlpha(await fromSharp(sharp({ text: { text: `<span foreground="#${color}">${escapeMarkup(text)}</span>`, font: `${family} ${size}`, dpi: 72, rgba: true } })));
  const shadow = num(step, 'shadow') ?? 0;
  if (shadow > 0) {
    // a dark copy, shadow% opaque, 2 px down and right, under the text
    const off = 2;
    const dark = Buffer.from(img.data);
    for (let i = 0; i < dark.length; i += 4) (dark[i] = 0), (dark[i + 1] = 0), (dark[i + 2] = 0), (dark[i + 3] = Math.round((dark[i + 3]! * shadow) / 100));
    const canvas = sharp({ create: { width: img.width + off, height: img.height + off, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } });
    img = await fromSharp(
      canvas.composite([
        { input: dark, raw: { width: img.width, height: img.height, channels: 4 }, left: off, top: off },
        { input: img.data, raw: { width: img.width, height: img.height, channels: 4 }, left: 0, top: 0 },
      ]),
    );
  }
  const rotate = num(step, 'rotate') ?? 0;
  if (rotate % 360) img = await fromSharp(toSharp(img).rotate(rotate, { background: { r: 0, g: 0, b: 0, alpha: 0 } }));
  if (!FONTS[font]) notes.push(`watermark: font '${font}' is not one of the service's fonts`);
  return img;
}

async function imageMark(st: State, step: Step): Promise<Raw> {
  const ref = decoded(step, 'image') ?? '';
  const q = ref.indexOf('?');
  const key = q < 0 ? ref : ref.slice(0, q);
  const query = q < 0 ? '' : ref.slice(q + 1);
  const process = /^x-oss-process=(.*)$/.exec(query)?.[1];
  // the key is a bucket key: inside the root, never outside (preview.ts's rule)
  const file = insideFolder(st.root, key);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new PreviewError(`watermark image '${key}' is not in the bucket`, 'WatermarkError');
  }
  const inner = await load(bytes, st.root);
  inner.base = { width: st.img.width, height: st.img.height };
  if (process) {
    const nested = readRequest(process, { nested: true });
    if (nested.errors.length) throw new PreviewError(`watermark image's processing string: ${nested.errors[0]!.message}`, 'WatermarkError');
    await runSteps(inner, nested.steps);
  }
  return withAlpha(inner.img);
}

async function watermark(st: State, step: Step): Promise<void> {
  const hasImage = step.params.has('image');
  const hasText = step.params.has('text');
  let mark: Raw;
  if (hasImage && hasText) {
    const [image, text] = [await imageMark(st, step), await textMark(step, st.notes)];
    mark = await side(get(step, 'order') === '1' ? [text, image] : [image, text], Number(get(step, 'align') ?? 2), num(step, 'interval') ?? 0);
  } else if (hasImage) mark = await imageMark(st, step);
  else mark = await textMark(step, st.notes);
  const t = num(step, 't') ?? 100;
  if (t < 100) for (let i = 3; i < mark.data.length; i += 4) mark.data[i] = Math.round((mark.data[i]! * t) / 100);
  const base = await withAlpha(st.img);
  const layers: OverlayOptions[] = [];
  const place = (left: number, top: number) => {
    // the part of the mark that lies on the base (sharp composites only what fits)
    const x0 = Math.max(0, left);
    const y0 = Math.max(0, top);
    const x1 = Math.min(base.width, left + mark.width);
    const y1 = Math.min(base.height, top + mark.height);
    if (x1 <= x0 || y1 <= y0) return;
    layers.push({ input: cut(mark, x0 - left, y0 - top, x1 - x0, y1 - y0), raw: { width: x1 - x0, height: y1 - y0, channels: 4 }, left: x0, top: y0 });
  };
  if (get(step, 'fill') === '1') {
    const stepX = mark.width + (num(step, 'padx') ?? 0);
    const stepY = mark.height + (num(step, 'pady') ?? 0);
    for (let y = 0; y < base.height; y += Math.max(1, stepY)) for (let x = 0; x < base.width; x += Math.max(1, stepX)) place(x, y);
  } else {
    const pos = watermarkPosition(base, mark, { g: get(step, 'g') ?? 'se', x: num(step, 'x') ?? 10, y: num(step, 'y') ?? 10, voffset: num(step, 'voffset') ?? 0 });
    place(pos.left, pos.top);
  }
  const out = await fromSharp(toSharp(base).composite(layers));
  st.img = st.img.channels === 3 ? await fromSharp(toSharp(out).removeAlpha()) : out;
}

/** A rectangle of raw RGBA pixels. */
function cut(r: Raw, left: number, top: number, width: number, height: number): Buffer {
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) r.data.copy(out, y * width * 4, ((top + y) * r.width + left) * 4, ((top + y) * r.width + left + width) * 4);
  return out;
}

/** Two marks side by side: `align` 0 top, 1 middle, 2 bottom; `interval` pixels between them. */
async function side(parts: [Raw, Raw], align: number, interval: number): Promise<Raw> {
  const [a, b] = parts;
  const height = Math.max(a.height, b.height);
  const top = (r: Raw) => (align === 0 ? 0 : align === 1 ? Math.floor((height - r.height) / 2) : height - r.height);
  return fromSharp(
    sharp({ create: { width: a.width + interval + b.width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([
      { input: a.data, raw: { width: a.width, height: a.height, channels: 4 }, left: 0, top: top(a) },
      { input: b.data, raw: { width: b.width, height: b.height, channels: 4 }, left: a.width + interval, top: top(b) },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------
// output
// ---------------------------------------------------------------------------------------------------------

/** Encodes the state in its format; formats without alpha are flattened on white, as the service fills them. */
async function encode(st: State): Promise<Buffer> {
  const f = st.format;
  const opaque = f === 'jpg';
  let s = toSharp(st.img);
  if (opaque && st.img.channels === 4) s = s.flatten({ background: '#ffffff' });
  const quality = st.quality ?? (f === 'jpg' && st.sourceFormat === 'jpg' ? st.sourceQuality : undefined);
  const q = quality !== undefined ? { quality } : {};
  switch (f) {
    case 'jpg':
      return s.jpeg({ ...q, progressive: st.progressive }).toBuffer();
    case 'png':
      return s.png({ progressive: st.progressive }).toBuffer();
    case 'webp':
      return s.webp(q).toBuffer();
    case 'gif':
      return s.gif().toBuffer();
    case 'tiff':
      return s.tiff(q).toBuffer();
    case 'avif':
      return s.avif(q).toBuffer();
    case 'heic':
      try {
        return await s.heif({ compression: 'hevc', ...q }).toBuffer();
      } catch {
        throw new PreviewError("format heic: this sharp's libvips has no HEVC encoder (prebuilt sharp ships AVIF only); use format,avif to preview", 'Unsupported');
      }
    case 'bmp':
      return encodeBmp(st.img.data, st.img.width, st.img.height, st.img.channels);
    default:
      throw new PreviewError(`format ${f} is not an image format this preview writes`, 'Unsupported');
  }
}

async function finish(st: State): Promise<ImageResult> {
  if (st.json !== undefined) return { contentType: CONTENT_TYPES.json!, json: st.json, checks: [], notes: st.notes };
  const data = await encode(st);
  const checks: Check[] = [];
  // read the encoded image back: its size and format, and for JPEG its quality and scan mode
  let got: { width: number; height: number; format: string; progressive?: boolean };
  if (st.format === 'bmp') {
    const b = decodeBmp(data)!;
    got = { width: b.width, height: b.height, format: 'bmp' };
  } else {
    const m = await sharp(data).metadata();
    const format = m.format === 'heif' ? (m.compression === 'av1' ? 'avif' : 'heic') : SHARP_FORMATS[m.format ?? ''] ?? String(m.format);
    got = { width: m.width ?? 0, height: m.height ?? 0, format, progressive: !!m.isProgressive };
  }
  const size = `${st.img.width}x${st.img.height}`;
  checks.push({ property: 'resolution', asked: size, got: `${got.width}x${got.height}`, ok: `${got.width}x${got.height}` === size });
  checks.push({ property: 'format', asked: st.format, got: got.format, ok: got.format === st.format });
  if (st.format === 'jpg' && st.quality !== undefined) {
    const q = jpegQuality(data);
    checks.push({ property: 'quality', asked: `${st.quality} (±2)`, got: String(q ?? '?'), ok: q !== undefined && Math.abs(q - st.quality) <= 2 });
  }
  if (st.format === 'jpg' && st.progressive) checks.push({ property: 'interlace', asked: 'progressive', got: got.progressive ? 'progressive' : 'baseline', ok: !!got.progressive });
  return { data, contentType: CONTENT_TYPES[st.format] ?? 'application/octet-stream', checks, notes: st.notes };
}
