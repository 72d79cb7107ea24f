import { TARGET_VARIABLES } from '../catalog';
import type { ActionSpec, Condition, ParamSpec } from '../catalog/types';
import { encodeBase64Url, utf8Encode } from '../text/base64';
import { utf8Step } from '../text/utf8';
import { ALIASES, KNOWN_EXTENSIONS } from './targets';

/**
 * Classes of base64 values, for the fast path (fast.ts): a value whose every check passes is replaced in a
 * shape by a short class that holds all that any rule reads of it, so that the lines of a preset file which
 * differ only in their object keys (`outobjprefix/1.{autoext}`, `outobjprefix/2.{autoext}`, …) share one shape.
 *
 * `compileTargetClass(action, spec)` compiles, once per parameter, a classifier of the values written for the
 * parameter `spec` of `action`; it is undefined for a parameter no value of which is classified (not base64,
 * positional, or compared by a relation's condition). The classifier `(text, start, end, sourceKey)` reads the
 * value text[start, end) — as written, no key, no `_` — and answers its class, or undefined when the value must
 * stay verbatim. `sourceKey` is `CheckOptions.sourceKey`: a class holds under those options only.
 *
 * The contract, which the fast path relies on: take a simple string (syntax/scan.ts) that writes every product,
 * action and key as the catalog has them (so no case is folded and no action continues a value after a `/`),
 * each key once per action, and another that differs from it only in one value of such a parameter, both
 * values with the same (defined) class under `sourceKey`. Then the full path (`checkFully`, options with that `sourceKey`) gives both the same
 * diagnostics: the same rules, severities, messages, fixes and related notes, their ranges shifted by the
 * difference in length — except where a message or a fix's title quotes the value itself (`o_…`, its decoded
 * text). In particular one is clean exactly when the other is. (A key written twice in one action is outside
 * it: `duplicate-parameter` is reported either way, but says whether the two values are equal.)
 *
 * A class is given only where targets.ts reports nothing that depends on the value alone: the value is URL-safe
 * base64 (no `+`, `/`, `=`), at most MAX_CHARS long, of UTF-8 text without control characters or U+FFFD, and
 * what it decodes to is valid as what it is (balanced braces and known variables, a bucket name's characters
 * and shape, an object key's length and first character, a topic name, a font of the list, a text's bytes),
 * and the watermark image's extension is one it accepts (combinations.ts). What is left in the class is read
 * by a rule together with the rest of the string, which the shape holds verbatim:
 *
 * - sys/saveas `o`: the extension of the name, as targets.ts `extension()` compares it with the output format
 *   (the last literal part's text after its last `.`, lowered, aliases folded; only the KNOWN_EXTENSIONS, and
 *   none when the name ends with a variable such as `{autoext}`), and whether combinations.ts
 *   `manyOutputsOneTarget` sees a suffix (`/\.[A-Za-z0-9]{2,4}$/` and no `{index}`): `o`, `os`, `o:mp4`,
 *   `os:mp4`. A name that is the source (`overwrite()`: sourceKey itself, `{key}`, `{dirname}/{basename}`) is
 *   not classified, nor is a bucket `{bucket}`, which `overwrite()` reads. Nor is a key ending with `/` (a
 *   directory), nor one whose extension has a character past ASCII: targets.ts says nothing of them, but they
 *   are rare, and left to the full path at no cost to the contract.
 * - image/watermark `image`: with `?x-oss-process=`, the processing after it, which nested.ts checks as a string
 *   of its own (`i:` and that text in base64url); else `i`.
 * - anything else: one class per kind (`b` bucket, `o` object key elsewhere, `t` topic, `f` font, `x` text, `v`).
 *
 * A class is printable ASCII of the base64url alphabet and `:` (never `,`, `/`, `|` or `\u0000`), starts with
 * a letter, and is at most a few characters long but for a nested processing. It can equal a value as written
 * (`o` is base64 too): the shape must mark it (`\u0000` and the class), so that it cannot stand for a value left
 * verbatim. The classifier allocates nothing for a value it classifies, but for a nested processing.
 */
export type TargetClassifier = (text: string, start: number, end: number, sourceKey?: string) => string | undefined;

/** Longer values are left verbatim (an object key's limit, 1023 bytes, is 1364 characters of base64). */
export const MAX_CHARS = 1024;
/** A watermark image's processing longer than this is left verbatim. */
const MAX_NESTED = 256;

const compiled = new WeakMap<ActionSpec, Map<ParamSpec, TargetClassifier | undefined>>();

/** `compileTargetClass(action, spec)`, compiled once per parameter, applied to one value. */
export function targetClass(action: ActionSpec, spec: ParamSpec, text: string, start: number, end: number, sourceKey?: string): string | undefined {
  let forAction = compiled.get(action);
  if (!forAction) compiled.set(action, (forAction = new Map()));
  let classify = forAction.get(spec);
  if (classify === undefined && !forAction.has(spec)) forAction.set(spec, (classify = compileTargetClass(action, spec)));
  return classify?.(text, start, end, sourceKey);
}

export function compileTargetClass(action: ActionSpec, spec: ParamSpec): TargetClassifier | undefined {
  if (spec.type !== 'base64' || spec.positional) return undefined;
  // a relation that compares the value (`when: {param, values}`) reads it whole: it stays verbatim
  for (const r of action.relations ?? []) if ('when' in r && compares(r.when, spec.key)) return undefined;
  switch (spec.decoded) {
    case 'object':
      return action.product === 'sys' && action.name === 'saveas' ? saveasObject : object;
    case 'bucket':
      return bucket;
    case 'topic':
      return topic;
    case 'font':
      return fontOf(spec);
    case 'text':
      return textOf(spec);
    case 'process-ref':
      return processRef;
    default:
      return plain;
  }
}

function compares(c: Condition, key: string): boolean {
  return (c.param === key && c.values !== undefined) || (c.and ?? []).some((x) => compares(x, key));
}

// --- decoding: base64url over char codes into one reused buffer ---

/** The digit of each UTF-16 code unit, -1 outside the URL-safe alphabet (so `+`, `/`, `=` too). */
const DIGIT = new Int8Array(65536).fill(-1);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
for (let i = 0; i < 64; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

const B = new Uint8Array((MAX_CHARS * 3) >> 2);

/**
 * Decodes text[start, end) into B as readBase64 does (trailing bits ignored); the byte count, or -1 when the
 * value is empty, too long, has a character outside the URL-safe alphabet, or has a length base64 cannot have.
 */
function decode(text: string, start: number, end: number): number {
  const length = end - start;
  if (length <= 0 || length > MAX_CHARS || end > text.length || start < 0 || (length & 3) === 1) return -1;
  let n = 0;
  let i = start;
  for (const full = start + (length & ~3); i < full; i += 4) {
    const a = DIGIT[text.charCodeAt(i)]!;
    const b = DIGIT[text.charCodeAt(i + 1)]!;
    const c = DIGIT[text.charCodeAt(i + 2)]!;
    const d = DIGIT[text.charCodeAt(i + 3)]!;
    if ((a | b | c | d) < 0) return -1;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    B[n++] = v >> 16;
    B[n++] = v >> 8;
    B[n++] = v;
  }
  const rest = end - i;
  if (rest > 0) {
    const a = DIGIT[text.charCodeAt(i)]!;
    const b = DIGIT[text.charCodeAt(i + 1)]!;
    const c = rest === 3 ? DIGIT[text.charCodeAt(i + 2)]! : 0;
    if ((a | b | c) < 0) return -1;
    const v = (a << 18) | (b << 12) | (c << 6);
    B[n++] = v >> 16;
    if (rest === 3) B[n++] = v >> 8;
  }
  return n;
}

/** The length of the character past ASCII at B[i] when it is strict UTF-8 (text/utf8.ts) and not U+FFFD; 0 otherwise. */
function wideAt(i: number, n: number): number {
  const step = utf8Step(B, i, n);
  return step < 0 || step >> 3 === 0xfffd ? 0 : step & 7;
}

/** Whether B[0, n) is UTF-8 text without control characters (C0, DEL) or U+FFFD; `ascii`: all of it ASCII. */
let ascii = true;
function isText(n: number): boolean {
  ascii = true;
  for (let i = 0; i < n; ) {
    const c = B[i]!;
    if (c < 0x80) {
      if (c < 0x20 || c === 0x7f) return false;
      i++;
    } else {
      const width = wideAt(i, n);
      if (width === 0) return false;
      ascii = false;
      i += width;
    }
  }
  return true;
}

/** Decodes and checks the text: the byte count in B, or -1. */
function decodeText(text: string, start: number, end: number): number {
  const n = decode(text, start, end);
  return n > 0 && isText(n) ? n : -1;
}

// --- templates (template.ts `readTemplate`, over the bytes) ---

const OPEN = 123;
const CLOSE = 125;
const DOT = 46;
const SLASH = 47;

/** The variables targets.ts knows, as bytes, by length. */
const VARIABLES: Uint8Array[][] = [];
for (const v of TARGET_VARIABLES) (VARIABLES[v.name.length] ??= []).push(Uint8Array.from(utf8Encode(v.name)));
const TAGS = Uint8Array.from(utf8Encode('tags.'));

function bytesAt(at: number, length: number, word: Uint8Array): boolean {
  if (word.length > length) return false;
  for (let k = 0; k < word.length; k++) if (B[at + k] !== word[k]) return false;
  return true;
}

/** A variable targets.ts `templateOk` accepts: one of TARGET_VARIABLES, or `tags.` and a name. */
function knownVariable(at: number, length: number): boolean {
  for (const name of VARIABLES[length] ?? []) if (bytesAt(at, length, name)) return true;
  return length > TAGS.length && bytesAt(at, length, TAGS);
}

/** What readTarget found (module state: no allocation per value). */
/** UTF-8 bytes of the literal text (a doubled brace is one). */
let literalBytes = 0;
let variables = 0;
/** Every literal character is one of a bucket name's (`a-z0-9-`). */
let bucketChars = true;
/**
 * The extension targets.ts `extension()` reads, lowered: its characters packed 7 bits each (at most 4 of
 * them), 0 when there is none to read (the name ends with a variable, has no `.` in its last literal part or a
 * `/` after it), -1 when it is longer than 4 characters (no known extension), -2 when it holds a character past
 * ASCII (whose lowering this does not model).
 */
let extension = 0;

/**
 * Reads B[0, n) as text (as isText) and a template (as readTemplate), in one pass; false when it is not text,
 * braces do not balance or a variable is unknown.
 */
function readTarget(n: number): boolean {
  let literal = 0;
  let vars = 0;
  let lower = true;
  let dot = false;
  let ext = 0;
  let extLength = 0;
  let wide = false;
  let endsWithVariable = false;
  for (let i = 0; i < n; ) {
    let c = B[i]!;
    if (c >= 0x80) {
      // a character past ASCII: literal text, never a bucket's, and an extension this does not lower
      const width = wideAt(i, n);
      if (width === 0) return false;
      i += width;
      literal += width;
      endsWithVariable = false;
      lower = false;
      if (dot) wide = true;
      continue;
    }
    if (c < 0x20 || c === 0x7f) return false;
    if ((c === OPEN || c === CLOSE) && i + 1 < n && B[i + 1] === c) {
      i += 2;
    } else if (c === CLOSE) {
      return false;
    } else if (c === OPEN) {
      let close = i + 1;
      while (close < n) {
        const x = B[close]!;
        if (x === CLOSE) break;
        if (x === OPEN || x < 0x20 || x === 0x7f) return false;
        if (x < 0x80) close++;
        else {
          const width = wideAt(close, n);
          if (width === 0) return false;
          close += width;
        }
      }
      if (close >= n || !knownVariable(i + 1, close - i - 1)) return false;
      vars++;
      endsWithVariable = true;
      dot = false;
      i = close + 1;
      continue;
    } else {
      i++;
    }
    // one literal ASCII character
    literal++;
    endsWithVariable = false;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) lower = false;
    if (c === DOT) {
      dot = true;
      ext = 0;
      extLength = 0;
      wide = false;
    } else if (c === SLASH) {
      dot = false;
    } else if (dot && extLength < 5) {
      if (c >= 65 && c <= 90) c += 32;
      ext = ext * 128 + c;
      extLength++;
    }
  }
  literalBytes = literal;
  variables = vars;
  bucketChars = lower;
  extension = endsWithVariable || !dot ? 0 : wide ? -2 : extLength > 4 ? -1 : extLength === 0 ? 0 : ext;
  return true;
}

const pack = (s: string) => [...s].reduce((n, ch) => n * 128 + ch.charCodeAt(0), 0);

/** The classes of saveas object keys by packed extension: [no suffix, suffix]. */
const SAVEAS_BY_EXTENSION = new Map<number, readonly [string, string]>();
for (const ext of [...KNOWN_EXTENSIONS, ...ALIASES.keys()]) {
  const norm = ALIASES.get(ext) ?? ext;
  if (KNOWN_EXTENSIONS.has(norm) && /^[a-z0-9]{1,4}$/.test(ext)) SAVEAS_BY_EXTENSION.set(pack(ext), [`o:${norm}`, `os:${norm}`]);
}
const SAVEAS_NONE = ['o', 'os'] as const;

const KEY = Uint8Array.from(utf8Encode('{key}'));
const DIR_BASE = Uint8Array.from(utf8Encode('{dirname}/{basename}'));
const INDEX = Uint8Array.from(utf8Encode('{index}'));
const BUCKET_VARIABLE = Uint8Array.from(utf8Encode('{bucket}'));

const equals = (n: number, word: Uint8Array) => n === word.length && bytesAt(0, n, word);

function contains(n: number, word: Uint8Array): boolean {
  const first = word[0];
  for (let i = 0; i + word.length <= n; i++) if (B[i] === first && bytesAt(i, n - i, word)) return true;
  return false;
}

let sourceText: string | undefined;
let sourceBytes = new Uint8Array(0);
function isSource(n: number, sourceKey: string | undefined): boolean {
  if (!sourceKey) return false;
  if (sourceKey !== sourceText) {
    sourceText = sourceKey;
    sourceBytes = Uint8Array.from(utf8Encode(sourceKey));
  }
  return equals(n, sourceBytes);
}

/** targets.ts `object()`'s checks: 1 to 1023 bytes (a variable counting one), not starting with `/` or `\`. */
function objectOk(n: number): boolean {
  if (n <= 0 || !readTarget(n)) return false;
  const bytes = literalBytes + variables;
  const first = B[0]!;
  // a key ending with '/' names a directory: not classified, whatever the rules say of it
  return bytes >= 1 && bytes <= 1023 && first !== SLASH && first !== 92 && B[n - 1] !== SLASH;
}

function object(text: string, start: number, end: number): string | undefined {
  return objectOk(decode(text, start, end)) ? 'o' : undefined;
}

function saveasObject(text: string, start: number, end: number, sourceKey?: string): string | undefined {
  const n = decode(text, start, end);
  if (!objectOk(n) || extension < -1) return undefined;
  // overwrite(): a name that is the source object
  if (equals(n, KEY) || equals(n, DIR_BASE) || isSource(n, sourceKey)) return undefined;
  // manyOutputsOneTarget(): /\.[A-Za-z0-9]{2,4}$/ on the decoded text, unless it holds '{index}'
  let run = 0;
  for (let i = n - 1; i >= 0 && run < 5; i--, run++) {
    const c = B[i]!;
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
  }
  const suffix = run >= 2 && run <= 4 && B[n - run - 1] === DOT && !contains(n, INDEX);
  const classes = (extension > 0 && SAVEAS_BY_EXTENSION.get(extension)) || SAVEAS_NONE;
  return classes[suffix ? 1 : 0];
}

function bucket(text: string, start: number, end: number): string | undefined {
  const n = decode(text, start, end);
  if (n <= 0 || !readTarget(n) || !bucketChars || equals(n, BUCKET_VARIABLE)) return undefined;
  if (variables === 0) {
    const first = B[0]!;
    const last = B[n - 1]!;
    if (n < 3 || n > 63 || first === 45 || last === 45) return undefined;
  }
  return 'b';
}

/** `/^[A-Za-z][A-Za-z0-9-]{0,119}$/`. */
function topic(text: string, start: number, end: number): string | undefined {
  const n = decodeText(text, start, end);
  if (n < 1 || n > 120) return undefined;
  for (let i = 0; i < n; i++) {
    const c = B[i]!;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letter && (i === 0 || !((c >= 48 && c <= 57) || c === 45))) return undefined;
  }
  return 't';
}

function fontOf(spec: ParamSpec): TargetClassifier {
  const fonts = (spec.values ?? []).map((v) => Uint8Array.from(utf8Encode(v.value)));
  return (text, start, end) => {
    const n = decodeText(text, start, end);
    if (n < 0) return undefined;
    if (fonts.length === 0) return 'f';
    for (const f of fonts) if (equals(n, f)) return 'f';
    return undefined;
  };
}

/** A text within its limit, as targets.ts counts it: UTF-8 bytes, or characters where the unit says so. */
function textOf(spec: ParamSpec): TargetClassifier {
  const max = spec.max ?? Infinity;
  const chars = spec.unit === 'characters';
  return (text, start, end) => {
    const n = decodeText(text, start, end);
    return n < 0 || (chars ? codePoints(n) : n) > max ? undefined : 'x';
  };
}

/** The characters of the n valid UTF-8 bytes in B: every byte but a continuation byte starts one. */
function codePoints(n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if ((B[i]! & 0xc0) !== 0x80) count++;
  return count;
}

function plain(text: string, start: number, end: number): string | undefined {
  return decodeText(text, start, end) < 0 ? undefined : 'v';
}

/** Watermark images combinations.ts `watermarkFormat` accepts, lowered and packed. */
const WATERMARK_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'bmp', 'webp', 'tiff', 'tif'].map(pack));
const MARKER = Uint8Array.from(utf8Encode('?x-oss-process='));
const QUESTION = 63;

/** An image watermark's key, `?x-oss-process=` and the processing nested.ts checks. */
function processRef(text: string, start: number, end: number): string | undefined {
  const n = decodeText(text, start, end);
  if (n < 0) return undefined;
  // watermarkFormat(): the extension of the text before the first '?', /\.([A-Za-z0-9]+)$/
  let key = 0;
  while (key < n && B[key] !== QUESTION) key++;
  let ext = 0;
  let run = 0;
  for (let i = key - 1; i >= 0; i--, run++) {
    let c = B[i]!;
    if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122))) break;
    if (run < 5) ext += c * 128 ** run;
  }
  if (run > 0 && B[key - run - 1] === DOT && (run > 4 || !WATERMARK_EXTENSIONS.has(ext))) return undefined;
  if (key === n) return 'i';
  // checkNested(): the first '?x-oss-process=' (not necessarily at the first '?')
  let at = key;
  for (; at + MARKER.length <= n; at++) if (B[at] === QUESTION && bytesAt(at, n - at, MARKER)) break;
  if (at + MARKER.length > n) return 'i';
  const from = at + MARKER.length;
  if (!ascii || n - from > MAX_NESTED) return undefined;
  let inner = '';
  for (let i = from; i < n; i++) inner += String.fromCharCode(B[i]!);
  return `i:${encodeBase64Url(inner)}`;
}
