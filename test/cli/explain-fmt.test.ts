import { explain, format } from '@ossproc/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ossproc, removeTrees, requireBuiltCli, STACK, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

const SEED = 'x-oss-async-process=video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0';

describe('ossproc explain', () => {
  it("prints core's explanation text", () => {
    const r = ossproc(['explain', SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${explain(SEED).text}\n`);
    expect(r.stdout).toContain("o = b3V0b2JqcHJlZml4LnthdXRvZXh0fQ → 'outobjprefix.{autoext}'");
  });

  it('--format json prints the Explanation', () => {
    const r = ossproc(['explain', '--format', 'json', 'image/resize,w_100']);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify({ ...explain('image/resize,w_100'), problems: [] })));
  });

  it('--mode and --stdin', () => {
    expect(ossproc(['explain', '--mode', 'sync', 'image/resize,w_100']).stdout).toBe(`${explain('image/resize,w_100', { mode: 'sync' }).text}\n`);
    expect(ossproc(['explain', '--stdin'], { input: `${SEED}\n` }).stdout).toBe(`${explain(SEED).text}\n`);
  });

  it('usage errors', () => {
    for (const args of [['explain'], ['explain', 'a', 'b'], ['explain', '--format', 'xml', 'a'], ['explain', '   ']]) {
      const r = ossproc(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^ossproc: .+\nossproc: see 'ossproc --help'\n$/);
    }
  });

  it('a broken string is explained as far as it goes, never a crash', () => {
    for (const s of ['|||', 'video/', '/,/,', 'x-oss-process=', '%zz', '\u0001\u001b', 'image/resize,w_' + '9'.repeat(400)]) {
      const r = ossproc(['explain', s]);
      // explained as far as it goes, then its problems: exit 1 for a string with errors
      expect(r.code, s).toBe(1);
      expect(r.stdout, s).toMatch(/\n\d+ problems? \(\d+ errors?, \d+ warnings?\):\n/);
      expect(r.stderr).not.toMatch(STACK);
    }
  });
});

describe('ossproc fmt', () => {
  const MESSY = '# keep this comment  \n\n  video/convert, f_mp4, vcodec_h264 |sys/saveas,o_b3V0Lm1wNA\r\nimage/resize,w_100\n\tx-oss-process=image/resize,w_100/format, webp\n';
  const CANONICAL = '# keep this comment  \n\nvideo/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA\r\nimage/resize,w_100\nx-oss-process=image/resize,w_100/format,webp\n';

  it("rewrites each string line with core's format(), keeping comments, blank lines and line endings", () => {
    expect(format('video/convert, f_mp4, vcodec_h264 |sys/saveas,o_b3V0Lm1wNA')).toBe('video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA');
    const cwd = tree({ 'a.ossproc': MESSY, 'sub/b.ossproc': CANONICAL, 'c.json': '{"a": "video/convert, f_mp4"}' });
    const r = ossproc(['fmt'], { cwd });
    expect(r).toEqual({ code: 0, stdout: 'a.ossproc\n', stderr: '' });
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(CANONICAL);
    expect(readFileSync(join(cwd, 'sub/b.ossproc'), 'utf8')).toBe(CANONICAL);
    expect(readFileSync(join(cwd, 'c.json'), 'utf8')).toBe('{"a": "video/convert, f_mp4"}');
  });

  it('--check lists the files that would change and exits 1, changing nothing', () => {
    const cwd = tree({ 'a.ossproc': MESSY, 'b.ossproc': CANONICAL });
    const r = ossproc(['fmt', '--check', '.'], { cwd });
    expect(r).toEqual({ code: 1, stdout: 'a.ossproc\n', stderr: 'ossproc: 1 file would be reformatted (run ossproc fmt to rewrite)\n' });
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(MESSY);
    expect(ossproc(['fmt', '--check', 'b.ossproc'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--stdin prints the formatted text', () => {
    expect(ossproc(['fmt', '--stdin'], { input: MESSY })).toEqual({ code: 0, stdout: CANONICAL, stderr: '' });
    expect(ossproc(['fmt', '--stdin', '--check'], { input: MESSY }).code).toBe(1);
    expect(ossproc(['fmt', '--stdin', '--check'], { input: CANONICAL }).code).toBe(0);
  });

  it('is idempotent and keeps a BOM', () => {
    const cwd = tree({ 'a.ossproc': `\ufeff${MESSY}` });
    ossproc(['fmt', 'a.ossproc'], { cwd });
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(`\ufeff${CANONICAL}`);
    expect(ossproc(['fmt', '--check', 'a.ossproc'], { cwd }).code).toBe(0);
  });

  it('bad input: one line per problem, exit 2, other files still formatted', () => {
    const cwd = tree({ 'bin.ossproc': Buffer.from([0x61, 0, 0x62]), 'a.ossproc': MESSY, 'p.json': '{}' });
    writeFileSync(join(cwd, 'bad.ossproc'), Buffer.from([0x61, 0xff]));
    writeFileSync(join(cwd, 'cut.ossproc'), Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82]));
    const r = ossproc(['fmt', 'bin.ossproc', 'bad.ossproc', 'cut.ossproc', 'a.ossproc', 'p.json', 'missing.ossproc'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual(
      [
        "ossproc: no such file or directory: 'missing.ossproc'",
        'ossproc: bin.ossproc: binary file (it contains NUL bytes; ossproc reads UTF-8 text, and UTF-16 files must be converted) (line 1)',
        'ossproc: bad.ossproc: invalid UTF-8 (byte offset 1); ossproc reads UTF-8 text (line 1)',
        'ossproc: cut.ossproc: invalid UTF-8 (a sequence cut short at the end of the file, byte offset 3) (line 2)',
        'ossproc: p.json: fmt formats .ossproc files only',
      ].sort(),
    );
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(CANONICAL);
    const empty = ossproc(['fmt', '.'], { cwd: tree({ 'x.json': '{}' }) });
    expect([empty.code, empty.stderr]).toEqual([2, "ossproc: no files to format in '.': a directory walk takes *.ossproc files (not ignored)\n"]);
  });
});
