// Which of VideoGen's hourly budgets are exhausted, and until when: recorded by the error reporter from the one
// classification of each failure, read by the status bar. No vscode import.

export interface RateLimitNotice {
  /** The budget, named for people ("uploads", "search"…). */
  readonly budget: string;
  /** When it resets (epoch ms), if the server said. */
  readonly untilMs: number | undefined;
}

/** How long a limit without a reset time is shown. */
export const UNKNOWN_RESET_SHOWN_MS = 5 * 60 * 1000;

export class RateLimitState {
  private readonly limits = new Map<string, { untilMs: number | undefined; seenAtMs: number }>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  record(budget: string, untilMs: number | undefined): void {
    this.limits.set(budget, { untilMs, seenAtMs: this.now() });
    this.emit();
  }

  /** Forgets every limit (another key or API: its budgets are not these). */
  clear(): void {
    if (this.limits.size === 0) return;
    this.limits.clear();
    this.emit();
  }

  /** Budgets still exhausted now, the one that resets last first. */
  active(): RateLimitNotice[] {
    const now = this.now();
    const notices: RateLimitNotice[] = [];
    for (const [budget, { untilMs, seenAtMs }] of this.limits) {
      if (endOf(untilMs, seenAtMs) > now) notices.push({ budget, untilMs });
      else this.limits.delete(budget);
    }
    return notices.sort((a, b) => (b.untilMs ?? Infinity) - (a.untilMs ?? Infinity));
  }

  /** When the next recorded limit ends (epoch ms), to redraw then; undefined when none is active. */
  nextChangeMs(): number | undefined {
    const ends = [...this.limits.values()].map(({ untilMs, seenAtMs }) => endOf(untilMs, seenAtMs)).filter((end) => end > this.now());
    return ends.length === 0 ? undefined : Math.min(...ends);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function endOf(untilMs: number | undefined, seenAtMs: number): number {
  return untilMs ?? seenAtMs + UNKNOWN_RESET_SHOWN_MS;
}
