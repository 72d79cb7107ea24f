import type { Range } from '../text/range';

/**
 * The syntax tree. It is lossless: every character of the input belongs to exactly one token, in order, and
 * joining the tokens' `raw` texts gives back the input. Ranges are UTF-16 offsets into the original input, so
 * percent-encoded text (`%2C`) maps back to where it was written.
 */

export type TokenKind =
  | 'prefix' // x-oss-process= / x-oss-async-process=
  | 'pipe' // |
  | 'slash' // /
  | 'comma' // ,
  | 'underscore' // the _ between a key and its value
  | 'name' // a product, an action name, a key, or a positional value
  | 'value' // the text after key_
  | 'invalid'; // characters that belong nowhere (reported as a syntax error)

export interface Token {
  kind: TokenKind;
  /** The text as the service reads it (percent escapes decoded). */
  text: string;
  range: Range;
}

export interface Word {
  text: string;
  range: Range;
}

export interface ParamNode {
  range: Range;
  /** Absent for a positional value (`rotate,90`). */
  key?: Word;
  /** The `_` separating key and value. */
  underscore?: Range;
  /** The value; for `key_` with nothing after `_` the value is present with empty text. */
  value?: Word;
}

export interface ActionNode {
  range: Range;
  name: Word;
  params: ParamNode[];
  /** The commas that precede each parameter, in order (for formatting and completion). */
  commas: Range[];
}

export interface StageNode {
  range: Range;
  /** `video` in `video/convert`; absent when a stage starts with an action (`notify,topic_…`). */
  product?: Word;
  actions: ActionNode[];
}

export type RequestMode = 'sync' | 'async';

export interface ProcessNode {
  range: Range;
  /** `x-oss-process=` or `x-oss-async-process=`, which fixes the mode. */
  prefix?: { range: Range; mode: RequestMode };
  stages: StageNode[];
}

export interface SyntaxError {
  message: string;
  range: Range;
  /** A certain repair: replace `range` with this text (delete an extra comma or whitespace). */
  repair?: { title: string; newText: string };
}

export interface ParseResult {
  /** The input exactly as given. */
  text: string;
  tree: ProcessNode;
  tokens: Token[];
  errors: SyntaxError[];
}
