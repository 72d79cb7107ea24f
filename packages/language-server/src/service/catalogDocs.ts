import { positionalParams, type ActionSpec, type ParamSpec, type ProductSpec, type Unit } from '@ossproc/core';

/**
 * The words completion, hover and signature help show for the catalog's entries. One place, so a
 * parameter reads the same in a completion item as in a hover.
 */

const TYPE_WORDS: Record<ParamSpec['type'], string> = {
  int: 'integer',
  float: 'number',
  enum: 'enum',
  size: 'size (WxH)',
  color: 'colour (RRGGBB)',
  base64: 'URL-safe base64',
  string: 'string',
};

function fmtNumber(n: number): string {
  return String(n);
}

/** `0–240`, `(0, 1000]`, `≥ 1`, or undefined when the catalog gives no bounds. */
export function rangeText(ps: ParamSpec): string | undefined {
  const { min, max } = ps;
  if (min === undefined && max === undefined) return undefined;
  if (min !== undefined && max !== undefined) return ps.minExclusive ? `(${fmtNumber(min)}, ${fmtNumber(max)}]` : `${fmtNumber(min)}–${fmtNumber(max)}`;
  if (min !== undefined) return `${ps.minExclusive ? '>' : '≥'} ${fmtNumber(min)}`;
  return `≤ ${fmtNumber(max!)}`;
}

/** What the decoded text of a base64 parameter is, in words. */
const DECODED_WORDS: Record<NonNullable<ParamSpec['decoded']>, string> = {
  bucket: 'a bucket name',
  object: 'an object key',
  topic: 'an SMQ topic name',
  text: 'text',
  font: 'a font name',
  'process-ref': 'an object key, optionally with ?x-oss-process=…',
  pages: 'a page list',
};

/** One line: `vcodec: enum (h264 | h265 | …)`, `fps: number 0–240 fps`, `o: URL-safe base64 of an object key`. */
export function paramDetail(ps: ParamSpec): string {
  const parts: string[] = [TYPE_WORDS[ps.type]];
  if (ps.type === 'base64' && ps.decoded) parts[0] = `URL-safe base64 of ${DECODED_WORDS[ps.decoded]}`;
  if (ps.type === 'enum' && ps.values?.length) {
    const shown = ps.values.slice(0, 6).map((v) => v.value);
    parts.push(`(${shown.join(' | ')}${ps.values.length > shown.length ? ' | …' : ''})`);
  }
  const range = rangeText(ps);
  if (range) parts.push(range);
  if (ps.unit) parts.push(ps.unit);
  if (ps.required) parts.push('· required');
  return `${ps.positional ? `(${ps.key})` : ps.key}: ${parts.join(' ')}`;
}

/** The markdown for a parameter: its doc, type, range, unit, default and values. */
export function paramMarkdown(ps: ParamSpec, action?: ActionSpec, options: { values?: boolean } = {}): string {
  const title = ps.positional ? `**${ps.key}** (positional value)` : `**${ps.key}**`;
  const lines = [`${title}${action ? ` — ${action.product}/${action.name}` : ''}`, '', ps.doc, ''];
  const facts: string[] = [];
  let type = TYPE_WORDS[ps.type];
  if (ps.type === 'base64' && ps.decoded) type = `URL-safe base64 of ${DECODED_WORDS[ps.decoded]}`;
  facts.push(`Type: ${type}`);
  const range = rangeText(ps);
  if (range) facts.push(`Range: ${range}${ps.multipleOf ? ` (a multiple of ${ps.multipleOf})` : ''}`);
  if (ps.unit) facts.push(`Unit: ${ps.unit}`);
  if (ps.default !== undefined) facts.push(`Default: \`${ps.default}\`${ps.defaultDoc ? ` (${ps.defaultDoc})` : ''}`);
  else if (ps.defaultDoc) facts.push(`Default: ${ps.defaultDoc}`);
  if (ps.required) facts.push('Required');
  if (ps.pattern) facts.push(`Form: ${ps.pattern.describe}`);
  lines.push(facts.map((f) => `- ${f}`).join('\n'));
  if (options.values !== false && ps.values?.length) {
    lines.push('', 'Values:', ps.values.slice(0, 40).map((v) => `- \`${v.value}\` — ${v.doc}`).join('\n'));
    if (ps.values.length > 40) lines.push(`- … ${ps.values.length - 40} more`);
  }
  return lines.join('\n');
}

/** The markdown for an action: summary, doc, mode and its parameters in one line each. */
export function actionMarkdown(action: ActionSpec): string {
  const mode = action.mode === 'async' ? 'asynchronous only (x-oss-async-process)' : action.mode === 'sync' ? 'synchronous (x-oss-process)' : 'synchronous or asynchronous';
  const lines = [`**${action.product}/${action.name}** — ${action.summary}`, '', action.doc, '', `Runs: ${mode}`];
  if (action.parent) lines.push(`Follows: ${action.product}/${action.parent}`);
  const params = [...positionalParams(action), ...action.params.filter((p) => !p.positional)];
  if (params.length) {
    lines.push('', 'Parameters:');
    for (const p of params) lines.push(`- \`${p.positional ? `(${p.key})` : `${p.key}_`}\`${p.required ? ' (required)' : ''} — ${firstSentence(p.doc)}`);
  }
  const docs = sourceMarkdown(action.source);
  if (docs) lines.push('', docs);
  return lines.join('\n');
}

const URL_IN_TEXT = /https?:\/\/[^\s;,()<>]+[^\s;,()<>.]/g;

/**
 * The catalog's `source` (addresses with provenance notes between them: `https://… (current zh page, 2026
 * copy); https://…`) as markdown: each address a link of its own, the notes as plain text beside it, so no
 * note ever lands inside a link target. Undefined when the source names no address.
 */
export function sourceMarkdown(source: string): string | undefined {
  const urls = [...source.matchAll(URL_IN_TEXT)];
  if (urls.length === 0) return undefined;
  let out = '';
  let at = 0;
  urls.forEach((m, i) => {
    out += escapeMarkdown(source.slice(at, m.index));
    const url = m[0];
    out += `[${i === 0 ? 'Documentation' : hostOf(url)}](${url})`;
    at = m.index + url.length;
  });
  out += escapeMarkdown(source.slice(at));
  return out;
}

function hostOf(url: string): string {
  return /^https?:\/\/([^/]+)/.exec(url)?.[1] ?? url;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

export function productMarkdown(product: ProductSpec): string {
  const names = product.actions.filter((a) => !a.parent).map((a) => a.name);
  const lines = [`**${product.name}** — ${product.summary}`];
  if (names.length) lines.push('', `Actions: ${names.map((n) => `\`${n}\``).join(', ')}`);
  return lines.join('\n');
}

export function firstSentence(doc: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(doc);
  return m ? m[1]! : doc;
}

const UNIT_LABEL: Partial<Record<Unit, string>> = { degrees: '°' };

/** `2000000` bit/s → `2 Mbit/s`; `96000` → `96 kbit/s`. */
export function humanizeBitRate(n: number): string {
  const units: [number, string][] = [
    [1e9, 'Gbit/s'],
    [1e6, 'Mbit/s'],
    [1e3, 'kbit/s'],
  ];
  for (const [size, label] of units) {
    if (Math.abs(n) >= size) return `${trimNumber(n / size)} ${label}`;
  }
  return `${n} bit/s`;
}

function trimNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** The hint after a number with a unit: `ms`, `°`, or for bit rates the humanized value `= 2 Mbit/s`. */
export function unitHint(value: string, unit: Unit): string | undefined {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return undefined;
  if (unit === 'bit/s') return n >= 1000 ? `= ${humanizeBitRate(n)}` : 'bit/s';
  return UNIT_LABEL[unit] ?? unit;
}
