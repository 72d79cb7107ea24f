import { actionsWithKey, enumValues, getProduct, isEnumValue, paramKeys, positionalParams, requiredParams } from '../catalog';
import type { ActionSpec, ParamSpec } from '../catalog/types';
import type { ParamNode } from '../syntax/tree';
import { hasHole, labelOf, paramText, removeParamEdit, type ActionInfo, type CheckContext } from './context';
import type { Fix } from './diagnostic';
import { closest, nearestIn } from './suggest';
import { aliasOf, observedKey, strayProduct } from './tolerated';

/** Parameters against the catalog: known, given once, required ones present, values well-formed and in range. */
export function checkParams(ctx: CheckContext): void {
  for (const action of ctx.actions()) {
    const spec = action.spec;
    if (!spec || action.stage.product?.styleReference) continue;
    const positional = positionalParams(spec);
    let nextPositional = 0;
    for (const p of action.node.params) {
      if (!p.key) {
        // `_value` is a syntax error already; a hole is code joined in (`"…," + codec + ",…"`), not a value;
        // whitespace alone is reported as whitespace, and is an empty parameter once removed
        if (p.underscore || hasHole(p.value?.text ?? '') || p.value?.text === '') continue;
        const ps = positional[nextPositional++];
        if (ps) checkValue(ctx, action, p, ps);
        else if (!strayProduct(ctx, action, p)) positionalMisplaced(ctx, action, p, positional.length);
        continue;
      }
      const key = p.key.text;
      if (hasHole(key)) continue;
      const ps = action.param(key) ?? unknownParam(ctx, action, p);
      if (!ps) continue;
      // byKey holds the first of each key: any other parameter with the key repeats it
      const first = action.byKey.get(key)!;
      if (first !== p) duplicate(ctx, action, first, p);
      else checkValue(ctx, action, p, ps);
    }
    for (const ps of requiredParams(spec)) {
      const given = ps.positional ? nextPositional > positional.indexOf(ps) : action.byKey.has(ps.key);
      if (!given && !action.writesUnknown) {
        const what = ps.positional ? `a value (${ps.key})` : ps.key;
        ctx.report('missing-parameter', action.node.name.range, `${spec.product}/${spec.name} needs ${what}: ${firstSentence(ps.doc)}`);
      }
    }
  }
}

/** Reports an unknown key; returns the parameter it certainly means, so its value is still checked. */
function unknownParam(ctx: CheckContext, action: ActionInfo, p: ParamNode): ParamSpec | undefined {
  const spec = action.spec!;
  const key = p.key!.text;
  const keys = paramKeys(spec);
  const near = action.guesses(key);
  // an abbreviation is offered, never applied: `width` may be w, or a parameter of another action
  const guesses = near.length ? near : abbreviated(key, spec.params);
  const where = `${spec.product}/${spec.name}`;
  let message: string;
  if (keys.length === 0 && positionalParams(spec).length > 0) message = `${where} takes a bare value, not '${key}_…'`;
  else if (keys.length === 0) message = `${where} takes no parameters`;
  else message = `Unknown parameter '${key}' for ${where}${guesses.length ? `: did you mean ${guesses.map((g) => `'${g}'`).join(' or ')}?` : elsewhere(spec, key)}`;
  const certain = near.length === 1 && certainRename(action, key, near[0]!);
  const fixes: Fix[] = guesses.map((g) => ({ title: `Replace with '${g}'`, edits: [{ range: p.key!.range, newText: g }], certain }));
  fixes.push({ title: `Remove '${paramText(ctx, p)}'`, edits: [removeParamEdit(action.node, p)], certain: false });
  const observed = observedKey(spec, key);
  ctx.report('unknown-parameter', p.key!.range, observed ?? message, {
    fixes: observed ? fixes.slice(-1) : fixes,
    // where the documented table could not be read in full, or an official sample writes the key, it may be real
    atMost: spec.paramsIncomplete || observed ? 'warning' : undefined,
  });
  return certain ? action.param(guesses[0]!) : undefined;
}

/** `; q is a parameter of image/quality`: the product's other actions that take the key as written, if any. */
function elsewhere(spec: ActionSpec, key: string): string {
  const product = getProduct(spec.product);
  const owners = product ? actionsWithKey(product, key).filter((a) => a !== spec) : [];
  if (owners.length === 0) return '';
  const names = owners.slice(0, 3).map((a) => `${a.product}/${a.name}`);
  if (owners.length > 3) names.push(`${owners.length - 3} more`);
  const last = names.pop()!;
  return `; ${key} is a parameter of ${names.length ? `${names.join(', ')} and ${last}` : last}`;
}

/** The keys a word abbreviates: `width` → `w`, whose description speaks of the width. */
function abbreviated(key: string, params: readonly ParamSpec[]): string[] {
  if (key.length < 3) return [];
  const word = key.toLowerCase();
  return params
    .filter((ps) => !ps.positional && ps.key.length < word.length && word.startsWith(ps.key.toLowerCase()) && docWords(ps.doc).some((w) => w.startsWith(word)))
    .map((ps) => ps.key);
}

function docWords(doc: string): string[] {
  return doc.toLowerCase().split(/[^a-z]+/);
}

/**
 * A rename is certain only when it is the one reading of the key: not a guess between one-letter keys (m → t
 * is as likely as any other letter), not onto a key the action already has, and not onto a key another
 * unknown key of the action would be renamed to (either would then be given twice).
 */
function certainRename(action: ActionInfo, key: string, guess: string): boolean {
  if (key.length === 1 && key.toLowerCase() !== guess.toLowerCase()) return false;
  if (action.byKey.has(guess)) return false;
  return (action.renameTargets().get(guess) ?? 0) < 2;
}

function positionalMisplaced(ctx: CheckContext, action: ActionInfo, p: ParamNode, count: number): void {
  const spec = action.spec!;
  const text = p.value!.text;
  const message =
    count === 0
      ? `'${text}' is not a parameter of ${spec.product}/${spec.name}: parameters are written key_value`
      : `${spec.product}/${spec.name} takes ${count === 1 ? 'one value' : `${count} values`}; '${text}' is extra`;
  ctx.report('unknown-parameter', p.range, message, {
    fixes: [{ title: `Remove '${text}'`, edits: [removeParamEdit(action.node, p)], certain: false }],
  });
}

function duplicate(ctx: CheckContext, action: ActionInfo, first: ParamNode, again: ParamNode): void {
  const key = again.key!.text;
  const same = first.value?.text === again.value?.text;
  const fixes: Fix[] = [{ title: `Remove the repeated '${paramText(ctx, again)}'`, edits: [removeParamEdit(action.node, again)], certain: same }];
  if (!same) fixes.push({ title: `Keep '${paramText(ctx, again)}', remove '${paramText(ctx, first)}'`, edits: [removeParamEdit(action.node, first)], certain: false });
  ctx.report('duplicate-parameter', again.range, `${key} is given twice${same ? '' : ` with different values (${first.value?.text} and ${again.value?.text})`}`, {
    fixes,
    related: [{ range: first.range, message: `${key} is first given here` }],
  });
}

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const SIZE = /^(\d*)x(\d*)$/;
const COLOR = /^[0-9A-Fa-f]{6}$/;

/** The form, range or enum of one value. Base64 values are judged by the targets family. */
function checkValue(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec): void {
  const value = p.value?.text ?? '';
  if (value === '' || hasHole(value)) return;
  const range = p.range;
  // the words for a message are built only when there is something to report
  switch (ps.type) {
    case 'int':
    case 'float': {
      if (ps.words && isWord(ps, value)) return;
      if (!(ps.type === 'int' ? INT : FLOAT).test(value)) {
        const why = ps.type === 'int' ? 'an integer' : 'a number';
        // a misspelled word (quality's lossles) means the word
        const meant = expandSuffix(value, ps) ?? (ps.words ? closest(value, ps.words.map((w) => w.value)) : undefined);
        const words = ps.words?.length ? ` or ${ps.words.map((w) => w.value).join(', ')}` : '';
        ctx.report('invalid-value', range, `${labelOf(p, value)}: ${nameOf(action, ps)} must be ${why}${rangeWords(ps) ? ` (${rangeWords(ps)})` : ''}${words}${meant ? `; did you mean ${meant}?` : ''}`, {
          fixes: meant ? [{ title: `Replace with '${meant}'`, edits: [{ range: p.value!.range, newText: meant }], certain: false }] : undefined,
        });
        return;
      }
      const n = Number(value);
      if (!outOfRange(n, ps)) return;
      const clamped = clamp(n, ps);
      ctx.report('value-out-of-range', range, `${labelOf(p, value)}: ${nameOf(action, ps)} must be ${rangeWords(ps)}`, {
        // the nearest value allowed, as a suggestion: a different number is a different output
        fixes: clamped === undefined ? undefined : [{ title: `Change to '${labelOf(p, String(clamped))}'`, edits: [{ range: p.value!.range, newText: String(clamped) }], certain: false }],
      });
      return;
    }
    case 'enum':
      if (!isEnumValue(ps, value) && !aliasOf(ctx, action, p, ps)) unknownValue(ctx, action, p, ps, value);
      return;
    case 'size':
      return checkSize(ctx, action, p, ps, value);
    case 'color':
      if (!COLOR.test(value)) ctx.report('invalid-value', range, `${labelOf(p, value)}: ${nameOf(action, ps)} must be an RGB colour of six hex digits, such as FF0000`);
      return;
    case 'string':
      if (ps.pattern && !ps.pattern.regex.test(value)) ctx.report('invalid-value', range, `${labelOf(p, value)}: ${nameOf(action, ps)} must be ${ps.pattern.describe}`);
      return;
    case 'base64':
      return;
  }
}

// the rare paths of checkValue are functions of their own: checkValue runs for every value, and a variable a
// closure captures would cost it an allocation on every call

/** A word an int or float parameter takes instead of a number (`auto`). */
function isWord(ps: ParamSpec, value: string): boolean {
  for (const w of ps.words!) if (w.value === value) return true;
  return false;
}

function unknownValue(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec, value: string): void {
  const allowed = enumValues(ps);
  const lower = value.toLowerCase();
  const sameCase = allowed.filter((v) => v.toLowerCase() === lower);
  const guesses = sameCase.length ? sameCase : numericEnum(ps) ? nearestNumber(value, allowed) : nearestIn(value, allowed);
  const target = p.value!.range;
  ctx.report('unknown-value', p.range, `${labelOf(p, value)}: ${nameOf(action, ps)} must be one of ${allowedWords(ps)}${guesses.length ? ` (did you mean ${guesses.map((g) => `'${g}'`).join(' or ')}?)` : ''}`, {
    fixes: guesses.map((g) => ({
      title: `Replace with '${g}'`,
      edits: [{ range: target, newText: g }],
      // only a difference of case is certain: another value (mp5 → mp4? mp3?) changes what is produced
      certain: sameCase.length === 1,
    })),
  });
}

/** An enum's values as a message lists them, joined once per parameter. */
function allowedWords(ps: ParamSpec): string {
  let words = joined.get(ps);
  if (words === undefined) joined.set(ps, (words = enumValues(ps).join(', ')));
  return words;
}
const joined = new WeakMap<ParamSpec, string>();

/** Whether every value of an enum is an integer (sample rates: guessed by nearness, not spelling), once per parameter. */
function numericEnum(ps: ParamSpec): boolean {
  let numeric = numerics.get(ps);
  if (numeric === undefined) numerics.set(ps, (numeric = enumValues(ps).every((v) => INT.test(v))));
  return numeric;
}
const numerics = new WeakMap<ParamSpec, boolean>();

/** `fps`, `the angle of rotate`, `the value of format`. */
function nameOf(action: ActionInfo, ps: ParamSpec): string {
  return !ps.positional ? ps.key : ps.key === action.name ? `the value of ${action.name}` : `the ${ps.key} of ${action.name}`;
}

function checkSize(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec, value: string): void {
  const range = p.range;
  const m = SIZE.exec(value);
  if (!m || (!m[1] && !m[2]) || (!ps.sizeOptional && (!m[1] || !m[2]))) {
    ctx.report('invalid-value', range, `${labelOf(p, value)}: ${nameOf(action, ps)} must be WidthxHeight, such as 1920x1080${ps.sizeOptional ? ' (one side may be left out: 640x)' : ''}`);
    return;
  }
  const w = m[1] === '' ? undefined : Number(m[1]);
  const h = m[2] === '' ? undefined : Number(m[2]);
  if ((w !== undefined && outOfRange(w, ps, false)) || (h !== undefined && outOfRange(h, ps, false))) {
    ctx.report('value-out-of-range', range, `${labelOf(p, value)}: each side of ${nameOf(action, ps)} must be ${rangeWords(ps)}`);
    return;
  }
  const step = ps.multipleOf;
  if (step && ((w !== undefined && w % step !== 0) || (h !== undefined && h % step !== 0))) offGrid(ctx, action, p, ps, value, [w, h], step);
}

/** 1921 may be 1920 or 1922: both are offered, neither applied on its own. */
function offGrid(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec, value: string, numbers: (number | undefined)[], step: number): void {
  const sizes = [Math.floor, Math.ceil]
    .map((round) => numbers.map((n) => (n === undefined ? '' : String(inRange(round(n / step) * step, ps, step)))).join('x'))
    .filter((size, i, all) => all.indexOf(size) === i && size !== value);
  ctx.report('value-out-of-range', p.range, `${labelOf(p, value)}: each side of ${nameOf(action, ps)} must be ${step === 2 ? 'even' : `a multiple of ${step}`} (did you mean ${sizes.join(' or ')}?)`, {
    fixes: sizes.map((newText) => ({ title: `Round to ${newText}`, edits: [{ range: p.value!.range, newText }], certain: false })),
  });
}

/** A multiple of `step` moved back inside the parameter's range, by one step. */
function inRange(n: number, ps: ParamSpec, step: number): number {
  if (ps.max !== undefined && n > ps.max) return n - step;
  if (ps.min !== undefined && n < ps.min) return n + step;
  return n;
}

const SUFFIXED = /^(\d+(?:\.\d+)?)([kKmMgG])$/;
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9 };

/** `2M` for a bitrate means 2000000: the number it spells, when that is a value the parameter takes. */
function expandSuffix(value: string, ps: ParamSpec): string | undefined {
  const m = SUFFIXED.exec(value);
  if (!m || (ps.unit !== 'bit/s' && ps.unit !== 'bit' && ps.unit !== 'Hz')) return undefined;
  const n = Math.round(Number(m[1]) * SCALE[m[2]!.toLowerCase()]!);
  return Number.isSafeInteger(n) && !outOfRange(n, ps) ? String(n) : undefined;
}

/** For a numeric list (sample rates): the closest value, offered as a suggestion, never applied on its own. */
function nearestNumber(value: string, allowed: readonly string[]): string[] {
  const n = Number(value);
  if (!Number.isFinite(n) || allowed.length < 5) return [];
  const best = allowed.reduce((a, b) => (Math.abs(Number(b) - n) < Math.abs(Number(a) - n) ? b : a));
  return [best];
}

function roundToStep(n: number, step: number, max: number | undefined): number {
  const up = Math.ceil(n / step) * step;
  return max !== undefined && up > max ? Math.floor(n / step) * step : up;
}

/** The allowed value nearest to `n` (a bound, or the nearest multiple inside the range), if there is one. */
function clamp(n: number, ps: ParamSpec): number | undefined {
  let c = n;
  if (ps.max !== undefined && c > ps.max) c = ps.max;
  if (ps.min !== undefined && c < ps.min) c = ps.min;
  if (ps.minExclusive && ps.min !== undefined && c <= ps.min) {
    // the least value above an exclusive bound exists only on a grid
    const step = ps.multipleOf ?? (ps.type === 'int' ? 1 : undefined);
    if (step === undefined) return undefined;
    c = Math.floor(ps.min / step) * step + step;
  }
  if (ps.multipleOf) c = roundToStep(c, ps.multipleOf, ps.max);
  return outOfRange(c, ps) ? undefined : c;
}

/**
 * Whether a number is outside the parameter's range or off its step (also the fast path's test, check/fast.ts);
 * without `grid`, outside the range alone (a size judges its sides' range before their step).
 */
export function outOfRange(n: number, ps: ParamSpec, grid = true): boolean {
  if (ps.min !== undefined && (ps.minExclusive ? n <= ps.min : n < ps.min)) return true;
  if (ps.max !== undefined && n > ps.max) return true;
  return grid && ps.multipleOf !== undefined && n % ps.multipleOf !== 0;
}

/** "between 0 and 240", "0 or more", "more than 0 and at most 1000". */
export function rangeWords(ps: ParamSpec): string {
  const { min, max } = ps;
  if (min !== undefined && max !== undefined) {
    return ps.minExclusive ? `more than ${min} and at most ${max}` : `between ${min} and ${max}`;
  }
  if (min !== undefined) return ps.minExclusive ? `more than ${min}` : `${min} or more`;
  if (max !== undefined) return `at most ${max}`;
  return '';
}

/** A parameter's doc cut to its first sentence, for a message; per doc (catalog text, asked again and again). */
function firstSentence(doc: string): string {
  let sentence = sentences.get(doc);
  if (sentence === undefined) {
    const end = doc.indexOf('. ');
    sentences.set(doc, (sentence = (end === -1 ? doc : doc.slice(0, end + 1)).replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())));
  }
  return sentence;
}
const sentences = new Map<string, string>();
