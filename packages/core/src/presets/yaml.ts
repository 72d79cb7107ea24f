import { Composer, isMap, isScalar, isSeq, Parser, visit, type Node, type Scalar } from 'yaml';
import { shiftRegion, subRegion, trimRegion, type EmbeddedRegion } from '../embed/region';
import type { HostComment, ScanResult } from '../embed/scan';
import { describeType, lastResult, PresetFindings } from './findings';
import { scalarRegion, scalarRegions, type ScalarStyle } from './scalar';

/**
 * YAML files, parsed with the `yaml` package (every document of a multi-document stream; its concrete syntax
 * tree gives the comments, its documents the values with their ranges). Every string value (not a key) that
 * reads as a processing string is a region; in a preset document (`styles:` mapping names to strings) every
 * style value is one.
 */
const STYLES: Record<string, ScalarStyle> = {
  QUOTE_DOUBLE: 'double',
  QUOTE_SINGLE: 'single',
  PLAIN: 'plain',
  BLOCK_LITERAL: 'block',
  BLOCK_FOLDED: 'block',
};

export const scanYaml = lastResult((text) => read(text, 0));

/** How many times the text after an unterminated quote is read again (each time from a later line). */
const MAX_RESUMES = 8;

function read(text: string, resumes: number): ScanResult {
  const tokens = [...new Parser().parse(text)];
  const comments: HostComment[] = [];
  collectComments(tokens, comments);
  // the package's own check of unique keys compares each key with every key before it (quadratic in a mapping
  // of thousands); a Set per mapping does it in one pass (duplicateKey)
  const docs = [...new Composer({ prettyErrors: false, uniqueKeys: false }).compose(tokens)];
  const presets = new PresetFindings();
  const regions = presets.regions;
  let fatal: ScanResult['fatal'];
  let resume: number | undefined;
  for (const doc of docs) {
    const e = doc.errors[0];
    if (e && !fatal) {
      const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      // the package reads flow collections by recursion; running out of stack says nothing of the file's validity
      const deep = first.includes('Maximum call stack size exceeded');
      fatal = { message: deep ? 'Parsing error: the YAML nests too deep to be read' : `Parsing error: invalid YAML: ${first}`, offset: e.pos[0] };
    }
    const again = fatal ? undefined : duplicateKey(doc);
    if (again !== undefined) fatal = { message: 'Parsing error: invalid YAML: Map keys must be unique', offset: again };
    const styleValues = checkStyles(text, doc.contents, presets);
    visit(doc, {
      Scalar(key, node) {
        if (key === 'key' || styleValues.has(node) || typeof node.value !== 'string') return;
        const r = region(text, node as Scalar<string>);
        if (r) scalarRegions(r, regions);
        resume ??= unterminatedLineEnd(text, node);
      },
    });
  }
  // half-typed in an editor: an unterminated quote swallows the rest of the file; it ends at its line, and
  // what follows is read again on its own
  if (resume !== undefined && resumes < MAX_RESUMES) {
    const next = text.indexOf('\n', resume);
    const rest = next < 0 ? undefined : read(text.slice(next + 1), resumes + 1);
    if (rest) {
      const by = next + 1;
      regions.push(...rest.regions.map((r) => shiftRegion(r, by)));
      comments.push(...rest.comments.map((c) => ({ start: c.start + by, end: c.end + by, contentStart: c.contentStart + by, contentEnd: c.contentEnd + by })));
      presets.findings.push(...(rest.findings ?? []).map((d) => ({ ...d, range: { start: d.range.start + by, end: d.range.end + by } })));
      for (const [name, value] of rest.styles ?? []) presets.style(name, value);
    }
  }
  regions.sort((a, b) => a.range.start - b.range.start);
  const out: ScanResult = { regions, comments, findings: presets.findings };
  if (fatal) out.fatal = fatal;
  if (presets.styles) out.styles = presets.styles;
  return out;
}

/** Where the first key stands that its mapping already has (a scalar key; `<<` merges may repeat), if any. */
function duplicateKey(doc: { contents: unknown }): number | undefined {
  let at: number | undefined;
  visit(doc as Parameters<typeof visit>[0], {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || key.value === '<<') continue;
        if (seen.has(key.value)) {
          at = key.range?.[0];
          return visit.BREAK;
        }
        seen.add(key.value);
      }
      return undefined;
    },
  });
  return at;
}

/** For a quoted scalar without its closing quote that runs over lines: where its first line ends. */
function unterminatedLineEnd(text: string, node: Scalar): number | undefined {
  if ((node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || !node.range) return undefined;
  const [start, end] = node.range;
  if (end - start >= 2 && text.charCodeAt(end - 1) === text.charCodeAt(start)) return undefined;
  const nl = text.indexOf('\n', start);
  return nl >= 0 && nl < end ? nl : undefined;
}

/** Comments anywhere in the concrete syntax tree (they sit in `start`, `sep`, `end` and `props` lists). */
function collectComments(tokens: readonly unknown[], out: HostComment[]): void {
  const stack: unknown[] = [...tokens];
  while (stack.length) {
    const t = stack.pop();
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    if (typeof t !== 'object' || t === null) continue;
    const tok = t as { type?: string; offset?: number; source?: string };
    if (tok.type === 'comment' && typeof tok.offset === 'number' && typeof tok.source === 'string') {
      out.push({ start: tok.offset, end: tok.offset + tok.source.length, contentStart: tok.offset + 1, contentEnd: tok.offset + tok.source.length });
      continue;
    }
    for (const v of Object.values(t)) if (typeof v === 'object' && v !== null) stack.push(v);
  }
  out.sort((a, b) => a.start - b.start);
}

function region(text: string, node: Scalar<string>): EmbeddedRegion | undefined {
  const style = STYLES[node.type ?? 'PLAIN'];
  if (!style || !node.range) return undefined;
  const [start, end] = node.range;
  const q = style === 'double' || style === 'single';
  const closed = q && end - start >= 2 && text.charCodeAt(end - 1) === text.charCodeAt(start);
  const r = scalarRegion(text, { range: { start, end }, content: { start: q ? start + 1 : start, end: closed ? end - 1 : end }, value: node.value, style });
  const cut = q && !closed ? unterminatedLineEnd(text, node) : undefined;
  if (cut !== undefined) {
    // to the end of its line (the rest is read again: see read)
    let k = 0;
    while (k < r.text.length && r.offsets[k]! < cut) k++;
    const line = subRegion(r, 0, k);
    line.offsets[k] = line.range.end = Math.min(line.range.end, cut);
    delete line.scalar;
    return trimRegion(line);
  }
  // a block scalar's final line breaks (clip or keep) are the YAML's, not the string's
  if (style === 'block') {
    let e = r.text.length;
    while (e > 0 && (r.text.charCodeAt(e - 1) === 10 || r.text.charCodeAt(e - 1) === 13)) e--;
    if (e < r.text.length) return subRegion(r, 0, e);
  }
  return r;
}

/** A preset document's styles: names and shapes checked, every value a region. Returns the value nodes. */
function checkStyles(text: string, root: unknown, presets: PresetFindings): Set<unknown> {
  const values = new Set<unknown>();
  if (!isMap(root)) return values;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'styles');
  if (!pair) return values;
  const styles = pair.value as Node | null;
  if (!isMap(styles)) {
    const [start, end] = rangeOf(styles, pair.key as Node);
    presets.shape(start, end, `'styles' must be a mapping of style names to processing strings, not ${describe(styles)}`);
    return values;
  }
  presets.styles ??= new Map();
  for (const item of styles.items) {
    const key = item.key as Node | null;
    const name = isScalar(key) ? String(key.value) : '';
    if (isScalar(key) && key.range) {
      const q = key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE' ? 1 : 0;
      presets.styleName(name, key.range[0] + q, key.range[1] - q);
    }
    const value = item.value as Node | null;
    values.add(value);
    const r = isScalar(value) && typeof value.value === 'string' ? region(text, value as Scalar<string>) : undefined;
    if (r) {
      presets.style(name, (value as Scalar<string>).value);
      scalarRegions(r, presets.regions, true);
    } else {
      const [start, end] = rangeOf(value, key);
      presets.shape(start, end, `Style '${name}' must be a processing string, not ${describe(value)}`);
    }
  }
  return values;
}

function rangeOf(node: Node | null, fallback: Node | null): [number, number] {
  const r = node?.range ?? fallback?.range;
  return r ? [r[0], Math.max(r[0], r[1])] : [0, 0];
}

function describe(node: Node | null): string {
  if (node === null || node === undefined) return 'null';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a sequence';
  if (isScalar(node)) return describeType(node.value);
  return 'an alias';
}
