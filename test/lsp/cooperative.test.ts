import { describe, expect, it } from 'vitest';
import type { Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, waitFor } from './client';

/** A 13 MB .ossproc document of distinct lines (no memo answers for them), an error every 500 lines. */
function huge(): string {
  const lines = Array.from({ length: 150_000 }, (_, i) => `video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_${1_000_000 + i},fps_${i % 500 === 7 ? 241 : 30}|sys/saveas,o_b3V0Lm1wNA`);
  return `${lines.join('\n')}\n`;
}

/**
 * Diagnosing a huge document is done in slices: a request sent after the document was opened is answered
 * before its diagnostics are published, and a change made meanwhile stops the diagnosis of the older text
 * (it is never published). The order of the messages shows it; no timing is assumed.
 */
describe('cooperative diagnosis', () => {
  const uri = 'file:///huge-diagnosed.ossproc';
  /** The complete diagnostics of a version (a huge document's partial ones are published on the way). */
  const complete = (c: LspClient, version: number, count: number) =>
    waitFor(() => c.published.find((p) => p.uri === uri && p.version === version && p.diagnostics.length === count), `all ${count} diagnostics of version ${version}`, 60_000);

  it('a hover sent right after a 13 MB document is opened is answered before its diagnostics are published', async () => {
    const c = await LspClient.start({ initializationOptions: { debounceMs: 0 }, settings: {} });
    try {
      await c.open(uri, 'ossproc', huge());
      const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 75_000, character: 8 } });
      // nothing published for the document yet when the hover is answered
      expect(c.published.filter((p) => p.uri === uri)).toEqual([]);
      expect((hover!.contents as MarkupContent).value).toContain('**video/convert**');
      const published = await complete(c, 1, 300);
      expect(published.diagnostics.at(-1)!.range.start.line).toBe(149_507);
    } finally {
      expect(await c.stop()).toBe(0);
    }
  }, 120_000);

  it('a change made while a 13 MB document is being diagnosed stops the older diagnosis', async () => {
    const c = await LspClient.start({ initializationOptions: { debounceMs: 0 }, settings: {} });
    try {
      await c.open(uri, 'ossproc', huge());
      // answered while version 1 is being diagnosed (its diagnostics are not out yet)
      await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 8 } });
      expect(c.published.filter((p) => p.uri === uri)).toEqual([]);
      const version = await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
      const published = await complete(c, version, 301);
      expect(published.diagnostics[0]!.code).toBe('unknown-product');
      // the diagnosis of version 1 stopped at the change: never completed (on a machine so loaded that it ran
      // for a second before the change was read, a partial list of it may have gone out)
      expect(c.published.some((p) => p.uri === uri && p.version === 1 && p.diagnostics.length === 300)).toBe(false);
    } finally {
      expect(await c.stop()).toBe(0);
    }
  }, 120_000);
});

/** A 15 MB document with blanks that formatting removes (it keeps every parameter, even an empty one). */
function toFormat(): { text: string; lines: number } {
  const line = '  image/resize, w_100, h_100  ';
  const lines = Math.ceil(15_000_000 / (line.length + 1));
  return { text: `${Array.from({ length: lines }, () => line).join('\n')}\n`, lines };
}

/**
 * Formatting a huge document is done in slices: a request sent after the formatting request is answered
 * before the formatting is done (the order of the answers shows it; no timing is assumed).
 */
describe('cooperative formatting', () => {
  it('a hover sent during the formatting of a 15 MB document is answered first', async () => {
    const c = await LspClient.start({ initializationOptions: { debounceMs: 100_000 }, settings: {} });
    try {
      const { text, lines } = toFormat();
      await c.open('file:///huge.ossproc', 'ossproc', text);
      const order: string[] = [];
      const formatting = c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: 'file:///huge.ossproc' }, options: { tabSize: 2, insertSpaces: true } }).then((edits) => {
        order.push('formatting');
        return edits;
      });
      const hover = c.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///huge.ossproc' }, position: { line: 3, character: 4 } }).then((h) => {
        order.push('hover');
        return h;
      });
      const [edits, h] = await Promise.all([formatting, hover]);
      expect(order).toEqual(['hover', 'formatting']);
      expect(h).not.toBeNull();
      expect(edits).toHaveLength(lines);
      expect(edits[0]!.newText).toBe('image/resize,w_100,h_100');
    } finally {
      expect(await c.stop()).toBe(0);
    }
  }, 120_000);

  it('closing the document stops its formatting (no work goes on for a closed document)', async () => {
    const c = await LspClient.start({ initializationOptions: { debounceMs: 100_000 }, settings: {} });
    try {
      await c.open('file:///closed.ossproc', 'ossproc', toFormat().text);
      const formatting = c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: 'file:///closed.ossproc' }, options: { tabSize: 2, insertSpaces: true } });
      // answered during the formatting: the document is being formatted when it closes
      await c.request('textDocument/hover', { textDocument: { uri: 'file:///closed.ossproc' }, position: { line: 3, character: 4 } });
      await c.close('file:///closed.ossproc');
      expect(await formatting).toEqual([]);
    } finally {
      expect(await c.stop()).toBe(0);
    }
  }, 120_000);
});
