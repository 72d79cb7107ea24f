import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyFixes, fixAll, lintDocument, presetStyles, structureFindings, type HostLanguage } from '../src/index';

/** Each finding as [ruleId, the host text it covers, message]. */
function found(text: string, language: HostLanguage, rules: Record<string, 'off' | 'warn'> = {}) {
  const r = lintDocument(text, { language, rules });
  return r.diagnostics.map((d) => [d.ruleId, text.slice(d.range.start, d.range.end), d.message]);
}

const NAME = "Style name 'bad name!' is not valid (it has other characters): a style name has 1 to 63 characters: letters, digits, underscores (_), hyphens (-) and periods (.)";

describe('preset files: the same findings in JSON, YAML and OSS style XML', () => {
  const cases: [HostLanguage, string][] = [
    ['json', '{ "styles": { "bad name!": "image/resize,w_100", "thumb": "w_100,h_1" } }'],
    ['yaml', 'styles:\n  "bad name!": image/resize,w_100\n  thumb: w_100,h_1\n'],
    ['xml', '<StyleList><Style><Name>bad name!</Name><Content>image/resize,w_100</Content></Style><Style><Name>thumb</Name><Content>w_100,h_1</Content></Style></StyleList>'],
  ];
  for (const [language, text] of cases) {
    it(language, () => {
      const got = found(text, language);
      expect(got.map((g) => g.slice(0, 2))).toEqual([
        ['invalid-style-name', 'bad name!'],
        ['unknown-product', 'w_100'],
      ]);
      expect(got[0]![2]).toBe(NAME);
      expect(got[1]![2]).toBe("Expected a product before 'w_100', such as image/ or video/");
      // the language server asks for the structure findings alone
      expect(structureFindings(text, language).map((d) => [d.ruleId, d.severity, text.slice(d.range.start, d.range.end)])).toEqual([['invalid-style-name', 'error', 'bad name!']]);
    });
  }

  it('the configured severities apply to the structure findings too', () => {
    const text = '{ "styles": { "bad name!": "image/resize,w_100", "n": 5 } }';
    expect(found(text, 'json', { 'invalid-style-name': 'warn', 'preset-shape': 'off' }).map((g) => g[0])).toEqual(['invalid-style-name']);
    expect(lintDocument(text, { language: 'json', rules: { 'invalid-style-name': 'warn' } }).diagnostics.map((d) => d.severity)).toEqual(['warning', 'error']);
  });

  it('shapes: a style that is not a string, styles that are not a mapping', () => {
    expect(found('{"styles": {"n": 5, "l": [1], "o": {}, "z": null}}', 'json').map((g) => [g[1], g[2]])).toEqual([
      ['5', "Style 'n' must be a processing string, not a number"],
      ['[1]', "Style 'l' must be a processing string, not an array"],
      ['{}', "Style 'o' must be a processing string, not an object"],
      ['null', "Style 'z' must be a processing string, not null"],
    ]);
    expect(found('{"styles": "image/resize,w_1"}', 'json').map((g) => g[2])).toEqual(["'styles' must be an object of style names to processing strings, not a string"]);
    expect(found('styles:\n  list: [a, b]\n  map: {a: 1}\n  n: 5\n', 'yaml').map((g) => [g[1], g[2]])).toEqual([
      ['[a, b]', "Style 'list' must be a processing string, not a sequence"],
      ['{a: 1}', "Style 'map' must be a processing string, not a mapping"],
      ['5', "Style 'n' must be a processing string, not a number"],
    ]);
    expect(found('styles: [a]\n', 'yaml').map((g) => g[2])).toEqual(["'styles' must be a mapping of style names to processing strings, not a sequence"]);
  });

  it('every style value is checked, even one that does not read as a processing string', () => {
    expect(found('styles:\n  a: resise,w_1\n', 'yaml').map((g) => g[0])).toEqual(['unknown-product']);
    expect(found('{"styles": {"a": "hello"}}', 'json').map((g) => g[0])).toEqual(['syntax-error', 'unknown-product']);
  });

  it('outside a preset, only strings that read as processing strings are checked', () => {
    expect(found('{"a": "hello", "b": "video/convert,f_mp5", "c": "https://x/a.mp4?x-oss-process=image/resize,w_0"}', 'json').map((g) => g.slice(0, 2))).toEqual([
      ['unknown-value', 'f_mp5'],
      ['value-out-of-range', 'w_0'],
    ]);
    expect(found('a: hello\nb: video/convert,f_mp5\nc: ["image/resize,w_0"]\nd: |\n  image/blur,r_0\n', 'yaml').map((g) => g.slice(0, 2))).toEqual([
      ['unknown-value', 'f_mp5'],
      ['value-out-of-range', 'w_0'],
      ['missing-parameter', 'blur'],
      ['value-out-of-range', 'r_0'],
    ]);
    // JSON Lines: every value's strings
    expect(found('{"a": "video/convert,f_mp5"}\n{"b": "video/convert,f_mp6"}\n', 'json').map((g) => g[1])).toEqual(['f_mp5', 'f_mp6']);
  });

  it('a style name in quotes is reported inside its quotes', () => {
    const text = "styles:\n  'x*': image/resize,w_1\n";
    expect(found(text, 'yaml').map((g) => g.slice(0, 2))).toEqual([['invalid-style-name', 'x*']]);
  });

  it('suppression comments in JSON and YAML reach structure findings and strings', () => {
    const json = '{\n  "styles": {\n    // ossproc-disable-next-line preset-shape\n    "n": 5,\n    "m": 6\n  }\n}\n';
    expect(found(json, 'json').map((g) => g[1])).toEqual(['6']);
    const yaml = 'styles:\n  # ossproc-disable-next-line invalid-style-name\n  "a b": image/resize,w_1\n  "c d": image/resize,w_1 # ossproc-disable-line\n  e: image/resize,w_0\n';
    expect(found(yaml, 'yaml').map((g) => g[1])).toEqual(['w_0']);
  });

  it('a file that does not parse gives its first syntax error (the CLI stops there)', () => {
    expect(lintDocument('{"a": ', { language: 'json' }).fatal).toEqual({ message: 'Parsing error: invalid JSON: value expected', offset: 6 });
    expect(lintDocument('', { language: 'json' }).fatal).toEqual({ message: 'Parsing error: invalid JSON: value expected', offset: 0 });
    expect(lintDocument('a: [', { language: 'yaml' }).fatal?.message).toMatch(/^Parsing error: invalid YAML: /);
    expect(lintDocument('', { language: 'yaml' }).fatal).toBeUndefined();
    expect(lintDocument('<a><b></a>', { language: 'xml' }).fatal).toEqual({ message: 'Parsing error: invalid XML: end tag </a> does not match <b>', offset: 6 });
    expect(lintDocument('{"a": "video/convert,f_mp4"}', { language: 'json' }).fatal).toBeUndefined();
  });
});

describe('a fix inside a quoted scalar with escapes re-encodes the whole scalar', () => {
  /** One pass of the certain fixes, as `applyFixes` makes it. */
  const once = (text: string, language: HostLanguage) => applyFixes(text, lintDocument(text, { language }).diagnostics).text;
  /** Fix passes until nothing changes (what `--fix` does). */
  const all = (text: string, language: HostLanguage) => {
    for (let i = 0; i < 10; i++) {
      const next = once(text, language);
      if (next === text) break;
      text = next;
    }
    return text;
  };

  it('YAML double quotes: \\t and \\\\ stay escapes', () => {
    expect(once('styles:\n  c: "vidoe/convert,\\tf_mp4"\n', 'yaml')).toBe('styles:\n  c: "video/convert,\\tf_mp4"\n');
    expect(all('styles:\n  c: "vidoe/convert,\\tf_mp4"\n', 'yaml')).toBe('styles:\n  c: "video/convert,f_mp4"\n');
    expect(once('styles:\n  c: "vidoe/convert,\\\\f_mp4"\n', 'yaml')).toBe('styles:\n  c: "video/convert,\\\\f_mp4"\n');
  });

  it('YAML: a key its mapping already has is the file\'s parse error, at that key; merge keys may repeat', () => {
    const text = 'styles:\n  a: image/resize,w_100\n  b: image/resize,w_1\n  a: image/resize,w_0\n';
    expect(lintDocument(text, { language: 'yaml' }).fatal).toEqual({ message: 'Parsing error: invalid YAML: Map keys must be unique', offset: text.lastIndexOf('a:') });
    const merges = 'base: &b {x: 1}\nmore: &m {y: 2}\nthumbs:\n  <<: *b\n  <<: *m\n  c: image/resize,w_0\n';
    const merged = lintDocument(merges, { language: 'yaml' });
    expect(merged.fatal).toBeUndefined();
    expect(merged.diagnostics.map((d) => d.ruleId)).toEqual(['value-out-of-range']);
  });

  it('a file nested too deep to read is its parse error, with a position, not a crash; below the limit it is read', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(lintDocument(deep, { language: 'json' }).fatal).toEqual({ message: 'Parsing error: the JSON nests deeper than 1000 levels, which is not read', offset: 1000 });
    const read = '['.repeat(999) + '"image/resize,w_0"' + ']'.repeat(999);
    const r = lintDocument(read, { language: 'json' });
    expect([r.fatal, r.diagnostics.map((d) => d.ruleId)]).toEqual([undefined, ['value-out-of-range']]);
    // brackets in strings and comments do not count
    expect(lintDocument(`// ${'['.repeat(2000)}\n["${'{'.repeat(2000)}"]`, { language: 'json' }).fatal).toBeUndefined();
    const yaml = lintDocument(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, { language: 'yaml' });
    expect(yaml.fatal?.message).toBe('Parsing error: the YAML nests too deep to be read');
  });

  it('YAML block scalars with CRLF line breaks: a finding ends where its text does, not after the \\r', () => {
    for (const nl of ['\n', '\r\n']) {
      const text = `c: >${nl}  image/resize,w_0${nl}d: |${nl}  image/resize,w_0${nl}`;
      const found = lintDocument(text, { language: 'yaml' }).diagnostics.map((d) => text.slice(d.range.start, d.range.end));
      expect(found, JSON.stringify(nl)).toEqual(['w_0', 'w_0']);
    }
  });

  it("YAML single quotes: '' stays ''", () => {
    expect(once("styles:\n  c: 'vidoe/convert,''f_mp4'\n", 'yaml')).toBe("styles:\n  c: 'video/convert,''f_mp4'\n");
  });

  it('JSON: \\u0009 keeps its spelling; a scalar without escapes is spliced', () => {
    expect(once('{"styles": {"c": "vidoe/convert,\\u0009f_mp4"}}', 'json')).toBe('{"styles": {"c": "video/convert,\\u0009f_mp4"}}');
    expect(all('{"styles": {"c": "vidoe/convert,\\u0009f_mp4"}}', 'json')).toBe('{"styles": {"c": "video/convert,f_mp4"}}');
    const plain = lintDocument('{"styles": {"c": "vidoe/convert,f_mp4"}}', { language: 'json' }).diagnostics[0]!;
    expect(plain.fixes![0]!.edits).toEqual([{ range: { start: 18, end: 23 }, newText: 'video' }]);
  });

  it('a URL in an escaped scalar: the fix lands in the URL, the rest of the scalar kept', () => {
    const text = '{"u": "https:\\/\\/b\\/a.jpg?x-oss-process=image\\/resise,w_100&v=1"}';
    expect(once(text, 'json')).toBe('{"u": "https:\\/\\/b\\/a.jpg?x-oss-process=image\\/resize,w_100&v=1"}');
  });

  it('fixing never changes what a JSON or YAML document holds except the fixed strings', () => {
    const piece = fc.constantFrom('video/convert', 'vidoe/convert', 'image/resise', ',f_mp4', ',\t', ',f_mp5', ',w_100', '\\', '"', "'", ',vcodex_h264', ' ', ',S_1920x1080', '/', 'é', '\n', '\u0001');
    const value = fc.array(piece, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(value, fc.constantFrom('json', 'double', 'single'), (v, style) => {
        const quoted = style === 'json' || style === 'double' ? JSON.stringify(v) : `'${v.replace(/'/g, "''")}'`;
        const text = style === 'json' ? `{"styles": {"c": ${quoted}}, "k": 1}` : `styles:\n  c: ${quoted}\nk: 1\n`;
        const language = style === 'json' ? 'json' : 'yaml';
        const read = (t: string) => (language === 'json' ? JSON.parse(t) : parseYaml(t));
        // a single-quoted line break must be indented to be YAML at all
        fc.pre(lintDocument(text, { language }).fatal === undefined);
        const before = read(text).styles.c as string;
        const fixed = read(all(text, language));
        // the document still holds what it held, and the value is what fixAll makes of the old one
        expect(fixed.k).toBe(1);
        expect(fixed.styles.c).toBe(fixAll(before).text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('presetStyles: a preset file as name → processing string (what ossproc serve serves)', () => {
  it('reads JSON, YAML and OSS style XML by the file name, escapes decoded', () => {
    expect(presetStyles('{ "styles": { "a": "image/resize,p_50", "b": "image/rotate,\\u0039\\u0030" } }', 's.json')).toEqual({
      styles: new Map([
        ['a', 'image/resize,p_50'],
        ['b', 'image/rotate,90'],
      ]),
    });
    expect(presetStyles("styles:\n  a: 'image/resize,p_50'\n  b: |\n    image/rotate,90\n", 's.yml').styles).toEqual(
      new Map([
        ['a', 'image/resize,p_50'],
        ['b', 'image/rotate,90\n'],
      ]),
    );
    const xml = '<StyleList><Style><Name> a </Name><Content>image/resize,p_50&#44;w_10</Content></Style><Style><Content><![CDATA[image/rotate,90]]></Content><Name>b</Name></Style></StyleList>';
    expect(presetStyles(xml, 'list.xml').styles).toEqual(
      new Map([
        ['a', 'image/resize,p_50,w_10'],
        ['b', 'image/rotate,90'],
      ]),
    );
  });

  it('takes the format from the first character when the name has no known extension', () => {
    expect(presetStyles('<Style><Name>a</Name><Content>image/rotate,90</Content></Style>').styles).toEqual(new Map([['a', 'image/rotate,90']]));
    expect(presetStyles('{"styles":{"a":"image/rotate,90"}}', 'styles').styles).toEqual(new Map([['a', 'image/rotate,90']]));
    expect(presetStyles('styles:\n  a: image/rotate,90\n', 'styles').styles).toEqual(new Map([['a', 'image/rotate,90']]));
  });

  it('says when there is no styles table, and gives the first syntax error', () => {
    expect(presetStyles('{"other": 1}', 'a.json')).toEqual({});
    expect(presetStyles('{"styles": {}}', 'a.json')).toEqual({ styles: new Map() });
    expect(presetStyles('{"styles": {"a": "image/rotate,90", ', 'a.json')).toEqual({
      styles: new Map([['a', 'image/rotate,90']]),
      fatal: { message: 'Parsing error: invalid JSON: property name expected', offset: 36 },
    });
    expect(presetStyles('<Style><Name>a</Name>', 'a.xml').fatal).toEqual({ message: 'Parsing error: invalid XML: element <Style> is not closed (the file ends first)', offset: 0 });
  });
});
