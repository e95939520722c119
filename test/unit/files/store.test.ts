// The window's one record of files (src/files/store.ts).
import { strict as assert } from 'node:assert';
import type { FileInfo, FileSource } from '../../../src/api/models';
import { FileStore, type FileChange } from '../../../src/files/store';
import { makeFileInfo } from '../fakes';

const source = (extra: Partial<FileSource> = {}): FileSource => ({ status: 'ready', url: null, expiresAt: null, width: null, height: null, fileBytes: null, ...extra });
const file = (id: string, extra: Partial<FileInfo> = {}): FileInfo => makeFileInfo({ fileId: id, displayName: id, ...extra });

function recorder(store: FileStore): FileChange[][] {
  const batches: FileChange[][] = [];
  store.onDidChange((changes) => batches.push([...changes]));
  return batches;
}

describe('files: FileStore', () => {
  it('tells subscribers once per put about what was added or changed, and nothing about what did not', () => {
    const store = new FileStore();
    const batches = recorder(store);
    store.put([file('a'), file('b')]);
    assert.deepEqual(batches.map((b) => b.map((c) => c.kind)), [['added', 'added']]);
    store.put([file('a'), file('b', { displayName: 'renamed' })]);
    assert.equal(batches.length, 2);
    assert.deepEqual(batches[1]!.map((c) => c.kind), ['updated']);
    const [update] = batches[1]!;
    assert.ok(update?.kind === 'updated');
    assert.equal(update.previous.displayName, 'b');
    assert.equal(update.file.displayName, 'renamed');
    store.put(file('a'));
    assert.equal(batches.length, 2, 'an identical answer changes nothing');
  });

  it('removes a file and says so; forget drops everything silently', () => {
    const store = new FileStore();
    store.put([file('a'), file('b')]);
    const batches = recorder(store);
    store.remove('a');
    store.remove('a');
    assert.deepEqual(batches, [[{ kind: 'removed', fileId: 'a', previous: file('a') }]]);
    const generation = store.generation;
    store.forget();
    assert.equal(store.size, 0);
    assert.equal(batches.length, 1);
    assert.equal(store.generation, generation + 1, 'a forget starts a new generation (what was fetched before is another connection’s)');
  });

  it('announces files that joined the library even when nothing else changed, and removes a batch at once', () => {
    const store = new FileStore();
    store.put([file('a'), file('b')]);
    const batches = recorder(store);
    store.put(file('a'), { joinedLibrary: true });
    store.put(file('n'), { joinedLibrary: true });
    assert.deepEqual(batches.map((b) => b.map((c) => `${c.kind}:${c.kind === 'removed' ? '' : String(c.joinedLibrary)}`)), [['updated:true'], ['added:true']]);
    store.remove(['a', 'b', 'missing']);
    assert.deepEqual(batches[2]!.map((c) => c.kind === 'removed' && c.fileId), ['a', 'b'], 'one batch for every file removed');
  });

  it('knows whether the library was listed, apart from files it learned one by one; a forget drops that too', () => {
    const store = new FileStore();
    store.put(file('looked-up'));
    assert.equal(store.hasListing, false, 'a file known from a lookup is not a listing');
    store.put([file('a'), file('b')], { fromListing: true });
    assert.equal(store.hasListing, true);
    store.forget();
    assert.equal(store.hasListing, false);
  });

  it('keeps a URL signed later over the last-signed one a list page carries', () => {
    const store = new FileStore();
    const hydrated = file('a', { downloadSource: source({ url: 'https://fresh', expiresAt: 2000 }), thumbnailSource: source({ url: 'https://t-fresh', expiresAt: 2000 }) });
    store.put(hydrated);
    const [listed] = store.put(
      file('a', {
        isPublicPreviewEnabled: true,
        downloadSource: source({ url: 'https://old', expiresAt: 1000 }),
        thumbnailSource: source({ url: null }),
      }),
    );
    assert.equal(listed?.isPublicPreviewEnabled, true, 'the new answer wins for everything else');
    assert.equal(listed?.downloadSource?.url, 'https://fresh');
    assert.equal(listed?.thumbnailSource?.url, 'https://t-fresh');
    const [resigned] = store.put(file('a', { isPublicPreviewEnabled: true, downloadSource: source({ url: 'https://newer', expiresAt: 3000 }) }));
    assert.equal(resigned?.downloadSource?.url, 'https://newer');
    const [failed] = store.put(file('a', { downloadSource: source({ status: 'failed' }) }));
    assert.equal(failed?.downloadSource?.status, 'failed');
    assert.equal(failed?.downloadSource?.url, null, 'a rendition that changed status keeps nothing of the old one');
  });
});
