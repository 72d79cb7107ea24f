import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, ruleDocsUrl } from '@ossproc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, lintJson, ossproc, removeTrees, requireBuiltCli, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

const PRESETS = [
  '# presets',
  'video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA',
  'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=',
  'image/resize,w_100',
  '',
].join('\n');

const ESC = '\u001b[';

describe('stylish (default)', () => {
  it('groups problems under the file with a code frame and an ESLint summary', () => {
    const cwd = tree({ 'p.ossproc': PRESETS });
    const r = ossproc(['lint', 'p.ossproc'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '',
        'p.ossproc',
        '  2:21    error    fps_241: fps must be between 0 and 240  value-out-of-range',
        '    2 | video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA',
        '      |                     ^^^^^^^',
        '  2:21    warning  fps_241 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)  ineffective-parameter',
        '    2 | video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA',
        '      |                     ^^^^^^^',
        "  3:45    info     o_dGVzdC5tcDQ=: base64 padding '=' is accepted, but the documented form strips it  base64-padding",
        '    3 | video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=',
        '      |                                             ^',
        '',
        '✖ 3 problems (1 error, 2 warnings)',
        '  0 errors and 1 warning potentially fixable with the `--fix` option.',
        '',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain(ESC);
  });

  it('prints nothing for a clean run', () => {
    const cwd = tree({ 'p.ossproc': 'image/resize,w_100\n' });
    const r = ossproc(['lint', 'p.ossproc'], { cwd });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('colours with --color or FORCE_COLOR, not with --no-color', () => {
    const cwd = tree({ 'p.ossproc': PRESETS });
    expect(ossproc(['lint', 'p.ossproc', '--color'], { cwd }).stdout).toContain(`${ESC}31m`);
    expect(ossproc(['lint', 'p.ossproc'], { cwd, env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(ossproc(['lint', 'p.ossproc', '--no-color'], { cwd, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  const hasScript = existsSync('/usr/bin/script');
  it.skipIf(!hasScript)('colours on a TTY unless NO_COLOR is set', () => {
    const cwd = tree({ 'p.ossproc': PRESETS });
    const tty = (env: Record<string, string>) =>
      spawnSync('/usr/bin/script', ['-qec', `"${process.execPath}" "${CLI}" lint p.ossproc`, '/dev/null'], {
        cwd,
        encoding: 'utf8',
        env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR' && k !== 'FORCE_COLOR')), ...env },
      }).stdout;
    expect(tty({})).toContain(ESC);
    expect(tty({ NO_COLOR: '1' })).not.toContain(ESC);
  });

  it('cuts a long line to a window around the problem', () => {
    const long = `{"a": "${'x'.repeat(300)}", "b": "video/convert,f_mp5"}`;
    const cwd = tree({ 'long.json': long });
    const out = ossproc(['lint', 'long.json'], { cwd }).stdout;
    const frame = out.split('\n').find((l) => l.includes(' | '))!;
    expect(frame.length).toBeLessThan(130);
    expect(frame).toContain('…');
    expect(frame).toContain('f_mp5');
  });

  it('replaces control characters from decoded values in the terminal', () => {
    // base64 of "\u001b[31mred" as an object key: the message quotes the decoded text
    const key = Buffer.from('\u001b[31mred.mp4').toString('base64url');
    const cwd = tree({ 'p.ossproc': `video/convert,f_mp4|sys/saveas,o_${key}\n` });
    const r = ossproc(['lint', 'p.ossproc', '--rule', 'extension-mismatch:error'], { cwd });
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('json', () => {
  it("is ESLint's shape: 1-based lines and columns, end exclusive, info as severity 1, fixes and suggestions", () => {
    const cwd = tree({ 'p.ossproc': PRESETS, 'clean.ossproc': 'image/resize,w_100\n' });
    const r = lintJson(['p.ossproc', 'clean.ossproc'], { cwd });
    expect(r.results.map((x) => x.filePath)).toEqual([join(cwd, 'p.ossproc'), join(cwd, 'clean.ossproc')]);
    const [p, clean] = r.results;
    expect(clean).toEqual({ filePath: join(cwd, 'clean.ossproc'), messages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 });
    expect(p!.messages).toEqual([
      { ruleId: 'value-out-of-range', severity: 2, message: 'fps_241: fps must be between 0 and 240', line: 2, column: 21, endLine: 2, endColumn: 28, suggestions: [{ desc: "Change to 'fps_240'", fix: { range: [34, 37], text: '240' } }] },
      {
        ruleId: 'ineffective-parameter',
        severity: 1,
        message: 'fps_241 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)',
        line: 2,
        column: 21,
        endLine: 2,
        endColumn: 28,
        // the offsets are into the file: line 2 starts at 10; the comma before fps_241 goes too
        suggestions: [{ desc: "Remove 'fps_241'", fix: { range: [29, 37], text: '' } }],
      },
      {
        ruleId: 'base64-padding',
        severity: 1,
        message: "o_dGVzdC5tcDQ=: base64 padding '=' is accepted, but the documented form strips it",
        line: 3,
        column: 45,
        endLine: 3,
        endColumn: 46,
        fix: { range: [106, 107], text: '' },
      },
    ]);
    expect(PRESETS.slice(29, 37)).toBe(',fps_241');
    expect(PRESETS.slice(106, 107)).toBe('=');
    expect([p!.errorCount, p!.warningCount, p!.fixableErrorCount, p!.fixableWarningCount]).toEqual([1, 2, 0, 1]);
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
  // the official schema's language pattern ('^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$') is not a valid
  // unicode-mode regular expression; ajv compiles the official schema with unicodeRegExp off
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  const sarif = (args: string[], cwd: string) => {
    const r = ossproc(['lint', '--format', 'sarif', ...args], { cwd });
    return { ...r, log: JSON.parse(r.stdout) };
  };

  it('validates against the SARIF 2.1.0 schema and lists every rule with its documentation', () => {
    const cwd = tree({ 'dir with space/p.ossproc': PRESETS, 'q.json': '{"a": "video/convert,f_mp5"}' });
    const { code, log } = sarif(['.'], cwd);
    expect(code).toBe(1);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('ossproc');
    const rules = run.tool.driver.rules as { id: string; helpUri: string }[];
    for (const r of RULES) expect(rules.find((x) => x.id === r.id)?.helpUri).toBe(ruleDocsUrl(r.id));
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['preset-shape', 'unused-disable-directive']));
    const results = run.results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }[];
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['value-out-of-range', 'error'],
      ['ineffective-parameter', 'warning'],
      ['base64-padding', 'note'],
      ['unknown-value', 'error'],
    ]);
    for (const r of results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'dir%20with%20space/p.ossproc', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 21, endLine: 2, endColumn: 28 },
    });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('the schema subset rejects what the official schema rejects', () => {
    const cwd = tree({ 'p.ossproc': 'video/convert,f_mp5\n' });
    const { log } = sarif(['p.ossproc'], cwd);
    const bad = structuredClone(log);
    bad.runs[0].results[0].severity = 'error'; // not a result property
    expect(validate(bad)).toBe(false);
    const noMessage = structuredClone(log);
    delete noMessage.runs[0].results[0].message;
    expect(validate(noMessage)).toBe(false);
    const zeroLine = structuredClone(log);
    zeroLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(zeroLine)).toBe(false);
  });

  it('reports a file that cannot be read as a tool notification, still valid', () => {
    const cwd = tree({ 'b.json': '{"a": 1 "b"}', 'p.ossproc': 'video/convert,f_mp5\n' });
    const { code, log } = sarif(['b.json', 'p.ossproc'], cwd);
    expect(code).toBe(2);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^Parsing error: invalid JSON/);
    expect(log.runs[0].results).toHaveLength(1);
  });

  it('is valid for a clean run and for stdin', () => {
    const cwd = tree({ 'ok.ossproc': 'image/resize,w_100\n' });
    const clean = sarif(['ok.ossproc'], cwd);
    expect(clean.code).toBe(0);
    expect(validate(clean.log)).toBe(true);
    expect(clean.log.runs[0].results).toEqual([]);
    const r = ossproc(['lint', '--stdin', '-f', 'sarif'], { cwd, input: 'video/convert,f_mp5' });
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('%3Ctext%3E');
  });
});

describe('github', () => {
  it('prints one workflow command per problem: errors, warnings and info as notices', () => {
    const cwd = tree({ 'sub/p.ossproc': PRESETS });
    const r = ossproc(['lint', '--format', 'github', 'sub'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      '::error file=sub/p.ossproc,line=2,col=21,endLine=2,endColumn=28,title=value-out-of-range::fps_241: fps must be between 0 and 240',
      '::warning file=sub/p.ossproc,line=2,col=21,endLine=2,endColumn=28,title=ineffective-parameter::fps_241 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)',
      "::notice file=sub/p.ossproc,line=3,col=45,endLine=3,endColumn=46,title=base64-padding::o_dGVzdC5tcDQ=: base64 padding '=' is accepted, but the documented form strips it",
      '',
    ]);
  });

  it('escapes properties and data as @actions/core does', () => {
    const cwd = tree({ 'a,b:c.json': '{"a": 1 "b"}' });
    const r = ossproc(['lint', '-f', 'github', 'a,b:c.json'], { cwd });
    expect(r.stdout).toBe("::error file=a%2Cb%3Ac.json,line=1,col=9,title=ossproc::Parsing error: invalid JSON: ',' expected\n");
  });
});

describe('formatters are functions from results to text', () => {
  it('every format module exists as its own file', () => {
    for (const f of ['stylish', 'json', 'sarif', 'github']) {
      expect(existsSync(join(__dirname, '..', '..', 'packages', 'cli', 'src', 'formatters', `${f}.ts`))).toBe(true);
    }
  });

  it('rejects an unknown format', () => {
    const r = ossproc(['lint', '--format', 'xml', '--stdin'], { input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ossproc: unknown format 'xml' \(use stylish, json, sarif, github, gitlab\)\n/);
  });
});
