import { afterAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, PublishDiagnosticsClientCapabilities } from 'vscode-languageserver-protocol';
import { CLIENT_CAPABILITIES, LspClient } from './client';

/**
 * Over a real stdio connection to the built server: a published diagnostic carries its range, severity,
 * code, source and message, and each other part only when the client's `textDocument.publishDiagnostics`
 * capabilities say it takes it: codeDescription (codeDescriptionSupport), relatedInformation, tags
 * (tagSupport with the Unnecessary tag), data (dataSupport). Fixes come through codeAction either way.
 */

const URI = 'file:///virtual/fields.ossproc';
// ab with aq (a related place), fps out of range, and fps without effect under vcodec copy (Unnecessary)
const TEXT = 'video/convert,f_mp4,acodec_aac,aq_80,ab_100000,fps_245|sys/saveas,o_b3V0Lm1wNA\n';
const SOURCE = 'https://www.alibabacloud.com/help/en/oss/user-guide/video-transcoding';
const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const docs = (rule: string) => ({ href: `https://github.com/ossproc/ossproc/blob/main/docs/rules/${rule}.md` });

/** What a client that takes every part is sent for TEXT. */
const EVERYTHING: Diagnostic[] = [
  {
    range: at(0, 37, 46),
    severity: 1,
    code: 'mutually-exclusive',
    codeDescription: docs('mutually-exclusive'),
    source: 'ossproc',
    message: 'ab and aq cannot be combined: give one of them (both set how strongly the audio is compressed)',
    relatedInformation: [{ location: { uri: URI, range: at(0, 31, 36) }, message: 'aq is given here' }],
    data: { evidence: 'documented', source: SOURCE },
  },
  {
    range: at(0, 47, 54),
    severity: 1,
    code: 'value-out-of-range',
    codeDescription: docs('value-out-of-range'),
    source: 'ossproc',
    message: 'fps_245: fps must be between 0 and 240',
    data: { evidence: 'documented', source: SOURCE },
  },
  {
    range: at(0, 47, 54),
    severity: 2,
    code: 'ineffective-parameter',
    codeDescription: docs('ineffective-parameter'),
    source: 'ossproc',
    message: 'fps_245 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)',
    tags: [1],
    data: { evidence: 'documented', source: SOURCE },
  },
];

/** EVERYTHING without the parts named. */
const without = (...parts: (keyof Diagnostic)[]) =>
  EVERYTHING.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !parts.includes(k as keyof Diagnostic))) as Diagnostic);

const clients: LspClient[] = [];
afterAll(async () => {
  for (const c of clients) await c.stop();
});

/** The diagnostics published for TEXT to a client with these publishDiagnostics capabilities. */
async function published(publishDiagnostics: PublishDiagnosticsClientCapabilities | undefined): Promise<{ client: LspClient; diagnostics: Diagnostic[] }> {
  const textDocument = { ...CLIENT_CAPABILITIES.textDocument };
  if (publishDiagnostics) textDocument.publishDiagnostics = publishDiagnostics;
  else delete textDocument.publishDiagnostics;
  const client = await LspClient.start({ settings: {}, capabilities: { ...CLIENT_CAPABILITIES, textDocument } });
  clients.push(client);
  await client.open(URI, 'ossproc', TEXT);
  return { client, diagnostics: (await client.diagnosticsFor(URI, 1)).diagnostics };
}

describe('what a published diagnostic carries follows the client capabilities', () => {
  it('every part for a client that takes them all (as VS Code does)', async () => {
    const { diagnostics } = await published({ relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true });
    expect(diagnostics).toEqual(EVERYTHING);
  });

  it('range, severity, code, source and message only for a client that declares nothing', async () => {
    const none = await published(undefined);
    expect(none.diagnostics).toEqual(without('codeDescription', 'relatedInformation', 'tags', 'data'));
    for (const d of none.diagnostics) expect(Object.keys(d)).toEqual(['range', 'severity', 'code', 'source', 'message']);
    const empty = await published({});
    expect(empty.diagnostics).toEqual(none.diagnostics);
  });

  it('each part by its own capability', async () => {
    expect((await published({ codeDescriptionSupport: true })).diagnostics).toEqual(without('relatedInformation', 'tags', 'data'));
    expect((await published({ relatedInformation: true })).diagnostics).toEqual(without('codeDescription', 'tags', 'data'));
    expect((await published({ dataSupport: true })).diagnostics).toEqual(without('codeDescription', 'relatedInformation', 'tags'));
    expect((await published({ tagSupport: { valueSet: [1] } })).diagnostics).toEqual(without('codeDescription', 'relatedInformation', 'data'));
    // a client that knows only the Deprecated tag is not sent Unnecessary
    expect((await published({ tagSupport: { valueSet: [2] } })).diagnostics).toEqual(without('codeDescription', 'relatedInformation', 'tags', 'data'));
  });

  it('a client that takes none of them still gets the quick fixes through codeAction', async () => {
    const { client, diagnostics } = await published(undefined);
    const d = diagnostics.find((x) => x.code === 'value-out-of-range')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    expect(actions.map((a) => [a.title, a.edit?.changes?.[URI]])).toEqual([
      ["Change to 'fps_240'", [{ range: at(0, 51, 54), newText: '240' }]],
      ['Suppress value-out-of-range on this line', expect.anything()],
    ]);
  });
});
