/**
 * One pass over the character codes of a string that lays out a *simple* string — one the tree builder would
 * report nothing in and treat in no special way — as offsets in a reused Int32Array: no token objects, no
 * substrings. The lean parser (parse.ts) builds the tree straight from it, and the checker's fast path
 * (check/fast.ts) reads it without building a tree at all.
 *
 * Simple means: printable ASCII only (no whitespace, no HOLE, no other character the tree builder would cut out
 * or report), no `%` (nothing to percent-decode, whatever the options say), a prefix only at the very start and
 * written exactly, `x-oss-` nowhere else, and no empty stage, product, action name, parameter, key or value.
 * Anything else returns -1 and goes through Chevrotain and the full tree builder, which report it.
 *
 * The layout, from `LAYOUT[0]`:
 *
 *   prefixEnd  async  stageCount  stage*
 *   stage  := productStart productEnd actionCount action*   (productStart -1: the stage starts with an action)
 *   action := nameStart nameEnd paramCount param*
 *   param  := start cut end                                 (cut: the first `_`, -1 for a positional value)
 *
 * The stage's own range starts at its first word (`productStart`, else the first action's name).
 */

/** The characters the layout turns on (also read by check/skeleton.ts). */
export const PIPE = 124;
export const SLASH = 47;
export const COMMA = 44;
export const UNDERSCORE = 95;
export const PERCENT = 37;

const SYNC_PREFIX = 'x-oss-process=';
const ASYNC_PREFIX = 'x-oss-async-process=';

/** Where the layout is written; valid until the next scan (callers read it before anything scans again). */
export let LAYOUT = new Int32Array(256);

/** Fields of the head of the layout. */
export const PREFIX_END = 0;
export const ASYNC = 1;
export const STAGE_COUNT = 2;
export const FIRST_STAGE = 3;

function grow(need: number): void {
  if (need <= LAYOUT.length) return;
  const bigger = new Int32Array(Math.max(need, LAYOUT.length * 2));
  bigger.set(LAYOUT);
  LAYOUT = bigger;
}

/** What each ASCII character is to the scan: one table load per character instead of a row of comparisons. */
const WORD = 0;
const SEPARATOR = 1;
const CUT = 2;
/** Not simple: whitespace, control characters, `%` (and everything past ASCII). */
const OTHER = 3;
const CLASS = new Uint8Array(128).fill(OTHER);
for (let c = 33; c < 127; c++) CLASS[c] = WORD;
CLASS[PIPE] = CLASS[SLASH] = CLASS[COMMA] = SEPARATOR;
CLASS[UNDERSCORE] = CUT;
CLASS[PERCENT] = OTHER;
/** A word character, and the one place where `x-oss-` (not simple past the start) can be seen. */
const DASH = 4;
CLASS[45] = DASH;

/** Whether `x-oss-` starts just before the `-` at `i`. */
function prefixAt(text: string, i: number): boolean {
  return text.charCodeAt(i - 1) === 120 && text.startsWith('x-oss-', i - 1);
}

/** The end of the word starting at `i`: the next separator or the end; -1 when a character is not simple. */
function wordEnd(text: string, i: number, n: number): number {
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? CLASS[c]! : OTHER;
    if (k === WORD || k === CUT) continue;
    if (k === SEPARATOR) return i;
    if (k === OTHER || prefixAt(text, i)) return -1;
  }
  return n;
}

/** The `cut` of an empty parameter (`,,`) in a rough layout: a record that holds no parameter. */
export const EMPTY = -2;
/** Whether the last rough layout left out an empty stage. */
export let emptyStages = false;

/**
 * Lays `text` out in `LAYOUT` when it is simple; returns the number of slots written, or -1. Linear, and it
 * allocates only when a string has more parts than any before it.
 *
 * `rough` also lays out a string whose only fault is an empty part: an empty stage (`||`, a trailing `|`) is
 * left out, an empty parameter (`,,`, a trailing `,`) is a record whose cut is EMPTY, and an empty key or value
 * is a parameter as any other (`cut` at its start, or just before its end). The fast path reads such a layout;
 * the tree builder never does (a rough string is not simple).
 */
export function scan(text: string, rough = false): number {
  // check() lays a string out for its shape, then parses it: the second scan finds the layout already written
  if (text === lastText && rough === lastRough) {
    emptyStages = lastEmptyStages;
    return lastSlots;
  }
  const slots = layout(text, rough);
  // a long string is not held on to (it may be a whole document): what is kept is the empty string's scan
  const kept = text.length <= 16 * 1024;
  lastText = kept ? text : '';
  lastRough = rough;
  lastSlots = kept ? slots : -1;
  lastEmptyStages = kept && emptyStages;
  return slots;
}

/** The last string scanned, how, and what the scan gave (the layout it wrote is still in LAYOUT); no object per scan. */
let lastText = '';
let lastRough = false;
let lastSlots = -1;
let lastEmptyStages = false;

function layout(text: string, rough: boolean): number {
  const n = text.length;
  emptyStages = false;
  if (n === 0) return -1;
  let i = 0;
  let async = 0;
  // a prefix starts with 'x': most strings are told without a call
  if (text.charCodeAt(0) !== 120) {
    // no prefix
  } else if (text.startsWith(SYNC_PREFIX)) i = SYNC_PREFIX.length;
  else if (text.startsWith(ASYNC_PREFIX)) {
    i = ASYNC_PREFIX.length;
    async = 1;
  }
  // a prefix (or a misspelt one) anywhere else is the tree builder's to report: the loops below see it at its '-'
  if (i === n) return -1;
  // every record (3 slots) has a character of its own (a param its comma, an action its name's first, a stage
  // its '|'), except the first stage's: a bound known before scanning
  grow(3 * n + 8);
  const L = LAYOUT;
  L[PREFIX_END] = i;
  L[ASYNC] = async;
  let stages = 0;
  let w = FIRST_STAGE;
  for (;;) {
    // a stage: its head word, a product when '/' follows it, else an action with parameters (`notify,topic_…`)
    if (rough) {
      while (i < n && text.charCodeAt(i) === PIPE) {
        i++;
        emptyStages = true;
      }
    }
    if (i === n) break; // only in a rough layout: the string ends in empty stages
    const stageAt = w;
    w += 3;
    stages++;
    let actions = 0;
    const head = i;
    i = wordEnd(text, i, n);
    if (i <= head) return -1;
    let c = i < n ? text.charCodeAt(i) : -1;
    if (c === COMMA) {
      L[stageAt] = -1;
      L[stageAt + 1] = -1;
      i = head;
    } else if (c === SLASH) {
      L[stageAt] = head;
      L[stageAt + 1] = i;
      i++;
    } else return -1; // a product with no action
    // actions: a name, then `,param` words
    for (;;) {
      const name = i;
      i = wordEnd(text, i, n);
      if (i <= name) return -1;
      const actionAt = w;
      L[w] = name;
      L[w + 1] = i;
      w += 3;
      actions++;
      let params = 0;
      c = i < n ? text.charCodeAt(i) : -1;
      while (c === COMMA) {
        const start = ++i;
        let cut = -1;
        for (; i < n; i++) {
          c = text.charCodeAt(i);
          const k = c < 128 ? CLASS[c]! : OTHER;
          if (k === WORD) continue;
          if (k === SEPARATOR) break;
          if (k === OTHER) return -1;
          if (k === DASH) {
            if (prefixAt(text, i)) return -1;
            continue;
          }
          if (cut === -1) cut = i;
        }
        // an empty parameter, key or value is a syntax error
        if (i === start || cut === start || cut === i - 1) {
          if (!rough) return -1;
          if (i === start) cut = EMPTY;
        }
        L[w] = start;
        L[w + 1] = cut;
        L[w + 2] = i;
        w += 3;
        params++;
        c = i < n ? text.charCodeAt(i) : -1;
      }
      L[actionAt + 2] = params;
      if (c !== SLASH) break;
      i++;
    }
    L[stageAt + 2] = actions;
    if (i === n) break;
    i++; // '|': another stage, which must not be empty (but in a rough layout)
    if (i === n) {
      if (!rough) return -1;
      emptyStages = true;
    }
  }
  L[STAGE_COUNT] = stages;
  return w;
}
