import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import { RESUME_MARGIN_MS, ResumeAfterLimit } from '../../../src/async/resumeAfterLimit';

describe('ResumeAfterLimit', () => {
  const now = 1_000_000;
  let resume: ResumeAfterLimit;
  let runs: number;
  const run = () => runs++;

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    resume = new ResumeAfterLimit(() => now);
    runs = 0;
  });
  afterEach(() => {
    resume.dispose();
    mock.timers.reset();
  });

  it('runs once, after the reset time and its margin, never before', () => {
    resume.schedule(now + 7_000, run, () => true);
    mock.timers.tick(7_000 + RESUME_MARGIN_MS - 1);
    assert.equal(runs, 0);
    mock.timers.tick(1);
    assert.equal(runs, 1);
    assert.equal(resume.scheduled, false);
    mock.timers.tick(60_000);
    assert.equal(runs, 1);
  });

  it('does not run what is no longer wanted', () => {
    resume.schedule(now + 7_000, run, () => false);
    mock.timers.tick(10_000);
    assert.equal(runs, 0);
  });

  it('is replaced by the next schedule, cancelled by cancel and dispose, and skipped without a reset time', () => {
    resume.schedule(now + 7_000, run, () => true);
    resume.schedule(now + 20_000, run, () => true);
    mock.timers.tick(10_000);
    assert.equal(runs, 0, 'the first schedule was replaced');
    resume.cancel();
    mock.timers.tick(20_000);
    assert.equal(runs, 0);
    resume.schedule(undefined, run, () => true);
    assert.equal(resume.scheduled, false);
    resume.schedule(now + 1_000, run, () => true);
    resume.dispose();
    mock.timers.tick(5_000);
    assert.equal(runs, 0);
  });
});
