import type { NestedProcessing } from '../catalog/types';
import { parse } from '../syntax/parse';
import type { ParamNode } from '../syntax/tree';
import { CheckContext } from './context';
import type { Diagnostic } from './diagnostic';
import { runRules } from './run';
import type { RuleId } from './rules';

const MARKER = '?x-oss-process=';

/**
 * An image watermark's `image_` value decodes to `object[?x-oss-process=image/…]`: the inner string is checked
 * as a string of its own, and what it reports lands on the outer value. The catalog says what it may do
 * (`nested`): an action documented as rejected there is an error, one the documentation does not list a warning.
 */
export function checkNested(ctx: CheckContext, p: ParamNode, decoded: string, allowed: NestedProcessing | undefined): void {
  const at = decoded.indexOf(MARKER);
  if (at === -1) return;
  const inner = decoded.slice(at + MARKER.length);
  const found: (Pick<Diagnostic, 'ruleId' | 'message' | 'severity'> & { source?: string })[] = [];
  // '|' is rejected there; the rest is checked as if its actions were joined with '/', as they must be
  const pipe = inner.indexOf('|');
  if (pipe !== -1 && allowed) {
    found.push({ ruleId: 'misplaced-action', severity: 'error', message: `'|' cannot stand in a watermark image's processing: join its actions with '/'`, source: allowed.pipeRejectedBy });
  }
  const innerCtx = new CheckContext(parse(pipe === -1 ? inner : inner.replaceAll('|', '/'), { percentDecode: false }), { ...ctx.options, mode: 'sync', nested: true, sourceKey: undefined });
  runRules(innerCtx);
  // what an action the service rejects there says of itself is beside the point (a cut-off inner value)
  const rejectedSpans: { start: number; end: number }[] = [];
  const verdicts: typeof found = [];
  for (const a of innerCtx.actions()) {
    if (!a.spec || !allowed || allowed.actions.includes(a.name)) continue;
    if (allowed.rejected[a.name]) {
      rejectedSpans.push(a.node.range);
      verdicts.push({ ruleId: 'misplaced-action', severity: 'error', message: `${a.name} cannot be used in a watermark image's processing`, source: allowed.rejected[a.name] });
    } else {
      verdicts.push({ ruleId: 'misplaced-action', severity: 'warning', message: `a watermark image's processing is documented to ${allowed.actions.join(', ')}; ${a.name} is not among them, and the service may reject it` });
    }
  }
  for (const d of innerCtx.diagnostics) {
    if (!rejectedSpans.some((r) => d.range.start >= r.start && d.range.end <= r.end)) found.push({ ...d, source: d.data?.source });
  }
  for (const d of [...found, ...verdicts]) {
    ctx.report(d.ruleId as RuleId, p.range, `In the watermark image's processing '${inner}': ${d.message}`, { atMost: d.severity, source: d.source });
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
