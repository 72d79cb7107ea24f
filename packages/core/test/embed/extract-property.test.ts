import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractRegions, type HostLanguage } from '../../src/embed/extract';
import { applyDirectives, findDirectives, suppressionEdit } from '../../src/embed/suppress';
import { checkInvariants } from './helpers';

const LANGUAGES: HostLanguage[] = ['ossproc', 'java', 'python', 'go', 'javascript', 'typescript', 'json', 'yaml', 'markdown', 'html', 'xml', 'text'];

/** Pieces that steer a scanner into its states: quotes, escapes, comments, holes, fences, tags, URLs. */
const PIECES = [
  '"', "'", '`', '"""', "'''", '\\', '\\u', '\\u{', '\\x', '${', '{', '}', '(', ')', '[', ']', '/', '*', '//', '/*', '*/',
  '#', '\n', '\r\n', '\r', ' ', '  ', '\t', 'image/resize,w_1', 'video/convert,', '|sys/saveas,o_', 'x-oss-process=',
  'x-oss-async-process=', '?', '&', '&amp;', '%2C', '%', '%s', '%v', '{0}', 'f"', 'r"', 'b\'', ':', ': ', '- ', '|', '>',
  '<', '<!--', '-->', '<Content>', '</Content>', '<Style>', '<![CDATA[', ']]>', '<script>', '</script>', '```', '```java\n',
  '~~~', '+', ' + ', '.format(', 'String.format(', 'fmt.Sprintf(', '.append(', 'new StringBuilder(', 'import ', 'from ',
  ',', '.', 'x', '0', '\u2028', '\uE000', '\uD800', '&#x3D;', '--- ', '!!str ', '&a ', '*',
];

const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }));

describe('extractRegions on any input', () => {
  for (const language of LANGUAGES) {
    it(`${language}: never throws; offsets non-decreasing, within the host; plain regions are host slices`, () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const regions = extractRegions(text, language);
          let prevEnd = -1;
          for (const r of regions) {
            checkInvariants(text, r);
            // in document order, not overlapping
            expect(r.range.start).toBeGreaterThanOrEqual(prevEnd);
            prevEnd = r.range.end;
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  it('suppression helpers never throw either', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...LANGUAGES), fc.nat(), (text, language, at) => {
        const directives = findDirectives(text, language);
        applyDirectives(text, [{ ruleId: 'r', range: { start: 0, end: 0 } }], directives);
        const edit = suppressionEdit(text, language, text.length ? at % text.length : 0, 'some-rule');
        expect(edit.range.start).toBeLessThanOrEqual(edit.range.end);
        expect(edit.range.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe('large inputs take linear time', () => {
  const MB = 1 << 20;
  const samples: Record<HostLanguage, string> = {
    ossproc: 'image/resize,w_100\n# c\n',
    java: 'String s = String.format("%s|sys/saveas,o_%s", a, b) + x + "image/resize,w_1"; // c\n',
    python: 'p = "{0}|sys/saveas".format(a) + f"image/resize,w_{w}"  # c\n',
    go: 's := fmt.Sprintf("%s|sys/saveas,b_%v", a, b) + `image/crop` // c\n',
    javascript: 'const s = `video/convert,ss_${start}` + a + \'image/resize,w_1\' / 2; /re"/.test(x)\n',
    typescript: 'const s: string = `image/resize,w_${ {a: "}"}.a }`; // x\n',
    json: '{"a": "image/resize,w_1", "u": "http://x?x-oss-process=image/crop%2Cw_1"},\n',
    yaml: '- a: "image/resize,w_1"\n  b: [image/crop, \'x\']\n  c: |\n    image/blur,r_1\n',
    markdown: '![](a.jpg?x-oss-process=image/resize%2Cw_1) `image/crop,w_1` <!-- c -->\n',
    html: '<img src="a.jpg?x-oss-process=image/resize,w_1&amp;b"><!-- c -->\n',
    xml: '<Style><Content>image/resize,w_1</Content></Style>\n',
    text: 'x-oss-process=image/resize,w_1 and more text\n',
  };
  for (const language of LANGUAGES) {
    it(`${language}: about 4 MB of typical text`, () => {
      const text = samples[language].repeat(Math.ceil((4 * MB) / samples[language].length));
      const t0 = performance.now();
      const regions = extractRegions(text, language);
      const ms = performance.now() - t0;
      expect(regions.length).toBeGreaterThan(0);
      expect(ms).toBeLessThan(15_000);
    });
  }

  // inputs that make naive scanners quadratic: unterminated openers, one huge line, many backtick runs
  const hostile: [HostLanguage, string][] = [
    ['javascript', '`${'.repeat(200_000)],
    ['javascript', '"a" + '.repeat(200_000)],
    ['java', 'x.y + '.repeat(200_000) + '"image/resize"'],
    ['java', '"a".b() + '.repeat(100_000)],
    ['python', 'f"{'.repeat(200_000)],
    ['python', '("a" '.repeat(200_000)],
    ['json', '"'.repeat(1_000_000)],
    ['yaml', '"\n '.repeat(200_000)],
    ['yaml', '[\n'.repeat(200_000)],
    ['markdown', '` `` ``` '.repeat(200_000)],
    ['markdown', '```\n'.repeat(200_000)],
    ['html', '<script '.repeat(200_000)],
    ['xml', '<Content>'.repeat(200_000)],
    ['text', 'x-oss-process='.repeat(200_000)],
  ];
  for (const [language, text] of hostile) {
    it(`${language}: ${JSON.stringify(text.slice(0, 12))}… (${text.length} chars)`, () => {
      const t0 = performance.now();
      extractRegions(text, language);
      findDirectives(text, language);
      expect(performance.now() - t0).toBeLessThan(10_000);
    });
  }
});
