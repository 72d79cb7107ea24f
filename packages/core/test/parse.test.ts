import { describe, expect, it } from 'vitest';
import { parse } from '../src/index';
import { tokenize } from '../src/syntax/lexer';

const SEED = 'video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0';

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('parse', () => {
  it('builds stages, actions and parameters with exact ranges', () => {
    const { tree, errors } = parse(SEED);
    expect(errors).toEqual([]);
    expect(tree.stages.map((s) => [s.product?.text, s.actions.map((a) => a.name.text)])).toEqual([
      ['video', ['convert', 'segment']],
      ['sys', ['saveas', 'notify']],
    ]);
    const f = tree.stages[0]!.actions[0]!.params[2]!;
    expect([f.key?.text, f.value?.text, slice(SEED, f.range), slice(SEED, f.key!.range), slice(SEED, f.underscore!), slice(SEED, f.value!.range)]).toEqual(['f', 'ts', 'f_ts', 'f', '_', 'ts']);
    expect(slice(SEED, tree.stages[1]!.range)).toBe(SEED.slice(SEED.indexOf('|') + 1));
  });

  it('keeps _ - and = inside values (base64url)', () => {
    const text = 'sys/saveas,o_a_b-c==';
    const p = parse(text).tree.stages[0]!.actions[0]!.params[0]!;
    expect([p.key?.text, p.value?.text]).toEqual(['o', 'a_b-c==']);
  });

  it('parses positional values without keys', () => {
    const p = parse('image/rotate,90/format,webp').tree.stages[0]!.actions.map((a) => a.params.map((x) => [x.key, x.value?.text]));
    expect(p).toEqual([[[undefined, '90']], [[undefined, 'webp']]]);
  });

  it.each([
    ['x-oss-process=image/resize,w_1', 'sync'],
    ['x-oss-async-process=video/convert,f_mp4', 'async'],
  ])('reads the prefix of %s as mode %s', (text, mode) => {
    const { tree } = parse(text);
    expect(tree.prefix?.mode).toBe(mode);
    expect(slice(text, tree.prefix!.range)).toBe(text.slice(0, text.indexOf('=') + 1));
  });

  it('reports every syntax error of a broken string in one pass, each with its own range', () => {
    const text = 'video/convert,,f_mp4||sys/saveas,o_';
    const { errors, tree } = parse(text);
    expect(errors.map((e) => [e.message, slice(text, e.range), e.range.start])).toEqual([
      ["Empty parameter: remove the extra ','", ',', 13],
      ["Expected a stage after '|', such as sys/saveas,o_…", '|', 20],
      ["Parameter 'o' has no value after '_'", 'o_', 33],
    ]);
    expect(tree.stages.map((s) => s.product?.text)).toEqual(['video', 'sys']);
  });

  it.each([
    ['', 'Expected a processing string such as image/resize,w_100 or video/convert,f_mp4', ''],
    ['image', "Expected '/' and an action after 'image'", 'image'],
    ['image/', "Expected an action name after '/'", '/'],
    ['|sys/saveas,o_eA', "Expected a stage before '|', such as video/convert,f_mp4", '|'],
    ['/resize,w_1', "Expected a product before '/', such as image or video", '/'],
    ['image/resize,_1', "Expected a parameter name before '_'", '_'],
    ['image/resize,w_1,x-oss-process=a', "'x-oss-process=' may only stand at the start of the string", 'x-oss-process='],
    ['image/resize,\tw_1', "Whitespace is not allowed in a processing string: remove it from 'w'", '\t'],
    // a key or value of whitespace only is empty, as it is once the whitespace is removed
    ['image/resize, _1', "Expected a parameter name before '_'", '_'],
    ['image/resize,w_ ', "Parameter 'w' has no value after '_'", 'w_ '],
  ])('reports %j', (text, message, at) => {
    expect(parse(text).errors.map((e) => [e.message, slice(text, e.range)])).toContainEqual([message, at]);
  });

  it('keeps no key made of whitespace only, as for a key that is not written', () => {
    const [param] = parse('image/resize, _1').tree.stages[0]!.actions[0]!.params;
    expect([param!.key, param!.value?.text]).toEqual([undefined, '1']);
  });

  it('undoes percent-encoding and maps ranges back to the written text', () => {
    const text = 'video%2Fconvert%2Cf_mp4%7Csys%2Fsaveas%2Co_b3V0Lm1wNA';
    const { tree, errors, tokens } = parse(text);
    expect(errors).toEqual([]);
    const saveas = tree.stages[1]!.actions[0]!;
    expect(saveas.name.text).toBe('saveas');
    expect(slice(text, saveas.params[0]!.range)).toBe('o_b3V0Lm1wNA');
    expect(slice(text, tree.stages[0]!.actions[0]!.name.range)).toBe('convert');
    expect(tokens.find((t) => t.kind === 'pipe')).toEqual({ kind: 'pipe', text: '|', range: { start: 23, end: 26 } });
  });

  it('leaves percent signs alone when asked not to decode', () => {
    expect(parse('image/resize%2Cw_1', { percentDecode: false }).tree.stages[0]!.actions[0]!.name.text).toBe('resize%2Cw_1');
  });

  it('gives a lossless token list', () => {
    for (const text of [SEED, 'a,,b||c/_/x_', 'x-oss-process=image/w_1_2', '%2C%ZZ%e4%b8%ad']) {
      const { tokens } = parse(text);
      expect(tokens.map((t) => slice(text, t.range)).join('')).toBe(text);
      for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.range.start).toBe(tokens[i - 1]!.range.end);
    }
  });

  it('names every token kind', () => {
    const text = 'x-oss-process=image/resize,w_100|sys/saveas,o_eA';
    expect(parse(text).tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'prefix:x-oss-process=', 'name:image', 'slash:/', 'name:resize', 'comma:,', 'name:w', 'underscore:_', 'value:100',
      'pipe:|', 'name:sys', 'slash:/', 'name:saveas', 'comma:,', 'name:o', 'underscore:_', 'value:eA',
    ]);
  });

  it('scans the same tokens Chevrotain\'s own lexer would (the scanner is an optimisation, not a dialect)', async () => {
    const { Lexer } = await import('chevrotain');
    const { allTokens } = await import('../src/syntax/lexer');
    const chevrotain = new Lexer(allTokens, { positionTracking: 'onlyOffset' });
    for (const text of [SEED, 'x-oss-async-process=a_b,c/d|e', ',,//||', 'image/resize,w_1 ', '']) {
      const ours = tokenize(text).map((t) => [t.tokenType.name, t.image, t.startOffset]);
      const theirs = chevrotain.tokenize(text).tokens.map((t) => [t.tokenType.name, t.image, t.startOffset]);
      expect(ours).toEqual(theirs);
    }
  });
});
