import { describe, expect, it } from 'vitest';
import { check, lintDocument, PRODUCTS, type ActionSpec, type ParamSpec } from '../src/index';

/** A string that puts `value` into parameter `p` of action `a`, with whatever else the action needs. */
function stringWith(a: ActionSpec, p: ParamSpec, value: string): { text: string; start: number; end: number } {
  const head = a.parent ? `${a.product}/${a.parent}${a.product === 'video' && a.parent === 'convert' ? ',f_ts' : ''}/${a.name}` : `${a.product}/${a.name}`;
  const required = a.params.filter((x) => x.required && x !== p && !x.positional).map((x) => `${x.key}_${goodValue(x)}`);
  const written = p.positional ? value : `${p.key}_${value}`;
  const prefix = a.product === 'sys' ? 'video/convert,f_mp4|' : '';
  const text = `${prefix}${[head, ...required].join(',')},${written}`;
  return { text, start: text.length - written.length, end: text.length };
}

function goodValue(p: ParamSpec): string {
  if (p.values?.length) return p.values[0]!.value;
  if (p.type === 'base64') return 'b3V0Lm1wNA';
  if (p.type === 'size') return '640x480';
  if (p.type === 'color') return 'FF0000';
  return String(p.min !== undefined && p.min > 0 ? p.min : 1);
}

const params = PRODUCTS.flatMap((product) => product.actions.flatMap((a) => a.params.map((p) => [`${product.name}/${a.name} ${p.positional ? `(value ${p.key})` : p.key}`, a, p] as const)));

describe('every parameter of every action', () => {
  it.each(params)('%s: a wrong value fails on exactly that parameter', (_, a, p) => {
    const wrong = p.type === 'int' || p.type === 'float' ? 'abc' : p.type === 'enum' ? 'zzz' : p.type === 'size' ? '12*34' : p.type === 'color' ? 'GGGGGG' : p.type === 'base64' ? 'a.b' : undefined;
    if (!wrong || (p.type === 'string' && !p.pattern)) return; // free text: nothing is wrong
    const { text, start, end } = stringWith(a, p, wrong);
    const found = check(text).filter((d) => d.range.start === start && d.range.end === end);
    const name = p.positional ? (p.key === a.name ? `the value of ${a.name}` : `the ${p.key} of ${a.name}`) : p.key;
    const label = p.positional ? wrong : `${p.key}_${wrong}`;
    const expected =
      p.type === 'int' ? `${label}: ${name} must be an integer` :
      p.type === 'float' ? `${label}: ${name} must be a number` :
      p.type === 'enum' ? `${label}: ${name} must be one of ${p.values!.map((v) => v.value).join(', ')}` :
      p.type === 'size' ? `${label}: ${name} must be WidthxHeight` :
      p.type === 'color' ? `${label}: ${name} must be an RGB colour` :
      `${label}: ${p.key} must be URL-safe base64`;
    expect(found.map((d) => d.message).some((m) => m.startsWith(expected)), `${text}\n${JSON.stringify(check(text).map((d) => [d.message, d.range]))}`).toBe(true);
  });

  it.each(params.filter(([, , p]) => (p.type === 'int' || p.type === 'float') && p.max !== undefined))('%s: one past the maximum is out of range', (_, a, p) => {
    const { text, start, end } = stringWith(a, p, String(p.max! + 1));
    const found = check(text).filter((d) => d.ruleId === 'value-out-of-range' && d.range.start === start && d.range.end === end);
    expect(found.length, text).toBe(1);
  });
});

describe('documented examples', () => {
  const examples = PRODUCTS.flatMap((p) => p.actions.flatMap((a) => (a.examples ?? []).map((e) => [`${p.name}/${a.name}`, e] as const)));
  it.each(examples)('%s: %s checks without errors', (_, example) => {
    expect(check(example).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('mode from a URL', () => {
  it('knows that a URL\'s x-oss-process= is synchronous', () => {
    const md = '![clip](https://b.oss-cn-hangzhou.aliyuncs.com/a.mp4?x-oss-process=video/convert,f_mp4)';
    const found = lintDocument(md, { fileName: 'README.md' }).diagnostics;
    expect(found.map((d) => [d.ruleId, md.slice(d.range.start, d.range.end)])).toEqual([['async-only', 'convert']]);
  });
});
