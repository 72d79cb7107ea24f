import { getAction, getParam, getProduct, isEnumValue, positionalParams } from '../catalog';
import type { ActionSpec, ParamSpec, ProductSpec } from '../catalog/types';
import { parse, type ParseOptions } from '../syntax/parse';
import type { ParseResult, Word } from '../syntax/tree';
import { applyEdits, type TextEdit } from '../text/range';
import type { CheckContext, CheckOptions } from './context';
import type { Diagnostic } from './diagnostic';
import type { RuleId } from './rules';

type Kind = 'product' | 'action' | 'key' | 'value';
const RULE: Record<Kind, RuleId> = { product: 'unknown-product', action: 'unknown-action', key: 'unknown-parameter', value: 'unknown-value' };
const UPPER = /[A-Z]/;

/**
 * A string written in the wrong case (`Video/Convert,F_MP4`) would report every word on its own, and judge the
 * rest by names it cannot resolve (video/convert "needs f"). When a product or action name, or two or more
 * words, are known names written in upper case, this reports one diagnostic that lowers them all (keys with a
 * case-sensitive twin, such as P, and base64 values stay as written), and checks the rest as the lowered
 * string reads. Returns undefined when there is nothing of the kind (nearly always).
 */
export function checkLetterCase(
  parsed: ParseResult,
  options: CheckOptions & ParseOptions,
  run: (parsed: ParseResult, options: CheckOptions, before?: (ctx: CheckContext) => void) => Diagnostic[],
): Diagnostic[] | undefined {
  const found = wrongCase(parsed);
  if (found.length === 0 || (found.length < 2 && !found.some((f) => f.kind === 'product' || f.kind === 'action'))) return undefined;
  const edits = found.map((f) => f.edit);
  const lowered = applyEdits(parsed.text, edits);
  const start = edits[0]!.range.start;
  const end = edits[edits.length - 1]!.range.end;
  const written = lowered.slice(start, end).replace(/\s+/g, '');
  const shown = written.length > 100 ? `${written.slice(0, 99)}…` : written;
  return run(parse(lowered, options), options, (ctx) =>
    ctx.report(RULE[found[0]!.kind], { start, end }, `Processing parameters are lower case: write '${shown}'`, {
      fixes: [{ title: 'Write in lower case', edits, certain: true }],
    }),
  );
}

/** The known names and values written in upper case, in order, each with the edit that lowers it. */
function wrongCase(parsed: ParseResult): Found[] {
  const out: Found[] = [];
  const { text } = parsed;
  if (!UPPER.test(text)) return out; // most strings: no word to fold (one regex over the text, then per word a loop)
  const stages = parsed.tree.stages;
  for (let index = 0; index < stages.length; index++) {
    const stage = stages[index]!;
    const product = stage.product ? fold(out, text, stage.product, 'product', knownProduct) : index > 0 ? 'sys' : undefined;
    const spec = product === undefined ? undefined : getProduct(product);
    if (!spec || spec.styleReference) continue;
    for (const action of stage.actions) {
      const name = hasUpper(action.name.text) ? foldAction(out, text, spec, action.name) : action.name.text;
      const actionSpec = getAction(spec.name, name);
      if (actionSpec) params(out, text, actionSpec, action.params);
    }
  }
  return out;
}

type Found = { kind: Kind; edit: TextEdit };
type Param = { key?: Word; value?: Word; underscore?: unknown };

/**
 * The word lowered, when it is not known as written but is once lowered (and reads as written). This runs for
 * every word, so callers test for capitals first, and make the `known` closure only for a word that has them
 * (in helpers of their own: a variable a closure captures costs an allocation wherever its scope is entered).
 */
function fold(out: Found[], text: string, word: Word, kind: Kind, known: (name: string) => boolean): string {
  if (!hasUpper(word.text) || known(word.text)) return word.text;
  const lower = word.text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  if (!known(lower) || text.slice(word.range.start, word.range.end) !== word.text) return word.text;
  out.push({ kind, edit: { range: word.range, newText: lower } });
  return lower;
}

/** Whether a word has a capital letter (a loop: words are short, and this runs for each). */
function hasUpper(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

const knownProduct = (name: string) => getProduct(name) !== undefined;

function foldAction(out: Found[], text: string, product: ProductSpec, name: Word): string {
  return fold(out, text, name, 'action', (n) => getAction(product.name, n) !== undefined);
}

/** A key in capitals: one that exists as written (P beside p) stays; so does one whose lower case is given too. */
function foldKey(out: Found[], text: string, spec: ActionSpec, list: readonly Param[], key: Word): string {
  let keys: Set<string | undefined> | undefined;
  return fold(out, text, key, 'key', (n) => getParam(spec, n) !== undefined && (n === key.text || !(keys ??= new Set(list.map((q) => q.key?.text))).has(n)));
}

function foldValue(out: Found[], text: string, ps: ParamSpec, value: Word): void {
  fold(out, text, value, 'value', (v) => isEnumValue(ps, v));
}

function params(out: Found[], text: string, spec: ActionSpec, list: readonly Param[]): void {
  const positional = positionalParams(spec);
  let next = 0;
  for (const p of list) {
    let ps: ParamSpec | undefined;
    const upperValue = p.value !== undefined && hasUpper(p.value.text);
    if (p.key) {
      if (hasUpper(p.key.text)) ps = getParam(spec, foldKey(out, text, spec, list, p.key));
      else if (upperValue) ps = getParam(spec, p.key.text);
      else continue; // nothing of this parameter to fold
    } else if (!p.underscore) ps = positional[next++];
    if (ps?.type === 'enum' && upperValue) foldValue(out, text, ps, p.value!);
  }
}
