import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../src/service/lineDocument';
import { service, settings } from './helpers';

/**
 * The incremental path (line entries kept across edits in .ossproc documents, results remembered by string
 * elsewhere) gives exactly what a diagnosis from scratch gives, after any edit: random insertions and
 * deletions of characters, line breaks (LF, CR, CRLF, split and joined), quotes, comment markers and
 * suppression directives, one or several changes per event, and runs cut short by their budget between
 * edits, in host documents of several formats.
 */

const HOSTS: Record<string, { uri: string; text: string }> = {
  ossproc: {
    uri: 'file:///work/presets.ossproc',
    text: [
      'video/convert,f_mp4,vcodec_h265,fps_241|sys/saveas,o_b3V0Lm1wNA',
      '# ossproc-disable-next-line value-out-of-range',
      'video/convert,f_mp4,fps_300',
      'image/resize,w_100/quality,q_90',
      '',
      '  video/covert,f_mp4  ',
      '# a comment',
      'https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_0',
      'video/convert,f_mp4,aq_80,ab_100000 # not a comment',
      'image/rotate,400\r',
      'audio/convert,f_aac,ab_96000\r\nimage/format,webpp',
      '',
    ].join('\n'),
  },
  yaml: {
    uri: 'file:///work/styles.yaml',
    text: 'styles:\n  a: "video/convert,f_mp4,fps_241"\n  # ossproc-disable-next-line\n  b: image/resize,w_0\n  c: |\n    image/resize,\n    w_100\n  d: \'video/covert\'\n',
  },
  json: {
    uri: 'file:///work/styles.json',
    text: '{\n  "styles": {\n    "a": "image/resize,w_0",\n    "b": "video/convert,f_mp5\\t"\n  }\n}\n',
  },
  java: {
    uri: 'file:///work/A.java',
    text: 'class A {\n  String s = "video/convert,f_mp5"; // ossproc-disable-line\n  String t = "image/resize," + w + ",h_0";\n  String u = """\n    image/resize,w_100,w_200\n    """;\n  /* ossproc-disable-next-line */\n  String v = "image/rotate,400";\n}\n',
  },
  markdown: {
    uri: 'file:///work/README.md',
    text: '# Styles\n\n```ossproc\nimage/resize,w_0\n```\n\n[a](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/rotate,400)\n<!-- ossproc-disable-file -->\n',
  },
};

const LANGUAGE_IDS: Record<string, string> = { ossproc: 'ossproc', yaml: 'yaml', json: 'json', java: 'java', markdown: 'markdown' };

const INSERTS = [
  'x',
  ',',
  '_',
  '/',
  '|',
  '"',
  "'",
  '`',
  '#',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '//',
  '/*',
  '*/',
  '<!--',
  '-->',
  '"""',
  '# ossproc-disable-next-line\n',
  '# ossproc-disable-file value-out-of-range\n',
  ' // ossproc-disable-line',
  'ossproc-disable-next-line ',
  ',fps_241',
  'video/convert,f_mp4,fps_300\n',
  'image/resize,w_0',
  '%2C',
];

/** An edit as offsets of the text it applies to (scaled into it when applied). */
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 80 })), insert: fc.oneof(fc.constantFrom(...INSERTS), fc.constant('')) });
/** One event: one change, or several applied in order (each in the text the previous one left). */
const event = fc.record({ changes: fc.array(edit, { minLength: 1, maxLength: 3 }), cut: fc.boolean() });

function update(doc: TextDocument, changes: TextDocumentContentChangeEvent[]): void {
  if (doc instanceof LineDocument) doc.update(changes, doc.version + 1);
  else TextDocument.update(doc, changes, doc.version + 1);
}

function toChange(doc: TextDocument, text: string, e: { at: number; remove: number; insert: string }): TextDocumentContentChangeEvent {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const end = Math.min(text.length, start + e.remove);
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: e.insert };
}

describe('incremental diagnosis equals diagnosis from scratch', () => {
  for (const [format, host] of Object.entries(HOSTS)) {
    it(`${format}: after every random edit`, () => {
      fc.assert(
        fc.property(fc.array(event, { minLength: 1, maxLength: 12 }), fc.boolean(), (events, lined) => {
          const ls = service();
          const s = settings();
          // the server's documents are held as lines; tests and other callers pass the library's
          const doc = lined ? new LineDocument(host.uri, LANGUAGE_IDS[format]!, 1, host.text) : TextDocument.create(host.uri, LANGUAGE_IDS[format]!, 1, host.text);
          ls.doValidation(doc, s, { budgetMs: Infinity });
          for (const ev of events) {
            // each change in the coordinates of the text the previous one left (as LSP sends them)
            const shadow = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
            const changes: TextDocumentContentChangeEvent[] = [];
            for (const e of ev.changes) {
              const change = toChange(shadow, shadow.getText(), e);
              changes.push(change);
              TextDocument.update(shadow, [change], shadow.version + 1);
            }
            update(doc, changes);
            expect(doc.getText()).toBe(shadow.getText());
            // a run cut short by its budget leaves part of the document unchecked for the next one
            if (ev.cut) ls.doValidation(doc, s, { budgetMs: 0 });
            const incremental = ls.doValidation(doc, s, { budgetMs: Infinity });
            const scratch = service().doValidation(TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText()), s, { budgetMs: Infinity });
            expect(incremental.complete).toBe(true);
            expect(incremental.diagnostics).toEqual(scratch.diagnostics);
          }
        }),
        { numRuns: format === 'ossproc' ? 300 : 60 },
      );
    }, 120_000);
  }

  it('ossproc: a long document edited in many places, lines inserted and removed', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 7 === 3 ? `video/convert,f_mp4,fps_${230 + (i % 20)}` : i % 11 === 5 ? '# ossproc-disable-next-line' : `image/resize,w_${i % 500}`));
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 20 }), fc.boolean(), (events, lined) => {
        const ls = service();
        const s = settings();
        const doc = lined ? new LineDocument('file:///work/long.ossproc', 'ossproc', 1, lines.join('\n')) : TextDocument.create('file:///work/long.ossproc', 'ossproc', 1, lines.join('\n'));
        ls.doValidation(doc, s, { budgetMs: Infinity });
        for (const ev of events) {
          update(doc, ev.changes.map((e) => toChange(doc, doc.getText(), e)).slice(0, 1));
          const incremental = ls.doValidation(doc, s, { budgetMs: Infinity });
          const scratch = service().doValidation(TextDocument.create(doc.uri, 'ossproc', doc.version, doc.getText()), s, { budgetMs: Infinity });
          expect(incremental.diagnostics).toEqual(scratch.diagnostics);
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
