import type { Range, TextEdit } from '../text/range';
import type { Diagnostic, Fix, RelatedInformation } from './diagnostic';
import { ownCopy } from './memo';

/**
 * The findings of a shape (fast.ts), as a template any string of that shape fills in: ranges counted from the
 * opaque value before them, and messages, titles and new texts with a slot wherever they quote an opaque value.
 *
 * A template is derived from two strings of one shape whose opaque values all differ (a string and its variant,
 * fast.ts `variantOf`), each checked by the full path: it exists only when the two lists are the same list but
 * for those values: the same rules, severities, tags, data and fixes; every range edge outside the opaque
 * values, at the same distance from the one before it; every text the same but where it quotes a value at a
 * place where the other quotes its own. Anything else (a message that computes from a value, a range edge inside
 * one, a verdict that changes with a value) gives no template, and strings of that shape keep the full path.
 */

/** A text with slots: literal pieces, and numbers naming the opaque value (by its order in the string) quoted there. */
type Text = string | (string | number)[];
/** A range edge: `(k << 16) | d`, d characters after the end of the k-th opaque value (k = 0: from the string's start). */
type Edge = number;

interface RangeT {
  start: Edge;
  end: Edge;
}
interface FixT {
  title: Text;
  edits: { range: RangeT; newText: Text }[];
  certain: boolean;
}
interface DiagnosticT {
  ruleId: string;
  severity: Diagnostic['severity'];
  message: Text;
  range: RangeT;
  fixes?: FixT[];
  related?: { range: RangeT; message: Text }[];
  tags?: Diagnostic['tags'];
  data?: Diagnostic['data'];
}

export interface FindingsTemplate {
  diagnostics: DiagnosticT[];
  /** Made on first use: `sampleOf`. */
  sample?: Diagnostic[];
  /**
   * How the certain fixes of every string of the shape settle, where one string has shown it (index.ts
   * `byTemplate`): the findings whose certain fixes are suggestions, and how many characters the fixes write.
   */
  settled?: { demoted: readonly number[]; written: number };
  /** How many strings have been verified without settling it (a shape whose fixed texts never settle stops asking). */
  unsettled?: number;
}

/** One checked string: its text, its opaque values (start, end pairs, in order) and what the full path found. */
export interface Checked {
  text: string;
  spans: Int32Array;
  diagnostics: readonly Diagnostic[];
}

const DIAGNOSTIC_KEYS = new Set(['ruleId', 'severity', 'message', 'range', 'fixes', 'related', 'tags', 'data']);

/** The template both lists fill in, or undefined when they are not one list but for the opaque values. */
export function templateOf(a: Checked, b: Checked): FindingsTemplate | undefined {
  const n = a.spans.length >> 1;
  if (n !== b.spans.length >> 1 || a.diagnostics.length !== b.diagnostics.length || n > MAX_VALUES) return undefined;
  const values = (c: Checked) => Array.from({ length: n }, (_, k) => c.text.slice(c.spans[2 * k]!, c.spans[2 * k + 1]!));
  const va = values(a);
  const vb = values(b);
  // A quote must name its value: each value differs from its other and neither begins the other, and no two
  // values of `b` begin one another, so that at any place of a text of `b` at most one value can be quoted
  for (let k = 0; k < n; k++) {
    if (related(va[k]!, vb[k]!)) return undefined;
    for (let l = 0; l < k; l++) if (related(vb[k]!, vb[l]!)) return undefined;
  }
  const text = (x: string, y: string) => slotted(x, y, va, vb);
  const edge = (x: number, y: number): Edge | undefined => {
    const e = edgeOf(a.spans, x);
    return e !== undefined && positionOf(b.spans, e) === y ? e : undefined;
  };
  const rangeT = (x: Range, y: Range): RangeT | undefined => {
    const start = edge(x.start, y.start);
    const end = edge(x.end, y.end);
    return start === undefined || end === undefined ? undefined : { start, end };
  };
  const out: DiagnosticT[] = [];
  for (let i = 0; i < a.diagnostics.length; i++) {
    const x = a.diagnostics[i]!;
    const y = b.diagnostics[i]!;
    for (const k of [...Object.keys(x), ...Object.keys(y)]) if (!DIAGNOSTIC_KEYS.has(k)) return undefined;
    if (x.ruleId !== y.ruleId || x.severity !== y.severity || JSON.stringify(x.tags) !== JSON.stringify(y.tags)) return undefined;
    if (JSON.stringify(x.data) !== JSON.stringify(y.data)) return undefined;
    const message = text(x.message, y.message);
    const range = rangeT(x.range, y.range);
    if (message === undefined || range === undefined) return undefined;
    const d: DiagnosticT = { ruleId: x.ruleId, severity: x.severity, message, range };
    if (x.tags) d.tags = x.tags;
    if (x.data) d.data = x.data;
    if (x.fixes || y.fixes) {
      const fixes = listOf(x.fixes, y.fixes, (f: Fix, g: Fix) => {
        if (f.certain !== g.certain) return undefined;
        const title = text(f.title, g.title);
        const edits = listOf(f.edits, g.edits, (e: TextEdit, h: TextEdit) => {
          const r = rangeT(e.range, h.range);
          const newText = text(e.newText, h.newText);
          return r === undefined || newText === undefined ? undefined : { range: r, newText };
        });
        return title === undefined || edits === undefined ? undefined : { title, edits, certain: f.certain };
      });
      if (!fixes) return undefined;
      d.fixes = fixes;
    }
    if (x.related || y.related) {
      const related = listOf(x.related, y.related, (r: RelatedInformation, s: RelatedInformation) => {
        const rr = rangeT(r.range, s.range);
        const m = text(r.message, s.message);
        return rr === undefined || m === undefined ? undefined : { range: rr, message: m };
      });
      if (!related) return undefined;
      d.related = related;
    }
    out.push(d);
  }
  return { diagnostics: out };
}

/** The diagnostics of `text`, a string of the template's shape whose opaque values are `spans`. */
export function fillIn(t: FindingsTemplate, text: string, spans: Int32Array): Diagnostic[] {
  const range = (r: RangeT): Range => ({ start: positionOf(spans, r.start), end: positionOf(spans, r.end) });
  const str = (s: Text): string => {
    if (typeof s === 'string') return s;
    let out = '';
    for (const p of s) out += typeof p === 'string' ? p : text.slice(spans[2 * p]!, spans[2 * p + 1]!);
    return out;
  };
  const out: Diagnostic[] = [];
  for (const t0 of t.diagnostics) {
    const d: Diagnostic = { ruleId: t0.ruleId, severity: t0.severity, message: str(t0.message), range: range(t0.range) };
    if (t0.fixes) d.fixes = t0.fixes.map((f) => ({ title: str(f.title), edits: f.edits.map((e) => ({ range: range(e.range), newText: str(e.newText) })), certain: f.certain }));
    if (t0.related) d.related = t0.related.map((r) => ({ range: range(r.range), message: str(r.message) }));
    if (t0.tags) d.tags = t0.tags;
    if (t0.data) d.data = t0.data;
    out.push(d);
  }
  return out;
}

/** Whether no certain fix of the template writes a value of the string (a new text with a slot). */
export function fixesQuoteNoValue(t: FindingsTemplate): boolean {
  for (const d of t.diagnostics) for (const f of d.fixes ?? []) if (f.certain && f.edits.some((e) => typeof e.newText !== 'string')) return false;
  return true;
}

/** A text (message, title, new text) longer than this gets no template: `slotted` recurses once a piece. */
const MAX_TEXT = 4096;

/** More values than this in one string, and the shape gets no template (the checks above are quadratic). */
const MAX_VALUES = 64;

/** Whether one of two texts begins the other (or they are equal). */
export function related(x: string, y: string): boolean {
  return x.startsWith(y) || y.startsWith(x);
}

/**
 * The template's findings as far as every string of its shape shares them — rule, severity, tags, data and
 * which fixes are certain — with empty texts and ranges: what verifying certain fixes reads of a re-check
 * (certain.ts `tally`), made once instead of filling the template in for each fixed text.
 */
export function sampleOf(t: FindingsTemplate): Diagnostic[] {
  return (t.sample ??= t.diagnostics.map((d) => {
    const s: Diagnostic = { ruleId: d.ruleId, severity: d.severity, message: '', range: { start: 0, end: 0 } };
    if (d.fixes) s.fixes = d.fixes.map((f) => ({ title: '', edits: [], certain: f.certain }));
    if (d.tags) s.tags = d.tags;
    if (d.data) s.data = d.data;
    return s;
  }));
}

/** Pairs two lists item by item; undefined when their lengths differ or a pair does not match. */
function listOf<X, T>(xs: readonly X[] | undefined, ys: readonly X[] | undefined, pair: (x: X, y: X) => T | undefined): T[] | undefined {
  if (!xs || !ys || xs.length !== ys.length) return undefined;
  const out: T[] = [];
  for (let i = 0; i < xs.length; i++) {
    const t = pair(xs[i]!, ys[i]!);
    if (t === undefined) return undefined;
    out.push(t);
  }
  return out;
}

/** The edge of position `x` among the opaque values `spans`; undefined when it falls inside one. */
function edgeOf(spans: Int32Array, x: number): Edge | undefined {
  let k = 0;
  for (; 2 * k < spans.length && spans[2 * k + 1]! <= x; k++);
  if (2 * k < spans.length && spans[2 * k]! < x) return undefined;
  const d = x - (k === 0 ? 0 : spans[2 * k - 1]!);
  return d > 0xffff ? undefined : (k << 16) | d;
}

function positionOf(spans: Int32Array, e: Edge): number {
  const k = e >>> 16;
  return (k === 0 ? 0 : spans[2 * k - 1]!) + (e & 0xffff);
}

/**
 * `x` and `y` read as one text with slots: equal characters are literal, and where `x` quotes the value `va[k]`
 * and `y` at the same place quotes `vb[k]`, that is slot k. Undefined when no such reading exists. A search with
 * backtracking, since a value may also begin a literal run (`1` in `16384`); failed states are remembered, so it
 * is linear in practice.
 */
function slotted(x: string, y: string, va: readonly string[], vb: readonly string[]): Text | undefined {
  // the common case: a text that quotes no value
  if (x === y && !va.some((v) => x.includes(v))) return ownCopy(x);
  const failed = new Set<number>();
  const pieces: (string | number)[] = [];
  const walk = (i: number, j: number): boolean => {
    if (i === x.length) return j === y.length;
    const state = i * 0x10000 + j;
    if (failed.has(state)) return false;
    for (let k = 0; k < va.length; k++) {
      const p = va[k]!;
      const q = vb[k]!;
      if (x.startsWith(p, i) && y.startsWith(q, j)) {
        pieces.push(k);
        if (walk(i + p.length, j + q.length)) return true;
        pieces.pop();
      }
    }
    if (x.charCodeAt(i) === y.charCodeAt(j)) {
      let i2 = i + 1;
      let j2 = j + 1;
      // a run of equal characters that no value starts in: one literal piece
      while (i2 < x.length && j2 < y.length && x.charCodeAt(i2) === y.charCodeAt(j2) && !startsAValue(x, i2, va)) {
        i2++;
        j2++;
      }
      pieces.push(x.slice(i, i2));
      if (walk(i2, j2)) return true;
      pieces.pop();
    }
    failed.add(state);
    return false;
  };
  // the search recurses once a piece: a longer text is refused rather than risk the stack
  if (x.length > MAX_TEXT || y.length > MAX_TEXT || !walk(0, 0)) return undefined;
  // join adjacent literals; a template is kept for long, so its texts are copies that hold nothing else alive
  const out: (string | number)[] = [];
  for (const p of pieces) {
    const last = out.length - 1;
    if (typeof p === 'string' && last >= 0 && typeof out[last] === 'string') out[last] = (out[last] as string) + p;
    else out.push(p);
  }
  for (let i = 0; i < out.length; i++) if (typeof out[i] === 'string') out[i] = ownCopy(out[i] as string);
  return out.length === 1 && typeof out[0] === 'string' ? out[0] : out;
}

function startsAValue(x: string, i: number, va: readonly string[]): boolean {
  for (const v of va) if (x.startsWith(v, i)) return true;
  return false;
}
