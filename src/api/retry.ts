// Retry policy for idempotent calls (GET, hydrate): 408/429/5xx and network failures only.

import { VideoGenApiError, abortedError } from './errors';

export interface RetryOptions {
  /** Attempts in total, the first included. 1 disables retries. Default 4. */
  maxAttempts?: number;
  /** First backoff delay when the server gives no hint; doubles per attempt. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Longest single wait. A server asking for more (e.g. an hourly rate-limit reset) is not waited for:
   * the error surfaces at once with `retryAfterMs` so the UI can say when to try again. Default 30 s.
   */
  maxDelayMs?: number;
  /** Budget for all waits of one call together. Default 60 s. */
  maxTotalDelayMs?: number;
}

export interface RetryPolicy extends Required<RetryOptions> {
  /** Source of jitter in [0, 1); injectable for tests. */
  random: () => number;
}

export const DEFAULT_RETRY_OPTIONS: Readonly<Required<RetryOptions>> = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxTotalDelayMs: 60_000,
};

export function resolveRetryPolicy(options: RetryOptions = {}, random: () => number = Math.random): RetryPolicy {
  const pick = (value: number | undefined, fallback: number, min: number): number =>
    value !== undefined && Number.isFinite(value) ? Math.max(min, value) : fallback;
  return {
    maxAttempts: Math.floor(pick(options.maxAttempts, DEFAULT_RETRY_OPTIONS.maxAttempts, 1)),
    baseDelayMs: pick(options.baseDelayMs, DEFAULT_RETRY_OPTIONS.baseDelayMs, 0),
    maxDelayMs: pick(options.maxDelayMs, DEFAULT_RETRY_OPTIONS.maxDelayMs, 0),
    maxTotalDelayMs: pick(options.maxTotalDelayMs, DEFAULT_RETRY_OPTIONS.maxTotalDelayMs, 0),
    random,
  };
}

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unparsable. */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | null {
  if (value == null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const dateMs = Date.parse(trimmed);
  return Number.isNaN(dateMs) ? null : Math.max(0, dateMs - nowMs);
}

/** `X-RateLimit-Reset` read as Unix seconds (the project's decision, contract "Decisions"). */
export function parseRateLimitResetMs(value: string | null | undefined, nowMs: number): number | null {
  if (value == null || !/^\d+(\.\d+)?$/.test(value.trim())) return null;
  return Math.max(0, Math.round(Number(value.trim()) * 1000 - nowMs));
}

/**
 * How long the server asked us to wait. X-RateLimit-Reset is sent on every response, so it only means
 * "wait" on a 429; on a 5xx it would be the end of the hourly window, not a hint.
 */
export function serverRequestedDelayMs(
  status: number,
  header: (name: string) => string | null,
  nowMs: number = Date.now(),
): number | null {
  const retryAfter = parseRetryAfterMs(header('retry-after'), nowMs);
  if (retryAfter !== null) return retryAfter;
  return status === 429 ? parseRateLimitResetMs(header('x-ratelimit-reset'), nowMs) : null;
}

export function isRetryableError(error: unknown): error is VideoGenApiError {
  if (!(error instanceof VideoGenApiError)) return false;
  if (error.kind === 'network') return true;
  if (error.kind !== 'http' || error.status === null) return false;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped at maxDelayMs. */
export function backoffDelayMs(retryNumber: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.round(exponential / 2 + (exponential / 2) * policy.random());
}

export interface RetryContext {
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Told about each wait before it starts, e.g. for logging. */
  onRetry?: (info: { attempt: number; delayMs: number; error: VideoGenApiError }) => void;
}

/**
 * Runs `attempt(1)`, then retries retryable failures while attempts, the per-wait cap and the total wait
 * budget allow. Waits are abort-aware; an abort (or any non-retryable error) ends the loop at once.
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, context: RetryContext): Promise<T> {
  const { policy, signal } = context;
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isRetryableError(error) || attempt >= policy.maxAttempts || signal?.aborted) throw error;
      const delayMs = error.retryAfterMs ?? backoffDelayMs(attempt, policy);
      if (delayMs > policy.maxDelayMs || waitedMs + delayMs > policy.maxTotalDelayMs) throw error;
      context.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
      waitedMs += delayMs;
    }
  }
}

/** setTimeout as a promise that rejects with an 'aborted' VideoGenApiError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(null, signal.reason));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(null, signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
