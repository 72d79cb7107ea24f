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
    expect(auto.stderr).toMatch(/big\.ossproc: checking on (the main thread|\d+ worker thread\(s\)): \d+ of \d+ core\(s\) free \(load \d+\.\d\)(: workers would compete with this thread|, 30\d{3} lines, about \d+\.\d s of checks on one thread(: too little to repay starting workers)?)\n/);
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

describe('a file of long lines with thousands of findings each (the 117 MB abort of the reliability audit)', () => {
  // The audit's file: 600 lines of 195 KB, 30,000 findings each; the CLI held every finding of its 1,024-line
  // batch at once, reached 4.3 GB and aborted with V8's native stack trace (exit 134). The same file at a
  // smaller scale, under a heap of 128 MB that held twenty such lines' findings at once before: it must be
  // reported a line at a time, in full, never abort.
  const line = (i: number) => `image/resize,w_100${',h_100,m_lfit'.repeat(5000)},w_${i}`;
  const LINES = 20;
  const text = Array.from({ length: LINES }, (_, i) => line(i)).join('\n') + '\n';

  it('is reported in full under a 128 MB heap: exit 0, no stack trace, every finding in line order', () => {
    const cwd = tree({ 'long.ossproc': text });
    const r = ossproc(['lint', 'long.ossproc', '-f', 'json', '--debug'], { cwd, env: { NODE_OPTIONS: '--max-old-space-size=128' } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory|internal error|\n\s+at /);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number }[]; warningCount: number; errorCount: number }[];
    // per line: h and m repeated 4,999 times each, and w once more at the end
    expect(result!.errorCount).toBe(0);
    expect(result!.warningCount).toBe(LINES * 9999);
    expect(result!.messages.length).toBe(LINES * 9999);
    expect(new Set(result!.messages.map((m) => m.ruleId))).toEqual(new Set(['duplicate-parameter']));
    expect(result!.messages.every((m, i, all) => i === 0 || all[i - 1]!.line <= m.line)).toBe(true);
    expect(result!.messages.at(-1)!.line).toBe(LINES);
    // its own measure of its peak: bounded by one line's findings, not twenty
    const rss = Number(/peak RSS (\d+) MB/.exec(r.stderr)?.[1]);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(400);
  });
});
