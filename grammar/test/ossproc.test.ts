/**
 * The .ossproc grammar under a real TextMate engine. Every test asserts every token of the line with its
 * exact scope list (below `source.ossproc`), so renaming or losing a scope fails here.
 */
import { describe, expect, it } from 'vitest';
import { PREFIX, ASSIGN, PRODUCT, ACTION, KEY, KV, COMMA, SLASH, PIPE, NUM, ENUM, B64, STR, BAD_CHAR, type Tok, tokenizeLine, tokenizeLines } from './textmate';

const ROOT = 'source.ossproc';
const EMPTY = 'invalid.illegal.empty-segment.ossproc';
const BAD_SPACE = 'invalid.illegal.whitespace.ossproc';
const BAD_B64 = 'invalid.illegal.base64.ossproc';
const COMMENT = 'comment.line.number-sign.ossproc';
const HASH = `${COMMENT} punctuation.definition.comment.ossproc`;
const DIRECTIVE = `${COMMENT} meta.directive.ossproc`;
const KEYWORD = `${DIRECTIVE} keyword.control.directive.ossproc`;
const RULE = `${DIRECTIVE} constant.other.rule-id.ossproc`;
const RULE_COMMA = `${DIRECTIVE} punctuation.separator.comma.ossproc`;

const c: Tok = [',', COMMA];
const s: Tok = ['/', SLASH];
const p: Tok = ['|', PIPE];
const stage = (product: string, action: string): Tok[] => [[product, PRODUCT], s, [action, ACTION]];
/** `,key_value`, the value scoped `scope` (no value token when the value is empty). */
const param = (key: string, value: string, scope: string): Tok[] => [
  c,
  [key, KEY],
  ['_', KV],
  ...(value === '' ? [] : [[value, scope] as Tok]),
];
/** `,value` (a positional value). */
const positional = (value: string, scope: string): Tok[] => [c, [value, scope]];

const tok = (line: string) => tokenizeLine(ROOT, line);

describe('ossproc grammar: the examples', () => {
  it('video/convert … | sys/saveas …', async () => {
    expect(
      await tok(
        'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
      ),
    ).toEqual([
      ...stage('video', 'convert'),
      ...param('f', 'mp4', ENUM),
      ...param('vcodec', 'h265', ENUM),
      ...param('s', '1920x1080', NUM),
      ...param('vb', '2000000', NUM),
      ...param('fps', '30', NUM),
      ...param('acodec', 'aac', ENUM),
      ...param('ab', '100000', NUM),
      ...param('sn', '1', NUM),
      p,
      ...stage('sys', 'saveas'),
      ...param('b', 'b3V0YnVja2V0', B64),
      ...param('o', 'b3V0b2JqcHJlZml4LnthdXRvZXh0fQ', B64),
    ]);
  });

  it('x-oss-async-process= prefix, a sub-action and notify', async () => {
    expect(
      await tok(
        'x-oss-async-process=video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
      ),
    ).toEqual([
      ['x-oss-async-process', PREFIX],
      ['=', ASSIGN],
      ...stage('video', 'convert'),
      ...param('ss', '10000', NUM),
      ...param('t', '60000', NUM),
      ...param('f', 'ts', ENUM),
      ...param('vcodec', 'h264', ENUM),
      ...param('vb', '1000000', NUM),
      ...param('acodec', 'mp3', ENUM),
      ...param('ab', '100000', NUM),
      s,
      ['segment', ACTION],
      ...param('f', 'hls', ENUM),
      ...param('t', '30000', NUM),
      p,
      ...stage('sys', 'saveas'),
      ...param('b', 'b3V0YnVja2V0', B64),
      ...param('o', 'b3V0b2JqcHJlZml4LnthdXRvZXh0fQ', B64),
      s,
      ['notify', ACTION],
      ...param('topic', 'QXVkaW9Db252ZXJ0', B64),
    ]);
  });

  it('image actions with positional values', async () => {
    expect(await tok('image/resize,m_lfit,w_100,h_100/rotate,90/format,webp')).toEqual([
      ...stage('image', 'resize'),
      ...param('m', 'lfit', ENUM),
      ...param('w', '100', NUM),
      ...param('h', '100', NUM),
      s,
      ['rotate', ACTION],
      ...positional('90', NUM),
      s,
      ['format', ACTION],
      ...positional('webp', ENUM),
    ]);
  });

  it('a watermark: base64 text, a hex colour, a gravity', async () => {
    expect(await tok('image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30,g_se,x_10,y_10')).toEqual([
      ...stage('image', 'watermark'),
      ...param('text', 'SGVsbG8gV29ybGQ', B64),
      ...param('color', 'FFFFFF', STR),
      ...param('size', '30', NUM),
      ...param('g', 'se', ENUM),
      ...param('x', '10', NUM),
      ...param('y', '10', NUM),
    ]);
  });

  it('a style', async () => {
    expect(await tok('style/thumbnail')).toEqual(stage('style', 'thumbnail'));
  });

  it('x-oss-process= prefix (sync)', async () => {
    expect(await tok('x-oss-process=image/resize,w_100')).toEqual([
      ['x-oss-process', PREFIX],
      ['=', ASSIGN],
      ...stage('image', 'resize'),
      ...param('w', '100', NUM),
    ]);
  });
});

describe('ossproc grammar: values', () => {
  it('a base64url value keeps _ - and = padding in one token', async () => {
    expect(await tok('sys/saveas,o_b3V0_b2Jq-ZWN0==,b_YnVja2V0')).toEqual([
      ...stage('sys', 'saveas'),
      ...param('o', 'b3V0_b2Jq-ZWN0==', B64),
      ...param('b', 'YnVja2V0', B64),
    ]);
  });

  it('every base64 key: b o topic text type image', async () => {
    expect(await tok('image/watermark,type_ZHJvaWRzYW5zZmFsbGJhY2s,image_cGFuZGEucG5n,text_5L2g5aW9')).toEqual([
      ...stage('image', 'watermark'),
      ...param('type', 'ZHJvaWRzYW5zZmFsbGJhY2s', B64),
      ...param('image', 'cGFuZGEucG5n', B64),
      ...param('text', '5L2g5aW9', B64),
    ]);
  });

  it('marks characters outside URL-safe base64 in a base64 value', async () => {
    expect(await tok('sys/saveas,b_a+b.c,o_YQ%3D%3D')).toEqual([
      ...stage('sys', 'saveas'),
      c,
      ['b', KEY],
      ['_', KV],
      ['a', B64],
      ['+', `${B64} ${BAD_B64}`],
      ['b', B64],
      ['.', `${B64} ${BAD_B64}`],
      ['c', B64],
      ...param('o', 'YQ%3D%3D', B64),
    ]);
  });

  it('a value of another key with _ - = stays one string token (the key ends at the first _)', async () => {
    expect(await tok('video/convert,x_a_b-c=d,pix_fmt_yuv420p')).toEqual([
      ...stage('video', 'convert'),
      ...param('x', 'a_b-c=d', STR),
      ...param('pix', 'fmt_yuv420p', STR),
    ]);
  });

  it('numbers: integers, decimals, negatives, WxH sizes; not numbers with units', async () => {
    expect(await tok('image/crop,x_-10,w_100px,s_1920x1080,fps_29.97,r_.5/bright,-10/blur,1.5')).toEqual([
      ...stage('image', 'crop'),
      ...param('x', '-10', NUM),
      ...param('w', '100px', STR),
      ...param('s', '1920x1080', NUM),
      ...param('fps', '29.97', NUM),
      ...param('r', '.5', NUM),
      s,
      ['bright', ACTION],
      ...positional('-10', NUM),
      s,
      ['blur', ACTION],
      ...positional('1.5', NUM),
    ]);
  });

  it('enum-like words are lowercase letters then letters/digits; others are strings', async () => {
    expect(await tok('video/convert,f_mp4,vcodec_h265,f_MP4,m_fill-x,f_1mp4/format,JPG/x,a-b')).toEqual([
      ...stage('video', 'convert'),
      ...param('f', 'mp4', ENUM),
      ...param('vcodec', 'h265', ENUM),
      ...param('f', 'MP4', STR),
      ...param('m', 'fill-x', STR),
      ...param('f', '1mp4', STR),
      s,
      ['format', ACTION],
      ...positional('JPG', STR),
      s,
      ['x', ACTION],
      ...positional('a-b', STR),
    ]);
  });

  it('empty values: o_ and w_ keep the key and the _', async () => {
    expect(await tok('sys/saveas,o_,b_/x,w_')).toEqual([
      ...stage('sys', 'saveas'),
      ...param('o', '', B64),
      ...param('b', '', B64),
      s,
      ['x', ACTION],
      ...param('w', '', STR),
    ]);
  });

  it('a parameter with no key: _value', async () => {
    expect(await tok('image/resize,_100')).toEqual([...stage('image', 'resize'), c, ['_', KV], ['100', STR]]);
  });
});

describe('ossproc grammar: stages', () => {
  it('a built-in style, then saveas', async () => {
    expect(await tok('style/::h264-mp4-1080p|sys/saveas,o_eA')).toEqual([
      ...stage('style', '::h264-mp4-1080p'),
      p,
      ...stage('sys', 'saveas'),
      ...param('o', 'eA', B64),
    ]);
  });

  it('a stage that starts with an action (no product)', async () => {
    expect(await tok('video/convert,f_mp4|saveas,o_eA')).toEqual([
      ...stage('video', 'convert'),
      ...param('f', 'mp4', ENUM),
      p,
      ['saveas', ACTION],
      ...param('o', 'eA', B64),
    ]);
  });

  it('a lone word is an action', async () => {
    expect(await tok('image')).toEqual([['image', ACTION]]);
  });
});

describe('ossproc grammar: errors', () => {
  it('video/convert,,f_mp4||sys/saveas,o_', async () => {
    expect(await tok('video/convert,,f_mp4||sys/saveas,o_')).toEqual([
      ...stage('video', 'convert'),
      c,
      [',', EMPTY],
      ['f', KEY],
      ['_', KV],
      ['mp4', ENUM],
      p,
      ['|', EMPTY],
      ...stage('sys', 'saveas'),
      ...param('o', '', B64),
    ]);
  });

  it('separators at the start and doubled slashes', async () => {
    expect(await tok('|image//resize,/x')).toEqual([
      ['|', EMPTY],
      ['image', PRODUCT],
      s,
      ['/', EMPTY],
      ['resize', ACTION],
      c,
      ['/', EMPTY],
      ['x', ACTION],
    ]);
    expect(await tok('x-oss-process=,a')).toEqual([
      ['x-oss-process', PREFIX],
      ['=', ASSIGN],
      [',', EMPTY],
      ['a', ENUM],
    ]);
  });

  it('whitespace inside a string and characters that never belong to one', async () => {
    expect(await tok('image/resize, w_100"&x')).toEqual([
      ...stage('image', 'resize'),
      c,
      [' ', BAD_SPACE],
      ['w_100', ''],
      ['"', BAD_CHAR],
      ['&', BAD_CHAR],
      ['x', ''],
    ]);
    expect(await tok('image/x,w_1#no-comment\\')).toEqual([
      ...stage('image', 'x'),
      ...param('w', '1', NUM),
      ['#', BAD_CHAR],
      ['no-comment', ''],
      ['\\', BAD_CHAR],
    ]);
  });

  it('leading and trailing whitespace is not an error', async () => {
    expect(await tok('  image/info  ')).toEqual([['  ', ''], ['image', PRODUCT], s, ['info', ACTION], ['  ', '']]);
  });
});

describe('ossproc grammar: comments and directives', () => {
  it('a comment line, an indented one, a trailing one', async () => {
    expect(await tokenizeLines(ROOT, '# presets\n  # image/resize,w_1\nimage/info # why\n\nstyle/a')).toEqual([
      [
        ['#', HASH],
        [' presets', COMMENT],
      ],
      [
        ['  ', ''],
        ['#', HASH],
        [' image/resize,w_1', COMMENT],
      ],
      [...stage('image', 'info'), [' ', ''], ['#', HASH], [' why', COMMENT]],
      [],
      stage('style', 'a'),
    ]);
  });

  it('# ossproc-disable-next-line with rule ids and a reason', async () => {
    expect(await tok('# ossproc-disable-next-line param-range, codec-container -- reason')).toEqual([
      ['#', HASH],
      [' ', DIRECTIVE],
      ['ossproc-disable-next-line', KEYWORD],
      [' ', DIRECTIVE],
      ['param-range', RULE],
      [',', RULE_COMMA],
      [' ', DIRECTIVE],
      ['codec-container', RULE],
      [' -- reason', COMMENT],
    ]);
  });

  it('every directive keyword', async () => {
    for (const keyword of ['ossproc-disable', 'ossproc-enable', 'ossproc-disable-line', 'ossproc-disable-next-line']) {
      expect(await tok(`#${keyword}`)).toEqual([
        ['#', HASH],
        [keyword, KEYWORD],
      ]);
    }
  });

  it('a trailing ossproc-disable-line directive', async () => {
    expect(await tok('video/convert,fps_300 # ossproc-disable-line param-range')).toEqual([
      ...stage('video', 'convert'),
      ...param('fps', '300', NUM),
      [' ', ''],
      ['#', HASH],
      [' ', DIRECTIVE],
      ['ossproc-disable-line', KEYWORD],
      [' ', DIRECTIVE],
      ['param-range', RULE],
    ]);
  });

  it('not a directive: a longer word, or not the first word', async () => {
    expect(await tok('# ossproc-disabled x')).toEqual([
      ['#', HASH],
      [' ossproc-disabled x', COMMENT],
    ]);
    expect(await tok('# see ossproc-disable-next-line')).toEqual([
      ['#', HASH],
      [' see ossproc-disable-next-line', COMMENT],
    ]);
  });
});
