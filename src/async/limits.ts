// Small bounding primitives: how many requests run at once, and how many a window of time allows. No vscode import.

/** Runs at most `max` tasks at once, first come first served. A task whose signal aborted while queued never starts. */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      signal?.throwIfAborted();
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }
}

/** At most `limit` takes within any `windowMs` (sliding window). */
export class SlidingWindowBudget {
  private readonly taken: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one unit if the window has room; false otherwise. */
  tryTake(): boolean {
    const now = this.now();
    while (this.taken.length > 0 && this.taken[0] <= now - this.windowMs) this.taken.shift();
    if (this.taken.length >= this.limit) return false;
    this.taken.push(now);
    return true;
  }

  /** Milliseconds until `tryTake` can succeed again (0 when it can now). */
  msUntilAvailable(): number {
    const now = this.now();
    const live = this.taken.filter((t) => t > now - this.windowMs);
    return live.length < this.limit ? 0 : live[live.length - this.limit]! + this.windowMs - now;
  }

  get remaining(): number {
    const now = this.now();
    return this.limit - this.taken.filter((t) => t > now - this.windowMs).length;
  }
}
