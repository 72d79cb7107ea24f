import Ajv, { type ValidateFunction } from 'ajv';
import { PRODUCTS, type ParamSpec } from '@ossproc/core';

/**
 * What a user might write instead of ossproc, measured beside it: a naive split parser, and the same split
 * feeding ajv with one compiled JSON Schema per action, generated here from our catalog (types, ranges, enums,
 * required keys, mutually exclusive keys). They do less than `check()` (no positions, base64 targets, codec
 * truth, suggestions), which is why they are the floor the common case must reach.
 */

/** Splits a string into stages, actions and `key_value` pairs; returns how many parameters it read. */
export function naiveSplit(s: string): number {
  let n = 0;
  for (const stage of s.split('|')) {
    const parts = stage.split('/');
    for (let a = 1; a < parts.length; a++) {
      const params = parts[a]!.split(',');
      for (let p = 1; p < params.length; p++) {
        const item = params[p]!;
        const i = item.indexOf('_');
        if (i > 0) n += item.slice(0, i).length + item.slice(i + 1).length > 0 ? 1 : 0;
      }
    }
  }
  return n;
}

function schemaOf(p: ParamSpec): object {
  switch (p.type) {
    case 'int':
      return { type: 'integer', ...(p.min !== undefined ? { [p.minExclusive ? 'exclusiveMinimum' : 'minimum']: p.min } : {}), ...(p.max !== undefined ? { maximum: p.max } : {}) };
    case 'float':
      return { type: 'number', ...(p.min !== undefined ? { minimum: p.min } : {}), ...(p.max !== undefined ? { maximum: p.max } : {}) };
    case 'enum':
      return { enum: (p.values ?? []).map((v) => v.value) };
    case 'size':
      return { type: 'string', pattern: '^\\d*x\\d*$' };
    case 'color':
      return { type: 'string', pattern: '^[0-9A-Fa-f]{6}$' };
    case 'base64':
      return { type: 'string', pattern: '^[A-Za-z0-9_-]*={0,2}$' };
    default:
      return p.pattern ? { type: 'string', pattern: p.pattern.regex.source } : { type: 'string' };
  }
}

/** One compiled validator per `product/action`, keyed as written. */
export function ajvValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ coerceTypes: true, allErrors: false });
  const out = new Map<string, ValidateFunction>();
  for (const product of PRODUCTS) {
    for (const action of product.actions) {
      const keyed = action.params.filter((p) => !p.positional);
      const schema: Record<string, unknown> = {
        type: 'object',
        properties: Object.fromEntries(keyed.map((p) => [p.key, schemaOf(p)])),
        additionalProperties: !!action.paramsIncomplete || action.params.some((p) => p.positional),
        required: keyed.filter((p) => p.required).map((p) => p.key),
      };
      const exclusive = (action.relations ?? []).filter((r) => r.kind === 'exclusive');
      if (exclusive.length) schema.allOf = exclusive.map((r) => ({ not: { required: r.params } }));
      out.set(`${product.name}/${action.name}`, ajv.compile(schema));
    }
  }
  return out;
}

/** The split parser feeding ajv: returns how many actions failed (an unknown action counts as one). */
export function splitAjv(validators: Map<string, ValidateFunction>): (s: string) => number {
  return (s) => {
    let failed = 0;
    for (const stage of s.split('|')) {
      const parts = stage.split('/');
      const product = parts[0]!.replace(/^x-oss-(async-)?process=/, '');
      for (let a = 1; a < parts.length; a++) {
        const params = parts[a]!.split(',');
        const validate = validators.get(`${product}/${params[0]}`);
        if (!validate) { failed++; continue; }
        const data: Record<string, string> = {};
        for (let p = 1; p < params.length; p++) {
          const item = params[p]!;
          const i = item.indexOf('_');
          if (i > 0) data[item.slice(0, i)] = item.slice(i + 1);
        }
        if (!validate(data)) failed++;
      }
    }
    return failed;
  };
}
