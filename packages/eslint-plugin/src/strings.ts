import { extractRegions, type EmbeddedRegion } from '@ossproc/core';
import type { Rule, SourceCode } from 'eslint';
import type * as ESTree from 'estree';

/**
 * Where the processing strings of a JavaScript/TypeScript file are, read off ESLint's own syntax tree (espree,
 * or @typescript-eslint/parser): string literals, template literals (an expression is a hole) and `+` chains of
 * them, each taken whole. Core then reads each one's source text for what the service receives (escapes
 * decoded, a URL's x-oss-process= value, holes) with every character mapped back to the file.
 *
 * The arguments of ali-oss calls that carry processing are checked whatever they look like:
 * `client.processObjectSave(source, target, process)`, `client.signatureUrl(name, { process })`,
 * `client.get(name, [file,] { process })` (and asyncSignatureUrl, getObjectUrl's options alike).
 */

type Node = ESTree.Node & Rule.NodeParentExtension;

export interface Candidate {
  node: ESTree.Node;
  /** An argument of an ali-oss processing call: checked even when it does not read as a processing string. */
  sdk?: string;
}

/** ali-oss methods: the index of the processing-string argument, or 'options' for `{ process }` in any argument after the first. */
const SDK_CALLS: Record<string, number | 'options'> = {
  processObjectSave: 2,
  signatureUrl: 'options',
  asyncSignatureUrl: 'options',
  get: 'options',
  getStream: 'options',
};

function isStringLiteral(n: ESTree.Node): n is ESTree.Literal & { value: string } {
  return n.type === 'Literal' && typeof n.value === 'string';
}

/** A string-valued expression: a string literal, an untagged template literal, or a `+` chain holding one. */
export function isStringExpression(n: ESTree.Node): boolean {
  if (isStringLiteral(n) || n.type === 'TemplateLiteral') return true;
  return n.type === 'BinaryExpression' && n.operator === '+' && n.left.type !== 'PrivateIdentifier' && (isStringExpression(n.left) || isStringExpression(n.right));
}

/** Whether a string node is a whole value (not a part of a `+` chain, a key, a module name or a type). */
export function isOutermost(node: Node): boolean {
  const p = node.parent as Node | undefined;
  if (!p) return true;
  if (p.type === 'BinaryExpression' && p.operator === '+' && isStringExpression(p)) return false;
  if (p.type === 'TaggedTemplateExpression') return false;
  if ((p.type === 'Property' || p.type === 'MethodDefinition' || p.type === 'PropertyDefinition') && p.key === node && !p.computed) return false;
  if (p.type === 'ImportDeclaration' || p.type === 'ExportAllDeclaration' || p.type === 'ExportNamedDeclaration' || p.type === 'ImportExpression' || p.type === 'ImportSpecifier' || p.type === 'ExportSpecifier') return false;
  const t = (p as { type: string }).type;
  return t !== 'TSLiteralType' && t !== 'TSEnumMember' && t !== 'TSExternalModuleReference' && t !== 'TSModuleDeclaration' && t !== 'TSPropertySignature';
}

/** The processing argument of an ali-oss call, if the call is one and the argument is a string expression. */
export function sdkArgument(call: ESTree.CallExpression): Candidate | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const method = callee.property.name;
  const where = Object.hasOwn(SDK_CALLS, method) ? SDK_CALLS[method] : undefined;
  if (where === undefined) return undefined;
  if (typeof where === 'number') {
    const arg = call.arguments[where];
    return arg && isStringExpression(arg) ? { node: arg, sdk: method } : undefined;
  }
  for (const arg of call.arguments.slice(1)) {
    if (arg.type !== 'ObjectExpression') continue;
    for (const prop of arg.properties) {
      if (prop.type !== 'Property' || prop.computed) continue;
      const key = prop.key.type === 'Identifier' ? prop.key.name : isStringLiteral(prop.key) ? prop.key.value : undefined;
      if (key === 'process' && isStringExpression(prop.value)) return { node: prop.value, sdk: method };
    }
  }
  return undefined;
}

/** A region of the file whose text is the literal's source between its quotes, unchanged (no escapes). */
function verbatim(source: SourceCode, node: ESTree.Node): EmbeddedRegion | undefined {
  const [start, end] = node.range!;
  const raw = source.text.slice(start, end);
  let inner: string | undefined;
  if (isStringLiteral(node) && raw.slice(1, -1) === node.value) inner = node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0 && node.quasis[0]?.value.cooked === node.quasis[0]?.value.raw) inner = node.quasis[0]!.value.raw;
  if (inner === undefined) return undefined;
  const offsets = Array.from({ length: inner.length + 1 }, (_, i) => start + 1 + i);
  return { text: inner, offsets, range: { start: start + 1, end: start + 1 + inner.length } };
}

/**
 * The processing strings a candidate holds, in file offsets. Core reads the node's own source text; an ali-oss
 * argument that core does not take for a processing string is read verbatim, in the call's mode (these calls
 * send `x-oss-process`, synchronous).
 */
export function regionsOf(source: SourceCode, c: Candidate): EmbeddedRegion[] {
  const [start, end] = c.node.range!;
  const found = extractRegions(source.text.slice(start, end), 'javascript').map((r) => shift(r, start));
  if (!c.sdk) return found;
  const whole = found.length ? found : [verbatim(source, c.node)].filter((r): r is EmbeddedRegion => !!r && r.text.trim() !== '');
  return whole.map((r) => ({ ...r, mode: r.mode ?? 'sync' }));
}

function shift(r: EmbeddedRegion, by: number): EmbeddedRegion {
  const out: EmbeddedRegion = { ...r, offsets: r.offsets.map((o) => o + by), range: { start: r.range.start + by, end: r.range.end + by } };
  if (r.ends) out.ends = r.ends.map((o) => o + by);
  return out;
}
