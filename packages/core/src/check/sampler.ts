/**
 * Whether a cache in front of the full path is worth asking. Asking costs something even when it answers
 * nothing (a pass over the string, and learning from the full path's answer for next time), so where answers
 * have become rare — strings that never repeat a shape, a generated file of strings each its own — asking
 * every string costs more than the answers save. Then only one string in `every` asks: enough to notice when
 * answers come back. The verdict never depends on it; only how soon check() answers.
 */
export class Sampler {
  /** Every string asks, whatever came before: for tests that hold a cache's answers to the full path's. */
  static always = false;

  /** The share of recent askers answered: a moving average over about `1 / WEIGHT` of them. */
  private share = 1;
  private skipped = 0;

  /** @param floor the share below which asking is sampled; `every` one string in so many asks then. */
  constructor(
    private readonly floor: number,
    private readonly every: number,
  ) {}

  /** Whether this string asks the cache. */
  asks(): boolean {
    if (Sampler.always || this.share >= this.floor) return true;
    this.skipped = (this.skipped + 1) % this.every;
    return this.skipped === 0;
  }

  /** What asking gave: an answer or not. */
  answered(yes: boolean): void {
    this.share += ((yes ? 1 : 0) - this.share) * WEIGHT;
  }

  /** Back to asking every string (the caches were emptied). */
  reset(): void {
    this.share = 1;
    this.skipped = 0;
  }
}

const WEIGHT = 1 / 16;
