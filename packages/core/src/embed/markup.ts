import { shiftRegion, sliceRegion, trimRegion, type EmbeddedRegion } from './region';
import { decodeXmlText } from './decode';
import { languageForFence, type HostLanguage } from './hosts';
import { finishRegions, hostQueryRegions, looksLikeProcessingString, type HostComment, type HostSegment, type ScanResult } from './scan';

/**
 * Markdown, HTML, XML and plain text: processing strings live in URLs there (`![](a.jpg?x-oss-process=…)`),
 * in Markdown code, and in OSS style XML (`<Content>image/resize,p_50</Content>`). Code blocks and script
 * elements in a known language are handed to that language's scanner.
 */
export type MarkupLanguage = 'markdown' | 'html' | 'xml' | 'text';

/** Scans a part of the host in another language (fenced code, script element). */
export type Delegate = (text: string, language: HostLanguage) => ScanResult | undefined;

interface Span {
  start: number;
  end: number;
}

function lineEndAt(text: string, p: number): number {
  const a = text.indexOf('\n', p);
  const e = a < 0 ? text.length : a;
  return e > p && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
}

function nextLine(text: string, p: number): number {
  const a = text.indexOf('\n', p);
  return a < 0 ? text.length : a + 1;
}

function addScan(into: ScanResult, sub: ScanResult | undefined, delta: number, segment: HostSegment): void {
  if (!sub) return;
  for (const r of sub.regions) into.regions.push(shiftRegion(r, delta));
  for (const c of sub.comments)
    into.comments.push({ start: c.start + delta, end: c.end + delta, contentStart: c.contentStart + delta, contentEnd: c.contentEnd + delta });
  into.segments!.push(segment);
  for (const s of sub.segments ?? []) into.segments!.push({ start: s.start + delta, end: s.end + delta, language: s.language });
}

/** `<!-- … -->` comments outside the given spans. */
function htmlComments(text: string, skip: (p: number) => boolean, out: HostComment[], spans: Span[]): void {
  let p = text.indexOf('<!--');
  while (p >= 0) {
    if (skip(p)) {
      p = text.indexOf('<!--', p + 4);
      continue;
    }
    const close = text.indexOf('-->', p + 4);
    const end = close < 0 ? text.length : close + 3;
    out.push({ start: p, end, contentStart: p + 4, contentEnd: close < 0 ? text.length : close });
    spans.push({ start: p, end });
    p = text.indexOf('<!--', end);
  }
}

/** Whether an offset is in one of the spans; answers in amortized O(1) for increasing offsets. */
function spanTest(spans: Span[]): (p: number) => boolean {
  // nested spans (a script inside a comment) merge, so one pointer walks them
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  let k = 0;
  return (p) => {
    if (k > 0 && merged[k - 1]!.end > p) k = 0;
    while (k < merged.length && merged[k]!.end <= p) k++;
    const s = merged[k];
    return s !== undefined && s.start <= p && p < s.end;
  };
}

/** Fenced code blocks of Markdown: [fence line start, content start, content end, block end, info]. */
interface Fence {
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
  info: string;
}

function fences(text: string): Fence[] {
  const out: Fence[] = [];
  let open: { start: number; contentStart: number; ch: number; len: number; info: string } | undefined;
  for (let ls = 0; ls < text.length; ls = nextLine(text, ls)) {
    const le = lineEndAt(text, ls);
    let p = ls;
    while (p < le && p - ls < 4 && text.charCodeAt(p) === 32) p++;
    if (p - ls > 3) continue;
    const ch = text.charCodeAt(p);
    if (ch !== 96 && ch !== 126) continue;
    let q = p;
    while (q < le && text.charCodeAt(q) === ch) q++;
    const len = q - p;
    if (len < 3) continue;
    if (!open) {
      const info = text.slice(q, le).trim();
      if (ch === 96 && info.includes('`')) continue;
      open = { start: ls, contentStart: nextLine(text, ls), ch, len, info };
    } else if (ch === open.ch && len >= open.len && text.slice(q, le).trim() === '') {
      out.push({ start: open.start, contentStart: open.contentStart, contentEnd: ls, end: le, info: open.info });
      open = undefined;
    }
  }
  if (open) out.push({ start: open.start, contentStart: Math.min(open.contentStart, text.length), contentEnd: text.length, end: text.length, info: open.info });
  return out;
}

/** Inline code spans of one line outside fences: matching backtick runs of equal length. */
function codeSpans(text: string, ls: number, le: number, out: EmbeddedRegion[]): void {
  const runs: Span[] = [];
  for (let p = ls; p < le; ) {
    if (text.charCodeAt(p) !== 96) {
      p++;
      continue;
    }
    let q = p;
    while (q < le && text.charCodeAt(q) === 96) q++;
    runs.push({ start: p, end: q });
    p = q;
  }
  if (runs.length < 2) return;
  // for each run length, the indices of its runs; an opener pairs with the next run of its length
  const byLen = new Map<number, number[]>();
  runs.forEach((r, i) => {
    const len = r.end - r.start;
    const list = byLen.get(len);
    if (list) list.push(i);
    else byLen.set(len, [i]);
  });
  const cursor = new Map<number, number>();
  let from = 0;
  for (let i = 0; i < runs.length; i++) {
    if (i < from) continue;
    const r = runs[i]!;
    const len = r.end - r.start;
    const list = byLen.get(len)!;
    let c = cursor.get(len) ?? 0;
    while (c < list.length && list[c]! <= i) c++;
    cursor.set(len, c);
    const j = list[c];
    if (j === undefined) continue;
    const region = trimRegion(sliceRegion(text, r.end, runs[j]!.start));
    if (region.text.length && looksLikeProcessingString(region.text)) out.push(region);
    from = j + 1;
  }
}

export function scanMarkup(text: string, lang: MarkupLanguage, delegate: Delegate): ScanResult {
  const result: ScanResult = { regions: [], comments: [], segments: [] };
  /** Spans the URL scan leaves alone: comments, scanned code, style contents. */
  const handled: Span[] = [];

  if (lang === 'text') {
    // text has no comment syntax; lines starting with # carry suppression directives
    for (let ls = 0; ls < text.length; ls = nextLine(text, ls)) {
      const le = lineEndAt(text, ls);
      let p = ls;
      while (p < le && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
      if (text.charCodeAt(p) === 35) result.comments.push({ start: p, end: le, contentStart: p + 1, contentEnd: le });
    }
  }

  if (lang === 'markdown') {
    const fenceList = fences(text);
    const inFence = spanTest(fenceList.map((f) => ({ start: f.start, end: f.end })));
    for (const f of fenceList) {
      const language = languageForFence(f.info);
      if (language) {
        addScan(result, delegate(text.slice(f.contentStart, f.contentEnd), language), f.contentStart, { start: f.contentStart, end: f.contentEnd, language });
        handled.push({ start: f.contentStart, end: f.contentEnd });
      } else {
        // an unnamed block (shell, HTTP, plain): lines that are processing strings
        for (let ls = f.contentStart; ls < f.contentEnd; ls = nextLine(text, ls)) {
          const r = trimRegion(sliceRegion(text, ls, Math.min(lineEndAt(text, ls), f.contentEnd)));
          if (r.text.length && looksLikeProcessingString(r.text)) result.regions.push(r);
        }
      }
    }
    htmlComments(text, inFence, result.comments, handled);
    const inComment = spanTest(result.comments.map((c) => ({ start: c.start, end: c.end })));
    // only lines holding a backtick; the next one is looked up once per passed backtick (linear overall)
    let tick = text.indexOf('`');
    for (let ls = 0; ls < text.length && tick >= 0; ls = nextLine(text, ls)) {
      if (tick < ls) tick = text.indexOf('`', ls);
      const le = lineEndAt(text, ls);
      if (tick < 0 || tick >= le || inFence(ls)) continue;
      const before = result.regions.length;
      codeSpans(text, ls, le, result.regions);
      // a code span inside an HTML comment is commented out
      for (let k = result.regions.length - 1; k >= before; k--) if (inComment(result.regions[k]!.range.start)) result.regions.splice(k, 1);
    }
  } else if (lang === 'html' || lang === 'xml') {
    htmlComments(text, () => false, result.comments, handled);
  }

  if (lang === 'html') {
    // <script> elements: JavaScript, TypeScript (lang="ts"), JSON
    const lower = text.toLowerCase();
    let p = lower.indexOf('<script');
    while (p >= 0) {
      const after = lower.charCodeAt(p + 7);
      const tagEnd = lower.indexOf('>', p);
      if (tagEnd < 0) break;
      if (!(after === 62 || after === 32 || after === 9 || after === 10 || after === 13 || after === 47) || lower.charCodeAt(tagEnd - 1) === 47) {
        p = lower.indexOf('<script', tagEnd);
        continue;
      }
      const attrs = lower.slice(p + 7, tagEnd);
      const close = lower.indexOf('</script', tagEnd);
      const cs = tagEnd + 1;
      const ce = close < 0 ? text.length : close;
      const type = /\btype\s*=\s*["']?([^"'\s>]+)/.exec(attrs)?.[1];
      const scriptLang = /\blang\s*=\s*["']?([^"'\s>]+)/.exec(attrs)?.[1];
      const language =
        scriptLang === 'ts' || scriptLang === 'tsx' || scriptLang === 'typescript'
          ? 'typescript'
          : !type || /javascript|ecmascript|module|babel|jsx/.test(type)
            ? 'javascript'
            : /json/.test(type)
              ? 'json'
              : undefined;
      if (language) {
        addScan(result, delegate(text.slice(cs, ce), language), cs, { start: cs, end: ce, language });
        handled.push({ start: cs, end: ce });
      }
      p = close < 0 ? -1 : lower.indexOf('<script', close);
    }
  }

  if (lang === 'xml') {
    // OSS style XML: <Style><Name>n</Name><Content>image/resize,p_50</Content></Style>
    let styleDepth = 0;
    let p = text.indexOf('<');
    while (p >= 0 && p < text.length) {
      if (text.startsWith('<!--', p)) {
        const close = text.indexOf('-->', p + 4);
        p = close < 0 ? -1 : text.indexOf('<', close + 3);
        continue;
      }
      if (text.startsWith('<![CDATA[', p)) {
        const close = text.indexOf(']]>', p + 9);
        p = close < 0 ? -1 : text.indexOf('<', close + 3);
        continue;
      }
      const nameEnd = (name: string): boolean => {
        const c = text.charCodeAt(p + name.length);
        return text.startsWith(name, p) && (c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13);
      };
      if (nameEnd('<Style')) styleDepth++;
      else if (nameEnd('</Style')) styleDepth = Math.max(0, styleDepth - 1);
      else if (nameEnd('<Content')) {
        const tagEnd = text.indexOf('>', p);
        if (tagEnd < 0) break;
        if (text.charCodeAt(tagEnd - 1) !== 47) {
          const close = text.indexOf('</Content', tagEnd);
          const ce = close < 0 ? text.length : close;
          const region = trimRegion(decodeXmlText(text, tagEnd + 1, ce));
          // inside <Style> every content is a processing string; elsewhere only what reads as one
          if (region.text.length && (styleDepth > 0 || looksLikeProcessingString(region.text))) {
            result.regions.push(region);
            handled.push({ start: tagEnd + 1, end: ce });
          }
          p = text.indexOf('<', close < 0 ? text.length : close + 1);
          continue;
        }
      }
      p = text.indexOf('<', p + 1);
    }
  }

  hostQueryRegions(text, result.regions, spanTest(handled), lang === 'markdown' || lang === 'text', lang === 'markdown');
  result.regions = finishRegions(result.regions);
  return result;
}
