import type { EmbeddedRegion, RuleSetting } from '@ossproc/core';
// the package's UMD entry does not bundle (its factory requires modules by a parameter); its ESM build does
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { describeType, PresetReporter, type PresetFindings } from './presets';
import type { StructureProblem } from './types';

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of file expected (more than one top-level value)',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string (a raw control character or line break?)',
};

/**
 * JSON files are read as JSONC (comments, which hold suppression directives, and trailing commas are
 * accepted, as tsconfig.json and VS Code settings write them). Anything else that does not parse is a
 * broken file: one problem at the first error.
 */
export function analyzeJson(text: string, rules: Record<string, RuleSetting>): { problem: StructureProblem } | { findings: PresetFindings } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length) {
    const e = errors[0]!;
    const code = printParseErrorCode(e.error);
    return { problem: { message: `Parsing error: invalid JSON: ${MESSAGES[code] ?? code}`, offset: e.offset } };
  }
  const presets = new PresetReporter(rules);
  const styles = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'styles')?.children?.[1] : undefined;
  if (styles) checkStyles(text, styles, presets);
  return { findings: presets.findings };
}

function checkStyles(text: string, styles: Node, presets: PresetReporter): void {
  if (styles.type !== 'object') {
    presets.shape(styles.offset, styles.offset + styles.length, `'styles' must be an object of style names to processing strings, not ${describeType(jsonValue(styles))}`);
    return;
  }
  for (const prop of styles.children ?? []) {
    const key = prop.children?.[0];
    const value = prop.children?.[1];
    if (!key) continue;
    const name = String(key.value);
    presets.styleName(name, key.offset + 1, key.offset + key.length - 1);
    if (!value) continue;
    if (value.type !== 'string') {
      presets.shape(value.offset, value.offset + value.length, `Style '${name}' must be a processing string, not ${describeType(jsonValue(value))}`);
      continue;
    }
    presets.region(jsonStringRegion(text, value.offset, value.offset + value.length));
  }
}

function jsonValue(n: Node): unknown {
  if (n.type === 'object') return {};
  if (n.type === 'array') return [];
  return n.value;
}

const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The decoded text of a JSON string literal [start, end) (quotes included), each character at its source. */
export function jsonStringRegion(text: string, start: number, end: number): EmbeddedRegion {
  let out = '';
  const offsets: number[] = [];
  let p = start + 1;
  const stop = Math.max(p, end - 1);
  while (p < stop) {
    const c = text[p]!;
    if (c === '\\' && p + 1 < stop) {
      const n = text[p + 1]!;
      if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(p + 2, p + 6))) {
        out += String.fromCharCode(parseInt(text.slice(p + 2, p + 6), 16));
        offsets.push(p);
        p += 6;
        continue;
      }
      out += SIMPLE[n] ?? n;
      offsets.push(p);
      p += 2;
      continue;
    }
    out += c;
    offsets.push(p);
    p++;
  }
  offsets.push(stop);
  return { text: out, offsets, range: { start: offsets[0]!, end: stop } };
}
