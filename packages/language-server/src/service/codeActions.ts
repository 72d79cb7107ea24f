import { fixPasses, suppressionEdit } from '@ossproc/core';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range as LspRange, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceContext } from './context';
import { computeDiagnostics, fixesFor } from './diagnostics';
import { hostLanguageOf } from './documents';
import type { Settings } from './settings';

/**
 * Code actions: core's fixes as quick fixes (the certain one preferred), "suppress <rule> on this line"
 * through core's suppressionEdit, and "fix all" (source.fixAll.ossproc) for the document. A diagnostic's
 * fixes are the server's findings (`fixesFor`, by range, rule and message); nothing is read out of a message.
 */

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ossproc`;

/** What a lazily computed fix-all action carries until it is resolved. */
export interface FixAllData {
  ossprocFixAll: { uri: string; version: number };
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function editKey(edits: readonly TextEdit[]): string {
  return edits.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`).join('\u0000');
}

export function getCodeActions(ctx: ServiceContext, doc: TextDocument, _range: LspRange, context: CodeActionContext, settings: Settings): CodeAction[] {
  const language = hostLanguageOf(doc, settings);
  if (!language) return [];
  const out: CodeAction[] = [];
  const ours = context.diagnostics.filter((d) => d.source === 'ossproc');
  const quickFix = wants(context.only, CodeActionKind.QuickFix);
  const fixAll = wants(context.only, FIX_ALL_KIND);
  // looked up only when a quick fix or the lazily offered fix-all needs them
  const fixes = (quickFix || (fixAll && !context.only?.length)) && ours.length ? fixesFor(doc, settings, ctx.store, ours, ctx.log) : ours.map(() => []);
  if (quickFix) {
    // two findings on one token may offer the same edit ("Remove 'ab_100000'" for mutually-exclusive and
    // for ineffective-parameter): one action, naming every diagnostic it resolves
    const byEdit = new Map<string, CodeAction>();
    ours.forEach((d, i) => {
      let preferred = false;
      for (const fix of fixes[i]!) {
        const key = editKey(fix.edits);
        const same = byEdit.get(key);
        if (same) {
          same.diagnostics!.push(d);
          if (fix.certain && !preferred) same.isPreferred = preferred = true;
          continue;
        }
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: fix.edits } } };
        if (fix.certain && !preferred) {
          action.isPreferred = true;
          preferred = true;
        }
        byEdit.set(key, action);
        out.push(action);
      }
    });
    // suppressions come after the fixes, once per rule and line
    const text = doc.getText();
    const seen = new Set<string>();
    const jsonWithoutComments = language === 'json' && doc.languageId !== 'jsonc';
    for (const d of ours) {
      const rule = typeof d.code === 'string' ? d.code : undefined;
      if (!rule || jsonWithoutComments) continue;
      const key = `${rule}@${d.range.start.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const edit = suppressionEdit(text, language, doc.offsetAt(d.range.start), rule);
      if (edit.newText === '') continue;
      out.push({
        title: `Suppress ${rule} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [doc.uri]: [{ range: { start: doc.positionAt(edit.range.start), end: doc.positionAt(edit.range.end) }, newText: edit.newText }] } },
      });
    }
  }
  if (fixAll) {
    const explicit = !!context.only?.length;
    if (explicit) {
      const edits = fixAllEdits(ctx, doc, settings);
      if (edits.length) out.push({ title: 'Fix all auto-fixable ossproc problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } });
    } else if (fixes.some((f) => f.some((x) => x.certain))) {
      // the light bulb asks on every cursor move: offered on a fixable problem (as ESLint does), and the
      // edit is computed when the action is chosen (codeAction/resolve)
      const data: FixAllData = { ossprocFixAll: { uri: doc.uri, version: doc.version } };
      out.push({ title: 'Fix all auto-fixable ossproc problems', kind: FIX_ALL_KIND, data });
    }
  }
  return out;
}

/** Fills in the edit of a fix-all action offered lazily. */
export function resolveCodeAction(ctx: ServiceContext, doc: TextDocument | undefined, action: CodeAction, settings: Settings): CodeAction {
  const data = action.data as Partial<FixAllData> | undefined;
  if (!doc || !data?.ossprocFixAll || data.ossprocFixAll.uri !== doc.uri) return action;
  return { ...action, edit: { changes: { [doc.uri]: fixAllEdits(ctx, doc, settings) } } };
}

/**
 * Every certain fix of the document, by core's one fix-all loop (fixPasses, as `ossproc lint --fix` runs it)
 * over this server's diagnostics of each pass, as one edit over the part of the document that changed.
 */
export function fixAllEdits(ctx: ServiceContext, doc: TextDocument, settings: Settings): TextEdit[] {
  const original = doc.getText();
  const scratch = `${doc.uri}\u0000fix-all`;
  const lint = (t: string) => computeDiagnostics(TextDocument.create(doc.uri, doc.languageId, doc.version, t), settings, ctx.store, { budgetMs: Infinity, memoKey: scratch });
  let text = original;
  try {
    text = fixPasses(original, lint(original), lint).text;
  } finally {
    ctx.store.forget(scratch);
  }
  if (text === original) return [];
  let start = 0;
  while (start < text.length && start < original.length && text.charCodeAt(start) === original.charCodeAt(start)) start++;
  let endOld = original.length;
  let endNew = text.length;
  while (endOld > start && endNew > start && original.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  return [{ range: { start: doc.positionAt(start), end: doc.positionAt(endOld) }, newText: text.slice(start, endNew) }];
}
