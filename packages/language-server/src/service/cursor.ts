import { HOLE, getAction, getParam, getProduct, positionalParams, type ActionSpec, type ParamSpec, type ProductSpec } from '@ossproc/core';

/**
 * What the cursor stands on in a processing string that may be half typed. Chevrotain has no content
 * assist, and the grammar is small: read the text up to the cursor, find the word being typed and the
 * separator before it, and classify the slot. Offsets are the string's own (region text).
 */

export interface Span {
  start: number;
  end: number;
}

interface Base {
  /** The whole word around the cursor (between separators). */
  word: Span;
}

export type Slot =
  | (Base & { kind: 'product'; afterPipe: boolean })
  | (Base & {
      kind: 'action';
      productName: string;
      product: ProductSpec | undefined;
      /** Names of the actions before this one in the stage. */
      previous: string[];
      /** Whether parameters follow the word (`conv|,f_mp4`). */
      hasParams: boolean;
    })
  | (Base & {
      kind: 'key';
      product: ProductSpec | undefined;
      action: ActionSpec | undefined;
      /** The key part of the word (before `_`, or all of it). */
      key: Span;
      /** An `_` follows the key (`vcod|ec_h264`). */
      hasUnderscore: boolean;
      /** Keys written elsewhere in the action. */
      used: Set<string>;
      /** How many positional values stand before this one. */
      positionalIndex: number;
    })
  | (Base & {
      kind: 'value';
      product: ProductSpec | undefined;
      action: ActionSpec | undefined;
      key: string;
      param: ParamSpec | undefined;
      /** The value part of the word (after `_`). */
      value: Span;
    })
  | (Base & {
      kind: 'positional';
      product: ProductSpec | undefined;
      action: ActionSpec | undefined;
      param: ParamSpec | undefined;
    });

const PREFIXES = ['x-oss-async-process=', 'x-oss-process='];

function isSep(c: string | undefined): boolean {
  return c === ',' || c === '/' || c === '|';
}

/** Length of an `x-oss-process=` prefix at the start, or 0. */
export function prefixLength(t: string): number {
  for (const p of PREFIXES) if (t.startsWith(p)) return p.length;
  return 0;
}

/**
 * The product of a stage from its `/`-separated parts: `product/action,…/action,…`, or after `|` the
 * documented shorthand without a product (`notify,topic_…`), which is sys.
 */
function resolveStage(segs: string[], stageIndex: number): { productName: string; product: ProductSpec | undefined; actionSegs: string[] } {
  const head = segs[0]!;
  const product = head.includes(',') ? undefined : getProduct(head);
  if (product) return { productName: head, product, actionSegs: segs.slice(1) };
  if (stageIndex > 0) return { productName: 'sys', product: getProduct('sys'), actionSegs: segs };
  return { productName: head, product: undefined, actionSegs: segs.slice(1) };
}

/** The slot at offset `c` of string `t`, or undefined where nothing can be offered (inside the prefix, a hole). */
export function slotAt(t: string, c: number): Slot | undefined {
  const base = prefixLength(t);
  if (c < base || c > t.length) return undefined;
  let s = c;
  while (s > base && !isSep(t[s - 1])) s--;
  let e = c;
  while (e < t.length && !isSep(t[e])) e++;
  const wordText = t.slice(s, e);
  if (wordText.includes(HOLE)) return undefined;
  const word = { start: s, end: e };
  const sep = s > base ? t[s - 1]! : '';
  if (sep === '' || sep === '|') return { kind: 'product', word, afterPipe: sep === '|' };

  let st = s - 1;
  let stageIndex = 0;
  while (st > base && t[st - 1] !== '|') st--;
  for (let k = base; k < st; k++) if (t[k] === '|') stageIndex++;
  const before = t.slice(st, s - 1);
  const segs = before.split('/');

  const stage = resolveStage(segs, stageIndex);

  if (sep === '/') {
    return {
      kind: 'action',
      word,
      productName: stage.productName,
      product: stage.product,
      previous: stage.actionSegs.map((a) => a.split(',')[0]!),
      hasParams: t[e] === ',',
    };
  }

  // sep === ',': a parameter of the last action before the word
  const current = stage.actionSegs[stage.actionSegs.length - 1];
  if (current === undefined) return undefined;
  const actionStart = s - 1 - current.length;
  // the action's text, up to the next '/' or '|' after the word
  let actionEnd = e;
  while (actionEnd < t.length && t[actionEnd] !== '/' && t[actionEnd] !== '|') actionEnd++;
  const parts = t.slice(actionStart, actionEnd).split(',');
  const actionName = parts[0]!;
  const action = stage.product ? getAction(stage.product.name, actionName) : undefined;
  const used = new Set<string>();
  let positionalIndex = 0;
  let at = actionStart + actionName.length + 1;
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k]!;
    const u = part.indexOf('_');
    const isCurrent = at === s;
    if (!isCurrent) {
      if (u > 0) used.add(part.slice(0, u));
      else if (part !== '' && at < s) positionalIndex++;
    }
    at += part.length + 1;
  }
  const u = wordText.indexOf('_');
  const positional = action ? positionalParams(action) : [];
  if (u >= 0 && s + u < c) {
    const key = wordText.slice(0, u);
    const param = action ? getParam(action, key) : undefined;
    if (!param && positional.length && !action?.params.some((p) => !p.positional)) {
      return { kind: 'positional', word, product: stage.product, action, param: positional[positionalIndex] };
    }
    return { kind: 'value', word, product: stage.product, action, key, param, value: { start: s + u + 1, end: e } };
  }
  return {
    kind: 'key',
    word,
    product: stage.product,
    action,
    key: { start: s, end: u >= 0 ? s + u : e },
    hasUnderscore: u >= 0,
    used,
    positionalIndex,
  };
}
