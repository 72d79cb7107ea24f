import { documentedValue } from '../catalog';
import type { ActionSpec, ParamSpec } from '../catalog/types';
import type { ParamNode, SyntaxError } from '../syntax/tree';
import type { ActionInfo, CheckContext } from './context';
import { labelOf, removeParamEdit } from './context';

/**
 * Forms seen in live use that the documentation neither lists nor says the service rejects: a stray product
 * inside a chain, a trailing or doubled `/`, an empty parameter, a key from an official sample, an undocumented
 * spelling of a value. Whether OSS ignores them cannot be tried from here, so each is a warning that says what
 * is documented and what the service may do, with a certain fix where removing or respelling changes nothing.
 */

export const MAY_IGNORE = 'not documented; OSS may ignore it';

/** The live-use syntax slips, told apart from real syntax errors by the text around them. */
export function toleratedSyntax(text: string, e: SyntaxError): { message: string; title: string; newText: string } | undefined {
  const at = text.slice(e.range.start, e.range.end);
  if (at === ',' && e.repair) {
    // a single comma that ends its parameters (the string, the action or the stage ends after it) is a trailing
    // one; in a run of commas, each is one too many
    const next = text[e.range.end];
    if ((next === undefined || next === '/' || next === '|') && text[e.range.start - 1] !== ',') {
      return { message: `Trailing ',' after the last parameter: parameters are documented as key_value joined by single commas (${MAY_IGNORE}); remove it`, title: "Remove the trailing ','", newText: '' };
    }
    return { message: `Empty parameter ',,': parameters are documented as key_value joined by single commas (${MAY_IGNORE}); remove the extra ','`, title: "Remove the extra ','", newText: '' };
  }
  if (at !== '/') return undefined;
  // only right after a word (an action or a product): `///` or `|/` are holes, not slips
  const before = text[e.range.start - 1];
  if (before === undefined || '/|,'.includes(before)) return undefined;
  const next = text[e.range.end];
  const after = text[e.range.end + 1];
  // a trailing '/' after an action, not after a bare product (`image/` lacks its action)
  const stage = text.slice(text.lastIndexOf('|', e.range.start - 1) + 1, e.range.start);
  if ((next === undefined || next === '|') && /[/,]/.test(stage)) {
    return { message: `Trailing '/': the documented form ends with the last action (${MAY_IGNORE}); remove it`, title: "Remove the trailing '/'", newText: '' };
  }
  if (next === '/' && after !== undefined && !'/|,'.includes(after)) {
    return { message: `Doubled '//': actions are documented as joined by one '/' (${MAY_IGNORE}); remove one`, title: "Remove the extra '/'", newText: '' };
  }
  return undefined;
}

/**
 * `…,h_100,image/circle,r_100`: the product written again inside a chain reads as a bare value `image` of the
 * previous action. The documented form chains actions with `/` alone; removing `,image` is certain.
 */
export function strayProduct(ctx: CheckContext, action: ActionInfo, p: ParamNode): boolean {
  const product = action.stage.product?.name;
  const value = p.value?.text;
  const last = action.node.params[action.node.params.length - 1];
  if (!product || value !== product || last !== p || action.stage.actions[action.stage.actions.length - 1] === action) return false;
  ctx.report('unknown-parameter', p.range, `',${value}/' inside the chain: actions after the first are documented without their product (${product}/a/b); the repeated '${value}' is ${MAY_IGNORE}`, {
    fixes: [{ title: `Remove ',${value}'`, edits: [removeParamEdit(action.node, p)], certain: true }],
    atMost: 'warning',
  });
  return true;
}

/** The note for a key the table lacks but an official sample writes (crop's `r_1`). */
export function observedKey(spec: ActionSpec, key: string): string | undefined {
  const seen = spec.observedKeys?.find((o) => o.key === key)?.seen;
  return seen && `'${key}' is not in the parameter table of ${spec.product}/${spec.name} but appears in ${seen}: ${MAY_IGNORE}`;
}

/** An undocumented spelling of an enum value seen in live use (`format,jpeg`): a warning with a certain respelling. */
export function aliasOf(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec): boolean {
  const value = p.value!.text;
  const documented = documentedValue(ps, value);
  if (documented === undefined || documented === value) return false;
  const where = `${action.spec!.product}/${action.name}`;
  ctx.report('unknown-value', p.range, `${labelOf(p, value)}: ${where} documents '${documented}'; '${value}' is seen in live use but ${MAY_IGNORE}`, {
    fixes: [{ title: `Replace with '${documented}'`, edits: [{ range: p.value!.range, newText: documented }], certain: true }],
    atMost: 'warning',
  });
  return true;
}
