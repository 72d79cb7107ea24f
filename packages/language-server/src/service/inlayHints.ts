import { readBase64, toHostRange } from '@ossproc/core';
import { InlayHintKind, type CancellationToken, type InlayHint, type Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { humanizeBitRate, unitHint } from './catalogDocs';
import type { ServiceContext } from './context';
import { LIMITS, hostLanguageOf } from './documents';
import { actionsOf, paramsOf } from './locate';
import type { Settings } from './settings';

/**
 * Inlay hints: the decoded text after base64 values (`o_b3V0Lm1wNA` → out.mp4) and the unit after numbers
 * (`t_30000` ms, `vb_2000000` = 2 Mbit/s), each switchable (`ossproc.inlayHints.decodedValues`, `.units`).
 * Only the strings in the requested range are read, and at most LIMITS.maxInlayHints are returned.
 */
export function getInlayHints(ctx: ServiceContext, doc: TextDocument, range: LspRange, settings: Settings, token?: CancellationToken): InlayHint[] {
  const { decodedValues, units } = settings.inlayHints;
  if (!decodedValues && !units) return [];
  const language = hostLanguageOf(doc, settings);
  if (!language) return [];
  const out: InlayHint[] = [];
  const regions = ctx.store.regionsIn(doc, language, doc.offsetAt(range.start), doc.offsetAt(range.end));
  for (const region of regions) {
    if (token?.isCancellationRequested || out.length >= LIMITS.maxInlayHints) break;
    if (region.text.length > LIMITS.maxRegionLength) continue;
    const parsed = ctx.store.parse(region);
    for (const a of actionsOf(parsed)) {
      for (const p of paramsOf(a.node, a.spec)) {
        const value = p.node.value;
        const ps = p.spec;
        if (!value || !ps || value.text === '') continue;
        let label: string | undefined;
        let tooltip: string | undefined;
        let kind: InlayHintKind | undefined;
        if (ps.type === 'base64' && decodedValues) {
          const decoded = readBase64(value.text).text;
          if (decoded !== undefined) {
            label = `→ ${decoded.length > 60 ? `${decoded.slice(0, 59)}…` : decoded}`;
            tooltip = `${ps.key}: decoded from URL-safe base64`;
          }
        } else if (ps.unit && units && (ps.type === 'int' || ps.type === 'float')) {
          label = unitHint(value.text, ps.unit);
          if (label && ps.unit === 'bit/s') tooltip = `${value.text} bit/s = ${humanizeBitRate(Number(value.text))}`;
          kind = InlayHintKind.Type;
        }
        if (!label) continue;
        const end = toHostRange(region, value.range).end;
        const hint: InlayHint = { position: doc.positionAt(end), label, paddingLeft: true };
        if (kind !== undefined) hint.kind = kind;
        if (tooltip) hint.tooltip = tooltip;
        out.push(hint);
        if (out.length >= LIMITS.maxInlayHints) break;
      }
    }
  }
  return out;
}
