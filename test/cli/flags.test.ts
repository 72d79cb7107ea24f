import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, fileResult, lintJson, ossproc, removeTrees, requireBuiltCli, ruleIds, STACK, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

const WARN_ONLY = 'video/convert,f_mp4,s_1920x1080|sys/saveas,o_b3V0Lm1wNA\n'; // ineffective-parameter (warning)
const ERROR = 'video/convert,f_mp5\n'; // unknown-value (error)

describe('exit codes', () => {
  it('0 clean, 1 errors, 0 warnings only, 2 usage', () => {
    const cwd = tree({ 'clean.ossproc': 'image/resize,w_100\n', 'err.ossproc': ERROR, 'warn.ossproc': WARN_ONLY });
    expect(ossproc(['lint', 'clean.ossproc'], { cwd }).code).toBe(0);
    expect(ossproc(['lint', 'err.ossproc'], { cwd }).code).toBe(1);
    expect(ossproc(['lint', 'warn.ossproc'], { cwd }).code).toBe(0);
    expect(ossproc(['lint', '--bogus'], { cwd }).code).toBe(2);
  });

  it('--max-warnings: 1 when there are more warnings than allowed', () => {
    const cwd = tree({ 'warn.ossproc': WARN_ONLY + WARN_ONLY });
    expect(ossproc(['lint', 'warn.ossproc', '--max-warnings', '2'], { cwd }).code).toBe(0);
    const r = ossproc(['lint', 'warn.ossproc', '--max-warnings', '1'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ossproc: too many warnings: 2 (maximum: 1)\n');
    expect(ossproc(['lint', 'warn.ossproc', '--max-warnings', '-1'], { cwd }).code).toBe(0);
    expect(ossproc(['lint', 'warn.ossproc', '--max-warnings', 'many'], { cwd }).code).toBe(2);
  });

  it('info counts as a warning against --max-warnings', () => {
    const cwd = tree({ 'p.ossproc': 'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=\n' });
    expect(ossproc(['lint', 'p.ossproc', '--max-warnings', '0'], { cwd }).code).toBe(1);
  });
});

describe('--quiet', () => {
  it('reports errors only and does not count warnings', () => {
    const cwd = tree({ 'p.ossproc': WARN_ONLY + ERROR });
    const r = lintJson(['p.ossproc', '--quiet', '--max-warnings', '0'], { cwd });
    expect(r.code).toBe(1);
    expect(ruleIds(r.results[0]!)).toEqual(['unknown-value']);
    expect(r.results[0]!.warningCount).toBe(0);
    expect(ossproc(['lint', '--quiet', '--max-warnings', '0', '--stdin'], { input: WARN_ONLY }).code).toBe(0);
  });
});

describe('--fix and --fix-dry-run', () => {
  const BROKEN = [
    '# fixable: padding, an audio-only container without vn_1, a typo in a key',
    'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=',
    'video/convert,f_mp3,acodec_mp3|sys/saveas,o_b3V0Lm1wMw',
    '  video/convert,f_mp4,vcodex_h264|sys/saveas,o_b3V0Lm1wNA  ',
    '# ossproc-disable-next-line base64-padding',
    'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=',
    'video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA',
    '',
  ].join('\r\n');
  const FIXED = [
    '# fixable: padding, an audio-only container without vn_1, a typo in a key',
    'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ',
    'video/convert,f_mp3,acodec_mp3,vn_1|sys/saveas,o_b3V0Lm1wMw',
    '  video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA  ',
    '# ossproc-disable-next-line base64-padding',
    'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=',
    'video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA',
    '',
  ].join('\r\n');

  it('--fix writes certain fixes (not suppressed problems), keeps line endings and mode, and reports what remains', () => {
    const cwd = tree({ 'p.ossproc': BROKEN });
    chmodSync(join(cwd, 'p.ossproc'), 0o640);
    const r = lintJson(['p.ossproc', '--fix'], { cwd });
    expect(readFileSync(join(cwd, 'p.ossproc'), 'utf8')).toBe(FIXED);
    expect(statSync(join(cwd, 'p.ossproc')).mode & 0o777).toBe(0o640);
    expect(r.code).toBe(1);
    expect(ruleIds(r.results[0]!)).toEqual(['value-out-of-range', 'ineffective-parameter']);
    expect(r.results[0]!.messages[0]!.line).toBe(7);
    expect(r.results[0]!.output).toBeUndefined();
    // a second run finds nothing more to fix
    lintJson(['p.ossproc', '--fix'], { cwd });
    expect(readFileSync(join(cwd, 'p.ossproc'), 'utf8')).toBe(FIXED);
  });

  it('--fix-dry-run leaves the file alone and puts the fixed text in output', () => {
    const cwd = tree({ 'p.ossproc': BROKEN });
    const r = lintJson(['p.ossproc', '--fix-dry-run'], { cwd });
    expect(readFileSync(join(cwd, 'p.ossproc'), 'utf8')).toBe(BROKEN);
    expect(r.results[0]!.output).toBe(FIXED);
    expect(ruleIds(r.results[0]!)).toEqual(['value-out-of-range', 'ineffective-parameter']);
  });

  it('fixes JSON, YAML and source files, and keeps a BOM', () => {
    const cwd = tree({
      'p.json': '\ufeff{"styles": {"a": "video/convert,f_mp3,acodec_mp3|sys/saveas,o_b3V0Lm1wMw"}}\n',
      'p.yaml': 'a: video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=\n',
      'p.ts': "const a = 'video/convert,f_mp4,vcodex_h264';\n",
    });
    const r = lintJson(['.', 'p.ts', '--fix'], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'p.json'), 'utf8')).toBe('\ufeff{"styles": {"a": "video/convert,f_mp3,acodec_mp3,vn_1|sys/saveas,o_b3V0Lm1wMw"}}\n');
    expect(readFileSync(join(cwd, 'p.yaml'), 'utf8')).toBe('a: video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ\n');
    expect(readFileSync(join(cwd, 'p.ts'), 'utf8')).toBe("const a = 'video/convert,f_mp4,vcodec_h264';\n");
  });

  it('--fix with --quiet fixes errors only', () => {
    // f_MP4 (unknown-value, an error) is fixed; the padding (information) and audio-only-container (a warning since issue 11) are not
    const cwd = tree({ 'p.ossproc': 'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=\nvideo/convert,f_mp3,acodec_mp3|sys/saveas,o_b3V0Lm1wMw\nvideo/convert,f_MP4|sys/saveas,o_b3V0Lm1wNA\n' });
    ossproc(['lint', 'p.ossproc', '--fix', '--quiet'], { cwd });
    expect(readFileSync(join(cwd, 'p.ossproc'), 'utf8')).toBe('video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=\nvideo/convert,f_mp3,acodec_mp3|sys/saveas,o_b3V0Lm1wMw\nvideo/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA\n');
  });

  it('--fix-dry-run works on stdin; --fix on stdin and both flags together are usage errors', () => {
    const r = lintJson(['--stdin', '--fix-dry-run'], { input: 'video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=\n' });
    expect(r.results[0]!.output).toBe('video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ\n');
    const a = ossproc(['lint', '--stdin', '--fix'], { input: '' });
    expect([a.code, a.stderr.split('\n')[0]]).toEqual([2, "ossproc: --fix cannot write to standard input; use --fix-dry-run (with --format json the fixed text is in \"output\")"]);
    expect(ossproc(['lint', '--fix', '--fix-dry-run', '.']).code).toBe(2);
  });
});

describe('--mode and --source-key', () => {
  it('--mode sync/async checks bare strings in that mode', () => {
    const input = 'image/resize,w_100\nvideo/convert,f_mp4\n';
    expect(lintJson(['--stdin'], { input }).results[0]!.messages).toEqual([]);
    expect(ruleIds(lintJson(['--stdin', '--mode', 'sync'], { input }).results[0]!)).toEqual(['async-only']);
    expect(ruleIds(lintJson(['--stdin', '--mode', 'async'], { input }).results[0]!)).toEqual(['sync-only', 'missing-saveas']);
    const bad = ossproc(['lint', '--stdin', '--mode', 'fast'], { input });
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, "ossproc: --mode must be auto, sync or async; got 'fast'"]);
  });

  it('--source-key reports an output over the source', () => {
    const input = 'video/convert,f_mp4|sys/saveas,o_dmlkZW9zL2luLm1wNA\n'; // o = videos/in.mp4
    expect(ruleIds(lintJson(['--stdin'], { input }).results[0]!)).toEqual([]);
    expect(ruleIds(lintJson(['--stdin', '--source-key', 'videos/in.mp4'], { input }).results[0]!)).toEqual(['output-overwrites-source']);
  });
});

describe('--rule', () => {
  it('sets severities, repeatable; off silences a rule', () => {
    const input = ERROR + WARN_ONLY;
    const r = lintJson(['--stdin', '--rule', 'unknown-value:warn', '--rule', 'ineffective-parameter:error'], { input });
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['unknown-value', 1],
      ['ineffective-parameter', 2],
    ]);
    expect(ruleIds(lintJson(['--stdin', '--rule', 'unknown-value:off'], { input }).results[0]!)).toEqual(['ineffective-parameter']);
    expect(lintJson(['--stdin', '--rule', 'unknown-value:0', '--rule', 'ineffective-parameter:2'], { input }).results[0]!.messages.map((m) => m.severity)).toEqual([2]);
  });

  it('an unknown rule or severity is a usage error, with a suggestion', () => {
    const r = ossproc(['lint', '--stdin', '--rule', 'unknown-vaule:error'], { input: ERROR });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe("ossproc: unknown rule 'unknown-vaule' in --rule unknown-vaule:error (did you mean 'unknown-value'?); 'ossproc lint --help' lists where the rules are documented");
    const s = ossproc(['lint', '--stdin', '--rule', 'unknown-value:loud'], { input: ERROR });
    expect([s.code, s.stderr.split('\n')[0]]).toEqual([2, "ossproc: unknown severity 'loud' in --rule unknown-value:loud (use off, info, warn or error)"]);
    expect(ossproc(['lint', '--stdin', '--rule', 'nocolon'], { input: ERROR }).code).toBe(2);
  });
});

describe('--config and --print-config', () => {
  it('--config applies one file to every file and looks for no other', () => {
    const cwd = tree({
      'cfg/strict.json': JSON.stringify({ rules: { 'ineffective-parameter': 'error' } }),
      'a/ossproc.config.json': JSON.stringify({ rules: { 'ineffective-parameter': 'off' } }),
      'a/p.ossproc': WARN_ONLY,
    });
    expect(fileResult(lintJson(['a'], { cwd }).results, 'p.ossproc').messages).toEqual([]);
    const r = lintJson(['a', '--config', 'cfg/strict.json'], { cwd });
    expect(fileResult(r.results, 'p.ossproc').messages.map((m) => [m.ruleId, m.severity])).toEqual([['ineffective-parameter', 2]]);
    const missing = ossproc(['lint', 'a', '-c', 'nope.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`ossproc: ${join(cwd, 'nope.json')}: cannot read config file: it does not exist\n`);
  });

  it('--print-config prints the configuration of a file', () => {
    const cwd = tree({ 'ossproc.config.json': JSON.stringify({ mode: 'async', sourceKey: 'in.mp4', rules: { 'base64-padding': 'off' }, ignore: ['gen/'], include: ['**/*.ts'] }), 'x/p.ts': '' });
    const r = ossproc(['lint', '--print-config', 'x/p.ts', '--rule', 'syntax-error:warn'], { cwd });
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c).toMatchObject({ filePath: join(cwd, 'x/p.ts'), configFile: join(cwd, 'ossproc.config.json'), language: 'typescript', mode: 'async', sourceKey: 'in.mp4', ignore: ['gen/'], include: ['**/*.ts'] });
    expect(c.rules['base64-padding']).toBe('off');
    expect(c.rules['syntax-error']).toBe('warn');
    expect(c.rules['unknown-value']).toBe('error');
    expect(c.rules['unused-disable-directive']).toBe('off');
    expect(ossproc(['lint', '--print-config', 'a', 'b'], { cwd }).code).toBe(2);
  });

  it('--print-config on a path that names nothing: one line, exit 2', () => {
    const cwd = tree({ 'p.ossproc': '' });
    const r = ossproc(['lint', '--print-config', 'nope/p.ts'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("ossproc: --print-config: no such file or directory: 'nope/p.ts'\n");
  });

  it('--print-config shows the presets a config extends and their severities', () => {
    const cwd = tree({ 'ossproc.config.json': '{ "extends": "ossproc:strict", "rules": { "syntax-error": "warn" } }', 'p.ossproc': '' });
    const c = JSON.parse(ossproc(['lint', '--print-config', 'p.ossproc'], { cwd }).stdout);
    expect(c.extends).toEqual(['ossproc:strict']);
    expect(c.rules['syntax-error']).toBe('warn');
    expect(c.rules['ineffective-parameter']).toBe('error');
    expect(c.rules['unused-disable-directive']).toBe('off');
  });
});

describe('--report-unused-disable-directives', () => {
  it('turns directives that suppress nothing into warnings', () => {
    const input = ['# ossproc-disable-next-line', 'image/resize,w_100', '# ossproc-disable-next-line unknown-value, syntax-error', 'video/convert,f_mp5', ''].join('\n');
    expect(lintJson(['--stdin'], { input }).results[0]!.messages).toEqual([]);
    const r = lintJson(['--stdin', '--report-unused-disable-directives'], { input });
    expect(r.results[0]!.messages).toEqual([
      { ruleId: 'unused-disable-directive', severity: 1, message: 'Unused ossproc-disable-next-line directive (no problems were reported).', line: 1, column: 3, endLine: 1, endColumn: 28 },
      { ruleId: 'unused-disable-directive', severity: 1, message: "Unused ossproc-disable-next-line directive (no problems were reported from 'syntax-error').", line: 3, column: 3, endLine: 3, endColumn: 56 },
    ]);
    // its severity can be configured like a rule
    expect(lintJson(['--stdin', '--rule', 'unused-disable-directive:error'], { input }).results[0]!.errorCount).toBe(2);
  });
});

describe('--output-file, --debug, --help, --version, --concurrency', () => {
  it('--output-file writes the report to a file', () => {
    const cwd = tree({ 'p.ossproc': ERROR });
    const r = ossproc(['lint', 'p.ossproc', '-f', 'json', '-o', 'report.json'], { cwd });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8'))[0].errorCount).toBe(1);
    const bad = ossproc(['lint', 'p.ossproc', '-o', join(cwd, 'no/such/dir/r.txt')], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ossproc: cannot write --output-file .*: ENOENT\n/);
  });

  it('--debug notes the run on stderr', () => {
    const cwd = tree({ 'ossproc.config.json': '{}', 'p.ossproc': ERROR });
    const r = ossproc(['lint', '.', '--debug'], { cwd });
    // the config file is a .json file: it is linted too
    expect(r.stderr).toContain('ossproc: debug: 2 file(s) to lint');
    expect(r.stderr).toContain(`ossproc: debug: ${join(cwd, 'p.ossproc')}: ossproc, `);
    expect(r.stderr).toContain(`config ${join(cwd, 'ossproc.config.json')}`);
  });

  it('--help and --version', () => {
    const help = ossproc(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ossproc <command>/);
    expect(ossproc([]).stdout).toBe(help.stdout);
    const lintHelp = ossproc(['lint', '--help']);
    for (const flag of ['--stdin', '--stdin-filename', '--format', '--max-warnings', '--quiet', '--fix', '--fix-dry-run', '--mode', '--source-key', '--rule', '--config', '--print-config', '--report-unused-disable-directives', '--debug', '--output-file', '--no-ignore', '--concurrency']) {
      expect(lintHelp.stdout).toContain(flag);
    }
    expect(ossproc(['help', 'fmt']).stdout).toMatch(/^Usage: ossproc fmt/);
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'packages', 'cli', 'package.json'), 'utf8'));
    expect(ossproc(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--concurrency: worker threads give the same report', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(i % 7 === 0 ? '# ossproc-disable-next-line unknown-value' : i % 5 === 0 ? ERROR.trim() : i % 11 === 0 ? WARN_ONLY.trim() : 'image/resize,w_100');
    const cwd = tree({ 'p.ossproc': lines.join('\n') });
    const off = lintJson(['p.ossproc', '--concurrency', 'off', '--report-unused-disable-directives'], { cwd });
    const on = lintJson(['p.ossproc', '--concurrency', '2', '--report-unused-disable-directives'], { cwd });
    expect(on.stdout).toBe(off.stdout);
    expect(off.results[0]!.errorCount).toBeGreaterThan(400);
    expect(ossproc(['lint', 'p.ossproc', '--concurrency', 'many'], { cwd }).code).toBe(2);
  });
});

describe('usage errors', () => {
  it('an unknown flag: one line, exit 2, no stack trace', () => {
    const r = ossproc(['lint', '--max-warning', '3', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ossproc: unknown option '--max-warning' for 'ossproc lint' (did you mean '--max-warnings'?)\nossproc: see 'ossproc --help'\n");
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an unknown command', () => {
    const r = ossproc(['lnt'], { cwd: tree({}) });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("ossproc: unknown command 'lnt' (did you mean 'lint'?), and no file or directory of that name; commands: lint, explain, fmt, init, rules, preview, serve");
  });

  it('a path or a flag first means lint', () => {
    const cwd = tree({ 'p.ossproc': ERROR });
    expect(ossproc(['p.ossproc'], { cwd }).code).toBe(1);
    expect(ossproc(['--stdin'], { input: ERROR }).code).toBe(1);
  });

  it('a missing option value', () => {
    const r = ossproc(['lint', '--format']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, "ossproc: option '--format' needs a value (stylish|json|sarif|github|gitlab)"]);
  });

  it('a write to a closed pipe ends quietly', () => {
    const cwd = tree({ 'p.ossproc': (ERROR + WARN_ONLY).repeat(5000) });
    writeFileSync(join(cwd, 'run.sh'), `"${process.execPath}" "${CLI}" lint p.ossproc | head -c 10 > /dev/null; echo "status \${PIPESTATUS[0]}"`);
    const r = spawnSync('bash', ['run.sh'], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    // 2: the report could not be delivered (1 if it all fit in the pipe before head left)
    expect(r.stdout).toMatch(/^status [12]\n$/);
  });
});
