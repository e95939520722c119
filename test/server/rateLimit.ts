// Per API key, per endpoint group, fixed hourly windows (contract §4.3 and "Decisions").
export type RateLimitGroup = 'list' | 'hydrate' | 'upload' | 'search' | 'archive' | 'publicPreview';

export const RATE_LIMIT_GROUPS: readonly RateLimitGroup[] = ['list', 'hydrate', 'upload', 'search', 'archive', 'publicPreview'];

/** Requests per hour. archive and publicPreview are not documented upstream; 500 like the other writes. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitGroup, number>> = {
  list: 50_000, // GET /v1/files and GET /v1/files/{id}
  hydrate: 2_500,
  upload: 500,
  search: 500,
  archive: 500,
  publicPreview: 500, // enable- and disable-public-preview
};

const WINDOW_MS = 3_600_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  resetAt: number;
  allowed: boolean;
}

export class RateLimiter {
  private readonly used = new Map<string, { windowStart: number; count: number }>();

  constructor(private readonly limits: Readonly<Record<RateLimitGroup, number>>) {}

  /** Counts one request and says whether it is within the limit. */
  take(apiKey: string, group: RateLimitGroup, nowMs: number): RateLimitState {
    const counter = this.counter(apiKey, group, nowMs);
    const allowed = counter.count < this.limits[group];
    if (allowed) counter.count++;
    return { ...this.state(group, counter), allowed };
  }

  /** The state without counting a request. */
  peek(apiKey: string, group: RateLimitGroup, nowMs: number): RateLimitState {
    const counter = this.counter(apiKey, group, nowMs);
    return { ...this.state(group, counter), allowed: counter.count < this.limits[group] };
  }

  reset(): void {
    this.used.clear();
  }

  private counter(apiKey: string, group: RateLimitGroup, nowMs: number): { windowStart: number; count: number } {
    const windowStart = Math.floor(nowMs / WINDOW_MS) * WINDOW_MS;
    const key = `${group}\u0000${apiKey}`;
    let counter = this.used.get(key);
    if (!counter || counter.windowStart !== windowStart) this.used.set(key, (counter = { windowStart, count: 0 }));
    return counter;
  }

  private state(group: RateLimitGroup, counter: { windowStart: number; count: number }): Omit<RateLimitState, 'allowed'> {
    const limit = this.limits[group];
    return { limit, remaining: Math.max(0, limit - counter.count), resetAt: (counter.windowStart + WINDOW_MS) / 1000 };
  }
}
