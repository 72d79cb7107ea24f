import { parse, type ParseOptions } from './syntax/parse';
import type { ParseResult } from './syntax/tree';

/**
 * The canonical form of a processing string: no whitespace, percent-encoding undone (unless
 * `percentDecode: false`, as for `check`). Meaning is kept: nothing is reordered, renamed, re-encoded or
 * deleted (an empty parameter, a trailing comma while typing, keeps its comma for its fix to remove), and
 * the result reads, under the same options, as the same words the input does, so its verdict is the input's less the repaired syntax errors. A string with a syntax error
 * that could lose text when reprinted (a missing action name) is returned unchanged.
 * Idempotent: `format(format(s)) === format(s)`. Pass the options a `ParseResult` was parsed with.
 */
export function format(input: string | ParseResult, options: ParseOptions = {}): string {
  const parsed = typeof input === 'string' ? parse(input, options) : input;
  if (parsed.errors.some((e) => !e.repair)) return parsed.text;
  const { tree } = parsed;
  // a name that is only whitespace would print as no name at all: a new error, not a repair
  const names = tree.stages.flatMap((s) => [...(s.product ? [s.product] : []), ...s.actions.map((a) => a.name)]);
  if (names.some((n) => strip(n.text) === '')) return parsed.text;
  const stages = tree.stages.map((stage) => {
    const actions = stage.actions.map((a) => {
      // one slot per comma, so that an empty parameter keeps its comma: deleting text is a fix the user
      // chooses, not formatting (the tree holds only the parameters that are there)
      const slots = a.commas.map(() => '');
      let at = 0;
      for (const p of a.params) {
        while (at + 1 < a.commas.length && a.commas[at + 1]!.end <= p.range.start) at++;
        slots[at] = p.key ? `${p.key.text}_${p.value?.text ?? ''}` : (p.value?.text ?? '');
      }
      return [a.name.text, ...slots].map(strip).join(',');
    });
    return [...(stage.product ? [strip(stage.product.text)] : []), ...actions].join('/');
  });
  const prefix = tree.prefix ? (tree.prefix.mode === 'async' ? 'x-oss-async-process=' : 'x-oss-process=') : '';
  const out = prefix + stages.join('|');
  // the words are printed as read: where one holds what reads as an escape (`%2C` written `%252C`, or `%2 5`
  // once the space goes) and the output would be decoded again, its `%` is written `%25`
  return options.percentDecode === false ? out : out.replace(ESCAPE, '%25');
}

const ESCAPE = /%(?=[0-9A-Fa-f]{2})/g;

function strip(s: string): string {
  return s.replace(/\s+/g, '');
}
