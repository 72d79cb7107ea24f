import type { Diagnostic, Fix } from '../check/diagnostic';
import { check, type CheckOptions } from '../check/index';
import { coversHole, toHostRange, type EmbeddedRegion } from '../embed/region';
import type { ParseOptions } from '../syntax/parse';
import { hasHole } from '../text/hole';
import { applyEdits, type TextEdit } from '../text/range';

/**
 * The one per-region lint: what every face (core's lintDocument, the CLI's streaming reader and its workers,
 * the language server) does with one processing string found in a document. So the CLI and the editor agree
 * by construction: neither has a rule of its own about modes, decoding or holes.
 *
 * - the mode the region carries (a URL's `x-oss-process=` / `x-oss-async-process=`) is the mode it is checked
 *   in, unless the caller forces one;
 * - a region the extractor already percent-decoded is not decoded again (`%252C` reaches the service as
 *   `%2C`); any other text is decoded once, by the same decoder (text/percent.ts);
 * - a finding whose range covers a hole (host code joined into the string) is dropped, and so is a fix with
 *   an edit over one: ossproc cannot see what the code will put there, and an edit there would change the
 *   program rather than the string.
 */

/** What checkRegion reads of a region (an .ossproc line needs no offset map to be checked). */
export type RegionText = Pick<EmbeddedRegion, 'text' | 'mode' | 'decoded'>;

/** A region's findings in the region's own offsets (shared and frozen when nothing was dropped: read-only). */
export function checkRegion(region: RegionText, options: CheckOptions & ParseOptions = {}): Diagnostic[] {
  const found = check(region.text, optionsFor(options, region));
  return hasHole(region.text) ? withoutHoles(region, found) : found;
}

/** A region's findings in host offsets. */
export function lintRegion(region: EmbeddedRegion, options: CheckOptions & ParseOptions = {}): Diagnostic[] {
  return checkRegion(region, options).map((d) => toHost(region, d));
}

function withoutHoles(region: RegionText, found: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of found) {
    if (coversHole(region, d.range)) continue;
    const fixes = d.fixes?.filter((f) => !f.edits.some((e) => coversHole(region, e.range)));
    if (!fixes || fixes.length === d.fixes!.length) out.push(d);
    else {
      const copy: Diagnostic = { ...d };
      if (fixes.length) copy.fixes = fixes;
      else delete copy.fixes;
      out.push(copy);
    }
  }
  return out;
}

/**
 * The options a region is checked with. Derived option objects are kept per caller's object, so check()'s memo
 * sees the same object (and key) for every region of a run.
 */
const derived = new WeakMap<object, Map<string, CheckOptions & ParseOptions>>();
function optionsFor(options: CheckOptions & ParseOptions, region: RegionText): CheckOptions & ParseOptions {
  const mode = region.mode && options.mode !== 'sync' && options.mode !== 'async' ? region.mode : undefined;
  if (!mode && !region.decoded) return options;
  const key = `${mode ?? ''}${region.decoded ? 'd' : ''}`;
  let byKey = derived.get(options);
  if (!byKey) derived.set(options, (byKey = new Map()));
  let o = byKey.get(key);
  if (!o) {
    o = { ...options };
    if (mode) o.mode = mode;
    if (region.decoded) o.percentDecode = false;
    byKey.set(key, o);
  }
  return o;
}

/** A region's diagnostic in host offsets: its range, its fixes' edits and its related ranges. */
export function toHost(region: EmbeddedRegion, d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, range: toHostRange(region, d.range) };
  if (d.fixes) out.fixes = d.fixes.map((f): Fix => ({ ...f, edits: region.scalar ? [rescalar(region, f.edits)] : f.edits.map((e) => ({ range: toHostRange(region, e.range), newText: e.newText })) }));
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: toHostRange(region, r.range) }));
  return out;
}

/** A fix inside a quoted scalar with escapes: the whole scalar, re-encoded with the fix applied to its text. */
function rescalar(region: EmbeddedRegion, edits: readonly TextEdit[]): TextEdit {
  const scalar = region.scalar!;
  return { range: scalar.range, newText: scalar.encode(applyEdits(region.text, edits)) };
}
