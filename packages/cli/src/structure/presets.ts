import { styleNameRule, type Diagnostic, type EmbeddedRegion, type RuleSetting } from '@ossproc/core';
import { effectiveSeverity } from '../rules';
import { PRESET_SHAPE_RULE } from '../types';

/**
 * Preset files: `{ "styles": { "<name>": "<processing string>" } }` in JSON or YAML (schema:
 * schema/presets.schema.json), and OSS GetStyle/ListStyle XML (`<Style><Name>…</Name><Content>…</Content>`).
 * Every style value is a processing string, so it is checked even when it does not read as one (core's
 * extractor only takes strings that do); names must be valid style names.
 */
export interface PresetFindings {
  /** Style values to check besides what core extracts. */
  regions: EmbeddedRegion[];
  /** preset-shape and invalid-style-name problems, in host offsets. */
  diagnostics: Diagnostic[];
}

export function emptyFindings(): PresetFindings {
  return { regions: [], diagnostics: [] };
}

export class PresetReporter {
  readonly findings = emptyFindings();
  constructor(private readonly rules: Record<string, RuleSetting>) {}

  report(ruleId: string, start: number, end: number, message: string): void {
    const severity = effectiveSeverity(ruleId, this.rules);
    if (severity === 'off') return;
    this.findings.diagnostics.push({ ruleId, severity, message, range: { start, end } });
  }

  shape(start: number, end: number, message: string): void {
    this.report(PRESET_SHAPE_RULE, start, end, message);
  }

  /** Checks a style name written at [start, end). */
  styleName(name: string, start: number, end: number): void {
    const rule = styleNameRule.bucketStyle;
    if (rule.pattern.regex.test(name)) return;
    const why = name.length === 0 ? 'it is empty' : name.length > (rule.maxLength ?? Infinity) ? `it has ${name.length} characters` : 'it has other characters';
    this.report('invalid-style-name', start, end, `Style name '${name}' is not valid (${why}): a style name has ${rule.pattern.describe}`);
  }

  region(r: EmbeddedRegion): void {
    this.findings.regions.push(r);
  }
}

/** A region whose characters map one to one onto host offsets from `start`. */
export function linearRegion(text: string, start: number): EmbeddedRegion {
  const offsets = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = start + i;
  return { text, offsets, range: { start, end: start + text.length } };
}

/** A region for a value written with escapes the mapping cannot follow: every character at the value's start. */
export function opaqueRegion(text: string, start: number, end: number): EmbeddedRegion {
  const offsets = new Array<number>(text.length + 1).fill(start);
  offsets[text.length] = end;
  return { text, offsets, range: { start, end } };
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
