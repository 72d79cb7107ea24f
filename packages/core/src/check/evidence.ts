import { positionalParams } from '../catalog';
import type { ParamSpec } from '../catalog/types';
import type { ParamNode } from '../syntax/tree';
import type { ActionInfo, CheckContext } from './context';
import { evidenceData } from './diagnostic';
import { MAY_IGNORE } from './tolerated';

/**
 * Actions the catalog knows but the service may not: legacy operations being phased out, and actions seen in
 * live use that no page documents.
 */
export function checkStanding(ctx: CheckContext): void {
  for (const a of ctx.actions()) {
    const spec = a.spec;
    if (!spec) continue;
    if (spec.deprecated) {
      ctx.report('deprecated-action', a.node.name.range, `${spec.product}/${spec.name} is a legacy operation the documentation marks as being phased out: use ${spec.deprecated.replacement}`, {
        source: spec.deprecated.source,
      });
    }
    if (spec.undocumented) {
      ctx.report('unknown-action', a.node.name.range, `${spec.product}/${spec.name} is seen ${spec.undocumented} but is ${MAY_IGNORE}`, {
        atMost: 'warning',
      });
    }
  }
}

/**
 * Every finding about a parameter or an action cites the page that holds the fact, unless it cites one
 * already: the parameter's error-code page (then the evidence is `rejected`: the service is documented to
 * refuse such a value), else the first address of the action's source.
 */
export function citeSources(ctx: CheckContext): void {
  // found by binary search over ranges in document order (the context lists its actions so, and an action its
  // parameters): a string with 100,000 findings stays linear
  const actions = ctx.actions();
  let positional: Map<ActionInfo, readonly (ParamSpec | undefined)[]> | undefined;
  for (const d of ctx.diagnostics) {
    const data = d.data;
    if (!data || data.source) continue;
    const action = actions[containingAction(actions, d.range.start, d.range.end)];
    if (!action?.spec) continue;
    const at = containingParam(action.node.params, d.range.start, d.range.end);
    let ps: ParamSpec | undefined;
    if (at !== -1) {
      const key = action.node.params[at]!.key;
      if (key) ps = action.param(key.text);
      else {
        // a positional value: its spec by its place among them, listed once per action (linear however many)
        let list = positional?.get(action);
        if (!list) (positional ??= new Map()).set(action, (list = paramSpecs(action)));
        ps = list[at];
      }
    }
    if (ps?.rejectedBy && VALUE_RULES.has(d.ruleId)) {
      d.data = evidenceData(data.evidence === 'documented' ? 'rejected' : data.evidence, ps.rejectedBy);
      continue;
    }
    const source = firstAddress(action.spec.source);
    if (source) d.data = evidenceData(data.evidence, source);
  }
}

/** The findings an error-code page about a parameter speaks for: a value of the wrong form or out of range. */
const VALUE_RULES = new Set(['invalid-value', 'value-out-of-range', 'unknown-value']);

/** The index of the last action starting at or before `start`, when it holds [start, end); else -1. */
function containingAction(items: readonly ActionInfo[], start: number, end: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.node.range.start <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== -1 && end <= items[found]!.node.range.end ? found : -1;
}

/** `containingAction` over an action's parameters (two copies: a range getter passed in costs a call per step). */
function containingParam(items: readonly ParamNode[], start: number, end: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.range.start <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== -1 && end <= items[found]!.range.end ? found : -1;
}

/** The spec of each of an action's parameters (positional values in order), in document order. */
function paramSpecs(action: ActionInfo): (ParamSpec | undefined)[] {
  let positional = 0;
  const list = positionalParams(action.spec!);
  return action.node.params.map((p) => (p.key ? action.param(p.key.text) : list[positional++]));
}

const ADDRESS = /https?:\/\/[^\s;,)]+/;
/** By source text: a few hundred catalog sources, each cited again and again. */
const addresses = new Map<string, string | undefined>();

function firstAddress(source: string): string | undefined {
  if (!addresses.has(source)) addresses.set(source, ADDRESS.exec(source)?.[0]);
  return addresses.get(source);
}
