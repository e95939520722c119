// Which listed rows get real thumbnails (src/tree/thumbnailFocus.ts): the top of the list and the rows around the
// place of the user's last action, never every row VS Code asks an item for.
import { strict as assert } from 'node:assert';
import { AROUND_FOCUS, ThumbnailFocus, TOP_ROWS } from '../../../src/tree/thumbnailFocus';

const near = (focus: ThumbnailFocus, rows: number): number[] => [...Array(rows).keys()].filter((position) => focus.isNear(position));

describe('ThumbnailFocus', () => {
  it('a new list: only its top rows, whatever its length', () => {
    const focus = new ThumbnailFocus();
    assert.equal(near(focus, 5_000).length, TOP_ROWS);
    assert.deepEqual(near(focus, 5_000).at(-1), TOP_ROWS - 1);
  });

  it('after an action at a row, the rows around it too, and it says which became near', () => {
    const focus = new ThumbnailFocus();
    assert.deepEqual(focus.moveTo(1_000), { start: 1_000 - AROUND_FOCUS, end: 1_000 + AROUND_FOCUS });
    assert.equal(near(focus, 5_000).length, TOP_ROWS + 2 * AROUND_FOCUS);
    assert.ok(focus.isNear(1_000 - AROUND_FOCUS) && focus.isNear(1_000 + AROUND_FOCUS - 1));
    assert.ok(!focus.isNear(1_000 + AROUND_FOCUS) && !focus.isNear(500));
  });

  it('the same place again asks for nothing; near the top, only rows past the top are new', () => {
    const focus = new ThumbnailFocus();
    focus.moveTo(200);
    assert.deepEqual(focus.moveTo(200), { start: 0, end: 0 });
    assert.deepEqual(focus.moveTo(10), { start: TOP_ROWS, end: TOP_ROWS });
  });

  it('reset forgets the place', () => {
    const focus = new ThumbnailFocus();
    focus.moveTo(1_000);
    focus.reset();
    assert.equal(near(focus, 5_000).length, TOP_ROWS);
  });
});
