import { createToken, type IToken, type TokenType } from 'chevrotain';

/**
 * Token types, and the scanner that produces them for the Chevrotain parser.
 *
 * The parser sees separators (`|` `/` `,`), an optional prefix and words: a word is everything between two
 * separators, so `f_mp4` or `b_b3V0YnVja2V0==` is one word and `_`, `-` and `=` inside base64url stay in it.
 * The tree builder splits a word at its first `_` into key and value; `ParseResult.tokens` reports the three
 * parts as tokens of their own. Every character belongs to some token, so scanning never fails.
 *
 * The scanner is hand-written rather than Chevrotain's `Lexer`: a word is "anything but a separator", which
 * Chevrotain's lexer matches with a regex per token through its generic mode machinery, at three times the cost
 * of the whole parse. `Word.PATTERN` still states the token declaratively, and the benchmark runs Chevrotain's
 * lexer over the same token types as a baseline.
 */

export const Pipe = createToken({ name: 'Pipe', pattern: '|' });
export const Slash = createToken({ name: 'Slash', pattern: '/' });
export const Comma = createToken({ name: 'Comma', pattern: ',' });
export const Word = createToken({ name: 'Word', pattern: /[^,/|]+/, line_breaks: true });
/** Only meaningful at the very start; elsewhere the parser reads it as a word and it is reported. */
export const Prefix = createToken({ name: 'Prefix', pattern: /x-oss-(?:async-)?process=/, categories: [Word] });

/** In the order a declarative lexer must try them. */
export const allTokens: TokenType[] = [Pipe, Slash, Comma, Prefix, Word];

const PIPE = 124;
const SLASH = 47;
const COMMA = 44;
const PREFIXES = ['x-oss-process=', 'x-oss-async-process='];

function token(type: TokenType, image: string, startOffset: number): IToken {
  return {
    image,
    startOffset,
    endOffset: startOffset + image.length - 1,
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx!,
  } as IToken;
}

/**
 * The parser consumes tokens synchronously and the tree keeps none of them, so `parse()` scans into objects
 * reused from one string to the next (no garbage per token on the hot path); other callers get fresh ones.
 */
const pool: IToken[] = [];
const pooled: IToken[] = [];

const POOL_SIZE = 4096; // a longer string gets fresh objects past this, so one huge string pins no memory

function reused(i: number, type: TokenType, image: string, startOffset: number): IToken {
  if (i >= POOL_SIZE) return token(type, image, startOffset);
  const t = pool[i];
  if (!t) return (pool[i] = token(type, image, startOffset));
  t.image = image;
  t.startOffset = startOffset;
  t.endOffset = startOffset + image.length - 1;
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx!;
  return t;
}

/** The length of a prefix at the start of `text`, spaces and tabs in it allowed; 0 when there is none. */
function matchPrefix(text: string): number {
  for (const prefix of PREFIXES) {
    let i = 0;
    let k = 0;
    while (k < prefix.length && i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === prefix.charCodeAt(k)) {
        i++;
        k++;
      } else break;
    }
    if (k === prefix.length) return i;
  }
  return 0;
}

/**
 * Splits `text` into tokens; joining their images gives back `text`. With `reuse`, the array and the token
 * objects are the scanner's own and valid only until the next call.
 */
export function tokenize(text: string, reuse = false): IToken[] {
  return scanTokens(text, reuse ? pooled : []);
}

/**
 * The scanner itself, into `tokens` (the pool's own objects when it is the pooled array, fresh ones otherwise):
 * one loop per kind of caller, so neither pays a callback per token.
 */
function scanTokens(text: string, tokens: IToken[]): IToken[] {
  const reuse = tokens === pooled;
  let count = 0;
  const n = text.length;
  let i = 0;
  // a prefix with blanks in or before it (` x-oss-process=`) is still the prefix; the blanks are reported there
  const prefixEnd = matchPrefix(text);
  if (prefixEnd > 0) {
    const image = text.slice(0, prefixEnd);
    tokens[count] = reuse ? reused(count, Prefix, image, 0) : token(Prefix, image, 0);
    count++;
    i = prefixEnd;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === PIPE || c === SLASH || c === COMMA) {
      const type = c === PIPE ? Pipe : c === SLASH ? Slash : Comma;
      tokens[count] = reuse ? reused(count, type, text[i]!, i) : token(type, text[i]!, i);
      count++;
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === COMMA || d === SLASH || d === PIPE) break;
    }
    const image = text.slice(i, j);
    tokens[count] = reuse ? reused(count, Word, image, i) : token(Word, image, i);
    count++;
    i = j;
  }
  if (tokens.length !== count) tokens.length = count;
  return tokens;
}
