import { parse } from '../syntax/parse';
import type { ParamNode } from '../syntax/tree';
import { CheckContext } from './context';
import { runRules } from './run';
import type { RuleId } from './rules';

/** What a watermark image's own processing may do (EC 0040-00000373 rejects a nested watermark). */
const NESTED_ACTIONS = ['resize', 'crop', 'indexcrop', 'rounded-corners', 'rotate'];
const MARKER = '?x-oss-process=';

/**
 * An image watermark's `image_` value decodes to `object[?x-oss-process=image/…]`: the inner string is checked
 * as a string of its own, and what it reports lands on the outer value.
 */
export function checkNested(ctx: CheckContext, p: ParamNode, decoded: string): void {
  const at = decoded.indexOf(MARKER);
  if (at === -1) return;
  const inner = decoded.slice(at + MARKER.length);
  const innerCtx = new CheckContext(parse(inner, { percentDecode: false }), { ...ctx.options, mode: 'sync', nested: true, sourceKey: undefined });
  runRules(innerCtx);
  for (const a of innerCtx.actions()) {
    if (a.spec && !NESTED_ACTIONS.includes(a.name)) {
      innerCtx.report('misplaced-action', a.node.name.range, `a watermark image's processing may only ${NESTED_ACTIONS.join(', ')}; not ${a.name}`);
    }
  }
  for (const d of innerCtx.diagnostics) {
    ctx.report(d.ruleId as RuleId, p.range, `In the watermark image's processing '${inner}': ${d.message}`, { atMost: d.severity });
  }
}

/** Parameters that only work inside a watermark image's processing (resize's P). */
export function checkNestedOnly(ctx: CheckContext): void {
  if (ctx.options.nested) return;
  for (const a of ctx.actions()) {
    if (a.stage.product?.name !== 'image' || a.name !== 'resize') continue;
    const P = a.byKey.get('P');
    if (P) ctx.report('ineffective-parameter', P.range, `P_${P.value?.text ?? ''} scales a watermark image and works only inside a watermark's image processing; use p for a percentage`, { unnecessary: true });
  }
}
