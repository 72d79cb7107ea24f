/**
 * Stands for a part of a string that is not literal (`${start}` in a template literal, `%s` in a format
 * string, a variable joined with `+`). Extractors write it; the parser reads it as text; the checker does not
 * judge a word that contains one, and the lint pipeline drops findings and fixes that would cover one.
 */
export const HOLE = '\uE000';

/** Whether `text` contains a HOLE (a part that is not literal). */
export function hasHole(text: string): boolean {
  return text.includes(HOLE);
}
