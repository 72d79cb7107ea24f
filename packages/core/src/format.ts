import { parse } from './syntax/parse';
import type { ParseResult } from './syntax/tree';

/**
 * The canonical form of a processing string: separators only where they belong, no whitespace, no empty
 * parameters, percent-encoding undone. Meaning is kept: nothing is reordered, renamed or re-encoded. A string
 * with a syntax error that could lose text when reprinted (a missing action name) is returned unchanged.
 * Idempotent: `format(format(s)) === format(s)`.
 */
export function format(input: string | ParseResult): string {
  const parsed = typeof input === 'string' ? parse(input) : input;
  if (parsed.errors.some((e) => !e.repair)) return parsed.text;
  const { tree } = parsed;
  const stages = tree.stages.map((stage) => {
    const actions = stage.actions.map((a) =>
      [a.name.text, ...a.params.map((p) => (p.key ? `${p.key.text}_${p.value?.text ?? ''}` : (p.value?.text ?? '')))]
        .map(strip)
        // a parameter that was only whitespace prints as nothing, and so does its comma
        .filter((word, i) => i === 0 || word !== '')
        .join(','),
    );
    return [...(stage.product ? [strip(stage.product.text)] : []), ...actions].join('/');
  });
  const prefix = tree.prefix ? (tree.prefix.mode === 'async' ? 'x-oss-async-process=' : 'x-oss-process=') : '';
  return prefix + stages.join('|');
}

function strip(s: string): string {
  return s.replace(/\s+/g, '');
}
