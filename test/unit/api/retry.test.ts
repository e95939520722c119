import { strict as assert } from 'node:assert';
import { VideoGenApiError } from '../../../src/api';
import {
  backoffDelayMs,
  isRetryableError,
  parseRateLimitResetMs,
  parseRetryAfterMs,
  resolveRetryPolicy,
  serverRequestedDelayMs,
  sleep,
  withRetries,
} from '../../../src/api/retry';
import { expectApiError } from './helpers';

const NOW = Date.UTC(2026, 9, 1, 12, 0, 0);

function httpFailure(status: number, retryAfterMs: number | null = null): VideoGenApiError {
  return new VideoGenApiError({ kind: 'http', status, message: `status ${status}`, retryAfterMs });
}

describe('api/retry', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfterMs('3', NOW), 3000);
    assert.equal(parseRetryAfterMs(' 1.5 ', NOW), 1500);
    assert.equal(parseRetryAfterMs(new Date(NOW + 7000).toUTCString(), NOW), 7000);
    assert.equal(parseRetryAfterMs(new Date(NOW - 7000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfterMs('soon', NOW), null);
    assert.equal(parseRetryAfterMs(null, NOW), null);
  });

  it('parses X-RateLimit-Reset as Unix seconds', () => {
    assert.equal(parseRateLimitResetMs(String(NOW / 1000 + 42), NOW), 42_000);
    assert.equal(parseRateLimitResetMs(String(NOW / 1000 - 5), NOW), 0);
    assert.equal(parseRateLimitResetMs('x', NOW), null);
  });

  it('prefers Retry-After, and reads X-RateLimit-Reset only on a 429', () => {
    const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;
    const reset = String(NOW / 1000 + 30);
    assert.equal(serverRequestedDelayMs(429, headers({ 'retry-after': '2', 'x-ratelimit-reset': reset }), NOW), 2000);
    assert.equal(serverRequestedDelayMs(429, headers({ 'x-ratelimit-reset': reset }), NOW), 30_000);
    assert.equal(serverRequestedDelayMs(503, headers({ 'x-ratelimit-reset': reset }), NOW), null);
    assert.equal(serverRequestedDelayMs(503, headers({ 'retry-after': '4' }), NOW), 4000);
  });

  it('classifies retryable failures: 408, 429, 5xx, network', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) assert.equal(isRetryableError(httpFailure(status)), true, String(status));
    for (const status of [400, 401, 403, 404, 409]) assert.equal(isRetryableError(httpFailure(status)), false, String(status));
    assert.equal(isRetryableError(new VideoGenApiError({ kind: 'network', message: 'x' })), true);
    for (const kind of ['timeout', 'aborted', 'malformed_response', 'insecure_url'] as const) {
      assert.equal(isRetryableError(new VideoGenApiError({ kind, message: 'x' })), false, kind);
    }
    assert.equal(isRetryableError(new Error('x')), false);
  });

  it('backs off exponentially with jitter, capped', () => {
    const low = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 }, () => 0);
    const high = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.999999);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, low)), [50, 100, 200, 400, 500]);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, high)), [100, 200, 400, 800, 1000]);
  });

  it('retries up to maxAttempts, then surfaces the last error', async () => {
    const attempts: number[] = [];
    const policy = resolveRetryPolicy({ maxAttempts: 3, baseDelayMs: 1 });
    const error = await expectApiError(
      () =>
        withRetries(async (attempt) => {
          attempts.push(attempt);
          throw httpFailure(503);
        }, { policy }),
      'http',
    );
    assert.equal(error.status, 503);
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it('succeeds after transient failures, waiting the server-requested delay', async () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 1 });
    const waits: number[] = [];
    const started = Date.now();
    const result = await withRetries(
      async (attempt) => {
        if (attempt === 1) throw httpFailure(429, 150);
        return 'ok';
      },
      { policy, onRetry: ({ delayMs }) => waits.push(delayMs) },
    );
    assert.equal(result, 'ok');
    assert.deepEqual(waits, [150]);
    assert.ok(Date.now() - started >= 140);
  });

  it('does not retry 4xx, and gives up at once when the server asks for more than maxDelayMs', async () => {
    const policy = resolveRetryPolicy({ maxDelayMs: 1000, baseDelayMs: 1 });
    let calls = 0;
    await expectApiError(() => withRetries(async () => { calls++; throw httpFailure(404); }, { policy }), 'http');
    assert.equal(calls, 1);
    calls = 0;
    const error = await expectApiError(() => withRetries(async () => { calls++; throw httpFailure(429, 3_600_000); }, { policy }), 'http');
    assert.equal(calls, 1);
    assert.equal(error.retryAfterMs, 3_600_000);
  });

  it('stops when the total wait budget would be exceeded', async () => {
    const policy = resolveRetryPolicy({ maxAttempts: 10, maxTotalDelayMs: 250, maxDelayMs: 1000 });
    let calls = 0;
    await expectApiError(() => withRetries(async () => { calls++; throw httpFailure(429, 100); }, { policy }), 'http');
    assert.equal(calls, 3, 'two waits of 100 ms fit in 250 ms, a third does not');
  });

  it('an abort during a wait ends it at once, without another attempt', async () => {
    const controller = new AbortController();
    const policy = resolveRetryPolicy({ baseDelayMs: 1 });
    let calls = 0;
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    await expectApiError(
      () => withRetries(async () => { calls++; throw httpFailure(503, 10_000); }, { policy: { ...policy, maxDelayMs: 20_000 }, signal: controller.signal }),
      'aborted',
    );
    assert.equal(calls, 1);
    assert.ok(Date.now() - started < 1000);
  });

  it('sleep rejects at once for an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectApiError(() => sleep(10_000, controller.signal), 'aborted');
  });
});
