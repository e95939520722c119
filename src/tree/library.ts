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
 * What a check of the first page did:
 * - `busy`: a load or refresh was in flight, or nothing is listed yet, so nothing was asked;
 * - `superseded`: a refresh or a new query replaced the list while the page was on its way: its answer was dropped;
 * - `checked`: the page was compared; `added` joined the top, `removed` left the list (see checkFirstPage).
 */
export type FirstPageCheck =
  | { readonly outcome: 'busy' | 'superseded' }
  | { readonly outcome: 'checked'; readonly added: readonly string[]; readonly removed: readonly string[] };

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
  private check: Promise<FirstPageCheck> | undefined;
  private checkController = new AbortController();
  /** Files that left the list while this window watched (archived here or elsewhere), until they join again. */
  private readonly departed = new Set<string>();
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
        if (change.kind === 'removed') this.departed.add(id);
        else if (change.joinedLibrary === true) this.departed.delete(id);
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

  /** The file was listed, or known, and then left the library (archived or deleted) while this window watched. */
  hasDeparted(fileId: string): boolean {
    return this.departed.has(fileId);
  }

  /** Every page has been fetched: a file of a listed scope that is not here is not in the library. */
  get isComplete(): boolean {
    return this.currentStatus === 'loaded' && !this.more;
  }

  /**
   * Asks for the first page again to find files made elsewhere, without replacing anything: files the list does not
   * hold join it at the top (through the store, `joinedLibrary`), listed ones are updated in the store, and files the
   * page no longer lists although files listed after them are still there have left the library (archived
   * elsewhere: GET still answers for archived files, so only the list tells) and are removed from the store. A file
   * absent after the last one still there may just have been pushed to the second page by newer files: it stays.
   * Nothing happens, and the view is not touched, when nothing changed. Never runs beside a load or refresh; a
   * refresh or a new query started meanwhile drops its answer. Concurrent calls share one request.
   */
  checkFirstPage(): Promise<FirstPageCheck> {
    if (this.check) return this.check;
    if (this.currentStatus !== 'loaded' || this.inFlight) return Promise.resolve({ outcome: 'busy' });
    const check = this.compareFirstPage().finally(() => {
      if (this.check === check) this.check = undefined;
    });
    this.check = check;
    return check;
  }

  private async compareFirstPage(): Promise<FirstPageCheck> {
    const generation = this.generationCounter;
    const { signal } = this.checkController;
    let page: FilePage | undefined;
    try {
      page = await this.fetchPage(this.query, undefined, signal);
    } catch (error) {
      if (signal.aborted) return { outcome: 'superseded' };
      throw error;
    }
    if (signal.aborted || generation !== this.generationCounter) return { outcome: 'superseded' };
    if (!page) return { outcome: 'busy' };
    const onPage = new Map(page.files.map((f) => [f.fileId, f]));
    const fresh = page.files.filter((f) => !this.listed.has(f.fileId));
    const unchanged = (id: string): boolean => {
      const before = this.store.get(id);
      const now = onPage.get(id);
      return before !== undefined && now !== undefined && sameExceptUrls(before, now);
    };
    const removed = leftTheList(this.ids, [...onPage.keys()], page.hasMore, unchanged);
    this.store.put(page.files.filter((f) => this.listed.has(f.fileId)));
    // Each joining file is admitted at the top: oldest first, so that the newest ends up first.
    if (fresh.length > 0) this.store.put([...fresh].reverse(), { joinedLibrary: true });
    if (removed.length > 0) this.store.remove(removed);
    return { outcome: 'checked', added: fresh.map((f) => f.fileId), removed };
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
    this.checkController.abort();
    this.checkController = new AbortController();
    this.check = undefined;
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
    const stored = this.store.put(page.files, { fromListing: true });
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

/**
 * The listed ids that a fresh first page shows have left the library. The list is most recently updated first and
 * an update (or a new file) goes to the top, so the files nobody touched form the page's tail, in the order they
 * were listed: every listed file before the last of them that the page lacks cannot have been pushed down, so it has
 * left (archived elsewhere: GET still answers for archived files, only the list tells). `unchanged` says which files
 * of the page are as listed before; a tail of fewer than two such files proves nothing (they may all have been
 * touched, in list order), and then nothing is said to have left. With no further page, every missing id has left.
 */
export function leftTheList(
  listed: readonly string[],
  freshPage: readonly string[],
  freshHasMore: boolean,
  unchanged: (fileId: string) => boolean = () => true,
): string[] {
  const fresh = new Set(freshPage);
  if (!freshHasMore) return listed.filter((id) => !fresh.has(id));
  const indexOf = new Map(listed.map((id, index) => [id, index]));
  let lastKept = -1;
  let previous = Infinity;
  let run = 0;
  for (let i = freshPage.length - 1; i >= 0; i--) {
    const at = indexOf.get(freshPage[i]!);
    if (at === undefined || at >= previous || !unchanged(freshPage[i]!)) break;
    if (lastKept === -1) lastKept = at;
    previous = at;
    run++;
  }
  if (run < 2) return [];
  return listed.slice(0, lastKept).filter((id) => !fresh.has(id));
}

/** The same file apart from its signed URLs (list answers carry the last-signed ones, which hydration replaces). */
export function sameExceptUrls(a: FileInfo, b: FileInfo): boolean {
  const strip = (file: FileInfo): unknown =>
    JSON.stringify(file, (key, value: unknown) => (key === 'url' || key === 'expiresAt' ? undefined : value));
  return strip(a) === strip(b);
}
