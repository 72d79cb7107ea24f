import { encodeBase64Url, explain, hostOffset, readBase64 } from '@ossproc/core';
import type { Position, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cursorAt, lspRange, type ServiceContext } from './context';
import { locate, actionsOf } from './locate';
import type { Settings } from './settings';

/**
 * The language logic behind the extension's commands, run on the server through workspace/executeCommand
 * so that the client stays thin.
 */

/** Command ids the server executes (the extension's own command ids differ: a client registers these). */
export const COMMANDS = {
  explain: 'ossproc.server.explain',
  decode: 'ossproc.server.decodeValue',
  insertSaveasTarget: 'ossproc.server.insertSaveasTarget',
} as const;

export interface ExplainResult {
  /** The processing string explained. */
  text: string;
  /** Markdown: the mode and every step with its parameters, defaults filled in, targets decoded. */
  markdown: string;
}

/** Explains the string under the cursor (core's explain, as markdown). */
export function explainAt(ctx: ServiceContext, doc: TextDocument, position: Position, settings: Settings): ExplainResult | null {
  const cursor = cursorAt(ctx, doc, position, settings);
  if (!cursor) return null;
  const text = cursor.region.text;
  const mode = cursor.region.mode && settings.mode === 'auto' ? cursor.region.mode : settings.mode;
  const e = explain(ctx.store.parse(text), { mode, rules: settings.rules });
  const fence = text.includes('```') ? '````' : '```';
  const lines = ['# ossproc: explanation', '', fence, text, fence, '', `**Mode:** ${e.mode === 'either' ? 'synchronous or asynchronous' : e.mode === 'async' ? 'asynchronous (x-oss-async-process)' : 'synchronous (x-oss-process)'} — ${e.modeReason}`, ''];
  e.actions.forEach((a, i) => {
    lines.push(`## ${i + 1}. ${a.product ? `${a.product}/` : ''}${a.name}`, '', a.summary, '');
    if (a.params.length) {
      lines.push('| Parameter | Value | Meaning |', '| --- | --- | --- |');
      for (const p of a.params) {
        const value = `\`${p.value}\`${p.unit ? ` ${p.unit}` : ''}${p.decoded !== undefined ? ` → \`${p.decoded}\`` : ''}${p.written ? '' : ' _(default)_'}`;
        lines.push(`| ${p.key ? `\`${p.key}\`` : '(value)'} | ${cell(value)} | ${cell(p.meaning)} |`);
      }
      lines.push('');
    }
  });
  return { text, markdown: lines.join('\n') };
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export interface DecodeResult {
  key: string;
  value: string;
  /** The decoded text, when the value is valid base64 of UTF-8. */
  decoded?: string;
  problem?: string;
}

/** The base64 value under the cursor, decoded. */
export function decodeAt(ctx: ServiceContext, doc: TextDocument, position: Position, settings: Settings): DecodeResult | null {
  const cursor = cursorAt(ctx, doc, position, settings);
  if (!cursor) return null;
  const found = locate(ctx.store.parse(cursor.region), cursor.index);
  if (!found || (found.kind !== 'value' && found.kind !== 'key') || !found.node.value) return null;
  const value = found.node.value.text;
  const key = found.node.key?.text ?? '';
  if (found.param && found.param.type !== 'base64') return null;
  const read = readBase64(value);
  if (read.text !== undefined) return { key, value, decoded: read.text };
  return { key, value, problem: read.problem === 'alphabet' ? 'a character outside the base64 alphabet' : read.problem === 'length' ? 'not a length base64 produces' : 'the bytes are not UTF-8 text' };
}

/**
 * The edit that gives the string under the cursor a `sys/saveas` target (bucket optional, object
 * required), encoded: it replaces an existing saveas, goes before a lone notify, or is appended as
 * `|sys/saveas,b_…,o_…`. Outside a string it is inserted at the cursor.
 */
export function saveasTargetEdit(ctx: ServiceContext, doc: TextDocument, position: Position, settings: Settings, bucket: string, object: string): TextEdit {
  const params = `${bucket ? `b_${encodeBase64Url(bucket)},` : ''}o_${encodeBase64Url(object)}`;
  const saveas = `saveas,${params}`;
  const cursor = cursorAt(ctx, doc, position, settings);
  if (!cursor) return { range: { start: position, end: position }, newText: `|sys/${saveas}` };
  const { region } = cursor;
  const parsed = ctx.store.parse(region);
  for (const a of actionsOf(parsed)) {
    if (a.product?.system && a.node.name.text === 'saveas') return { range: lspRange(doc, region, a.node.range), newText: saveas };
  }
  for (const a of actionsOf(parsed)) {
    if (a.product?.system && a.node.name.text === 'notify' && a.stageIndex > 0) {
      const at = lspRange(doc, region, { start: a.node.range.start, end: a.node.range.start });
      return { range: at, newText: `${saveas}/` };
    }
  }
  const end = doc.positionAt(hostOffset(region, region.text.length));
  return { range: { start: end, end }, newText: `|sys/${saveas}` };
}
