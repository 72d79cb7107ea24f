import { describe, expect, it } from 'vitest';
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND } from '../src/service/codeActions';
import { makeDoc, service, settings } from './helpers';

const ls = service();
const all: Range = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

function actions(text: string, languageId = 'ossproc', only?: string[]) {
  const doc = makeDoc(text, languageId);
  const { diagnostics } = ls.doValidation(doc, settings(), { budgetMs: Infinity });
  const context = only ? { diagnostics, only } : { diagnostics };
  return { doc, diagnostics, actions: ls.getCodeActions(doc, all, context, settings()) };
}

function apply(doc: TextDocument, a: CodeAction): string {
  return TextDocument.applyEdits(doc, a.edit?.changes?.[doc.uri] ?? []);
}

describe('code actions', () => {
  it("offers core's fixes as quick fixes, the certain one preferred", () => {
    const { doc, actions: list } = actions('video/covert,f_mp4');
    const fix = list.find((a) => a.title === "Replace with 'convert'")!;
    expect(fix.kind).toBe(CodeActionKind.QuickFix);
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics?.[0]?.code).toBe('unknown-action');
    expect(apply(doc, fix)).toBe('video/convert,f_mp4');
  });

  it('offers both ways out of aq/ab, neither preferred', () => {
    const { doc, actions: list } = actions('video/convert,f_mp4,acodec_aac,aq_80,ab_100000');
    const removeAb = list.find((a) => a.title === "Remove 'ab_100000'" && a.diagnostics?.[0]?.code === 'mutually-exclusive')!;
    const removeAq = list.find((a) => a.title === "Remove 'aq_80'" && a.diagnostics?.[0]?.code === 'mutually-exclusive')!;
    expect(removeAb.isPreferred).toBeUndefined();
    expect(apply(doc, removeAb)).toBe('video/convert,f_mp4,acodec_aac,aq_80');
    expect(apply(doc, removeAq)).toBe('video/convert,f_mp4,acodec_aac,ab_100000');
  });

  it('offers an edit once when two findings on one token propose it, naming both', () => {
    const { doc, actions: list } = actions('video/convert,f_mp4,vcodec_h265,ab_100000,aq_50');
    const titles = list.filter((a) => a.kind === CodeActionKind.QuickFix && !a.title.startsWith('Suppress')).map((a) => a.title);
    expect(titles).toEqual(["Remove 'ab_100000'", "Remove 'aq_50'"]);
    const removeAb = list.find((a) => a.title === "Remove 'ab_100000'")!;
    expect(removeAb.diagnostics?.map((d) => d.code)).toEqual(['mutually-exclusive', 'ineffective-parameter']);
    expect(apply(doc, removeAb)).toBe('video/convert,f_mp4,vcodec_h265,aq_50');
  });

  it('offers the nearest allowed value for a range error, as a suggestion (not preferred)', () => {
    const { doc, actions: list } = actions('video/convert,f_mp4,vcodec_h264,fps_241');
    expect(list.map((a) => a.title)).toEqual(["Change to 'fps_240'", 'Suppress value-out-of-range on this line']);
    expect(list[0]!.isPreferred).toBeUndefined();
    expect(apply(doc, list[0]!)).toBe('video/convert,f_mp4,vcodec_h264,fps_240');
    // Fix All applies only certain fixes: the number stays as written
    expect(actions('video/convert,f_mp4,vcodec_h264,fps_241', 'ossproc', [CodeActionKind.SourceFixAll]).actions).toEqual([]);
  });

  it("finds the fix among the server's findings (by range and rule), never in the message or in data", () => {
    const { doc, diagnostics } = actions('video/covert,f_mp4');
    const tampered = diagnostics.map((d) => ({ ...d, message: 'something else entirely' }));
    const list = ls.getCodeActions(doc, all, { diagnostics: tampered }, settings());
    expect(list.some((a) => a.title === "Replace with 'convert'")).toBe(true);
    // the published diagnostic carries no fixes: without its data it gets the same one
    const noData = diagnostics.map(({ data: _data, ...d }) => d);
    expect(ls.getCodeActions(doc, all, { diagnostics: noData }, settings()).filter((a) => a.title.startsWith('Replace')).map((a) => apply(doc, a))).toEqual(['video/convert,f_mp4']);
    // a diagnostic the server did not find (another range) gets none
    const elsewhere = diagnostics.map((d) => ({ ...d, range: { start: d.range.start, end: { ...d.range.end, character: d.range.end.character + 1 } } }));
    expect(ls.getCodeActions(doc, all, { diagnostics: elsewhere }, settings()).filter((a) => a.title.startsWith('Replace'))).toEqual([]);
  });

  it('suppresses a rule on a line with a comment of the host', () => {
    const { doc, actions: list } = actions('image/resize,w_100\n  video/covert,f_mp4\n');
    const suppress = list.find((a) => a.title === 'Suppress unknown-action on this line')!;
    expect(apply(doc, suppress)).toBe('image/resize,w_100\n  # ossproc-disable-next-line unknown-action\n  video/covert,f_mp4\n');
    const java = actions('class A {\n    String s = "video/convert,f_mp5";\n}', 'java');
    const s2 = java.actions.find((a) => a.title === 'Suppress unknown-value on this line')!;
    expect(apply(java.doc, s2)).toBe('class A {\n    // ossproc-disable-next-line unknown-value\n    String s = "video/convert,f_mp5";\n}');
    // the suppression works: nothing left
    const after = makeDoc(apply(java.doc, s2), 'java');
    expect(ls.doValidation(after, settings()).diagnostics).toEqual([]);
  });

  it('offers no comment-based suppression in plain JSON (no comments there)', () => {
    expect(actions('{"s": "video/convert,f_mp5"}', 'json').actions.some((a) => a.title.startsWith('Suppress'))).toBe(false);
    expect(actions('{"s": "video/convert,f_mp5"}', 'jsonc').actions.some((a) => a.title.startsWith('Suppress'))).toBe(true);
  });

  it('fixes all certain problems of the document (source.fixAll.ossproc)', () => {
    const text = 'vidoe/covert,f_mp4\nimage/resize,w_100\nvideo/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=\n';
    const { doc, actions: list } = actions(text, 'ossproc', [CodeActionKind.SourceFixAll]);
    expect(list.map((a) => a.kind)).toEqual([FIX_ALL_KIND]);
    const fixed = apply(doc, list[0]!);
    expect(fixed).toBe('video/convert,f_mp4\nimage/resize,w_100\nvideo/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ\n');
  });

  it('offers fix-all lazily on a cursor move and resolves it on demand', () => {
    const { doc, actions: list } = actions('vidoe/covert,f_mp4');
    const lazy = list.find((a) => a.kind === FIX_ALL_KIND)!;
    expect(lazy.edit).toBeUndefined();
    const resolved = ls.resolveCodeAction(doc, lazy, settings());
    expect(apply(doc, resolved)).toBe('video/convert,f_mp4');
    // away from a fixable problem the light bulb offers nothing
    expect(ls.getCodeActions(doc, all, { diagnostics: [] }, settings())).toEqual([]);
  });

  it('offers only what `only` asks for', () => {
    const { actions: list } = actions('vidoe/covert,f_mp4', 'ossproc', [CodeActionKind.QuickFix]);
    expect(list.every((a) => a.kind === CodeActionKind.QuickFix)).toBe(true);
    expect(actions('image/resize,w_100', 'ossproc', [CodeActionKind.SourceFixAll]).actions).toEqual([]);
  });

  it('fixes inside string literals without touching the host code', () => {
    const java = 'String s = "video/covert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=" + "/notify,topic_dGVzdA";';
    const { doc, actions: list } = actions(java, 'java', [CodeActionKind.SourceFixAll]);
    expect(apply(doc, list[0]!)).toBe('String s = "video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ" + "/notify,topic_dGVzdA";');
  });
});
