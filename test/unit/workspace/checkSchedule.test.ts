// When the Files view checks its first page (src/tree/checkSchedule.ts): a small share of the list budget, backing
// off after failures, focus bursts coalesced.
import { strict as assert } from 'node:assert';
import { checkIntervalMs, FirstPageCheckSchedule, LIST_BUDGET_PER_HOUR, MAX_BACKOFF_MS, MIN_GAP_MS, MIN_INTERVAL_SECONDS } from '../../../src/tree/checkSchedule';

describe('workspace: first-page check schedule', () => {
  it('reads the setting: 0 is off, short intervals are raised to the floor', () => {
    assert.equal(checkIntervalMs(0), 0);
    assert.equal(checkIntervalMs(-5), 0);
    assert.equal(checkIntervalMs(undefined), 0);
    assert.equal(checkIntervalMs(Number.NaN), 0);
    assert.equal(checkIntervalMs(1), MIN_INTERVAL_SECONDS * 1000);
    assert.equal(checkIntervalMs(60), 60_000);
  });

  it('keeps interval checks under half a percent of the hourly list budget even at the floor', () => {
    const checksPerHour = 3600 / MIN_INTERVAL_SECONDS;
    assert.ok(checksPerHour / LIST_BUDGET_PER_HOUR < 0.005, `${checksPerHour} checks an hour`);
  });

  it('is due an interval after the last check, and never when off', () => {
    let now = 1_000_000;
    const schedule = new FirstPageCheckSchedule(60_000, () => now);
    assert.equal(schedule.delayUntilNext(), 0, 'never checked: due now');
    schedule.started();
    assert.equal(schedule.delayUntilNext(), 60_000);
    now += 45_000;
    assert.equal(schedule.delayUntilNext(), 15_000);
    schedule.setInterval(0);
    assert.equal(schedule.delayUntilNext(), undefined);
    assert.equal(schedule.mayCheckOnFocus(), false);
  });

  it('lets focus check at most once per gap', () => {
    let now = 0;
    const schedule = new FirstPageCheckSchedule(60_000, () => now);
    assert.equal(schedule.mayCheckOnFocus(), true);
    schedule.started();
    now += MIN_GAP_MS - 1;
    assert.equal(schedule.mayCheckOnFocus(), false);
    now += 1;
    assert.equal(schedule.mayCheckOnFocus(), true);
  });

  it("waits out a 429's reset time, backs off exponentially after other failures, and resets on success", () => {
    let now = 0;
    const schedule = new FirstPageCheckSchedule(60_000, () => now);
    schedule.started();
    schedule.failed(10 * 60_000);
    assert.equal(schedule.delayUntilNext(), 10 * 60_000, 'the reset time of the 429');
    now += MIN_GAP_MS;
    assert.equal(schedule.mayCheckOnFocus(), false, 'focus does not check before the reset either');
    schedule.succeeded();
    schedule.started();
    schedule.failed(null);
    assert.equal(schedule.delayUntilNext(), 120_000);
    schedule.failed(null);
    assert.equal(schedule.delayUntilNext(), 240_000);
    for (let i = 0; i < 20; i++) schedule.failed(null);
    assert.equal(schedule.delayUntilNext(), MAX_BACKOFF_MS);
    schedule.succeeded();
    assert.equal(schedule.delayUntilNext(), 60_000);
  });
});
