/**
 * Runs the vscode-tmgrammar-test CLI (the `^^^` assertion files in test/cases/) as a child process and
 * checks its exit code. A deliberately wrong case is run too, so a CLI that stopped checking would fail here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../test/node_modules/.bin/vscode-tmgrammar-test', import.meta.url));
const rel = (url: string) => relative(repoRoot, fileURLToPath(new URL(url, import.meta.url)));
const grammar = rel('../ossproc.tmLanguage.json');
const cases = rel('./cases');

function run(args: string[]) {
  const r = spawnSync(cli, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

describe('vscode-tmgrammar-test', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'ossproc-grammar-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the CLI is installed', () => {
    expect(existsSync(cli), cli).toBe(true);
  });

  it('passes the .ossproc cases', () => {
    const r = run(['-g', grammar, `${cases}/*.test.ossproc`]);
    expect(r.error).toBeUndefined();
    expect(r.output).toContain('examples.test.ossproc run successfuly');
    expect(r.output).toContain('edge-cases.test.ossproc run successfuly');
    expect(r.status, r.output).toBe(0);
  });

  it('passes the injection cases (injection grammar injected into the fixture hosts)', () => {
    const r = run(['--config', `${cases}/injection.config.json`, `${cases}/injection.test.fixture*`]);
    expect(r.error).toBeUndefined();
    expect(r.output).toContain('injection.test.fixturejs run successfuly');
    expect(r.output).toContain('injection.test.fixtureyaml run successfuly');
    expect(r.status, r.output).toBe(0);
  });

  it('fails on a wrong assertion', () => {
    const file = join(scratch, 'wrong.test.ossproc');
    writeFileSync(file, '# SYNTAX TEST "source.ossproc"\nimage/resize,w_100\n#     ^^^^^^ entity.name.namespace.ossproc\n');
    const r = run(['-g', grammar, relative(repoRoot, file)]);
    expect(r.output).toContain('missing required scopes: entity.name.namespace.ossproc');
    expect(r.status).not.toBe(0);
  });
});
