import { nextQueryValue } from './scan';

/**
 * A pasted URL where one processing string is expected (an .ossproc line, standard input, `explain`): a full
 * `https://bucket.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_100&x-oss-date=…`, a query
 * (`?x-oss-process=…`, `a.jpg?x-oss-process=…`) or a parameter followed by others (`x-oss-process=…&…`).
 * Gives the span of the processing parameter in `text[start, end)`, its name included
 * (`x-oss-process=image/resize,w_100`): the parser reads the name as the string's prefix, so the string is
 * checked in the mode the parameter names, and undoes percent-encoding with offsets kept, as for any string.
 * Undefined when the text is no such URL (then it is read as it stands). The Markdown and text readers find
 * URL values the same way (scan.ts `nextQueryValue`).
 */
export function pastedUrlSpan(text: string, start = 0, end = text.length): { start: number; end: number } | undefined {
  // most lines are no URL: told by a look at a few characters, before any substring is made
  const prefixed = text.startsWith('x-oss-process=', start) || text.startsWith('x-oss-async-process=', start);
  // a bare parameter is a query only with another one after '&': a '#' alone is more likely a mistake in a value
  // (color_#FFFFFF), checked as written, than the start of a fragment that would silently drop the rest
  if (prefixed ? !has(text, '&', start, end) : !mayBeUrl(text, start, end)) return undefined;
  const t = text.slice(start, end);
  if (!prefixed && !/^(https?:)?\/\/|[?&]x-oss-(async-)?process=/i.test(t)) return undefined;
  const q = nextQueryValue(t, 0, prefixed, false);
  if (!q) return undefined;
  const name = q.mode === 'sync' ? 'x-oss-process='.length : 'x-oss-async-process='.length;
  return { start: start + q.start - name, end: start + q.end };
}

function has(text: string, ch: string, start: number, end: number): boolean {
  const i = text.indexOf(ch, start);
  return i !== -1 && i < end;
}

/** Whether text[start, end) may be a URL or a query: it starts with `/` or `h`, or holds a `?` or `&`. */
function mayBeUrl(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start) | 0x20;
  return c === 0x2f || c === 0x68 || has(text, '?', start, end) || has(text, '&', start, end);
}
