import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './client';
import { lintJson, removeTrees, requireBuiltCli, tree } from '../cli/helpers';

/**
 * The built server over stdio shows every preset finding CI shows: the same (line, column, rule, severity)
 * as `ossproc lint --format json` on the same files, and reads ossproc.config.json as the CLI does.
 */
const PRESETS: Record<string, [string, string]> = {
  'p.json': ['json', '{ "styles": { "bad name!": "image/resize,w_100", "thumb": "w_100,h_1", "n": 5 } }\n'],
  'p.yaml': ['yaml', 'styles:\n  "bad name!": image/resize,w_100\n  thumb: w_100,h_1\n  n: [1]\n'],
  'p.xml': ['xml', '<StyleList>\n<Style><Name>bad name!</Name><Content>image/resize,w_100</Content></Style>\n<Style><Name>thumb</Name><Content>w_100,h_1</Content></Style>\n</StyleList>\n'],
};

let client: LspClient;
beforeAll(async () => {
  requireBuiltCli();
  client = await LspClient.start({ settings: {} });
});
afterAll(async () => {
  await client?.stop();
  removeTrees();
});

describe('presets in the editor agree with CI', () => {
  it.each(Object.keys(PRESETS))('%s', async (name) => {
    const [languageId, text] = PRESETS[name]!;
    const cwd = tree({ [name]: text });
    const uri = pathToFileURL(join(cwd, name)).href;
    await client.open(uri, languageId, text);
    const editor = (await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.code, d.severity === 1 ? 2 : 1]);
    const ci = lintJson([name], { cwd }).results[0]!.messages.map((m) => [m.line, m.column, m.ruleId, m.severity]);
    expect(editor).toEqual(ci);
    expect(ci.map((m) => m[2])).toEqual(expect.arrayContaining(['invalid-style-name', 'unknown-product']));
  });

  it("the project's config: extends ossproc:strict and rules apply to presets too", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ossproc-lsp-presets-'));
    writeFileSync(join(root, 'ossproc.config.json'), '{ "extends": "ossproc:strict", "rules": { "invalid-style-name": "warn" } }');
    const uri = pathToFileURL(join(root, 'p.json')).href;
    await client.open(uri, 'json', PRESETS['p.json']![1]);
    const got = (await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => [d.code, d.severity]);
    expect(got).toEqual([['invalid-style-name', 2], ['unknown-product', 1], ['preset-shape', 1]]);
  });
});
