import type { Condition, Relation } from '../catalog/types';
import { positionalParams } from '../catalog';
import type { ParamNode } from '../syntax/tree';
import { paramText, removeParamEdit, type ActionInfo, type CheckContext } from './context';

/** The relations the catalog states between parameters of one action. */
export function checkRelations(ctx: CheckContext): void {
  // a finding carries what its relation rests on (evidence, source, atMost), when not the parameter table;
  // no closure here captures the action (that would cost an allocation per action): helpers take it instead
  for (const action of ctx.actions()) {
    const relations = action.spec?.relations;
    if (!relations) continue;
    // one no-effect finding per parameter: the first relation that explains it (a set made at the first)
    let ineffective: Set<ParamNode> | undefined;
    for (const r of relations) {
      switch (r.kind) {
        case 'exclusive':
          exclusive(ctx, action, r);
          break;
        case 'requiresAny': {
          if (writesAny(action, r.params) || action.writesUnknown) break;
          // a positional parameter is named by what is written: a bare value
          const named = r.params.map((k) => (namesPositional(action, k) ? 'a bare value' : k));
          ctx.report('missing-parameter', action.node.name.range, `${action.spec!.product}/${action.name} needs one of ${named.join(', ')}${r.doc ? `: ${r.doc}` : ''}`, { evidence: r.evidence, source: r.source, atMost: r.atMost });
          break;
        }
        case 'effectiveOnly':
        case 'ignoredWhen': {
          // the condition first (a lookup or two; nearly always it leaves the parameters in effect), then the
          // parameters it affects that the action writes
          const holds = action.holds(r.when);
          if (r.kind === 'effectiveOnly' ? holds : !holds) break;
          // the condition's parameter is probably written, misspelled: its value is unknown
          if (action.misspelled.has(r.when.param)) break;
          const affected = written(action, r.params);
          if (affected.length === 0) break;
          for (const p of affected) {
            const key = p.key!.text;
            if (ineffective?.has(p) || key === r.when.param) continue;
            (ineffective ??= new Set()).add(p);
            const why = r.kind === 'ignoredWhen' && action.byDefault(r.when) ? `${r.doc} (${describe(action, r.when)} is the default)` : r.doc;
            // a relation the documentation itself contradicts elsewhere is stated as a possibility
            ctx.report('ineffective-parameter', p.range, `${paramText(ctx, p)} ${r.atMost === 'info' ? 'may have' : 'has'} no effect: ${why}`, {
              unnecessary: true,
              fixes: [{ title: `Remove '${paramText(ctx, p)}'`, edits: [removeParamEdit(action.node, p)], certain: false }],
              related: relatedTo(action, r.when),
              evidence: r.evidence,
              source: r.source,
              atMost: r.atMost,
            });
          }
          break;
        }
      }
    }
  }
}

/** Whether the action writes one of `keys`: a key, or a bare value where a key names a positional parameter. */
function writesAny(action: ActionInfo, keys: readonly string[]): boolean {
  for (const k of keys) if (action.byKey.has(k)) return true;
  return keys.some((k) => namesPositional(action, k)) && action.node.params.some((p) => !p.key && p.value !== undefined && p.value.text !== '');
}

/** Whether a relation's key names one of the action's positional parameters (quality's bare value). */
function namesPositional(action: ActionInfo, key: string): boolean {
  return positionalParams(action.spec!).some((ps) => ps.key === key);
}

/** An exclusive relation: the keys given after the first are reported. */
function exclusive(ctx: CheckContext, action: ActionInfo, r: Extract<Relation, { kind: 'exclusive' }>): void {
  // nearly always at most one of them is given: count before collecting
  let count = 0;
  for (const k of r.params) if (action.byKey.has(k)) count++;
  if (count < 2) return;
  const given = r.params.map((k) => action.byKey.get(k)).filter((p): p is ParamNode => !!p);
  const [first, ...rest] = given;
  for (const p of rest) {
    ctx.report('mutually-exclusive', p.range, `${p.key!.text} and ${first!.key!.text} cannot be combined: give one of them${r.doc ? ` (${r.doc})` : ''}`, {
      related: [{ range: first!.range, message: `${first!.key!.text} is given here` }],
      fixes: [p, first!].map((drop) => ({ title: `Remove '${paramText(ctx, drop)}'`, edits: [removeParamEdit(action.node, drop)], certain: false })),
      evidence: r.evidence,
      source: r.source,
      atMost: r.atMost,
    });
  }
}

const paramSets = new WeakMap<readonly string[], Set<string>>();

const NONE: ParamNode[] = [];

/** The parameters of `keys` that the action writes, in the order written (a shared empty list when none). */
function written(action: ActionInfo, keys: readonly string[]): ParamNode[] {
  let set = paramSets.get(keys);
  if (!set) paramSets.set(keys, (set = new Set(keys)));
  let out = NONE;
  for (const p of action.node.params) {
    if (p.key && set.has(p.key.text) && action.byKey.get(p.key.text) === p) (out === NONE ? (out = []) : out).push(p);
  }
  return out;
}

function describe(action: ActionInfo, c: Condition): string {
  return `${c.param} ${action.value(c.param) ?? ''}`.trim();
}

function relatedTo(action: ActionInfo, c: Condition) {
  const p = action.byKey.get(c.param);
  return p ? [{ range: p.range, message: `because of ${c.param}_${p.value?.text ?? ''}` }] : undefined;
}
