/**
 * "Did you mean": the candidates nearest to `word` by edit distance, when near enough to be a typo. More than
 * one means the guess is ambiguous (mp5 → mp3 or mp4), so it is offered but not applied on its own; more than
 * MAX_GUESSES is no guess at all. A one-character word is near only its other case: any letter is one edit
 * from any other (q is no misspelling of w, m, h, l, s or p).
 */
export function nearest(word: string, candidates: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const limit = w.length === 1 ? 0.5 : w.length === 2 ? 1 : w.length <= 5 ? 2 : 3;
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const c of candidates) {
    // the distance is at least the difference in length: a candidate that cannot tie the best is not measured
    if (Math.abs(c.length - w.length) > bestDistance) continue;
    const lower = c.toLowerCase();
    const d = c === word ? 0 : distance(w, lower, bestDistance) + (lower === w ? 0.5 : 0);
    if (d < bestDistance) {
      best = [c];
      bestDistance = d;
    } else if (d === bestDistance && !best.includes(c)) best.push(c);
  }
  return bestDistance <= limit && best.length <= MAX_GUESSES ? best : [];
}

/** The most candidates a guess offers: past it, the word is near too many to say which is meant. */
const MAX_GUESSES = 3;

/** The single nearest candidate, if there is one. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const found = nearest(word, candidates);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * `nearest` over a list that lives as long as the catalog (an action's keys, a product's actions, an enum's
 * values), remembered per list and word: the same misspellings recur line after line, and in the re-check of a
 * fixed string. At most GUESSES answers are kept in all (then all are dropped: a file of junk stays small);
 * an answer is shared, so it must not be changed.
 */
export function nearestIn(word: string, candidates: readonly string[]): readonly string[] {
  if (word.length > MAX_REMEMBERED) return nearest(word, candidates);
  let byWord = guessed.get(candidates);
  let found = byWord?.get(word);
  if (!found) {
    if (kept >= GUESSES) {
      guessed.clear();
      kept = 0;
      byWord = undefined;
    }
    if (!byWord) guessed.set(candidates, (byWord = new Map()));
    byWord.set(word, (found = nearest(word, candidates)));
    kept++;
  }
  return found;
}

/** `closest` over a list that lives as long as the catalog (see `nearestIn`). */
export function closestIn(word: string, candidates: readonly string[]): string | undefined {
  const found = nearestIn(word, candidates);
  return found.length === 1 ? found[0] : undefined;
}

const guessed = new Map<readonly string[], Map<string, string[]>>();
let kept = 0;
const GUESSES = 4096;
const MAX_REMEMBERED = 64;

/** The three rows `distance` rolls through, kept between calls (it runs for every candidate of every guess). */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions), in three rolling rows. Past
 * `bound` it stops early and returns some distance above it: once two rows in a row exceed the bound, no
 * later row can come back under it.
 */
export function distance(a: string, b: string, bound = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return 99;
  const n = b.length;
  if (rows[0]!.length <= n) rows = [0, 1, 2].map(() => new Int32Array(2 * n + 2));
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array]; // rows i - 2, i - 1, i
  before.fill(0, 0, n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let min = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < min) min = d;
    }
    if (min > bound && previousMin > bound) return min;
    previousMin = min;
    [before, previous, current] = [previous, current, before];
  }
  return previous[n]!;
}
