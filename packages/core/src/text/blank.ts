/**
 * Blanks around a processing string: space, tab, form feed, vertical tab, no-break space, BOM. The .ossproc
 * reader trims these off a line; region trimming adds the line breaks.
 */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;
}
