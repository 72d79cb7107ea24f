import { expect } from 'vitest';
import type { EmbeddedRegion } from '../../src/embed/region';
import { HOLE } from '../../src/text/hole';
import { extractRegions, type HostLanguage } from '../../src/embed/extract';

/** `◊` in expected texts stands for HOLE, so that tables stay readable. */
export const h = (s: string): string => s.replaceAll('◊', HOLE);

/**
 * A host text with the expected regions' host ranges marked by « and » (Langium's <|…|> markers):
 * returns the text without markers and the ranges.
 */
export function marked(src: string): { text: string; ranges: { start: number; end: number }[] } {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (const ch of src) {
    if (ch === '«') open.push(text.length);
    else if (ch === '»') ranges.push({ start: open.pop()!, end: text.length });
    else text += ch;
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, ranges };
}

export interface Case {
  name: string;
  /** host text with «…» around every expected region */
  src: string;
  /** expected region texts, in order, ◊ for HOLE */
  texts: string[];
  modes?: (EmbeddedRegion['mode'] | undefined)[];
}

/** Runs a table: the exact region texts and the exact host ranges. */
export function expectRegions(language: HostLanguage, c: Case): EmbeddedRegion[] {
  const { text, ranges } = marked(c.src);
  const regions = extractRegions(text, language);
  expect(regions.map((r) => r.text)).toEqual(c.texts.map(h));
  expect(regions.map((r) => r.range)).toEqual(ranges);
  if (c.modes) expect(regions.map((r) => r.mode)).toEqual(c.modes);
  for (const r of regions) checkInvariants(text, r);
  return regions;
}

/** What every region promises, whatever the input. */
export function checkInvariants(host: string, r: EmbeddedRegion): void {
  expect(r.offsets.length).toBe(r.text.length + 1);
  expect(r.range).toEqual({ start: r.offsets[0], end: r.offsets[r.text.length] });
  for (let i = 0; i < r.offsets.length; i++) {
    const o = r.offsets[i]!;
    expect(o).toBeGreaterThanOrEqual(0);
    expect(o).toBeLessThanOrEqual(host.length);
    if (i > 0) expect(o).toBeGreaterThanOrEqual(r.offsets[i - 1]!);
  }
  // a region written without escapes, holes or joins is a plain slice of the host
  const plain = !r.text.includes(HOLE) && r.offsets.every((o, i) => i === 0 || o === r.offsets[i - 1]! + 1);
  if (plain) expect(r.text).toBe(host.slice(r.range.start, r.range.end));
}
