import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../src/service/lineDocument';

/** The server's line-held document answers as vscode-languageserver-textdocument does, under any edits. */
const inLines = (p: { line: number; character: number }, doc: TextDocument) => ({ line: Math.min(p.line, doc.lineCount - 1), character: p.character });

describe('LineDocument', () => {
  const pieces = fc.constantFrom('a', 'bc', 'video/convert,f_mp4', '\n', '\r', '\r\n', '\n\n', '\r\r\n', '', ' ', 'é', '𝄞');
  const text = fc.array(pieces, { maxLength: 30 }).map((p) => p.join(''));
  const position = fc.record({ line: fc.integer({ min: -2, max: 12 }), character: fc.integer({ min: -2, max: 30 }) });
  const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
    { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
    { weight: 1, arbitrary: fc.record({ text }) },
  );

  it('gives the same text, line count, offsets, positions and ranges after random changes', () => {
    fc.assert(
      fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.array(position, { minLength: 4, maxLength: 4 }), fc.array(fc.integer({ min: -3, max: 80 }), { minLength: 4, maxLength: 4 }), (initial, events, positions, offsets) => {
        const ref = TextDocument.create('file:///a.ossproc', 'ossproc', 1, initial);
        const doc = new LineDocument('file:///a.ossproc', 'ossproc', 1, initial);
        const compare = () => {
          expect(doc.lineCount).toBe(ref.lineCount);
          for (const p of positions) expect(doc.offsetAt(p)).toBe(ref.offsetAt(p));
          for (const o of offsets) expect(doc.positionAt(o)).toEqual(ref.positionAt(o));
          for (let i = 0; i + 1 < positions.length; i++) expect(doc.getText({ start: positions[i]!, end: positions[i + 1]! })).toBe(ref.getText({ start: positions[i]!, end: positions[i + 1]! }));
          for (let line = 0; line < ref.lineCount; line++) expect(doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })).toBe(ref.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }));
          expect(doc.length).toBe(ref.getText().length);
          expect(doc.lines.join('')).toBe(ref.getText());
          expect(doc.getText()).toBe(ref.getText());
          for (let line = -1; line <= ref.lineCount; line++) {
            expect(doc.getLineRange(line)).toEqual(ref.getLineRange(line));
            expect(doc.getEOLCharacters(line)).toBe(ref.getEOLCharacters(line));
          }
        };
        compare();
        for (const [i, events_] of events.entries()) {
          // the library mis-counts lines after a range past the last line (it splices its line table at the
          // line numbers given); clients send lines that exist, so those are kept in the document here
          const changes: TextDocumentContentChangeEvent[] = [];
          const shadow = TextDocument.create(ref.uri, ref.languageId, ref.version, ref.getText());
          for (const c of events_) {
            const kept = 'range' in c && c.range ? { ...c, range: { start: inLines(c.range.start, shadow), end: inLines(c.range.end, shadow) } } : c;
            TextDocument.update(shadow, [kept], shadow.version + 1);
            changes.push(kept);
          }
          TextDocument.update(ref, changes, i + 2);
          doc.update(changes, i + 2);
          expect(doc.version).toBe(i + 2);
          compare();
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the strings of the lines a change does not touch', () => {
    const doc = new LineDocument('file:///a.ossproc', 'ossproc', 1, 'a\nb\nc\nd\ne\n');
    const before = [...doc.lines];
    doc.update([{ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } }, text: 'x' }], 2);
    expect(doc.lines).toEqual(['a\n', 'b\n', 'cx\n', 'd\n', 'e\n', '']);
    expect(doc.lines[0]).toBe(before[0]);
    expect(doc.lines[4]).toBe(before[4]);
  });

  it('records what each change did to its lines: every line outside the splices is as it was, moved', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.array(change, { minLength: 1, maxLength: 3 }), fc.boolean()), { maxLength: 10 }), (initial, events) => {
        const doc = new LineDocument('file:///a.ossproc', 'ossproc', 1, initial);
        // a reader that brings its copy of the lines in line now and then (after some changes, not others)
        let mirror: (string | undefined)[] = [...doc.lines];
        let since = doc.generation;
        const follow = () => {
          const splices = doc.splicesSince(since);
          expect(splices).toBeDefined();
          for (const sp of splices!) mirror.splice(sp.first, sp.removed, ...new Array<undefined>(sp.added));
          expect(mirror.length).toBe(doc.lineCount);
          // the lines no splice touched are the document's; the others are filled in from it
          for (let i = 0; i < mirror.length; i++) if (mirror[i] !== undefined) expect(mirror[i]).toBe(doc.lines[i]);
          mirror = mirror.map((l, i) => l ?? doc.lines[i]!);
          since = doc.generation;
          expect(doc.splicesSince(since)).toEqual([]);
        };
        for (const [i, [changes, now]] of events.entries()) {
          const kept = changes.map((c) => ('range' in c && c.range ? { ...c, range: { start: inLines(c.range.start, doc as never), end: inLines(c.range.end, doc as never) } } : c));
          doc.update(kept, i + 2);
          if (now) follow();
        }
        follow();
      }),
      { numRuns: 2000 },
    );
  });

  it('splices only the lines a keystroke changed, and says so when a reader is too far behind', () => {
    const doc = new LineDocument('file:///a.ossproc', 'ossproc', 1, 'a\nb\nc\nd\ne\n');
    const since = doc.generation;
    doc.update([{ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } }, text: 'x' }], 2);
    expect(doc.splicesSince(since)).toEqual([{ first: 2, removed: 1, added: 1 }]);
    doc.update([{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, text: '\n' }], 3);
    // a line break typed at the end of line 1: 'b' keeps its string, a new empty line comes after it
    expect(doc.splicesSince(since)).toEqual([{ first: 2, removed: 1, added: 1 }, { first: 2, removed: 0, added: 1 }]);
    expect(doc.lines).toEqual(['a\n', 'b\n', '\n', 'cx\n', 'd\n', 'e\n', '']);
    // a change that leaves the text as it was splices nothing; a full replacement splices the lines that differ
    const g = doc.generation;
    doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'a' }], 4);
    expect(doc.splicesSince(g)).toEqual([]);
    doc.update([{ text: 'a\nb\nQ\ncx\nd\ne\n' }], 5);
    expect(doc.splicesSince(g)).toEqual([{ first: 2, removed: 1, added: 1 }]);
    expect(doc.splicesSince(doc.generation + 1)).toBeUndefined();
    for (let i = 0; i < 1100; i++) doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: i % 2 } }, text: i % 2 ? '' : 'y' }], 6 + i);
    expect(doc.splicesSince(g)).toBeUndefined();
    expect(doc.splicesSince(doc.generation - 3)).toHaveLength(3);
  });
});
