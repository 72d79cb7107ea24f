import { PRODUCTS } from '../catalog';
import type { ActionSpec, Condition, ParamSpec } from '../catalog/types';
import { ASYNC, EMPTY, emptyStages, FIRST_STAGE, LAYOUT, PREFIX_END, scan, STAGE_COUNT } from '../syntax/scan';
import { readBase64, encodeBase64Url } from '../text/base64';
import { related } from './findings';
import { ownCopy } from './memo';
import type { TextEdit } from '../text/range';
import { compileTargetClass, type TargetClassifier } from './targetClass';
import { outOfRange } from './params';

/**
 * The fast path: the catalog compiled once (on first use) into a validator per `product/action` — its keys and
 * positional values, each value's test specialised by type — which reads a string's layout (syntax/scan.ts) and
 * gives its *shape*: the string with every value left out that the rule families cannot tell from another of its
 * class.
 *
 * A value is *opaque* when no rule reads it except its own form-and-range check (params.ts `checkValue`), and its
 * compiled test passes only where that check is silent: it becomes OPAQUE. A base64 value every check of which
 * passes becomes its class (targetClass.ts: what the rules read of it, such as an object name's extension).
 * Everything else — names, keys, positions, every value some rule reads (codecs, modes, the parameters
 * conditions test), a value failing its test, anything the catalog does not name — stays verbatim, so the full
 * path has judged exactly that. Two strings of one shape then differ only in values no rule tells apart, and
 * `check()` answers a string of a known shape from what the full path found for an earlier one: nothing, for a
 * clean shape, or a findings template (findings.ts) filled in with the string's own values. A shape is found by
 * its hash (`layOut`) and compared in place (`hasShape`), so the hot path makes no string.
 */

/**
 * What the rule families read of a value beyond its own check, from check/*.ts (`written(`, `value(`,
 * `byKey.get(`, `holds(`, values read from nodes); a test holds this list to the literal keys those calls name.
 * Beside it the catalog decides: every base64 value (targets.ts decodes it) and every parameter a relation's
 * condition compares (`holds`, a condition with `values`) is read. `when`: read only where the condition holds.
 */
interface Read {
  product?: string;
  action?: string;
  /** Keys; `positional` for the action's positional values. */
  keys?: readonly string[];
  positional?: boolean;
  when?: Condition;
  where: string;
}
export const READS: readonly Read[] = [
  { keys: ['f', 'vn', 'an', 'vcodec', 'acodec', 'ar', 'ac', 'pixfmt'], where: 'media.ts: container, codec, sample-rate, channel and pixel-format truth, any action' },
  { keys: ['f', 'target'], where: "targets.ts: the output format a saveas target's extension must match, any action" },
  { action: 'format', positional: true, where: 'combinations.ts, targets.ts: the output format (format,png)' },
  { keys: ['o', 'b', 'image', 'P'], where: 'targets.ts, combinations.ts, nested.ts (base64 targets; P in a message)' },
  { product: 'image', action: 'resize', keys: ['m'], where: 'combinations.ts: the output size limit' },
  { product: 'image', action: 'resize', keys: ['w', 'h'], when: { param: 'm', values: ['fixed', 'fill', 'pad'] }, where: 'combinations.ts: w × h against the output size limit in the exact modes' },
  { product: 'image', action: 'watermark', keys: ['g', 'x', 'y', 'voffset'], when: { param: 'image', present: true }, where: 'combinations.ts: image watermarks must not overlap' },
  { product: 'video', action: 'sprite', keys: ['m', 'num'], where: 'combinations.ts: m_avg needs num' },
];

/** Stands for an opaque value in a shape: no simple string holds it. */
const OPAQUE = '\u0000';

type Test = (text: string, start: number, end: number) => boolean;
/** A condition on the parameters of the action just laid out (`stamp`), whose first parameter's slot is `first`. */
type Holds = (text: string, L: Int32Array, first: number, params: number) => boolean;

interface CompiledParam {
  spec: ParamSpec;
  /** Its index in the action's parameters: what the shape's hash holds for its key. */
  id: number;
  /** Where it was first written in the action last shaped (its `seen`): the slot a condition on it reads. */
  at: number;
  /** Passes only where params.ts `checkValue` reports nothing (it may fail more: the full path then decides). */
  test: Test;
  /** Read by no rule but its own check, whatever else the action says. */
  opaque: boolean;
  /** Read where one of the action's conditions in this mask holds (READS with `when`). */
  readWhen: number;
  /** The last action (`stamp`) it was written in, and the last it was written in twice. */
  seen: number;
  twice: number;
  /** Values that pass its test, made when a findings template first needs another value for it. */
  alternatives?: string[];
  /** A base64 value's class (targetClass.ts), which stands for it in the shape where it has one. */
  classify?: TargetClassifier;
  /** The last value classified, under which source key, and its class id (`classOf`). */
  lastValue?: string;
  lastSource?: string;
  lastClass: number;
}

interface CompiledAction {
  spec: ActionSpec;
  keys: Lexicon<CompiledParam>;
  positional: CompiledParam[];
  /** The conditions some parameter's opacity depends on (READS with `when`): judged once per action written. */
  conditions: Holds[];
}

/**
 * Names looked up by their characters in the text, exactly as written: no substring, no string hashing. A name
 * is known by its length and first and last characters (one open-addressed table), then compared in full.
 */
class Lexicon<T> {
  private readonly names: string[] = [];
  private readonly items: T[] = [];
  private codes = new Int32Array(0);
  /** Entry index + 1 by hash; 0 is empty. */
  private table = new Int32Array(1);
  private mask = 0;

  /** A name given again replaces the first, as a Map's key would (the catalog's indexes are Maps). */
  add(name: string, item: T): void {
    // a name outside printable ASCII never matches a simple string (scan.ts)
    if (!/^[\x21-\x7e]+$/.test(name)) return;
    const again = this.names.indexOf(name);
    if (again !== -1) {
      this.items[again] = item;
      return;
    }
    this.names.push(name);
    this.items.push(item);
    let size = 4;
    while (size < 4 * this.names.length) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size);
    this.codes = new Int32Array(this.names.length);
    this.names.forEach((n, i) => {
      const code = codeOf(n.length, n.charCodeAt(0), n.charCodeAt(n.length - 1));
      this.codes[i] = code;
      let h = hashOf(code) & this.mask;
      while (this.table[h] !== 0) h = (h + 1) & this.mask;
      this.table[h] = i + 1;
    });
  }

  find(text: string, start: number, end: number): T | undefined {
    const code = codeOf(end - start, text.charCodeAt(start), text.charCodeAt(end - 1));
    for (let h = hashOf(code) & this.mask; ; h = (h + 1) & this.mask) {
      const at = this.table[h]!;
      if (at === 0) return undefined;
      if (this.codes[at - 1] === code && (end - start < 3 || middleSame(text, start, end, this.names[at - 1]!))) return this.items[at - 1];
    }
  }
}
/** Whether text[start, end) and `name` (of its length, first and last characters) agree in between. */
function middleSame(text: string, start: number, end: number, name: string): boolean {
  for (let i = start + 1, j = 1; i < end - 1; i++, j++) if (text.charCodeAt(i) !== name.charCodeAt(j)) return false;
  return true;
}

const codeOf = (length: number, first: number, last: number) => (length << 16) | ((first & 255) << 8) | (last & 255);
const hashOf = (code: number) => Math.imul(code, 0x9e3779b1) >>> 16;

const INT_LIMIT = Number.MAX_SAFE_INTEGER;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The integer spelled by text[start, end) (`[+-]?\d+`, as params.ts reads it), or NaN. */
function readInt(text: string, start: number, end: number): number {
  let i = start;
  let sign = 1;
  const c0 = text.charCodeAt(i);
  if (c0 === 43 || c0 === 45) {
    sign = c0 === 45 ? -1 : 1;
    i++;
  }
  if (i === end) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
    if (n > INT_LIMIT) return NaN; // past exact arithmetic: the full path judges it
  }
  return sign * n;
}

/** Digits only (a side of a size), or NaN; an empty side is -1. */
function readSide(text: string, start: number, end: number): number {
  if (start === end) return -1;
  const c = text.charCodeAt(start);
  return c === 43 || c === 45 ? NaN : readInt(text, start, end);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * What params.ts `outOfRange` reads of a parameter, in one object shape for every parameter (the catalog's
 * objects have many shapes, which would make each read a slow lookup); a test holds the two readings equal.
 */
export function boundsOf(ps: ParamSpec): ParamSpec {
  return { key: ps.key, type: ps.type, doc: '', min: ps.min, max: ps.max, minExclusive: ps.minExclusive, multipleOf: ps.multipleOf };
}

/** The compiled form of params.ts `checkValue` for one parameter. */
function testOf(ps: ParamSpec): Test {
  const bounds = boundsOf(ps);
  const words = new Lexicon<true>();
  for (const w of ps.words ?? []) words.add(w.value, true);
  const word: Test = ps.words?.length ? (t, a, b) => words.find(t, a, b) !== undefined : () => false;
  switch (ps.type) {
    case 'int':
      return (t, a, b) => {
        if (word(t, a, b)) return true;
        const n = readInt(t, a, b);
        return n === n && !outOfRange(n, bounds);
      };
    case 'float':
      return (t, a, b) => {
        if (word(t, a, b)) return true;
        // an integer needs no substring; a decimal is read as params.ts reads it
        const n = readInt(t, a, b);
        if (n === n) return !outOfRange(n, bounds);
        const s = t.slice(a, b);
        return FLOAT.test(s) && !outOfRange(Number(s), bounds);
      };
    case 'enum': {
      // the documented values only: an alias (`jpeg`) is a warning, and a value in the wrong case an error
      const values = new Lexicon<true>();
      for (const v of ps.values ?? []) values.add(v.value, true);
      return (t, a, b) => values.find(t, a, b) !== undefined;
    }
    case 'size': {
      const optional = !!ps.sizeOptional;
      return (t, a, b) => {
        const x = t.indexOf('x', a);
        if (x === -1 || x >= b) return false;
        const w = readSide(t, a, x);
        const h = readSide(t, x + 1, b);
        if (w !== w || h !== h || (w === -1 && h === -1) || (!optional && (w === -1 || h === -1))) return false;
        return (w === -1 || !outOfRange(w, bounds)) && (h === -1 || !outOfRange(h, bounds));
      };
    }
    case 'color':
      return (t, a, b) => {
        if (b - a !== 6) return false;
        for (let i = a; i < b; i++) if (!isHex(t.charCodeAt(i))) return false;
        return true;
      };
    case 'string': {
      const regex = ps.pattern?.regex;
      if (!regex) return () => true;
      // a stateful (global or sticky) pattern would make the test depend on the last call
      const own = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
      return (t, a, b) => own.test(t.slice(a, b));
    }
    case 'base64':
      // never opaque: targets.ts decodes it, and the shape holds it as written
      return () => true;
  }
}

/** The parameters a relation's condition compares by value (a `present` test reads only that it is written). */
function comparedBy(c: Condition, out: Set<string>): void {
  if (c.values) out.add(c.param);
  for (const x of c.and ?? []) comparedBy(x, out);
}

function compileAction(spec: ActionSpec): CompiledAction {
  const compared = new Set<string>();
  for (const r of spec.relations ?? []) if ('when' in r) comparedBy(r.when, compared);
  const reads = READS.filter((r) => (r.product === undefined || r.product === spec.product) && (r.action === undefined || r.action === spec.name));
  const conditions: ((keys: Lexicon<CompiledParam>) => Holds)[] = [];
  const compile = (ps: ParamSpec): CompiledParam => {
    const mine = reads.filter((r) => (ps.positional ? r.positional : r.keys?.includes(ps.key)));
    const when = mine.filter((r) => r.when).map((r) => r.when!);
    const always = mine.some((r) => !r.when);
    // a condition's own parameters stay verbatim, so that the shape decides the condition
    let readWhen = 0;
    for (const c of when) {
      conditionParams(c, compared);
      readWhen |= 1 << conditions.length;
      conditions.push(holdsOf(c, spec));
    }
    const classify = ps.type === 'base64' ? compileTargetClass(spec, ps) : undefined;
    return { spec: ps, id: spec.params.indexOf(ps), at: -1, test: testOf(ps), opaque: ps.type !== 'base64' && !always, readWhen, seen: 0, twice: 0, classify, lastClass: -1 };
  };
  const compiled = spec.params.map((ps) => ({ ps, c: compile(ps) }));
  const keys = new Lexicon<CompiledParam>();
  const positional: CompiledParam[] = [];
  for (const { ps, c } of compiled) {
    if (!ps.positional && compared.has(ps.key)) c.opaque = false;
    if (ps.positional) positional.push(c);
    else keys.add(ps.key, c);
  }
  // a mask of 31 bits: more conditions on one action would be read as always holding (never opaque)
  if (conditions.length > 31) for (const { c } of compiled) if (c.readWhen) c.opaque = false;
  return { spec, keys, positional, conditions: conditions.map((h) => h(keys)) };
}

function conditionParams(c: Condition, out: Set<string>): void {
  out.add(c.param);
  for (const x of c.and ?? []) conditionParams(x, out);
}

/** An action of the catalog, compiled when a string first names it (most runs name a few of 150). */
interface Entry {
  spec: ActionSpec;
  /** Its index in its product's actions, and the product's: what the shape's hash holds for the names. */
  id: number;
  compiled?: CompiledAction;
}
interface ProductEntry {
  id: number;
  actions: Lexicon<Entry>;
}
const compiledOf = (e: Entry): CompiledAction => (e.compiled ??= compileAction(e.spec));

let compiled: Lexicon<ProductEntry> | undefined;

/** The catalog as validators: product name → action name → its (lazily) compiled action. */
function catalog(): Lexicon<ProductEntry> {
  if (compiled) return compiled;
  compiled = new Lexicon();
  PRODUCTS.forEach((product, id) => {
    const actions = new Lexicon<Entry>();
    product.actions.forEach((a, i) => actions.add(a.name, { spec: a, id: i }));
    compiled!.add(product.name, { id, actions });
  });
  return compiled;
}

export const MAX_LENGTH = 16 * 1024;

/** Reused per action: the compiled parameter of each written parameter (null: a key the action does not know). */
let slots: (CompiledParam | null)[] = [];
/** Reused per action: whether each written value passed its test. */
let passed: boolean[] = [];
/** Counts the actions shaped, so that a parameter can tell it was already written in this one (`seen`). */
let stamp = 0;

/**
 * The opaque values of the last shape, as start, end pairs in order (`spans()` copies them), and the parameter
 * each belongs to (null: the digits of a key the action does not know).
 */
let SPANS = new Int32Array(64);
let spanCount = 0;
let spanParams: (CompiledParam | null)[] = [];

function addSpan(start: number, end: number, c: CompiledParam | null, cls: number): void {
  if (2 * spanCount + 2 > SPANS.length) {
    const bigger = new Int32Array(SPANS.length * 2);
    bigger.set(SPANS);
    SPANS = bigger;
    const classes = new Uint16Array(SPANS.length);
    classes.set(SPAN_CLASS);
    SPAN_CLASS = classes;
  }
  SPAN_CLASS[spanCount] = cls;
  SPANS[2 * spanCount] = start;
  SPANS[2 * spanCount + 1] = end;
  spanParams[spanCount++] = c;
}

/** The opaque values of the string last laid out (`layOut`, `shapeOf`), as start, end pairs. */
export function spans(): Int32Array {
  return SPANS.slice(0, 2 * spanCount);
}

/** The same in place, no copy: read it before anything is laid out again (a template filled in at once). */
export function liveSpans(): Int32Array {
  return SPANS;
}

/** The values a string leaves out: where each is, its parameter and its class (a copy of the last layout's). */
export interface LeftOut {
  spans: Int32Array;
  params: (CompiledParam | null)[];
  classes: Uint16Array;
}

export function leftOut(): LeftOut {
  return { spans: spans(), params: spanParams.slice(0, spanCount), classes: SPAN_CLASS.slice(0, spanCount) };
}

/**
 * Whether the string last laid out, `before`'s text with `edits` (which do not overlap, and write no value of it)
 * applied, leaves out every value `before` does, moved: each at its moved place, of the same parameter and class,
 * none gone but those an edit removes whole. Whatever else it leaves out or holds as written is then made of text
 * every string of `before`'s shape shares with the same edits, so the fixed text of any such string has its shape
 * (index.ts `byTemplate`).
 */
export function leavesOutMoved(before: LeftOut, edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let j = 0;
  let shift = 0;
  let k = 0;
  for (let v = 0; v < before.params.length; v++) {
    const start = before.spans[2 * v]!;
    const end = before.spans[2 * v + 1]!;
    for (; j < sorted.length && sorted[j]!.range.end <= start; j++) shift += sorted[j]!.newText.length - (sorted[j]!.range.end - sorted[j]!.range.start);
    const e = sorted[j];
    if (e !== undefined && e.range.start < end) {
      // an edit that reaches into a value: it must remove the value whole
      if (e.range.start <= start && e.range.end >= end) continue;
      return false;
    }
    // a value left out before it is made of the shared text (a base64 value a fix encoded, say)
    for (; k < spanCount && SPANS[2 * k]! < start + shift; k++) if (SPANS[2 * k + 1]! > start + shift) return false;
    if (k >= spanCount || SPANS[2 * k] !== start + shift || SPANS[2 * k + 1] !== end + shift) return false;
    if (spanParams[k] !== before.params[v] || SPAN_CLASS[k] !== before.classes[v]) return false;
    k++;
  }
  return true;
}

/** A shape as a table keeps it: what it holds as written, between its values, and each value's class. */
export interface Shape {
  readonly written: readonly string[];
  /** Each value's class, as one character of this string. */
  readonly classes: string;
  /** Whether it names only what the catalog has, and its hash's second lane (`layOut`). */
  readonly regular: boolean;
  readonly check: number;
}

/** The shape of the string last laid out. */
export function lastShape(text: string): Shape {
  const written: string[] = [];
  let copied = 0;
  // kept for long: copies, which do not hold the text (and the file it was cut from) alive
  for (let k = 0; k < spanCount; k++) {
    written.push(ownCopy(text.slice(copied, SPANS[2 * k]!)));
    copied = SPANS[2 * k + 1]!;
  }
  written.push(ownCopy(text.slice(copied)));
  return { written, classes: String.fromCharCode(...SPAN_CLASS.subarray(0, spanCount)), regular: !irregular, check: LANES[1]! };
}

/**
 * Whether the string last laid out, `text`, has `shape`, of the same hash: two regular shapes by the hash's
 * second lane, any other compared in place (no string made).
 */
export function hasShape(text: string, shape: Shape): boolean {
  if (shape.regular && !irregular) return shape.check === LANES[1];
  const { written, classes } = shape;
  if (written.length !== spanCount + 1) return false;
  let at = 0;
  for (let k = 0; k <= spanCount; k++) {
    const w = written[k]!;
    const end = k < spanCount ? SPANS[2 * k]! : text.length;
    if (end - at !== w.length || !text.startsWith(w, at)) return false;
    if (k < spanCount) {
      if (classes.charCodeAt(k) !== SPAN_CLASS[k]) return false;
      at = SPANS[2 * k + 1]!;
    }
  }
  return true;
}

/**
 * The shape of `text`: the text with each opaque value replaced by a class character. Undefined when the string
 * is not simple (syntax/scan.ts) or too long: the full path decides. Whatever the shape does not know stays
 * verbatim — a product, action or key not written exactly as the catalog has it, a value failing its test, a
 * positional value past those the action takes, a stage without its product, every value of a key written twice
 * in one action (the duplicate rule compares them) — so the full path has judged exactly that.
 *
 * Beside OPAQUE there are the classes of base64 values (targetClass.ts, written OPAQUE and the class's name) and
 * DIGITS: the value of a key the action does not know, when the key is lowercase letters written once and the
 * value digits. Its finding names the key; whether nothing reads the digits is not known from the catalog, so a
 * shape holding it is answered only by a findings template, which proves it on two strings (findings.ts), never
 * by the clean verdict alone (`needsProof`).
 */
export function shapeOf(text: string, sourceKey?: string): string | undefined {
  if (layOut(text, sourceKey) === -1) return undefined;
  const { written, classes } = lastShape(text);
  let shape = written[0]!;
  for (let k = 0; k < classes.length; k++) shape += CLASSES[classes.charCodeAt(k)]! + written[k + 1]!;
  return shape;
}

/**
 * The classes, by the number `SPAN_CLASS` holds for a value, as a shape string writes them: OPAQUE, DIGITS,
 * then the classes of base64 values (targetClass.ts), numbered as first met, each OPAQUE and its name.
 */
const CLASSES = [OPAQUE, '\u0001'];
const DIGITS = 1;
const classIds = new Map<string, number>();
/** More classes than this (nested processings in watermarks make many) leave the values verbatim. */
const MAX_CLASSES = 4096;

function classId(name: string): number {
  let id = classIds.get(name);
  if (id === undefined) {
    if (CLASSES.length >= MAX_CLASSES) return -1;
    classIds.set(name, (id = CLASSES.length));
    CLASSES.push(OPAQUE + name);
  }
  return id;
}

/** The class of each value of the last shape (an index into CLASSES). */
let SPAN_CLASS = new Uint16Array(32);
/** Whether the last string laid out names something the catalog does not, or has an empty part. */
let irregular = false;

/**
 * The hash of the shape of `text` (a non-negative int32), or -1 when it has none; the opaque values are left in
 * SPANS and SPAN_CLASS, the hash's second lane in LANES[1]. What is hashed is a function of the shape alone (`step`):
 * the catalog's names it holds by index, every other word it holds by its characters, the parameter and class of
 * each value it leaves out, and how many characters it holds as written. No string is made: check() finds the
 * shape by this hash and `hasShape` tells whether it is this one.
 */
export function layOut(text: string, sourceKey?: string): number {
  spanCount = 0;
  irregular = false;
  // a very long string is rare, and its shape would be too large to keep: the full path takes it
  if (text.length > MAX_LENGTH || scan(text, true) === -1) return -1;
  irregular = emptyStages;
  const products = catalog();
  const L = LAYOUT;
  LANES[0] = HASH_SEED;
  LANES[1] = CHECK_SEED;
  step(L[PREFIX_END]!);
  step(L[ASYNC]!);
  step(L[STAGE_COUNT]!);
  let opaqueLength = 0;
  let r = FIRST_STAGE;
  for (let s = L[STAGE_COUNT]!; s > 0; s--) {
    const productStart = L[r]!;
    // a stage without its product (`|notify,…`): the product it implies is the context's to decide
    const product = productStart === -1 ? undefined : products.find(text, productStart, L[r + 1]!);
    if (product) step(product.id);
    else if (productStart === -1) step(-1);
    else word(text, productStart, L[r + 1]!);
    let count = L[r + 2]!;
    step(count);
    r += 3;
    for (; count > 0; count--) {
      const entry = product?.actions.find(text, L[r]!, L[r + 1]!);
      const params = L[r + 2]!;
      if (entry) step(entry.id);
      else word(text, L[r]!, L[r + 1]!);
      step(params);
      r += 3;
      if (!entry) {
        irregular = true;
        for (let p = 0; p < params; p++, r += 3) word(text, L[r]!, L[r + 2]!);
        continue;
      }
      const action = compiledOf(entry);
      const first = r;
      const me = ++stamp;
      let nextPositional = 0;
      // after an empty parameter, which positional value is which is the tree builder's to say
      let empty = false;
      for (let p = 0; p < params; p++, r += 3) {
        const start = L[r]!;
        const cut = L[r + 1]!;
        const end = L[r + 2]!;
        if (cut === EMPTY) empty = true;
        const c = (cut === EMPTY ? null : cut === -1 ? action.positional[nextPositional++] : action.keys.find(text, start, cut)) ?? null;
        slots[p] = c;
        if (c === null) {
          irregular = true;
          continue;
        }
        // an empty value is a syntax error, whatever its parameter's test says
        passed[p] = cut !== end - 1 && !(cut === -1 && empty) && c.test(text, cut === -1 ? start : cut + 1, end);
        // a key written twice: both values stay verbatim
        if (c.seen === me) c.twice = me;
        else {
          c.seen = me;
          c.at = r;
        }
      }
      // the opaque values become their class character
      let held = 0;
      for (let k = 0; k < action.conditions.length; k++) if (action.conditions[k]!(text, L, first, params)) held |= 1 << k;
      for (let p = 0, q = first; p < params; p++, q += 3) {
        const c = slots[p]!;
        const start = L[q]!;
        const cut = L[q + 1]!;
        const end = L[q + 2]!;
        let cls = 0;
        if (c === null) {
          cls = cut >= 0 && unknownDigits(text, L, first, params, q) ? DIGITS : -1;
        } else if (!passed[p] || c.twice === me) cls = -1;
        else if (c.classify) cls = cut === -1 ? -1 : classOf(c, text, cut + 1, end, sourceKey); else if (!c.opaque || (c.readWhen & held) !== 0) cls = -1;
        if (cls === -1) {
          // held as written: a known key's value (a codec, a mode, a value out of range) or a key the action
          // does not know, which tell many shapes apart in their middle characters
          word(text, start, end);
          continue;
        }
        // a value left out: its parameter and class (the digits of a key the catalog does not know: the key)
        if (c === null) word(text, start, cut);
        step(OPAQUE_TOKEN | ((c === null ? 0 : c.id + 1) << 12) | cls);
        const from = cut === -1 ? start : cut + 1;
        opaqueLength += end - from;
        addSpan(from, end, c, cls);
      }
    }
  }
  if (slots.length > 256) {
    slots = [];
    passed = [];
  }
  if (spanParams.length > 256) spanParams = [];
  step(text.length - opaqueLength);
  return LANES[0]! >>> 1;
}

/**
 * The shape's hash in two lanes, of one stream of tokens: the layout's counts, the catalog's names by their
 * index, every other word by its characters (`word`), each value left out by its parameter and class. The
 * stream spells a regular shape (one that names only what the catalog has: no unknown name or key, no empty
 * part) exactly, so two such shapes whose two lanes agree are taken to be one (a chance of about 2^-62 per
 * lookup) without comparing their texts; an irregular shape, whose words hashing alone tells apart, is compared
 * in place (`hasShape`). The first lane keys the shapes table; the second is kept with the shape.
 */
// in a typed array: a module's variable holding a number past 2^30 keeps it boxed, and every step goes through the box
const LANES = new Int32Array(2);
export const HASH_SEED = 0x811c9dc5 | 0;
export const CHECK_SEED = 0x2545f491 | 0;
/** One step of each lane by its token (the shape's hash here, a skeleton's in skeleton.ts). */
export const hashStep = (h: number, x: number): number => Math.imul(h ^ x, 0x01000193) ^ (h >>> 15);
export const checkStep = (g: number, y: number): number => Math.imul(g ^ y, 0x5bd1e995) ^ (g >>> 13);
/** A value left out, beside its parameter's index + 1 (shifted by 12) and its class (< MAX_CLASSES). */
const OPAQUE_TOKEN = 1 << 30;
function step(x: number): void {
  step2(x, x);
}
/** A word by all its characters, in both lanes (each lane hashes the characters its own way). */
function word(text: string, start: number, end: number): void {
  let h = end - start;
  let g = h ^ 0x6b43a9b5;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    g = Math.imul(g + c, 0x2c1b3c6d) ^ (g >>> 11);
  }
  step2(h, g);
}

/** One step of each lane, by its own token. */
function step2(x: number, y: number): void {
  LANES[0] = hashStep(LANES[0]!, x);
  LANES[1] = checkStep(LANES[1]!, y);
}


/**
 * The class id of a base64 value (-1: none). A file names the same bucket, topic or object on many lines: the
 * last value of each parameter and its class are kept, and a value written the same is not decoded again.
 */
function classOf(c: CompiledParam, text: string, start: number, end: number, sourceKey: string | undefined): number {
  const last = c.lastValue;
  if (last !== undefined && c.lastSource === sourceKey && last.length === end - start && text.startsWith(last, start)) return c.lastClass;
  const name = c.classify!(text, start, end, sourceKey);
  const id = name === undefined ? -1 : classId(name);
  // a slice, not a copy: it holds its line's text only until the next value replaces it
  if (end - start <= 256) {
    c.lastValue = text.slice(start, end);
    c.lastSource = sourceKey;
    c.lastClass = id;
  }
  return id;
}

/** The plan of DIGITS: digits, as the value of a key the action does not know (`unknownDigits`), and a skeleton's plan for it (the key is the same). */
const digitsOnly: ValuePlan = (text, start, end) => {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return start < end;
};

/** Whether the parameter in slot `q` is a lowercase key written once in its action with a value of digits. */
function unknownDigits(text: string, L: Int32Array, first: number, params: number, q: number): boolean {
  const start = L[q]!;
  const cut = L[q + 1]!;
  const end = L[q + 2]!;
  if (cut === start || cut === end - 1) return false;
  for (let i = start; i < cut; i++) {
    const c = text.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  if (!digitsOnly(text, cut + 1, end, undefined)) return false;
  for (let p = 0, o = first; p < params; p++, o += 3) {
    if (o !== q && L[o + 1]! - L[o]! === cut - start && text.startsWith(text.slice(start, cut), L[o]!)) return false;
  }
  return true;
}

/**
 * Whether the shape of the string last laid out holds a class that only a findings template may answer for:
 * DIGITS (see `shapeOf`), or the class of a base64 value in a string that names something the catalog does not
 * (targetClass.ts promises its contract for strings that name everything as the catalog does).
 */
export function needsProof(): boolean {
  for (let k = 0; k < spanCount; k++) {
    const c = SPAN_CLASS[k]!;
    if (c === DIGITS || (c > DIGITS && irregular)) return true;
  }
  return false;
}

/** The opaque values of a string, with their parameters (for tests: replacing one must keep the verdict). */
export function opaqueValues(text: string): { start: number; end: number; spec: ParamSpec; test: Test }[] | undefined {
  if (shapeOf(text) === undefined) return undefined;
  const out: { start: number; end: number; spec: ParamSpec; test: Test }[] = [];
  for (let k = 0; k < spanCount; k++) {
    const c = spanParams[k];
    if (c && SPAN_CLASS[k] === 0) out.push({ start: SPANS[2 * k]!, end: SPANS[2 * k + 1]!, spec: c.spec, test: c.test });
  }
  return out;
}

/** What a value must be for a string to keep a shape: a test to pass, or a class to have (skeleton.ts). */
export type ValuePlan = (text: string, start: number, end: number, sourceKey: string | undefined) => boolean;

/**
 * For each of `count` spans (start, end pairs in order) of the string last laid out: what another value there
 * must be for a string to keep the shape, where the shape left out a value exactly there — plain OPAQUE: pass
 * its parameter's test; a base64 value: have its class; DIGITS: be digits — else undefined (the shape holds the
 * span as written). `leftOut`: where every value the shape leaves out is one of the spans, their indexes in order
 * (a findings template is filled in from those); else undefined.
 */
export function valuePlans(runs: Int32Array, count: number): { plans: (ValuePlan | undefined)[]; leftOut: number[] | undefined } {
  const plans: (ValuePlan | undefined)[] = [];
  const leftOut: number[] = [];
  let k = 0;
  for (let r = 0; r < count; r++) {
    const start = runs[2 * r]!;
    while (k < spanCount && SPANS[2 * k]! < start) k++;
    if (k >= spanCount || SPANS[2 * k] !== start || SPANS[2 * k + 1] !== runs[2 * r + 1]) {
      plans.push(undefined);
      continue;
    }
    const c = spanParams[k];
    const cls = SPAN_CLASS[k]!;
    leftOut.push(r);
    if (!c) plans.push(digitsOnly);
    else if (!c.classify) plans.push(c.test);
    else plans.push((t, a, b, sourceKey) => classOf(c, t, a, b, sourceKey) === cls);
  }
  return { plans, leftOut: leftOut.length === spanCount ? leftOut : undefined };
}

/**
 * Another string of the shape `text` had in the last `shapeOf`: every opaque value replaced by one that passes
 * the same test, neither begins nor is begun by it or another value's replacement and, where it can, is not in `avoid` (the texts of
 * the findings, so that a quote of one value is not mistaken for a literal) — the second string a findings
 * template is derived from. Undefined when some value has no such other.
 */
export function variantOf(text: string, avoid: string, sourceKey?: string): { text: string; spans: Int32Array } | undefined {
  const shape = shapeOf(text, sourceKey);
  if (shape === undefined) return undefined;
  let out = '';
  let copied = 0;
  const used: string[] = [];
  for (let k = 0; k < spanCount; k++) {
    const start = SPANS[2 * k]!;
    const end = SPANS[2 * k + 1]!;
    const value = text.slice(start, end);
    const c = spanParams[k];
    const candidates = !c ? DIGIT_CANDIDATES : c.classify ? sameClass(c.classify, value, sourceKey) : (c.alternatives ??= candidatesOf(c));
    const other = otherValue(candidates, value, avoid, used);
    if (other === undefined) return undefined;
    used.push(other);
    out += text.slice(copied, start) + other;
    copied = end;
  }
  out += text.slice(copied);
  // the variant must have the very shape (a value read where a condition holds, say, would change it)
  return shapeOf(out, sourceKey) === shape ? { text: out, spans: spans() } : undefined;
}

const DIGIT_CANDIDATES = ['7', '31', '4096', '58', '200003', '9', '62', '8350'];

/** A candidate that neither begins nor is begun by the value or one already used for another value. */
function otherValue(candidates: readonly string[], value: string, avoid: string, used: readonly string[]): string | undefined {
  let fallback: string | undefined;
  for (const v of candidates) {
    if (related(v, value) || used.some((u) => related(u, v))) continue;
    if (!avoid.includes(v)) return v;
    fallback ??= v;
  }
  return fallback;
}

/**
 * Base64 values of the class of `value`: its decoded text with one letter or digit changed, or one added, where
 * no variable is (`{autoext}`), then encoded again and kept where the classifier gives the same class.
 */
function sameClass(classify: TargetClassifier, value: string, sourceKey: string | undefined): string[] {
  const cls = classify(value, 0, value.length, sourceKey);
  const decoded = readBase64(value).text;
  if (cls === undefined || decoded === undefined) return [];
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < decoded.length && out.length < 6; i++) {
    const ch = decoded[i]!;
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && /[a-z0-9]/.test(ch)) {
      for (const edit of [`q${ch}`, ch === 'z' ? 'k' : 'z', `${ch}x7`]) {
        const other = encodeBase64Url(decoded.slice(0, i) + edit + decoded.slice(i + 1));
        if (classify(other, 0, other.length, sourceKey) === cls) out.push(other);
      }
    }
  }
  return out;
}

/** Values to try in place of a parameter's: aimed at its bounds and words, kept where they pass its test. */
function candidatesOf(c: CompiledParam): string[] {
  const ps = c.spec;
  const out = new Set<string>();
  const numbers = [ps.min, ps.max, ps.default === undefined ? undefined : Number(ps.default)].filter((n): n is number => typeof n === 'number' && n === n);
  for (const n of [...numbers]) numbers.push(n + 1, n - 1, n + 2, Math.floor(n / 2) * 2 + 10);
  if (ps.min !== undefined && ps.max !== undefined) numbers.push(Math.floor((ps.min + ps.max) / 2), Math.floor((ps.min + ps.max) / 3));
  numbers.push(0, 1, 2, 7, 13, 97, 100, 1000, 12345, 654321);
  switch (ps.type) {
    case 'int':
      for (const n of numbers) if (Number.isInteger(n)) out.add(String(n));
      break;
    case 'float':
      for (const n of numbers) out.add(String(n));
      for (const n of ['0.5', '1.5', '2.25', '0.75']) out.add(n);
      break;
    case 'enum':
      for (const v of ps.values ?? []) out.add(v.value);
      break;
    case 'size':
      for (const v of ['2x2', '16x16', '640x360', '1280x720', '1920x1080', '100x100', 'x100', '100x', '7x9']) out.add(v);
      break;
    case 'color':
      for (const v of ['A1B2C3', '0F0F0F', 'FFFFFF', '000000', 'abcdef']) out.add(v);
      break;
    default:
      if (ps.default !== undefined) out.add(ps.default);
      for (const v of ['abc', 'xyz1', 'sample', 'a1']) out.add(v);
  }
  for (const w of ps.words ?? []) out.add(w.value);
  return [...out].filter((v) => /^[\x21-\x7e]+$/.test(v) && !/[,/|_%]/.test(v) && c.test(v, 0, v.length));
}

/**
 * A condition compiled to read the layout, judged as ActionInfo.holds judges it (the first of a key; its default
 * when absent), given the action's keys: a key the action knows is where `layOut` first saw it.
 */
function holdsOf(c: Condition, spec: ActionSpec): (keys: Lexicon<CompiledParam>) => Holds {
  const key = c.param;
  const values = c.values ?? [];
  const fallback = spec.params.find((p) => !p.positional && p.key === key)?.default;
  const byDefault = fallback !== undefined && values.includes(fallback);
  const present = !!c.present;
  const absent = !!c.absent;
  const and = (c.and ?? []).map((x) => holdsOf(x, spec));
  return (keys) => {
    const target = keys.find(key, 0, key.length);
    const rest = and.map((h) => h(keys));
    const firstOf = (text: string, L: Int32Array, first: number, params: number): number => {
      if (target) return target.seen === stamp ? target.at : -1;
      for (let q = first, p = 0; p < params; p++, q += 3) if (L[q + 1]! - L[q]! === key.length && text.startsWith(key, L[q]!)) return q;
      return -1;
    };
    return (text, L, first, params) => {
      const at = firstOf(text, L, first, params);
      let ok = present ? at !== -1 : absent ? at === -1 : at === -1 ? byDefault : false;
      if (!present && !absent && at !== -1) {
        const start = L[at + 1]! + 1;
        const length = L[at + 2]! - start;
        for (const v of values) if (v.length === length && text.startsWith(v, start)) ok = true;
      }
      return ok && rest.every((h) => h(text, L, first, params));
    };
  };
}
