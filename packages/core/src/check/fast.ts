import { PRODUCTS } from '../catalog';
import type { ActionSpec, Condition, ParamSpec } from '../catalog/types';
import { LAYOUT, FIRST_STAGE, scan, STAGE_COUNT } from '../syntax/scan';
import { outOfRange } from './params';

/**
 * The fast path: the catalog compiled once (on first use) into a validator per `product/action` — its keys and
 * positional values, each value's test specialised by type — which reads a simple string's layout
 * (syntax/scan.ts) and gives its *shape*: the string with every opaque value replaced by one class character.
 *
 * A value is *opaque* when no rule reads it except its own form-and-range check (params.ts `checkValue`), and its
 * compiled test passes only where that check is silent. Two strings of one shape then differ only in values the
 * rule families cannot tell apart, so they get the same verdict; `check()` remembers the shapes the full path
 * found clean and answers a string of such a shape with no diagnostics. Everything else — names, keys,
 * positions, every value some rule reads (codecs, modes, base64 targets, the parameters conditions test) — stays
 * verbatim in the shape, so the full path has judged exactly that. The fast path only ever answers "clean", and
 * only for a shape the full path has found clean under the same options; anything it does not know (a name not
 * written exactly as the catalog has it, a value failing its test, a string that is not simple) goes to the full
 * path as before.
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
/** A condition on the parameters of the action whose first parameter's slot in the layout is `first`. */
type Holds = (text: string, L: Int32Array, first: number, params: number) => boolean;

interface CompiledParam {
  spec: ParamSpec;
  /** Passes only where params.ts `checkValue` reports nothing (it may fail more: the full path then decides). */
  test: Test;
  /** Read by no rule but its own check, whatever else the action says. */
  opaque: boolean;
  /** Read where one of the action's conditions in this mask holds (READS with `when`). */
  readWhen: number;
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
      if (this.codes[at - 1] === code && (end - start < 3 || text.startsWith(this.names[at - 1]!, start))) return this.items[at - 1];
    }
  }
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
  const conditions: Holds[] = [];
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
    return { spec: ps, test: testOf(ps), opaque: ps.type !== 'base64' && !always, readWhen };
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
  return { spec, keys, positional, conditions };
}

function conditionParams(c: Condition, out: Set<string>): void {
  out.add(c.param);
  for (const x of c.and ?? []) conditionParams(x, out);
}

/** An action of the catalog, compiled when a string first names it (most runs name a few of 150). */
interface Entry {
  spec: ActionSpec;
  compiled?: CompiledAction;
}
const compiledOf = (e: Entry): CompiledAction => (e.compiled ??= compileAction(e.spec));

let compiled: Lexicon<Lexicon<Entry>> | undefined;

/** The catalog as validators: product name → action name → its (lazily) compiled action. */
function catalog(): Lexicon<Lexicon<Entry>> {
  if (compiled) return compiled;
  compiled = new Lexicon();
  for (const product of PRODUCTS) {
    const actions = new Lexicon<Entry>();
    for (const a of product.actions) actions.add(a.name, { spec: a });
    compiled.add(product.name, actions);
  }
  return compiled;
}

const MAX_LENGTH = 16 * 1024;

/** Reused per action: the compiled parameter of each written parameter. */
let slots: CompiledParam[] = [];

/**
 * The shape of `text`: the text with each opaque value replaced by one class character. Undefined when the
 * string is not simple, names a product, action or key not exactly as the catalog does, writes more positional
 * values than an action takes, a stage without its product, or a value failing its test: the full path decides.
 */
export function shapeOf(text: string): string | undefined {
  // a very long string is rare, and its shape would be too large to keep: the full path takes it
  if (text.length > MAX_LENGTH || scan(text) === -1) return undefined;
  const products = catalog();
  const L = LAYOUT;
  let shape = '';
  let copied = 0;
  let r = FIRST_STAGE;
  for (let s = L[STAGE_COUNT]!; s > 0; s--) {
    const productStart = L[r]!;
    // a stage without its product (`|notify,…`): the product it implies is the context's to decide
    if (productStart === -1) return undefined;
    const actions = products.find(text, productStart, L[r + 1]!);
    if (!actions) return undefined;
    let count = L[r + 2]!;
    r += 3;
    for (; count > 0; count--) {
      const entry = actions.find(text, L[r]!, L[r + 1]!);
      if (!entry) return undefined;
      const action = compiledOf(entry);
      const params = L[r + 2]!;
      r += 3;
      const first = r;
      let nextPositional = 0;
      for (let p = 0; p < params; p++, r += 3) {
        const start = L[r]!;
        const cut = L[r + 1]!;
        const c = cut === -1 ? action.positional[nextPositional++] : action.keys.find(text, start, cut);
        if (!c || !c.test(text, cut === -1 ? start : cut + 1, L[r + 2]!)) return undefined;
        slots[p] = c;
      }
      // the opaque values become the class character
      let held = 0;
      for (let k = 0; k < action.conditions.length; k++) if (action.conditions[k]!(text, L, first, params)) held |= 1 << k;
      for (let p = 0, q = first; p < params; p++, q += 3) {
        const c = slots[p]!;
        if (!c.opaque || (c.readWhen & held) !== 0) continue;
        const cut = L[q + 1]!;
        shape += text.slice(copied, cut === -1 ? L[q]! : cut + 1) + OPAQUE;
        copied = L[q + 2]!;
      }
    }
  }
  if (slots.length > 256) slots = [];
  return copied === 0 ? text : shape + text.slice(copied);
}

/** The opaque values of a string, with their parameters (for tests: replacing one must keep the verdict). */
export function opaqueValues(text: string): { start: number; end: number; spec: ParamSpec; test: Test }[] | undefined {
  const shape = shapeOf(text);
  if (shape === undefined) return undefined;
  const out: { start: number; end: number; spec: ParamSpec; test: Test }[] = [];
  let r = FIRST_STAGE;
  const products = catalog();
  let delta = 0; // the text's offset less the shape's, after the opaque values so far
  for (let s = LAYOUT[STAGE_COUNT]!; s > 0; s--) {
    const actions = products.find(text, LAYOUT[r]!, LAYOUT[r + 1]!)!;
    let count = LAYOUT[r + 2]!;
    r += 3;
    for (; count > 0; count--) {
      const action = compiledOf(actions.find(text, LAYOUT[r]!, LAYOUT[r + 1]!)!);
      const params = LAYOUT[r + 2]!;
      r += 3;
      let next = 0;
      for (let p = 0; p < params; p++, r += 3) {
        const cut = LAYOUT[r + 1]!;
        const start = cut === -1 ? LAYOUT[r]! : cut + 1;
        const end = LAYOUT[r + 2]!;
        const c = cut === -1 ? action.positional[next++]! : action.keys.find(text, LAYOUT[r]!, cut)!;
        // opaque where the shape holds the class character in place of the value
        if (shape.charCodeAt(start - delta) === 0) {
          out.push({ start, end, spec: c.spec, test: c.test });
          delta += end - start - 1;
        }
      }
    }
  }
  return out;
}

/** A condition compiled to read the layout, judged as ActionInfo.holds judges it (the first of a key; its default when absent). */
function holdsOf(c: Condition, spec: ActionSpec): Holds {
  const key = c.param;
  const values = c.values ?? [];
  const fallback = spec.params.find((p) => !p.positional && p.key === key)?.default;
  const byDefault = fallback !== undefined && values.includes(fallback);
  const present = !!c.present;
  const and = (c.and ?? []).map((x) => holdsOf(x, spec));
  return (text, L, first, params) => {
    let at = -1;
    for (let q = first, p = 0; p < params; p++, q += 3) {
      if (L[q + 1]! - L[q]! === key.length && text.startsWith(key, L[q]!)) {
        at = q;
        break;
      }
    }
    let ok = present ? at !== -1 : at === -1 ? byDefault : false;
    if (!present && at !== -1) {
      const start = L[at + 1]! + 1;
      const length = L[at + 2]! - start;
      for (const v of values) if (v.length === length && text.startsWith(v, start)) ok = true;
    }
    return ok && and.every((h) => h(text, L, first, params));
  };
}
