/** At most `limit` jobs at once, at most `queue` waiting; past that `hasRoom()` is false and `run` refuses. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly queue: number,
  ) {}

  hasRoom(): boolean {
    return this.active < this.limit || this.waiting.length < this.queue;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queue) throw new LimitError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export class LimitError extends Error {
  override readonly name = 'LimitError';
  constructor() {
    super('Too many requests are waiting; try again later.');
  }
}
