import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, releaseFrames, type Frame } from '../src/transport';
import { makeDoc, service, settings } from './helpers';

/** A frame read back: its Content-Length, the length of its body in bytes, and the body. */
function read(frame: Frame): { length: number; bytes: number; body: string } {
  const bytes = Buffer.from(frame.bytes);
  const end = bytes.indexOf('\r\n\r\n');
  const header = bytes.subarray(0, end).toString('latin1');
  const m = /^Content-Length: (\d+)$/.exec(header);
  if (!m) throw new Error(`not a header: ${JSON.stringify(header)}`);
  const body = bytes.subarray(end + 4);
  return { length: Number(m[1]), bytes: body.length, body: body.toString('utf8') };
}

/** The frame's body, checked to be exactly what its header announces. */
function body(frame: Frame): string {
  const r = read(frame);
  expect(r.bytes).toBe(r.length);
  return r.body;
}

const publish = (uri: string, diagnostics: object[], version?: number) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: version === undefined ? { uri, diagnostics } : { uri, version, diagnostics } });

/** The server's frames: one header, Content-Length in UTF-8 bytes, and the body JSON.stringify gives. */
describe('encodeFrame', () => {
  it('writes a publishDiagnostics as JSON.stringify would, from diagnostics serialised once', () => {
    const doc = makeDoc('video/convert,f_mp4,aq_80,ab_100000,fps_241|sys/saveas,o_b3V0Lm1wNA\nimage/resize,w_0 # é ✓ 𝄞\n');
    const { diagnostics } = service().doValidation(doc, settings(), { budgetMs: Infinity });
    expect(diagnostics.length).toBeGreaterThan(3);
    const msg = publish(doc.uri, diagnostics, 7);
    const frame = encodeFrame(msg as never);
    expect(body(frame)).toBe(JSON.stringify(msg));
    expect(frame.bytes.subarray(0, 20).toString('latin1')).toBe(`Content-Length: ${Buffer.byteLength(JSON.stringify(msg))}`.slice(0, 20));
    frame.done();
    // the same objects again (their bytes are remembered), in another order, and none at all
    const again = publish(doc.uri, [...diagnostics].reverse());
    expect(body(encodeFrame(again as never))).toBe(JSON.stringify(again));
    const none = publish(doc.uri, []);
    expect(body(encodeFrame(none as never))).toBe(JSON.stringify(none));
  });

  it('counts the Content-Length in UTF-8 bytes', () => {
    const d = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'é ✓ 𝄞 \u2028 "quoted" \\ \n' };
    for (const msg of [publish('file:///é.ossproc', [d, d]), { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é ✓ 𝄞' } }]) {
      const r = read(encodeFrame(msg as never));
      expect(r.body).toBe(JSON.stringify(msg));
      expect(r.length).toBe(Buffer.byteLength(JSON.stringify(msg), 'utf8'));
      expect(r.bytes).toBe(r.length);
    }
  });

  it('writes any other message, and a publish of another shape, as JSON.stringify does', () => {
    const d = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm' };
    const others = [
      { jsonrpc: '2.0', id: 1, result: { contents: 'x' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é' } },
      // an id, keys in another order, diagnostics not last, an item that is not an object or has toJSON
      { jsonrpc: '2.0', id: 2, method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } },
      { method: 'textDocument/publishDiagnostics', jsonrpc: '2.0', params: { uri: 'file:///a', diagnostics: [d] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [d], uri: 'file:///a' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [d, null, 3] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [{ toJSON: (k: string) => `item ${k}` }] } },
    ];
    for (const msg of others) expect(body(encodeFrame(msg as never))).toBe(JSON.stringify(msg));
  });

  it('keeps every frame intact until it is written, whatever was encoded since (with reuse, buffers are taken again only after)', () => {
    const doc = makeDoc(Array.from({ length: 40 }, (_, i) => (i % 3 ? `video/convert,f_mp4,fps_${241 + i}` : `image/resize,w_${i} é`)).join('\n'));
    const pool = service().doValidation(doc, settings(), { budgetMs: Infinity }).diagnostics;
    expect(pool.length).toBeGreaterThan(20);
    // each step: which of the pool's diagnostics (a sublist, so that one publish shares most of the one before),
    // for which document, and how many encodes later its write completes
    const step = fc.record({ list: fc.subarray(pool), other: fc.boolean(), written: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (steps, release, reuse) => {
        if (release) releaseFrames();
        const pending: { frame: Frame; expected: string; due: number }[] = [];
        steps.forEach((st, i) => {
          const msg = publish(st.other ? 'file:///other.ossproc' : doc.uri, st.list, i);
          const expected = JSON.stringify(msg);
          const frame = encodeFrame(msg as never, reuse);
          pending.push({ frame, expected, due: i + st.written });
          // every frame not written yet still holds its bytes
          for (const p of pending) expect(body(p.frame)).toBe(p.expected);
          for (const p of pending.filter((q) => q.due <= i)) p.frame.done();
          pending.splice(0, pending.length, ...pending.filter((q) => q.due > i));
        });
        for (const p of pending) p.frame.done();
      }),
      { numRuns: 400 },
    );
  });
});
