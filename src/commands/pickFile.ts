import * as vscode from 'vscode';
import { VideoGenApiError, type FileInfo, type SearchResult, type VideoGenClient } from '../api';
import type { App } from '../app';
import { readSettings } from '../config';
import { isCancellation } from '../errors';
import { parseFileRef } from '../files/fileRefs';
import { labelName } from '../files/safeText';
import { changedFileId, type FileChange } from '../files/store';
import { typeAndFactsOf, typeCodicon } from '../files/wording';

/** Typing pauses this long before the semantic search runs. */
const SEARCH_DEBOUNCE_MS = 250;
const SEARCH_RESULTS = 25;

interface FileItem extends vscode.QuickPickItem {
  file?: FileInfo;
}

/** The file a query names exactly (an id, an app media link, a library URL: src/files/fileRefs.ts); undefined for a plain search. */
export function fileIdInQuery(query: string): string | undefined {
  const ref = parseFileRef(query);
  return ref.ok ? ref.fileId : undefined;
}

export interface PickFileOptions {
  title?: string;
  placeholder?: string;
}

function describeFile(file: FileInfo, similarity?: number): string {
  const summary = typeAndFactsOf(file);
  return similarity === undefined ? summary : `${summary} · ${vscode.l10n.t('{0}% match', Math.round(similarity * 100))}`;
}

function libraryItem(file: FileInfo): FileItem {
  return { file, label: labelName(file.displayName), description: describeFile(file), detail: file.fileId, iconPath: typeCodicon(file.type) };
}

/** Semantic matches need not contain the typed text, so they must survive the quick pick's own filtering. */
function searchItem(result: SearchResult): FileItem {
  return { ...libraryItem(result.file), description: describeFile(result.file, result.similarity), alwaysShow: true };
}

/** The file a pasted id or URL names: first, and shown whatever the quick pick's own filter thinks of it. */
function exactItem(file: FileInfo): FileItem {
  return { ...libraryItem(file), alwaysShow: true };
}

function noMatchItem(query: string): FileItem {
  return { label: vscode.l10n.t('No file in your VideoGen library matches “{0}”', labelName(query)), kind: vscode.QuickPickItemKind.Separator, alwaysShow: true };
}

/**
 * A quick pick of the library: the first page at once, then, as the user types, VideoGen's semantic search
 * (debounced; each keystroke aborts the search before it). Files of the first page whose names match the typed
 * text stay listed after the search results. Resolves undefined when dismissed.
 */
export async function pickFile(app: App, options: PickFileOptions = {}): Promise<FileInfo | undefined> {
  const client = await app.session.requireClient();
  const picker = new FilePicker(app, client, options);
  return picker.pick();
}

class FilePicker {
  private readonly quickPick = vscode.window.createQuickPick<FileItem>();
  private readonly disposables: vscode.Disposable[] = [this.quickPick];
  private readonly listing = new AbortController();
  private library: FileItem[] = [];
  private results: FileItem[] = [];
  private libraryPending = true;
  /** The query typed and not answered yet (waiting for the pause in typing, or in flight). */
  private pendingQuery: string | undefined;
  private search: AbortController | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly app: App,
    private readonly client: VideoGenClient,
    options: PickFileOptions,
  ) {
    this.quickPick.title = options.title ?? vscode.l10n.t('VideoGen Files');
    this.quickPick.placeholder = options.placeholder ?? vscode.l10n.t('Type to search your VideoGen library by meaning');
    this.quickPick.matchOnDescription = true;
    this.quickPick.matchOnDetail = true;
  }

  pick(): Promise<FileInfo | undefined> {
    return new Promise<FileInfo | undefined>((resolve) => {
      let done = false;
      const finish = (file: FileInfo | undefined): void => {
        if (done) return;
        done = true;
        resolve(file);
        this.dispose();
      };
      this.disposables.push(
        this.quickPick.onDidChangeValue((value) => this.onValue(value)),
        this.quickPick.onDidAccept(() => {
          const [item] = this.quickPick.selectedItems;
          if (item?.file) finish(item.file);
        }),
        this.quickPick.onDidHide(() => finish(undefined)),
        toDisposable(this.app.store.onDidChange((changes) => this.dropRemoved(changes))),
      );
      this.render();
      this.quickPick.show();
      void this.loadLibrary();
    });
  }

  /** Search results first (kept visible whatever was typed), then the first page minus those. */
  private render(): void {
    const found = new Set(this.results.map((item) => item.file?.fileId));
    this.quickPick.items = [...this.results, ...this.library.filter((item) => !found.has(item.file?.fileId))];
    this.quickPick.busy = this.libraryPending || this.pendingQuery !== undefined;
  }

  /** Answers may still list a file archived a moment ago (its archive in flight). */
  private inLibrary(files: readonly FileInfo[]): FileInfo[] {
    return files.filter((file) => !this.app.store.isArchived(file.fileId));
  }

  /** A file archived (or gone) while the picker is open leaves it at once. */
  private dropRemoved(changes: readonly FileChange[]): void {
    const removed = new Set(changes.filter((c) => c.kind === 'removed').map(changedFileId));
    if (removed.size === 0) return;
    const kept = (item: FileItem): boolean => !item.file || !removed.has(item.file.fileId);
    this.library = this.library.filter(kept);
    this.results = this.results.filter(kept);
    this.render();
  }

  private async loadLibrary(): Promise<void> {
    const settings = readSettings();
    try {
      const page = await this.client.listFiles(
        { limit: settings.pageSize, includeProjectFiles: settings.includeProjectFiles, includeExportFiles: settings.includeExportFiles },
        this.listing.signal,
      );
      this.library = this.app.store.put(this.inLibrary(page.files), { fromListing: true }).map(libraryItem);
    } catch (error) {
      if (!isCancellation(error)) this.app.errors.report(error, vscode.l10n.t('Could not list VideoGen files'));
    } finally {
      this.libraryPending = false;
      this.render();
    }
  }

  private onValue(value: string): void {
    clearTimeout(this.debounce);
    this.search?.abort();
    this.search = undefined;
    const query = value.trim();
    this.results = [];
    this.pendingQuery = query === '' ? undefined : query;
    this.render();
    if (query !== '') this.debounce = setTimeout(() => void this.runSearch(query), SEARCH_DEBOUNCE_MS);
  }

  /**
   * A pasted id or URL is looked up exactly (GET /v1/files/{id}) and, when found, is the only result: semantic
   * neighbours of an id are noise. Anything else goes to the semantic search.
   */
  private async runSearch(query: string): Promise<void> {
    const controller = new AbortController();
    this.search = controller;
    try {
      const exactId = fileIdInQuery(query);
      const exact = exactId === undefined ? undefined : await this.lookUp(exactId, controller.signal);
      if (controller.signal.aborted) return;
      if (exact) {
        this.results = [exactItem(exact)];
      } else {
        const found = await this.app.search.search(query, { numResults: SEARCH_RESULTS, signal: controller.signal });
        if (controller.signal.aborted) return;
        this.results = found.map(searchItem);
      }
      const typed = query.toLowerCase();
      const libraryMatches = this.library.some((item) => `${item.label} ${item.file?.fileId}`.toLowerCase().includes(typed));
      if (this.results.length === 0 && !libraryMatches) this.results = [noMatchItem(query)];
    } catch (error) {
      if (controller.signal.aborted || isCancellation(error)) return;
      this.app.errors.report(error, vscode.l10n.t('VideoGen search failed'));
    } finally {
      if (this.search === controller) {
        this.search = undefined;
        this.pendingQuery = undefined;
        this.render();
      }
    }
  }

  /** The file of a pasted id, or undefined when the library has no such file. */
  private async lookUp(fileId: string, signal: AbortSignal): Promise<FileInfo | undefined> {
    const known = this.app.store.get(fileId);
    if (known) return known;
    if (this.app.store.isArchived(fileId)) return undefined; // GET still answers for archived files
    try {
      return this.app.store.put(await this.client.getFile(fileId, signal))[0];
    } catch (error) {
      if (error instanceof VideoGenApiError && (error.status === 404 || error.status === 400)) return undefined;
      throw error;
    }
  }

  private dispose(): void {
    clearTimeout(this.debounce);
    this.search?.abort();
    this.listing.abort();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function toDisposable(subscription: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => subscription.dispose());
}
