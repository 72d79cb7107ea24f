import { check, type CheckOptions } from './check/index';
import type { Diagnostic } from './check/diagnostic';
import type { ActionName, ActionParams } from './catalog/names.generated';
import { encodeBase64Url } from './text/base64';

/**
 * One step of processing, typed from the catalog: `{ action: 'image/resize', params: { m: 'lfit', w: 100 } }`
 * (an unknown key or value is a type error); `values` for bare values (`{ action: 'image/rotate', values: [90] }`).
 */
export type BuildStep = {
  [A in ActionName]: {
    action: A;
    params?: ActionParams[A];
    /** Positional values, in order (`format,webp`). */
    values?: (string | number)[];
  };
}[ActionName];

export interface BuildSpec {
  /** `async` adds the x-oss-async-process= prefix, `sync` x-oss-process=; omitted: a bare string (a style). */
  prefix?: 'sync' | 'async';
  steps: BuildStep[];
  /** Plain bucket and object names; they are encoded for you. */
  saveas?: { object: string; bucket?: string };
  /** A plain SMQ topic name; it is encoded for you. */
  notify?: { topic: string };
}

/**
 * Thrown when the built string would not check clean (errors only), or when the spec itself is malformed (a
 * JavaScript caller's `steps: null`): then `text` is empty, `diagnostics` too, and the message says what is wrong.
 */
export class BuildError extends Error {
  constructor(
    readonly text: string,
    readonly diagnostics: Diagnostic[],
    reason?: string,
  ) {
    super(reason !== undefined ? `invalid build spec: ${reason}` : `${text}\n${diagnostics.map((d) => `  ${d.ruleId}: ${d.message}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as the message shows it (never throws: `String` may, on objects of any making). */
function shown(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'undefined') return String(v);
  return `a value of type ${typeof v}`;
}

const WORD_VALUE = new Set(['string', 'number', 'boolean', 'bigint']);

/** The spec's shape, as TypeScript states it; a JavaScript caller gets a BuildError, never a TypeError. */
function validateSpec(spec: unknown): asserts spec is BuildSpec {
  const fail = (reason: string): never => {
    throw new BuildError('', [], reason);
  };
  if (!isRecord(spec)) fail(`the spec must be an object; got ${shown(spec)}`);
  const s = spec as Record<string, unknown>;
  if (s.prefix !== undefined && s.prefix !== 'sync' && s.prefix !== 'async') fail(`prefix must be 'sync', 'async' or left out; got ${shown(s.prefix)}`);
  if (!Array.isArray(s.steps)) fail(`steps must be an array of steps; got ${shown(s.steps)}`);
  (s.steps as unknown[]).forEach((step, i) => {
    if (!isRecord(step)) fail(`steps[${i}] must be an object ({ action, params?, values? }); got ${shown(step)}`);
    const st = step as Record<string, unknown>;
    if (typeof st.action !== 'string' || st.action.indexOf('/') <= 0) fail(`steps[${i}].action must be a string such as 'image/resize'; got ${shown(st.action)}`);
    if (st.params !== undefined) {
      if (!isRecord(st.params)) fail(`steps[${i}].params must be an object of parameter values; got ${shown(st.params)}`);
      for (const [k, v] of Object.entries(st.params as Record<string, unknown>)) {
        if (v !== undefined && !WORD_VALUE.has(typeof v)) fail(`steps[${i}].params.${k} must be a string, number or boolean; got ${shown(v)}`);
      }
    }
    if (st.values !== undefined) {
      if (!Array.isArray(st.values)) fail(`steps[${i}].values must be an array of strings or numbers; got ${shown(st.values)}`);
      (st.values as unknown[]).forEach((v, j) => {
        if (typeof v !== 'string' && typeof v !== 'number') fail(`steps[${i}].values[${j}] must be a string or number; got ${shown(v)}`);
      });
    }
  });
  if (s.saveas !== undefined) {
    if (!isRecord(s.saveas)) fail(`saveas must be an object ({ object, bucket? }); got ${shown(s.saveas)}`);
    const t = s.saveas as Record<string, unknown>;
    if (typeof t.object !== 'string') fail(`saveas.object must be a string; got ${shown(t.object)}`);
    if (t.bucket !== undefined && typeof t.bucket !== 'string') fail(`saveas.bucket must be a string; got ${shown(t.bucket)}`);
  }
  if (s.notify !== undefined) {
    if (!isRecord(s.notify)) fail(`notify must be an object ({ topic }); got ${shown(s.notify)}`);
    if (typeof (s.notify as Record<string, unknown>).topic !== 'string') fail(`notify.topic must be a string; got ${shown((s.notify as Record<string, unknown>).topic)}`);
  }
}

/**
 * Builds a processing string from an object, encoding saveas targets and topics, and checks it: a string with
 * an error throws a BuildError naming every problem.
 */
export function build(spec: BuildSpec, options: CheckOptions = {}): string {
  validateSpec(spec);
  if (!isRecord(options)) throw new BuildError('', [], `options must be an object of check options; got ${shown(options)}`);
  let product: string | undefined;
  let chain = '';
  for (const step of spec.steps) {
    const slash = step.action.indexOf('/');
    const p = step.action.slice(0, slash);
    const name = step.action.slice(slash + 1);
    const words = [name, ...(step.values ?? []).map(String)];
    for (const [k, v] of Object.entries((step.params ?? {}) as Record<string, unknown>)) {
      if (v === undefined) continue;
      words.push(`${k}_${String(v)}`);
    }
    if (product === undefined) chain = `${p}/${words.join(',')}`;
    else if (p === product) chain += `/${words.join(',')}`;
    else throw new BuildError(`${chain}/${step.action}`, [{ ruleId: 'misplaced-action', severity: 'error', message: `a string processes one product: ${product}, not ${p}`, range: { start: 0, end: 0 } }]);
    product = p;
  }
  const sys: string[] = [];
  if (spec.saveas) {
    const b = spec.saveas.bucket !== undefined ? `,b_${encodeBase64Url(spec.saveas.bucket)}` : '';
    sys.push(`saveas${b},o_${encodeBase64Url(spec.saveas.object)}`);
  }
  if (spec.notify) sys.push(`notify,topic_${encodeBase64Url(spec.notify.topic)}`);
  const prefix = spec.prefix === 'async' ? 'x-oss-async-process=' : spec.prefix === 'sync' ? 'x-oss-process=' : '';
  const text = prefix + chain + (sys.length ? `|sys/${sys.join('/')}` : '');
  const errors = check(text, options).filter((d) => d.severity === 'error');
  if (errors.length) throw new BuildError(text, errors);
  return text;
}
