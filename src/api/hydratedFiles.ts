// A cache of hydrated files whose signed URLs are still good, with concurrent requests for an id shared.

import { abortedError } from './errors';
import { isHydratedFileFresh } from './freshness';
import type { FileInfo } from './models';

/** The two client calls the cache needs (VideoGenClient satisfies it). */
export interface HydratingClient {
  getHydratedFile(fileId: string, signal?: AbortSignal): Promise<FileInfo>;
  hydrateFile(fileId: string, signal?: AbortSignal): Promise<FileInfo>;
}

export interface HydratedFileCacheOptions {
  /** Clock in epoch ms; injectable for tests. */
  now?: () => number;
  /** Oldest entries are dropped beyond this. Default 10,000. */
  maxEntries?: number;
  /** Told about every hydrated file stored (the extension's FileStore learns the fresh URLs). */
  onStored?: (file: FileInfo) => void;
}

type RequestMode = 'get' | 'hydrate';

interface SharedRequest {
  promise: Promise<FileInfo>;
  /** Aborted only when every caller waiting on the request has aborted. */
  controller: AbortController;
  waiters: number;
}

export class HydratedFileCache {
  readonly #client: HydratingClient;
  readonly #now: () => number;
  readonly #maxEntries: number;
  readonly #onStored: ((file: FileInfo) => void) | undefined;
  readonly #files = new Map<string, FileInfo>();
  readonly #inFlight = new Map<string, SharedRequest>();
  /** Bumped by invalidate/clear so a request started before them cannot store its stale result. */
  readonly #generations = new Map<string, number>();
  #clearCount = 0;

  constructor(client: HydratingClient, options: HydratedFileCacheOptions = {}) {
    this.#client = client;
    this.#now = options.now ?? Date.now;
    this.#maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.#onStored = options.onStored;
  }

  /**
   * A file whose ready URLs stay valid for more than 60 s: the cached copy while that holds, else
   * getHydratedFile (joining a refresh or get already in flight for the same id).
   */
  get(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    const cached = this.#files.get(fileId);
    if (cached && isHydratedFileFresh(cached, this.#now())) return Promise.resolve(cached);
    const mode: RequestMode = this.#inFlight.has(requestKey('hydrate', fileId)) ? 'hydrate' : 'get';
    return this.#share(mode, fileId, signal);
  }

  /** Forces a hydrate, e.g. after a media URL answered 403. Concurrent refreshes of one id share a request. */
  refresh(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    return this.#share('hydrate', fileId, signal);
  }

  /** Cached copy without any request or freshness check. */
  peek(fileId: string): FileInfo | undefined {
    return this.#files.get(fileId);
  }

  /** Stores a file obtained elsewhere (e.g. from an upload). Served by get() only while its URLs are fresh. */
  set(file: FileInfo): void {
    this.#store(file);
  }

  invalidate(fileId: string): void {
    this.#files.delete(fileId);
    this.#generations.set(fileId, this.#generationOf(fileId) + 1);
    this.#inFlight.delete(requestKey('get', fileId));
    this.#inFlight.delete(requestKey('hydrate', fileId));
  }

  clear(): void {
    this.#files.clear();
    this.#inFlight.clear();
    this.#generations.clear();
    this.#clearCount++;
  }

  get size(): number {
    return this.#files.size;
  }

  #share(mode: RequestMode, fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    if (signal?.aborted) return Promise.reject(abortedError(null, signal.reason));
    const key = requestKey(mode, fileId);
    let shared = this.#inFlight.get(key);
    if (!shared) {
      shared = this.#start(mode, fileId, key);
      this.#inFlight.set(key, shared);
    }
    return this.#wait(shared, key, signal);
  }

  #start(mode: RequestMode, fileId: string, key: string): SharedRequest {
    const controller = new AbortController();
    const generation = this.#generationOf(fileId);
    const clearCount = this.#clearCount;
    const load =
      mode === 'hydrate'
        ? this.#client.hydrateFile(fileId, controller.signal)
        : this.#client.getHydratedFile(fileId, controller.signal);
    const promise = load
      .then((file) => {
        if (generation === this.#generationOf(fileId) && clearCount === this.#clearCount) this.#store(file);
        return file;
      })
      .finally(() => {
        if (this.#inFlight.get(key)?.controller === controller) this.#inFlight.delete(key);
      });
    promise.catch(() => undefined); // every waiter may have left; the rejection is then nobody's
    return { controller, waiters: 0, promise };
  }

  /** Follows the shared request; this caller's abort rejects only this caller (and cancels the request if it was the last). */
  #wait(shared: SharedRequest, key: string, signal?: AbortSignal): Promise<FileInfo> {
    shared.waiters++;
    return new Promise<FileInfo>((resolve, reject) => {
      let settled = false;
      const leave = (): void => {
        settled = true;
        shared.waiters--;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        if (settled) return;
        leave();
        reject(abortedError(null, signal?.reason));
        if (shared.waiters === 0) {
          if (this.#inFlight.get(key) === shared) this.#inFlight.delete(key);
          shared.controller.abort();
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (file) => {
          if (settled) return;
          leave();
          resolve(file);
        },
        (error: unknown) => {
          if (settled) return;
          leave();
          reject(error);
        },
      );
    });
  }

  #store(file: FileInfo): void {
    this.#files.delete(file.fileId); // re-insert so Map order is least-recently-stored first
    this.#files.set(file.fileId, file);
    while (this.#files.size > this.#maxEntries) {
      const oldest = this.#files.keys().next().value;
      if (oldest === undefined) break;
      this.#files.delete(oldest);
    }
    this.#onStored?.(file);
  }

  #generationOf(fileId: string): number {
    return this.#generations.get(fileId) ?? 0;
  }
}

function requestKey(mode: RequestMode, fileId: string): string {
  return `${mode}:${fileId}`;
}
