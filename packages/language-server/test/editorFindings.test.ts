import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DOCUMENT_SCHEMES } from '../src/service/documents';
import { makeDoc, service, settings, withCursor } from './helpers';

/** What a user of an editor saw go wrong (the editors audit), held by the language service. */
const ls = service();

function published(text: string, languageId = 'ossproc') {
  return ls.doValidation(makeDoc(text, languageId), settings(), { budgetMs: Infinity }).diagnostics.map((d) => [d.code, d.severity, d.message]);
}

describe('one mistake, one finding', () => {
  it('a misspelled key yields no second warning elsewhere', () => {
    expect(published('video/convert,f_mp4,vcodex_h264,fps_30')).toEqual([['unknown-parameter', DiagnosticSeverity.Error, "Unknown parameter 'vcodex' for video/convert: did you mean 'vcodec'?"]]);
    expect(published('String p = "video/convert,f_mp4,vcodex_h264,fps_30";', 'java')).toHaveLength(1);
  });
});

describe('a trailing comma while typing', () => {
  it('is a warning, not a red error, and keeps its certain fix', () => {
    const doc = makeDoc('video/convert,f_mp4,');
    const [d] = ls.doValidation(doc, settings(), { budgetMs: Infinity }).diagnostics;
    expect(d).toMatchObject({ code: 'syntax-error', severity: DiagnosticSeverity.Warning, range: { start: { line: 0, character: 19 }, end: { line: 0, character: 20 } } });
    expect(ls.getCodeActions(doc, d!.range, { diagnostics: [d!] }, settings())[0]).toMatchObject({ title: "Remove the trailing ','", isPreferred: true });
    // in the middle of a string an empty parameter is a warning too: seen in live use, and OSS may ignore it
    expect(published('video/convert,f_mp4,,vcodec_h264')[0]).toEqual([
      'syntax-error',
      DiagnosticSeverity.Warning,
      "Empty parameter ',,': parameters are documented as key_value joined by single commas (not documented; OSS may ignore it); remove the extra ','",
    ]);
  });
});

describe('documents the editor made up', () => {
  it('are not served: an explanation, a git revision, an output channel', () => {
    for (const uri of ['ossproc-explain:/explanation.md', 'git:/work/a.ossproc?ref=HEAD', 'output:extension-output-ossproc']) {
      const doc = TextDocument.create(uri, uri.endsWith('.md') ? 'markdown' : 'ossproc', 1, '```\nvideo/convert,f_mp4,fps_241\n```\nvideo/convert,f_mp4,fps_241');
      expect(ls.isEnabled(doc, settings())).toBe(false);
      expect(ls.doValidation(doc, settings(), { budgetMs: Infinity }).diagnostics).toEqual([]);
      expect(ls.getInlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, settings())).toEqual([]);
      expect(ls.doHover(doc, { line: 3, character: 22 }, settings())).toBeNull();
    }
  });

  it('while files, unsaved documents and virtual workspaces are', () => {
    expect(DOCUMENT_SCHEMES).toEqual(expect.arrayContaining(['file', 'untitled', 'vscode-vfs', 'vscode-test-web']));
    for (const uri of ['file:///w/a.ossproc', 'untitled:Untitled-1', 'vscode-vfs://github/o/r/a.ossproc', 'vscode-test-web://mount/a.ossproc']) {
      const doc = TextDocument.create(uri, 'ossproc', 1, 'video/convert,f_mp4,vcodec_h264,fps_241');
      expect(ls.doValidation(doc, settings(), { budgetMs: Infinity }).diagnostics.map((d) => d.code)).toEqual(['value-out-of-range']);
    }
    const { doc, position } = withCursor('video/convert,f_mp4,f<|>ps_30');
    expect(ls.doHover(doc, position, settings())).not.toBeNull();
  });
});
