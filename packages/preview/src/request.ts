import { check, getAction, getParam, parse, positionalParams, readBase64, type ActionSpec, type CheckMode, type Diagnostic } from '@ossproc/core';

/**
 * A processing string read for running: core's parse tree flattened into steps (product, action, written
 * parameters), with the catalog's spec of each, and core's diagnostics. Parameter meaning and defaults are the
 * catalog's: `Step.get` falls back to the documented default, so the runners never restate one.
 */
export interface Step {
  product: string;
  action: string;
  spec: ActionSpec | undefined;
  /** Keyed parameters as written (percent escapes decoded). */
  params: ReadonlyMap<string, string>;
  /** Positional values in order (`rotate,90`). */
  positional: readonly string[];
}

export interface SaveAs {
  /** Decoded target bucket, when written. */
  bucket?: string;
  /** Decoded object key (may hold `{variables}`). */
  object: string;
}

export interface Request {
  text: string;
  /** Processing steps: every action outside the `sys` product, in order. */
  steps: Step[];
  saveas?: SaveAs;
  diagnostics: Diagnostic[];
  /** The diagnostics of severity error: the string is refused when there is one. */
  errors: Diagnostic[];
}

/** A value as written, or the catalog's documented default. */
export function get(step: Step, key: string): string | undefined {
  const written = step.params.get(key);
  if (written !== undefined) return written;
  return step.spec ? getParam(step.spec, key)?.default : undefined;
}

export function num(step: Step, key: string): number | undefined {
  const v = get(step, key);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The first positional value, or its documented default. */
export function positional(step: Step): string | undefined {
  const v = step.positional[0];
  if (v !== undefined) return v;
  return step.spec ? positionalParams(step.spec)[0]?.default : undefined;
}

/** Checks the string with core (a prefix such as `x-oss-process=` is core's to read) and flattens it into steps. */
export function readRequest(text: string, options: { mode?: CheckMode; nested?: boolean } = {}): Request {
  const diagnostics = check(text, options);
  const parsed = parse(text);
  const steps: Step[] = [];
  let saveas: SaveAs | undefined;
  for (const stage of parsed.tree.stages) {
    const product = stage.product?.text ?? 'sys';
    for (const a of stage.actions) {
      const name = a.name.text;
      const params = new Map<string, string>();
      const pos: string[] = [];
      for (const p of a.params) {
        if (p.key) params.set(p.key.text, p.value?.text ?? '');
        else if (p.value) pos.push(p.value.text);
      }
      if (product === 'sys' || (!stage.product && (name === 'saveas' || name === 'notify'))) {
        if (name === 'saveas') {
          const o = params.get('o');
          const b = params.get('b');
          const object = o === undefined ? undefined : readBase64(o);
          const bucket = b === undefined ? undefined : readBase64(b);
          if (object?.text !== undefined) saveas = { object: object.text, ...(bucket?.text !== undefined ? { bucket: bucket.text } : {}) };
        }
        continue;
      }
      steps.push({ product, action: name, spec: getAction(product, name), params, positional: pos });
    }
  }
  return { text, steps, ...(saveas ? { saveas } : {}), diagnostics, errors: diagnostics.filter((d) => d.severity === 'error') };
}

/** A failure the user can act on (missing ffmpeg, a format the local library cannot write): one line, exit 2. */
export class PreviewError extends Error {
  override readonly name = 'PreviewError';
  constructor(
    message: string,
    /** OSS's error code, for the local server's answers. */
    readonly code = 'InvalidArgument',
  ) {
    super(message);
  }
}

/** What the service would refuse at run time (sopt_2 with a smaller source): the task fails, as the cloud's would. */
export class TaskFailure extends Error {
  override readonly name = 'TaskFailure';
}
