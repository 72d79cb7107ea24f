import { positionalParams, type ParamSpec } from '@ossproc/core';
import { MarkupKind, type ParameterInformation, type Position, type SignatureHelp } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { paramDetail } from './catalogDocs';
import { cursorAt, type ServiceContext } from './context';
import { slotAt } from './cursor';
import type { Settings } from './settings';

/**
 * Signature help in .ossproc documents: the parameters of the action under the cursor, the one being
 * written highlighted (`video/convert,f_…,vcodec_…,…`).
 */
export function getSignatureHelp(ctx: ServiceContext, doc: TextDocument, position: Position, settings: Settings): SignatureHelp | null {
  const cursor = cursorAt(ctx, doc, position, settings);
  if (!cursor || cursor.language !== 'ossproc') return null;
  const text = cursor.region.text;
  const slot = slotAt(text, cursor.index);
  if (!slot || (slot.kind !== 'key' && slot.kind !== 'value' && slot.kind !== 'positional') || !slot.action) return null;
  const action = slot.action;
  const params: ParamSpec[] = [...positionalParams(action), ...action.params.filter((p) => !p.positional)];
  if (params.length === 0) return null;
  let label = `${action.product}/${action.name}`;
  const parameters: ParameterInformation[] = [];
  for (const p of params) {
    label += ',';
    const shown = p.positional ? `<${p.key}>` : `${p.key}_`;
    parameters.push({
      label: [label.length, label.length + shown.length],
      documentation: { kind: MarkupKind.Markdown, value: `\`${paramDetail(p)}\`\n\n${p.doc}` },
    });
    label += shown;
  }
  let active: number | null = null;
  if (slot.kind === 'value') active = params.findIndex((p) => !p.positional && p.key === slot.key);
  else if (slot.kind === 'positional') active = slot.param ? params.indexOf(slot.param) : null;
  else {
    const key = text.slice(slot.key.start, slot.key.end);
    const keyed = params.findIndex((p) => !p.positional && p.key === key);
    if (keyed >= 0) active = keyed;
    else if (key === '' || !slot.hasUnderscore) {
      // a bare value where positional values go (`rotate,9|`)
      const positional = positionalParams(action)[slot.positionalIndex];
      if (positional && key !== '' && !params.some((p) => !p.positional && p.key.startsWith(key))) active = params.indexOf(positional);
    }
  }
  if (active !== null && active < 0) active = null;
  return {
    signatures: [{ label, documentation: { kind: MarkupKind.Markdown, value: action.summary }, parameters, activeParameter: active }],
    activeSignature: 0,
    activeParameter: active,
  };
}
