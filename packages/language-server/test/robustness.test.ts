import { lintDocument } from '@ossproc/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeActionKind, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { makeDoc, service, settings } from './helpers';

const ls = service();
const everything: Range = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };

function time<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

/** Every feature at a position; none may throw. */
function allFeatures(doc: TextDocument, offset: number) {
  const s = settings();
  const position = doc.positionAt(offset);
  const { diagnostics } = ls.doValidation(doc, s, { budgetMs: Infinity });
  ls.doComplete(doc, position, s);
  ls.doHover(doc, position, s);
  ls.getSignatureHelp(doc, position, s);
  const actions = ls.getCodeActions(doc, { start: position, end: position }, { diagnostics }, s);
  for (const a of actions) ls.resolveCodeAction(doc, a, s);
  ls.getCodeActions(doc, everything, { diagnostics, only: [CodeActionKind.SourceFixAll] }, s);
  ls.getInlayHints(doc, everything, s);
  ls.getSemanticTokens(doc, s);
  ls.getDocumentSymbols(doc, s);
  ls.format(doc, s);
  ls.explainAt(doc, position, s);
  ls.decodeAt(doc, position, s);
  ls.saveasTargetEdit(doc, position, s, 'b', 'o');
}

describe('robustness', () => {
  it('never throws, whatever the text and the position (property test)', () => {
    const piece = fc.constantFrom('video', 'image', 'sys', 'convert', 'saveas', 'notify', 'segment', 'resize', 'f_mp4', 'vcodec_', 'o_b3V0', 'w_100', ',', '/', '|', '_', 'x-oss-process=', '%2C', '\n', '#', ' ', '"', '\\u002C', '\uE000', '😀', '\r\n');
    const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('ossproc', 'java', 'python', 'json', 'yaml', 'markdown', 'typescript'), fc.nat(), (t, lang, at) => {
        const host = lang === 'ossproc' ? t : lang === 'json' ? `{"a": "${t}"}` : lang === 'yaml' ? `a: ${t}\n` : lang === 'markdown' ? `[a](https://x/y?x-oss-process=${t})` : `s = "${t}"`;
        const doc = makeDoc(host, lang);
        allFeatures(doc, at % (host.length + 1));
      }),
      { numRuns: 400 },
    );
  });

  it('stays responsive on a 10 MB .ossproc document', () => {
    const line = 'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000|sys/saveas,o_b3V0Lm1wNA';
    const n = Math.ceil(10_000_000 / (line.length + 1));
    const doc = makeDoc(Array.from({ length: n }, (_, i) => line.replace('fps_30', `fps_${i % 240}`)).join('\n'));
    expect(doc.getText().length).toBeGreaterThan(10_000_000);
    const first = time(() => ls.doValidation(doc, settings()));
    expect(first.ms).toBeLessThan(3000);
    const position = { line: Math.floor(n / 2), character: 60 };
    // the document's line index is built once per text (the server's documents keep it up to date)
    expect(doc.lineCount).toBe(n);
    const c = time(() => ls.doComplete(doc, position, settings()));
    const h = time(() => ls.doHover(doc, position, settings()));
    expect(c.ms).toBeLessThan(100);
    expect(h.ms).toBeLessThan(100);
    expect(h.value).not.toBeNull();
    const hints = time(() => ls.getInlayHints(doc, { start: position, end: { line: position.line + 50, character: 0 } }, settings()));
    expect(hints.ms).toBeLessThan(200);
    expect(ls.getSemanticTokens(doc, settings()).data).toEqual([]);
  });

  it('stays responsive on a 10 MB Java document (too large to search: nothing reported)', () => {
    const doc = makeDoc(`class A {\n${'  String s = "video/convert,f_mp5";\n'.repeat(300_000)}}\n`, 'java');
    const r = time(() => ls.doValidation(doc, settings()));
    expect(r.value.diagnostics).toEqual([]);
    expect(r.ms).toBeLessThan(500);
    expect(ls.doComplete(doc, { line: 5, character: 30 }, settings()).items).toEqual([]);
  });

  it('stays responsive on a line of 100,000 characters', () => {
    const long = `video/convert,f_mp4,${Array.from({ length: 10_000 }, (_, i) => `vcodec_h26${i % 10}`).join(',')}`.slice(0, 100_000);
    const doc = makeDoc(`image/resize,w_100\n${long}\nvideo/convert,f_mp5\n`);
    const r = time(() => ls.doValidation(doc, settings(), { budgetMs: Infinity }));
    expect(r.ms).toBeLessThan(1000);
    // checked as the CLI checks it (strings up to 1 MiB): the long line's findings, capped, come first
    const lines = r.value.diagnostics.map((d) => d.range.start.line);
    expect(new Set(lines)).toEqual(new Set([1]));
    expect(lines).toHaveLength(1000);
    const core = lintDocument(doc.getText(), { language: 'ossproc' }).diagnostics.slice(0, 1000);
    expect(r.value.diagnostics.map((d) => [d.code, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)])).toEqual(core.map((d) => [d.ruleId, d.range.start, d.range.end]));
    const c = time(() => ls.doComplete(doc, { line: 1, character: 50_000 }, settings()));
    expect(c.ms).toBeLessThan(100);
    const t = time(() => ls.getSemanticTokens(doc, settings()));
    expect(t.ms).toBeLessThan(500);
    const alone = makeDoc(`x = "${long}"`, 'python');
    expect(time(() => ls.doValidation(alone, settings())).ms).toBeLessThan(1000);
  });
});
