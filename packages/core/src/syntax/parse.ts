import type { IToken } from 'chevrotain';
import { HOLE } from '../text/hole';
import { hasPercentEscape, percentDecode } from '../text/percent';
import type { Range } from '../text/range';
import { Comma, Pipe, Prefix, Slash, tokenize } from './lexer';
import { processParser, type RawAction, type RawStage } from './parser';
import { ASYNC, EMPTY, FIRST_STAGE, LAYOUT, PREFIX_END, scan, STAGE_COUNT } from './scan';
import type { ActionNode, ParamNode, ParseResult, ProcessNode, StageNode, SyntaxError, Token, Word } from './tree';

export interface ParseOptions {
  /**
   * Undo URL percent-encoding first (`%2C` → `,`), mapping ranges back to the written text. `auto` (the
   * default) decodes when the text holds an escape such as `%2C`; `false` says the text is already decoded
   * (a URL parameter's value, which an extractor decoded with the same decoder, text/percent.ts): nothing is
   * decoded twice.
   */
  percentDecode?: boolean | 'auto';
}

/**
 * Parses a processing string. Never throws: every problem becomes a syntax error with a range, and a tree is
 * always returned.
 */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  // a simple string (scan.ts: nothing to report, no '%' to decode) is built straight from the scan's offsets,
  // and so is a rough one (an empty stage, parameter, key or value), with the errors the tree builder reports
  if (scan(text, true) !== -1) {
    const errors: SyntaxError[] = [];
    return new Parsed(text, leanTree(text, errors), errors, text, undefined);
  }
  return chevrotainParse(text, options);
}

/** The parse of any string: Chevrotain's parser over the scanner's tokens, then the tree builder. */
export function chevrotainParse(text: string, options: ParseOptions = {}): ParseResult {
  const decode = options.percentDecode ?? 'auto';
  const mapped = decode === true || (decode === 'auto' && text.indexOf('%') !== -1 && hasPercentEscape(text));
  const source = mapped ? percentDecode(text) : undefined;
  const input = source ? source.text : text;
  const parser = processParser();
  parser.input = tokenize(input, true);
  const raw = parser.process();
  const builder = new TreeBuilder(input, source?.offsets);
  const tree = builder.process(raw.prefix, raw.stages);
  // the grammar is total, so the parser itself reports nothing; guard all the same
  for (const e of parser.errors) builder.error(e.message, builder.rangeOf(e.token));
  return new Parsed(text, tree, builder.errors, input, source?.offsets);
}

/**
 * The tree of a simple string from the scan's layout (`LAYOUT`, just written): the same nodes, in the same
 * shapes, as the tree builder makes from Chevrotain's output (a property test holds the two equal).
 */
function leanTree(text: string, errors: SyntaxError[]): ProcessNode {
  const L = LAYOUT;
  const prefixEnd = L[PREFIX_END]!;
  const stages: StageNode[] = [];
  // between stages only '|' stands (a rough layout leaves empty stages out): `at` is where the next pipes start
  let at = prefixEnd;
  let r = FIRST_STAGE;
  for (let s = L[STAGE_COUNT]!; s > 0; s--) {
    const productStart = L[r]!;
    const productEnd = L[r + 1]!;
    let count = L[r + 2]!;
    r += 3;
    const stageStart = productStart === -1 ? L[r]! : productStart;
    if (at < stageStart) emptyStages(text, at, stageStart, errors);
    const product: Word | undefined = productStart === -1 ? undefined : { text: text.slice(productStart, productEnd), range: { start: productStart, end: productEnd } };
    const actions: ActionNode[] = [];
    for (; count > 0; count--) {
      const nameStart = L[r]!;
      const nameEnd = L[r + 1]!;
      let params = L[r + 2]!;
      r += 3;
      // the head of a stage without a product whose every parameter is empty (`notify,`): its last comma is what
      // makes it an action, so removing it is not offered as a repair (the tree builder's `structural`)
      const structural = productStart === -1 && actions.length === 0 && allEmpty(L, r, params);
      const name: Word = { text: text.slice(nameStart, nameEnd), range: { start: nameStart, end: nameEnd } };
      const nodes: ParamNode[] = [];
      const commas: Range[] = [];
      let end = nameEnd;
      for (; params > 0; params--) {
        const start = L[r]!;
        const cut = L[r + 1]!;
        end = L[r + 2]!;
        r += 3;
        commas.push({ start: start - 1, end: start });
        const range = { start, end };
        if (cut === -1) nodes.push({ range, value: { text: text.slice(start, end), range: { start, end } } });
        else if (cut === start || cut === end - 1 || cut === EMPTY) roughParam(text, start, cut, end, structural && params === 1, nodes, errors);
        else {
          nodes.push({
            range,
            underscore: { start: cut, end: cut + 1 },
            key: { text: text.slice(start, cut), range: { start, end: cut } },
            value: { text: text.slice(cut + 1, end), range: { start: cut + 1, end } },
          });
        }
      }
      actions.push({ range: { start: nameStart, end }, name, params: nodes, commas });
    }
    const start = product ? productStart : actions[0]!.range.start;
    const stageEnd = actions[actions.length - 1]!.range.end;
    stages.push({ range: { start, end: stageEnd }, product, actions });
    at = stageEnd;
  }
  if (at < text.length) emptyStages(text, at, text.length, errors);
  // the first stage left out (the string starts with '|'): reported last, as the tree builder does
  if (text.charCodeAt(prefixEnd) === 124) errors.push({ message: "Expected a stage before '|', such as video/convert,f_mp4", range: { start: prefixEnd, end: prefixEnd + 1 } });
  return {
    range: { start: 0, end: text.length },
    prefix: prefixEnd > 0 ? { range: { start: 0, end: prefixEnd }, mode: L[ASYNC] ? 'async' : 'sync' } : undefined,
    stages,
  };
}

/** The pipes in [from, to) (nothing else stands between stages): each followed by another or the end has an empty stage after it. */
function emptyStages(text: string, from: number, to: number, errors: SyntaxError[]): void {
  for (let p = from; p < to; p++) {
    if (p + 1 === text.length || text.charCodeAt(p + 1) === 124) errors.push({ message: "Expected a stage after '|', such as sys/saveas,o_…", range: { start: p, end: p + 1 } });
  }
}

/** Whether the `count` parameter records from `r` are all empty parameters. */
function allEmpty(L: Int32Array, r: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (L[r + 3 * k + 1] !== EMPTY) return false;
  return true;
}

/** A parameter of a rough layout, as the tree builder makes it: an empty one (no node), or an empty key or value. */
function roughParam(text: string, start: number, cut: number, end: number, structural: boolean, nodes: ParamNode[], errors: SyntaxError[]): void {
  if (cut === EMPTY) {
    const comma = { start: start - 1, end: start };
    errors.push(structural ? { message: "Empty parameter: remove the extra ','", range: comma } : { message: "Empty parameter: remove the extra ','", range: comma, repair: { title: "Remove the extra ','", newText: '' } });
    return;
  }
  const range = { start, end };
  const underscore = { start: cut, end: cut + 1 };
  const value = { text: text.slice(cut + 1, end), range: { start: cut + 1, end } };
  if (cut === start) {
    nodes.push({ range, underscore, value });
    errors.push({ message: "Expected a parameter name before '_'", range: underscore });
    return;
  }
  const key = { text: text.slice(start, cut), range: { start, end: cut } };
  nodes.push({ range, underscore, key, value });
  errors.push({ message: `Parameter '${key.text}' has no value after '_'`, range });
}

/** Most callers (the checker) never look at the tokens, so they are made on first use (scanning again is cheap). */
class Parsed implements ParseResult {
  private made?: Token[];
  constructor(
    readonly text: string,
    readonly tree: ProcessNode,
    readonly errors: SyntaxError[],
    /** The text the scanner read (percent-decoded). */
    private readonly input: string,
    /** For percent-decoded input: the written offset of every decoded character. */
    private readonly offsets: number[] | undefined,
  ) {}
  get tokens(): Token[] {
    return (this.made ??= new TreeBuilder(this.input, this.offsets).tokens(tokenize(this.input)));
  }
}

const WHITESPACE = /\s/;
const PREFIX_WORD = /^x-oss-(?:async-)?process=/;

class TreeBuilder {
  readonly errors: SyntaxError[] = [];
  private readonly hasWhitespace: boolean;
  constructor(
    private readonly input: string,
    /** For percent-decoded input: the written offset of every decoded one. */
    private readonly offsets: number[] | undefined,
  ) {
    this.hasWhitespace = WHITESPACE.test(input);
  }

  at(decoded: number): number {
    return this.offsets ? this.offsets[decoded]! : decoded;
  }

  error(message: string, range: Range, repair?: SyntaxError['repair']): void {
    this.errors.push(repair ? { message, range, repair } : { message, range });
  }

  rangeOf(t: IToken): Range {
    return this.span(t.startOffset, t.startOffset + t.image.length);
  }

  /** The ranges of tokens, in order (a loop: a callback would capture the builder on every action). */
  ranges(tokens: readonly IToken[]): Range[] {
    const out: Range[] = [];
    for (const t of tokens) out.push(this.rangeOf(t));
    return out;
  }

  span(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(end) };
  }

  /** The lossless token list: words split into name, `_` and value. */
  tokens(lexed: IToken[]): Token[] {
    const out: Token[] = [];
    let slot: 'head' | 'name' | 'param' = 'head';
    for (const t of lexed) {
      const type = t.tokenType;
      if (type === Prefix) out.push({ kind: 'prefix', text: t.image, range: this.rangeOf(t) });
      else if (type === Pipe || type === Slash || type === Comma) {
        out.push({ kind: type === Pipe ? 'pipe' : type === Slash ? 'slash' : 'comma', text: t.image, range: this.rangeOf(t) });
        slot = type === Comma ? 'param' : type === Slash ? 'name' : 'head';
      } else {
        const cut = slot === 'param' ? t.image.indexOf('_') : -1;
        const s = t.startOffset;
        if (cut === -1) out.push({ kind: 'name', text: t.image, range: this.rangeOf(t) });
        else {
          if (cut > 0) out.push({ kind: 'name', text: t.image.slice(0, cut), range: this.span(s, s + cut) });
          out.push({ kind: 'underscore', text: '_', range: this.span(s + cut, s + cut + 1) });
          if (cut + 1 < t.image.length) {
            out.push({ kind: 'value', text: t.image.slice(cut + 1), range: this.span(s + cut + 1, s + t.image.length) });
          }
        }
      }
    }
    return out;
  }

  /**
   * A name or value. Whitespace in it is reported once and then left out of the word's text, so the rest of
   * the string is checked as it will read once the whitespace is removed (no error hides behind another).
   */
  private word(text: string, start: number): Word {
    const range = this.span(start, start + text.length);
    if (!this.hasWhitespace || !WHITESPACE.test(text)) return { text, range };
    this.whitespace(text, start);
    return { text: text.replace(/\s+/g, ''), range };
  }

  /** Whitespace never belongs in a processing string; the service would read it as part of the word. */
  private whitespace(text: string, start: number): void {
    for (let i = 0; i < text.length; i++) {
      if (!WHITESPACE.test(text[i]!)) continue;
      let j = i + 1;
      while (j < text.length && WHITESPACE.test(text[j]!)) j++;
      this.error(`Whitespace is not allowed in a processing string: remove it from '${text.trim()}'`, this.span(start + i, start + j), {
        title: 'Remove the whitespace',
        newText: '',
      });
      i = j;
    }
  }

  process(prefix: IToken | undefined, stages: RawStage[]): ProcessNode {
    const nodes: StageNode[] = [];
    for (const raw of stages) {
      const node = this.stage(raw);
      if (node) nodes.push(node);
    }
    const first = stages[0]!;
    if (stages.length > 1 && isEmptyStage(first)) {
      this.error("Expected a stage before '|', such as video/convert,f_mp4", this.rangeOf(stages[1]!.pipe!));
    }
    if (nodes.length === 0 && stages.length === 1) {
      const where = prefix ? this.rangeOf(prefix) : this.span(0, this.input.length);
      this.error('Expected a processing string such as image/resize,w_100 or video/convert,f_mp4', where);
    }
    if (prefix && this.hasWhitespace) this.whitespace(prefix.image, prefix.startOffset);
    return {
      range: this.span(0, this.input.length),
      prefix: prefix && { range: this.rangeOf(prefix), mode: prefix.image.replace(/\s+/g, '').startsWith('x-oss-async') ? 'async' : 'sync' },
      stages: nodes,
    };
  }

  private stage(raw: RawStage): StageNode | undefined {
    const { head, pipe } = raw;
    if (isEmptyStage(raw)) {
      if (pipe) this.error("Expected a stage after '|', such as sys/saveas,o_…", this.rangeOf(pipe));
      return undefined;
    }
    const actions: ActionNode[] = [];
    let product: Word | undefined;
    if (head.commas.length > 0) {
      // parameters straight after the head: the stage starts with an action (`notify,topic_…`)
      const action = this.action(head);
      if (action) actions.push(action);
    } else if (head.name) {
      product = this.name(head.name);
    } else {
      this.error("Expected a product before '/', such as image or video", this.rangeOf(raw.actions[0]!.slash!));
    }
    for (const a of raw.actions) {
      const action = this.action(a);
      if (action) actions.push(action);
    }
    // a product made of a hole (`${style}|sys/saveas,…`) stands for a whole unknown stage
    if (product && raw.actions.length === 0 && !product.text.includes(HOLE)) {
      this.error(`Expected '/' and an action after '${product.text}'`, product.range);
    }
    const start = pipe ? endOf(pipe) : startOf(raw);
    return { range: this.span(start, Math.max(start, endOfStage(raw))), product, actions };
  }

  /** A product or action name (the grammar does not judge names: style names may hold `_`). */
  private name(t: IToken): Word {
    this.misplacedPrefix(t);
    return this.word(t.image, t.startOffset);
  }

  private misplacedPrefix(t: IToken): void {
    // nearly no word starts with 'x': the regex only for one that does
    if (t.image.charCodeAt(0) !== 120) return;
    const m = PREFIX_WORD.exec(t.image);
    if (m) this.error(`'${m[0]}' may only stand at the start of the string`, this.span(t.startOffset, t.startOffset + m[0].length));
  }

  private action(raw: RawAction): ActionNode | undefined {
    const name = raw.name && this.name(raw.name);
    if (!raw.name) this.error("Expected an action name after '/'", this.rangeOf(raw.slash ?? raw.commas[0]!));
    const params: ParamNode[] = [];
    // at the head of a stage, a comma is what makes the word an action rather than a product (`notify,`):
    // removing the last one would change what the stage means, so that removal is not offered as certain
    const structural = !raw.slash && raw.params.every((p) => !p);
    for (let i = 0; i < raw.commas.length; i++) {
      const p = this.param(raw.params[i], raw.commas[i]!, structural && i === raw.commas.length - 1);
      if (p) params.push(p);
    }
    if (!name) return undefined;
    return {
      range: this.span(raw.name!.startOffset, endOfAction(raw)),
      name,
      params,
      commas: this.ranges(raw.commas),
    };
  }

  private param(t: IToken | undefined, comma: IToken, structural = false): ParamNode | undefined {
    if (!t) {
      this.error("Empty parameter: remove the extra ','", this.rangeOf(comma), structural ? undefined : { title: "Remove the extra ','", newText: '' });
      return undefined;
    }
    const s = t.startOffset;
    const image = t.image;
    const range = this.span(s, s + image.length);
    const cut = image.indexOf('_');
    if (cut === -1) {
      // a positional value (`rotate,90`)
      this.misplacedPrefix(t);
      return { range, value: this.word(image, s) };
    }
    const node: ParamNode = { range, underscore: this.span(s + cut, s + cut + 1) };
    // a key or value of whitespace only is as empty as it is once the whitespace is removed
    const key = cut > 0 ? this.word(image.slice(0, cut), s) : undefined;
    if (key?.text) node.key = key;
    else this.error("Expected a parameter name before '_'", node.underscore!);
    node.value = this.word(image.slice(cut + 1), s + cut + 1);
    if (node.key && node.value.text === '') {
      this.error(`Parameter '${node.key.text}' has no value after '_'`, range);
    }
    return node;
  }
}

function endOf(t: IToken): number {
  return t.startOffset + t.image.length;
}
function endOfAction(a: RawAction): number {
  for (let i = a.commas.length - 1; i >= 0; i--) {
    const p = a.params[i];
    if (p) return endOf(p);
    return endOf(a.commas[i]!);
  }
  return a.name ? endOf(a.name) : a.slash ? endOf(a.slash) : 0;
}
function endOfStage(s: RawStage): number {
  const last = s.actions[s.actions.length - 1];
  return last ? endOfAction(last) : endOfAction(s.head);
}
function startOf(s: RawStage): number {
  const t = s.head.name ?? s.head.commas[0] ?? s.actions[0]?.slash;
  return t ? t.startOffset : 0;
}
function isEmptyStage(s: RawStage): boolean {
  return !s.head.name && s.head.commas.length === 0 && s.actions.length === 0;
}
