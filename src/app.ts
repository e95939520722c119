import type * as vscode from 'vscode';
import type { FileInfo } from './api';
import type { Services } from './services';
import type { Section } from './tree/nodes';
import type { UploadActivity } from './upload/activity';

/** The Files tree (src/tree): what commands need from it. */
export interface FilesView {
  /** Cancels requests in flight and reloads from the first page. */
  refresh(): void;
  /** Fetches the next page (the "Load more…" item). */
  loadMore(): Promise<void>;
  /** Files selected in the tree (multi-select). */
  selectedFiles(): FileInfo[];
  /**
   * Makes a row the selection (a context-menu command ran on a row outside the selection); `section`: the row is
   * the file's row in that root section (Pinned, Recently inserted, search results), not the listing's. Resolves
   * once the row is shown selected.
   */
  select(fileId: string, section?: Section): Promise<void>;
  /** Quick pick for the type filter and the project/export switches. */
  chooseFilter(): Promise<void>;
  setGroupBy(groupBy: 'type' | 'none'): Promise<void>;
  /** Re-reads the first page: files made elsewhere join the top, files archived elsewhere leave. */
  checkFirstPage(): Promise<unknown>;
  /**
   * `listed`: a row of the view; `departed`: it left the library while this window watched (archived);
   * `notListed`: every page is loaded and its scope is listed, yet it is not there (archived); `unknown`: not loaded.
   */
  listingOf(file: FileInfo): 'listed' | 'departed' | 'notListed' | 'unknown';
  /** "Search Library…": shows the answer to `query` as the view's "Results for '…'" root and moves the keyboard there. */
  showSearchResults(query: string): Promise<void>;
  /** Removes the results root. */
  clearSearchResults(): void;
  /** The query of the results shown, if any (the input box starts from it). */
  searchQuery(): string | undefined;
}

/** The media preview editors (src/preview). */
export interface OpenPreviewOptions {
  /**
   * A single click in the tree: the preview replaces the previous such preview instead of opening one more tab
   * (the preview-tab convention). It becomes a tab of its own once opened otherwise or used.
   */
  preview?: boolean;
  /** Beside the active editor. */
  toSide?: boolean;
}

export interface PreviewPanels extends vscode.Disposable {
  /** Opens, or reveals when already open, the preview of a file. */
  open(file: FileInfo, options?: OpenPreviewOptions): Promise<void>;
}

/** Services plus the features built on them: what command handlers receive. */
export interface App extends Services {
  readonly files: FilesView;
  readonly previews: PreviewPanels;
  /** Uploads in progress in the window (src/upload): their shared limiter and count. */
  readonly uploads: UploadActivity;
}
