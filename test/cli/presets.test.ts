import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileResult, lintJson, ossproc, removeTrees, requireBuiltCli, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

/**
 * Presets and configs through the built CLI, on real files: core reads the preset structure (the same reader
 * the language server uses), --fix re-encodes escaped scalars, the config model is core's.
 */
describe('preset files', () => {
  it('the same two findings in JSON, YAML and OSS style XML', () => {
    const cwd = tree({
      'p.json': '{ "styles": { "bad name!": "image/resize,w_100", "thumb": "w_100,h_1" } }\n',
      'p.yaml': 'styles:\n  "bad name!": image/resize,w_100\n  thumb: w_100,h_1\n',
      'p.xml': '<StyleList>\n<Style><Name>bad name!</Name><Content>image/resize,w_100</Content></Style>\n<Style><Name>thumb</Name><Content>w_100,h_1</Content></Style>\n</StyleList>\n',
    });
    const r = lintJson(['p.json', 'p.yaml', 'p.xml'], { cwd });
    const at = (f: string) => fileResult(r.results, f).messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn]);
    expect(at('p.json')).toEqual([['invalid-style-name', 1, 16, 25], ['unknown-product', 1, 60, 65]]);
    expect(at('p.yaml')).toEqual([['invalid-style-name', 2, 4, 13], ['unknown-product', 3, 10, 15]]);
    expect(at('p.xml')).toEqual([['invalid-style-name', 2, 14, 23], ['unknown-product', 3, 35, 40]]);
  });
});

describe('--fix on a quoted scalar that holds escapes re-encodes the whole scalar', () => {
  const cases: [string, string, string][] = [
    ['p.yaml', 'styles:\n  c: "vidoe/convert,\\tf_mp4"\n', 'styles:\n  c: "video/convert,f_mp4"\n'],
    ['q.yaml', 'styles:\n  c: "vidoe/convert,f_mp4,\\\\x"\n  d: "image/resise,w_100\\u0020"\n', 'styles:\n  c: "video/convert,f_mp4,\\\\x"\n  d: "image/resize,w_100"\n'],
    ['s.yaml', "styles:\n  c: 'vidoe/convert,f_mp4,x''y'\n", "styles:\n  c: 'video/convert,f_mp4,x''y'\n"],
    ['p.json', '{"styles": {"c": "vidoe/convert,\\u0009f_mp4", "d": "image\\/resise,w_100"}}\n', '{"styles": {"c": "video/convert,f_mp4", "d": "image\\/resize,w_100"}}\n'],
  ];
  for (const [name, before, after] of cases) {
    it(name, () => {
      const cwd = tree({ [name]: before });
      ossproc(['lint', '--fix', name], { cwd });
      expect(readFileSync(join(cwd, name), 'utf8')).toBe(after);
    });
  }

  it('--fix-dry-run shows the same text', () => {
    const r = lintJson(['--stdin', '--stdin-filename', 'p.yaml', '--fix-dry-run'], { input: 'styles:\n  c: "vidoe/convert,\\tf_mp4"\n' });
    expect(r.results[0]!.output).toBe('styles:\n  c: "video/convert,f_mp4"\n');
  });
});

describe('ossproc.config.json', () => {
  it('a directory of that name is one error line, exit 2', () => {
    const cwd = tree({ 'a/p.ossproc': 'video/convert,f_mp4\n' });
    mkdirSync(join(cwd, 'a', 'ossproc.config.json'));
    const r = ossproc(['lint', 'a/p.ossproc'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ossproc: ${join(cwd, 'a', 'ossproc.config.json')}: cannot read config file: it is a directory\n`);
  });

  it('extends ossproc:strict: every finding an error; the file\'s rules on top', () => {
    const WARN = 'video/convert,f_mp4,s_1920x1080|sys/saveas,o_b3V0Lm1wNA\n'; // ineffective-parameter, a warning by default
    const plain = tree({ 'p.ossproc': WARN });
    expect(lintJson(['p.ossproc'], { cwd: plain }).results[0]!.messages.map((m) => m.severity)).toEqual([1]);
    const strict = tree({ 'ossproc.config.json': '{ "extends": "ossproc:strict" }', 'p.ossproc': WARN });
    const r = lintJson(['p.ossproc'], { cwd: strict });
    expect(r.code).toBe(1);
    expect(r.results[0]!.messages.map((m) => m.severity)).toEqual([2]);
    const back = tree({ 'ossproc.config.json': '// CI\n{ "extends": ["ossproc:strict"], "rules": { "ineffective-parameter": "warn" } }', 'p.ossproc': WARN });
    expect(lintJson(['p.ossproc'], { cwd: back }).results[0]!.messages.map((m) => m.severity)).toEqual([1]);
  });

  it('an unknown preset: one line with its position and a suggestion', () => {
    const cwd = tree({ 'ossproc.config.json': '{\n  "extends": "ossproc:recomended"\n}', 'p.ossproc': '' });
    const r = ossproc(['lint', 'p.ossproc'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ossproc: ${join(cwd, 'ossproc.config.json')}:2:14: unknown preset 'ossproc:recomended' in 'extends' (did you mean 'ossproc:recommended'?); use "ossproc:recommended" or "ossproc:strict"\n`);
  });
});
