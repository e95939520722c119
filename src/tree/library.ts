// The loaded part of the library: pages of GET /v1/files followed by cursor, newest first. No vscode import.

import type { FileInfo, FilePage } from '../api/models';

export interface PageQuery {
  pageSize: number;
  includeProjectFiles: boolean;
  includeExportFiles: boolean;
}

/** Fetches one page; resolves undefined when there is no client (no key, refused base URL). */
export type PageFetcher = (query: PageQuery, cursor: string | undefined, signal: AbortSignal) => Promise<FilePage | undefined>;

/**
 * - `stale`: nothing loaded for the current query yet; the next `ensureLoaded` fetches the first page.
 * - `loading`: the first page is in flight.
 * - `loaded`: at least the first page arrived (later pages may still fail: see `lastError`).
 * - `error`: the first page failed.
 * - `noClient`: there is nothing to ask (no key, or the base URL is refused).
 */
export type LibraryStatus = 'stale' | 'loading' | 'loaded' | 'error' | 'noClient';

/**
 * Pages are followed strictly in order: each cursor is requested once, concurrent `loadMore` calls share the
 * request in flight, and `invalidate` aborts it so a late answer of a previous query can never land.
 */
export class FileLibrary {
  private readonly byId = new Map<string, FileInfo>();
  private ordered: FileInfo[] | undefined;
  private cursor: string | undefined;
  private more = false;
  private readonly followedCursors = new Set<string>();
  private currentStatus: LibraryStatus = 'stale';
  private failure: unknown;
  private controller = new AbortController();
  private inFlight: Promise<void> | undefined;
  private generationCounter = 0;

  constructor(
    private readonly fetchPage: PageFetcher,
    private query: PageQuery,
    private readonly onDidChange: () => void = () => undefined,
  ) {}

  get status(): LibraryStatus {
    return this.currentStatus;
  }

  /** Bumped by every invalidate: lets callers notice that the list they worked on was replaced. */
  get generation(): number {
    return this.generationCounter;
  }

  get hasMore(): boolean {
    return this.more && this.currentStatus === 'loaded';
  }

  get isLoadingMore(): boolean {
    return this.inFlight !== undefined && this.currentStatus === 'loaded';
  }

  /** The failure of the last request, until the next one succeeds. */
  get lastError(): unknown {
    return this.failure;
  }

  get currentQuery(): PageQuery {
    return this.query;
  }

  /** Loaded files, newest first. */
  get files(): readonly FileInfo[] {
    this.ordered ??= [...this.byId.values()];
    return this.ordered;
  }

  get size(): number {
    return this.byId.size;
  }

  get(fileId: string): FileInfo | undefined {
    return this.byId.get(fileId);
  }

  /** Aborts requests in flight and forgets the loaded pages; nothing is fetched until `ensureLoaded`. */
  invalidate(query: PageQuery = this.query): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.generationCounter++;
    this.query = query;
    this.byId.clear();
    this.ordered = undefined;
    this.cursor = undefined;
    this.more = false;
    this.followedCursors.clear();
    this.failure = undefined;
    this.inFlight = undefined;
    this.currentStatus = 'stale';
    this.onDidChange();
  }

  /** Loads the first page if nothing is loaded; joins the request in flight otherwise. */
  ensureLoaded(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.currentStatus !== 'stale') return Promise.resolve();
    this.currentStatus = 'loading';
    return this.fetchNext();
  }

  /** The next page; concurrent calls share one request. A no-op at the end of the list or before the first page. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.currentStatus !== 'loaded' || !this.more) return Promise.resolve();
    return this.fetchNext();
  }

  /** Replaces a loaded file in place. False when the file is not loaded. */
  update(file: FileInfo): boolean {
    if (!this.byId.has(file.fileId)) return false;
    this.byId.set(file.fileId, file);
    this.ordered = undefined;
    return true;
  }

  remove(fileId: string): boolean {
    const removed = this.byId.delete(fileId);
    if (removed) this.ordered = undefined;
    return removed;
  }

  private fetchNext(): Promise<void> {
    const { signal } = this.controller;
    const request = this.fetchPage(this.query, this.cursor, signal).then(
      (page) => {
        if (!signal.aborted) this.accept(page);
      },
      (error: unknown) => {
        if (signal.aborted) return;
        this.failure = error;
        if (this.currentStatus === 'loading') this.currentStatus = 'error';
        throw error;
      },
    );
    const tracked = request.finally(() => {
      if (this.inFlight === tracked) this.inFlight = undefined;
      if (!signal.aborted) this.onDidChange();
    });
    this.inFlight = tracked;
    this.onDidChange();
    return tracked;
  }

  private accept(page: FilePage | undefined): void {
    this.failure = undefined;
    if (!page) {
      this.currentStatus = 'noClient';
      this.more = false;
      return;
    }
    for (const file of page.files) {
      // A file updated while paging moves to the top and may show up again on a later page: keep the first.
      if (!this.byId.has(file.fileId)) this.byId.set(file.fileId, file);
    }
    this.ordered = undefined;
    const next = page.hasMore ? page.nextCursor ?? undefined : undefined;
    // A cursor seen before would loop forever: treat it as the end.
    this.more = next !== undefined && !this.followedCursors.has(next);
    if (next !== undefined) this.followedCursors.add(next);
    this.cursor = next;
    this.currentStatus = 'loaded';
  }
}
