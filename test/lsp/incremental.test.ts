import { getLanguageService, readSettings } from '@ossproc/language-server/service';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './client';

/**
 * Over a real stdio connection to the built server: random incremental edits (characters, line breaks,
 * quotes, comment markers, suppression directives), and after each one the diagnostics the server publishes
 * for that version are those a diagnosis from scratch gives for the same text (the service in-process, on a
 * fresh document).
 */

const INSERTS = ['x', ',', '_', '/', '|', '"', "'", '#', ' ', '\n', '\r\n', '\r', '# ossproc-disable-next-line\n', '# ossproc-disable-file unknown-action\n', ',fps_241', 'video/covert,f_mp4\n', '  # ', ': '];

const edits = fc.array(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 60 })), insert: fc.oneof(fc.constantFrom(...INSERTS), fc.constant('')) }),
  { minLength: 60, maxLength: 60 },
);

const SCENARIOS = [
  {
    uri: 'file:///virtual/edited.ossproc',
    languageId: 'ossproc',
    text: `${Array.from({ length: 400 }, (_, i) => (i % 9 === 4 ? `video/convert,f_mp4,fps_${235 + (i % 10)}|sys/saveas,o_b3V0Lm1wNA` : i % 13 === 6 ? '# ossproc-disable-next-line value-out-of-range' : `image/resize,w_${i},h_100/format,webp`)).join('\n')}\n`,
  },
  {
    uri: 'file:///virtual/edited.yaml',
    languageId: 'yaml',
    text: 'styles:\n  a: "video/convert,f_mp4,fps_241"\n  # ossproc-disable-next-line\n  b: image/resize,w_0\n  c: |\n    image/resize,\n    w_100\n  d: \'video/covert\'\n',
  },
];

describe('incremental diagnosis over stdio', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.languageId}: what is published after each of 60 random edits is the diagnosis from scratch`, async () => {
      const [steps] = fc.sample(edits, { seed: 20261202, numRuns: 1 });
      const c = await LspClient.start({ initializationOptions: { debounceMs: 0 }, settings: {} });
      const scratch = getLanguageService();
      const settings = readSettings({});
      try {
        const mirror = TextDocument.create(scenario.uri, scenario.languageId, 1, scenario.text);
        await c.open(scenario.uri, scenario.languageId, scenario.text);
        await c.diagnosticsFor(scenario.uri, 1);
        let found = 0;
        for (const step of steps!) {
          const text = mirror.getText();
          const start = Math.min(text.length, Math.floor(step.at * (text.length + 1)));
          const change: TextDocumentContentChangeEvent = { range: { start: mirror.positionAt(start), end: mirror.positionAt(Math.min(text.length, start + step.remove)) }, text: step.insert };
          TextDocument.update(mirror, [change], mirror.version + 1);
          const version = await c.change(scenario.uri, [change]);
          const published = await c.diagnosticsFor(scenario.uri, version);
          const expected = scratch.doValidation(TextDocument.create(scenario.uri, scenario.languageId, version, mirror.getText()), settings, { budgetMs: Infinity });
          expect(published.diagnostics, `after edit ${version - 1}: ${JSON.stringify(change)}`).toEqual(expected.diagnostics);
          scratch.forget(scenario.uri);
          if (expected.diagnostics.length) found++;
        }
        // not a comparison of empty lists (a YAML file soon stops parsing under random edits)
        expect(found).toBeGreaterThan(scenario.languageId === 'yaml' ? 10 : 50);
      } finally {
        expect(await c.stop()).toBe(0);
      }
    }, 120_000);
  }
});
