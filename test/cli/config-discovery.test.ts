import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '@ossproc/core';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileResult, lintJson, ossproc, removeTrees, requireBuiltCli, ROOT, ruleIds, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

const WARN = 'video/convert,f_mp4,s_1920x1080|sys/saveas,o_b3V0Lm1wNA\n'; // ineffective-parameter
const ERR = 'video/convert,f_mp5\n'; // unknown-value
const names = (r: { results: { filePath: string }[] }, cwd: string) => r.results.map((x) => x.filePath.slice(cwd.length + 1)).sort();

describe('the config walk', () => {
  it('each file takes the nearest ossproc.config.json above it', () => {
    const cwd = tree({
      'ossproc.config.json': JSON.stringify({ rules: { 'ineffective-parameter': 'error' } }),
      'top.ossproc': WARN,
      'a/b/ossproc.config.json': JSON.stringify({ rules: { 'ineffective-parameter': 'off', 'unknown-value': 'warn' } }),
      'a/b/deep/p.ossproc': WARN + ERR,
      'a/mid.ossproc': WARN,
    });
    const r = lintJson(['top.ossproc', 'a/mid.ossproc', 'a/b/deep/p.ossproc'], { cwd });
    expect(fileResult(r.results, 'top.ossproc').messages.map((m) => [m.ruleId, m.severity])).toEqual([['ineffective-parameter', 2]]);
    expect(fileResult(r.results, 'mid.ossproc').messages.map((m) => [m.ruleId, m.severity])).toEqual([['ineffective-parameter', 2]]);
    // the nearest file applies alone (no merging with the one above)
    expect(fileResult(r.results, 'deep/p.ossproc').messages.map((m) => [m.ruleId, m.severity])).toEqual([['unknown-value', 1]]);
  });

  it('mode and sourceKey come from the config; the command line wins', () => {
    const cwd = tree({
      'ossproc.config.json': JSON.stringify({ mode: 'sync', sourceKey: 'in.mp4' }),
      'p.ossproc': 'video/convert,f_mp4|sys/saveas,o_aW4ubXA0\n', // o = in.mp4
    });
    expect(ruleIds(fileResult(lintJson(['p.ossproc'], { cwd }).results, 'p.ossproc'))).toEqual(['async-only', 'output-overwrites-source']);
    expect(ruleIds(fileResult(lintJson(['p.ossproc', '--mode', 'auto', '--source-key', 'other.mp4'], { cwd }).results, 'p.ossproc'))).toEqual([]);
  });

  it('--rule overrides the config', () => {
    const cwd = tree({ 'ossproc.config.json': JSON.stringify({ rules: { 'unknown-value': 'off' } }), 'p.ossproc': ERR });
    expect(lintJson(['p.ossproc'], { cwd }).code).toBe(0);
    expect(lintJson(['p.ossproc', '--rule', 'unknown-value:error'], { cwd }).code).toBe(1);
  });

  it('stdin takes the config of --stdin-filename, else of the working directory', () => {
    const cwd = tree({ 'ossproc.config.json': JSON.stringify({ rules: { 'unknown-value': 'warn' } }), 'sub/ossproc.config.json': '{"rules": {"unknown-value": "off"}}' });
    expect(lintJson(['--stdin'], { cwd, input: ERR }).results[0]!.warningCount).toBe(1);
    expect(lintJson(['--stdin', '--stdin-filename', 'sub/x.ossproc'], { cwd, input: ERR }).results[0]!.messages).toEqual([]);
  });

  it('ignore: gitignore-style patterns relative to the config file', () => {
    const cwd = tree({
      'ossproc.config.json': JSON.stringify({ ignore: ['generated/', '*.draft.json', '!keep.draft.json'] }),
      'generated/a.ossproc': ERR,
      'sub/generated/b.ossproc': ERR,
      'x.draft.json': '{"a": "video/convert,f_mp5"}',
      'keep.draft.json': '{"a": "video/convert,f_mp5"}',
      'p.ossproc': ERR,
    });
    expect(names(lintJson(['.'], { cwd }), cwd)).toEqual(['keep.draft.json', 'ossproc.config.json', 'p.ossproc']);
    // a file named on the command line is linted even when ignored
    expect(names(lintJson(['generated/a.ossproc'], { cwd }), cwd)).toEqual(['generated/a.ossproc']);
    // --no-ignore turns the patterns off
    expect(names(lintJson(['.', '--no-ignore'], { cwd }), cwd)).toContain('generated/a.ossproc');
  });

  it('include: globs of extra files (source code, Markdown) for directory walks', () => {
    const files = {
      'p.ossproc': ERR,
      'src/a.ts': "const a = 'video/convert,f_mp5';\n",
      'src/b.py': "b = 'video/convert,f_mp5'\n",
      'docs/r.md': '`x-oss-process=image/resize,w_0`\n',
      'notes.txt': 'x-oss-process=image/resize,w_0\n',
    };
    const plain = tree(files);
    expect(names(lintJson(['.'], { cwd: plain }), plain)).toEqual(['p.ossproc']);
    const cwd = tree({ ...files, 'ossproc.config.json': JSON.stringify({ include: ['src/**/*.ts', 'docs/*.md', '*.txt'] }) });
    expect(names(lintJson(['.'], { cwd }), cwd)).toEqual(['docs/r.md', 'notes.txt', 'ossproc.config.json', 'p.ossproc', 'src/a.ts']);
  });

  it('a broken config stops the run with one line naming the file, line and column', () => {
    const cases: [string, string][] = [
      ['{"rules": {"unknown-vaule": "error"}}', ":1:12: unknown rule 'unknown-vaule' in config file (did you mean 'unknown-value'?)"],
      ['{"rules": {"unknown-value": "loud"}}', ':1:29: rule \'unknown-value\' has severity "loud"; use "off", "info", "warn" or "error" (or 0, 1, 2)'],
      ['{\n  "mode": "fast"\n}', ':2:11: \'mode\' must be "auto", "sync" or "async"'],
      ['{"ignores": []}', ":1:2: unknown key 'ignores' in config file (did you mean 'ignore'?); allowed: $schema, extends, rules, mode, sourceKey, ignore, include"],
      ['{"include": "src"}', ":1:13: 'include' must be an array of strings (patterns)"],
      ['{"rules": {', ":1:12: invalid JSON in config file: '}' expected"],
      ['[]', ':1:1: a config file holds a JSON object'],
    ];
    for (const [text, message] of cases) {
      const cwd = tree({ 'ossproc.config.json': text, 'p.ossproc': ERR });
      const r = ossproc(['lint', 'p.ossproc'], { cwd });
      expect(r.code, text).toBe(2);
      expect(r.stdout, text).toBe('');
      expect(r.stderr, text).toBe(`ossproc: ${join(cwd, 'ossproc.config.json')}${message}\n`);
    }
  });
});

describe('the config schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'packages', 'cli', 'schema', 'ossproc.config.schema.json'), 'utf8'));

  it("enumerates core's rules and the CLI's own", () => {
    const ids = Object.keys(schema.properties.rules.properties);
    expect(ids, 'run `pnpm gen:docs`: the schema is generated from the rule table').toEqual([...RULES.map((r) => r.id), 'unused-disable-directive']);
    expect(schema.properties.rules.additionalProperties).toBe(false);
  });

  it('accepts what the CLI accepts and rejects what it rejects', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ $schema: './x.json', rules: { 'unknown-value': 'warn', 'syntax-error': 2, 'preset-shape': 'off' }, mode: 'async', sourceKey: 'a.mp4', ignore: ['x/'], include: ['**/*.ts'] })).toBe(true);
    expect(validate({ rules: { 'unknown-vaule': 'warn' } })).toBe(false);
    expect(validate({ rules: { 'unknown-value': 'loud' } })).toBe(false);
    expect(validate({ mode: 'fast' })).toBe(false);
    expect(validate({ ignores: [] })).toBe(false);
    expect(validate({ extends: 'ossproc:strict', rules: { 'syntax-error': ['warn'] } })).toBe(true);
    expect(validate({ extends: ['ossproc:recommended', 'ossproc:strict'] })).toBe(true);
    expect(validate({ extends: 'eslint:recommended' })).toBe(false);
  });

  it('the presets schema accepts the documented shape', () => {
    const presets = JSON.parse(readFileSync(join(ROOT, 'packages', 'cli', 'schema', 'presets.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(presets);
    expect(validate({ styles: { 'hd-h265': 'video/convert,f_mp4' } })).toBe(true);
    expect(validate({ styles: { 'bad name': 'video/convert,f_mp4' } })).toBe(false);
    expect(validate({ styles: { a: 5 } })).toBe(false);
    expect(validate(JSON.parse(readFileSync(join(ROOT, 'examples', 'presets', 'video.json'), 'utf8')))).toBe(true);
  });
});

describe('file discovery', () => {
  it('walks directories for .ossproc, .json, .yaml, .yml and .xml; skips node_modules and .git', () => {
    const cwd = tree({
      'a.ossproc': ERR,
      'b.json': '{}',
      'c.yaml': 'a: 1\n',
      'd.yml': 'a: 1\n',
      'e.xml': '<a/>',
      'f.ts': "const a = 'video/convert,f_mp5';\n",
      'g.md': '`x-oss-process=image/resize,w_0`\n',
      'h.txt': 'x',
      'node_modules/x/p.ossproc': ERR,
      '.git/p.ossproc': ERR,
      '.github/w.yml': 'a: 1\n',
    });
    expect(names(lintJson(['.'], { cwd }), cwd)).toEqual(['.github/w.yml', 'a.ossproc', 'b.json', 'c.yaml', 'd.yml', 'e.xml']);
  });

  it('respects .gitignore files, up to the repository root', () => {
    const cwd = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n*.tmp.json\n',
      'presets/.gitignore': 'local.ossproc\n!build/\n',
      'presets/a.ossproc': ERR,
      'presets/local.ossproc': ERR,
      'presets/x.tmp.json': '{}',
      'presets/build/b.ossproc': ERR,
      'build/c.ossproc': ERR,
    });
    // walking a subdirectory still applies the root .gitignore
    expect(names(lintJson(['presets'], { cwd }), cwd)).toEqual(['presets/a.ossproc', 'presets/build/b.ossproc']);
    expect(names(lintJson(['.'], { cwd }), cwd)).toEqual(['presets/a.ossproc', 'presets/build/b.ossproc']);
    expect(names(lintJson(['.', '--no-ignore'], { cwd }), cwd)).toHaveLength(5);
  });

  it('expands globs (any language ossproc reads), with ignores', () => {
    const cwd = tree({
      'src/a.ts': "const a = 'video/convert,f_mp5';\n",
      'src/deep/b.ts': "const b = 'image/resize,w_100';\n",
      'src/c.js': "const c = 'image/resize,w_100';\n",
      'src/ignored/d.ts': '',
      'ossproc.config.json': JSON.stringify({ ignore: ['ignored/'] }),
    });
    const r = lintJson(['src/**/*.ts'], { cwd });
    expect(names(r, cwd)).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect(r.code).toBe(1);
  });

  it('lints each file once, in the order given', () => {
    const cwd = tree({ 'a.ossproc': ERR, 'b.ossproc': ERR });
    const r = lintJson(['b.ossproc', '.', 'a.ossproc', '*.ossproc'], { cwd });
    expect(r.results.map((x) => x.filePath.slice(cwd.length + 1))).toEqual(['b.ossproc', 'a.ossproc']);
  });

  it('no paths means the working directory', () => {
    const cwd = tree({ 'a.ossproc': ERR });
    expect(names(lintJson([], { cwd }), cwd)).toEqual(['a.ossproc']);
  });
});
