// Batches with bounded concurrency (src/batch/run.ts).
import { strict as assert } from 'node:assert';
import { failed, runBatch, succeeded } from '../../../src/batch/run';

describe('batch: runBatch', () => {
  it('keeps every outcome in the items’ order, failures included, and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const outcomes = await runBatch([1, 2, 3, 4, 5, 6], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10 + (n % 3) * 5));
      running--;
      if (n === 4) throw new Error('four failed');
      return n * 10;
    });
    assert.equal(most, 2);
    assert.deepEqual(outcomes.map((o) => o.item), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(succeeded(outcomes).map((s) => s.value), [10, 20, 30, 50, 60]);
    const [failure] = failed(outcomes);
    assert.equal(failure?.item, 4);
    assert.match(String(failure?.error), /four failed/);
  });

  it('an empty batch resolves to no outcomes', async () => {
    assert.deepEqual(await runBatch([], 3, async () => 1), []);
  });
});
