// What the Files view shows, without the view: the listed files, the type filter and grouping applied to them,
// paging until something matches, and the status the welcome content reads. No vscode import.

import type { FileInfo, KnownFileType } from '../api/models';
import { FILE_GROUPS, groupOf, type FileGroup } from '../files/facts';
import type { FileStore, Subscription } from '../files/store';
import { FileLibrary, type PageFetcher, type PageQuery } from './library';

/** What is sent to `GET /v1/files`: a change means the listed pages are no longer valid. */
export type ListQuery = PageQuery;

/** How the listed files are shown: applied here, no request needed when it changes. */
export interface ListView {
  groupBy: 'type' | 'none';
  /** Empty means every type, including files still processing (type null). */
  typeFilter: readonly KnownFileType[];
  thumbnails: boolean;
}

/** `videogen.files.status`, read by the welcome content in package.json. */
export type FilesStatus = 'idle' | 'loading' | 'loaded' | 'empty' | 'filteredEmpty' | 'error';

/**
 * When a type filter hides everything on the pages fetched so far, "Load more…" keeps fetching until something
 * matches, at most this many pages per click (≤ 1,000 files at 200 per page). Without it a filter for a rare
 * type shows a view that looks empty; without the bound, one click could walk a library of 100,000 files.
 */
export const MAX_PAGES_PER_LOAD = 5;

export function sameQuery(a: ListQuery, b: ListQuery): boolean {
  return a.pageSize === b.pageSize && a.includeProjectFiles === b.includeProjectFiles && a.includeExportFiles === b.includeExportFiles;
}

export function matchesTypeFilter(file: FileInfo, typeFilter: readonly KnownFileType[]): boolean {
  return typeFilter.length === 0 || (file.type !== null && (typeFilter as readonly string[]).includes(file.type));
}

export class FilesListModel {
  readonly library: FileLibrary;
  private visibleCache: FileInfo[] | undefined;
  private readonly subscription: Subscription;

  constructor(
    store: FileStore,
    fetchPage: PageFetcher,
    query: ListQuery,
    private currentView: ListView,
    onDidChange: () => void,
  ) {
    this.library = new FileLibrary(store, fetchPage, query, () => {
      this.visibleCache = undefined;
      onDidChange();
    });
    this.subscription = store.onDidChange(() => (this.visibleCache = undefined));
  }

  get view(): ListView {
    return this.currentView;
  }

  /** Applies a new grouping/filter; true when it differs from the one shown. */
  setView(view: ListView): boolean {
    const changed = JSON.stringify(view) !== JSON.stringify(this.currentView);
    this.currentView = view;
    this.visibleCache = undefined;
    return changed;
  }

  isVisible(file: FileInfo): boolean {
    return matchesTypeFilter(file, this.currentView.typeFilter);
  }

  /** Listed files that pass the type filter, newest first. */
  visibleFiles(): readonly FileInfo[] {
    this.visibleCache ??= this.library.files.filter((f) => this.isVisible(f));
    return this.visibleCache;
  }

  filesOfGroup(group: FileGroup): FileInfo[] {
    return this.visibleFiles().filter((f) => groupOf(f) === group);
  }

  /** The groups that have a visible file, in display order. */
  groups(): FileGroup[] {
    const present = new Set(this.visibleFiles().map(groupOf));
    return FILE_GROUPS.filter((group) => present.has(group));
  }

  /**
   * The first page (when nothing is listed), then more pages while a filter hides everything fetched so far.
   * Rejects with the failure of the first request that failed.
   */
  async loadFirstPage(): Promise<void> {
    const generation = this.library.generation;
    await this.library.ensureLoaded();
    if (generation === this.library.generation && this.visibleFiles().length === 0 && this.library.hasMore) {
      await this.fetchUntilVisible(generation, 0);
    }
  }

  /** The next page, or pages until a new file passes the filter (at most MAX_PAGES_PER_LOAD). */
  loadMore(): Promise<void> {
    if (!this.library.hasMore) return Promise.resolve();
    return this.fetchUntilVisible(this.library.generation, this.visibleFiles().length);
  }

  private async fetchUntilVisible(generation: number, visibleBefore: number): Promise<void> {
    for (let pages = 0; pages < MAX_PAGES_PER_LOAD; pages++) {
      await this.library.loadMore();
      if (generation !== this.library.generation || !this.library.hasMore) return;
      if (this.visibleFiles().length > visibleBefore) return;
    }
  }

  get status(): FilesStatus {
    switch (this.library.status) {
      case 'stale':
      case 'loading':
        return 'loading';
      case 'error':
        return 'error';
      case 'noClient':
        return 'idle';
      case 'loaded':
        if (this.library.hasMore || this.visibleFiles().length > 0) return 'loaded';
        return this.library.size === 0 ? 'empty' : 'filteredEmpty';
    }
  }

  dispose(): void {
    this.library.dispose();
    this.subscription.dispose();
  }
}
