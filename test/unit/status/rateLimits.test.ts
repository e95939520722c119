import { strict as assert } from 'node:assert';
import { RateLimitState, UNKNOWN_RESET_SHOWN_MS } from '../../../src/status/rateLimits';

describe('rate-limit state', () => {
  it('keeps each exhausted budget until it resets, the latest reset first, and tells when to redraw', () => {
    let now = 1_000_000;
    const state = new RateLimitState(() => now);
    let changes = 0;
    state.onDidChange(() => changes++);
    state.record('uploads', now + 60_000);
    state.record('search', now + 120_000);
    assert.deepEqual(state.active(), [{ budget: 'search', untilMs: now + 120_000 }, { budget: 'uploads', untilMs: now + 60_000 }]);
    assert.equal(state.nextChangeMs(), now + 60_000);
    assert.equal(changes, 2);
    now += 60_000;
    assert.deepEqual(state.active().map((n) => n.budget), ['search']);
    now += 60_000;
    assert.deepEqual(state.active(), []);
    assert.equal(state.nextChangeMs(), undefined);
  });

  it('shows a limit without a reset time for a while, and a newer 429 replaces an older one', () => {
    let now = 0;
    const state = new RateLimitState(() => now);
    state.record('uploads', undefined);
    assert.deepEqual(state.active(), [{ budget: 'uploads', untilMs: undefined }]);
    state.record('uploads', 30_000);
    assert.deepEqual(state.active(), [{ budget: 'uploads', untilMs: 30_000 }]);
    state.record('hydrate', undefined);
    now = UNKNOWN_RESET_SHOWN_MS;
    assert.deepEqual(state.active(), []);
  });

  it('forgets every limit when cleared (another key), telling the listeners once', () => {
    const state = new RateLimitState(() => 0);
    let changes = 0;
    state.onDidChange(() => changes++);
    state.record('uploads', 60_000);
    state.clear();
    state.clear();
    assert.deepEqual(state.active(), []);
    assert.equal(changes, 2);
  });
});
