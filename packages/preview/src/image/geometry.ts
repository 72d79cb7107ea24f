/**
 * The documented size rules of OSS image actions as pure functions of the source size, so that the sizes the
 * preview produces can be stated (and tested) apart from the library that draws them.
 */

export interface Size {
  width: number;
  height: number;
}

export interface ResizeArgs {
  m: string;
  w?: number;
  h?: number;
  l?: number;
  s?: number;
  p?: number;
  limit: boolean;
}

/** What resize does: the scaled picture's size, and the canvas it ends on (pad adds borders, fill crops). */
export interface ResizePlan {
  /** The picture scaled to this size… */
  scaled: Size;
  /** …then cropped from the centre (fill) or padded to the centre (pad) to this size. */
  canvas: Size;
  /** `limit_1` and an enlarging target: the source is returned unchanged. */
  unchanged: boolean;
}

const r = Math.round;
const atLeast1 = (n: number) => Math.max(1, r(n));

/**
 * resize: `p` scales by percent; otherwise `w`/`h` with mode `m` (lfit by default), or `l`/`s` (the long and
 * short side: alone they scale that side, together they form a box oriented like the image and `m` applies).
 * With `limit_1` (the default) a target larger than the source returns the source as it is.
 */
export function resizePlan(src: Size, a: ResizeArgs): ResizePlan {
  const same = { scaled: src, canvas: src, unchanged: true };
  if (a.p !== undefined && a.w === undefined && a.h === undefined && a.l === undefined && a.s === undefined) {
    const size = { width: atLeast1((src.width * a.p) / 100), height: atLeast1((src.height * a.p) / 100) };
    return { scaled: size, canvas: size, unchanged: false };
  }
  let w = a.w;
  let h = a.h;
  let m = a.m;
  if (w === undefined && h === undefined) {
    const landscape = src.width >= src.height;
    if (a.l !== undefined && a.s !== undefined) {
      w = landscape ? a.l : a.s;
      h = landscape ? a.s : a.l;
    } else if (a.l !== undefined) {
      // only the long side: it becomes l, the mode does not apply
      m = 'lfit';
      if (landscape) w = a.l;
      else h = a.l;
    } else if (a.s !== undefined) {
      m = 'lfit';
      if (landscape) h = a.s;
      else w = a.s;
    } else return same;
  }
  if (m === 'fixed') {
    const size = { width: w ?? src.width, height: h ?? src.height };
    if (a.limit && (size.width > src.width || size.height > src.height)) return same;
    return { scaled: size, canvas: size, unchanged: false };
  }
  // one side alone: the other follows the ratio, whatever the mode
  if (w === undefined || h === undefined) {
    const k = w !== undefined ? w / src.width : h! / src.height;
    if (a.limit && k > 1) return same;
    const size = { width: w ?? atLeast1(src.width * k), height: h ?? atLeast1(src.height * k) };
    return { scaled: size, canvas: size, unchanged: false };
  }
  const kw = w / src.width;
  const kh = h / src.height;
  const cover = m === 'mfit' || m === 'fill';
  const k = cover ? Math.max(kw, kh) : Math.min(kw, kh);
  if (a.limit && k > 1) return same;
  // the side that decides is exact; the other follows the ratio
  const scaled = {
    width: (cover ? kw >= kh : kw <= kh) ? w : atLeast1(src.width * k),
    height: (cover ? kh >= kw : kh <= kw) ? h : atLeast1(src.height * k),
  };
  if (m === 'fill' || m === 'pad') return { scaled, canvas: { width: w, height: h }, unchanged: false };
  return { scaled, canvas: scaled, unchanged: false };
}

/** The nine anchors of crop and watermark, as fractions of the free space (0 left/top, ½ centre, 1 right/bottom). */
export const ANCHORS: Record<string, [number, number]> = {
  nw: [0, 0],
  north: [0.5, 0],
  ne: [1, 0],
  west: [0, 0.5],
  center: [0.5, 0.5],
  east: [1, 0.5],
  sw: [0, 1],
  south: [0.5, 1],
  se: [1, 1],
};

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * crop: the image is a 3x3 grid and `g` picks the cell whose top-left corner is the origin; `x`/`y` move the
 * origin right and down; `w`/`h` default to (and are cut at) the image's edge. Undefined when the origin lies
 * outside the image (the service's "Advance cut's position is out of image").
 */
export function cropRect(src: Size, a: { x: number; y: number; w?: number; h?: number; g?: string }): Rect | undefined {
  const [fx, fy] = ANCHORS[a.g ?? 'nw'] ?? [0, 0];
  const left = Math.floor((src.width * fx * 2) / 3) + a.x;
  const top = Math.floor((src.height * fy * 2) / 3) + a.y;
  if (left >= src.width || top >= src.height) return undefined;
  const width = Math.min(a.w && a.w > 0 ? a.w : src.width, src.width - left);
  const height = Math.min(a.h && a.h > 0 ? a.h : src.height, src.height - top);
  return { left, top, width, height };
}

/** indexcrop: strips `x` wide (or `y` high; `y` wins when both) and strip `i`; undefined past the last strip. */
export function indexCropRect(src: Size, a: { x?: number; y?: number; i: number }): Rect | undefined {
  if (a.y !== undefined) {
    const top = a.y * a.i;
    if (top >= src.height || a.i < 0) return undefined;
    return { left: 0, top, width: src.width, height: Math.min(a.y, src.height - top) };
  }
  if (a.x === undefined) return undefined;
  const left = a.x * a.i;
  if (left >= src.width || a.i < 0) return undefined;
  return { left, top: 0, width: Math.min(a.x, src.width - left), height: src.height };
}

/** circle: the radius is cut to half the shorter side; the result is the circle's square, 2r x 2r, from the centre. */
export function circleRect(src: Size, radius: number): Rect & { r: number } {
  const rr = Math.min(radius, Math.floor(Math.min(src.width, src.height) / 2));
  return { left: Math.floor(src.width / 2) - rr, top: Math.floor(src.height / 2) - rr, width: 2 * rr, height: 2 * rr, r: rr };
}

/** rounded-corners: the radius is cut to half the shorter side; the size stays. */
export function cornerRadius(src: Size, radius: number): number {
  return Math.min(radius, Math.floor(Math.min(src.width, src.height) / 2));
}

/** rotate: the canvas that holds the image turned by `deg` clockwise (right angles swap the sides). */
export function rotatedSize(src: Size, deg: number): Size {
  const a = ((deg % 360) + 360) % 360;
  if (a === 0 || a === 180) return src;
  if (a === 90 || a === 270) return { width: src.height, height: src.width };
  const rad = (a * Math.PI) / 180;
  const c = Math.abs(Math.cos(rad));
  const s = Math.abs(Math.sin(rad));
  return { width: r(src.width * c + src.height * s), height: r(src.width * s + src.height * c) };
}

/**
 * watermark position: `g` is the anchor, `x`/`y` the margins from the nearest edges (ignored along a centred
 * axis), `voffset` moves a west/center/east watermark up (positive) or down from the middle line.
 */
export function watermarkPosition(base: Size, mark: Size, a: { g: string; x: number; y: number; voffset: number }): { left: number; top: number } {
  const [fx, fy] = ANCHORS[a.g] ?? [1, 1];
  const left = fx === 0 ? a.x : fx === 1 ? base.width - mark.width - a.x : Math.floor((base.width - mark.width) / 2);
  let top = fy === 0 ? a.y : fy === 1 ? base.height - mark.height - a.y : Math.floor((base.height - mark.height) / 2);
  if (fy === 0.5) top -= a.voffset;
  return { left, top };
}
