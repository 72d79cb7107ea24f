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
  const t = text.slice(start, end);
  const prefixed = t.startsWith('x-oss-process=') || t.startsWith('x-oss-async-process=');
  if (prefixed ? !/[&#]/.test(t) : !/^(https?:)?\/\/|[?&]x-oss-(async-)?process=/i.test(t)) return undefined;
  const q = nextQueryValue(t, 0, prefixed, false);
  if (!q) return undefined;
  const name = q.mode === 'sync' ? 'x-oss-process='.length : 'x-oss-async-process='.length;
  return { start: start + q.start - name, end: start + q.end };
}
