import { parse } from './syntax/parse';
import type { ParseResult } from './syntax/tree';

/**
 * The canonical form of a processing string: no whitespace, percent-encoding undone. Meaning is kept: nothing is
 * reordered, renamed, re-encoded or deleted (an empty parameter, a trailing comma while typing, stays for its
 * fix to remove). A string
 * with a syntax error that could lose text when reprinted (a missing action name) is returned unchanged.
 * Idempotent: `format(format(s)) === format(s)`.
 */
export function format(input: string | ParseResult): string {
  const parsed = typeof input === 'string' ? parse(input) : input;
  if (parsed.errors.some((e) => !e.repair)) return parsed.text;
  const { tree } = parsed;
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
  return prefix + stages.join('|');
}

function strip(s: string): string {
  return s.replace(/\s+/g, '');
}
