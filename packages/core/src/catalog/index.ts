import { audioActions } from './actions/audio';
import { docActions } from './actions/doc';
import { docAiActions } from './actions/doc-ai';
import { hlsActions } from './actions/hls';
import { imageActions } from './actions/image';
import { immActions } from './actions/imm';
import { sysActions } from './actions/sys';
import { videoActions } from './actions/video';
import { videoConvertActions } from './actions/video-convert';
import type { ActionSpec, ParamSpec, ProductSpec } from './types';

export type * from './types';
export { TARGET_VARIABLES } from './actions/sys';
export { styleNameRule } from './actions/style';

/** Every product the language knows, with its actions. The one source of truth for names. */
export const PRODUCTS: readonly ProductSpec[] = [
  { name: 'image', summary: 'Image processing: resize, crop, watermark, format, quality…', actions: imageActions },
  { name: 'video', summary: 'Video processing through IMM: transcode, snapshots, sprites, concatenation…', actions: [...videoConvertActions, ...videoActions] },
  { name: 'audio', summary: 'Audio processing through IMM: transcode, concatenate, inspect.', actions: audioActions },
  { name: 'doc', summary: 'Document processing through IMM: preview, convert, snapshot; translate, polish, summarize, rephrase…', actions: [...docActions, ...docAiActions] },
  { name: 'hls', summary: 'HLS playlists for play-while-transcoding.', actions: hlsActions },
  {
    name: 'style',
    summary: 'A style stored in the bucket: style/<name>, or a built-in one: style/::<name>.',
    styleReference: true,
    actions: [],
  },
  { name: 'sys', summary: 'What happens to the result: save it (saveas) and announce it (notify).', system: true, actions: sysActions },
  { name: 'imm', summary: 'Legacy IMM operations (detectface, tagimage, previewdoc), being phased out.', legacy: true, actions: immActions },
];

interface ActionIndex {
  spec: ActionSpec;
  params: Map<string, ParamSpec>;
  positional: ParamSpec[];
  /** The keys of the keyed parameters, in catalog order (the candidates of every "did you mean" for a key). */
  keys: string[];
  /** The required parameters, in catalog order (every action checked asks). */
  required: ParamSpec[];
}

const enumSets = new WeakMap<ParamSpec, Set<string>>();
const enumLists = new WeakMap<ParamSpec, string[]>();

/** Whether `value` is one of an enum parameter's values (a set lookup: this runs for every value checked). */
export function isEnumValue(param: ParamSpec, value: string): boolean {
  let set = enumSets.get(param);
  if (!set) enumSets.set(param, (set = new Set(enumValues(param))));
  return set.has(value);
}

/** An enum parameter's values, in catalog order: one list per parameter (so guesses over it can be cached). */
export function enumValues(param: ParamSpec): readonly string[] {
  let list = enumLists.get(param);
  if (!list) enumLists.set(param, (list = (param.values ?? []).map((v) => v.value)));
  return list;
}

/** The documented value a written one names: itself, or the value it is a known alias of (`jpeg` names `jpg`). */
export function documentedValue(param: ParamSpec, written: string): string | undefined {
  return param.values?.find((v) => v.value === written || v.aliases?.includes(written))?.value;
}

const products = new Map<string, ProductSpec>();
/** Every product's name, in order. */
export const PRODUCT_NAMES: readonly string[] = PRODUCTS.map((p) => p.name);
const actionNameLists = new Map<ProductSpec, string[]>();
/** Action name → the products with an action of that name, in order: all of them, and those where it starts a stage. */
const owners = new Map<string, { any: ProductSpec[]; topLevel: ProductSpec[] }>();
const actions = new Map<string, Map<string, ActionIndex>>();
// looked up by the spec object itself on the checker's hot path (no key strings to build)
const bySpec = new Map<ActionSpec, ActionIndex>();
for (const product of PRODUCTS) {
  products.set(product.name, product);
  const own = new Map<string, ActionIndex>();
  actions.set(product.name, own);
  actionNameLists.set(product, product.actions.map((a) => a.name));
  for (const spec of product.actions) {
    let named = owners.get(spec.name);
    if (!named) owners.set(spec.name, (named = { any: [], topLevel: [] }));
    if (!named.any.includes(product)) named.any.push(product);
    if (!spec.parent && !named.topLevel.includes(product)) named.topLevel.push(product);
    const params = new Map<string, ParamSpec>();
    const positional: ParamSpec[] = [];
    for (const p of spec.params) {
      if (p.positional) positional.push(p);
      else params.set(p.key, p);
    }
    const index = { spec, params, positional, keys: [...params.keys()], required: spec.params.filter((p) => p.required) };
    own.set(spec.name, index);
    bySpec.set(spec, index);
  }
}

export function getProduct(name: string): ProductSpec | undefined {
  return products.get(name);
}

export function getAction(product: string, name: string): ActionSpec | undefined {
  return actions.get(product)?.get(name)?.spec;
}

/** The names of a product's actions, in catalog order (one list per product). */
export function actionNames(product: ProductSpec): readonly string[] {
  return actionNameLists.get(product) ?? product.actions.map((a) => a.name);
}

/** The products with an action named `name`, in catalog order (with `topLevel`, only where it starts a stage). */
export function productsWithAction(name: string, topLevel: boolean): readonly ProductSpec[] {
  const own = owners.get(name);
  return own ? (topLevel ? own.topLevel : own.any) : [];
}

/** The product's actions with a keyed parameter `key`, in catalog order (for "q is a parameter of image/quality"). */
export function actionsWithKey(product: ProductSpec, key: string): readonly ActionSpec[] {
  let byKey = keyOwners.get(product);
  if (!byKey) {
    keyOwners.set(product, (byKey = new Map()));
    for (const spec of product.actions) for (const k of paramKeys(spec)) byKey.set(k, [...(byKey.get(k) ?? []), spec]);
  }
  return byKey.get(key) ?? [];
}
const keyOwners = new Map<ProductSpec, Map<string, ActionSpec[]>>();

/** A keyed parameter of an action. */
export function getParam(action: ActionSpec, key: string): ParamSpec | undefined {
  return bySpec.get(action)?.params.get(key);
}

/** The positional (keyless) parameters of an action, in order. */
export function positionalParams(action: ActionSpec): readonly ParamSpec[] {
  return bySpec.get(action)?.positional ?? [];
}

/** The keys of an action's keyed parameters, in catalog order. */
export function paramKeys(action: ActionSpec): readonly string[] {
  return bySpec.get(action)?.keys ?? [];
}

/** The parameters an action requires, in catalog order. */
export function requiredParams(action: ActionSpec): readonly ParamSpec[] {
  return bySpec.get(action)?.required ?? [];
}

/** Actions that may start a stage of `product` (not sub-actions). */
export function topLevelActions(product: ProductSpec): ActionSpec[] {
  return product.actions.filter((a) => !a.parent);
}

/** Sub-actions that may follow `parent` (segment after convert, pre after concat). */
export function childActions(product: ProductSpec, parent: string): ActionSpec[] {
  return product.actions.filter((a) => a.parent === parent);
}
