import { getAction, getParam, getProduct, positionalParams, type ActionNode, type ActionSpec, type ParamNode, type ParamSpec, type ParseResult, type ProductSpec, type Range, type StageNode, type Word } from '@ossproc/core';

/**
 * The syntax node under an offset of a parsed string, with what the catalog knows of it (the way
 * vscode-json-languageservice finds the node at an offset before it asks the schema).
 */
export type Located =
  | { kind: 'prefix'; range: Range }
  | { kind: 'product'; word: Word; product: ProductSpec | undefined }
  | { kind: 'action'; word: Word; product: ProductSpec | undefined; action: ActionSpec | undefined; node: ActionNode }
  | { kind: 'key'; word: Word; action: ActionSpec | undefined; param: ParamSpec | undefined; node: ParamNode }
  | { kind: 'value'; word: Word; action: ActionSpec | undefined; param: ParamSpec | undefined; node: ParamNode };

function within(r: Range, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}

/** The product of a stage: written, or sys for the shorthand stage after `|` (`notify,topic_…`). */
export function productOfStage(stage: StageNode, index: number): ProductSpec | undefined {
  if (stage.product) return getProduct(stage.product.text);
  return index > 0 ? getProduct('sys') : undefined;
}

/** Every action of a parsed string with its spec. */
export function* actionsOf(parsed: ParseResult): Generator<{ stage: StageNode; stageIndex: number; product: ProductSpec | undefined; node: ActionNode; spec: ActionSpec | undefined }> {
  const stages = parsed.tree.stages;
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!;
    const product = productOfStage(stage, i);
    for (const node of stage.actions) yield { stage, stageIndex: i, product, node, spec: product ? getAction(product.name, node.name.text) : undefined };
  }
}

/** Each parameter of an action with its spec (keyed by key, positional by order). */
export function paramsOf(node: ActionNode, spec: ActionSpec | undefined): { node: ParamNode; spec: ParamSpec | undefined }[] {
  const positional = spec ? positionalParams(spec) : [];
  let next = 0;
  return node.params.map((p) => ({ node: p, spec: spec ? (p.key ? getParam(spec, p.key.text) : positional[next++]) : undefined }));
}

export function locate(parsed: ParseResult, offset: number): Located | undefined {
  const { tree } = parsed;
  if (tree.prefix && offset >= tree.prefix.range.start && offset < tree.prefix.range.end) return { kind: 'prefix', range: tree.prefix.range };
  for (const a of actionsOf(parsed)) {
    if (a.stage.product && within(a.stage.product.range, offset) && a.node === a.stage.actions[0]) {
      return { kind: 'product', word: a.stage.product, product: a.product };
    }
    if (!within(a.node.range, offset)) continue;
    if (within(a.node.name.range, offset)) return { kind: 'action', word: a.node.name, product: a.product, action: a.spec, node: a.node };
    for (const p of paramsOf(a.node, a.spec)) {
      if (p.node.key && within(p.node.key.range, offset)) {
        return { kind: 'key', word: p.node.key, action: a.spec, param: p.spec, node: p.node };
      }
      if (p.node.value && within(p.node.value.range, offset)) return { kind: 'value', word: p.node.value, action: a.spec, param: p.spec, node: p.node };
    }
  }
  // a stage holding only a product (`video/`)
  for (let i = 0; i < tree.stages.length; i++) {
    const stage = tree.stages[i]!;
    if (stage.product && within(stage.product.range, offset)) return { kind: 'product', word: stage.product, product: productOfStage(stage, i) };
  }
  return undefined;
}
