import { strict as assert } from 'node:assert';
import { HydratedFileCache, type FileInfo, type HydratingClient } from '../../../src/api';
import { deferred, expectApiError, makeFile, makeSource } from './helpers';

const NOW_MS = 1_800_000_000_000;

function hydrated(fileId: string, expiresInSeconds: number, nowMs = NOW_MS): FileInfo {
  return makeFile({ fileId, downloadSource: makeSource({ expiresAt: nowMs / 1000 + expiresInSeconds }) });
}

/** A client whose calls stay pending until the test settles them. */
class FakeClient implements HydratingClient {
  readonly calls: Array<{ method: 'get' | 'hydrate'; fileId: string; signal?: AbortSignal; settle: ReturnType<typeof deferred<FileInfo>> }> = [];

  getHydratedFile(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    return this.#record('get', fileId, signal);
  }

  hydrateFile(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    return this.#record('hydrate', fileId, signal);
  }

  #record(method: 'get' | 'hydrate', fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    const settle = deferred<FileInfo>();
    this.calls.push({ method, fileId, signal, settle });
    return settle.promise;
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('api/HydratedFileCache (unit)', () => {
  let now = NOW_MS;
  let client: FakeClient;
  let cache: HydratedFileCache;
  beforeEach(() => {
    now = NOW_MS;
    client = new FakeClient();
    cache = new HydratedFileCache(client, { now: () => now });
  });

  it('dedupes concurrent gets and serves the cache until 60 s before expiry', async () => {
    const first = cache.get('vg_file_a');
    const second = cache.get('vg_file_a');
    assert.equal(client.calls.length, 1);
    client.calls[0].settle.resolve(hydrated('vg_file_a', 600));
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, b);

    now = NOW_MS + 539_000; // 61 s left
    assert.equal(await cache.get('vg_file_a'), a);
    assert.equal(client.calls.length, 1);

    now = NOW_MS + 541_000; // 59 s left
    const third = cache.get('vg_file_a');
    assert.equal(client.calls.length, 2);
    client.calls[1].settle.resolve(hydrated('vg_file_a', 600, now));
    assert.notEqual(await third, a);
  });

  it("one caller's abort leaves the shared request running for the others", async () => {
    const controller = new AbortController();
    const aborted = cache.get('vg_file_a', controller.signal);
    const patient = cache.get('vg_file_a');
    controller.abort();
    await expectApiError(() => aborted, 'aborted');
    assert.equal(client.calls[0].signal?.aborted, false);
    client.calls[0].settle.resolve(hydrated('vg_file_a', 600));
    assert.equal((await patient).fileId, 'vg_file_a');
  });

  it('cancels the shared request when every caller has aborted', async () => {
    const one = new AbortController();
    const two = new AbortController();
    const first = cache.get('vg_file_a', one.signal);
    const second = cache.get('vg_file_a', two.signal);
    one.abort();
    assert.equal(client.calls[0].signal?.aborted, false);
    two.abort();
    assert.equal(client.calls[0].signal?.aborted, true);
    await expectApiError(() => first, 'aborted');
    await expectApiError(() => second, 'aborted');
    // A later get starts afresh instead of joining the cancelled request.
    cache.get('vg_file_a');
    assert.equal(client.calls.length, 2);
  });

  it('refresh forces a hydrate, and a get joins a refresh in flight', async () => {
    client.calls.length = 0;
    const seeded = hydrated('vg_file_a', 3600);
    cache.set(seeded);
    assert.equal(await cache.get('vg_file_a'), seeded);
    assert.equal(client.calls.length, 0);

    const refreshed = cache.refresh('vg_file_a');
    const joined = cache.refresh('vg_file_a');
    assert.equal(client.calls.length, 1);
    assert.equal(client.calls[0].method, 'hydrate');
    client.calls[0].settle.resolve(hydrated('vg_file_a', 7200));
    assert.equal(await refreshed, await joined);
    assert.equal(cache.peek('vg_file_a'), await refreshed);

    cache.invalidate('vg_file_a');
    const refreshing = cache.refresh('vg_file_a');
    const getting = cache.get('vg_file_a');
    assert.equal(client.calls.length, 2, 'get joined the refresh');
    client.calls[1].settle.resolve(hydrated('vg_file_a', 7200));
    assert.equal(await getting, await refreshing);
  });

  it('a result that arrives after invalidate() is returned but not cached', async () => {
    const pending = cache.get('vg_file_a');
    cache.invalidate('vg_file_a');
    client.calls[0].settle.resolve(hydrated('vg_file_a', 600));
    await pending;
    assert.equal(cache.peek('vg_file_a'), undefined);
  });

  it('propagates errors to every waiter and caches nothing', async () => {
    const first = cache.get('vg_file_a');
    const second = cache.get('vg_file_a');
    client.calls[0].settle.reject(new Error('boom'));
    await assert.rejects(first, /boom/);
    await assert.rejects(second, /boom/);
    assert.equal(cache.size, 0);
    await tick();
    cache.get('vg_file_a');
    assert.equal(client.calls.length, 2);
  });

  it('clear() and maxEntries bound what is kept', () => {
    const small = new HydratedFileCache(client, { now: () => now, maxEntries: 2 });
    small.set(hydrated('a', 600));
    small.set(hydrated('b', 600));
    small.set(hydrated('c', 600));
    assert.equal(small.size, 2);
    assert.equal(small.peek('a'), undefined);
    small.clear();
    assert.equal(small.size, 0);
  });
});
