import { actionNames, getProduct } from '../catalog';
import { sliceRegion, subRegion, type EmbeddedRegion } from './region';
import { decodeMarkdownText, percentDecode } from './decode';
import type { HostLanguage } from './hosts';
import type { Diagnostic } from '../check/diagnostic';
import type { StructureError } from '../presets/findings';

/** The products (first path segment) a processing string starts with. */
export const PROCESS_PRODUCTS = ['image', 'video', 'audio', 'doc', 'style', 'sys', 'hls'] as const;
export type ProcessProduct = (typeof PROCESS_PRODUCTS)[number];

const PRODUCTS: ReadonlySet<string> = new Set(PROCESS_PRODUCTS);

/**
 * MIME subtypes that, written alone after image/ video/ audio/, make a media type ("image/png"), not a
 * processing string; code is full of them (Content-Type headers, Go's image/png package).
 */
const MIME_SUBTYPES: ReadonlySet<string> = new Set(
  (
    'png jpeg jpg pjpeg gif webp bmp tiff tif avif heic heif heic-sequence heif-sequence apng ico icon jxl jp2 ' +
    'mp4 mpeg mp3 mpeg4 ogg webm quicktime wav wave aac flac opus midi 3gpp 3gpp2 mp2t matroska h264 h265 hevc ' +
    'av1 vp8 vp9 amr m4a basic raw any color draw'
  ).split(' '),
);

/** A file path's last segment (style/main.css) is not a style name. */
const FILE_EXTENSION = /\.(css|scss|sass|less|styl|m?js|cjs|tsx?|jsx|json|html?|xml|svg|png|jpe?g|gif|webp|md|txt|vue)$/i;

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 0xe000;
}

/**
 * Whether `s` reads as a processing string: after an optional `x-oss-process=` / `x-oss-async-process=`,
 * a known product and `/` (`image/resize,w_100`), or a HOLE followed by `|` or `/` (a format string such as
 * `%s|sys/saveas,…` whose first stage is a variable). Case-sensitive, as the service is.
 *
 * Beyond the product, the first action must look like an action name (letters, digits, `-`, `_`, starting
 * with a letter or a hole) and not be a media subtype: this keeps out paths (`image/logo.png`,
 * `video/2024/a.mp4`), media types (`image/png`, `image/svg+xml`, `video/*`, `image/png,image/jpeg`) and
 * bare prefixes (`startsWith('image/')`), which code is full of. (.ossproc lines and URL parameter values
 * are regions whatever they look like, so the checker still sees those.)
 */
export function looksLikeProcessingString(s: string): boolean {
  let p = 0;
  if (s.startsWith('x-oss-process=')) p = 14;
  else if (s.startsWith('x-oss-async-process=')) p = 20;
  if (s.charCodeAt(p) === 0xe000) {
    const n = s[p + 1];
    if (n === '|') return true;
    // `${product}/resize,w_100`: a hole for the product, then an action with its parameters; a path join
    // (`${base}/`, `${url}/latest/meta-data/`) or a format (`%s/%s (%s)`) has none, and may hold spaces
    return n === '/' && HOLE_PRODUCT_ACTION.test(s.slice(p + 2)) && !/\s/.test(s);
  }
  const slash = s.indexOf('/', p);
  if (slash < 0 || slash - p > 5 || !PRODUCTS.has(s.slice(p, slash))) return false;
  let e = slash + 1;
  while (e < s.length) {
    const c = s.charCodeAt(e);
    if (c === 44 || c === 47 || c === 124) break;
    e++;
  }
  const action = s.slice(slash + 1, e);
  // `startsWith('image/')` is in every upload form; `image/,w_1` is a processing string missing its action
  if (action === '') return e < s.length;
  if (s.startsWith('style', p)) {
    // style/<name>, style/::<built-in>; names are not documented beyond letters, digits, - _ .
    const name = action.startsWith('::') ? action.slice(2) : action;
    return /^[\w.\-\uE000]*$/.test(name) && !FILE_EXTENSION.test(name);
  }
  const first = action.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 0xe000)) return false;
  for (let i = 1; i < action.length; i++) if (!isNameChar(action.charCodeAt(i))) return false;
  // a media type, or a list of them (accept: 'image/png,image/jpeg'); no action is named like a subtype.
  // With a prefix the writer meant a processing string.
  const media = s.startsWith('image/') || s.startsWith('video/') || s.startsWith('audio/');
  if (media && (MIME_SUBTYPES.has(action.toLowerCase()) || /^(x|vnd)-/i.test(action))) return false;
  // a bare `image/word` is a media type (image/ief, video/ogv) unless the word is an action (image/info)
  if (media && e === s.length && !action.includes('\uE000')) return isActionOf(s.slice(p, slash), action.toLowerCase());
  return true;
}

/** After a hole standing for the product: an action name, then its parameters or the next stage. */
const HOLE_PRODUCT_ACTION = /^[A-Za-z\uE000][\w\-\uE000]*[,|]/;

function isActionOf(product: string, action: string): boolean {
  const spec = getProduct(product);
  return spec !== undefined && actionNames(spec).includes(action);
}

/**
 * `x-oss-process` values of another API than data processing: SelectObject's `csv/select`, `json/meta`
 * (https://help.aliyun.com/zh/oss/developer-reference/selectobject). They are left alone.
 */
function isSelectObject(t: string, start: number): boolean {
  return /^(csv|json)(\/|%2F)(select|meta)\b/i.test(t.slice(start, start + 16));
}

/** A comment in a host document; content excludes the delimiters (`//`, `#`, `/*`, `*\/`, `<!--`, `-->`). */
export interface HostComment {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
}

/** A part of a host written in another language (a fenced code block, an HTML script element). */
export interface HostSegment {
  start: number;
  end: number;
  language: HostLanguage;
}

export interface ScanResult {
  regions: EmbeddedRegion[];
  comments: HostComment[];
  segments?: HostSegment[];
  /** What a preset reader found about the file's shape (core/src/presets), at the rules' default severities. */
  findings?: Diagnostic[];
  /** The first syntax error of a JSON, YAML or XML file that does not parse. */
  fatal?: StructureError;
  /** A preset file's styles, name → processing string as the service reads it (absent: no styles table). */
  styles?: Map<string, string>;
}

function isValueEnd(c: number): boolean {
  // & # quotes ) ] < > and whitespace end a query value (] closes a Markdown link's text, as ) its destination)
  return (
    c === 38 || c === 35 || c === 34 || c === 39 || c === 96 || c === 41 || c === 93 || c === 60 || c === 62 ||
    c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000
  );
}

/** Characters that glue to a following `x-oss-process=` as part of another word. */
function isWordChar(c: number): boolean {
  return (isNameChar(c) && c !== 0xe000) || c === 46 || c === 37;
}

export interface QueryValue {
  /** Start and end of the value in `t`. */
  start: number;
  end: number;
  mode: 'sync' | 'async';
  /** Where to look for the next one. */
  next: number;
}

/**
 * The next `x-oss-process=` / `x-oss-async-process=` parameter value in `t` from `from`. In a URL the name
 * follows `?` or `&`; with `bare`, it may also stand at the start of a word (an HTTP body in prose). With
 * `prose`, sentence punctuation before a space or the end is not part of the value ("…,w_100.").
 */
export function nextQueryValue(t: string, from: number, bare: boolean, prose: boolean): QueryValue | undefined {
  let k = t.indexOf('x-oss-', from);
  while (k >= 0) {
    const len = t.startsWith('x-oss-process=', k) ? 14 : t.startsWith('x-oss-async-process=', k) ? 20 : 0;
    const prev = k > 0 ? t.charCodeAt(k - 1) : -1;
    if (len > 0 && (prev === 63 || prev === 38 || (bare && (prev < 0 || !isWordChar(prev))))) {
      const start = k + len;
      let e = start;
      while (e < t.length && !isValueEnd(t.charCodeAt(e))) e++;
      let end = e;
      if (prose && (e === t.length || !'&#\'"`)<>'.includes(t[e]!))) while (end > start && '.,;:!?'.includes(t[end - 1]!)) end--;
      return { start, end, mode: len === 14 ? 'sync' : 'async', next: Math.max(e, k + 6) };
    }
    k = t.indexOf('x-oss-', k + 6);
  }
  return undefined;
}

/** Every query value in the region (a URL in a JSON string or a code literal), percent-decoded. */
export function queryRegions(r: EmbeddedRegion, out: EmbeddedRegion[], bare = false, prose = false): void {
  let from = 0;
  for (;;) {
    const q = nextQueryValue(r.text, from, bare, prose);
    if (!q) return;
    from = q.next;
    // a value that is only code (`?x-oss-process=${p}`) holds nothing to check; its literals are values of their own
    if (q.end > q.start && !onlyHoles(r.text, q.start, q.end) && !isSelectObject(r.text, q.start)) {
      const v = percentDecode(subRegion(r, q.start, q.end));
      out.push({ ...v, mode: q.mode });
    }
  }
}

function onlyHoles(t: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (t.charCodeAt(i) !== 0xe000) return false;
  return true;
}

/**
 * Every query value in host text, without building offsets for the whole text. In Markdown prose (`markdown`)
 * backslash escapes are undone first, as the page renders them.
 */
export function hostQueryRegions(host: string, out: EmbeddedRegion[], skip: (offset: number) => boolean, prose: boolean, markdown = false): void {
  let from = 0;
  for (;;) {
    const q = nextQueryValue(host, from, true, prose);
    if (!q) return;
    from = q.next;
    if (q.end > q.start && !skip(q.start) && !isSelectObject(host, q.start)) {
      const v = percentDecode(markdown ? decodeMarkdownText(host, q.start, q.end) : sliceRegion(host, q.start, q.end));
      out.push({ ...v, mode: q.mode });
    }
  }
}

/**
 * What a string value holds: the whole value when it reads as a processing string, else the values of the
 * processing parameters of a URL in it.
 */
export function selectRegions(r: EmbeddedRegion, out: EmbeddedRegion[]): void {
  // a URL's query holds the string, even after code (`base + '/' + key + '?x-oss-process=…'` starts with a hole)
  if (r.text.includes('?x-oss-') || r.text.includes('&x-oss-')) queryRegions(r, out);
  else if (looksLikeProcessingString(r.text)) out.push(r);
  else if (r.text.includes('x-oss-')) queryRegions(r, out);
}

/** Sorted by start; a region overlapping an earlier one is dropped (a URL found twice by two scans). */
export function finishRegions(regions: EmbeddedRegion[]): EmbeddedRegion[] {
  regions.sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const out: EmbeddedRegion[] = [];
  let end = -1;
  for (const r of regions) {
    if (out.length && r.range.start < end) continue;
    out.push(r);
    end = Math.max(end, r.range.end);
  }
  return out;
}
