// What the FileStore remembers about files archived from this window (src/files/store.ts).
import { strict as assert } from 'node:assert';
import type { FileInfo } from '../../../src/api/models';
import { FileStore, type FileChange } from '../../../src/files/store';
import { makeFileInfo } from '../fakes';

const file = (id: string, extra: Partial<FileInfo> = {}): FileInfo => makeFileInfo({ fileId: id, displayName: id, ...extra });

describe('files: FileStore and archived files', () => {
  it('a removal says it was an archive; later answers about the file are not recorded until it is put back', () => {
    const store = new FileStore();
    store.put([file('a'), file('b')]);
    const batches: FileChange[][] = [];
    store.onDidChange((changes) => batches.push([...changes]));
    store.remove(['a', 'b'], { reason: 'archived' });
    assert.deepEqual(batches[0]!.map((c) => c.kind === 'removed' && c.reason), ['archived', 'archived']);
    assert.ok(store.isArchived('a'));
    store.put(file('a', { displayName: 'a late hydration' }));
    assert.equal(store.get('a'), undefined, 'an answer in flight does not bring it back');
    assert.equal(batches.length, 1);
    store.put(file('a'), { joinedLibrary: true });
    assert.equal(store.isArchived('a'), false, 'an archive undone');
    assert.equal(store.get('a')?.displayName, 'a');
    assert.equal(batches[1]![0]!.kind, 'added');
  });

  it('a plain removal (a 404) carries no reason and does not mark the file archived; forget clears the record', () => {
    const store = new FileStore();
    store.put([file('a'), file('b')]);
    const batches: FileChange[][] = [];
    store.onDidChange((changes) => batches.push([...changes]));
    store.remove('a');
    assert.deepEqual(batches[0], [{ kind: 'removed', fileId: 'a', previous: file('a') }]);
    assert.equal(store.isArchived('a'), false);
    store.remove('b', { reason: 'archived' });
    store.forget();
    assert.equal(store.isArchived('b'), false);
  });
});
