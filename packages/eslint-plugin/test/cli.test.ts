import { execSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The plugin as a user runs it: the `eslint` binary on a sample project (JS and TS, ali-oss calls, an
 * ossproc.config.json) that imports `eslint-plugin-ossproc` by name from its node_modules.
 */

const PKG = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(PKG, 'package.json'));
const ESLINT_BIN = join(dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');

let project: string;

function eslint(args: string[]) {
  const r = spawnSync(process.execPath, [ESLINT_BIN, ...args], { cwd: project, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // the package's own build: dist/index.js, what `eslint-plugin-ossproc` resolves to
  const script: string = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).scripts.build;
  const esbuild = join(dirname(createRequire(join(PKG, '../../package.json')).resolve('esbuild/package.json')), 'bin/esbuild');
  execSync(`"${esbuild}" ${script.replace(/^esbuild\s+/, '')}`, { cwd: PKG, stdio: 'pipe' });
  project = join(mkdtempSync(join(tmpdir(), 'ossproc-eslint-')), 'project');
  cpSync(join(PKG, 'test/sample'), project, { recursive: true });
  mkdirSync(join(project, 'node_modules/@typescript-eslint'), { recursive: true });
  symlinkSync(PKG, join(project, 'node_modules/eslint-plugin-ossproc'), 'dir');
  symlinkSync(realpathSync(dirname(require.resolve('@typescript-eslint/parser/package.json'))), join(project, 'node_modules/@typescript-eslint/parser'), 'dir');
}, 60_000);

describe('eslint with eslint-plugin-ossproc on a sample project', () => {
  it('reports the findings of every file, in ESLint JSON, with exit code 1', () => {
    const r = eslint(['--format', 'json', '.']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; line: number; column: number; endColumn: number; fix?: unknown; suggestions?: { desc: string }[] }[] }[])
      .map((f) => ({ file: f.filePath.slice(project.length + 1), messages: f.messages.map(({ ruleId, message, line, column, endColumn, fix, suggestions }) => ({ ruleId, message, line, column, endColumn, fix: !!fix, suggestions: suggestions?.map((s) => s.desc) ?? [] })) }))
      .sort((a, b) => a.file.localeCompare(b.file));
    expect(results).toEqual([
      { file: 'eslint.config.js', messages: [] },
      {
        file: 'src/transcode.ts',
        messages: [
          { ruleId: 'ossproc/processing-string', message: "Unknown parameter 'vcodex' for video/convert: did you mean 'vcodec'? (unknown-parameter)", line: 2, column: 55, endColumn: 61, fix: true, suggestions: ["Remove 'vcodex_h264'"] },
        ],
      },
      {
        file: 'src/upload.js',
        messages: [
          { ruleId: 'ossproc/processing-string', message: "'resize' needs its product: write image/resize (unknown-product)", line: 7, column: 59, endColumn: 65, fix: true, suggestions: [] },
          { ruleId: 'ossproc/processing-string', message: 'q_101: q must be between 1 and 100 (value-out-of-range)', line: 8, column: 89, endColumn: 94, fix: false, suggestions: ["Change to 'q_100'"] },
        ],
      },
    ]);
  });

  it('applies the certain fixes with --fix and leaves the suggestions', () => {
    const r = eslint(['--fix', '--format', 'json', 'src']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(project, 'src/upload.js'), 'utf8')).toContain("await client.processObjectSave(name, `thumbs/${name}`, 'image/resize,w_100');");
    expect(readFileSync(join(project, 'src/upload.js'), 'utf8')).toContain("process: 'image/resize,w_100/quality,q_101' });");
    expect(readFileSync(join(project, 'src/transcode.ts'), 'utf8')).toContain('`video/convert,f_${container},vcodec_h264,fps_30`');
    const left = JSON.parse(r.stdout) as { messages: { message: string }[] }[];
    expect(left.flatMap((f) => f.messages.map((m) => m.message))).toEqual(['q_101: q must be between 1 and 100 (value-out-of-range)']);
  });
});
