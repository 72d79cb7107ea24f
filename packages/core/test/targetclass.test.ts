import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAction, PRODUCTS, type CheckOptions, type Diagnostic } from '../src/index';
import type { ActionSpec, ParamSpec } from '../src/catalog/types';
import { checkFully } from '../src/check/index';
import { CheckContext } from '../src/check/context';
import { checkTargets } from '../src/check/targets';
import { compileTargetClass, MAX_CHARS, targetClass } from '../src/check/targetClass';
import { parse } from '../src/syntax/parse';
import { scan } from '../src/syntax/scan';

/**
 * check/targetClass.ts classifies base64 values for the fast path. (a) Exact classes; (b) every value that
 * targets.ts (or combinations.ts's watermark format) flags on its own is left unclassified, so a new finding
 * there that the classifier does not know fails here; (c) the contract: two strings that differ in one value
 * of the same class get the same diagnostics from the full path, up to ranges shifted by the difference in
 * length and the value's own text where a message quotes it.
 */

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

function paramOf(product: string, action: string, key: string): { action: ActionSpec; spec: ParamSpec } {
  const a = getAction(product, action)!;
  return { action: a, spec: a.params.find((p) => p.key === key && !p.positional)! };
}
const SAVEAS_O = paramOf('sys', 'saveas', 'o');
const SAVEAS_B = paramOf('sys', 'saveas', 'b');
const TOPIC = paramOf('sys', 'notify', 'topic');
const IMAGE = paramOf('image', 'watermark', 'image');
const TEXT = paramOf('image', 'watermark', 'text');
const FONT = paramOf('image', 'watermark', 'type');
const PRE_O = paramOf('video', 'pre', 'o');
const CONTENT = paramOf('image', 'blindwatermark', 'content');

const classOf = (p: { action: ActionSpec; spec: ParamSpec }, decoded: string, sourceKey?: string) => {
  const v = b64(decoded);
  return targetClass(p.action, p.spec, v, 0, v.length, sourceKey);
};
const rawClassOf = (p: { action: ActionSpec; spec: ParamSpec }, raw: string, sourceKey?: string) => targetClass(p.action, p.spec, raw, 0, raw.length, sourceKey);

describe('targetClass: exact classes', () => {
  it('a saveas object key: its extension against the output format, a suffix, nothing else', () => {
    const cases: [string, string][] = [
      ['outobjprefix/123.{autoext}', 'o'],
      ['outobjprefix/124.{autoext}', 'o'],
      ['{dirname}/{barename}.{autoext}', 'o'],
      ['out', 'o'],
      ['a.{ext}', 'o'],
      ['out.mp4', 'os:mp4'],
      ['dir/out.MP4', 'os:mp4'],
      ['视频/输出.mp4', 'os:mp4'],
      ['out.jpeg', 'os:jpg'],
      ['out.JPG', 'os:jpg'],
      ['out.tif', 'os:tiff'],
      ['out.heif', 'os:heic'],
      ['out.m3u8', 'os:m3u8'],
      // a suffix combinations.ts sees, but no extension targets.ts compares
      ['out.xyz', 'os'],
      ['out.abcd', 'os'],
      ['a.b/c', 'o'],
      // {index}: several outputs do not overwrite each other
      ['out/{index}.jpg', 'o:jpg'],
      ['out-{{index}}.jpg', 'o:jpg'],
      // the extension the last literal part has: after a variable, a literal part of its own
      ['{barename}.webm', 'os:webm'],
      ['a.mp4/{index}', 'o'],
      // longer than any known extension, or a suffix of 5
      ['out.abcde', 'o'],
      ['out.mp4}}', 'o'],
      ['{{x}}.mp4', 'os:mp4'],
      ['{tags.owner}/a.png', 'os:png'],
      ['a.', 'o'],
      ['.mp4', 'os:mp4'],
    ];
    for (const [decoded, cls] of cases) expect(classOf(SAVEAS_O, decoded), decoded).toBe(cls);
    // another source key: the class holds for it
    expect(classOf(SAVEAS_O, 'out.mp4', 'in.mp4')).toBe('os:mp4');
  });

  it('a saveas object key that is not classified', () => {
    const none = [
      // overwrite(): the source object
      '{key}',
      '{dirname}/{basename}',
      // object(): the naming rules
      '/out.mp4',
      '\\out.mp4',
      'x'.repeat(1024),
      // a directory, conservatively
      'out/',
      // templateOk()
      'a{b',
      'a}b',
      '{a{b}}',
      '{}',
      '{nope}.mp4',
      '{tags.}',
      // an extension with a character past ASCII: its lowering is not modelled
      'a.mр4',
      'a.MKV\u212a',
      // not text
      'a\u0001b',
      'a\u007fb',
      'a\ufffdb',
    ];
    for (const decoded of none) expect(classOf(SAVEAS_O, decoded), decoded).toBeUndefined();
    expect(classOf(SAVEAS_O, 'out.mp4', 'out.mp4')).toBeUndefined();
    expect(classOf(SAVEAS_O, 'dir/视频.mp4', 'dir/视频.mp4')).toBeUndefined();
    // at most 1023 bytes, a variable counting one
    expect(classOf(SAVEAS_O, 'x'.repeat(760))).toBe('o');
    expect(classOf(SAVEAS_O, `${'x'.repeat(700)}{index}`)).toBe('o');
  });

  it('raw values: the URL-safe alphabet, no padding, a length base64 has, not too long', () => {
    expect(rawClassOf(SAVEAS_O, 'b3V0Lm1wNA')).toBe('os:mp4');
    // trailing bits are ignored, as readBase64 ignores them
    expect(rawClassOf(SAVEAS_O, 'b3V0Lm1wNB')).toBe('os:mp4');
    for (const raw of ['', 'b3V0Lm1wNA==', 'b3V0Lm1wNA=', 'b3V0Lm1wN', 'b3V0+m1wNA', 'b3V0/m1wNA', 'b3V0Lm1wNA!', 'out.mp4', 'b3V0Lm1w\u00e9A', 'A']) {
      expect(rawClassOf(SAVEAS_O, raw), raw).toBeUndefined();
    }
    // a value inside a longer text
    const line = 'video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA,b_b3V0YnVja2V0';
    const at = line.indexOf('o_') + 2;
    expect(targetClass(SAVEAS_O.action, SAVEAS_O.spec, line, at, at + 10)).toBe('os:mp4');
    expect(targetClass(SAVEAS_O.action, SAVEAS_O.spec, line, at, line.length + 5)).toBeUndefined();
    const long = b64('a'.repeat(((MAX_CHARS + 4) * 3) / 4));
    expect(rawClassOf(SAVEAS_O, long)).toBeUndefined();
  });

  it('a bucket, a topic, a font, a text, a watermark image, an object elsewhere', () => {
    for (const d of ['outbucket', 'a1-b2', 'abc', 'a'.repeat(63), '{year}', 'b-{t_year}']) expect(classOf(SAVEAS_B, d), d).toBe('b');
    for (const d of ['ab', 'a'.repeat(64), 'Bad_Bucket', '-ab', 'ab-', 'a.b', 'a{{b', '{bucket}', '{nope}', 'a}']) expect(classOf(SAVEAS_B, d), d).toBeUndefined();
    for (const d of ['AudioConvert', 'a', 'a-1', `a${'b'.repeat(119)}`]) expect(classOf(TOPIC, d), d).toBe('t');
    for (const d of ['1topic', '-a', 'a_b', 'a b', `a${'b'.repeat(120)}`, 'é']) expect(classOf(TOPIC, d), d).toBeUndefined();
    for (const f of FONT.spec.values!) expect(classOf(FONT, f.value), f.value).toBe('f');
    expect(classOf(FONT, 'comic-sans')).toBeUndefined();
    expect(classOf(TEXT, 'Hello World')).toBe('x');
    expect(classOf(TEXT, '水'.repeat(21))).toBe('x');
    expect(classOf(TEXT, '水'.repeat(22))).toBeUndefined();
    expect(classOf(CONTENT, '阿'.repeat(256))).toBe('x');
    expect(classOf(CONTENT, 'x'.repeat(257))).toBeUndefined();
    expect(classOf(IMAGE, 'panda.png')).toBe('i');
    expect(classOf(IMAGE, 'dir/Panda.JPEG')).toBe('i');
    expect(classOf(IMAGE, 'panda')).toBe('i');
    expect(classOf(IMAGE, 'panda.png?v=1.gif')).toBe('i');
    for (const d of ['panda.gif', 'panda.svg', 'panda.pngx', 'panda.gif?x-oss-process=image/resize,P_20']) expect(classOf(IMAGE, d), d).toBeUndefined();
    // the nested processing is in the class, as nested.ts reads it
    expect(classOf(IMAGE, 'panda.png?x-oss-process=image/resize,P_20')).toBe(`i:${b64('image/resize,P_20')}`);
    expect(classOf(IMAGE, 'tulips.jpg?x-oss-process=image/resize,P_20')).toBe(`i:${b64('image/resize,P_20')}`);
    expect(classOf(IMAGE, 'a.png?v=1?x-oss-process=image/resize,P_20')).toBe(`i:${b64('image/resize,P_20')}`);
    expect(classOf(IMAGE, 'a.png?x-oss-process=')).toBe('i:');
    expect(classOf(IMAGE, `a.png?x-oss-process=image/resize,P_20${'0'.repeat(300)}`)).toBeUndefined();
    expect(classOf(IMAGE, 'a.png?x-oss-process=image/resize,P_20,x_中')).toBeUndefined();
    expect(classOf(PRE_O, 'pre.mp4')).toBe('o');
    expect(classOf(PRE_O, '/pre.mp4')).toBeUndefined();
  });

  it('compiles per parameter: none for a parameter that is not base64', () => {
    const w = paramOf('image', 'resize', 'w');
    expect(compileTargetClass(w.action, w.spec)).toBeUndefined();
    expect(compileTargetClass(SAVEAS_O.action, SAVEAS_O.spec)).toBeTypeOf('function');
    for (const p of PRODUCTS) for (const a of p.actions) for (const ps of a.params) if (ps.type === 'base64') expect(compileTargetClass(a, ps), `${a.name} ${ps.key}`).toBeTypeOf('function');
  });
});

// --- strings with base64 values, and where those values are ---

interface Slot {
  action: ActionSpec;
  spec: ParamSpec;
  /** The value's offsets in the text. */
  start: number;
  end: number;
}

/** The base64 values of a simple string whose names are all written as the catalog has them, each key once. */
function slotsOf(text: string): Slot[] | undefined {
  if (scan(text) === -1) return undefined;
  const ctx = new CheckContext(parse(text), {});
  const out: Slot[] = [];
  for (const a of ctx.actions()) {
    if (!a.spec || a.spec.name !== a.node.name.text || (a.stage.node.product && a.stage.node.product.text !== a.spec.product)) return undefined;
    const keys = new Set<string>();
    for (const p of a.node.params) {
      if (!p.key) continue;
      if (keys.has(p.key.text)) return undefined;
      keys.add(p.key.text);
      const ps = a.param(p.key.text);
      if (ps?.type === 'base64' && p.value) out.push({ action: a.spec, spec: ps, start: p.value.range.start, end: p.value.range.end });
    }
  }
  return out;
}

const SAVE = `|sys/saveas,b_${b64('outbucket')},o_${b64('out/{index}.{autoext}')}`;
const seeds = [
  ...PRODUCTS.flatMap((p) => p.actions.flatMap((a) => a.examples ?? [])),
  'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
  'x-oss-async-process=video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  'video/convert,f_mp3,acodec_mp3,ab_100000,vn_1,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
  'video/convert,f_mkv,vcodec_h265,vb_2000000,acodec_aac|sys/saveas,o_b3V0Lm1rdg',
  'audio/convert,f_aac,ab_96000|sys/saveas,o_b3V0LmFhYw',
  'image/resize,w_100/format,png|sys/saveas,o_b3V0LnBuZw',
  'image/format,jpg|sys/saveas,b_b3V0YnVja2V0,o_b3V0LnBuZw',
  'image/resize,w_100|sys/saveas,o_b3V0Lm1wNA',
  // the bucket overwrite() reads beside a key that is the source
  `video/convert,f_mp4|sys/saveas,b_${b64('outbucket')},o_${b64('{key}')}`,
  `video/snapshots,ss_1000,f_jpg,w_100,h_100${SAVE}`,
  `video/sprite,m_avg,num_5,sw_100,sh_100${SAVE}`,
  `image/watermark,image_${b64('panda.png')},g_se,x_10,y_10/watermark,image_${b64('logo.png')},g_se,x_10,y_10`,
  `image/watermark,image_${b64('panda.png?x-oss-process=image/resize,P_20')},g_se/watermark,text_${b64('Hi')},type_${b64('wqy-zenhei')}`,
  `image/watermark,text_${b64('Hello')},type_${b64('wqy-zenhei')},size_30`,
  `image/watermark,type_${b64('wqy-zenhei')},size_30`,
  `image/blindwatermark,content_${b64('secret')}`,
];
const withSlots = seeds.map((text) => ({ text, slots: slotsOf(text) })).filter((s): s is { text: string; slots: Slot[] } => !!s.slots && s.slots.length > 0);

/** Decoded names: pieces of what targets.ts, combinations.ts and nested.ts read, and plain words. */
const FONTS = FONT.spec.values!.map((v) => v.value);
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]{1,6}$/) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '.', '/', '-', '_', ' ', '.mp4', '.MP4', '.jpg', '.jpeg', '.JPG', '.png', '.gif', '.webm', '.m3u8', '.mkv', '.aac', '.txt', '.xyz', '.tif', '.abcde',
      '{autoext}', '{index}', '{key}', '{dirname}', '{basename}', '{barename}', '{bucket}', '{ext}', '{tags.a}', '{bad}', '{', '}', '{{', '}}', '\\',
      'é', '中', '😀', '\u0001', '?', 'A', 'Z', '?x-oss-process=image/resize,P_20', '?x-oss-process=image/resize,w_100', '?x-oss-process=image/watermark,text_YQ',
    ),
  },
);
const decodedName = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { minLength: 1, maxLength: 6 }).map((xs) => xs.join('')) },
  { weight: 4, arbitrary: fc.constantFrom('out.mp4', 'a/b.mp4', 'out/{index}.jpg', 'frame.jpg', '{key}', '{dirname}/{basename}', '{bucket}', 'outbucket', 'other', 'AudioConvert', 'panda.png', 'Hello', ...FONTS) },
);
/** A raw value: mostly the encoding of a name, sometimes one targets.ts has something to say about as written. */
const rawValue = fc.tuple(decodedName, fc.nat(9), fc.nat()).map(([name, how, n]) => {
  const v = b64(name);
  switch (how) {
    case 0:
      return Buffer.from(name, 'utf8').toString('base64'); // padded, maybe '+' and '/'
    case 1:
      return v.slice(0, -1 - (n % 3)) || 'A';
    case 2:
      return `${v.slice(0, n % (v.length + 1))}!${v.slice(n % (v.length + 1))}`;
    default:
      return v;
  }
});
const options: CheckOptions[] = [{}, { mode: 'async' }, { sourceKey: 'out.mp4' }, { sourceKey: 'a/b.mp4' }, { preset: 'strict' }];
/** Options for a list of raw values: one of those, or the source key one of the values decodes to. */
const optionsFor = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...options).map((o) => (_: string[]) => o) },
  { weight: 1, arbitrary: fc.nat().map((k) => (raws: string[]) => ({ sourceKey: Buffer.from(raws[k % raws.length]!, 'base64url').toString('utf8') })) },
);

const runs = Number(process.env.RUNS ?? 1000);
/** Runs per value of a seed: 1,500 values in all by default. */
const slotCount = () => withSlots.reduce((n, s) => n + s.slots.length, 0);
const perSlot = { numRuns: Math.max(10, Math.ceil((5 * runs) / slotCount())) };

/** Findings on a classified value that its class determines, given the rest of the string. */
function heldBy(cls: string, d: Diagnostic): boolean {
  // the extension, against the output format
  if (d.ruleId === 'extension-mismatch') return /^os?:/.test(cls);
  // a suffix, against a producer of several images
  if (d.ruleId === 'overwritten-outputs') return cls.startsWith('os');
  // the nested processing, checked as a string of its own
  return cls.startsWith('i:') && d.message.startsWith("In the watermark image's processing");
}
/** Findings about a parameter's presence beside others (relations.ts), whatever its value. */
const PRESENCE = new Set(['ineffective-parameter', 'mutually-exclusive']);

/** `text` with the value of `slot` replaced by `raw`. */
const put = (text: string, slot: Slot, raw: string) => text.slice(0, slot.start) + raw + text.slice(slot.end);

/** The diagnostics of `text` with `raw` written at `slot`, the value's own text in messages replaced, ranges as they would be with a value of `length` characters. */
function normalised(text: string, slot: Slot, raw: string, o: CheckOptions, length: number) {
  const full = put(text, slot, raw);
  const decoded = Buffer.from(raw, 'base64url').toString('utf8');
  const key = slot.spec.key;
  const end = slot.start + raw.length;
  const shift = (at: number) => (at <= slot.start ? at : at >= end ? at - raw.length + length : -1);
  const range = (r: { start: number; end: number }) => ({ start: shift(r.start), end: shift(r.end) });
  const words = (s: string) => s.split(`${key}_${raw}`).join(`${key}_<value>`).split(`'${decoded}'`).join("'<decoded>'");
  return checkFully(full, o).map((d: Diagnostic) => ({
    ...d,
    message: words(d.message),
    range: range(d.range),
    fixes: d.fixes?.map((f) => ({ ...f, title: words(f.title), edits: f.edits.map((e) => ({ range: range(e.range), newText: words(e.newText) })) })),
    related: d.related?.map((r) => ({ range: range(r.range), message: words(r.message) })),
  }));
}

describe('targetClass: the contract', () => {
  it('has seeds with base64 values of every kind', () => {
    const kinds = new Set(withSlots.flatMap((s) => s.slots.map((x) => `${x.action.name} ${x.spec.key}`)));
    for (const k of ['saveas o', 'saveas b', 'notify topic', 'watermark image', 'watermark text', 'watermark type', 'pre o', 'blindwatermark content']) expect(kinds, k).toContain(k);
  });

  it('two values of one class give the same diagnostics, up to shifted ranges and the value quoted', () => {
    let compared = 0;
    let unclean = 0;
    // every value of every seed on its own, so that each place a rule reads a value from is tried
    for (const { text, slots } of withSlots) {
      for (const slot of slots) {
        fc.assert(
          fc.property(fc.array(rawValue, { minLength: 2, maxLength: 6 }), optionsFor, (raws, given) => {
            const o = given(raws);
            const classes = raws.map((raw) => targetClass(slot.action, slot.spec, raw, 0, raw.length, o.sourceKey));
            for (let i = 0; i < raws.length; i++) {
              for (let j = i + 1; j < raws.length; j++) {
                if (classes[i] === undefined || classes[i] !== classes[j] || raws[i] === raws[j]) continue;
                const a = normalised(text, slot, raws[i]!, o, raws[j]!.length);
                const b = normalised(text, slot, raws[j]!, o, raws[j]!.length);
                expect(a, `${put(text, slot, raws[i]!)} vs ${put(text, slot, raws[j]!)} (${classes[i]}, ${JSON.stringify(o)})`).toEqual(b);
                compared++;
                if (a.length) unclean++;
              }
            }
          }),
          perSlot,
        );
      }
    }
    // the property has something to compare, and some of it is not clean (overwritten outputs, extension mismatches)
    expect(compared).toBeGreaterThan(runs);
    expect(unclean).toBeGreaterThan(runs / 10);
  });

  it('a classified value gets no finding of its own: only what the class holds, against the rest of the string', () => {
    let classified = 0;
    for (const { text, slots } of withSlots) {
      for (const slot of slots) {
        fc.assert(
          fc.property(rawValue, optionsFor, (raw, given) => {
            const o = given([raw]);
            const cls = targetClass(slot.action, slot.spec, raw, 0, raw.length, o.sourceKey);
            if (cls === undefined) return;
            classified++;
            // printable ASCII without a separator or U+0000; a few characters but for a nested processing
            expect(cls).toMatch(cls.startsWith('i:') ? /^i:[A-Za-z0-9_-]{0,342}$/ : /^(o|os|o:[a-z0-9]{2,4}|os:[a-z0-9]{2,4}|b|t|f|x|i|v)$/);
            const full = put(text, slot, raw);
            const end = slot.start + raw.length;
            const keyStart = slot.start - slot.spec.key.length - 1;
            // targets.ts on its own: what it reports on this value is what the class holds
            const ctx = new CheckContext(parse(full), o);
            checkTargets(ctx);
            const on = (d: Diagnostic) => d.range.start >= keyStart && d.range.end <= end;
            for (const d of ctx.diagnostics.filter(on)) expect(heldBy(cls, d), `${d.ruleId}: ${d.message} on ${full} (${cls}, ${JSON.stringify(o)})`).toBe(true);
            // every rule: what lands on the value is what the class holds, or is about the parameter's presence
            for (const d of checkFully(full, o).filter(on)) {
              expect(heldBy(cls, d) || PRESENCE.has(d.ruleId), `${d.ruleId}: ${d.message} on ${full} (${cls}, ${JSON.stringify(o)})`).toBe(true);
            }
          }),
          { numRuns: 3 * perSlot.numRuns },
        );
      }
    }
    expect(classified).toBeGreaterThan(runs / 2);
  });
});

describe('targetClass: what targets.ts flags is never classified', () => {
  /** Values and the string they are checked in (`<>` is the value), with the finding targets.ts makes on each. */
  const flagged: [Slot['spec']['key'], { action: ActionSpec; spec: ParamSpec }, string, string, string, CheckOptions?][] = [
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', 'b3V0Lm1wNA==', 'base64-padding'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', b64('out.mp4') + '=', 'invalid-base64'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', 'Pj4+LnBuZw', 'base64-alphabet'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', 'b3V0Lm1wNA!', 'invalid-base64'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', '_w', 'invalid-base64'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', b64('a{b'), 'invalid-template'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', b64('{nope}.png'), 'invalid-template'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', b64('/a.png'), 'invalid-object-key'],
    ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>', b64('x'.repeat(1024)), 'invalid-object-key'],
    ['o', SAVEAS_O, 'video/convert,f_mp4|sys/saveas,o_<>', b64('out.mp4'), 'output-overwrites-source', { sourceKey: 'out.mp4' }],
    ['o', SAVEAS_O, 'video/convert,f_mp4|sys/saveas,o_<>', b64('{key}'), 'output-overwrites-source', { sourceKey: 'out.mp4' }],
    ['o', SAVEAS_O, 'video/convert,f_mp4|sys/saveas,o_<>', b64('{dirname}/{basename}'), 'output-overwrites-source', { sourceKey: 'a.mp4' }],
    ['b', SAVEAS_B, 'image/resize,w_100|sys/saveas,b_<>,o_b3V0LnBuZw', b64('Bad_Bucket'), 'invalid-bucket-name'],
    ['b', SAVEAS_B, 'image/resize,w_100|sys/saveas,b_<>,o_b3V0LnBuZw', b64('ab'), 'invalid-bucket-name'],
    ['b', SAVEAS_B, 'image/resize,w_100|sys/saveas,b_<>,o_b3V0LnBuZw', b64('a}'), 'invalid-template'],
    ['topic', TOPIC, 'video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_<>', b64('1topic'), 'invalid-topic-name'],
    ['type', FONT, 'image/watermark,text_SGk,type_<>', b64('comic-sans'), 'unknown-value'],
    ['text', TEXT, 'image/watermark,text_<>', b64('水'.repeat(22)), 'value-out-of-range'],
    ['image', IMAGE, 'image/watermark,image_<>', b64('panda.gif'), 'watermark-image-format'],
    ['o', PRE_O, 'video/concat,f_mp4/pre,o_<>|sys/saveas,o_b3V0Lm1wNA', b64('/pre.mp4'), 'invalid-object-key'],
  ];

  it('each of these is flagged on its value, and none is classified', () => {
    for (const [key, p, where, raw, ruleId, o] of flagged) {
      const text = where.replace('<>', raw);
      const start = where.indexOf('<>') - key.length - 1;
      const found = checkFully(text, o).filter((d) => d.range.start >= start && d.range.end <= start + key.length + 1 + raw.length);
      expect(found.map((d) => d.ruleId), text).toContain(ruleId);
      expect(rawClassOf(p, raw, o?.sourceKey), text).toBeUndefined();
    }
  });

  it("the bucket {bucket} is not classified: overwrite() reads it (the same bucket as the source's)", () => {
    const at = (bucket: string) => checkFully(`video/convert,f_mp4|sys/saveas,b_${b64(bucket)},o_${b64('{key}')}`, { sourceKey: 'a.mp4' }).map((d) => d.ruleId);
    expect(at('{bucket}')).toEqual(['output-overwrites-source']);
    expect(at('other')).toEqual([]);
    expect(classOf(SAVEAS_B, '{bucket}')).toBeUndefined();
    expect(classOf(SAVEAS_B, 'other')).toBe('b');
  });

  it('a corpus of generated names: whatever targets.ts reports on a value alone, the value is not classified', () => {
    // the neutral places: nothing else in the string reads the value (no output format, no producer, no source)
    const places: [string, { action: ActionSpec; spec: ParamSpec }, string][] = [
      ['o', SAVEAS_O, 'image/resize,w_100|sys/saveas,o_<>'],
      ['b', SAVEAS_B, 'image/resize,w_100|sys/saveas,b_<>,o_b3V0LnBuZw'],
      ['topic', TOPIC, 'video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_<>'],
      ['type', FONT, 'image/watermark,text_SGk,type_<>'],
      ['text', TEXT, 'image/watermark,text_<>'],
      ['image', IMAGE, 'image/watermark,image_<>'],
      ['content', CONTENT, 'image/blindwatermark,content_<>'],
      ['o', PRE_O, 'video/concat,f_mp4/pre,o_<>|sys/saveas,o_b3V0Lm1wNA'],
    ];
    let flaggedSeen = 0;
    fc.assert(
      fc.property(fc.constantFrom(...places), rawValue, ([key, p, where], raw) => {
        const text = where.replace('<>', raw);
        const start = where.indexOf('<>') - key.length - 1;
        const ctx = new CheckContext(parse(text), {});
        checkTargets(ctx);
        const cls = rawClassOf(p, raw);
        const own = ctx.diagnostics.filter((d) => d.range.start >= start && d.range.end <= start + key.length + 1 + raw.length && !(cls && heldBy(cls, d)));
        const combined = checkFully(text).filter((d) => d.ruleId === 'watermark-image-format');
        if (own.length || combined.length) {
          flaggedSeen++;
          expect(rawClassOf(p, raw), `${text}: ${[...own, ...combined].map((d) => d.ruleId)}`).toBeUndefined();
        }
      }),
      { numRuns: runs * 3 },
    );
    expect(flaggedSeen).toBeGreaterThan(runs / 3);
  });
});

describe('targetClass: what it knows of the rules', () => {
  const dir = join(__dirname, '../src/check');
  const source = (file: string) => readFileSync(join(dir, file), 'utf8');
  const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

  it('targets.ts reports the findings the classifier knows of, each as often (a new one: teach targetClass.ts, then list it here)', () => {
    const reports = [...source('targets.ts').matchAll(/report\('([a-z0-9-]+)'/g)].map((m) => m[1]).sort();
    expect(reports).toEqual([
      'base64-alphabet',
      'base64-padding',
      'extension-mismatch',
      'invalid-base64',
      'invalid-base64',
      'invalid-base64',
      'invalid-bucket-name',
      'invalid-object-key',
      'invalid-object-key',
      'invalid-template',
      'invalid-template',
      'invalid-topic-name',
      'output-overwrites-source',
      'unknown-value',
      'value-out-of-range',
    ]);
  });

  it('only targets.ts and combinations.ts decode base64 values (watermarkFormat and manyOutputsOneTarget), and nested.ts is reached from targets.ts alone', () => {
    const decoding = readdirSync(dir).filter((f) => f.endsWith('.ts') && /text\/base64|readBase64|checkNested\(/.test(source(f)));
    // fast.ts decodes a value only to make another of its class (a template's variant), and reports nothing
    expect(decoding.sort()).toEqual(['combinations.ts', 'fast.ts', 'nested.ts', 'targetClass.ts', 'targets.ts']);
    expect(count(source('fast.ts'), /readBase64\(/g)).toBe(1);
    expect(source('fast.ts')).toMatch(/function sameClass\([^)]*\)[^{]*\{[^}]*readBase64\(/);
    expect(count(source('combinations.ts'), /readBase64\(/g)).toBe(2);
    expect(count(source('combinations.ts'), /function (watermarkFormat|manyOutputsOneTarget)\(/g)).toBe(2);
    expect(count(source('targets.ts'), /checkNested\(/g)).toBe(1);
  });
});
