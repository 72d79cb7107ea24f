import { applyFixes, LineIndex, lintDocument } from '@ossproc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileResult, lintJson, removeTrees, requireBuiltCli, ruleIds, tree } from './helpers';

beforeAll(requireBuiltCli);
afterAll(removeTrees);

describe('suppression comments, end to end', () => {
  it('.ossproc: disable-next-line (all rules, or listed ones), with a reason', () => {
    const input = [
      '# ossproc-disable-next-line',
      'video/convert,f_mp5',
      '# ossproc-disable-next-line unknown-value -- legacy preset',
      'video/convert,f_mp5,vcodec_h264,fps_241',
      'video/convert,f_mp5',
      '',
    ].join('\n');
    const r = lintJson(['--stdin'], { input });
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['value-out-of-range', 4],
      ['unknown-value', 5],
    ]);
  });

  it('.ossproc: disable-file applies to lines before and after it', () => {
    const input = 'video/convert,f_mp5\nvideo/convert,f_mp4,vcodec_h264,fps_241\n# ossproc-disable-file unknown-value\nvideo/convert,f_mp5\n';
    expect(lintJson(['--stdin'], { input }).results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['value-out-of-range', 2]]);
  });

  it('in every host language, in its own comment syntax', () => {
    const cwd = tree({
      'a.json': '{\n  // ossproc-disable-next-line unknown-value\n  "a": "video/convert,f_mp5",\n  "b": "video/convert,f_mp5"\n}\n',
      'a.yaml': '# ossproc-disable-next-line\na: video/convert,f_mp5\nb: video/convert,f_mp5 # ossproc-disable-line\nc: video/convert,f_mp5\n',
      'a.ts': "const a = 'video/convert,f_mp5'; // ossproc-disable-line unknown-value\n/* ossproc-disable-next-line */\nconst b = 'video/convert,f_mp5';\nconst c = 'video/convert,f_mp5';\n",
      'a.py': "a = 'video/convert,f_mp5'  # ossproc-disable-line\nb = 'video/convert,f_mp5'\n",
      'A.java': '// ossproc-disable-file\nclass A { String a = "video/convert,f_mp5"; }\n',
      'a.go': 'package a\n// ossproc-disable-next-line unknown-value\nconst a = "video/convert,f_mp5"\nconst b = "video/convert,f_mp5"\n',
      'a.md': '<!-- ossproc-disable-next-line -->\n`x-oss-async-process=video/convert,f_mp5`\n\n`x-oss-async-process=video/convert,f_mp5`\n',
      'a.xml': '<StyleList>\n<!-- ossproc-disable-next-line -->\n<Style><Name>a</Name><Content>video/convert,f_mp5</Content></Style>\n<Style><Name>b</Name><Content>video/convert,f_mp5</Content></Style>\n</StyleList>\n',
    });
    const r = lintJson(['a.json', 'a.yaml', 'a.ts', 'a.py', 'A.java', 'a.go', 'a.md', 'a.xml'], { cwd });
    const lines = (f: string) => [...new Set(fileResult(r.results, f).messages.map((m) => m.line))];
    expect(lines('a.json')).toEqual([4]);
    expect(lines('a.yaml')).toEqual([4]);
    expect(lines('a.ts')).toEqual([4]);
    expect(lines('a.py')).toEqual([2]);
    expect(lines('A.java')).toEqual([]);
    expect(lines('a.go')).toEqual([4]);
    expect(lines('a.md')).toEqual([4]);
    expect(lines('a.xml')).toEqual([4]);
  });

  it('suppresses the CLI rules too (preset-shape, invalid-style-name)', () => {
    const input = '{\n  "styles": {\n    // ossproc-disable-next-line preset-shape\n    "n": 5,\n    "m": 6\n  }\n}\n';
    const r = lintJson(['--stdin', '--stdin-filename', 'p.json'], { input });
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['preset-shape', 5]]);
  });

  it('unused directives in a whole-file language, with --report-unused-disable-directives', () => {
    const input = "// ossproc-disable-file syntax-error\n// ossproc-disable-next-line\nconst a = 'image/resize,w_100';\n";
    const r = lintJson(['--stdin', '--stdin-filename', 'a.ts', '--report-unused-disable-directives'], { input });
    // the unused disable-file comes last: only the end of a file shows it unused
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line, m.message])).toEqual([
      ['unused-disable-directive', 2, 'Unused ossproc-disable-next-line directive (no problems were reported).'],
      ['unused-disable-directive', 1, "Unused ossproc-disable-file directive (no problems were reported from 'syntax-error')."],
    ]);
  });
});

describe('a whole file\'s messages are reported as they are made, unused directives in their place', () => {
  it('problems and unused directives interleaved by line and column', () => {
    const input = [
      "const a = 'video/convert,f_mp5';",
      '// ossproc-disable-next-line',
      "const b = 'image/resize,w_100';",
      "const c = 'video/convert,f_mp5'; // ossproc-disable-line syntax-error",
      '',
    ].join('\n');
    const r = lintJson(['--stdin', '--stdin-filename', 'a.ts', '--report-unused-disable-directives'], { input });
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['unknown-value', 1, 26],
      ['unused-disable-directive', 2, 4],
      ['unknown-value', 4, 26],
      ['unused-disable-directive', 4, 37],
    ]);
  });
});

describe('other files match core lintDocument', () => {
  const FILES: Record<string, string> = {
    'r.md': '<!-- ossproc-disable-next-line syntax-error -->\nSee ![a](https://b/a.mp4?x-oss-process=video/convert,f_mp4,,fps_300) and `x-oss-async-process=video/convert,f_mp5`.\n\n```ts\nconst s = "image/resize,w_0"; // ossproc-disable-line\nconst t = "image/resize,w_0";\n```\n',
    'a.ts': "// ossproc-disable-next-line unknown-value\nconst a = 'video/convert,f_mp5,fps_241';\nconst b = `video/convert,f_mp4,s_${w}x1081|sys/saveas,o_b3V0Lm1wNA`;\n",
    'c.json': '{\n  "a": "image/resize,w_100,w_200",\n  "u": "https://b/a.jpg?x-oss-process=image/resize,w_0"\n}\n',
    'd.yaml': 'a: image/resize,w_100,w_200\nb: >-\n  video/convert,f_mp4,\n  fps_241\n',
  };
  for (const [name, text] of Object.entries(FILES)) {
    it(name, () => {
      for (const mode of ['auto', 'sync'] as const) {
        const r = lintJson(['--stdin', '--stdin-filename', name, '--mode', mode], { input: text });
        const index = new LineIndex(text);
        const pos = (o: number) => index.position(o);
        const expected = lintDocument(text, { fileName: name, mode }).diagnostics.map((d) => [d.ruleId, pos(d.range.start).line + 1, pos(d.range.start).character + 1, pos(d.range.end).line + 1, pos(d.range.end).character + 1, d.message]);
        expect(expected.length, name).toBeGreaterThan(0);
        expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]), `${name} ${mode}`).toEqual(expected);
      }
    });
  }
});

describe('streamed .ossproc files match core lintDocument', () => {
  // every line ending, blanks core trims, BOM, directives of every kind, comments, problems with fixes
  const TEXT = [
    '\ufeff# presets',
    '# ossproc-disable-file pixel-format',
    'video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA\r',
    '\t video/convert,f_mp5 \u00a0',
    '# ossproc-disable-next-line value-out-of-range',
    'video/convert,f_mp4,vcodec_h264,fps_241,crf_60\r',
    '',
    '# ossproc-disable-next-line',
    '# ossproc-disable-next-line unknown-value',
    'video/convert,f_mp5\r\nvideo/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ=',
    '# ossproc-disable-line',
    '# ossproc-disable-next-line unknown-value\rvideo/convert,f_mp5\rvideo/convert,f_mp5',
    '   # ossproc-disable-file extension-mismatch, syntax-error -- generated',
    'image/resize,,w_100\u2028x-oss-process=video/convert,f_mp4',
    'video/convert,f_mp4|sys/saveas,o_b3V0LmF2aQ',
    '',
  ].join('\n');

  it('the same messages, in the same order, as lintDocument on the whole text', () => {
    const r = lintJson(['--stdin', '--report-unused-disable-directives'], { input: TEXT });
    const text = TEXT.slice(1); // the CLI counts from after the BOM, as editors do
    const doc = lintDocument(text, { language: 'ossproc' });
    const index = new LineIndex(text);
    const pos = (o: number) => index.position(o);
    const expected = doc.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      line: pos(d.range.start).line + 1,
      column: pos(d.range.start).character + 1,
      endLine: pos(d.range.end).line + 1,
      endColumn: pos(d.range.end).character + 1,
      message: d.message,
    }));
    const got = r.results[0]!.messages.filter((m) => m.ruleId !== 'unused-disable-directive').map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message }));
    expect(got).toEqual(expected);
    expect(expected.length).toBeGreaterThan(4);
    // unused directives in position order, an unused disable-file last
    const unused = r.results[0]!.messages.filter((m) => m.ruleId === 'unused-disable-directive').map((m) => m.line);
    const line = (d: { range: { start: number } }) => pos(d.range.start).line + 1;
    const unusedFile = doc.unusedDirectives.filter((d) => d.kind === 'disable-file').map(line);
    expect(unused).toEqual([...doc.unusedDirectives.filter((d) => d.kind !== 'disable-file').map(line), ...unusedFile]);
    expect(unused).toEqual([8, 12, 2]);
  });

  it('the same on worker threads', () => {
    const cwd = tree({ 'p.ossproc': TEXT });
    const off = lintJson(['p.ossproc', '--concurrency', 'off', '--report-unused-disable-directives'], { cwd });
    const on = lintJson(['p.ossproc', '--concurrency', '3', '--report-unused-disable-directives'], { cwd });
    expect(on.stdout).toBe(off.stdout);
    expect(ruleIds(off.results[0]!).length).toBeGreaterThan(4);
  });

  it('fixes as core does: the fixed text equals applying fixes to the whole document', () => {
    const r = lintJson(['--stdin', '--fix-dry-run'], { input: TEXT });
    const text = TEXT.slice(1);
    let expected = text;
    for (let pass = 0; pass < 10; pass++) {
      const fixed = applyFixes(expected, lintDocument(expected, { language: 'ossproc' }).diagnostics);
      if (!fixed.applied.length) break;
      expected = fixed.text;
    }
    expect(expected).not.toBe(text);
    expect(r.results[0]!.output).toBe(`\ufeff${expected}`);
  });
});
