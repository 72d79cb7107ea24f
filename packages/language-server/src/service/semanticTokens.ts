import { lineRegion, type ParamSpec, type Range } from '@ossproc/core';
import type { CancellationToken, Range as LspRange, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceContext } from './context';
import { computeDiagnostics } from './diagnostics';
import { LIMITS, hostLanguageOf } from './documents';
import { actionsOf, paramsOf } from './locate';
import { checkKey, type Settings } from './settings';

/**
 * Semantic tokens for .ossproc documents: products, actions, keys, values by type (number, enum, base64,
 * string), and `invalid` over what a published error covers (a suppressed finding paints nothing). Keys are
 * `parameter`, the type themes colour as the injection grammar's `variable.parameter`, so a key looks the
 * same in an .ossproc file as inside a Java string. Strings inside other languages are left to
 * the injection grammar (a semantic-token provider there would replace the host language's own).
 * Each line's tokens are remembered by its text; documents over LIMITS.maxSemanticTokensLength get none.
 */

export const TOKEN_TYPES = ['namespace', 'function', 'parameter', 'number', 'enumMember', 'string', 'invalid'] as const;
export const TOKEN_MODIFIERS = ['base64'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
const T = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
const BASE64 = 1 << TOKEN_MODIFIERS.indexOf('base64');

function valueType(ps: ParamSpec | undefined): [number, number] {
  switch (ps?.type) {
    case 'int':
    case 'float':
      return [T.number, 0];
    case 'enum':
      return [T.enumMember, 0];
    case 'base64':
      return [T.string, BASE64];
    default:
      return [T.string, 0];
  }
}

/** Tokens of one line as [character, length, type, modifiers]*, in order, not overlapping. */
function lineTokens(ctx: ServiceContext, lineText: string, errors: readonly Range[]): number[] {
  const region = lineRegion(lineText, 0);
  if (!region || region.text.length > LIMITS.maxRegionLength) return [];
  const parsed = ctx.store.parse(region.text);
  const shift = region.range.start;
  const raw: [number, number, number, number][] = [];
  const add = (start: number, end: number, type: number, mods = 0) => {
    if (end <= start) return;
    const s = start + shift;
    const e = end + shift;
    const bad = errors.some((r) => r.start < e && s < r.end);
    raw.push([s, e - s, bad ? T.invalid : type, bad ? 0 : mods]);
  };
  const seenStage = new Set<unknown>();
  for (const a of actionsOf(parsed)) {
    if (a.stage.product && !seenStage.has(a.stage)) {
      seenStage.add(a.stage);
      add(a.stage.product.range.start, a.stage.product.range.end, T.namespace);
    }
    add(a.node.name.range.start, a.node.name.range.end, T.function);
    for (const p of paramsOf(a.node, a.spec)) {
      if (p.node.key) add(p.node.key.range.start, p.node.key.range.end, T.parameter);
      if (p.node.value) {
        const [type, mods] = valueType(p.spec);
        add(p.node.value.range.start, p.node.value.range.end, type, mods);
      }
    }
  }
  // a stage holding only its product (`video/`)
  for (const stage of parsed.tree.stages) {
    if (stage.product && !seenStage.has(stage)) add(stage.product.range.start, stage.product.range.end, T.namespace);
  }
  for (const tok of parsed.tokens) if (tok.kind === 'invalid') add(tok.range.start, tok.range.end, T.invalid);
  raw.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  let end = -1;
  for (const [s, len, type, mods] of raw) {
    if (s < end) continue;
    out.push(s, len, type, mods);
    end = s + len;
  }
  return out;
}

export function getSemanticTokens(ctx: ServiceContext, doc: TextDocument, settings: Settings, range?: LspRange, token?: CancellationToken): SemanticTokens {
  if (hostLanguageOf(doc, settings) !== 'ossproc') return { data: [] };
  const text = doc.getText();
  if (text.length > LIMITS.maxSemanticTokensLength) return { data: [] };
  const key = checkKey(settings);
  // the errors as published (suppression comments applied), by line, in line offsets
  const errorsByLine = new Map<number, Range[]>();
  for (const d of computeDiagnostics(doc, settings, ctx.store, { budgetMs: Infinity }).diagnostics) {
    if (d.severity !== 'error') continue;
    const start = doc.positionAt(d.range.start);
    const lineStart = d.range.start - start.character;
    const list = errorsByLine.get(start.line) ?? [];
    list.push({ start: start.character, end: d.range.end - lineStart });
    errorsByLine.set(start.line, list);
  }
  const cache = ctx.store.lineCache<number[]>(doc.uri, 'semanticTokens', key);
  const fresh = range ? cache : new Map<string, number[]>();
  const first = range ? range.start.line : 0;
  const last = range ? Math.min(range.end.line, doc.lineCount - 1) : doc.lineCount - 1;
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (let line = first; line <= last; line++) {
    if ((line & 63) === 0 && token?.isCancellationRequested) return { data: [] };
    const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    const errors = errorsByLine.get(line) ?? [];
    // the same text paints differently with and without its errors (a suppression comment above it)
    const cacheKey = errors.length ? `${lineText}\u0000${errors.map((r) => `${r.start}-${r.end}`).join(',')}` : lineText;
    let toks = cache.get(cacheKey);
    if (!toks) toks = lineTokens(ctx, lineText, errors);
    fresh.set(cacheKey, toks);
    for (let i = 0; i < toks.length; i += 4) {
      const ch = toks[i]!;
      data.push(line - prevLine, line === prevLine ? ch - prevChar : ch, toks[i + 1]!, toks[i + 2]!, toks[i + 3]!);
      prevLine = line;
      prevChar = ch;
    }
  }
  if (!range) ctx.store.setLineCache(doc.uri, 'semanticTokens', key, fresh);
  return { data };
}
