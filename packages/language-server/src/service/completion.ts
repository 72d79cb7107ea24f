import { PRODUCTS, childActions, getAction, parse, positionalParams, topLevelActions, toHostRange, type ActionSpec, type ParamSpec, type ProductSpec } from '@ossproc/core';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range as LspRange,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { actionMarkdown, paramDetail, paramMarkdown, productMarkdown } from './catalogDocs';
import { cursorAt, type RegionCursor, type ServiceContext } from './context';
import { slotAt, type Slot, type Span } from './cursor';
import { LIMITS } from './documents';
import type { Settings } from './settings';

/**
 * Completion: products; the actions that may stand at the cursor (segment only after convert, notify after
 * saveas, sys/saveas after `|`); the keys an action has not used yet, with their type, range, unit and doc;
 * enum values with their meaning; snippets that fill the required parameters. Nothing inside a base64
 * value. Every item carries a textEdit over the word being typed, mapped back into the host document.
 */

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** Base64 of 'bucket', 'object' and 'topic': placeholders that decode to what they stand for. */
const PLACEHOLDER = { bucket: 'YnVja2V0', object: 'b2JqZWN0', topic: 'dG9waWM' };

export function doComplete(ctx: ServiceContext, doc: TextDocument, position: Position, settings: Settings, token?: CancellationToken): CompletionList {
  const cursor = cursorAt(ctx, doc, position, settings);
  if (!cursor) return EMPTY;
  const slot = slotAt(cursor.region.text, cursor.index);
  if (!slot || token?.isCancellationRequested) return EMPTY;
  const items = itemsFor(ctx, doc, cursor, slot);
  return { isIncomplete: false, items: items.slice(0, LIMITS.maxCompletions) };
}

function itemsFor(ctx: ServiceContext, doc: TextDocument, cursor: RegionCursor, slot: Slot): CompletionItem[] {
  const t = cursor.region.text;
  const replace = (span: Span) => replacementRange(doc, cursor, span);
  const make = new ItemMaker(ctx.snippets);
  switch (slot.kind) {
    case 'product': {
      const range = replace(slot.word);
      const slash = t[slot.word.end] === '/' ? '' : '/';
      if (slot.afterPipe) {
        const sys = PRODUCTS.find((p) => p.system);
        const out: CompletionItem[] = [];
        if (sys) {
          const saveas = getAction(sys.name, 'saveas');
          const notify = getAction(sys.name, 'notify');
          if (saveas) {
            out.push(
              make.snippet('sys/saveas', range, `sys/saveas,b_\${1:${PLACEHOLDER.bucket}},o_\${2:${PLACEHOLDER.object}}`, `sys/saveas,b_${PLACEHOLDER.bucket},o_${PLACEHOLDER.object}`, {
                detail: saveas.summary,
                documentation: `${actionMarkdown(saveas)}\n\nThe placeholders are base64 of "bucket" and "object": replace them, or run **ossproc: Insert saveas target** to encode your own.`,
                sortText: '0',
              }),
            );
          }
          if (notify) {
            out.push(
              make.snippet('sys/notify', range, `sys/notify,topic_\${1:${PLACEHOLDER.topic}}`, `sys/notify,topic_${PLACEHOLDER.topic}`, {
                detail: notify.summary,
                documentation: actionMarkdown(notify),
                sortText: '1',
              }),
            );
          }
          out.push(productItem(sys, range, slash, '2'));
        }
        return out;
      }
      return PRODUCTS.filter((p) => !p.system).map((p, i) => productItem(p, range, slash, String(i).padStart(2, '0')));
    }
    case 'action': {
      if (!slot.product || slot.product.styleReference) return [];
      const range = replace(slot.word);
      return nextActions(slot.product, slot.previous).map((a, i) => {
        const item: CompletionItem = {
          label: a.name,
          kind: CompletionItemKind.Function,
          detail: a.summary,
          documentation: { kind: MarkupKind.Markdown, value: actionMarkdown(a) },
          sortText: String(i).padStart(3, '0'),
          filterText: a.name,
        };
        if (slot.hasParams) item.textEdit = { range, newText: a.name };
        else make.fill(item, range, actionSnippet(a), actionPlain(a));
        return item;
      });
    }
    case 'key': {
      const action = slot.action;
      if (!action) return [];
      const range = replace(slot.key);
      const out: CompletionItem[] = [];
      const keyed = action.params.filter((p) => !p.positional);
      keyed.forEach((ps, i) => {
        if (slot.used.has(ps.key)) return;
        const item: CompletionItem = {
          label: ps.key,
          kind: CompletionItemKind.Property,
          detail: paramDetail(ps),
          documentation: { kind: MarkupKind.Markdown, value: paramMarkdown(ps, action) },
          sortText: `${ps.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
          filterText: ps.key,
          textEdit: { range, newText: slot.hasUnderscore ? ps.key : `${ps.key}_` },
        };
        // after `key_`, ask at once for the values of an enum
        if (!slot.hasUnderscore && ps.type === 'enum') item.command = RETRIGGER;
        out.push(item);
      });
      // a positional value (`rotate,90`, `format,webp`)
      const positional = positionalParams(action)[slot.positionalIndex];
      if (positional?.values && !slot.hasUnderscore) out.push(...valueItems(positional, replace(slot.word), '2'));
      return out;
    }
    case 'value': {
      const ps = slot.param;
      if (!ps || ps.type === 'base64' || !ps.values) return [];
      return valueItems(ps, replace(slot.value), '0');
    }
    case 'positional': {
      const ps = slot.param;
      if (!ps?.values) return [];
      return valueItems(ps, replace(slot.word), '0');
    }
  }
}

function productItem(p: ProductSpec, range: LspRange, slash: string, sortText: string): CompletionItem {
  const item: CompletionItem = {
    label: p.name,
    kind: CompletionItemKind.Module,
    detail: p.summary,
    documentation: { kind: MarkupKind.Markdown, value: productMarkdown(p) },
    sortText,
    filterText: p.name,
    textEdit: { range, newText: p.name + slash },
  };
  if (slash && !p.styleReference) item.command = RETRIGGER;
  return item;
}

function valueItems(ps: ParamSpec, range: LspRange, sortPrefix: string): CompletionItem[] {
  return (ps.values ?? []).map((v, i) => {
    const item: CompletionItem = {
      label: v.value,
      kind: CompletionItemKind.EnumMember,
      detail: v.doc,
      documentation: { kind: MarkupKind.Markdown, value: `\`${v.value}\` — ${v.doc}\n\n${ps.positional ? '' : `\`${ps.key}\`: `}${ps.doc}` },
      sortText: `${sortPrefix}${String(i).padStart(3, '0')}`,
      filterText: v.value,
      textEdit: { range, newText: v.value },
    };
    if (ps.default === v.value) item.labelDetails = { description: 'default' };
    return item;
  });
}

class ItemMaker {
  constructor(private readonly snippets: boolean) {}
  /** Sets a snippet edit, or the plain text when the client takes no snippets. */
  fill(item: CompletionItem, range: LspRange, snippet: string, plain: string): CompletionItem {
    if (this.snippets) {
      item.insertTextFormat = InsertTextFormat.Snippet;
      item.textEdit = { range, newText: snippet };
    } else item.textEdit = { range, newText: plain };
    return item;
  }
  snippet(label: string, range: LspRange, snippet: string, plain: string, extra: { detail: string; documentation: string; sortText: string }): CompletionItem {
    return this.fill(
      {
        label,
        kind: CompletionItemKind.Snippet,
        detail: extra.detail,
        documentation: { kind: MarkupKind.Markdown, value: extra.documentation },
        sortText: extra.sortText,
        filterText: label,
      },
      range,
      snippet,
      plain,
    );
  }
}

/** A snippet choice: `${1|mp4,mkv|}` with `,` `|` `\` `$` `}` escaped in the options. */
function choice(n: number, values: readonly string[]): string {
  return `\${${n}|${values.map((v) => v.replace(/[\\,|$}]/g, (c) => `\\${c}`)).join(',')}|}`;
}

function requiredParams(a: ActionSpec): ParamSpec[] {
  return [...positionalParams(a).filter((p) => p.required), ...a.params.filter((p) => !p.positional && p.required)];
}

/** `convert,f_${1|mp4,mkv,…|}`: the action with its required parameters to fill. */
export function actionSnippet(a: ActionSpec): string {
  let n = 0;
  const parts = requiredParams(a).map((p) => {
    n++;
    const value = p.values?.length ? choice(n, p.values.map((v) => v.value)) : `\${${n}}`;
    return p.positional ? value : `${p.key}_${value}`;
  });
  return [a.name, ...parts].join(',');
}

function actionPlain(a: ActionSpec): string {
  return [a.name, ...requiredParams(a).filter((p) => !p.positional).map((p) => `${p.key}_`)].join(',');
}

const chaining = new Map<string, boolean>();

/**
 * Whether a product's stage may chain several actions (`image/resize,…/rotate,90/format,webp`), read from
 * the catalog's own examples rather than a list of names.
 */
function chains(product: ProductSpec): boolean {
  let known = chaining.get(product.name);
  if (known === undefined) {
    known = product.actions.some((a) =>
      (a.examples ?? []).some((ex) => {
        const stage = parse(ex).tree.stages[0];
        if (!stage || stage.product?.text !== product.name) return false;
        return stage.actions.filter((n) => getAction(product.name, n.name.text)?.parent === undefined).length >= 2;
      }),
    );
    chaining.set(product.name, known);
  }
  return known;
}

/** The actions that may follow `previous` in a stage of `product`. */
export function nextActions(product: ProductSpec, previous: readonly string[]): ActionSpec[] {
  const specs = previous.map((n) => getAction(product.name, n));
  const used = new Set(previous);
  let candidates: ActionSpec[];
  if (product.system) candidates = [...product.actions];
  else if (specs.length === 0) candidates = topLevelActions(product);
  else {
    const last = specs[specs.length - 1];
    const parent = last ? (last.parent ?? last.name) : undefined;
    candidates = parent ? childActions(product, parent) : [];
    if (chains(product)) candidates.push(...topLevelActions(product));
  }
  return candidates.filter((c) => {
    if (used.has(c.name) && !c.repeatable) return false;
    // an action already written must come after this one: this one cannot follow it
    return !specs.some((p) => p?.after?.includes(c.name));
  });
}

/** The host range that replaces `span` of the string: it must hold the cursor and stay on one line. */
function replacementRange(doc: TextDocument, cursor: RegionCursor, span: Span): LspRange {
  const h = toHostRange(cursor.region, span);
  const at = doc.positionAt(cursor.offset);
  if (h.start > cursor.offset || h.end < cursor.offset) return { start: at, end: at };
  const start = doc.positionAt(h.start);
  const end = doc.positionAt(h.end);
  if (start.line !== at.line || end.line !== at.line) return { start: at, end: at };
  return { start, end };
}
