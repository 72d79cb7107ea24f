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

/** Thrown when the built string would not check clean (errors only). */
export class BuildError extends Error {
  constructor(
    readonly text: string,
    readonly diagnostics: Diagnostic[],
  ) {
    super(`${text}\n${diagnostics.map((d) => `  ${d.ruleId}: ${d.message}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

/**
 * Builds a processing string from an object, encoding saveas targets and topics, and checks it: a string with
 * an error throws a BuildError naming every problem.
 */
export function build(spec: BuildSpec, options: CheckOptions = {}): string {
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
