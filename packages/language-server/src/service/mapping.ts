import { endOfChar, type EmbeddedRegion, type Range } from '@ossproc/core';

/**
 * Finding the region and the character under a host offset. Ranges the other way (region → host) are core's
 * `toHostRange`, which knows where each character's source ends (an escape is covered whole; the host code
 * between the literals of a concatenation never is).
 */

/**
 * The region index for a host offset: the character that starts there, or the position just after a
 * character whose source ends there (the cursor before a closing quote). Undefined between the literals of a
 * concatenation and outside the region; inside an escape sequence, the index of the escaped character.
 */
export function regionIndexAt(region: EmbeddedRegion, offset: number): number | undefined {
  const { offsets } = region;
  const n = region.text.length;
  if (offset < offsets[0]! || offset > offsets[n]!) return undefined;
  // largest i with offsets[i] <= offset
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  let i = lo;
  // several characters may share an offset (a surrogate pair): take the first
  while (i > 0 && offsets[i - 1] === offsets[i]) i--;
  if (offsets[i] === offset) return i;
  const end = endOfChar(region, i);
  if (offset === end) return i + 1;
  if (offset < end) return i;
  return undefined;
}

/** The region holding a host offset (its ends included), by binary search over regions sorted by start. */
export function regionAtOffset<T extends { range: Range }>(regions: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid]!.range.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // regions do not overlap; the one starting at or before the offset is the only candidate, but a region
  // ending exactly where the next starts leaves the offset to both: prefer the later one
  for (let k = found; k >= 0 && k >= found - 1; k--) {
    const r = regions[k]!;
    if (offset >= r.range.start && offset <= r.range.end) return r;
  }
  return undefined;
}
