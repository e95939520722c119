// The listed part of the library: pages of GET /v1/files followed by cursor, newest first. The list keeps ids in
// order; the files themselves live in the FileStore, so an update from anywhere shows here. No vscode import.

import type { FilePage, FileInfo } from '../api/models';
import { changedFileId, type FileChange, type FileStore, type Subscription } from '../files/store';

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
 * - `loaded`: at least the first page arrived (later pages or a refresh may still fail: see `lastError`).
 * - `error`: the first page failed.
 * - `noClient`: there is nothing to ask (no key, or the base URL is refused).
 */
export type LibraryStatus = 'stale' | 'loading' | 'loaded' | 'error' | 'noClient';

/**
 * Pages are followed strictly in order: each cursor is requested once, concurrent `loadMore` calls share the
 * request in flight, and `invalidate` or `refresh` abort it so that a late answer of a previous query never lands.
 */
export class FileLibrary {
  private ids: string[] = [];
  private readonly listed = new Set<string>();
  /** Where removed files were listed, so that one put back (an archive that failed) returns to its place. */
  private readonly removedAt = new Map<string, { after: string | undefined; index: number }>();
  private ordered: FileInfo[] | undefined;
  private cursor: string | undefined;
  private more = false;
  private readonly followedCursors = new Set<string>();
  private currentStatus: LibraryStatus = 'stale';
  private failure: unknown;
  private controller = new AbortController();
  private inFlight: Promise<void> | undefined;
  private refreshing = false;
  private generationCounter = 0;
  private readonly subscription: Subscription;

  constructor(
    private readonly store: FileStore,
    private readonly fetchPage: PageFetcher,
    private query: PageQuery,
    private readonly onDidChange: () => void = () => undefined,
  ) {
    this.subscription = store.onDidChange((changes) => {
      let touched = false;
      this.rememberPlaces(changes);
      for (const change of changes) {
        const id = changedFileId(change);
        if (change.kind !== 'removed' && change.joinedLibrary === true && !this.listed.has(id)) {
          touched = this.admit(id) || touched;
          continue;
        }
        if (!this.listed.has(id)) continue;
        touched = true;
        if (change.kind === 'removed') this.drop(id);
      }
      if (touched) this.ordered = undefined;
    });
  }

  get status(): LibraryStatus {
    return this.currentStatus;
  }

  /** Bumped by every invalidate and refresh: lets callers notice that the list they worked on was replaced. */
  get generation(): number {
    return this.generationCounter;
  }

  get hasMore(): boolean {
    return this.more && this.currentStatus === 'loaded';
  }

  get isLoadingMore(): boolean {
    return this.inFlight !== undefined && this.currentStatus === 'loaded' && !this.refreshing;
  }

  /** A refresh is in flight while the rows loaded before it stay shown. */
  get isRefreshing(): boolean {
    return this.refreshing;
  }

  /** The failure of the last request, until the next one succeeds. */
  get lastError(): unknown {
    return this.failure;
  }

  get currentQuery(): PageQuery {
    return this.query;
  }

  /** Listed files, newest first, as the store has them now. */
  get files(): readonly FileInfo[] {
    this.ordered ??= this.ids.map((id) => this.store.get(id)).filter((file): file is FileInfo => file !== undefined);
    return this.ordered;
  }

  get size(): number {
    return this.ids.length;
  }

  has(fileId: string): boolean {
    return this.listed.has(fileId);
  }

  /** Aborts requests in flight and forgets the listed pages; nothing is fetched until `ensureLoaded`. */
  invalidate(query: PageQuery = this.query): void {
    this.abort();
    this.query = query;
    this.replaceIds([]);
    this.cursor = undefined;
    this.more = false;
    this.followedCursors.clear();
    this.failure = undefined;
    this.currentStatus = 'stale';
    this.onDidChange();
  }

  /**
   * Fetches the first page again, keeping the listed rows until it arrives: a failed refresh loses nothing. Before
   * anything was listed it is a plain first load.
   */
  refresh(): Promise<void> {
    if (this.currentStatus !== 'loaded') {
      this.invalidate();
      return this.ensureLoaded();
    }
    this.abort();
    this.refreshing = true;
    return this.fetchNext(undefined, true);
  }

  /** Loads the first page if nothing is loaded; joins the request in flight otherwise. */
  ensureLoaded(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.currentStatus !== 'stale') return Promise.resolve();
    this.currentStatus = 'loading';
    return this.fetchNext(undefined, false);
  }

  /** The next page; concurrent calls share one request. A no-op at the end of the list or before the first page. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.currentStatus !== 'loaded' || !this.more) return Promise.resolve();
    return this.fetchNext(this.cursor, false);
  }

  dispose(): void {
    this.abort();
    this.subscription.dispose();
  }

  private abort(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.generationCounter++;
    this.inFlight = undefined;
    this.refreshing = false;
  }

  private fetchNext(cursor: string | undefined, replacing: boolean): Promise<void> {
    const { signal } = this.controller;
    const request = this.fetchPage(this.query, cursor, signal).then(
      (page) => {
        if (!signal.aborted) this.accept(page, replacing);
      },
      (error: unknown) => {
        if (signal.aborted) return;
        this.failure = error;
        if (this.currentStatus === 'loading') this.currentStatus = 'error';
        throw error;
      },
    );
    const tracked = request.finally(() => {
      if (this.inFlight !== tracked) return;
      this.inFlight = undefined;
      this.refreshing = false;
      this.onDidChange();
    });
    this.inFlight = tracked;
    this.onDidChange();
    return tracked;
  }

  private accept(page: FilePage | undefined, replacing: boolean): void {
    this.failure = undefined;
    if (!page) {
      this.replaceIds([]);
      this.currentStatus = 'noClient';
      this.more = false;
      return;
    }
    const stored = this.store.put(page.files);
    if (replacing) {
      this.replaceIds([]);
      this.followedCursors.clear();
    }
    for (const file of stored) {
      // A file updated while paging moves to the top and may show up again on a later page: keep the first.
      if (this.listed.has(file.fileId)) continue;
      this.listed.add(file.fileId);
      this.ids.push(file.fileId);
    }
    this.ordered = undefined;
    const next = page.hasMore ? (page.nextCursor ?? undefined) : undefined;
    // A cursor seen before would loop forever: treat it as the end.
    this.more = next !== undefined && !this.followedCursors.has(next);
    if (next !== undefined) this.followedCursors.add(next);
    this.cursor = next;
    this.currentStatus = 'loaded';
  }

  /**
   * A file that joined the library: back where it was when it was removed, else at the top (the list is newest
   * first). Nothing happens before the first page: that page will list it.
   */
  private admit(fileId: string): boolean {
    if (this.currentStatus !== 'loaded') return false;
    const place = this.removedAt.get(fileId);
    this.removedAt.delete(fileId);
    const after = this.listedNeighbourAbove(place);
    const anchor = typeof after === 'string' ? this.ids.indexOf(after) : -1;
    const at = anchor !== -1 ? anchor + 1 : after === null ? 0 : Math.min(place?.index ?? 0, this.ids.length);
    this.ids.splice(at, 0, fileId);
    this.listed.add(fileId);
    return true;
  }

  /**
   * The row a file put back goes under: the one it was listed under, or, when that one was removed too and is still
   * away, the row that one was under, and so on. Null when the file was at the top (or under files all still away).
   */
  private listedNeighbourAbove(place: { after: string | undefined } | undefined): string | null | undefined {
    if (!place) return undefined;
    const seen = new Set<string>();
    for (let after = place.after; ; ) {
      if (after === undefined) return null;
      if (this.listed.has(after)) return after;
      const further = this.removedAt.get(after);
      if (!further || seen.has(after)) return undefined;
      seen.add(after);
      after = further.after;
    }
  }

  /** Places of the listed files a batch removes, read before any of them is dropped. */
  private rememberPlaces(changes: readonly FileChange[]): void {
    for (const change of changes) {
      if (change.kind !== 'removed' || !this.listed.has(change.fileId)) continue;
      const index = this.ids.indexOf(change.fileId);
      this.removedAt.set(change.fileId, { after: this.ids[index - 1], index });
    }
  }

  private drop(fileId: string): void {
    this.listed.delete(fileId);
    this.ids = this.ids.filter((id) => id !== fileId);
  }

  private replaceIds(ids: string[]): void {
    this.ids = ids;
    this.removedAt.clear();
    this.listed.clear();
    for (const id of ids) this.listed.add(id);
    this.ordered = undefined;
  }
}
