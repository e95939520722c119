import * as vscode from 'vscode';
import type { FileInfo } from '../api/models';
import type { FilesView } from '../app';
import type { ErrorReporter } from '../errors';
import type { Log } from '../log';
import type { ApiSession } from '../session';
import { contextValueOf, groupOf, isReady, statesOf } from './fileFacts';
import { chooseFilter, describeFilter, matchesTypeFilter, readListQuery, readListView, sameQuery, updateSetting, type ListQuery, type ListView } from './filter';
import { FileLibrary, type PageFetcher } from './library';
import { FILE_GROUPS, isFileNode, type FileGroup, type FileNode, type GroupNode, type LoadMoreNode, type TreeNode } from './nodes';
import { accessibilityLabelOf, codiconOf, descriptionOf, groupIcon, groupLabel, labelOf, tooltipOf } from './presentation';
import { ProcessingWatch } from './processingWatch';
import type { ThumbnailCache } from './thumbnails';

export const FILES_VIEW_ID = 'videogen.files';

/**
 * When a type filter hides everything on the pages fetched so far, "Load more…" keeps fetching until something
 * matches, at most this many pages per click (≤ 1,000 files at 200 per page). Without it a filter for a rare
 * type shows a view that looks empty; without the bound, one click could walk a library of 100,000 files.
 */
export const MAX_PAGES_PER_LOAD = 5;

/** `videogen.files.status`, read by the welcome content in package.json. */
export type FilesStatus = 'idle' | 'loading' | 'loaded' | 'empty' | 'filteredEmpty' | 'error';

export interface FilesTreeDeps {
  session: ApiSession;
  errors: ErrorReporter;
  thumbnails: ThumbnailCache;
  log: Log;
}

/**
 * The Files view: the library newest first, a page at a time, grouped by type or flat, filtered by type.
 * Nothing is requested until the view is first shown; after that, key, connection and `videogen.list.*`
 * changes reload it (a filter or grouping change only re-renders: no request is needed for those).
 */
export class FilesTreeProvider implements vscode.TreeDataProvider<TreeNode>, FilesView, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly library: FileLibrary;
  private readonly fileNodes = new Map<string, FileNode>();
  private readonly groupNodes = new Map<FileGroup, GroupNode>(FILE_GROUPS.map((group) => [group, { kind: 'group', group }]));
  private readonly loadMoreNode: LoadMoreNode = { kind: 'loadMore' };
  private view: ListView = readListView();
  private treeView: vscode.TreeView<TreeNode> | undefined;
  private firstLoad: Promise<void> | undefined;
  private moreLoad: Promise<void> | undefined;
  private status: FilesStatus | undefined;
  private applyingOwnSettings = false;
  private readonly pendingIcons = new Set<string>();
  private iconTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly processing: ProcessingWatch;

  constructor(private readonly deps: FilesTreeDeps) {
    this.library = new FileLibrary(this.fetchPage, readListQuery(), () => this.onLibraryChange());
    this.processing = new ProcessingWatch({
      files: () => this.library.files,
      isProcessing: (file) => statesOf(file).processing,
      fetchFile: async (fileId, signal) => (await deps.session.requireClient()).getFile(fileId, signal),
      onChanged: (file) => this.updateFile(file),
      onGone: (fileId) => this.removeFile(fileId),
      onError: (fileId, error) => deps.log.warn(`Could not check whether ${fileId} finished processing: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.disposables.push(
      this.changes,
      deps.session.onDidChange(() => this.reload()),
      deps.thumbnails.onDidLoad((fileId) => this.refreshIcon(fileId)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('videogen.list') && !this.applyingOwnSettings) this.applySettings();
      }),
    );
    this.setContext('videogen.groupBy', this.view.groupBy);
    this.updateStatus();
  }

  /** Connects the TreeView (selection, description, progress); processing files are only watched while it is visible. */
  attach(treeView: vscode.TreeView<TreeNode>): void {
    this.treeView = treeView;
    this.showFilter(readListQuery(), this.view);
    if (!treeView.visible) this.processing.pause();
    this.disposables.push(treeView.onDidChangeVisibility(({ visible }) => (visible ? this.processing.resume() : this.processing.pause())));
  }

  /**
   * The active filter, in the view's description and, because VS Code hides the description of a view that
   * is alone in its container (as this one is by default), in the message line above the tree too.
   */
  private showFilter(query: ListQuery, view: ListView): void {
    if (!this.treeView) return;
    const filter = describeFilter(query, view);
    this.treeView.description = filter;
    this.treeView.message = filter === undefined ? undefined : vscode.l10n.t('Filtered: {0}', filter);
  }

  // ---- TreeDataProvider ----

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (element?.kind === 'group') return this.visibleFiles().filter((f) => groupOf(f) === element.group).map((f) => this.nodeFor(f));
    if (element) return [];
    await this.loadFirstPage();
    return this.rootNodes();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'file':
        return this.fileItem(node);
      case 'group':
        return this.groupItem(node);
      case 'loadMore':
        return this.loadMoreItem();
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind !== 'file' || this.view.groupBy !== 'type') return undefined;
    return this.groupNodes.get(groupOf(node.file));
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (!isFileNode(node)) return item;
    const file = node.file;
    let image: vscode.Uri | undefined;
    if (this.showsThumbnail(file)) image = this.deps.thumbnails.peek(file.fileId) ?? (await untilCancelled(this.deps.thumbnails.load(file), token));
    item.tooltip = tooltipOf(file, image && tooltipImageSource(image));
    return item;
  }

  // ---- FilesView ----

  refresh(): void {
    // A refused key or a missing one is re-read by a session reset, which reloads the view through onDidChange.
    if (this.deps.session.state !== 'ready') this.deps.session.reset();
    else this.reload();
  }

  loadMore(): Promise<void> {
    if (this.moreLoad) return this.moreLoad;
    const load = this.loadMoreUntilVisible().finally(() => {
      if (this.moreLoad === load) this.moreLoad = undefined;
    });
    this.moreLoad = load;
    return load;
  }

  selectedFiles(): FileInfo[] {
    return (this.treeView?.selection ?? []).filter(isFileNode).map((node) => node.file);
  }

  updateFile(file: FileInfo): void {
    const previous = this.library.get(file.fileId);
    if (!previous || !this.library.update(file)) return;
    const node = this.fileNodes.get(file.fileId);
    if (node) node.file = file;
    const moved = groupOf(previous) !== groupOf(file) || this.isVisible(previous) !== this.isVisible(file);
    this.changes.fire(moved || !node ? undefined : node);
    this.updateStatus();
  }

  removeFile(fileId: string): void {
    if (!this.library.remove(fileId)) return;
    this.fileNodes.delete(fileId);
    this.changes.fire(undefined);
    this.updateStatus();
  }

  async chooseFilter(): Promise<void> {
    await this.withOwnSettings(() => chooseFilter());
  }

  async setGroupBy(groupBy: 'type' | 'none'): Promise<void> {
    await this.withOwnSettings(() => updateSetting('list.groupBy', groupBy));
  }

  // ---- Loading ----

  private readonly fetchPage: PageFetcher = async (query, cursor, signal) => {
    const client = await this.deps.session.client();
    if (!client) return undefined;
    return client.listFiles(
      {
        limit: query.pageSize,
        ...(cursor !== undefined ? { cursor } : {}),
        ...(query.includeProjectFiles ? { includeProjectFiles: true } : {}),
        ...(query.includeExportFiles ? { includeExportFiles: true } : {}),
      },
      signal,
    );
  };

  /** Aborts everything in flight and starts over from the first page (when the view asks for it). */
  private reload(): void {
    this.library.invalidate(readListQuery());
    this.processing.reset();
    this.fileNodes.clear();
    this.firstLoad = undefined;
    this.moreLoad = undefined;
    this.changes.fire(undefined);
  }

  /** The first page, with the view's progress bar; concurrent callers share it. Never rejects: failures are reported here. */
  private loadFirstPage(): Promise<void> {
    if (this.library.status === 'stale') this.firstLoad = this.startFirstLoad();
    return this.firstLoad ?? Promise.resolve();
  }

  private async startFirstLoad(): Promise<void> {
    const generation = this.library.generation;
    const load = this.library.ensureLoaded();
    void vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, () => load.catch(() => undefined));
    try {
      await load;
      if (generation === this.library.generation && this.visibleFiles().length === 0 && this.library.hasMore) {
        await this.fetchUntilVisible(generation, 0);
      }
    } catch (error) {
      if (generation === this.library.generation) {
        this.deps.errors.report(error, vscode.l10n.t('Could not load the VideoGen library'), () => this.refresh());
      }
    }
  }

  private async loadMoreUntilVisible(): Promise<void> {
    const generation = this.library.generation;
    if (!this.library.hasMore) return;
    const work = this.fetchUntilVisible(generation, this.visibleFiles().length);
    this.changes.fire(this.loadMoreNode); // now shows "Loading…"
    try {
      await vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, () => work);
    } catch (error) {
      if (generation === this.library.generation) {
        this.deps.errors.report(error, vscode.l10n.t('Could not load more VideoGen files'), () => this.loadMore());
      }
    } finally {
      if (generation === this.library.generation) this.changes.fire(undefined);
    }
  }

  /** Fetches pages until more than `visibleBefore` files pass the filter, the list ends, or the page bound is hit. */
  private async fetchUntilVisible(generation: number, visibleBefore: number): Promise<void> {
    for (let pages = 0; pages < MAX_PAGES_PER_LOAD; pages++) {
      await this.library.loadMore();
      if (generation !== this.library.generation || !this.library.hasMore) return;
      if (this.visibleFiles().length > visibleBefore) return;
    }
  }

  // ---- Settings ----

  /** Runs a change of our own settings and applies them once, not once per key written. */
  private async withOwnSettings(change: () => Promise<void>): Promise<void> {
    this.applyingOwnSettings = true;
    try {
      await change();
    } finally {
      this.applyingOwnSettings = false;
      this.applySettings();
    }
  }

  private applySettings(): void {
    const query = readListQuery();
    const view = readListView();
    const viewChanged = JSON.stringify(view) !== JSON.stringify(this.view);
    this.view = view;
    this.setContext('videogen.groupBy', view.groupBy);
    this.showFilter(query, view);
    if (!sameQuery(query, this.library.currentQuery)) {
      this.reload();
      return;
    }
    if (!viewChanged) return;
    this.changes.fire(undefined);
    this.updateStatus();
    if (this.library.status === 'loaded' && this.visibleFiles().length === 0 && this.library.hasMore) void this.loadMore();
  }

  // ---- Nodes and items ----

  private isVisible(file: FileInfo): boolean {
    return matchesTypeFilter(file, this.view.typeFilter);
  }

  private visibleFiles(): FileInfo[] {
    return this.library.files.filter((f) => this.isVisible(f));
  }

  private nodeFor(file: FileInfo): FileNode {
    let node = this.fileNodes.get(file.fileId);
    if (!node) {
      node = { kind: 'file', file };
      this.fileNodes.set(file.fileId, node);
    }
    node.file = file;
    return node;
  }

  private rootNodes(): TreeNode[] {
    if (this.library.status !== 'loaded') return [];
    const visible = this.visibleFiles();
    const nodes: TreeNode[] =
      this.view.groupBy === 'type'
        ? FILE_GROUPS.filter((group) => visible.some((f) => groupOf(f) === group)).map((group) => this.groupNodes.get(group) as GroupNode)
        : visible.map((f) => this.nodeFor(f));
    if (this.library.hasMore) nodes.push(this.loadMoreNode);
    return nodes;
  }

  private fileItem(node: FileNode): vscode.TreeItem {
    const file = node.file;
    const item = new vscode.TreeItem(labelOf(file), vscode.TreeItemCollapsibleState.None);
    item.id = `file/${file.fileId}`;
    item.description = descriptionOf(file);
    item.iconPath = this.iconOf(file);
    item.contextValue = contextValueOf(file);
    item.accessibilityInformation = { label: accessibilityLabelOf(file) };
    item.command = { command: 'videogen.openPreview', title: vscode.l10n.t('Open Preview'), arguments: [node] };
    return item;
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const count = this.visibleFiles().filter((f) => groupOf(f) === node.group).length;
    const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group/${node.group}`;
    item.description = this.library.hasMore ? `${count}+` : String(count);
    item.tooltip = this.library.hasMore
      ? vscode.l10n.t('{0} loaded so far; more files are available', count)
      : vscode.l10n.t('{0} files', count);
    item.iconPath = groupIcon(node.group);
    item.contextValue = 'group';
    return item;
  }

  private loadMoreItem(): vscode.TreeItem {
    const loading = this.library.isLoadingMore;
    const item = new vscode.TreeItem(loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'));
    item.id = 'loadMore';
    item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
    const loaded = this.library.size;
    const visible = this.visibleFiles().length;
    item.description =
      visible === loaded
        ? vscode.l10n.t('{0} of many loaded', loaded)
        : vscode.l10n.t('{0} matching of {1} loaded', visible, loaded);
    item.tooltip = vscode.l10n.t('Fetch the next {0} files', this.library.currentQuery.pageSize);
    item.contextValue = 'loadMore';
    if (!loading) item.command = { command: 'videogen.loadMore', title: vscode.l10n.t('Load More Files') };
    return item;
  }

  private showsThumbnail(file: FileInfo): boolean {
    const states = statesOf(file);
    return this.view.thumbnails && isReady(file.thumbnailSource) && !states.processing && !states.unusable;
  }

  private iconOf(file: FileInfo): vscode.ThemeIcon | vscode.Uri {
    if (!this.showsThumbnail(file)) return codiconOf(file);
    const cached = this.deps.thumbnails.peek(file.fileId);
    if (cached) return cached;
    this.deps.thumbnails.request(file);
    return codiconOf(file);
  }

  /** Thumbnails arrive one by one: their rows are refreshed in small batches. */
  private refreshIcon(fileId: string): void {
    this.pendingIcons.add(fileId);
    this.iconTimer ??= setTimeout(() => {
      this.iconTimer = undefined;
      const nodes = [...this.pendingIcons].map((id) => this.fileNodes.get(id)).filter((n): n is FileNode => n !== undefined);
      this.pendingIcons.clear();
      const shown = nodes.filter((n) => this.library.get(n.file.fileId) !== undefined);
      if (shown.length > 0) this.changes.fire(shown);
    }, 50);
  }

  private onLibraryChange(): void {
    this.updateStatus();
    this.processing.kick();
  }

  // ---- Context keys ----

  private updateStatus(): void {
    const status = this.computeStatus();
    if (status === this.status) return;
    this.status = status;
    this.setContext('videogen.files.status', status);
  }

  private computeStatus(): FilesStatus {
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

  /** The status the welcome content sees; for tests and the log. */
  get currentStatus(): FilesStatus {
    return this.status ?? this.computeStatus();
  }

  private setContext(key: string, value: string): void {
    vscode.commands.executeCommand('setContext', key, value).then(undefined, () => undefined);
  }

  dispose(): void {
    clearTimeout(this.iconTimer);
    this.processing.dispose();
    this.library.invalidate();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** Resolves with the promise, or with undefined as soon as the token is cancelled. */
function untilCancelled<T>(promise: Promise<T>, token: vscode.CancellationToken): Promise<T | undefined> {
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const subscription = token.onCancellationRequested(() => resolve(undefined));
    promise.then(resolve, () => resolve(undefined)).finally(() => subscription.dispose());
  });
}

/** A file URI for Markdown: parentheses would end the link target early. */
function tooltipImageSource(uri: vscode.Uri): string {
  return uri.toString().replace(/\(/g, '%28').replace(/\)/g, '%29');
}
