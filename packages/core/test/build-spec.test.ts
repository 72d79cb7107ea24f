import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, BuildError, check, type BuildSpec } from '../src/index';

/** `build` called from JavaScript with specs TypeScript would reject: a BuildError saying what is wrong, never a TypeError. */

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

const anyBuild = build as (spec: unknown, options?: unknown) => string;

describe('build with malformed specs', () => {
  it.each([
    [{ steps: null }, 'invalid build spec: steps must be an array of steps; got null'],
    [null, 'invalid build spec: the spec must be an object; got null'],
    [undefined, 'invalid build spec: the spec must be an object; got undefined'],
    [[], 'invalid build spec: the spec must be an object; got an array'],
    [{}, 'invalid build spec: steps must be an array of steps; got undefined'],
    [{ steps: [null] }, 'invalid build spec: steps[0] must be an object ({ action, params?, values? }); got null'],
    [{ steps: [{ action: 5 }] }, 'invalid build spec: steps[0].action must be a string such as \'image/resize\'; got 5'],
    [{ steps: [{ action: 'image' }] }, 'invalid build spec: steps[0].action must be a string such as \'image/resize\'; got "image"'],
    [{ steps: [{ action: 'image/rotate', values: 5 }] }, 'invalid build spec: steps[0].values must be an array of strings or numbers; got 5'],
    [{ steps: [{ action: 'image/rotate', values: [{}] }] }, 'invalid build spec: steps[0].values[0] must be a string or number; got a value of type object'],
    [{ steps: [{ action: 'image/resize', params: [] }] }, 'invalid build spec: steps[0].params must be an object of parameter values; got an array'],
    [{ steps: [{ action: 'image/resize', params: { w: { toString: null } } }] }, 'invalid build spec: steps[0].params.w must be a string, number or boolean; got a value of type object'],
    [{ steps: [], saveas: 'out.mp4' }, 'invalid build spec: saveas must be an object ({ object, bucket? }); got "out.mp4"'],
    [{ steps: [], saveas: { object: 1 } }, 'invalid build spec: saveas.object must be a string; got 1'],
    [{ steps: [], saveas: { object: 'o', bucket: null } }, 'invalid build spec: saveas.bucket must be a string; got null'],
    [{ steps: [], notify: { topic: [] } }, 'invalid build spec: notify.topic must be a string; got an array'],
    [{ steps: [], prefix: 'x-oss-process=' }, 'invalid build spec: prefix must be \'sync\', \'async\' or left out; got "x-oss-process="'],
  ])('%j', (spec, message) => {
    const e = thrown(() => anyBuild(spec));
    expect(e).toBeInstanceOf(BuildError);
    expect((e as BuildError).message).toBe(message);
    expect((e as BuildError).text).toBe('');
  });

  it('rejects options that are not an object', () => {
    const e = thrown(() => anyBuild({ steps: [{ action: 'image/rotate', values: [90] }] }, null));
    expect(e).toBeInstanceOf(BuildError);
    expect((e as BuildError).message).toBe('invalid build spec: options must be an object of check options; got null');
  });

  it('still builds a well-formed spec', () => {
    expect(anyBuild({ steps: [{ action: 'image/rotate', values: [90] }] })).toBe('image/rotate,90');
  });

  const actions = fc.constantFrom('image/resize', 'image/rotate', 'video/convert', 'sys/saveas', 'image', '/', '', 'x/y');
  const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt());
  const loose = fc.anything({ maxDepth: 2 });
  const step = fc.oneof(
    fc.record({ action: fc.oneof(actions, loose), params: fc.option(fc.oneof(fc.dictionary(fc.constantFrom('w', 'h', 'm', 'f', '__proto__', 'toString'), fc.oneof(leaf, loose)), loose), { nil: undefined }), values: fc.option(fc.oneof(fc.array(fc.oneof(leaf, loose), { maxLength: 3 }), loose), { nil: undefined }) }, { requiredKeys: [] }),
    loose,
  );
  const spec = fc.oneof(
    fc.record(
      {
        prefix: fc.oneof(fc.constantFrom('sync', 'async', undefined), loose),
        steps: fc.oneof(fc.array(step, { maxLength: 4 }), loose),
        saveas: fc.oneof(fc.record({ object: fc.oneof(fc.string(), loose), bucket: fc.oneof(fc.string(), loose) }, { requiredKeys: [] }), loose),
        notify: fc.oneof(fc.record({ topic: fc.oneof(fc.string(), loose) }, { requiredKeys: [] }), loose),
      },
      { requiredKeys: [] },
    ),
    loose,
  );

  it('returns a string that checks clean or throws a BuildError, for any value', () => {
    fc.assert(
      fc.property(spec, (s) => {
        let out: string;
        try {
          out = anyBuild(s);
        } catch (e) {
          if (!(e instanceof BuildError)) throw e;
          expect(e.message.length).toBeGreaterThan(0);
          return;
        }
        expect(typeof out).toBe('string');
        expect(check(out).filter((d) => d.severity === 'error')).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('types a spec as before', () => {
    const s: BuildSpec = { steps: [{ action: 'image/resize', params: { w: 100 } }] };
    expect(build(s)).toBe('image/resize,w_100');
  });
});
