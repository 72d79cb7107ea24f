import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, fileResult, lintJson, ossproc, requireBuiltCli, ROOT } from './helpers';

beforeAll(requireBuiltCli);

describe('examples/', () => {
  const run = () => lintJson(['examples'], { cwd: ROOT });

  it('lints every example: clean ones clean, broken ones broken (exit 1)', () => {
    const r = run();
    expect(r.code).toBe(1);
    const rel = r.results.map((x) => x.filePath.slice(ROOT.length + 1)).sort();
    expect(rel).toEqual([
      'examples/broken/guide.md',
      'examples/broken/presets.json',
      'examples/broken/presets.ossproc',
      'examples/broken/presets.yaml',
      'examples/broken/styles.xml',
      'examples/broken/upload.ts',
      'examples/images.ossproc',
      'examples/ossproc.config.json',
      'examples/presets/styles.xml',
      'examples/presets/video.json',
      'examples/presets/video.yaml',
      'examples/sdk/Demo.java',
      'examples/sdk/demo.py',
      'examples/sdk/main.go',
      'examples/seed-requests.ossproc',
    ]);
    for (const clean of ['seed-requests.ossproc', 'images.ossproc', 'presets/video.json', 'presets/video.yaml', 'presets/styles.xml']) {
      expect(fileResult(r.results, clean).messages, clean).toEqual([]);
    }
    for (const broken of ['presets.ossproc', 'presets.json', 'presets.yaml', 'styles.xml', 'guide.md', 'upload.ts']) {
      const f = fileResult(r.results, `broken/${broken}`);
      expect(f.errorCount, broken).toBeGreaterThanOrEqual(3);
      expect(f.fatalErrorCount, broken).toBe(0);
    }
    // the SDK samples of the page write H.265 into AVI: a warning, in each language
    for (const sdk of ['Demo.java', 'demo.py', 'main.go']) {
      expect(fileResult(r.results, `sdk/${sdk}`).messages.map((m) => m.ruleId), sdk).toEqual(['codec-container-doubtful']);
    }
  });

  it('the suppression comment in broken/presets.ossproc holds', () => {
    const f = fileResult(run().results, 'broken/presets.ossproc');
    expect(f.messages.some((m) => m.ruleId === 'extension-mismatch')).toBe(false);
  });

  it('the stylish report of the main job, and its shell status', () => {
    const r = ossproc(['lint', 'examples'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\n✖ \d+ problems \(\d+ errors, \d+ warnings\)\n/);
    expect(r.stdout).toContain('examples/broken/presets.ossproc\n');
    const shell = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" lint examples --max-warnings 1000000 > /dev/null; test $? -le 1`], { cwd: ROOT });
    expect(shell.status).toBe(0);
  });

  it('the examples script of the package succeeds although the examples have errors', () => {
    const r = spawnSync('sh', ['-c', 'node dist/ossproc.cjs lint ../../examples --max-warnings 1000000 > /dev/null; test $? -le 1'], {
      cwd: join(ROOT, 'packages', 'cli'),
      env: { ...process.env, PATH: `${join(process.execPath, '..')}:${process.env.PATH}` },
    });
    expect(r.status).toBe(0);
  });
});
