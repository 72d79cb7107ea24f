/**
 * "Did you mean": the candidates nearest to `word` by edit distance, when near enough to be a typo. More than
 * one means the guess is ambiguous (mp5 → mp3 or mp4), so it is offered but not applied on its own.
 */
export function nearest(word: string, candidates: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const limit = w.length <= 2 ? 1 : w.length <= 5 ? 2 : 3;
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = c === word ? 0 : distance(w, c.toLowerCase()) + (c.toLowerCase() === w ? 0.5 : 0);
    if (d < bestDistance) {
      best = [c];
      bestDistance = d;
    } else if (d === bestDistance && !best.includes(c)) best.push(c);
  }
  return bestDistance <= limit ? best : [];
}

/** The single nearest candidate, if there is one. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const found = nearest(word, candidates);
  return found.length === 1 ? found[0] : undefined;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), in three rolling rows. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return 99;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0); // row i - 2
  let previous = new Array<number>(n + 1);
  let current = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[n]!;
}
