import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLI, lintJson, ossproc, removeTrees, requireBuiltCli, ROOT, tree } from './helpers';

/** What linter users look for (ESLint, Ruff, Spectral), through the built binary. */

beforeAll(requireBuiltCli);
afterAll(removeTrees);

const BAD = 'image/quality,q_0\n';
const ESC = '\u001b[';

describe('ossproc init', () => {
  it('writes ossproc.config.json with $schema and include globs for the host languages found', () => {
    const dir = tree({ 'src/app.ts': "const p = 'image/resize,w_100';\n", 'src/b.tsx': '', 'api/Main.java': '', 'docs/a.md': '', 'presets.json': '{}', 'node_modules/x/y.py': '', 'ignored/z.go': '', '.gitignore': 'ignored/\n' });
    const r = ossproc(['init'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      'wrote ossproc.config.json: include **/*.java, **/*.ts, **/*.tsx, **/*.md for Java (1 file), TypeScript (2 files), Markdown (1 file)\n' +
        'next: ossproc lint (add rules as "rules": { "<rule-id>": "off" | "warn" | "error" }; ossproc rules lists them)\n',
    );
    expect(JSON.parse(readFileSync(join(dir, 'ossproc.config.json'), 'utf8'))).toEqual({
      $schema: 'https://raw.githubusercontent.com/ossproc/ossproc/main/packages/cli/schema/ossproc.config.schema.json',
      include: ['**/*.java', '**/*.ts', '**/*.tsx', '**/*.md'],
      ignore: [],
      rules: {},
    });
    // the config it wrote is one lint reads: the TypeScript string is now linted by a plain walk
    const lint = lintJson(['.'], { cwd: dir });
    expect(lint.code).toBe(0);
    expect(lint.results.map((f) => f.filePath.slice(dir.length + 1)).sort()).toEqual(['api/Main.java', 'docs/a.md', 'ossproc.config.json', 'presets.json', 'src/app.ts', 'src/b.tsx']);
  });

  it("points $schema at the installed package's schema when there is one", () => {
    const dir = tree({ 'node_modules/@ossproc/cli/schema/ossproc.config.schema.json': '{}' });
    expect(ossproc(['init'], { cwd: dir }).stdout).toMatch(/^wrote ossproc\.config\.json \(no source code, Markdown or HTML found/);
    expect(JSON.parse(readFileSync(join(dir, 'ossproc.config.json'), 'utf8')).$schema).toBe('./node_modules/@ossproc/cli/schema/ossproc.config.schema.json');
  });

  it('never overwrites a config unless --force', () => {
    const dir = tree({ 'ossproc.config.json': '{ "mode": "async" }\n' });
    const r = ossproc(['init'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, 'ossproc: ossproc.config.json already exists; remove it or run ossproc init --force to overwrite it\n']);
    expect(readFileSync(join(dir, 'ossproc.config.json'), 'utf8')).toBe('{ "mode": "async" }\n');
    expect(ossproc(['init', '--force'], { cwd: dir }).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'ossproc.config.json'), 'utf8')).include).toEqual([]);
  });
});

describe('ossproc rules', () => {
  it('lists every rule with its default severity and fix marks', () => {
    const r = ossproc(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('value-out-of-range '))).toMatch(/^value-out-of-range +error {8}sug {2}A number lies outside the documented range/);
    expect(lines.find((l) => l.startsWith('syntax-error '))).toMatch(/^syntax-error +error +fix {6}The string does not follow the grammar/);
    expect(lines.find((l) => l.startsWith('unused-disable-directive '))).toMatch(/^unused-disable-directive +warning {2}/);
    expect(r.stdout).toMatch(/\n\n\d+ rules\. fix: --fix corrects it; sug: suggestions to choose from\. ossproc rules <id> shows one\.\n$/);
    const json = JSON.parse(ossproc(['rules', '--format', 'json']).stdout);
    expect(json.find((x: { id: string }) => x.id === 'value-out-of-range')).toMatchObject({ severity: 'error', fixable: false, hasSuggestions: true, url: 'https://github.com/ossproc/ossproc/blob/main/docs/rules/value-out-of-range.md' });
  });

  it("shows a rule's page, its examples checked now", () => {
    const r = ossproc(['rules', 'value-out-of-range']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('value-out-of-range\n\nA number lies outside the documented range, or a side of a resolution is odd.\n\nDefault severity: error.\n');
    expect(r.stdout).toContain('\n  video/convert,f_mp4,vcodec_h264,fps_241\n                                  ^^^^^^^ fps_241: fps must be between 0 and 240\n');
    expect(r.stdout).toContain('Not reported\n\n  video/convert,f_mp4,vcodec_h264,fps_240\n');
    expect(r.stdout).toMatch(/Documentation: https:\/\/github\.com\/ossproc\/ossproc\/blob\/main\/docs\/rules\/value-out-of-range\.md\n$/);
    expect(r.stdout).not.toContain(ESC);
  });

  it('names the closest rule for an unknown id', () => {
    const r = ossproc(['rules', 'value-out-of-rang']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, "ossproc: unknown rule 'value-out-of-rang' (did you mean 'value-out-of-range'?); ossproc rules lists them"]);
  });
});

describe('--format gitlab (Code Quality)', () => {
  it('prints the Code Climate subset GitLab reads, with stable fingerprints', () => {
    const dir = tree({ 'a.ossproc': `# x\n${BAD}video/convert,f_mp4,fps_241\n` });
    const r = ossproc(['lint', '--format', 'gitlab', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout);
    expect(issues.map((i: Record<string, unknown>) => ({ ...i, fingerprint: typeof i.fingerprint }))).toEqual([
      { description: 'q_0: q must be between 1 and 100', check_name: 'value-out-of-range', fingerprint: 'string', severity: 'major', location: { path: 'a.ossproc', lines: { begin: 2 } } },
      { description: 'fps_241: fps must be between 0 and 240', check_name: 'value-out-of-range', fingerprint: 'string', severity: 'major', location: { path: 'a.ossproc', lines: { begin: 3 } } },
      { description: 'fps_241 has no effect: vcodec copy does not re-encode the video (vcodec copy is the default)', check_name: 'ineffective-parameter', fingerprint: 'string', severity: 'minor', location: { path: 'a.ossproc', lines: { begin: 3 } } },
    ]);
    expect(issues[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(3);
    // a line inserted above does not change the fingerprints (GitLab compares them across commits)
    const moved = tree({ 'a.ossproc': `# x\n\n# y\n${BAD}video/convert,f_mp4,fps_241\n` });
    const again = JSON.parse(ossproc(['lint', '--format', 'gitlab', '.'], { cwd: moved }).stdout);
    expect(again.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(issues.map((i: { fingerprint: string }) => i.fingerprint));
    expect(again[0].location.lines.begin).toBe(4);
  });

  it('is an empty array for a clean run, and marks a broken file critical', () => {
    const dir = tree({ 'ok.ossproc': 'image/resize,w_100\n', 'broken.json': '{' });
    expect(ossproc(['lint', '--format', 'gitlab', 'ok.ossproc'], { cwd: dir }).stdout).toBe('[]\n');
    const r = ossproc(['lint', '--format', 'gitlab', 'broken.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ check_name: 'ossproc', severity: 'critical', location: { path: 'broken.json' } });
  });
});

describe('--ignore-pattern and --exit-zero', () => {
  it('--ignore-pattern skips matching files in walks and globs (repeatable), --no-ignore turns it off', () => {
    const dir = tree({ 'a.ossproc': BAD, 'gen/b.ossproc': BAD, 'c.draft.ossproc': BAD });
    const files = (args: string[]) => lintJson(args, { cwd: dir }).results.map((f) => f.filePath.slice(dir.length + 1)).sort();
    expect(files(['.', '--ignore-pattern', 'gen/', '--ignore-pattern', '*.draft.ossproc'])).toEqual(['a.ossproc']);
    expect(files(["'**/*.ossproc'".slice(1, -1), '--ignore-pattern', 'gen/'])).toEqual(['a.ossproc', 'c.draft.ossproc']);
    expect(files(['.', '--ignore-pattern', 'gen/', '--no-ignore'])).toEqual(['a.ossproc', 'c.draft.ossproc', 'gen/b.ossproc']);
    expect(ossproc(['lint', '.', '--ignore-pattern', '*.ossproc'], { cwd: dir }).code).toBe(2);
  });

  it('--exit-zero exits 0 with errors, and still 2 for a fatal problem', () => {
    const dir = tree({ 'a.ossproc': BAD, 'broken.json': '{' });
    const r = ossproc(['lint', 'a.ossproc', '--exit-zero'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('q_0: q must be between 1 and 100');
    expect(ossproc(['lint', 'a.ossproc', 'broken.json', '--exit-zero'], { cwd: dir }).code).toBe(2);
    expect(ossproc(['lint', '--stdin', '--exit-zero', '--rule', 'value-out-of-range:warn', '--max-warnings', '0'], { input: BAD }).code).toBe(0);
  });
});

describe('colour and summaries', () => {
  /** Runs the binary on a pseudo-terminal (util-linux `script`), so that it sees a TTY. */
  function onTty(args: string, env: Record<string, string> = {}): string {
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} ${args}`, '/dev/null'], { cwd: ROOT, input: '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
    return r.stdout;
  }
  const dir = () => tree({ 'a.ossproc': BAD });

  it('FORCE_COLOR=0 turns colour off on a terminal, FORCE_COLOR=1 on without one, as supports-color does', () => {
    const d = dir();
    const env = { ...process.env } as Record<string, string>;
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    expect(onTty(`lint ${d}/a.ossproc`, env)).toContain(ESC);
    expect(onTty(`lint ${d}/a.ossproc`, { ...env, FORCE_COLOR: '0' })).not.toContain(ESC);
    expect(onTty(`lint ${d}/a.ossproc`, { ...env, FORCE_COLOR: 'false' })).not.toContain(ESC);
    expect(ossproc(['lint', 'a.ossproc'], { cwd: d, env: { FORCE_COLOR: '1' } }).stdout).toContain(`${ESC}31merror`);
    expect(ossproc(['lint', 'a.ossproc'], { cwd: d, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).toContain(ESC);
    expect(ossproc(['lint', 'a.ossproc'], { cwd: d, env: { FORCE_COLOR: '0' } }).stdout).not.toContain(ESC);
  });

  it('never colours a report written with -o, and prints a one-line summary on stderr', () => {
    const d = dir();
    const r = ossproc(['lint', 'a.ossproc', '-o', 'report.txt', '--color'], { cwd: d, env: { FORCE_COLOR: '3' } });
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'ossproc: 1 problem (1 error, 0 warnings) in 1 file; report written to report.txt\n']);
    const report = readFileSync(join(d, 'report.txt'), 'utf8');
    expect(report).toContain('q_0: q must be between 1 and 100');
    expect(report).not.toContain(ESC);
    const clean = tree({ 'ok.ossproc': 'image/resize,w_100\n' });
    expect(ossproc(['lint', '.', '-o', 'r.json', '-f', 'json'], { cwd: clean }).stderr).toBe('ossproc: no problems in 1 file; report written to r.json\n');
  });

  it('says what --fix fixed: "fixed N problems in M files"', () => {
    const d = tree({ 'a.ossproc': 'vidoe/convert,f_mp4\nimage/resize, w_100\n', 'b.json': '{"p": "image/resize,w_100,,"}\n', 'c.ossproc': 'image/resize,w_100\n' });
    const r = ossproc(['lint', '.', '--fix'], { cwd: d });
    expect(r.stderr).toBe('ossproc: fixed 4 problems in 2 files\n');
    expect(readFileSync(join(d, 'a.ossproc'), 'utf8')).toBe('video/convert,f_mp4\nimage/resize,w_100\n');
    expect(ossproc(['lint', '.', '--fix'], { cwd: d }).stderr).toBe('ossproc: fixed 0 problems in 0 files\n');
    const dry = ossproc(['lint', '--stdin', '--fix-dry-run'], { input: 'image/resize, w_100\n' });
    expect(dry.stderr).toBe('ossproc: would fix 1 problem in 1 file\n');
  });
});

describe('pasted URLs', () => {
  const URL = 'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_100,q_120&x-oss-date=20260101';

  it('an .ossproc line or stdin holding a URL is read as its x-oss-process value, at the right columns', () => {
    const r = lintJson(['--stdin'], { input: `${URL}\n?x-oss-process=image%2Fresize%2Cw_0\nx-oss-process=image/quality,q_0&x-oss-date=1\n` });
    expect(r.results[0]!.messages.map((m) => [m.line, m.column, m.endColumn, m.message])).toEqual([
      [1, 91, 92, "Unknown parameter 'q' for image/resize; q is a parameter of image/quality and image/blindwatermark"],
      [2, 33, 36, 'w_0: w must be between 1 and 16384'],
      [3, 29, 32, 'q_0: q must be between 1 and 100'],
    ]);
    // the URL itself is not read as a string ("Unknown product 'https:'"), nor shown
    expect(r.stdout).not.toContain('Unknown product');
    expect(r.stdout).not.toContain('aliyuncs.com');
    // a URL's parameter names its mode: video/convert in x-oss-process is a synchronous request
    const mode = lintJson(['--stdin'], { input: 'https://b.oss-cn-hangzhou.aliyuncs.com/v.mp4?x-oss-process=video/convert,f_mp4,vcodec_h264\n' });
    expect(mode.results[0]!.messages.map((m) => m.ruleId)).toContain('async-only');
  });

  it('explain reads a pasted URL, prints the problems under the explanation and exits 1 on errors', () => {
    const r = ossproc(['explain', URL]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Mode: synchronous \(x-oss-process\): set by the prefix\.\n1\. image\/resize: /);
    expect(r.stdout).toContain(
      "\n1 problem (1 error, 0 warnings):\n  error    Unknown parameter 'q' for image/resize; q is a parameter of image/quality and image/blindwatermark  unknown-parameter  (evidence: documented; https://help.aliyun.com/zh/oss/user-guide/resize-images-4)\n    x-oss-process=image/resize,w_100,q_120\n                                     ^\n",
    );
    // the URL itself is not read as a string ("Unknown product 'https:'"), nor shown
    expect(r.stdout).not.toContain('Unknown product');
    expect(r.stdout).not.toContain('aliyuncs.com');
    const ok = ossproc(['explain', '?x-oss-process=image/resize,w_100']);
    expect([ok.code, ok.stdout.includes('problem')]).toEqual([0, false]);
    const warn = ossproc(['explain', 'video/convert,f_mp4,fps_30']);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('\n1 problem (0 errors, 1 warning):\n  warning  fps_30 has no effect');
  });
});

describe('pre-commit hooks and the GitHub Action', () => {
  it('.pre-commit-hooks.yaml is in pre-commit\'s format, its entries run the CLI on the files it matches', () => {
    const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(hooks.map((h) => h.id)).toEqual(['ossproc', 'ossproc-fmt']);
    for (const h of hooks) {
      expect(Object.keys(h).every((k) => ['id', 'name', 'description', 'entry', 'language', 'files', 'require_serial'].includes(k))).toBe(true);
      expect(h.entry).toMatch(/^npx --yes @ossproc\/cli@0\.1\.0 (lint|fmt)$/);
      expect(h.language).toBe('system');
    }
    const files = new RegExp(hooks[0]!.files as string);
    expect(['a.ossproc', 'p.json', 'p.yaml', 'p.yml', 's.xml', 'x.jsonc'].every((f) => files.test(f))).toBe(true);
    expect(['a.ts', 'README.md'].some((f) => files.test(f))).toBe(false);
    // the entry with the local binary in place of the published one (the install test runs it through npx)
    const d = tree({ 'a.ossproc': BAD, 'b.ossproc': 'image/resize , w_100\n' });
    const entry = (h: Record<string, unknown>) => (h.entry as string).replace('npx --yes @ossproc/cli@0.1.0', '').trim().split(' ');
    expect(ossproc([...entry(hooks[0]!), 'a.ossproc'], { cwd: d }).code).toBe(1);
    expect(ossproc([...entry(hooks[1]!), 'b.ossproc'], { cwd: d }).code).toBe(0);
    expect(readFileSync(join(d, 'b.ossproc'), 'utf8')).toBe('image/resize,w_100\n');
  });

  it('action.yml is a composite action that annotates, uploads SARIF on request and fails on problems', () => {
    const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'args', 'version', 'sarif', 'sarif-file']);
    const [lint, upload, fail] = action.runs.steps;
    expect(lint.run).toContain('lint --format github');
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.if).toBe("always() && inputs.sarif == 'true'");
    expect(fail.run).toBe('exit ${{ steps.lint.outputs.exit-code }}');
  });
});
