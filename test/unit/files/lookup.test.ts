// What ids in text refer to (src/files/lookup.ts), and the workspace's pinned and recent files (src/files/remembered.ts).
import { strict as assert } from 'node:assert';
import { SlidingWindowBudget } from '../../../src/async/limits';
import { FileLookup, type FileLookupOptions } from '../../../src/files/lookup';
import { MAX_RECENTLY_INSERTED, RememberedFiles, type KeyValueState } from '../../../src/files/remembered';
import { FileStore } from '../../../src/files/store';
import { makeFileInfo } from '../fakes';

const ID = (n: number): string => `vg_file_${String(n).padStart(22, '0')}`;

class NotFound extends Error {}

interface Fixture {
  store: FileStore;
  lookup: FileLookup;
  asked: string[];
  clock: { now: number };
}

function fixture(known: readonly string[], options: FileLookupOptions = {}): Fixture {
  const store = new FileStore();
  const asked: string[] = [];
  const clock = { now: 1_000_000 };
  const lookup = new FileLookup(
    {
      store,
      getFile: async (fileId) => {
        asked.push(fileId);
        if (!known.includes(fileId)) throw new NotFound();
        return makeFileInfo({ fileId, displayName: `name of ${fileId}` });
      },
      isNotFound: (error) => error instanceof NotFound,
      now: () => clock.now,
    },
    options,
  );
  return { store, lookup, asked, clock };
}

describe('files: FileLookup', () => {
  it('answers from the store without a request, and asks the API once for an id it does not know', async () => {
    const { store, lookup, asked } = fixture([ID(2)]);
    store.put(makeFileInfo({ fileId: ID(1) }));
    assert.equal((await lookup.resolve(ID(1))).kind, 'found');
    assert.deepEqual(asked, []);
    const [first, second] = await Promise.all([lookup.resolve(ID(2)), lookup.resolve(ID(2))]);
    assert.equal(first.kind, 'found');
    assert.equal(second.kind, 'found');
    assert.deepEqual(asked, [ID(2)], 'two lookups in flight share one GET');
    assert.equal(store.get(ID(2))?.displayName, `name of ${ID(2)}`, 'the answer went to the store');
  });

  it('remembers a 404 as missing, and removes a stored file the API no longer has', async () => {
    const { store, lookup, asked, clock } = fixture([]);
    store.put(makeFileInfo({ fileId: ID(3) }));
    assert.equal((await lookup.resolve(ID(4))).kind, 'missing');
    assert.equal((await lookup.resolve(ID(4))).kind, 'missing');
    assert.deepEqual(asked, [ID(4)]);
    assert.equal(lookup.peek(ID(4))?.kind, 'missing');
    assert.equal((await lookup.check([ID(3)], { maxAgeMs: 1000 })).get(ID(3))?.kind, 'found', 'a stored file counts as checked now');
    clock.now += 1001;
    const checked = await lookup.check([ID(3)], { maxAgeMs: 1000 });
    assert.equal(checked.get(ID(3))?.kind, 'missing');
    assert.equal(store.get(ID(3)), undefined);
  });

  it('says archived for a file this window archived, without a request', async () => {
    const { store, lookup, asked } = fixture([ID(5)]);
    store.put(makeFileInfo({ fileId: ID(5) }));
    store.remove(ID(5), { reason: 'archived' });
    assert.equal((await lookup.resolve(ID(5))).kind, 'archived');
    assert.deepEqual(asked, []);
  });

  it('checks many ids once each, and re-asks only about answers older than maxAgeMs', async () => {
    const ids = [1, 2, 3, 4].map(ID);
    const { lookup, asked, clock } = fixture([ID(1), ID(2)], { checksPerMinute: 100 });
    const results = await lookup.check([...ids, ...ids]);
    assert.deepEqual([...results.values()].map((r) => r.kind), ['found', 'found', 'missing', 'missing']);
    assert.equal(asked.length, 4);
    await lookup.check(ids, { maxAgeMs: 60_000 });
    assert.equal(asked.length, 4, 'fresh answers are reused');
    clock.now += 61_000;
    await lookup.check(ids, { maxAgeMs: 60_000 });
    assert.equal(asked.length, 8, 'answers older than maxAgeMs are asked again');
  });

  it('holds background checks to the per-minute budget and drops waiting ones on abort', async () => {
    const ids = [1, 2, 3, 4, 5].map(ID);
    const { lookup, asked } = fixture(ids, { checksPerMinute: 2, concurrency: 5 });
    const controller = new AbortController();
    const checking = lookup.check(ids, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(asked.length, 2, 'two GETs in the first minute');
    controller.abort();
    await assert.rejects(checking);
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(asked.length, 2, 'nothing more is sent after the abort');
    assert.equal((await lookup.resolve(ID(5))).kind, 'found', 'a user lookup is not held back by the budget');
  });

  it('forgets its answers when the connection changes', async () => {
    const { lookup, asked } = fixture([]);
    await lookup.resolve(ID(6));
    lookup.forget();
    assert.equal(lookup.peek(ID(6)), undefined);
    await lookup.resolve(ID(6));
    assert.equal(asked.length, 2);
  });
});

describe('async: SlidingWindowBudget.msUntilAvailable', () => {
  it('is 0 with room, else the time until the oldest take leaves the window', () => {
    let now = 0;
    const budget = new SlidingWindowBudget(2, 1000, () => now);
    assert.equal(budget.msUntilAvailable(), 0);
    budget.tryTake();
    now = 300;
    budget.tryTake();
    assert.equal(budget.msUntilAvailable(), 700);
    now = 1000;
    assert.equal(budget.msUntilAvailable(), 0);
  });
});

class MemoryState implements KeyValueState {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

describe('files: RememberedFiles', () => {
  it('keeps pins in pin order without duplicates, and unpins', async () => {
    const remembered = new RememberedFiles(new MemoryState());
    const changes: string[] = [];
    remembered.onDidChange((list) => changes.push(list));
    await remembered.pin([ID(1), ID(2)]);
    await remembered.pin([ID(1), ID(3)]);
    assert.deepEqual(remembered.pinned(), [ID(1), ID(2), ID(3)]);
    assert.ok(remembered.isPinned(ID(2)));
    await remembered.unpin([ID(2)]);
    assert.deepEqual(remembered.pinned(), [ID(1), ID(3)]);
    assert.deepEqual(changes, ['pinned', 'pinned', 'pinned']);
  });

  it('lists recently inserted files most recent first, bounded, and forgets files that left the library', async () => {
    const state = new MemoryState();
    const remembered = new RememberedFiles(state);
    for (let n = 0; n < MAX_RECENTLY_INSERTED + 5; n++) await remembered.noteInserted([ID(n)]);
    await remembered.noteInserted([ID(7)]);
    const recent = remembered.recentlyInserted();
    assert.equal(recent.length, MAX_RECENTLY_INSERTED);
    assert.equal(recent[0], ID(7));
    assert.equal(recent.filter((id) => id === ID(7)).length, 1);
    await remembered.pin([ID(7)]);
    await remembered.forget([ID(7)]);
    assert.ok(!remembered.recentlyInserted().includes(ID(7)));
    assert.ok(!remembered.isPinned(ID(7)));
    assert.deepEqual(new RememberedFiles(state).recentlyInserted(), remembered.recentlyInserted(), 'kept in the state, ids only');
    state.values.set('videogen.pinnedFileIds', ['ok', 5, null]);
    assert.deepEqual(remembered.pinned(), ['ok'], 'a damaged state is read safely');
  });
});
