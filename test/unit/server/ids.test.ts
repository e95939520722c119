// Ids the local server mints look like VideoGen's: `vg_file_` + 22 base62 characters (contract §2.7).
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { decodeIdBody, encodeIdBody, isWellFormedFileId, newFileId, StableIds, toolExecutionIdFor } from '../../server/ids';

describe('local VideoGen server: ids', () => {
  it('mints vg_file_ + 22 base62 characters that decode back to their 16 bytes', () => {
    const stable = new StableIds('sample');
    for (let i = 0; i < 500; i++) {
      for (const id of [newFileId(), stable.nextFileId()]) {
        assert.match(id, /^vg_file_[0-9A-Za-z]{22}$/);
        assert.ok(isWellFormedFileId(id), id);
      }
      const bytes = randomBytes(16);
      assert.deepEqual(decodeIdBody(encodeIdBody(bytes)), bytes);
    }
    assert.equal(encodeIdBody(Buffer.alloc(16)), '0'.repeat(22));
    assert.equal(encodeIdBody(Buffer.alloc(16, 0xff)), '7n42DGM5Tflk9n8mt7Fhc7');
  });

  it('refuses bodies that are not 22 base62 characters of at most 128 bits', () => {
    for (const id of ['vg_file_7n42DGM5Tflk9n8mt7Fhc8', 'vg_file_zzzzzzzzzzzzzzzzzzzzzz', 'vg_file_1jRWeKvN7wEjRWeJq83v-Q', 'vg_file_short', 'vg_proj_0000000000000000000000']) {
      assert.equal(isWellFormedFileId(id), false, id);
    }
    assert.ok(isWellFormedFileId('vg_file_7n42DGM5Tflk9n8mt7Fhc7'));
  });

  it('derives a stable tool execution id of the same shape', () => {
    const id = new StableIds('x').nextFileId();
    assert.equal(toolExecutionIdFor(id), toolExecutionIdFor(id));
    assert.match(toolExecutionIdFor(id), /^vg_tool_[0-9A-Za-z]{22}$/);
  });
});
