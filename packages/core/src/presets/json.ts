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
  const comments: HostComment[] = [];
  const presets = new PresetFindings();
  let fatal: ScanResult['fatal'];
  // jsonc-parser reads nesting by recursion: past some thousands of levels it would run out of stack
  const deep = tooDeep(text);
  if (deep !== undefined) {
    return { regions: [], comments, findings: [], fatal: { message: `Parsing error: the JSON nests deeper than ${MAX_DEPTH} levels, which is not read`, offset: deep } };
  }
  // one value, or (JSON Lines, a file broken after its first value) one after another
  for (let base = 0, first = true; base < text.length || first; first = false) {
    const part = base ? text.slice(base) : text;
    const errors: ParseError[] = [];
    const root = parseTree(part, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: !first });
    visit(part, {
      onComment(offset, length) {
        const start = base + offset;
        const end = start + length;
        const closed = text.charCodeAt(start + 1) === 42 && length >= 4 && text.startsWith('*/', end - 2);
        comments.push({ start, end, contentStart: start + 2, contentEnd: closed ? end - 2 : end });
      },
    });
    const e = errors[0];
    if (e && !fatal) fatal = { message: `Parsing error: invalid JSON: ${jsonErrorText(e)}`, offset: base + e.offset };
    if (root) readValue(text, base, root, first, presets);
    const more = errors.find((x) => printParseErrorCode(x.error) === 'EndOfFileExpected');
    if (!more || more.offset <= 0) break;
    base += more.offset;
  }
  presets.regions.sort((a, b) => a.range.start - b.range.start);
  const out: ScanResult = { regions: presets.regions, comments, findings: presets.findings };
  if (fatal) out.fatal = fatal;
  if (presets.styles) out.styles = presets.styles;
  return out;
}

/** The deepest nesting read; no preset or config is near it (a file past it is reported, not read). */
const MAX_DEPTH = 1000;

/** Where the text's brackets (outside strings and comments) first nest deeper than MAX_DEPTH, if they do. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: to its closing quote (an escape skips a character)
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** A top-level value at `base`: a preset's styles (only the file's first value is a preset), then every string. */
function readValue(text: string, base: number, root: Node, first: boolean, presets: PresetFindings): void {
  const styles = first && root.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'styles')?.children?.[1] : undefined;
  if (styles) checkStyles(text, base, styles, presets);
  const styleValues = new Set(styles?.type === 'object' ? (styles.children ?? []).map((p) => p.children?.[1]) : []);
  walk(root, (n) => !styleValues.has(n) && scalarRegions(stringRegion(text, base, n), presets.regions));
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

function stringRegion(text: string, base: number, n: Node) {
  const start = base + n.offset;
  const end = start + n.length;
  const closed = n.length >= 2 && text.charCodeAt(end - 1) === 34;
  return scalarRegion(text, { range: { start, end }, content: { start: start + 1, end: closed ? end - 1 : end }, value: String(n.value ?? ''), style: 'json' });
}

function checkStyles(text: string, base: number, styles: Node, presets: PresetFindings): void {
  if (styles.type !== 'object') {
    presets.shape(base + styles.offset, base + styles.offset + styles.length, `'styles' must be an object of style names to processing strings, not ${describeType(jsonValue(styles))}`);
    return;
  }
  presets.styles ??= new Map();
  for (const prop of styles.children ?? []) {
    const key = prop.children?.[0];
    const value = prop.children?.[1];
    if (!key) continue;
    const name = String(key.value);
    presets.styleName(name, base + key.offset + 1, base + key.offset + key.length - 1);
    if (!value) continue;
    if (value.type !== 'string') {
      presets.shape(base + value.offset, base + value.offset + value.length, `Style '${name}' must be a processing string, not ${describeType(jsonValue(value))}`);
      continue;
    }
    presets.style(name, String(value.value));
    scalarRegions(stringRegion(text, base, value), presets.regions, true);
  }
}

function jsonValue(n: Node): unknown {
  if (n.type === 'object') return {};
  if (n.type === 'array') return [];
  return n.value;
}
