import { HOLE } from '../text/hole';
import { RegionBuilder, concatRegions, regionOf, sliceRegion, type EmbeddedRegion } from './region';
import { decodeEscapes, indexWithin, type EscapeDialect } from './decode';
import { finishRegions, selectRegions, type HostComment, type ScanResult } from './scan';

/**
 * String literals in Java, Python, Go, JavaScript and TypeScript. A small lexer finds literals (skipping
 * comments, char/rune literals and regular expressions) and decodes them; a second pass over the tokens
 * joins literals written as one value (`"a" + x + "b"`, StringBuilder.append chains, Python's adjacent
 * literals) and turns format placeholders into holes where a call makes them placeholders.
 */
export type CodeLanguage = 'java' | 'python' | 'go' | 'javascript' | 'typescript';

interface Tok {
  /** str: a string literal; id: identifier or keyword; num: number, char literal or regex (an operand); p: punctuation */
  k: 'str' | 'id' | 'num' | 'p';
  start: number;
  end: number;
  /** identifier or punctuation text */
  t: string;
  /** the decoded literal (strings only; a template literal gets it when its closing backtick is seen) */
  v?: EmbeddedRegion;
  /** a line break stands between this token and the previous one */
  nl: boolean;
  /** bracket depth, for Python's implicit line joining */
  depth: number;
}

/** A template literal being read: its parts so far, and its token. */
interface Template {
  tok: Tok;
  parts: EmbeddedRegion[];
}

const OP_CHARS = '+-*%=<>!&|^~?:';

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (c >= 0x80 && c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029 && c !== 0x3000);
}

function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}

function hole(start: number, end: number): EmbeddedRegion {
  return regionOf(HOLE, [start, Math.max(start, end)]);
}

interface Lexed {
  lists: Tok[][];
  comments: HostComment[];
}

/** Keywords after which `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function lex(text: string, lang: CodeLanguage): Lexed {
  const n = text.length;
  const js = lang === 'javascript' || lang === 'typescript';
  const py = lang === 'python';
  const comments: HostComment[] = [];
  // Tokens inside `${…}` of a template literal go to a list of their own, so that in the outer list the
  // template is one operand, followed by what follows its closing backtick.
  const lists: Tok[][] = [];
  let cur: Tok[] = [];
  lists.push(cur);
  const outer: Tok[][] = [];
  const braces: (Template | null)[] = [];
  let depth = 0;
  let nl = false;
  let pos = 0;

  const push = (k: Tok['k'], start: number, end: number, t: string, v?: EmbeddedRegion): Tok => {
    const tok: Tok = { k, start, end, t, nl, depth };
    if (v) tok.v = v;
    cur.push(tok);
    nl = false;
    return tok;
  };
  const lineEnd = (p: number): number => {
    while (p < n && !isNewline(text.charCodeAt(p))) p++;
    return p;
  };
  /** A quoted literal without escapes spanning lines: [content end, token end]; unterminated at a newline. */
  const quoted = (p: number, q: number, stopAtNewline: boolean): [number, number] => {
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 92) {
        p += text.charCodeAt(p + 1) === 13 && text.charCodeAt(p + 2) === 10 ? 3 : 2;
        continue;
      }
      if (c === q) return [p, p + 1];
      if (stopAtNewline && isNewline(c)) return [p, p];
      p++;
    }
    return [n, n];
  };
  const decoded = (start: number, end: number, dialect: EscapeDialect): EmbeddedRegion =>
    decodeEscapes(sliceRegion(text, start, Math.min(end, n)), dialect);

  /** Reads template characters from p: up to the closing backtick, or `${` (then lexing goes on inside). */
  const templateFrom = (tpl: Template, p: number): number => {
    let seg = p;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 92) {
        p += 2;
        continue;
      }
      if (c === 96) {
        tpl.parts.push(decoded(seg, p, 'js'));
        tpl.tok.v = concatRegions(tpl.parts);
        tpl.tok.end = p + 1;
        return p + 1;
      }
      if (c === 36 && text.charCodeAt(p + 1) === 123) {
        tpl.parts.push(decoded(seg, p, 'js'), hole(p, p + 2));
        braces.push(tpl);
        outer.push(cur);
        cur = [];
        lists.push(cur);
        return p + 2;
      }
      p++;
    }
    p = Math.min(p, n);
    tpl.parts.push(decoded(seg, p, 'js'));
    tpl.tok.v = concatRegions(tpl.parts);
    tpl.tok.end = n;
    return n;
  };

  const regexAllowed = (): boolean => {
    const prev = cur[cur.length - 1];
    if (!prev) return true;
    if (prev.k === 'num' || prev.k === 'str') return false;
    if (prev.k === 'id') return REGEX_AFTER.has(prev.t);
    return prev.t !== ')' && prev.t !== ']';
  };
  /** End of a regular expression literal at p, or -1 when the line ends first (then `/` is a division). */
  const regexEnd = (p: number): number => {
    let inClass = false;
    for (p++; p < n; p++) {
      const c = text.charCodeAt(p);
      if (isNewline(c)) return -1;
      if (c === 92) p++;
      else if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) {
        p++;
        while (p < n && isIdPart(text.charCodeAt(p))) p++;
        return p;
      }
    }
    return -1;
  };

  /** Python: a literal with its prefix at `start`, opening quote at q. */
  const pythonString = (start: number, prefix: string, q: number): number => {
    const quote = text.charCodeAt(q);
    const raw = /r/i.test(prefix);
    const dialect: EscapeDialect = /b/i.test(prefix) ? 'python-bytes' : 'python';
    const interp = /[ft]/i.test(prefix);
    const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
    const cs = q + (triple ? 3 : 1);
    const closesAt = (p: number): boolean =>
      triple ? text.charCodeAt(p) === quote && text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote : text.charCodeAt(p) === quote;
    const part = (a: number, b: number): EmbeddedRegion => (raw ? sliceRegion(text, a, b) : decoded(a, b, dialect));
    if (!interp) {
      let p = cs;
      while (p < n && !closesAt(p)) {
        const c = text.charCodeAt(p);
        if (c === 92) p += 2;
        else if (!triple && isNewline(c)) break;
        else p++;
      }
      p = Math.min(p, n);
      const end = p < n && closesAt(p) ? p + (triple ? 3 : 1) : p;
      push('str', start, end, '', part(cs, p));
      return end;
    }
    // f-string: {expr} is a hole, {{ and }} are braces
    const parts: EmbeddedRegion[] = [];
    let seg = cs;
    let p = cs;
    let end = -1;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (closesAt(p)) {
        end = p + (triple ? 3 : 1);
        break;
      }
      if (!triple && isNewline(c)) break;
      if (c === 92) {
        p += 2;
        continue;
      }
      if ((c === 123 && text.charCodeAt(p + 1) === 123) || (c === 125 && text.charCodeAt(p + 1) === 125)) {
        parts.push(part(seg, p), regionOf(text[p]!, [p, p + 2]));
        p += 2;
        seg = p;
        continue;
      }
      if (c === 123) {
        parts.push(part(seg, p));
        const e = fieldEnd(p + 1, triple);
        parts.push(hole(p, e));
        p = e;
        seg = p;
        continue;
      }
      p++;
    }
    p = Math.min(p, n);
    parts.push(part(seg, p));
    push('str', start, end < 0 ? p : end, '', concatRegions(parts));
    return end < 0 ? p : end;
  };
  /** The end of an f-string replacement field whose expression starts at p (after the closing brace). */
  const fieldEnd = (p: number, triple: boolean): number => {
    let d = 0;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (!triple && isNewline(c)) return p;
      if (c === 34 || c === 39) {
        const t3 = text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === c;
        if (t3) {
          const close = text.indexOf(text[p]!.repeat(3), p + 3);
          p = close < 0 ? n : close + 3;
        } else p = quoted(p + 1, c, true)[1];
        continue;
      }
      if (c === 123 || c === 40 || c === 91) d++;
      else if (c === 41 || c === 93) d--;
      else if (c === 125) {
        if (d === 0) return p + 1;
        d--;
      }
      p++;
    }
    return n;
  };

  /** Java text block from `"""`: incidental indentation and trailing blanks stripped, then escapes. */
  const textBlock = (start: number, cs: number): number => {
    let p = cs;
    while (p < n && !(text.charCodeAt(p) === 34 && text.startsWith('"""', p))) p += text.charCodeAt(p) === 92 ? 2 : 1;
    const ce = Math.min(p, n);
    const end = p < n ? p + 3 : n;
    push('str', start, end, '', decodeEscapes(stripTextBlock(text, cs, ce), 'java'));
    return end;
  };

  if (js && text.startsWith('#!')) pos = lineEnd(0);
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (isNewline(c) || c === 0x2028 || c === 0x2029) {
      nl = true;
      pos++;
      continue;
    }
    if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x3000) {
      pos++;
      continue;
    }
    const d = text.charCodeAt(pos + 1);
    if (c === 47 && !py) {
      if (d === 47) {
        const e = lineEnd(pos);
        comments.push({ start: pos, end: e, contentStart: pos + 2, contentEnd: e });
        pos = e;
        continue;
      }
      if (d === 42) {
        const close = text.indexOf('*/', pos + 2);
        const e = close < 0 ? n : close + 2;
        comments.push({ start: pos, end: e, contentStart: pos + 2, contentEnd: close < 0 ? n : close });
        for (let k = pos; k < e; k++) if (isNewline(text.charCodeAt(k))) { nl = true; break; }
        pos = e;
        continue;
      }
      if (js && regexAllowed()) {
        const e = regexEnd(pos);
        if (e > 0) {
          push('num', pos, e, '');
          pos = e;
          continue;
        }
      }
    }
    if (c === 35 && py) {
      const e = lineEnd(pos);
      comments.push({ start: pos, end: e, contentStart: pos + 1, contentEnd: e });
      pos = e;
      continue;
    }
    if (c === 34 || c === 39) {
      if (py) {
        pos = pythonString(pos, '', pos);
        continue;
      }
      if (c === 39 && (lang === 'java' || lang === 'go')) {
        // a char / rune literal: an operand, never a string
        const [, e] = quoted(pos + 1, 39, true);
        push('num', pos, e, '');
        pos = e;
        continue;
      }
      if (c === 34 && lang === 'java' && text.startsWith('"""', pos)) {
        let p = pos + 3;
        while (p < n && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 12)) p++;
        if (p < n && isNewline(text.charCodeAt(p))) {
          const cs = p + (text.charCodeAt(p) === 13 && text.charCodeAt(p + 1) === 10 ? 2 : 1);
          pos = textBlock(pos, cs);
          continue;
        }
      }
      const [ce, e] = quoted(pos + 1, c, true);
      push('str', pos, e, '', decoded(pos + 1, ce, lang === 'java' ? 'java' : lang === 'go' ? 'go' : 'js'));
      pos = e;
      continue;
    }
    if (c === 96) {
      if (js) {
        const tok = push('str', pos, pos + 1, '');
        pos = templateFrom({ tok, parts: [] }, pos + 1);
        continue;
      }
      if (lang === 'go') {
        // raw string: no escapes; carriage returns are discarded
        const close = text.indexOf('`', pos + 1);
        const ce = close < 0 ? n : close;
        const b = new RegionBuilder();
        for (let k = pos + 1; k < ce; k++) if (text.charCodeAt(k) !== 13) b.push(text[k]!, k);
        push('str', pos, close < 0 ? n : close + 1, '', b.finish(ce));
        pos = close < 0 ? n : close + 1;
        continue;
      }
    }
    if (isIdStart(c)) {
      let e = pos + 1;
      while (e < n && isIdPart(text.charCodeAt(e))) e++;
      const word = text.slice(pos, e);
      const q = text.charCodeAt(e);
      if (py && (q === 34 || q === 39) && e - pos <= 2 && /^(r|u|b|f|t|br|rb|fr|rf|tr|rt)$/i.test(word)) {
        pos = pythonString(pos, word, e);
        continue;
      }
      push('id', pos, e, word);
      pos = e;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(d))) {
      let e = pos + 1;
      while (e < n && (isIdPart(text.charCodeAt(e)) || text.charCodeAt(e) === 46)) e++;
      push('num', pos, e, '');
      pos = e;
      continue;
    }
    if (c === 92 && py && isNewline(d)) {
      // explicit line joining
      pos += text.charCodeAt(pos + 1) === 13 && text.charCodeAt(pos + 2) === 10 ? 3 : 2;
      continue;
    }
    if (c === 123) {
      braces.push(null);
      push('p', pos, pos + 1, '{');
      depth++;
      pos++;
      continue;
    }
    if (c === 125) {
      const top = braces.pop();
      if (top) {
        // the `}` closing `${`: back to the template's characters
        cur = outer.pop() ?? cur;
        pos = templateFrom(top, pos + 1);
        continue;
      }
      depth = Math.max(0, depth - 1);
      push('p', pos, pos + 1, '}');
      pos++;
      continue;
    }
    if (c === 40 || c === 91) depth++;
    else if (c === 41 || c === 93) depth = Math.max(0, depth - 1);
    if (OP_CHARS.includes(text[pos]!)) {
      let e = pos + 1;
      while (e < n && OP_CHARS.includes(text[e]!)) e++;
      push('p', pos, e, text.slice(pos, e));
      pos = e;
      continue;
    }
    push('p', pos, pos + 1, text[pos]!);
    pos++;
  }
  // templates left open at the end of the text
  for (let i = braces.length - 1; i >= 0; i--) {
    const tpl = braces[i];
    if (tpl && !tpl.tok.v) {
      tpl.parts.push(sliceRegion(text, n, n));
      tpl.tok.v = concatRegions(tpl.parts);
      tpl.tok.end = n;
    }
  }
  return { lists, comments };
}

/**
 * The value of a Java text block's content host[cs, ce): the common indentation of its lines (the closing
 * delimiter's line counts) and trailing blanks removed, line terminators as \n.
 */
function stripTextBlock(host: string, cs: number, ce: number): EmbeddedRegion {
  const lines: { s: number; e: number; term: number }[] = [];
  let s = cs;
  for (let p = cs; p <= ce; p++) {
    const c = p < ce ? host.charCodeAt(p) : -1;
    if (c === 10 || c === 13 || p === ce) {
      lines.push({ s, e: p, term: p });
      if (c === 13 && host.charCodeAt(p + 1) === 10 && p + 1 < ce) p++;
      s = p + 1;
    }
  }
  const blankLen = (l: { s: number; e: number }): number => {
    let k = l.s;
    while (k < l.e && (host.charCodeAt(k) === 32 || host.charCodeAt(k) === 9 || host.charCodeAt(k) === 12)) k++;
    return k - l.s;
  };
  let min = Infinity;
  lines.forEach((l, i) => {
    const ws = blankLen(l);
    if (ws < l.e - l.s || i === lines.length - 1) min = Math.min(min, ws);
  });
  if (!Number.isFinite(min)) min = 0;
  const b = new RegionBuilder();
  lines.forEach((l, i) => {
    const last = i === lines.length - 1;
    let e = l.e;
    while (e > l.s && (host.charCodeAt(e - 1) === 32 || host.charCodeAt(e - 1) === 9 || host.charCodeAt(e - 1) === 12)) e--;
    for (let k = Math.min(l.s + min, e); k < e; k++) b.push(host[k]!, k);
    if (!last) b.push('\n', l.term);
  });
  return b.finish(ce);
}

// ---------------------------------------------------------------------------------------------------------
// Joining literals

/** Identifiers that cannot be an operand of `+`. */
const KEYWORDS = new Set(
  (
    'return if else for while do switch case break continue throw try catch finally typeof instanceof in of ' +
    'delete void yield await and or not is lambda elif import from as def class func var let const go defer ' +
    'select package static final public private protected assert with raise del pass global nonlocal'
  ).split(' '),
);

type Part = { lit: number; group: number } | { hole: [number, number]; group: number };

interface Chain {
  parts: Part[];
  /** index after the last token of the chain */
  end: number;
}

const isP = (t: Tok | undefined, s: string): boolean => t !== undefined && t.k === 'p' && t.t === s;
const isId = (t: Tok | undefined, s: string): boolean => t !== undefined && t.k === 'id' && t.t === s;

function matchBrackets(list: Tok[]): Int32Array {
  const match = new Int32Array(list.length).fill(-1);
  const stack: number[] = [];
  const pair: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    if (t.k !== 'p') continue;
    if (t.t === '(' || t.t === '[' || t.t === '{') stack.push(i);
    else if (t.t === ')' || t.t === ']' || t.t === '}') {
      const top = stack[stack.length - 1];
      if (top !== undefined && list[top]!.t === pair[t.t]) {
        stack.pop();
        match[top] = i;
        match[i] = top;
      }
    }
  }
  return match;
}

class Joiner {
  private readonly match: Int32Array;
  private readonly used: Uint8Array;
  constructor(
    private readonly list: Tok[],
    private readonly lang: CodeLanguage,
    private readonly out: EmbeddedRegion[],
  ) {
    this.match = matchBrackets(list);
    this.used = new Uint8Array(list.length);
  }

  run(): void {
    this.skipModuleSpecifiers();
    if (this.lang === 'java') this.appendChains();
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.k !== 'str' || this.used[i]) continue;
      let s = this.leadingStart(i);
      let chain = this.chain(s, list.length);
      if (!chain.parts.some((p) => 'lit' in p && p.lit === i)) {
        s = i;
        chain = this.chain(i, list.length);
      }
      this.emit(chain, s);
    }
  }

  /** Import paths (Go's "image/png", JS module specifiers) are never processing strings. */
  private skipModuleSpecifiers(): void {
    const { list, lang } = this;
    if (lang === 'go') {
      for (let i = 0; i < list.length; i++) {
        if (!isId(list[i], 'import')) continue;
        if (isP(list[i + 1], '(')) {
          const close = this.match[i + 1]!;
          for (let k = i + 2; k < (close < 0 ? list.length : close); k++) if (list[k]!.k === 'str') this.used[k] = 1;
        } else {
          for (let k = i + 1; k <= i + 2 && k < list.length; k++) if (list[k]!.k === 'str') this.used[k] = 1;
        }
      }
    } else if (lang === 'javascript' || lang === 'typescript') {
      for (let i = 0; i < list.length; i++) {
        if (list[i]!.k !== 'str') continue;
        const prev = list[i - 1];
        if (isId(prev, 'from') || isId(prev, 'import') || isId(prev, 'module')) this.used[i] = 1;
        else if (isP(prev, '(') && (isId(list[i - 2], 'require') || isId(list[i - 2], 'import'))) this.used[i] = 1;
      }
    }
  }

  /** The end (exclusive index) of the operand starting at j, or -1. */
  private operandEnd(j: number, limit: number): number {
    const { list, match } = this;
    let k = j;
    if (isId(list[k], 'new')) k++;
    const t = list[k];
    if (!t || k >= limit) return -1;
    if (t.k === 'p') {
      if ((t.t === '(' || t.t === '[') && match[k]! > k && match[k]! < limit) k = match[k]! + 1;
      else return -1;
    } else if (t.k === 'id' && KEYWORDS.has(t.t)) return -1;
    else k++;
    while (k < limit) {
      const u = list[k]!;
      if (u.k !== 'p') break;
      if (u.t === '.' && list[k + 1]?.k === 'id' && k + 1 < limit) k += 2;
      else if ((u.t === '(' || u.t === '[') && match[k]! > k && match[k]! < limit) k = match[k]! + 1;
      else break;
    }
    return k;
  }

  /** The first token of the operand ending at j (inclusive), or -1. */
  private operandStart(j: number): number {
    const { list, match } = this;
    let k = j;
    for (;;) {
      const t = list[k];
      if (!t) return -1;
      if (t.k === 'p' && (t.t === ')' || t.t === ']')) {
        const o = match[k]!;
        if (o < 0) return -1;
        const b = list[o - 1];
        // a call or an index: what is called comes before the bracket
        if (b && ((b.k === 'id' && !KEYWORDS.has(b.t)) || b.k === 'str' || (b.k === 'p' && (b.t === ')' || b.t === ']')))) {
          k = o - 1;
          continue;
        }
        return o;
      }
      if (t.k === 'p' || (t.k === 'id' && KEYWORDS.has(t.t))) return -1;
      const before = list[k - 2];
      if (isP(list[k - 1], '.') && before && (before.k !== 'p' || before.t === ')' || before.t === ']')) {
        k -= 2;
        continue;
      }
      return isId(list[k - 1], 'new') ? k - 1 : k;
    }
  }

  /** Where a `+` chain through literal i starts: non-literal operands before it become one hole. */
  private leadingStart(i: number): number {
    let s = i;
    // bounded, so that a long run of operands costs linear time however many literals follow it
    for (let steps = 0; steps < 8 && isP(this.list[s - 1], '+'); steps++) {
      const st = this.operandStart(s - 2);
      if (st < 0) break;
      s = st;
    }
    return s;
  }

  /** Operands joined by `+` from s (Python: also adjacent literals), up to limit. */
  private chain(s: number, limit: number): Chain {
    const { list } = this;
    const parts: Part[] = [];
    let group = 0;
    let j = s;
    let end = s;
    while (j < limit) {
      const t = list[j]!;
      if (t.k === 'str') {
        parts.push({ lit: j, group });
        j++;
        if (this.lang === 'python')
          while (j < limit && list[j]!.k === 'str' && (!list[j]!.nl || list[j]!.depth > 0)) parts.push({ lit: j++, group });
        // "…".method(): the literal is a receiver; the chain stops at it
        if (isP(list[j], '.') || isP(list[j], '[')) {
          end = j;
          break;
        }
      } else {
        const e = this.operandEnd(j, limit);
        if (e < 0) break;
        parts.push({ hole: [t.start, list[e - 1]!.end], group });
        j = e;
      }
      end = j;
      if (j + 1 < limit && isP(list[j], '+')) {
        group++;
        j++;
        continue;
      }
      break;
    }
    return { parts, end };
  }

  /** Java: new StringBuilder("…").append("…").append(x)… as one value. */
  private appendChains(): void {
    const { list, match } = this;
    const seen = new Uint8Array(list.length);
    for (let i = 1; i + 1 < list.length; i++) {
      if (seen[i] || !isId(list[i], 'append') || !isP(list[i - 1], '.') || !isP(list[i + 1], '(')) continue;
      const parts: Part[] = [];
      const argument = (a: number, b: number): void => {
        if (a >= b) return;
        const c = list[a]!.k === 'str' || list[a]!.k === 'id' || isP(list[a], '(') ? this.chain(a, b) : undefined;
        if (c && c.end === b && c.parts.length) parts.push(...c.parts.map((p) => ({ ...p, group: 0 })));
        else parts.push({ hole: [list[a]!.start, list[b - 1]!.end], group: 0 });
      };
      if (isP(list[i - 2], ')')) {
        const o = match[i - 2]!;
        const ctor = list[o - 1];
        if (o > 1 && ctor?.k === 'id' && (ctor.t === 'StringBuilder' || ctor.t === 'StringBuffer') && isId(list[o - 2], 'new')) {
          // new StringBuilder(16) is a capacity, not content
          if (!(o + 2 === i - 2 && list[o + 1]!.k === 'num')) argument(o + 1, i - 2);
        }
      }
      let k = i;
      for (;;) {
        const close = match[k + 1]!;
        if (close < 0) break;
        seen[k] = 1;
        argument(k + 2, close);
        if (isP(list[close + 1], '.') && isId(list[close + 2], 'append') && isP(list[close + 3], '(')) k = close + 2;
        else break;
      }
      if (parts.some((p) => 'lit' in p)) this.emit({ parts, end: -1 }, -1);
    }
  }

  /** Which format-string syntax applies to the chain [s, end), and to which of its `+` groups. */
  private formatOf(s: number, end: number, lastGroup: number): { kind: FormatKind; groups: 'all' | number } | undefined {
    const { list, lang } = this;
    if (s < 0) return undefined;
    const callee = (j: number): boolean => {
      if (lang === 'java') return isId(list[j], 'format') && isP(list[j - 1], '.') && isId(list[j - 2], 'String');
      if (lang === 'go') {
        const f = list[j];
        if (!f || f.k !== 'id' || !isP(list[j - 1], '.')) return false;
        const pkg = list[j - 2];
        if (isId(pkg, 'fmt')) return /^(Sprintf|Printf|Errorf|Fprintf|Appendf)$/.test(f.t);
        return isId(pkg, 'log') && /^(Printf|Fatalf|Panicf)$/.test(f.t);
      }
      return false;
    };
    if (lang === 'java' || lang === 'go') {
      const kind: FormatKind = lang === 'java' ? 'java' : 'go';
      if (isP(list[s - 1], '(') && callee(s - 2)) return { kind, groups: 'all' };
      // String.format(Locale.ROOT, "…"), fmt.Fprintf(w, "…")
      if (isP(list[s - 1], ',')) {
        const o = this.operandStart(s - 2);
        if (o > 0 && isP(list[o - 1], '(') && callee(o - 2)) return { kind, groups: 'all' };
      }
      if (lang === 'java' && isP(list[end], '.') && isId(list[end + 1], 'formatted') && isP(list[end + 2], '('))
        return { kind, groups: lastGroup };
      return undefined;
    }
    if (lang === 'python') {
      const after = (j: number): FormatKind | undefined =>
        isP(list[j], '.') && isId(list[j + 1], 'format') && isP(list[j + 2], '(') ? 'brace' : isP(list[j], '%') ? 'percent' : undefined;
      const direct = after(end);
      if (direct) return { kind: direct, groups: lastGroup };
      // ("{0}|sys/saveas,"
      //  "o_{1}").format(…)
      if (isP(list[s - 1], '(') && isP(list[end], ')') && this.match[end] === s - 1) {
        const wrapped = after(end + 1);
        if (wrapped) return { kind: wrapped, groups: 'all' };
      }
    }
    return undefined;
  }

  private emit(chain: Chain, s: number): void {
    const { list } = this;
    if (!chain.parts.length) return;
    const lastGroup = chain.parts[chain.parts.length - 1]!.group;
    const format = this.formatOf(s, chain.end, lastGroup);
    const regions: EmbeddedRegion[] = [];
    let prevHole = false;
    for (const p of chain.parts) {
      if ('lit' in p) {
        this.used[p.lit] = 1;
        let v = list[p.lit]!.v ?? sliceRegion('', 0, 0);
        if (format && (format.groups === 'all' || format.groups === p.group)) v = applyFormat(v, format.kind);
        regions.push(v);
        prevHole = false;
      } else {
        // adjacent non-literal operands (a + b + "c") make one hole
        if (prevHole) regions[regions.length - 1] = hole(regions[regions.length - 1]!.offsets[0]!, p.hole[1]);
        else regions.push(hole(p.hole[0], p.hole[1]));
        prevHole = true;
      }
    }
    selectRegions(concatRegions(regions), this.out);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Format placeholders

type FormatKind = 'java' | 'go' | 'percent' | 'brace';

/** Length of a printf conversion at t[i] (the `%`), or 0 when it is none. Java and Go flavours. */
function printfSpec(t: string, i: number, kind: 'java' | 'go' | 'percent'): number {
  let k = i + 1;
  const digits = (): void => {
    while (isDigit(t.charCodeAt(k))) k++;
  };
  const goIndex = (): void => {
    if (kind === 'go' && t[k] === '[') {
      const close = indexWithin(t, ']', k, 6);
      if (close > 0) k = close + 1;
    }
  };
  if (kind === 'percent' && t[k] === '(') {
    const close = indexWithin(t, ')', k, 100);
    if (close < 0) return 0;
    k = close + 1;
  }
  if (kind === 'java') {
    const save = k;
    digits();
    if (t[k] === '$') k++;
    else k = save;
    if (t[k] === '<') k++;
  }
  goIndex();
  const flags = kind === 'java' ? '-#+ 0,(' : kind === 'go' ? '+-# 0' : '#0- +';
  while (k < t.length && flags.includes(t[k]!)) k++;
  goIndex();
  if (t[k] === '*' && kind !== 'java') k++;
  else digits();
  if (t[k] === '.') {
    k++;
    goIndex();
    if (t[k] === '*' && kind !== 'java') k++;
    else digits();
  }
  goIndex();
  if (kind === 'percent') while (t[k] === 'h' || t[k] === 'l' || t[k] === 'L') k++;
  const conv = t[k];
  if (conv === undefined) return 0;
  if (kind === 'percent') return 'diouxXeEfFgGcrsab'.includes(conv) ? k + 1 - i : 0;
  if (!/[a-zA-Z]/.test(conv)) return 0;
  if (kind === 'java' && (conv === 't' || conv === 'T')) return /[a-zA-Z]/.test(t[k + 1] ?? '') ? k + 2 - i : 0;
  return k + 1 - i;
}

/** Replaces the placeholders of a format string by holes (`%%` → `%`, `{{` → `{`). */
function applyFormat(v: EmbeddedRegion, kind: FormatKind): EmbeddedRegion {
  const t = v.text;
  const o = v.offsets;
  const b = new RegionBuilder();
  let i = 0;
  while (i < t.length) {
    const c = t[i]!;
    if (kind === 'brace') {
      if ((c === '{' && t[i + 1] === '{') || (c === '}' && t[i + 1] === '}')) {
        b.push(c, o[i]!);
        i += 2;
        continue;
      }
      if (c === '{') {
        // {0} {} {name} {0[1]} {x!r} {x:>{width}}: one level of nested fields in the spec (Python allows no
        // more, and stopping at a second level keeps the scan linear)
        let d = 0;
        let k = i + 1;
        for (; k < t.length; k++) {
          if (t[k] === '{') {
            if (++d > 1) break;
          } else if (t[k] === '}') {
            if (d === 0) break;
            d--;
          }
        }
        if (k < t.length && t[k] === '}') {
          b.push(HOLE, o[i]!);
          i = k + 1;
          continue;
        }
      }
    } else if (c === '%') {
      if (t[i + 1] === '%') {
        b.push('%', o[i]!);
        i += 2;
        continue;
      }
      const len = printfSpec(t, i, kind);
      if (len > 0) {
        b.push(HOLE, o[i]!);
        i += len;
        continue;
      }
    }
    b.push(c, o[i]!);
    i++;
  }
  return b.finish(o[t.length]!);
}

/** Regions and comments of a Java, Python, Go, JavaScript or TypeScript source. */
export function scanCode(text: string, lang: CodeLanguage): ScanResult {
  const { lists, comments } = lex(text, lang);
  const regions: EmbeddedRegion[] = [];
  for (const list of lists) if (list.some((t) => t.k === 'str')) new Joiner(list, lang, regions).run();
  // a literal inside a template's ${…} or inside a joined operand lies within the outer region: keep the outer
  return { regions: finishRegions(regions), comments };
}
