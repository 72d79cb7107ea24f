import type { RuleSetting } from '@ossproc/core';
import type { Node as YamlNode, Scalar } from 'yaml';
import { describeType, linearRegion, opaqueRegion, PresetReporter, type PresetFindings } from './presets';
import type { StructureProblem } from './types';

/**
 * YAML files are parsed with the `yaml` package (every document of a multi-document file); the first error
 * makes the file broken. A document of the preset shape (`styles:` mapping names to strings) has its styles
 * checked. Loaded on first use: most runs read no YAML and start faster without it.
 */
export async function analyzeYaml(text: string, rules: Record<string, RuleSetting>): Promise<{ problem: StructureProblem } | { findings: PresetFindings }> {
  const yaml = await import('yaml');
  const docs = yaml.parseAllDocuments(text, { prettyErrors: false, keepSourceTokens: false });
  // an empty stream has no documents (and no errors)
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    if (doc.errors.length) return { problem: toProblem(doc.errors[0]!) };
  }
  const presets = new PresetReporter(rules);
  for (const doc of list) {
    const root = doc.contents;
    if (!yaml.isMap(root)) continue;
    const pair = root.items.find((p) => yaml.isScalar(p.key) && p.key.value === 'styles');
    if (!pair) continue;
    const styles = pair.value as YamlNode | null;
    if (!yaml.isMap(styles)) {
      const [start, end] = rangeOf(styles, pair.key as YamlNode);
      presets.shape(start, end, `'styles' must be a mapping of style names to processing strings, not ${describeYaml(yaml, styles)}`);
      continue;
    }
    for (const item of styles.items) {
      const key = item.key as YamlNode | null;
      const name = yaml.isScalar(key) ? String(key.value) : '';
      if (yaml.isScalar(key) && key.range) presets.styleName(name, key.range[0], key.range[1]);
      const value = item.value as YamlNode | null;
      if (yaml.isScalar(value) && typeof value.value === 'string' && value.range) {
        presets.region(scalarRegion(text, value as Scalar<string>));
      } else {
        const [start, end] = rangeOf(value, key);
        presets.shape(start, end, `Style '${name}' must be a processing string, not ${describeYaml(yaml, value)}`);
      }
    }
  }
  return { findings: presets.findings };
}

function toProblem(e: { message: string; pos: [number, number]; code: string }): StructureProblem {
  const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { message: `Parsing error: invalid YAML: ${first}`, offset: e.pos[0] };
}

function rangeOf(node: YamlNode | null, fallback: YamlNode | null): [number, number] {
  const r = node?.range ?? fallback?.range;
  return r ? [r[0], Math.max(r[0], r[1])] : [0, 0];
}

function describeYaml(yaml: typeof import('yaml'), node: YamlNode | null): string {
  if (node === null || node === undefined) return 'null';
  if (yaml.isMap(node)) return 'a mapping';
  if (yaml.isSeq(node)) return 'a sequence';
  if (yaml.isScalar(node)) return describeType(node.value);
  return 'an alias';
}

/** A string scalar as a region: written as it reads (plain, or quoted without escapes) maps one to one. */
function scalarRegion(text: string, node: Scalar<string>): ReturnType<typeof linearRegion> {
  const [start, valueEnd] = node.range!;
  const value = node.value;
  if (node.type === 'PLAIN' && text.slice(start, valueEnd) === value) return linearRegion(value, start);
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && text.slice(start + 1, valueEnd - 1) === value) return linearRegion(value, start + 1);
  return opaqueRegion(value, start, valueEnd);
}
