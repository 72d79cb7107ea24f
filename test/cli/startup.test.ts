import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { BIN, removeTrees, requireBuiltCli, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

// Node 22.1+ has module.enableCompileCache; the published CLI runs on Node 20 too, where it starts as before
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const hasCompileCache = major > 22 || (major === 22 && minor >= 1);

describe('start-up: the binary loads its bundle through the compile cache', () => {
  it.skipIf(!hasCompileCache)('the second run reads the compiled bundle from the cache, in the main thread and in the check workers', () => {
    const cwd = tree({ 'a.ossproc': 'image/resize,w_100\nvideo/convert,f_mp5\n' });
    const cache = mkdtempSync(join(tmpdir(), 'ossproc-compile-cache-'));
    onTestFinished(() => rmSync(cache, { recursive: true, force: true }));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: cache, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const run = () => spawnSync(process.execPath, [BIN, 'lint', 'a.ossproc', '-f', 'json', '--concurrency', '2'], { cwd, encoding: 'utf8', env });
    const first = run();
    expect(first.status).toBe(1);
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const accepted = second.stderr.split('\n').filter((l) => /cache for \S+dist\/ossproc\.cjs was accepted/.test(l));
    // the main thread and the worker that checked the file's one chunk (the other may be stopped, the run done,
    // before it has loaded anything)
    expect(accepted.length).toBeGreaterThanOrEqual(2);
  });

  it('NODE_DISABLE_COMPILE_CACHE turns it off; the report is the same', () => {
    const cwd = tree({ 'a.ossproc': 'video/convert,f_mp5\n' });
    const r = spawnSync(process.execPath, [BIN, 'lint', 'a.ossproc', '-f', 'json'], { cwd, encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1', NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/was accepted/);
    expect(JSON.parse(r.stdout)[0].messages[0].ruleId).toBeTruthy();
  });
});
