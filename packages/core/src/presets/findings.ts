import { styleNameRule } from '../catalog';
import type { Diagnostic } from '../check/diagnostic';
import { getRule, type RuleId } from '../check/rules';
import type { EmbeddedRegion } from '../embed/region';

/**
 * Preset files: `{ "styles": { "<name>": "<processing string>" } }` in JSON or YAML (schema:
 * packages/cli/schema/presets.schema.json), and OSS GetStyle/ListStyle XML
 * (`<Style><Name>…</Name><Content>…</Content></Style>`). Every style value is a processing string, so it is
 * checked even when it does not read as one; names must be valid style names. What a reader finds is the
 * regions to check, findings about the file's shape (at the rules' default severities: the lint applies the
 * configured ones) and, for a file that does not parse, the first syntax error.
 */
export interface StructureError {
  /** ESLint's wording for a fatal parsing error: `Parsing error: invalid JSON: …`. */
  message: string;
  /** UTF-16 offset in the text. */
  offset: number;
}

export class PresetFindings {
  readonly regions: EmbeddedRegion[] = [];
  readonly findings: Diagnostic[] = [];
  /** The styles table, name → processing string, once one is seen (the local bucket of `ossproc serve` serves it). */
  styles?: Map<string, string>;

  style(name: string, value: string): void {
    (this.styles ??= new Map()).set(name, value);
  }

  report(ruleId: RuleId, start: number, end: number, message: string): void {
    this.findings.push({ ruleId, severity: getRule(ruleId)!.severity, message, range: { start, end } });
  }

  shape(start: number, end: number, message: string): void {
    this.report('preset-shape', start, end, message);
  }

  /** Checks a style name written at [start, end). */
  styleName(name: string, start: number, end: number): void {
    const rule = styleNameRule.bucketStyle;
    if (rule.pattern.regex.test(name)) return;
    const why = name.length === 0 ? 'it is empty' : name.length > (rule.maxLength ?? Infinity) ? `it has ${name.length} characters` : 'it has other characters';
    this.report('invalid-style-name', start, end, `Style name '${name}' is not valid (${why}): a style name has ${rule.pattern.describe}`);
  }
}

/** How a message names a value's type. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * The last result of a reader, by its text: one lint reads a document's regions and then its comments
 * (suppression), and a JSON or YAML parse is worth doing once.
 */
export function lastResult<T>(read: (text: string) => T): (text: string) => T {
  let text: string | undefined;
  let result: T | undefined;
  return (t) => {
    if (t !== text || result === undefined) {
      result = read(t);
      text = t;
    }
    return result;
  };
}
