// When the Files view checks its first page for files made elsewhere: on an interval while the view is visible,
// and when the window regains focus, within a small share of the list budget, backing off after failures. No
// vscode import: the clock is injected.

/** The list budget: GET /v1/files and GET /v1/files/{id} share 50,000 requests per key and hour (contract §4.3). */
export const LIST_BUDGET_PER_HOUR = 50_000;
/** The shortest interval the setting may ask for: 240 checks an hour, under 0.5 % of the list budget. */
export const MIN_INTERVAL_SECONDS = 15;
/** Focus changes come in bursts (a dialog, alt-tab twice): at most one check per this many ms for them. */
export const MIN_GAP_MS = 10_000;
/** Failures double the wait up to this. */
export const MAX_BACKOFF_MS = 30 * 60_000;

/** The interval setting, in seconds: 0 (or less) is off, anything else at least MIN_INTERVAL_SECONDS. */
export function checkIntervalMs(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.max(MIN_INTERVAL_SECONDS, Math.round(seconds)) * 1000;
}

export class FirstPageCheckSchedule {
  private lastCheckAt = -Infinity;
  /** No check before this (a 429's reset time, or the backoff after a failure). */
  private notBefore = -Infinity;
  private failures = 0;

  constructor(
    private intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
  }

  /** Off: the setting is 0. Focus checks are off with it. */
  get enabled(): boolean {
    return this.intervalMs > 0;
  }

  /** Whether a focus event may check now. */
  mayCheckOnFocus(): boolean {
    const now = this.now();
    return this.enabled && now >= this.notBefore && now - this.lastCheckAt >= MIN_GAP_MS;
  }

  /** Milliseconds until the next interval check is due (0: now); undefined when off. */
  delayUntilNext(): number | undefined {
    if (!this.enabled) return undefined;
    const now = this.now();
    const due = Math.max(this.lastCheckAt + this.intervalMs, this.notBefore);
    return Math.max(0, due - now);
  }

  started(): void {
    this.lastCheckAt = this.now();
  }

  succeeded(): void {
    this.failures = 0;
    this.notBefore = -Infinity;
  }

  /** A failed check: wait what the server asked for (a 429's Retry-After), else twice as long as before. */
  failed(retryAfterMs: number | null | undefined): void {
    this.failures++;
    const backoff = Math.min(MAX_BACKOFF_MS, Math.max(this.intervalMs, MIN_GAP_MS) * 2 ** this.failures);
    const wait = retryAfterMs !== null && retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(retryAfterMs, this.intervalMs) : backoff;
    this.notBefore = this.now() + wait;
  }
}
