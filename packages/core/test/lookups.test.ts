import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionNames, enumValues, getAction, getProduct, paramKeys, productsWithAction, PRODUCT_NAMES, PRODUCTS, requiredParams } from '../src/catalog';
import { evidenceData } from '../src/check/diagnostic';
import { closest, closestIn, distance, nearest, nearestIn } from '../src/check/suggest';
import { check } from '../src/index';

/** The plain definition of optimal string alignment distance, to hold the fast one to. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'x', '_'), maxLength: 12 });
const keys = [...new Set(PRODUCTS.flatMap((p) => p.actions.flatMap((a) => a.params.map((x) => x.key))))];

describe('did-you-mean', () => {
  it('distance is the optimal string alignment distance, and past a bound only says so', () => {
    fc.assert(
      fc.property(word, word, fc.nat(4), (a, b, bound) => {
        const exact = osa(a, b);
        if (Math.abs(a.length - b.length) > 3) {
          expect(distance(a, b)).toBe(99);
          return;
        }
        expect(distance(a, b)).toBe(exact);
        const bounded = distance(a, b, bound);
        if (exact <= bound) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(bound);
      }),
      { numRuns: 2000 },
    );
    expect(distance('vcodex', 'vcodec')).toBe(1);
    expect(distance('ab', 'ba')).toBe(1);
    expect(distance('a'.repeat(40), 'b'.repeat(40), 2)).toBeGreaterThan(2);
  });

  it('nearest measures only candidates that can tie, with the same answer as measuring all', () => {
    const all = (w: string, candidates: readonly string[]) => {
      const lower = w.toLowerCase();
      const limit = lower.length === 1 ? 0.5 : lower.length <= 2 ? 1 : lower.length <= 5 ? 2 : 3;
      const scored = candidates.map((c) => ({ c, d: c === w ? 0 : osaOrFar(lower, c.toLowerCase()) + (c.toLowerCase() === lower ? 0.5 : 0) }));
      const best = Math.min(...scored.map((s) => s.d));
      const tied = [...new Set(scored.filter((s) => s.d === best).map((s) => s.c))];
      return best <= limit && tied.length <= 3 ? tied : [];
    };
    const osaOrFar = (a: string, b: string) => (Math.abs(a.length - b.length) > 3 ? 99 : osa(a, b));
    fc.assert(
      fc.property(fc.oneof(word, fc.constantFrom(...keys).map((k) => `${k}x`), fc.constantFrom('vcodex', 'Vcodec', 'fpss', 'acodc', 'w', 'H')), (w) => {
        expect(nearest(w, keys)).toEqual(all(w, keys));
      }),
      { numRuns: 1000 },
    );
  });

  it('a one-character word is near only its other case, and a word near more than three candidates has no guess', () => {
    const resize = paramKeys(getAction('image', 'resize')!);
    expect(nearest('q', resize)).toEqual([]);
    expect(nearest('W', resize)).toEqual(['w']);
    expect(nearest('ww', resize)).toEqual(['w']);
    expect(nearest('ab', ['aa', 'bb', 'a', 'b'])).toEqual([]);
    expect(nearest('ab', ['aa', 'bb', 'a'])).toEqual(['aa', 'bb', 'a']);
  });

  it('nearestIn remembers per catalog list and word, and answers as nearest does', () => {
    const list = paramKeys(getAction('video', 'convert')!);
    expect(nearestIn('vcodex', list)).toEqual(['vcodec']);
    expect(nearestIn('vcodex', list)).toBe(nearestIn('vcodex', list));
    expect(closestIn('acodc', list)).toBe(closest('acodc', list));
    for (let i = 0; i < 5000; i++) expect(nearestIn(`k${i}`, list)).toEqual(nearest(`k${i}`, list)); // past the bound: still right
    const long = 'x'.repeat(100);
    expect(nearestIn(long, list)).toEqual([]);
  });
});

describe('catalog lookups', () => {
  it('lists per action and product, in catalog order', () => {
    const convert = getAction('video', 'convert')!;
    expect(paramKeys(convert)).toEqual(convert.params.filter((p) => !p.positional).map((p) => p.key));
    expect(requiredParams(convert)).toEqual(convert.params.filter((p) => p.required));
    expect(PRODUCT_NAMES).toEqual(PRODUCTS.map((p) => p.name));
    for (const product of PRODUCTS) expect(actionNames(product)).toEqual(product.actions.map((a) => a.name));
    const format = getProduct('image')!.actions.find((a) => a.name === 'format')!;
    const f = format.params.find((p) => p.type === 'enum')!;
    expect(enumValues(f)).toEqual(f.values!.map((v) => v.value));
  });

  it('products by action name: all of them, or those where it starts a stage', () => {
    for (const name of new Set(PRODUCTS.flatMap((p) => p.actions.map((a) => a.name)))) {
      expect(productsWithAction(name, false)).toEqual(PRODUCTS.filter((p) => p.actions.some((a) => a.name === name)));
      expect(productsWithAction(name, true)).toEqual(PRODUCTS.filter((p) => p.actions.some((a) => a.name === name && !a.parent)));
    }
    expect(productsWithAction('segment', true)).toEqual([]);
    expect(productsWithAction('segment', false).map((p) => p.name)).toEqual(['video']);
    expect(productsWithAction('nothing', false)).toEqual([]);
  });
});

describe('shared finding data', () => {
  it('one frozen object per evidence and source, shaped as before', () => {
    expect(evidenceData('documented')).toEqual({ evidence: 'documented' });
    expect(Object.keys(evidenceData('documented'))).toEqual(['evidence']);
    expect(evidenceData('rejected', 'https://example.com/a')).toStrictEqual({ evidence: 'rejected', source: 'https://example.com/a' });
    expect(evidenceData('rejected', 'https://example.com/a')).toBe(evidenceData('rejected', 'https://example.com/a'));
    expect(Object.isFrozen(evidenceData('ffmpeg'))).toBe(true);
    const [a, b] = check('video/convert,f_mp4,fps_241,vb_1|sys/saveas,o_b3V0Lm1wNA').filter((d) => d.ruleId === 'ineffective-parameter');
    expect(a!.data).toBe(b!.data);
  });
});

describe('values named like members of Object.prototype', () => {
  it('are values like any other: no crash, no verdict read off the prototype', () => {
    const found = (s: string) => check(s).map((d) => `${d.ruleId} ${d.range.start}-${d.range.end}`);
    expect(found('video/convert,f_toString,acodec_valueOf,ar_44100')).toEqual(['unknown-value 14-24', 'unknown-value 25-39']);
    expect(found('video/convert,f_mp4,acodec_toString,ar_44100,ac_2')).toEqual(['unknown-value 20-35']);
    expect(found('video/convert,f_mp4,acodec_constructor')).toEqual(['unknown-value 20-38']);
    expect(found('video/convert,f_constructor')).toEqual(['unknown-value 14-27']);
    expect(found('video/convert,f_mp4,vcodec_hasOwnProperty,pixfmt_constructor')).toEqual(['unknown-value 20-41', 'unknown-value 42-60']);
    expect(found('video/convert,f_mp4,vcodec_h264/segment,f_constructor')).toEqual(['unknown-value 40-53']);
  });

  it('never make check throw, for any parameter of any action', () => {
    const names = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'];
    for (const product of PRODUCTS) {
      for (const action of product.actions) {
        for (const ps of action.params) {
          for (const v of names) {
            const s = `${product.name}/${action.name},f_${v},${ps.positional ? v : `${ps.key}_${v}`},acodec_${v},vcodec_${v},pixfmt_${v},ar_8000,ac_9|sys/saveas,o_b3V0Lm1wNA`;
            expect(() => check(s)).not.toThrow();
          }
        }
      }
    }
  });
});
