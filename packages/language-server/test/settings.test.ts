import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigLoader, parseConfigText } from '../src/config';
import { checkKey, defaultSettings, readProjectConfig, readSettings, withProjectConfig } from '../src/service/settings';

describe('settings', () => {
  it('reads the ossproc section, keeping defaults for what is missing or malformed', () => {
    const s = readSettings({ mode: 'sync', rules: { 'value-out-of-range': 'warn', bogus: 'loud', x: ['error', {}] }, embeddedLanguages: ['java', 3], inlayHints: { units: false } });
    expect(s.mode).toBe('sync');
    expect(s.rules).toEqual({ 'value-out-of-range': 'warn', x: 'error' });
    expect(s.embeddedLanguages).toEqual(['java']);
    expect(s.inlayHints).toEqual({ decodedValues: true, units: false });
    expect(readSettings(null)).toEqual(defaultSettings());
    expect(readSettings({ mode: 'fast' }).mode).toBe('auto');
  });

  it('lays the project config over the editor settings', () => {
    const s = withProjectConfig(readSettings({ mode: 'sync', rules: { a: 'warn', b: 'warn' } }), readProjectConfig({ mode: 'async', rules: { b: 'off' }, sourceKey: 'src.mp4', ignore: ['x'] }));
    expect(s.mode).toBe('async');
    expect(s.rules).toEqual({ a: 'warn', b: 'off' });
    expect(s.sourceKey).toBe('src.mp4');
    expect(checkKey(s)).not.toBe(checkKey(defaultSettings()));
  });
});

describe('ossproc.config.json', () => {
  it('is found walking up from the document, for file: URIs only', () => {
    const root = mkdtempSync(join(tmpdir(), 'ossproc-config-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'ossproc.config.json'), '{ "mode": "async", // comment\n "rules": { "x": "off", }, }');
    writeFileSync(join(root, 'a', 'ossproc.config.json'), '{ "sourceKey": "in.mp4" }');
    const logs: string[] = [];
    const loader = new ConfigLoader((m) => logs.push(m));
    expect(loader.forUri(pathToFileURL(join(root, 'a', 'b', 'p.ossproc')).href)).toEqual({ sourceKey: 'in.mp4' });
    expect(loader.forUri(pathToFileURL(join(root, 'p.ossproc')).href)).toEqual({ mode: 'async', rules: { x: 'off' } });
    expect(loader.forUri('untitled:Untitled-1')).toBeUndefined();
    writeFileSync(join(root, 'a', 'ossproc.config.json'), '{ not json');
    expect(loader.forUri(pathToFileURL(join(root, 'a', 'p.ossproc')).href)).toEqual({ sourceKey: 'in.mp4' }); // cached
    loader.clear();
    expect(loader.forUri(pathToFileURL(join(root, 'a', 'p.ossproc')).href)).toBeUndefined();
    expect(logs.join('\n')).toContain('is not valid JSON and is ignored');
  });

  it('tolerates comments and trailing commas, not more', () => {
    expect(parseConfigText('{"a": "// not a comment", /* c */ "b": [1, 2,],}')).toEqual({ a: '// not a comment', b: [1, 2] });
    expect(() => parseConfigText('{ a: 1 }')).toThrow();
  });
});
