import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyConfig, parseConfig, RULES } from '@ossproc/core';
import { ConfigLoader } from '../src/config';
import { checkKey, defaultSettings, readSettings, withProjectConfig } from '../src/service/settings';

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
    const s = withProjectConfig(readSettings({ mode: 'sync', rules: { a: 'warn', 'syntax-error': 'warn' } }), parseConfig('{ "mode": "async", "rules": { "syntax-error": "off" }, "sourceKey": "src.mp4", "ignore": ["x"] }').config);
    expect(s.mode).toBe('async');
    expect(s.rules).toEqual({ a: 'warn', 'syntax-error': 'off' });
    expect(s.sourceKey).toBe('src.mp4');
    expect(checkKey(s)).not.toBe(checkKey(defaultSettings()));
  });
});

const config = (o: object) => ({ ...emptyConfig(), ...o });

describe('ossproc.config.json', () => {
  it('is found walking up from the document, for file: URIs only', () => {
    const root = mkdtempSync(join(tmpdir(), 'ossproc-config-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'ossproc.config.json'), '{ "mode": "async", // comment\n "rules": { "syntax-error": "off", }, }');
    writeFileSync(join(root, 'a', 'ossproc.config.json'), '{ "sourceKey": "in.mp4" }');
    const logs: string[] = [];
    const loader = new ConfigLoader((m) => logs.push(m));
    expect(loader.forUri(pathToFileURL(join(root, 'a', 'b', 'p.ossproc')).href)).toEqual(config({ sourceKey: 'in.mp4' }));
    expect(loader.forUri(pathToFileURL(join(root, 'p.ossproc')).href)).toEqual(config({ mode: 'async', rules: { 'syntax-error': 'off' } }));
    expect(loader.forUri('untitled:Untitled-1')).toBeUndefined();
    writeFileSync(join(root, 'a', 'ossproc.config.json'), '{ not json');
    expect(loader.forUri(pathToFileURL(join(root, 'a', 'p.ossproc')).href)).toEqual(config({ sourceKey: 'in.mp4' })); // cached
    loader.clear();
    expect(loader.forUri(pathToFileURL(join(root, 'a', 'p.ossproc')).href)).toEqual(emptyConfig());
    expect(logs).toEqual([`ossproc: ${join(root, 'a', 'ossproc.config.json')}:1:3: invalid JSON in config file: unexpected character`]);
  });

  it('logs every problem as the CLI prints it, and keeps what is valid', () => {
    const root = mkdtempSync(join(tmpdir(), 'ossproc-config-'));
    writeFileSync(join(root, 'ossproc.config.json'), '{\n  "rules": { "unknown-vaule": "warn", "syntax-error": "warn" },\n  "mode": "fast",\n  "extends": "ossproc:strict"\n}');
    const logs: string[] = [];
    const found = new ConfigLoader((m) => logs.push(m)).forUri(pathToFileURL(join(root, 'p.ossproc')).href);
    const file = join(root, 'ossproc.config.json');
    expect(logs).toEqual([
      `ossproc: ${file}:2:14: unknown rule 'unknown-vaule' in config file (did you mean 'unknown-value'?)`,
      `ossproc: ${file}:3:11: 'mode' must be "auto", "sync" or "async"`,
    ]);
    expect(found?.mode).toBeUndefined();
    expect(found?.extends).toEqual(['ossproc:strict']);
    expect(found?.rules['syntax-error']).toBe('warn');
    expect(found?.rules['unknown-value']).toBe('error');
    expect(Object.keys(found?.rules ?? {}).length).toBe(RULES.length);
  });

  it('a directory of that name is said, not looked past', () => {
    const root = mkdtempSync(join(tmpdir(), 'ossproc-config-'));
    mkdirSync(join(root, 'a', 'ossproc.config.json'), { recursive: true });
    writeFileSync(join(root, 'ossproc.config.json'), '{ "mode": "async" }');
    const logs: string[] = [];
    expect(new ConfigLoader((m) => logs.push(m)).forUri(pathToFileURL(join(root, 'a', 'p.ossproc')).href)).toBeUndefined();
    expect(logs).toEqual([`ossproc: ${join(root, 'a', 'ossproc.config.json')}: cannot read config file: it is a directory`]);
  });

  it('reads a 50 KB adversarial config in well under a second (no regular expressions)', () => {
    // the old reader's two regexes backtracked quadratically on "\ pairs: 10 s for this file
    const root = mkdtempSync(join(tmpdir(), 'ossproc-config-'));
    writeFileSync(join(root, 'ossproc.config.json'), '{"rules":{"x":"' + '"\\'.repeat(25000));
    const logs: string[] = [];
    const started = performance.now();
    new ConfigLoader((m) => logs.push(m)).forUri(pathToFileURL(join(root, 'p.ossproc')).href);
    expect(performance.now() - started).toBeLessThan(250);
    expect(logs.length).toBe(1);
  });
});
