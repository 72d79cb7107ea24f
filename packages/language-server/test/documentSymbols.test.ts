import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { makeDoc, service, settings } from './helpers';

const ls = service();

function outline(s: DocumentSymbol): unknown {
  return s.children?.length ? [s.name, s.children.map(outline)] : s.name;
}

describe('document symbols', () => {
  it('lists each string, its stages and their actions', () => {
    const doc = makeDoc('# presets\nvideo/convert,f_ts,vcodec_h264/segment,f_hls|sys/saveas,o_b3V0Lm1wNA/notify,topic_dGVzdA\nimage/resize,w_100/format,webp\n');
    const symbols = ls.getDocumentSymbols(doc, settings());
    expect(symbols.map(outline)).toEqual([
      ['video/convert,f_ts,vcodec_h264/segment,f_hls|sys/saveas,o_b3V0Lm1wNA/notify,top…', [['video', ['convert', 'segment']], ['sys', ['saveas', 'notify']]]],
      ['image/resize,w_100/format,webp', [['image', ['resize', 'format']]]],
    ]);
    expect(symbols[0]!.kind).toBe(SymbolKind.String);
    expect(symbols[0]!.children![0]!.kind).toBe(SymbolKind.Module);
    const convert = symbols[0]!.children![0]!.children![0]!;
    expect(convert.kind).toBe(SymbolKind.Function);
    expect(convert.detail).toBe('f_ts,vcodec_h264');
    expect(doc.getText(convert.selectionRange)).toBe('convert');
    expect(symbols[1]!.range.start.line).toBe(2);
  });

  it('keeps every name non-empty and every child inside its parent, even for broken strings', () => {
    const doc = makeDoc('|/,,\n/\nvideo/\n,,|sys\nx-oss-process=\n');
    const check = (s: DocumentSymbol, parent?: DocumentSymbol) => {
      expect(s.name.length).toBeGreaterThan(0);
      if (parent) {
        expect(doc.offsetAt(s.range.start)).toBeGreaterThanOrEqual(doc.offsetAt(parent.range.start));
        expect(doc.offsetAt(s.range.end)).toBeLessThanOrEqual(doc.offsetAt(parent.range.end));
      }
      expect(doc.offsetAt(s.selectionRange.start)).toBeGreaterThanOrEqual(doc.offsetAt(s.range.start));
      expect(doc.offsetAt(s.selectionRange.end)).toBeLessThanOrEqual(doc.offsetAt(s.range.end));
      for (const c of s.children ?? []) check(c, s);
    };
    for (const s of ls.getDocumentSymbols(doc, settings())) check(s);
  });

  it('gives other languages no symbols (they keep their own outline)', () => {
    expect(ls.getDocumentSymbols(makeDoc('String s = "video/convert,f_mp4";', 'java'), settings())).toEqual([]);
  });
});
