import type { ParamSpec } from '../catalog/types';
import type { ActionInfo, CheckContext } from './context';
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
  for (const d of ctx.diagnostics) {
    if (!d.data || d.data.source) continue;
    const action = ctx.actions().find((a) => a.spec && a.node.range.start <= d.range.start && d.range.end <= a.node.range.end);
    if (!action) continue;
    const ps = paramAt(action, d.range.start, d.range.end);
    if (ps?.rejectedBy && VALUE_RULES.has(d.ruleId)) {
      d.data = { evidence: d.data.evidence === 'documented' ? 'rejected' : d.data.evidence, source: ps.rejectedBy };
      continue;
    }
    const source = firstAddress(action.spec!.source);
    if (source) d.data = { ...d.data, source };
  }
}

/** The findings an error-code page about a parameter speaks for: a value of the wrong form or out of range. */
const VALUE_RULES = new Set(['invalid-value', 'value-out-of-range', 'unknown-value']);

function paramAt(action: ActionInfo, start: number, end: number): ParamSpec | undefined {
  let positional = 0;
  const list = action.spec!.params.filter((p) => p.positional);
  for (const p of action.node.params) {
    const ps = p.key ? action.param(p.key.text) : list[positional++];
    if (p.range.start <= start && end <= p.range.end) return ps;
  }
  return undefined;
}

function firstAddress(source: string): string | undefined {
  return /https?:\/\/[^\s;,)]+/.exec(source)?.[0];
}
