// The Files view's root sections without VS Code: the rows of Pinned / Recently inserted (src/tree/rememberedRows.ts)
// and "Search Library…" (src/tree/treeSearch.ts), over a real FileStore and FileLookup with a scripted GET.
import { strict as assert } from 'node:assert';
import type { FileInfo } from '../../../src/api/models';
import { FileLookup } from '../../../src/files/lookup';
import { LibrarySearch } from '../../../src/files/search';
import { FileStore } from '../../../src/files/store';
import { parseFileRef } from '../../../src/files/fileRefs';
import { RememberedRows } from '../../../src/tree/rememberedRows';
import { queryProblem, TreeSearch, type TreeSearchState } from '../../../src/tree/treeSearch';
import { makeFileInfo } from '../fakes';

const ID = (n: number): string => `vg_file_${String(n).padStart(22, '0')}`;
const file = (n: number, extra: Partial<FileInfo> = {}): FileInfo => makeFileInfo({ fileId: ID(n), displayName: `file ${n}`, ...extra });

class NotFound extends Error {}
class Offline extends Error {}

interface Gets {
  store: FileStore;
  lookup: FileLookup;
  asked: string[];
  /** Answers the GETs waiting for `fileId` (every one asked so far). */
  answer(fileId: string, outcome: FileInfo | 'missing' | 'offline'): void;
}

/** A lookup whose GETs wait until the test answers them. */
function scriptedGets(): Gets {
  const store = new FileStore();
  const asked: string[] = [];
  const waiting = new Map<string, Array<{ resolve(f: FileInfo): void; reject(e: unknown): void }>>();
  const lookup = new FileLookup({
    store,
    getFile: (fileId) =>
      new Promise<FileInfo>((resolve, reject) => {
        asked.push(fileId);
        waiting.set(fileId, [...(waiting.get(fileId) ?? []), { resolve, reject }]);
      }),
    isNotFound: (error) => error instanceof NotFound,
  });
  const answer = (fileId: string, outcome: FileInfo | 'missing' | 'offline'): void => {
    for (const call of waiting.get(fileId) ?? []) {
      if (outcome === 'missing') call.reject(new NotFound());
      else if (outcome === 'offline') call.reject(new Offline());
      else call.resolve(outcome);
    }
    waiting.delete(fileId);
  };
  return { store, lookup, asked, answer };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('tree: pinned and recently inserted rows', () => {
  function rowsOver(gets: Gets): { rows: RememberedRows; settled: string[] } {
    const settled: string[] = [];
    const rows = new RememberedRows({
      peek: (id) => gets.lookup.peek(id),
      resolve: (id) => gets.lookup.resolve(id),
      onDidSettle: (id) => settled.push(id),
    });
    return { rows, settled };
  }

  it('shows stored files at once and looks up the others once each, lazily, showing them as loading meanwhile', async () => {
    const gets = scriptedGets();
    gets.store.put(file(1));
    const { rows, settled } = rowsOver(gets);
    assert.deepEqual(gets.asked, [], 'nothing is asked before the rows are drawn');

    const first = rows.rows([ID(1), ID(2), ID(3)]);
    assert.deepEqual(first.map((r) => r.kind), ['file', 'loading', 'loading']);
    assert.equal(first[0]!.kind === 'file' && first[0]!.file.displayName, 'file 1', 'from the store');
    rows.rows([ID(1), ID(2), ID(3)]);
    await settle();
    assert.deepEqual(gets.asked, [ID(2), ID(3)], 'one GET per unknown id, however often the section is drawn');

    gets.answer(ID(2), file(2, { displayName: 'found later' }));
    gets.answer(ID(3), 'missing');
    await settle();
    assert.deepEqual(settled.sort(), [ID(2), ID(3)], 'each settled lookup redraws the section');
    const after = rows.rows([ID(1), ID(2), ID(3)]);
    assert.deepEqual(after.map((r) => r.kind), ['file', 'file', 'missing']);
    assert.equal(after[1]!.kind === 'file' && after[1]!.file.displayName, 'found later');
    assert.deepEqual(gets.asked, [ID(2), ID(3)], 'a 404 is remembered, not asked again');
  });

  it('follows the store: a rename shows, an archived file says so', async () => {
    const gets = scriptedGets();
    gets.store.put([file(1), file(2)]);
    const { rows } = rowsOver(gets);
    gets.store.put(file(1, { displayName: 'renamed' }));
    gets.store.remove(ID(2), { reason: 'archived' });
    const shown = rows.rows([ID(1), ID(2)]);
    assert.equal(shown[0]!.kind === 'file' && shown[0]!.file.displayName, 'renamed');
    assert.deepEqual(shown[1], { kind: 'archived', fileId: ID(2) });
    assert.deepEqual(gets.asked, [], 'the archive is known without a request');
  });

  it('a failed lookup shows as failed until Refresh asks again', async () => {
    const gets = scriptedGets();
    const { rows } = rowsOver(gets);
    rows.rows([ID(5)]);
    await settle();
    gets.answer(ID(5), 'offline');
    await settle();
    assert.deepEqual(rows.rows([ID(5)]), [{ kind: 'failed', fileId: ID(5) }]);
    await settle();
    assert.equal(gets.asked.length, 1, 'not retried by drawing');
    rows.retryFailed();
    assert.deepEqual(rows.rows([ID(5)]), [{ kind: 'loading', fileId: ID(5) }]);
    await settle();
    assert.equal(gets.asked.length, 2);
  });
});

describe('tree: Search Library', () => {
  interface Searching {
    gets: Gets;
    search: TreeSearch;
    states: Array<TreeSearchState | undefined>;
    queries: string[];
    failures: unknown[];
    answerSearch(files: FileInfo[] | Error): void;
  }

  function searching(): Searching {
    const gets = scriptedGets();
    const queries: string[] = [];
    const pending: Array<{ resolve(v: { file: FileInfo; similarity: number }[]): void; reject(e: unknown): void }> = [];
    const library = new LibrarySearch({
      store: gets.store,
      searchFiles: (query) =>
        new Promise((resolve, reject) => {
          queries.push(query);
          pending.push({ resolve, reject });
        }),
    });
    const states: Array<TreeSearchState | undefined> = [];
    const failures: unknown[] = [];
    const search: TreeSearch = new TreeSearch({
      search: (query, options) => library.search(query, options),
      resolve: (id, signal) => gets.lookup.resolve(id, signal),
      fileIdIn: (query) => {
        const ref = parseFileRef(query);
        return ref.ok ? ref.fileId : undefined;
      },
      current: (id) => (gets.store.isArchived(id) ? undefined : gets.store.get(id)),
      failed: (error) => {
        failures.push(error);
        return `failed: ${(error as Error).message}`;
      },
      onDidChange: () => states.push(search.current),
      numResults: 25,
    });
    const answerSearch = (files: FileInfo[] | Error): void => {
      const call = pending.shift()!;
      if (files instanceof Error) call.reject(files);
      else call.resolve(files.map((f, i) => ({ file: f, similarity: 1 - i / 10 })));
    };
    return { gets, search, states, queries, failures, answerSearch };
  }

  it('validates the query: empty or over the limit is refused', () => {
    assert.equal(queryProblem('   '), 'empty');
    assert.equal(queryProblem('x'.repeat(501)), 'tooLong');
    assert.equal(queryProblem(' mountains '), undefined);
  });

  it('shows searching, then the semantic results in order, read through the store', async () => {
    const { search, states, queries, answerSearch, gets } = searching();
    const running = search.run('  mountain at sunrise ');
    assert.deepEqual(search.current, { phase: 'searching', query: 'mountain at sunrise' });
    await settle();
    answerSearch([file(1), file(2)]);
    await running;
    assert.deepEqual(queries, ['mountain at sunrise']);
    const done = search.current;
    assert.equal(done?.phase, 'done');
    assert.deepEqual(done.phase === 'done' && done.files.map((f) => f.fileId), [ID(1), ID(2)]);
    assert.equal(states.length, 2, 'searching, then done');

    gets.store.put(file(2, { displayName: 'renamed' }));
    gets.store.remove(ID(1), { reason: 'archived' });
    const now = search.current;
    assert.deepEqual(now?.phase === 'done' && now.files.map((f) => f.displayName), ['renamed'], 'a rename shows, an archived file leaves');
    assert.equal(search.shows(ID(2)), true);
  });

  it('a pasted id or URL is looked up exactly, without a search by meaning; an unknown one is missing', async () => {
    const { search, queries, gets } = searching();
    gets.store.put(file(7));
    await search.run(`https://app.videogen.io/media?storageFileId=${ID(7)}`);
    const found = search.current;
    assert.deepEqual(found?.phase === 'done' && found.exact, { kind: 'found', file: gets.store.get(ID(7)) });
    assert.deepEqual(queries, [], 'no semantic search for an id');

    const missing = search.run(ID(8));
    await settle();
    gets.answer(ID(8), 'missing');
    await missing;
    const state = search.current;
    assert.deepEqual(state?.phase === 'done' && state.exact, { kind: 'missing', fileId: ID(8) });
  });

  it('a new search supersedes the one in flight: the late answer never shows', async () => {
    const { search, answerSearch } = searching();
    const first = search.run('first');
    await settle();
    const second = search.run('second');
    await settle();
    answerSearch([file(1)]);
    await first;
    assert.deepEqual(search.current, { phase: 'searching', query: 'second' }, 'the first answer is dropped');
    answerSearch([file(2)]);
    await second;
    const state = search.current;
    assert.deepEqual(state?.phase === 'done' && state.files.map((f) => f.fileId), [ID(2)]);
  });

  it('a failure is reported once and shown as the state; Clear removes the results', async () => {
    const { search, answerSearch, failures } = searching();
    const running = search.run('anything');
    await settle();
    answerSearch(new Error('429 search limit'));
    await running;
    assert.deepEqual(search.current, { phase: 'failed', query: 'anything', message: 'failed: 429 search limit' });
    assert.equal(failures.length, 1);
    search.clear();
    assert.equal(search.current, undefined);
  });
});
