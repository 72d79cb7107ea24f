import { check, readBase64, type ActionSpec, type ParamSpec } from '@ossproc/core';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { actionMarkdown, humanizeBitRate, paramMarkdown, productMarkdown } from './catalogDocs';
import { cursorAt, lspRange, type ServiceContext } from './context';
import { locate } from './locate';
import type { Settings } from './settings';

/**
 * Hover: a product's and an action's summary, a parameter's doc, type, range, default and unit, an enum
 * value's meaning, and the decoded text of any base64 value (`b_`, `o_`, `topic_`, watermark texts…).
 */
export function doHover(ctx: ServiceContext, doc: TextDocument, position: Position, settings: Settings): Hover | null {
  const cursor = cursorAt(ctx, doc, position, settings);
  if (!cursor) return null;
  const parsed = ctx.store.parse(cursor.region);
  const found = locate(parsed, cursor.index);
  if (!found) return null;
  let value: string | undefined;
  let range = found.kind === 'prefix' ? found.range : found.word.range;
  switch (found.kind) {
    case 'prefix':
      value = parsed.tree.prefix?.mode === 'async'
        ? '**x-oss-async-process** — the string runs as an asynchronous task; results are saved with sys/saveas and announced with sys/notify.'
        : '**x-oss-process** — the string runs synchronously; the processed result is the response.';
      break;
    case 'product':
      value = found.product ? productMarkdown(found.product) : undefined;
      break;
    case 'action':
      value = found.action ? actionMarkdown(found.action) : undefined;
      break;
    case 'key':
      value = found.param ? paramMarkdown(found.param, found.action) : undefined;
      break;
    case 'value':
      if (found.param) value = valueMarkdown(found.param, found.word.text, found.action ? `${found.action.product}/${found.action.name}` : undefined);
      // hovering the value of `key_value` describes the pair
      if (found.node.key) range = { start: found.node.key.range.start, end: found.word.range.end };
      break;
  }
  if (!value) return null;
  value += evidenceMarkdown(cursor.region.text, cursor.index, settings, 'param' in found ? found.param : undefined, 'action' in found ? found.action : undefined);
  return { contents: { kind: MarkupKind.Markdown, value }, range: lspRange(doc, cursor.region, range) };
}

/**
 * What the verdicts at the cursor rest on: each finding there with its evidence and document, and the
 * documents behind the hovered parameter or action.
 */
function evidenceMarkdown(text: string, index: number, settings: Settings, param?: ParamSpec, action?: ActionSpec): string {
  const lines: string[] = [];
  for (const d of check(text, { mode: settings.mode, rules: settings.rules, sourceKey: settings.sourceKey })) {
    if (d.range.start > index || index > d.range.end || !d.data) continue;
    lines.push(`${d.severity} \`${d.ruleId}\` — evidence: **${d.data.evidence}**${d.data.source ? ` (${d.data.source})` : ''}`);
  }
  if (param?.rejectedBy) lines.push(`Evidence: the service rejects a wrong value (${param.rejectedBy})`);
  if (action?.paramsIncomplete) lines.push('Evidence: the documented parameter table could not be read in full; unknown keys are warnings');
  if (action?.deprecated) lines.push(`Evidence: a legacy operation being phased out; use ${action.deprecated.replacement} (${action.deprecated.source})`);
  if (action?.undocumented) lines.push(`Evidence: not documented; seen ${action.undocumented}`);
  if (action && !param) lines.push(`Source: ${action.source}`);
  return lines.length ? `\n\n---\n\n${lines.join('\n\n')}` : '';
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
}

/** What a written value means: an enum's choice, the decoded text, a humanized number. */
export function valueMarkdown(ps: ParamSpec, value: string, where?: string): string {
  const head = ps.positional ? code(value) : code(`${ps.key}_${value}`);
  const lines: string[] = [];
  if (ps.type === 'base64') {
    const read = readBase64(value);
    if (read.text !== undefined) lines.push(`${head} → ${code(read.text)}`, '', `Decoded from URL-safe base64 (${ps.decoded ?? 'text'}).`);
    else lines.push(`${head}: not valid URL-safe base64 (${read.problem === 'alphabet' ? 'a character outside the alphabet' : read.problem === 'length' ? 'a length no encoding produces' : 'the bytes are not UTF-8'}).`);
  } else if (ps.values) {
    const choice = ps.values.find((v) => v.value === value);
    lines.push(choice ? `${head} — ${choice.doc}` : `${head}: not one of the values of ${ps.key}.`);
  } else if (ps.unit === 'bit/s' && /^\d+$/.test(value)) {
    lines.push(`${head} — ${humanizeBitRate(Number(value))}`);
  } else if (ps.unit && /^[+-]?\d+(\.\d+)?$/.test(value)) {
    lines.push(`${head} — ${value} ${ps.unit}`);
  } else lines.push(head);
  lines.push('', '---', '', paramMarkdown(ps, undefined, { values: false }));
  if (where) lines.push('', `_${where}_`);
  return lines.join('\n');
}
