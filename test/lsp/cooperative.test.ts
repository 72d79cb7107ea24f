import { describe, expect, it } from 'vitest';
import type { Hover, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

/**
 * Formatting a huge document is done in slices: a request sent after the formatting request is answered
 * before the formatting is done (the order of the answers shows it; no timing is assumed).
 */
describe('cooperative formatting', () => {
  it('a hover sent during the formatting of a 15 MB document is answered first', async () => {
    const c = await LspClient.start({ initializationOptions: { debounceMs: 100_000 }, settings: {} });
    try {
      // blanks that formatting removes (it keeps every parameter, even an empty one)
      const line = '  image/resize, w_100, h_100  ';
      const lines = Math.ceil(15_000_000 / (line.length + 1));
      await c.open('file:///huge.ossproc', 'ossproc', `${Array.from({ length: lines }, () => line).join('\n')}\n`);
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
});
