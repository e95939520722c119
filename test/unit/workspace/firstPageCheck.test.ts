// The check of the first page for files made elsewhere (FileLibrary.checkFirstPage), with a fake fetcher.
import { strict as assert } from 'node:assert';
import type { FilePage } from '../../../src/api/models';
import { FileStore, type FileChange } from '../../../src/files/store';
import { FileLibrary, leftTheList, type PageFetcher, type PageQuery } from '../../../src/tree/library';
import { makeFileInfo } from '../fakes';

const QUERY: PageQuery = { pageSize: 3, includeProjectFiles: false, includeExportFiles: false };

const file = (id: string, displayName = id) => makeFileInfo({ fileId: id, displayName });
const page = (ids: string[], nextCursor: string | null): FilePage => ({ files: ids.map((id) => file(id)), hasMore: nextCursor !== null, nextCursor });

/** Answers from a script of pages by cursor; `hold` keeps the next first-page answer until released. */
function scriptedFetcher(pages: Map<string | undefined, FilePage>) {
  const calls: { cursor: string | undefined; signal: AbortSignal }[] = [];
  let held: ((value: void) => void) | undefined;
  let holdNext = false;
  const fetch: PageFetcher = async (_query, cursor, signal) => {
    calls.push({ cursor, signal });
    if (holdNext && cursor === undefined) {
      holdNext = false;
      await new Promise<void>((resolve) => (held = resolve));
    }
    signal.throwIfAborted();
    return structuredClone(pages.get(cursor));
  };
  return {
    fetch,
    calls,
    hold: () => (holdNext = true),
    release: () => held?.(),
  };
}

async function loadedLibrary(pages: Map<string | undefined, FilePage>) {
  const store = new FileStore();
  const fetcher = scriptedFetcher(pages);
  const library = new FileLibrary(store, fetcher.fetch, QUERY);
  await library.ensureLoaded();
  await library.loadMore();
  const changes: FileChange[][] = [];
  store.onDidChange((batch) => changes.push([...batch]));
  return { store, library, fetcher, changes };
}

describe('workspace: first-page check', () => {
  it('puts new files at the top, newest first, keeping every loaded page', async () => {
    const pages = new Map<string | undefined, FilePage>([
      [undefined, page(['a', 'b', 'c'], 'p2')],
      ['p2', page(['d', 'e'], null)],
    ]);
    const { library, fetcher, changes } = await loadedLibrary(pages);
    pages.set(undefined, page(['n2', 'n1', 'a'], 'p2'));
    const result = await library.checkFirstPage();
    assert.deepEqual(result, { outcome: 'checked', added: ['n2', 'n1'], removed: [] });
    assert.deepEqual(library.files.map((f) => f.fileId), ['n2', 'n1', 'a', 'b', 'c', 'd', 'e']);
    assert.equal(library.hasMore, false, 'the paging state is untouched');
    assert.equal(fetcher.calls.length, 3, 'one request: the first page');
    assert.deepEqual(changes.map((batch) => batch.map((c) => c.kind)), [['added', 'added']]);
    assert.ok(changes[0]!.every((c) => c.kind !== 'removed' && c.joinedLibrary === true));
  });

  it('changes nothing, and says nothing, when nothing changed', async () => {
    const pages = new Map<string | undefined, FilePage>([[undefined, page(['a', 'b', 'c'], 'p2')], ['p2', page(['d'], null)]]);
    const { library, changes } = await loadedLibrary(pages);
    const result = await library.checkFirstPage();
    assert.deepEqual(result, { outcome: 'checked', added: [], removed: [] });
    assert.deepEqual(changes, []);
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b', 'c', 'd']);
  });

  it('updates listed files in place through the store', async () => {
    const pages = new Map<string | undefined, FilePage>([[undefined, page(['a', 'b', 'c'], null)]]);
    const { library, store, changes } = await loadedLibrary(pages);
    pages.set(undefined, { files: [file('b', 'renamed'), file('a'), file('c')], hasMore: false, nextCursor: null });
    await library.checkFirstPage();
    assert.equal(store.get('b')?.displayName, 'renamed');
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b', 'c'], 'rows keep their places');
    assert.deepEqual(changes.map((batch) => batch.map((c) => c.kind)), [['updated']]);
  });

  it('removes files archived elsewhere (gone although later files are still listed), keeps files pushed to page 2', async () => {
    const pages = new Map<string | undefined, FilePage>([[undefined, page(['a', 'b', 'c'], 'p2')], ['p2', page(['d'], null)]]);
    const { library, store } = await loadedLibrary(pages);
    // b was archived; one new file pushed c to the second page.
    pages.set(undefined, page(['n', 'a'], 'p2'));
    let result = await library.checkFirstPage();
    assert.deepEqual(result, { outcome: 'checked', added: ['n'], removed: [] }, 'b and c may both just be on page 2');
    pages.set(undefined, page(['n', 'a', 'c'], 'p2'));
    result = await library.checkFirstPage();
    assert.deepEqual(result, { outcome: 'checked', added: [], removed: ['b'] });
    assert.equal(store.get('b'), undefined);
    assert.equal(library.hasDeparted('b'), true);
    assert.deepEqual(library.files.map((f) => f.fileId), ['n', 'a', 'c', 'd']);
  });

  it('says a file left only when the untouched tail of the page proves it', () => {
    const listed = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(leftTheList(listed, ['a'], false), ['b', 'c', 'd', 'e'], 'no further page: the page is the library');
    assert.deepEqual(leftTheList(listed, ['a', 'c', 'd'], true), ['b']);
    assert.deepEqual(leftTheList(listed, ['n', 'a', 'c'], true), ['b'], 'a new file on top');
    assert.deepEqual(leftTheList(listed, ['e', 'a', 'c'], true), ['b'], 'e was touched: it moved to the top');
    assert.deepEqual(leftTheList(listed, ['n', 'a'], true), [], 'one untouched file proves nothing');
    assert.deepEqual(leftTheList(listed, ['d', 'e'], true, (id) => id !== 'd' && id !== 'e'), [], 'touched in list order');
    assert.deepEqual(leftTheList(listed, ['c', 'e'], true, (id) => id !== 'e'), [], 'a touched file ends the untouched tail');
    assert.deepEqual(leftTheList([], ['c'], true), []);
  });

  it('never runs beside a load, and drops its answer when a refresh supersedes it', async () => {
    const pages = new Map<string | undefined, FilePage>([[undefined, page(['a', 'b', 'c'], 'p2')], ['p2', page(['d'], null)]]);
    const store = new FileStore();
    const fetcher = scriptedFetcher(pages);
    const library = new FileLibrary(store, fetcher.fetch, QUERY);
    assert.deepEqual(await library.checkFirstPage(), { outcome: 'busy' }, 'nothing listed yet');
    const loading = library.ensureLoaded();
    assert.deepEqual(await library.checkFirstPage(), { outcome: 'busy' }, 'the first load is in flight');
    await loading;
    const requests = fetcher.calls.length;

    fetcher.hold();
    pages.set(undefined, page(['late', 'a', 'b'], 'p2'));
    const check = library.checkFirstPage();
    assert.equal(library.checkFirstPage(), check, 'concurrent checks share one request');
    await new Promise((resolve) => setImmediate(resolve));
    const refresh = library.refresh();
    assert.equal(fetcher.calls[requests]!.signal.aborted, true, 'the refresh cancels the check');
    fetcher.release();
    assert.deepEqual(await check, { outcome: 'superseded' });
    await refresh;
    assert.deepEqual(library.files.map((f) => f.fileId), ['late', 'a', 'b'], 'the refresh, not the check, listed the page');
  });
});
