import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LspClient } from './client';

/**
 * A long-lived server gives back what a large document took once it is closed: every per-document cache is
 * dropped, nothing shared keeps its text (strings cut from it are copied before they are cached), and a
 * full GC runs. Measured on the built server over stdio: the heap after a GC (`ossproc/memoryUsage`), and
 * the resident size from /proc.
 */

interface Usage {
  rss: number;
  heapUsed: number;
}

const MB = 1024 * 1024;

/** A field of /proc/<pid>/status in MB (Linux). */
function procStatus(pid: number, field: 'RssAnon'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? (Number(m[1]) * 1024) / MB : NaN;
}

describe('memory after large documents close', () => {
  it('the heap and RSS come back near their start after a 13 MB document is opened, edited and closed four times', async () => {
    const c = await LspClient.start({ initializationOptions: { debounceMs: 0 }, settings: {} });
    const usage = async () => {
      const u = await c.request<Usage & { heapTotal: number; external: number }>('ossproc/memoryUsage', null);
      return { rss: u.rss / MB, heap: u.heapUsed / MB, total: u.heapTotal / MB, external: u.external / MB };
    };
    try {
      await c.open('file:///small.ossproc', 'ossproc', 'image/resize,w_100\n');
      await c.diagnosticsFor('file:///small.ossproc');
      const start = await usage();
      const startAnon = process.platform === 'linux' ? procStatus(c.child.pid!, 'RssAnon') : 0;
      // distinct lines (no memo answers for them), an error on many
      const lines = Array.from({ length: 150_000 }, (_, i) => `video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_${1_000_000 + i},fps_${i % 300}|sys/saveas,o_b3V0Lm1wNA`);
      const text = `${lines.join('\n')}\n`;
      let peak = start;
      for (let round = 0; round < 4; round++) {
        const uri = `file:///large-${round}.ossproc`;
        await c.open(uri, 'ossproc', text);
        await c.diagnosticsFor(uri, 1);
        const v = await c.change(uri, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'x' }]);
        await c.diagnosticsFor(uri, v);
        // the editor's other requests on it
        await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 100, character: 8 } });
        await c.request('textDocument/semanticTokens/full', { textDocument: { uri } });
        const u = await usage();
        if (u.rss > peak.rss) peak = u;
        await c.close(uri);
      }
      // the text is 13 MB; after closing, the heap must be within a few MB of where it started
      // a GC on each request: the heap comes back at once unless something still holds the document
      let after = await usage();
      for (let i = 0; i < 20 && after.heap > start.heap + 8; i++) after = await usage();
      const note = `start heap ${start.heap.toFixed(1)} MB rss ${start.rss.toFixed(1)} MB; open: rss ${peak.rss.toFixed(1)} MB; closed: heap ${after.heap.toFixed(1)} MB (total ${after.total.toFixed(1)}, external ${after.external.toFixed(1)}, at start ${start.total.toFixed(1)}, ${start.external.toFixed(1)}) rss ${after.rss.toFixed(1)} MB (RssAnon ${startAnon.toFixed(1)} → ${process.platform === 'linux' ? procStatus(c.child.pid!, 'RssAnon').toFixed(1) : '?'} MB)`;
      expect(after.heap, note).toBeLessThanOrEqual(start.heap + 8);
      // what the process holds besides its heap (C allocator, pages of the node binary) comes back too
      expect(after.rss, note).toBeLessThanOrEqual(start.rss + 30);
      if (process.platform === 'linux') expect(procStatus(c.child.pid!, 'RssAnon'), note).toBeLessThanOrEqual(startAnon + 20);
    } finally {
      expect(await c.stop()).toBe(0);
    }
  }, 180_000);
});
