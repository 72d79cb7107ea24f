import { parse, type ParseOptions } from './syntax/parse';
import type { ParseResult } from './syntax/tree';

/**
 * The canonical form of a processing string: separators only where they belong, no whitespace, no empty
 * parameters, percent-encoding undone (unless `percentDecode: false`, as for `check`). Meaning is kept:
 * nothing is reordered, renamed or re-encoded, and the result reads, under the same options, as the same words
 * the input does, so its verdict is the input's less the repaired syntax errors. A string with a syntax error
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
    const actions = stage.actions.map((a, i) => {
      const words = [a.name.text, ...a.params.map((p) => (p.key ? `${p.key.text}_${p.value?.text ?? ''}` : (p.value?.text ?? '')))]
        .map(strip)
        // a parameter that was only whitespace prints as nothing, and so does its comma
        .filter((word, j) => j === 0 || word !== '');
      // at the head of a stage a comma is what makes the word an action (`notify,`): one stays
      const head = !stage.product && i === 0 && a.params.length > 0 && words.length === 1;
      return head ? `${words[0]},` : words.join(',');
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
