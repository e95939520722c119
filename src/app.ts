import type * as vscode from 'vscode';
import type { FileInfo } from './api';
import type { Services } from './services';

/** The Files tree (src/tree): what commands need from it. */
export interface FilesView {
  /** Cancels requests in flight and reloads from the first page. */
  refresh(): void;
  /** Fetches the next page (the "Load more…" item). */
  loadMore(): Promise<void>;
  /** Files selected in the tree (multi-select), or the focused one. */
  selectedFiles(): FileInfo[];
  /** Replaces a file everywhere it is shown (after public preview on/off, hydration...). */
  updateFile(file: FileInfo): void;
  /** Removes a file from the view at once (after archive). */
  removeFile(fileId: string): void;
  /** Quick pick for the type filter and the project/export switches. */
  chooseFilter(): Promise<void>;
  setGroupBy(groupBy: 'type' | 'none'): Promise<void>;
}

/** The media preview editors (src/preview). */
export interface PreviewPanels extends vscode.Disposable {
  /** Opens, or reveals when already open, the preview of a file. */
  open(file: FileInfo): Promise<void>;
}

/** Services plus the features built on them: what command handlers receive. */
export interface App extends Services {
  readonly files: FilesView;
  readonly previews: PreviewPanels;
}
