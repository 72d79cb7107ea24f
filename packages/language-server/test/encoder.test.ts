import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEncoder } from '../src/transport';
import { makeDoc, service, settings } from './helpers';

/** The stream writer's encoder writes each message as JSON.stringify would, publishDiagnostics included. */
describe('the JSON encoder of the stream writer', () => {
  const encode = async (msg: object) => Buffer.from(await jsonEncoder.encode(msg as never, { charset: 'utf-8' })).toString('utf8');

  it('gives JSON.stringify of a publishDiagnostics, from diagnostics serialised once', async () => {
    const doc = makeDoc('video/convert,f_mp4,aq_80,ab_100000,fps_241|sys/saveas,o_b3V0Lm1wNA\nimage/resize,w_0 # é ✓ 𝄞\n');
    const { diagnostics } = service().doValidation(doc, settings(), { budgetMs: Infinity });
    expect(diagnostics.length).toBeGreaterThan(3);
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, version: 7, diagnostics } };
    expect(await encode(msg)).toBe(JSON.stringify(msg));
    // the same objects again (their bytes are remembered), in another order, and none at all
    const again = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, diagnostics: [...diagnostics].reverse() } };
    expect(JSON.parse(await encode(again))).toEqual(again);
    expect(await encode(again)).toBe(JSON.stringify(again));
    const none = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, diagnostics: [] } };
    expect(await encode(none)).toBe(JSON.stringify(none));
  });

  it('gives JSON.stringify of every publish in a sequence that shares diagnostics with the one before', async () => {
    const doc = makeDoc(Array.from({ length: 40 }, (_, i) => (i % 3 ? `video/convert,f_mp4,fps_${241 + i}` : `image/resize,w_${i}`)).join('\n'));
    const pool = service().doValidation(doc, settings(), { budgetMs: Infinity }).diagnostics;
    expect(pool.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.subarray(pool), { minLength: 1, maxLength: 6 }), fc.boolean(), async (lists, otherUri) => {
        for (const [i, diagnostics] of lists.entries()) {
          const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: otherUri && i % 2 ? 'file:///other' : doc.uri, version: i, diagnostics } };
          expect(await encode(msg)).toBe(JSON.stringify(msg));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives JSON.stringify of any other message', async () => {
    for (const msg of [{ jsonrpc: '2.0', id: 1, result: { contents: 'x' } }, { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é' } }, { jsonrpc: '2.0', id: 2, method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } }]) {
      expect(await encode(msg)).toBe(JSON.stringify(msg));
    }
  });
});
