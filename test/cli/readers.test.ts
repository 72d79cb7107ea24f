import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileResult, lintJson, ossproc, removeTrees, requireBuiltCli, ruleIds, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

describe('done when', () => {
  it('stdin JSON puts the fps_241 error at column 21 and exits 1', () => {
    const r = ossproc(['lint', '--stdin', '--format', 'json'], { input: 'video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA\n' });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout);
    expect(results).toHaveLength(1);
    expect(results[0].filePath).toBe('<text>');
    const error = results[0].messages.find((m: { ruleId: string }) => m.ruleId === 'value-out-of-range');
    expect(error).toEqual({
      ruleId: 'value-out-of-range',
      severity: 2,
      message: 'fps_241: fps must be between 0 and 240',
      line: 1,
      column: 21,
      endLine: 1,
      endColumn: 28,
      suggestions: [{ desc: "Change to 'fps_240'", fix: { range: [24, 27], text: '240' } }],
    });
    expect(results[0].errorCount).toBe(1);
    expect(Object.keys(results[0])).toEqual(['filePath', 'messages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']);
  });
});

describe('readers', () => {
  const dir = () =>
    tree({
      'a.ossproc': '# comment\n\nvideo/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA\n',
      'a.json': '{\n  "p": "video/convert,f_mp5|sys/saveas,o_b3V0Lm1wNA",\n  "name": "not a processing string"\n}\n',
      'a.yaml': 'presets:\n  hd: video/convert,f_mp4,vcodex_h264|sys/saveas,o_b3V0Lm1wNA\n',
      'a.yml': 'x: "image/resise,w_100"\n',
      'a.xml': '<Style><Name>s</Name><Content>image/resize,w_100/format,webpp</Content></Style>\n',
      'a.md': 'Use `x-oss-process=image/resize,w_100/rotate,400`.\n',
      'a.html': '<img src="https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_0">\n',
      'A.java': 'class A { String s = "video/convert,f_mp4,g_1.5|sys/saveas,o_b3V0Lm1wNA"; }\n',
      'a.py': "s = 'video/convert,f_webm,vcodec_h264|sys/saveas,o_b3V0LndlYm0'\n",
      'a.go': 'package a\nconst s = "video/convert,f_mp4,acodec_mp3,ac_6|sys/saveas,o_b3V0Lm1wNA"\n',
      'a.js': "const s = 'video/convert,f_mp4,aq_80,ab_100000,acodec_aac|sys/saveas,o_b3V0Lm1wNA';\n",
      'a.mjs': "export const s = 'video/covert,f_mp4';\n",
      'a.cjs': "module.exports = 'video/convert,f_mp4,vcodec_h264,vb_5';\n",
      'a.ts': "const s: string = 'video/convert,f_mp4|sys/saveas,o_out.mp4';\n",
      'a.tsx': "const e = <img src={'image/resize,w_100,w_200'} />;\n",
    });

  /** [file, rule, the text the problem starts at (its first occurrence in the file)] */
  const expected: [string, string, string][] = [
    ['a.ossproc', 'value-out-of-range', 'fps_241'],
    ['a.json', 'unknown-value', 'f_mp5'],
    ['a.yaml', 'unknown-parameter', 'vcodex'],
    ['a.yml', 'unknown-action', 'resise'],
    ['a.xml', 'unknown-value', 'webpp'],
    ['a.md', 'value-out-of-range', '400'],
    ['a.html', 'value-out-of-range', 'w_0'],
    ['A.java', 'invalid-value', 'g_1.5'],
    ['a.py', 'codec-container', 'vcodec_h264'],
    ['a.go', 'channel-count', 'ac_6'],
    ['a.js', 'mutually-exclusive', 'ab_100000'],
    ['a.mjs', 'unknown-action', 'covert'],
    ['a.cjs', 'value-out-of-range', 'vb_5'],
    ['a.ts', 'invalid-base64', 'o_out.mp4'],
    ['a.tsx', 'duplicate-parameter', 'w_200'],
  ];

  it('reads every language when the files are named', () => {
    const cwd = dir();
    const r = lintJson(expected.map(([f]) => f), { cwd });
    expect(r.code).toBe(1);
    expect(r.results).toHaveLength(expected.length);
    for (const [file, rule, at] of expected) {
      const lines = readFileSync(join(cwd, file), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes(at));
      const res = fileResult(r.results, `/${file}`);
      const m = res.messages.find((x) => x.ruleId === rule);
      expect(m, `${file}: ${JSON.stringify(res.messages)}`).toBeDefined();
      expect([file, m!.line, m!.column]).toEqual([file, line + 1, lines[line]!.indexOf(at) + 1]);
    }
  });

  it('reads stdin by --stdin-filename', () => {
    for (const [name, text, rule] of [
      ['p.json', '{"a": "video/convert,f_mp5"}', 'unknown-value'],
      ['p.yaml', 'a: video/convert,f_mp5\n', 'unknown-value'],
      ['p.ts', "const a = 'video/convert,f_mp5';", 'unknown-value'],
      ['p.md', '`x-oss-process=video/convert,f_mp4`', 'async-only'],
      ['p.ossproc', 'video/convert,f_mp5', 'unknown-value'],
    ] as const) {
      const r = lintJson(['--stdin', '--stdin-filename', name], { input: text, cwd: tree({}) });
      expect(r.code, name).toBe(1);
      expect(r.results[0]!.filePath.endsWith(`/${name}`)).toBe(true);
      expect(ruleIds(r.results[0]!), name).toContain(rule);
    }
  });

  it('reads stdin without a filename as .ossproc, one string per line', () => {
    const r = lintJson(['--stdin'], { input: '# c\nimage/resize,w_100\nvideo/convert,f_mp5\n' });
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['unknown-value', 3]]);
  });

  it('reads a URL parameter in the mode it names (a sync URL with an async action)', () => {
    const cwd = tree({ 'r.md': 'See https://b.oss-cn-hangzhou.aliyuncs.com/a.mp4?x-oss-process=video/convert,f_mp4 now\n' });
    const r = lintJson(['r.md'], { cwd });
    expect(ruleIds(r.results[0]!)).toEqual(['async-only']);
  });

  it('checks JSON and YAML preset files: names, shapes, and every style value', () => {
    const cwd = tree({
      'p.json': JSON.stringify({ styles: { ok: 'image/resize,w_100', 'bad name': 'image/resize,w_100', n: 5, typo: 'imgae/resize,w_1' } }, null, 2),
      'p.yaml': 'styles:\n  ok: image/resize,w_100\n  list: [a, b]\n  "x*": "image/resize,w_100"\n',
      'q.json': '{"styles": "image/resize,w_100"}',
    });
    const r = lintJson(['p.json', 'p.yaml', 'q.json'], { cwd });
    expect(ruleIds(fileResult(r.results, 'p.json'))).toEqual(['invalid-style-name', 'preset-shape', 'unknown-product']);
    expect(fileResult(r.results, 'p.json').messages[1]!.message).toBe("Style 'n' must be a processing string, not a number");
    expect(ruleIds(fileResult(r.results, 'p.yaml'))).toEqual(['preset-shape', 'invalid-style-name']);
    expect(fileResult(r.results, 'p.yaml').messages[0]!.message).toBe("Style 'list' must be a processing string, not a sequence");
    expect(fileResult(r.results, 'q.json').messages.map((m) => m.message)).toEqual(["'styles' must be an object of style names to processing strings, not a string"]);
  });

  it('checks style names in OSS style XML', () => {
    const cwd = tree({ 's.xml': '<StyleList>\n  <Style><Name>a b</Name><Content>image/resize,w_100</Content></Style>\n</StyleList>\n' });
    const r = lintJson(['s.xml'], { cwd });
    expect(r.results[0]!.messages).toMatchObject([{ ruleId: 'invalid-style-name', line: 2, column: 16, endColumn: 19 }]);
  });

  it('maps escapes in a JSON style value back to the file', () => {
    const cwd = tree({ 'p.json': '{"styles": {"a": "image\\/resize,w_100,\\u0077_200"}}' });
    const r = lintJson(['p.json'], { cwd });
    // the duplicate w is written \u0077: the problem covers the escape in the file
    expect(r.results[0]!.messages).toMatchObject([{ ruleId: 'duplicate-parameter', line: 1, column: 39, endColumn: 49 }]);
  });
});
