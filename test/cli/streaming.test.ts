import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintJson, ossproc, removeTrees, requireBuiltCli, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

describe('large .ossproc files are streamed', () => {
  it('a file checked on worker threads gives the same report as on one thread; auto says what it chose and why', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const key = Buffer.from(`out/${i}.mp4`).toString('base64url');
      lines.push(i % 10 === 3 ? `video/convert,f_mp4,vcodec_h264,fps_${241 + (i % 5)}|sys/saveas,o_${key}` : `video/convert,f_mp4,vcodec_h264,s_1280x720,vb_${1000000 + i}|sys/saveas,o_${key}`);
    }
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const cwd = tree({ 'big.ossproc': text });
    // auto decides by the cores free and the file's size (lint/plan.ts, tested on its own): either way it says so
    const auto = ossproc(['lint', 'big.ossproc', '-f', 'json', '--debug'], { cwd });
    expect(auto.stderr).toMatch(/big\.ossproc: checking on the main thread: \d+ line\(s\): too few to repay starting workers\n/);
    const workers = ossproc(['lint', 'big.ossproc', '-f', 'json', '--debug', '--concurrency', '2'], { cwd });
    expect(workers.stderr).toContain('big.ossproc: checking on 2 worker thread(s): --concurrency 2\n');
    const off = ossproc(['lint', 'big.ossproc', '-f', 'json', '--concurrency', 'off'], { cwd });
    expect(workers.stdout).toBe(off.stdout);
    expect(auto.stdout).toBe(off.stdout);
    const result = JSON.parse(off.stdout)[0];
    expect(result.errorCount).toBe(3000);
    expect(result.messages[0]).toMatchObject({ ruleId: 'value-out-of-range', line: 4 });
  });

  it('one very long line (no line break) is read without quadratic cost', () => {
    // 800 KB: the line spans several read chunks
    const s = `image/resize,w_100${',w_1'.repeat(200_000)}`;
    const cwd = tree({ 'long.ossproc': s });
    const started = Date.now();
    const r = lintJson(['long.ossproc', '--rule', 'duplicate-parameter:off'], { cwd });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(0);
  });

  it('lone CR, CRLF and LF line endings, and a last line without one', () => {
    const r = lintJson(['--stdin'], { input: 'image/resize,w_100\rvideo/convert,f_mp5\r\nimage/resize,w_100\nvideo/convert,f_mp5' });
    expect(r.results[0]!.messages.map((m) => [m.line, m.column])).toEqual([
      [2, 15],
      [4, 15],
    ]);
  });
});
