/**
 * The injection grammar under a real TextMate engine, injected into two small host grammars
 * (test/fixtures/): a JavaScript-like one (double, single and template strings, comments) and a YAML-like one
 * (quoted and plain scalars, comments). The hosts use the scope names of the real VS Code grammars, which are
 * not installed here. Every token of each line is asserted with its exact scopes below the host's root scope.
 */
import { describe, expect, it } from 'vitest';
import { type Tok, tokenizeLine, tokenizeLines, PREFIX, ASSIGN, PRODUCT, ACTION, KEY, KV, COMMA, SLASH, PIPE, NUM, ENUM, B64, BAD_CHAR, ESC } from './textmate';

const JS = 'source.fixturejs';
const YAML = 'source.fixtureyaml';
const EMB = 'meta.embedded.inline.ossproc';

// host scopes
const DQ = 'string.quoted.double.fixturejs';
const SQ = 'string.quoted.single.fixturejs';
const TPL = 'string.template.fixturejs';
const OPEN = (str: string) => `${str} punctuation.definition.string.begin.fixturejs`;
const CLOSE = (str: string) => `${str} punctuation.definition.string.end.fixturejs`;
const ESC_HOST = `${DQ} constant.character.escape.fixturejs`;
const LINE_COMMENT = 'comment.line.double-slash.fixturejs';

// ossproc scopes (without the string and embedded scopes around them)

/** `const <name> = ` as the JS fixture scopes it. */
const decl = (name: string): Tok[] => [
  ['const', 'storage.type.fixturejs'],
  [' ', ''],
  [name, 'variable.other.fixturejs'],
  [' ', ''],
  ['=', 'keyword.operator.fixturejs'],
  [' ', ''],
];
const semi: Tok = [';', 'keyword.operator.fixturejs'];
/** Puts ossproc tokens inside the string scope `str` and the embedded region. */
const inside = (str: string, toks: Array<[string, string]>): Tok[] =>
  toks.map(([text, scope]) => [text, scope === '' ? `${str} ${EMB}` : `${str} ${EMB} ${scope}`]);

const js = (line: string) => tokenizeLine(JS, line);

describe('injection into JavaScript-like strings', () => {
  it('a double-quoted processing string', async () => {
    expect(await js('const a = "image/resize,m_lfit,w_100/format,webp";')).toEqual([
      ...decl('a'),
      ['"', OPEN(DQ)],
      ...inside(DQ, [
        ['image', PRODUCT],
        ['/', SLASH],
        ['resize', ACTION],
        [',', COMMA],
        ['m', KEY],
        ['_', KV],
        ['lfit', ENUM],
        [',', COMMA],
        ['w', KEY],
        ['_', KV],
        ['100', NUM],
        ['/', SLASH],
        ['format', ACTION],
        [',', COMMA],
        ['webp', ENUM],
      ]),
      ['"', CLOSE(DQ)],
      semi,
    ]);
  });

  it('a single-quoted string with the async prefix, two stages and a base64 value', async () => {
    expect(await js("const b = 'x-oss-async-process=video/convert,f_mp4|sys/saveas,o_b3V0';")).toEqual([
      ...decl('b'),
      ["'", OPEN(SQ)],
      ...inside(SQ, [
        ['x-oss-async-process', PREFIX],
        ['=', ASSIGN],
        ['video', PRODUCT],
        ['/', SLASH],
        ['convert', ACTION],
        [',', COMMA],
        ['f', KEY],
        ['_', KV],
        ['mp4', ENUM],
        ['|', PIPE],
        ['sys', PRODUCT],
        ['/', SLASH],
        ['saveas', ACTION],
        [',', COMMA],
        ['o', KEY],
        ['_', KV],
        ['b3V0', B64],
      ]),
      ["'", CLOSE(SQ)],
      semi,
    ]);
  });

  it('a template literal: highlighted up to the first ${…}, which stays the host’s', async () => {
    expect(await js('const c = `image/resize,w_${w},h_100`;')).toEqual([
      ...decl('c'),
      ['`', `${TPL} punctuation.definition.string.template.begin.fixturejs`],
      ...inside(TPL, [
        ['image', PRODUCT],
        ['/', SLASH],
        ['resize', ACTION],
        [',', COMMA],
        ['w', KEY],
        ['_', KV],
      ]),
      ['${', `${TPL} meta.template.expression.fixturejs punctuation.definition.template-expression.begin.fixturejs`],
      ['w', `${TPL} meta.template.expression.fixturejs variable.other.fixturejs`],
      ['}', `${TPL} meta.template.expression.fixturejs punctuation.definition.template-expression.end.fixturejs`],
      [',h_100', TPL],
      ['`', `${TPL} punctuation.definition.string.template.end.fixturejs`],
      semi,
    ]);
  });

  it('a template literal that opens at the end of a line: the next line starts the string', async () => {
    expect(await tokenizeLines(JS, 'const t = `\nstyle/thumb|sys/saveas,o_eA\n`;')).toEqual([
      [...decl('t'), ['`', `${TPL} punctuation.definition.string.template.begin.fixturejs`]],
      inside(TPL, [
        ['style', PRODUCT],
        ['/', SLASH],
        ['thumb', ACTION],
        ['|', PIPE],
        ['sys', PRODUCT],
        ['/', SLASH],
        ['saveas', ACTION],
        [',', COMMA],
        ['o', KEY],
        ['_', KV],
        ['eA', B64],
      ]),
      [['`', `${TPL} punctuation.definition.string.template.end.fixturejs`], semi],
    ]);
  });

  it('x-oss-process= in a URL query: from the parameter to the next &', async () => {
    expect(await js('const u = "https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_100&v=1";')).toEqual([
      ...decl('u'),
      ['"', OPEN(DQ)],
      ['https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?', DQ],
      ...inside(DQ, [
        ['x-oss-process', PREFIX],
        ['=', ASSIGN],
        ['image', PRODUCT],
        ['/', SLASH],
        ['resize', ACTION],
        [',', COMMA],
        ['w', KEY],
        ['_', KV],
        ['100', NUM],
      ]),
      ['&v=1', DQ],
      ['"', CLOSE(DQ)],
      semi,
    ]);
  });

  it('an escaped quote is an escape, so the host string still closes at its real end', async () => {
    expect(await js('const e = "image/watermark,text_\\"x\\",g_se";')).toEqual([
      ...decl('e'),
      ['"', OPEN(DQ)],
      ...inside(DQ, [
        ['image', PRODUCT],
        ['/', SLASH],
        ['watermark', ACTION],
        [',', COMMA],
        ['text', KEY],
        ['_', KV],
        ['\\"', ESC],
        ['x', ''],
        ['\\"', ESC],
        [',', COMMA],
        ['g', KEY],
        ['_', KV],
        ['se', ENUM],
      ]),
      ['"', CLOSE(DQ)],
      semi,
    ]);
  });

  it('the region ends at whitespace; a stray & inside is invalid', async () => {
    expect(await js('const w = "image/resize,w_1&x rest";')).toEqual([
      ...decl('w'),
      ['"', OPEN(DQ)],
      ...inside(DQ, [
        ['image', PRODUCT],
        ['/', SLASH],
        ['resize', ACTION],
        [',', COMMA],
        ['w', KEY],
        ['_', KV],
        ['1', NUM],
        ['&', BAD_CHAR],
        ['x', ''],
      ]),
      [' rest', DQ],
      ['"', CLOSE(DQ)],
      semi,
    ]);
  });

  it('parameterless strings that are processing strings: styles and info actions', async () => {
    for (const text of ['style/thumbnail', 'image/info', 'video/info', 'image/average-hue']) {
      const [product, action] = text.split('/') as [string, string];
      expect(await js(`const f = "${text}";`)).toEqual([
        ...decl('f'),
        ['"', OPEN(DQ)],
        ...inside(DQ, [
          [product, PRODUCT],
          ['/', SLASH],
          [action, ACTION],
        ]),
        ['"', CLOSE(DQ)],
        semi,
      ]);
    }
  });

  it('ordinary strings are left alone: MIME types, paths, prose, other words', async () => {
    for (const text of [
      'hello world',
      'image/png',
      'video/mp4',
      'audio/mpeg',
      'image/icons/logo.png',
      'doc/readme.md',
      'style/main.css',
      'style/base/x.css',
      'video/2024/intro.mp4',
      'sys/kernel/debug',
      'image/webp,image/apng,image/*,*/*;q=0.8',
      'video/mp4,audio/mp4',
      'images/resize,w_1',
      'see image/resize,w_100',
      '',
    ]) {
      const expected: Tok[] = [...decl('o'), ['"', OPEN(DQ)]];
      if (text !== '') expected.push([text, DQ]);
      expected.push(['"', CLOSE(DQ)], semi);
      expect(await js(`const o = "${text}";`), text).toEqual(expected);
    }
  });

  it('a positional word before the next action is not mistaken for a MIME list', async () => {
    expect(await js('const q = "image/format,webp/quality,q_90";')).toEqual([
      ...decl('q'),
      ['"', OPEN(DQ)],
      ...inside(DQ, [
        ['image', PRODUCT],
        ['/', SLASH],
        ['format', ACTION],
        [',', COMMA],
        ['webp', ENUM],
        ['/', SLASH],
        ['quality', ACTION],
        [',', COMMA],
        ['q', KEY],
        ['_', KV],
        ['90', NUM],
      ]),
      ['"', CLOSE(DQ)],
      semi,
    ]);
  });

  it('a host escape in an ordinary string is the host’s', async () => {
    expect(await js('const n = "a\\n";')).toEqual([...decl('n'), ['"', OPEN(DQ)], ['a', DQ], ['\\n', ESC_HOST], ['"', CLOSE(DQ)], semi]);
  });

  it('comments are left alone, even with a quoted processing string in them', async () => {
    expect(await js('// image/resize,w_100 "image/resize,w_100"')).toEqual([
      ['//', `${LINE_COMMENT} punctuation.definition.comment.fixturejs`],
      [' image/resize,w_100 "image/resize,w_100"', LINE_COMMENT],
    ]);
    expect(await js('/* "image/resize,w_100" */')).toEqual([
      ['/*', 'comment.block.fixturejs'],
      [' "image/resize,w_100" ', 'comment.block.fixturejs'],
      ['*/', 'comment.block.fixturejs'],
    ]);
  });
});

describe('injection into YAML-like values', () => {
  const key = (name: string, indent = ''): Tok[] => [
    ...(indent ? [[indent, ''] as Tok] : []),
    [name, 'entity.name.tag.fixtureyaml'],
    [':', 'punctuation.separator.key-value.mapping.fixtureyaml'],
    [' ', ''],
  ];
  const YDQ = 'string.quoted.double.fixtureyaml';
  const YSQ = 'string.quoted.single.fixtureyaml';
  const PLAIN = 'string.unquoted.plain.out.fixtureyaml';

  it('double-quoted, single-quoted and plain scalars; a comment and a MIME type are left alone', async () => {
    const doc = [
      '# image/resize,w_100',
      'presets:',
      '  thumb: "image/resize,w_100"',
      "  hls: 'video/convert,f_ts/segment,f_hls'",
      '  plain: sys/saveas,o_eA # note',
      '  mime: "image/png"',
    ].join('\n');
    expect(await tokenizeLines(YAML, doc)).toEqual([
      [
        ['#', 'comment.line.number-sign.fixtureyaml punctuation.definition.comment.fixtureyaml'],
        [' image/resize,w_100', 'comment.line.number-sign.fixtureyaml'],
      ],
      [
        ['presets', 'entity.name.tag.fixtureyaml'],
        [':', 'punctuation.separator.key-value.mapping.fixtureyaml'],
      ],
      [
        ...key('thumb', '  '),
        ['"', `${YDQ} punctuation.definition.string.begin.fixtureyaml`],
        ...inside(YDQ, [
          ['image', PRODUCT],
          ['/', SLASH],
          ['resize', ACTION],
          [',', COMMA],
          ['w', KEY],
          ['_', KV],
          ['100', NUM],
        ]),
        ['"', `${YDQ} punctuation.definition.string.end.fixtureyaml`],
      ],
      [
        ...key('hls', '  '),
        ["'", `${YSQ} punctuation.definition.string.begin.fixtureyaml`],
        ...inside(YSQ, [
          ['video', PRODUCT],
          ['/', SLASH],
          ['convert', ACTION],
          [',', COMMA],
          ['f', KEY],
          ['_', KV],
          ['ts', ENUM],
          ['/', SLASH],
          ['segment', ACTION],
          [',', COMMA],
          ['f', KEY],
          ['_', KV],
          ['hls', ENUM],
        ]),
        ["'", `${YSQ} punctuation.definition.string.end.fixtureyaml`],
      ],
      [
        ...key('plain', '  '),
        ...inside(PLAIN, [
          ['sys', PRODUCT],
          ['/', SLASH],
          ['saveas', ACTION],
          [',', COMMA],
          ['o', KEY],
          ['_', KV],
          ['eA', B64],
        ]),
        [' ', ''],
        ['#', 'comment.line.number-sign.fixtureyaml punctuation.definition.comment.fixtureyaml'],
        [' note', 'comment.line.number-sign.fixtureyaml'],
      ],
      [
        ...key('mime', '  '),
        ['"', `${YDQ} punctuation.definition.string.begin.fixtureyaml`],
        ['image/png', YDQ],
        ['"', `${YDQ} punctuation.definition.string.end.fixtureyaml`],
      ],
    ]);
  });
});
