// the package's UMD entry does not bundle (its factory requires modules by a parameter); its ESM build does
import { parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { HostComment, ScanResult } from '../embed/scan';
import { describeType, lastResult, PresetFindings } from './findings';
import { scalarRegion, scalarRegions } from './scalar';

/**
 * JSON files, read as JSONC (comments, which hold suppression directives, and trailing commas are accepted,
 * as tsconfig.json and VS Code settings write them) with jsonc-parser. Every string value (not a key) that
 * reads as a processing string is a region; in a preset (`{ "styles": { … } }`) every style value is one.
 */
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

/** A jsonc-parser error in words. */
export function jsonErrorText(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return MESSAGES[code] ?? code;
}

export const scanJson = lastResult(read);

function read(text: string): ScanResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const comments: HostComment[] = [];
  visit(text, {
    onComment(offset, length) {
      const end = offset + length;
      const block = text.charCodeAt(offset + 1) === 42;
      const closed = block && length >= 4 && text.startsWith('*/', end - 2);
      comments.push({ start: offset, end, contentStart: offset + 2, contentEnd: closed ? end - 2 : end });
    },
  });
  const presets = new PresetFindings();
  const styles = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'styles')?.children?.[1] : undefined;
  if (styles) checkStyles(text, styles, presets);
  const styleValues = new Set(styles?.type === 'object' ? (styles.children ?? []).map((p) => p.children?.[1]) : []);
  const regions = presets.regions;
  if (root) walk(root, (n) => !styleValues.has(n) && scalarRegions(stringRegion(text, n), regions));
  regions.sort((a, b) => a.range.start - b.range.start);
  const out: ScanResult = { regions, comments, findings: presets.findings };
  const e = errors[0];
  if (e) out.fatal = { message: `Parsing error: invalid JSON: ${jsonErrorText(e)}`, offset: e.offset };
  return out;
}

/** Calls `f` on every string value that is not a property name (iteratively: nesting depth is unbounded). */
function walk(root: Node, f: (n: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'string') f(n);
    else if (n.type === 'property') {
      const v = n.children?.[1];
      if (v) stack.push(v);
    } else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

function stringRegion(text: string, n: Node) {
  const end = n.offset + n.length;
  const closed = n.length >= 2 && text.charCodeAt(end - 1) === 34;
  return scalarRegion(text, { range: { start: n.offset, end }, content: { start: n.offset + 1, end: closed ? end - 1 : end }, value: String(n.value ?? ''), style: 'json' });
}

function checkStyles(text: string, styles: Node, presets: PresetFindings): void {
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
    scalarRegions(stringRegion(text, value), presets.regions, true);
  }
}

function jsonValue(n: Node): unknown {
  if (n.type === 'object') return {};
  if (n.type === 'array') return [];
  return n.value;
}
