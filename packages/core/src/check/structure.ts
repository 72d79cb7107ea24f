import { PRODUCTS, productsWithAction, styleNameRule } from '../catalog';
import type { ActionSpec, ProductSpec } from '../catalog/types';
import { hasHole, type ActionInfo, type CheckContext, type StageInfo } from './context';
import { base64Tail } from './targets';
import type { Range } from '../text/range';

/** Products, actions and where they stand. */
export function checkStructure(ctx: CheckContext): void {
  const last = ctx.stages.length - 1;
  for (const stage of ctx.stages) {
    const { node, product } = stage;
    if (!node.product) {
      productless(ctx, stage);
      continue;
    }
    if (hasHole(node.product.text)) continue;
    if (product?.name !== node.product.text) {
      // the context resolved a misspelled product through its one nearest name: that name is the guess
      const guess = product?.name;
      ctx.report('unknown-product', node.product.range, `Unknown product '${node.product.text}'${guess ? `: did you mean '${guess}'?` : `; products are ${PRODUCTS.map((p) => p.name).join(', ')}`}`, {
        fixes: guess ? [{ title: `Replace with '${guess}'`, edits: [{ range: node.product.range, newText: guess }], certain: true }] : undefined,
      });
      if (!product) continue;
    }
    if (product.system && stage.index === 0 && last > 0) {
      ctx.report('misplaced-action', node.product.range, `sys/${stage.actions[0]?.name ?? '…'} must come last, after '|'`);
    } else if (!product.system && stage.index > 0) {
      ctx.report('misplaced-action', node.product.range, `Only sys/… (saveas, notify) may follow '|'; chain ${product.name} actions with '/' in the first stage`);
    }
    if (product.styleReference) styleName(ctx, stage);
    else actions(ctx, stage, product);
  }
}

/** A stage written without a product: the documented shorthand `…|notify,topic_…`, or a mistake. */
function productless(ctx: CheckContext, stage: StageInfo): void {
  const first = stage.actions[0];
  if (!first || hasHole(first.node.name.text)) return;
  const product = stage.product;
  if (product?.system && stage.index > 0) return actions(ctx, stage, product);
  const range = first.node.name.range;
  if (!product) {
    ctx.report('unknown-product', range, `Expected a product before '${first.name}', such as image/ or video/`);
    return;
  }
  // inserting the product is certain in the first stage; after '|' the action would still be misplaced
  ctx.report('unknown-product', range, `'${first.name}' needs its product: write ${product.name}/${first.name}`, {
    fixes: [{ title: `Insert '${product.name}/'`, edits: [{ range: { start: range.start, end: range.start }, newText: `${product.name}/` }], certain: stage.index === 0 }],
  });
  if (stage.index > 0) ctx.report('misplaced-action', range, `Only sys/… (saveas, notify) may follow '|'; chain ${product.name} actions with '/' in the first stage`);
  actions(ctx, stage, product);
}

const NO_ACTIONS: ReadonlySet<ActionInfo> = new Set();

function actions(ctx: CheckContext, stage: StageInfo, product: ProductSpec): void {
  // what follows a base64 value's standard '/' is the value's, not an action (the targets family reports it);
  // a tail is made of actions the catalog does not know, so a stage of known actions has none
  const tails: ReadonlySet<ActionInfo> = stage.actions.some(isUnknown) ? new Set(stage.actions.flatMap((a) => base64Tail(a))) : NO_ACTIONS;
  // a loop, not forEach: a callback would capture ctx, stage and product, an allocation per stage. `before`: the
  // nearest action before i that is not its sibling (concat/pre/pre/sur follow concat), shared by a run of
  // siblings, so a chain of thousands is not walked back for each
  let before = -1;
  for (let i = 0; i < stage.actions.length; i++) {
    const parent = stage.actions[i]!.spec?.parent;
    if (parent === undefined || stage.actions[i - 1]?.spec?.parent !== parent) before = i - 1;
    checkAction(ctx, stage, product, tails, stage.actions[i]!, i, before);
  }
}

function isUnknown(a: ActionInfo): boolean {
  return !a.spec;
}

function checkAction(ctx: CheckContext, stage: StageInfo, product: ProductSpec, tails: ReadonlySet<ActionInfo>, action: ActionInfo, i: number, before: number): void {
  const nameRange = action.node.name.range;
  const written = action.node.name.text;
  if (hasHole(written) || tails.has(action)) return;
  const spec = action.spec;
  if (spec?.name !== written && !misnamed(ctx, product, spec, written, nameRange)) return;
  if (!spec) return;
  if (spec.parent) {
    // a sub-action follows its parent, possibly after siblings (concat/pre/pre/sur)
    if (before < 0 || stage.actions[before]!.name !== spec.parent) {
      ctx.report('misplaced-action', nameRange, `${spec.name} must follow ${product.name}/${spec.parent}`);
    }
  }
  if (spec.after) mustFollow(ctx, stage, spec.name, spec.after, nameRange, i);
  if (spec.alone && stage.actions.length > 1) {
    ctx.report('misplaced-action', nameRange, `${product.name}/${spec.name} cannot be combined with other actions: it must be the only one`, { source: spec.alone });
  }
}

/**
 * An action not written as the catalog names it: a parameter in its place, another product's action, or a
 * misspelling. Returns whether the action is still to be checked (a misspelling with its one correction).
 */
function misnamed(ctx: CheckContext, product: ProductSpec, spec: ActionSpec | undefined, written: string, nameRange: Range): boolean {
  if (written.includes('_')) {
    ctx.report('unknown-action', nameRange, `Expected an action name, found the parameter '${written}': parameters follow the action after ','`);
    return false;
  }
  const elsewhere = !spec && productsWithAction(written, false).find((p) => p !== product);
  if (elsewhere) {
    const parent = elsewhere.actions.find((a) => a.name === written)!.parent;
    ctx.report('misplaced-action', nameRange, `${written} is a ${elsewhere.name} action: put it in the ${elsewhere.name} stage${parent ? `, after ${elsewhere.name}/${parent}` : ''}${product.system ? ", before '|'" : ''}`);
    return false;
  }
  // the context resolved a misspelled name through its one nearest action of the product: the guess
  const guess = spec?.name;
  ctx.report('unknown-action', nameRange, `${product.name} has no action '${written}'${guess ? `: did you mean '${guess}'?` : ''}`, {
    fixes: guess ? [{ title: `Replace with '${guess}'`, edits: [{ range: nameRange, newText: guess }], certain: true }] : undefined,
  });
  return spec !== undefined;
}

/** An action that must come after others (`after`): each of them standing later in the stage is reported. */
function mustFollow(ctx: CheckContext, stage: StageInfo, name: string, after: readonly string[], nameRange: Range, i: number): void {
  for (const before of after) {
    const later = stage.actions.slice(i + 1).find((a) => a.name === before);
    if (later) {
      ctx.report('misplaced-action', nameRange, `${name} must come after ${before}`, {
        related: [{ range: later.node.name.range, message: `${before} stands here` }],
      });
    }
  }
}

function styleName(ctx: CheckContext, stage: StageInfo): void {
  const first = stage.actions[0];
  if (!first || hasHole(first.name)) return;
  const builtin = first.name.startsWith(styleNameRule.builtinStyle.prefix);
  const facts = builtin ? styleNameRule.builtinStyle : styleNameRule.bucketStyle;
  const name = first.name.slice(facts.prefix.length);
  if (!facts.pattern.regex.test(name)) {
    ctx.report('invalid-style-name', first.node.name.range, `Style name '${first.name}': ${facts.pattern.describe}`);
  }
  for (const extra of stage.actions.slice(1)) {
    ctx.report('misplaced-action', extra.node.name.range, `A style reference stands alone: style/${first.name} cannot be followed by '/${extra.name}'`);
  }
  for (const p of first.node.params) {
    ctx.report('unknown-parameter', p.range, `A style reference takes no parameters`);
  }
}
