// The window's one way to search (src/files/search.ts).
import { strict as assert } from 'node:assert';
import type { SearchResult } from '../../../src/api/models';
import { LibrarySearch, TYPING_SEARCHES_PER_HOUR, TypingSearchBudgetError } from '../../../src/files/search';
import { FileStore } from '../../../src/files/store';
import { makeFileInfo } from '../fakes';

function fixture(): { store: FileStore; search: LibrarySearch; queries: string[]; clock: { now: number } } {
  const store = new FileStore();
  const queries: string[] = [];
  const clock = { now: 0 };
  const search = new LibrarySearch({
    store,
    now: () => clock.now,
    searchFiles: async (query): Promise<SearchResult[]> => {
      queries.push(query);
      return ['a', 'b'].map((name, i) => ({ similarity: 0.9 - i / 10, file: makeFileInfo({ fileId: `${query}-${name}`, displayName: name }) }));
    },
  });
  return { store, search, queries, clock };
}

describe('files: LibrarySearch', () => {
  it('puts results in the store, leaves archived files out, and answers a repeated query from memory for a minute', async () => {
    const { store, search, queries, clock } = fixture();
    const found = await search.search(' cats ', { numResults: 10 });
    assert.deepEqual(found.map((f) => f.file.fileId), ['cats-a', 'cats-b']);
    assert.equal(store.get('cats-a')?.displayName, 'a');
    store.remove('cats-b', { reason: 'archived' });
    assert.deepEqual((await search.search('cats', { numResults: 10 })).map((f) => f.file.fileId), ['cats-a']);
    assert.deepEqual(queries, ['cats']);
    clock.now += 61_000;
    await search.search('cats', { numResults: 10 });
    assert.deepEqual(queries, ['cats', 'cats']);
    assert.equal(search.requestCount, 2);
  });

  it('holds searches made while typing to their share of the hourly budget; asked searches still run', async () => {
    const { search, clock } = fixture();
    for (let n = 0; n < TYPING_SEARCHES_PER_HOUR; n++) await search.search(`q${n}`, { numResults: 5, purpose: 'typing' });
    await assert.rejects(search.search('one more', { numResults: 5, purpose: 'typing' }), (error: unknown) => {
      assert.ok(error instanceof TypingSearchBudgetError);
      assert.equal(error.retryAtMs, 60 * 60 * 1000);
      return true;
    });
    await search.search('one more', { numResults: 5 });
    clock.now = 60 * 60 * 1000;
    await search.search('typed later', { numResults: 5, purpose: 'typing' });
  });
});
