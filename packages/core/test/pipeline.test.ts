import { describe, expect, it } from 'vitest';
import { check } from '../src/check/index';
import { extractRegions } from '../src/embed/extract';
import { classifyLine, forEachLine, LineSplitter, lineRegion, placeLineDirective } from '../src/embed/ossproc';
import { findDirectives, Suppressor, applyDirectives } from '../src/embed/suppress';
import { lintDocument } from '../src/lint/document';
import { fixPasses } from '../src/fix';
import { fixDocument } from '../src/lint/fix';
import { checkRegion, lintRegion } from '../src/lint/region';
import { parse } from '../src/syntax/parse';
import { HOLE } from '../src/text/hole';
import { percentDecode } from '../src/text/percent';
import { readBase64 } from '../src/text/base64';

/** The one per-region lint and the pieces every face shares: lines, decoding, suppression, fix-all. */

const rules = (ds: { ruleId: string }[]) => ds.map((d) => d.ruleId);

describe('checkRegion: what every face does with one string', () => {
  it('drops a finding that covers a hole, and a fix whose edit covers one', () => {
    // ab_<hole> repeats ab: the finding covers the hole (the code may well be the intended value)
    const dup = extractRegions('const s = "video/convert,f_mp4,acodec_aac,ab_100000,ab_" + q;', 'javascript')[0]!;
    expect(dup.text).toBe(`video/convert,f_mp4,acodec_aac,ab_100000,ab_${HOLE}`);
    expect(rules(check(dup.text))).toContain('duplicate-parameter');
    expect(rules(checkRegion(dup))).not.toContain('duplicate-parameter');

    const size = extractRegions('const s = "video/convert,f_mp4,s_" + w + "x1080";', 'javascript')[0]!;
    expect(rules(check(size.text))).toContain('ineffective-parameter');
    expect(checkRegion(size)).toEqual([]);

    // aq_<hole> and ab_100000 exclude each other: reported, but only the fix that removes ab_100000 is offered
    const both = extractRegions('const s = "video/convert,f_mp4,acodec_aac,aq_" + q + ",ab_100000";', 'javascript')[0]!;
    const raw = check(both.text).find((d) => d.ruleId === 'mutually-exclusive')!;
    const linted = checkRegion(both).find((d) => d.ruleId === 'mutually-exclusive')!;
    expect(raw.fixes!.length).toBe(2);
    expect(linted.fixes!.length).toBe(1);
    expect(both.text.slice(linted.fixes![0]!.edits[0]!.range.start, linted.fixes![0]!.edits[0]!.range.end)).not.toContain(HOLE);
  });

  it('checks a URL value in the mode its parameter names', () => {
    const [sync] = extractRegions('see https://b/a.mp4?x-oss-process=video/convert,f_mp4', 'text');
    const [async] = extractRegions('see https://b/a.mp4?x-oss-async-process=video/convert,f_mp4', 'text');
    expect(sync!.mode).toBe('sync');
    expect(async!.mode).toBe('async');
    expect(rules(checkRegion(sync!))).toContain('async-only');
    expect(rules(checkRegion(async!))).not.toContain('async-only');
    // a mode the caller forces wins
    expect(rules(checkRegion(async!, { mode: 'sync' }))).toContain('async-only');
  });

  it('decodes a URL value once: %252C reaches the service as %2C, not as a comma', () => {
    const text = '![a](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize%252Cw_100)';
    const [region] = extractRegions(text, 'markdown');
    expect(region!.text).toBe('image/resize%2Cw_100');
    expect(region!.decoded).toBe(true);
    const found = lintRegion(region!);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.ruleId).toBe('unknown-action');
    // the range is the written action, escapes included
    expect(text.slice(found[0]!.range.start, found[0]!.range.end)).toBe('resize%252Cw_100');
    // a bare string is still decoded (once) when checked
    expect(check('image/resize%2Cw_100')).toEqual([]);
    expect(lintDocument(text, { language: 'markdown' }).diagnostics.map((d) => d.ruleId)).toEqual(['unknown-action']);
  });
});

describe('one percent decoder, one UTF-8 rule', () => {
  it('keeps an invalid byte as written, everywhere', () => {
    expect(percentDecode('image/resize%FFw_1').text).toBe('image/resize%FFw_1');
    expect(parse('image/resize%FFw_1').tree.stages[0]!.actions[0]!.name.text).toBe('resize%FFw_1');
    const [d] = check('image/resize,w_1%FF');
    expect(d!.message).not.toContain('\uFFFD');
    expect(d!.message).toContain('w_1%FF');
    const [region] = extractRegions('u = "https://b/a.jpg?x-oss-process=image/resize,w_1%FF"', 'python');
    expect(region!.text).toBe('image/resize,w_1%FF');
    // base64 follows the same rule: bytes that are not UTF-8 are not text (never U+FFFD)
    expect(readBase64('_w').problem).toBe('utf8');
  });

  it('decodes multi-byte characters to the offset of their first triplet, ends after the last', () => {
    const m = percentDecode('a%E4%B8%ADb%2C');
    expect(m.text).toBe('a中b,');
    expect(m.offsets).toEqual([0, 1, 10, 11, 14]);
    expect(percentDecode('%E4%B8').text).toBe('%E4%B8');
  });
});

describe('one .ossproc line definition', () => {
  it('breaks at \\n, \\r\\n and a lone \\r, trims blanks, reads # as a comment', () => {
    const lines: [string, number, number, string][] = [];
    forEachLine(' a\r\n#b\rc \n', (t, n, o, eol) => lines.push([t, n, o, eol]));
    expect(lines).toEqual([
      [' a', 0, 0, '\r\n'],
      ['#b', 1, 4, '\r'],
      ['c ', 2, 7, '\n'],
      ['', 3, 10, ''],
    ]);
    expect(classifyLine('\u00a0\t image/resize,w_1 \ufeff')).toEqual({ s: 3, e: 19, comment: false });
    expect(classifyLine('  # x')).toEqual({ s: 2, e: 5, comment: true });
    expect(classifyLine(' \t ')).toEqual({ s: 3, e: 3, comment: false });
    expect(lineRegion('  image/resize,w_1 \r\n', 100)).toMatchObject({ text: 'image/resize,w_1', range: { start: 102, end: 118 } });
    expect(lineRegion('# comment', 0)).toBeUndefined();
  });

  it('splits the same whether the text comes whole or in chunks', () => {
    const text = 'a\r\nb\rc\n\nd';
    const whole: string[] = [];
    forEachLine(text, (t, n, o, eol) => whole.push(`${n}:${o}:${t}:${JSON.stringify(eol)}`));
    for (let cut = 0; cut <= text.length; cut++) {
      const parts: string[] = [];
      const s = new LineSplitter((t, n, o, eol) => parts.push(`${n}:${o}:${t}:${JSON.stringify(eol)}`));
      s.push(text.slice(0, cut));
      s.push(text.slice(cut));
      s.end();
      expect(parts).toEqual(whole);
    }
  });
});

describe('one suppression engine, one-shot and streaming', () => {
  const text = [
    '# ossproc-disable-next-line value-out-of-range, unknown-action',
    'image/resize,w_0',
    '# ossproc-disable-line',
    'image/resize,w_1',
    '# ossproc-disable-file duplicate-parameter',
  ].join('\n');

  it('reports the same unused directives whether fed at once or line by line', () => {
    const oneShot = lintDocument(text);
    expect(oneShot.diagnostics).toEqual([]);
    const unused = oneShot.unusedDirectives.map((u) => [u.kind, u.unusedRules]);
    expect(unused).toEqual([
      ['disable-next-line', ['unknown-action']],
      ['disable-line', []],
      ['disable-file', ['duplicate-parameter']],
    ]);

    // streaming: disable-file first, then each comment line as it comes, released as the lines go by
    const s = new Suppressor();
    const released: string[] = [];
    forEachLine(text, (line, n, offset) => {
      if (!classifyLine(line).comment) return;
      const d = findDirectives(line, 'ossproc')[0]!;
      if (d.kind === 'disable-file') s.add(placeLineDirective(d, n, offset));
    });
    forEachLine(text, (line, n, offset) => {
      for (const u of s.release(n)) released.push(`${n}:${u.kind}`);
      const c = classifyLine(line);
      if (c.comment) {
        const d = findDirectives(line, 'ossproc')[0]!;
        if (d.kind !== 'disable-file') s.add(placeLineDirective(d, n, offset));
        return;
      }
      for (const d of checkRegion({ text: line.slice(c.s, c.e) })) expect(s.suppresses(d.ruleId, n)).toBe(true);
    });
    for (const u of s.finish()) released.push(`end:${u.kind}`);
    // each is known unused as soon as the line it governs is past; disable-file only at the end
    expect(released).toEqual(['2:disable-next-line', '3:disable-line', 'end:disable-file']);
  });

  it('applyDirectives is the engine used at once', () => {
    const ds = [{ ruleId: 'a', range: { start: 0, end: 1 } }, { ruleId: 'b', range: { start: 2, end: 3 } }];
    const dirs = findDirectives('x # ossproc-disable-line a, c\n', 'python');
    const { kept, unused } = applyDirectives('x # ossproc-disable-line a, c\n', ds, dirs);
    expect(kept.map((d) => d.ruleId)).toEqual(['b']);
    expect(unused.map((u) => u.unusedRules)).toEqual([['c']]);
    expect(new Suppressor(dirs).covers('a', 0)).toBe(true);
    expect(new Suppressor(dirs).covers('a', 1)).toBe(false);
  });
});

describe('one fix-all loop', () => {
  it('fixes a document pass after pass, honouring suppression and the caller\'s choice', () => {
    const text = 'image/resize,w_100,,\n# ossproc-disable-next-line\nimage/resize,w_100,,\n';
    const fixed = fixDocument(text);
    expect(fixed.text).toBe('image/resize,w_100\n# ossproc-disable-next-line\nimage/resize,w_100,,\n');
    expect(fixed.result.diagnostics).toEqual([]);
    expect(fixDocument(text, { accept: () => false }).text).toBe(text);
  });

  it('stops before a pass the caller refuses, and takes an asynchronous lint too', async () => {
    const lint = (t: string) => ({ diagnostics: checkRegion({ text: t }) });
    const start = 'image/resize,w_100,,';
    expect(fixPasses(start, lint(start), () => undefined).text).toBe(start);
    const viaPromise = await fixPasses(start, lint(start), async (t) => lint(t));
    expect(viaPromise.text).toBe('image/resize,w_100');
    expect(viaPromise.applied.length).toBeGreaterThan(0);
  });
});
