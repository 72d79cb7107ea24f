import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileResult, lintJson, ossproc, removeTrees, requireBuiltCli, STACK, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

const ERR = 'video/convert,f_mp5\n';
const isRoot = process.getuid?.() === 0;

/** The only message of a file, which must be a fatal one (ruleId null, severity 2). */
function fatal(results: Parameters<typeof fileResult>[0], suffix: string) {
  const r = fileResult(results, suffix);
  expect(r.messages, suffix).toHaveLength(1);
  const m = r.messages[0]!;
  expect([m.ruleId, m.severity, m.fatal], suffix).toEqual([null, 2, true]);
  expect([r.errorCount, r.fatalErrorCount], suffix).toEqual([1, 1]);
  return m;
}

describe('a problem with one file is reported on it; the others are still linted; exit 2', () => {
  const cwd = () =>
    tree({
      'good.ossproc': ERR,
      'binary.ossproc': Buffer.from('video/convert,f_mp4\n\u0000\u0001\u0002', 'latin1'),
      'utf16.json': Buffer.from('\ufeff{"a": 1}', 'utf16le'),
      'latin1.yaml': Buffer.concat([Buffer.from('a: "caf'), Buffer.from([0xe9]), Buffer.from('"\nb: 1\n')]),
      'trunc.ossproc': Buffer.concat([Buffer.from('image/resize,w_100\nimage/'), Buffer.from([0xe2, 0x82])]),
      'broken.json': '{\n  "styles": {\n    "a": "image/resize,w_100"\n    "b": "image/resize,w_200"\n  }\n}\n',
      'broken.yaml': 'styles:\n  a: image/resize,w_100\n   b: [1, 2\n',
      'dup.yaml': 'a: 1\na: 2\n',
      'broken.xml': '<StyleList>\n  <Style><Name>a</Name></Styles>\n</StyleList>\n',
      'entity.xml': '<a>fish & chips</a>\n',
      'dangling.json': { symlink: 'nowhere.json' },
    });

  it('each problem is one clear message naming the place', () => {
    const dir = cwd();
    const r = lintJson(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(fileResult(r.results, 'good.ossproc').messages[0]!.ruleId).toBe('unknown-value');
    const cases: [string, string, number, number][] = [
      ['binary.ossproc', 'binary file (it contains NUL bytes; ossproc reads UTF-8 text, and UTF-16 files must be converted)', 2, 1],
      ['utf16.json', 'binary file (it contains NUL bytes; ossproc reads UTF-8 text, and UTF-16 files must be converted)', 1, 4],
      ['latin1.yaml', 'invalid UTF-8 (byte offset 7); ossproc reads UTF-8 text', 1, 8],
      ['trunc.ossproc', 'invalid UTF-8 (a sequence cut short at the end of the file, byte offset 25)', 2, 7],
      ['broken.json', "Parsing error: invalid JSON: ',' expected", 4, 5],
      ['dup.yaml', 'Parsing error: invalid YAML: Map keys must be unique', 2, 1],
      ['broken.xml', 'Parsing error: invalid XML: end tag </Styles> does not match <Style>', 2, 24],
      ['entity.xml', "Parsing error: invalid XML: '&' must start an entity such as &amp; (write & as &amp;)", 1, 9],
      ['dangling.json', 'cannot read file: it does not exist (a dangling symbolic link?)', 1, 1],
    ];
    for (const [file, message, line, column] of cases) {
      const m = fatal(r.results, file);
      expect([file, m.message, m.line, m.column]).toEqual([file, message, line, column]);
    }
    expect(fatal(r.results, 'broken.yaml').message).toMatch(/^Parsing error: invalid YAML: /);
  });

  it('stylish shows the file, the place and the line', () => {
    const dir = tree({ 'broken.json': '{\n  "a": 1\n  "b": 2\n}\n', 'ok.ossproc': 'image/resize,w_100\n' });
    const r = ossproc(['lint', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      ['', 'broken.json', "  3:3     error    Parsing error: invalid JSON: ',' expected", '    3 |   "b": 2', '      |   ^', '', '✖ 1 problem (1 error, 0 warnings)', '', ''].join('\n'),
    );
  });

  it.skipIf(isRoot)('an unreadable file', () => {
    const dir = tree({ 'secret.ossproc': ERR, 'ok.ossproc': ERR });
    chmodSync(join(dir, 'secret.ossproc'), 0);
    const r = lintJson(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(fatal(r.results, 'secret.ossproc').message).toBe('cannot read file: permission denied');
    expect(fileResult(r.results, 'ok.ossproc').errorCount).toBe(1);
  });

  it('stdin that is not UTF-8', () => {
    const r = lintJson(['--stdin'], { input: Buffer.from([0x76, 0xff, 0x0a]) });
    expect(r.code).toBe(2);
    expect(fatal(r.results, '<text>').message).toBe('invalid UTF-8 (byte offset 1); ossproc reads UTF-8 text');
  });

  it('a broken JSON file reports nothing but its structure problem', () => {
    const r = lintJson(['--stdin', '--stdin-filename', 'p.json'], { input: '{"a": "video/convert,f_mp5",}}' });
    expect(fatal(r.results, 'p.json').message).toBe('Parsing error: invalid JSON: end of file expected (more than one top-level value)');
  });

  it('JSONC comments and trailing commas are fine', () => {
    const r = lintJson(['--stdin', '--stdin-filename', 'tsconfig.json'], { input: '{\n  // a comment\n  "a": "video/convert,f_mp5",\n}\n' });
    expect(r.results[0]!.messages.map((m) => m.ruleId)).toEqual(['unknown-value']);
  });

  it('an empty .ossproc or YAML file is clean; an empty JSON file is broken', () => {
    const dir = tree({ 'e.ossproc': '', 'e.yaml': '', 'e.json': '' });
    const r = lintJson(['.'], { cwd: dir });
    expect(fileResult(r.results, 'e.ossproc').messages).toEqual([]);
    expect(fileResult(r.results, 'e.yaml').messages).toEqual([]);
    expect(fatal(r.results, 'e.json').message).toBe('Parsing error: invalid JSON: value expected');
  });
});

describe('problems with the command line or the paths: one line on stderr, exit 2', () => {
  it('a missing path; the other paths are still linted', () => {
    const dir = tree({ 'p.ossproc': ERR });
    const r = lintJson(['nope.ossproc', 'p.ossproc', 'missing/'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ossproc: no such file or directory: 'nope.ossproc'\nossproc: no such file or directory: 'missing/'\n");
    expect(r.results.map((x) => x.errorCount)).toEqual([1]);
  });

  it('a directory with nothing to lint', () => {
    const dir = tree({ 'src/a.ts': "const a = 'video/convert,f_mp5';\n", 'p.ossproc': ERR });
    const r = ossproc(['lint', 'src', 'p.ossproc'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `ossproc: no files to lint in 'src': a directory walk takes *.ossproc, *.json, *.yaml, *.yml, *.xml files (not ignored); add others with "include" in ossproc.config.json\n`,
    );
    expect(r.stdout).toContain('p.ossproc');
  });

  it('a glob that matches nothing', () => {
    const r = ossproc(['lint', 'presets/**/*.ossproc'], { cwd: tree({}) });
    expect([r.code, r.stderr]).toEqual([2, "ossproc: no files match the pattern 'presets/**/*.ossproc'\n"]);
  });

  it('never a stack trace, except with --debug', () => {
    const dir = tree({ 'ossproc.config.json': '{"rules": 5}', 'p.ossproc': ERR });
    const plain = ossproc(['lint', '.'], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe(`ossproc: ${join(dir, 'ossproc.config.json')}:1:11: 'rules' must be an object of rule ids to severities\n`);
    expect(plain.stderr).not.toMatch(STACK);
    const debug = ossproc(['lint', '.', '--debug'], { cwd: dir });
    expect(debug.stderr).toMatch(STACK);
  });
});
