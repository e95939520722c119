import * as vscode from 'vscode';
import type { FileInfo } from '../api/models';
import type { FilesView } from '../app';
import { VideoGenApiError } from '../api/errors';
import { ResumeAfterLimit } from '../async/resumeAfterLimit';
import { classifyError, type ErrorReporter } from '../errors';
import { contextValueOf, groupOf, isReady, statesOf } from '../files/facts';
import { parseFileRef } from '../files/fileRefs';
import type { FileLookup } from '../files/lookup';
import type { RememberedFiles } from '../files/remembered';
import type { LibrarySearch } from '../files/search';
import { changedFileId, type FileChange, type FileStore } from '../files/store';
import type { ProcessingHolder, ProcessingWatch } from '../files/processingWatch';
import { accessibilityLabelOf, codiconOf, descriptionOf, groupAccessibilityLabel, groupIcon, groupLabel, labelOf, tooltipOf } from '../files/wording';
import type { Log } from '../log';
import type { ApiSession } from '../session';
import { chooseFilter, describeFilter, readListQuery, readListView, updateSetting } from './filter';
import { checkIntervalMs, FirstPageCheckSchedule } from './checkSchedule';
import type { FirstPageCheck, PageFetcher } from './library';
import { FilesListModel, sameQuery, type FilesStatus } from './listModel';
import { isFileNode, SECTIONS, type FileGroup, type FileNode, type GroupNode, type IdNode, type LoadMoreNode, type NoticeNode, type Section, type SectionNode, type TreeNode } from './nodes';
import { RememberedRows, type RememberedRow } from './rememberedRows';
import { ThumbnailFocus } from './thumbnailFocus';
import { TreeSearch } from './treeSearch';
import { idItem, noticeItem, sectionItem, type SectionSummary } from './sectionItems';
import type { ThumbnailCache } from '../thumbnails';

export const FILES_VIEW_ID = 'videogen.files';

export interface FilesTreeDeps {
  session: ApiSession;
  errors: ErrorReporter;
  thumbnails: ThumbnailCache;
  log: Log;
  store: FileStore;
  processing: ProcessingWatch;
  lookup: FileLookup;
  remembered: RememberedFiles;
  search: LibrarySearch;
}

/** How many semantic results "Search Library…" shows. */
export const TREE_SEARCH_RESULTS = 25;

/**
 * The Files view over a FilesListModel: tree items, progress, the message line, context keys and thumbnails.
 * Nothing is requested until the view is first shown; after that, key and connection changes and `videogen.list.*`
 * query changes reload it (a filter or grouping change only re-renders). Rows follow the FileStore.
 */
export class FilesTreeProvider implements vscode.TreeDataProvider<TreeNode>, FilesView, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly model: FilesListModel;
  private readonly fileNodes = new Map<string, FileNode>();
  private readonly groupNodes = new Map<FileGroup, GroupNode>();
  private readonly loadMoreNode: LoadMoreNode = { kind: 'loadMore' };
  private readonly sectionNodes = new Map<Section, SectionNode>();
  /** The rows of the root sections, by `section/fileId`: a file there is a node of its own, apart from the listing's. */
  private readonly placedNodes = new Map<string, FileNode | IdNode>();
  private noticeNode: NoticeNode | undefined;
  private readonly rememberedRows: RememberedRows;
  private readonly search: TreeSearch;
  private sectionsTimer: NodeJS.Timeout | undefined;
  private treeView: vscode.TreeView<TreeNode> | undefined;
  private firstLoad: Promise<void> | undefined;
  /** A refresh in flight: the root's children are answered when it is done, so the rows shown stay until then. */
  private refreshing: Promise<void> | undefined;
  private moreLoad: Promise<void> | undefined;
  private status: FilesStatus | undefined;
  /** Why the last load failed, shown in the view's message line until a load succeeds. */
  private problem: string | undefined;
  private applyingOwnSettings = false;
  private readonly pendingIcons = new Set<string>();
  private iconTimer: NodeJS.Timeout | undefined;
  private readonly thumbnailFocus = new ThumbnailFocus();
  /** The item last made for a file row, and what it was made from. */
  private readonly items = new WeakMap<FileNode, { file: FileInfo; pinned: boolean; thumbnail: vscode.Uri | undefined; item: vscode.TreeItem }>();
  /**
   * Thumbnails asked for by the items of a first page wait here until those rows are likely painted: a download
   * started with the items would reach the server before the user sees a row (VS Code signals no paint).
   */
  private heldThumbnails: Map<string, FileInfo> | undefined;
  private heldTimer: NodeJS.Timeout | undefined;
  private readonly watching: ProcessingHolder;
  private readonly checks = new FirstPageCheckSchedule(readCheckInterval());
  private checkTimer: NodeJS.Timeout | undefined;
  /** A load a rate limit stopped, tried again when it resets if the view is still shown (see failed). */
  private readonly listResume = new ResumeAfterLimit();
  /** The same for the search shown in the view. */
  private readonly searchResume = new ResumeAfterLimit();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: FilesTreeDeps) {
    this.watching = deps.processing.holder();
    this.model = new FilesListModel(deps.store, this.fetchPage, readListQuery(), readListView(), () => this.updateStatus());
    this.rememberedRows = new RememberedRows({
      peek: (fileId) => deps.lookup.peek(fileId),
      resolve: (fileId) => deps.lookup.resolve(fileId),
      onDidSettle: () => this.redrawSections(),
    });
    this.search = new TreeSearch({
      search: (query, options) => deps.search.search(query, options),
      resolve: (fileId, signal) => deps.lookup.resolve(fileId, signal),
      fileIdIn: (query) => {
        const ref = parseFileRef(query);
        return ref.ok ? ref.fileId : undefined;
      },
      current: (fileId) => (deps.store.isArchived(fileId) ? undefined : deps.store.get(fileId)),
      failed: (error, query) => this.searchFailed(error, query),
      onDidChange: () => this.searchChanged(),
      numResults: TREE_SEARCH_RESULTS,
    });
    const storeSubscription = deps.store.onDidChange((changes) => this.onStoreChange(changes));
    const rememberedSubscription = deps.remembered.onDidChange(() => this.redrawSections());
    this.disposables.push(
      this.changes,
      { dispose: () => storeSubscription.dispose() },
      { dispose: () => rememberedSubscription.dispose() },
      deps.session.onDidChange(() => {
        this.searchResume.cancel();
        this.search.clear();
        this.reload();
      }),
      deps.thumbnails.onDidLoad((fileId) => this.refreshIcon(fileId)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('videogen.list') && !this.applyingOwnSettings) this.applySettings();
        if (e.affectsConfiguration(CHECK_INTERVAL_SETTING)) {
          this.checks.setInterval(readCheckInterval());
          this.scheduleCheck();
        }
      }),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && this.treeView?.visible && this.checks.mayCheckOnFocus()) void this.checkFirstPage();
      }),
    );
    this.setContext('videogen.groupBy', this.model.view.groupBy);
    this.setContext('videogen.files.searchShown', false);
    this.updateStatus();
  }

  /** Connects the TreeView (selection, message, progress); processing files are watched while it is visible. */
  attach(treeView: vscode.TreeView<TreeNode>): void {
    this.treeView = treeView;
    this.showMessage();
    this.watching.set(treeView.visible);
    this.disposables.push(
      treeView.onDidChangeVisibility(({ visible }) => {
        this.watching.set(visible);
        this.scheduleCheck();
      }),
      treeView.onDidChangeSelection(({ selection }) => {
        const position = selection.find((node): node is FileNode => isFileNode(node) && node.position !== undefined)?.position;
        if (position !== undefined) this.focusThumbnailsAt(position);
      }),
    );
    this.scheduleCheck();
  }

  // ---- Files made elsewhere ----

  /**
   * Checks the first page for files made elsewhere (see FileLibrary.checkFirstPage): on focus, on the interval while
   * the view is visible, and for Open File by ID. Failures are logged and back the schedule off; the view says
   * nothing, since nothing the user asked for failed.
   */
  async checkFirstPage(): Promise<FirstPageCheck> {
    this.checks.started();
    try {
      const result = await this.model.library.checkFirstPage();
      if (result.outcome === 'checked') {
        this.checks.succeeded();
        if (result.added.length + result.removed.length > 0) {
          this.deps.log.info(`First page checked: ${result.added.length} new, ${result.removed.length} no longer listed (${result.removed.join(', ') || 'none'})`);
        }
      }
      return result;
    } catch (error) {
      this.checks.failed(error instanceof VideoGenApiError ? error.retryAfterMs : null);
      // A refused key still switches the view to "fix your key"; anything else only goes to the log.
      if (error instanceof VideoGenApiError && error.status === 401) this.failed(error, vscode.l10n.t('Could not check for new VideoGen files'));
      else this.deps.log.warn(`Could not check the first page for new files: ${error instanceof Error ? error.message : String(error)}`);
      return { outcome: 'busy' };
    } finally {
      this.scheduleCheck();
    }
  }

  /** The next interval check, while the view is visible and the setting is on. */
  private scheduleCheck(): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    const delay = this.checks.delayUntilNext();
    if (delay === undefined || !this.treeView?.visible) return;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      if (this.treeView?.visible) void this.checkFirstPage();
    }, Math.max(delay, 1_000));
  }

  /** Whether a file is listed, left the library while this window watched, or is simply not loaded. */
  listingOf(file: FileInfo): 'listed' | 'departed' | 'notListed' | 'unknown' {
    const library = this.model.library;
    if (library.has(file.fileId)) return 'listed';
    if (library.hasDeparted(file.fileId)) return 'departed';
    return library.isComplete && listsScope(library.currentQuery, file.scope) ? 'notListed' : 'unknown';
  }

  /**
   * The message line above the rows: why the last load failed, and the active filter (VS Code hides the
   * description of a view that is alone in its container, as this one is by default, so it is said here too).
   */
  private showMessage(): void {
    if (!this.treeView) return;
    const filter = describeFilter(this.model.library.currentQuery, this.model.view);
    this.treeView.description = filter;
    const parts = [this.problem, filter === undefined ? undefined : vscode.l10n.t('Filtered: {0}', filter)];
    const message = parts.filter((p): p is string => p !== undefined).join(' — ');
    this.treeView.message = message === '' ? undefined : message;
  }

  // ---- TreeDataProvider ----

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (element?.kind === 'group') return this.groupChildren(element.group);
    if (element?.kind === 'section') return this.sectionChildren(element.section);
    if (element) return [];
    await this.loadFirstPage();
    await this.refreshing;
    return this.rootNodes();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'file':
        return this.fileItem(node);
      case 'group':
        return this.groupItem(node);
      case 'section':
        return sectionItem(node.section, this.summaryOf(node.section));
      case 'id':
        return idItem(node, this.deps.remembered.isPinned(node.fileId));
      case 'notice':
        return noticeItem(node);
      case 'loadMore':
        return this.loadMoreItem();
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'id' || (node.kind === 'file' && node.section !== undefined)) return this.sectionNode(node.section!);
    if (node.kind === 'notice') return this.sectionNode('results');
    if (node.kind !== 'file' || this.model.view.groupBy !== 'type') return undefined;
    return this.groupNode(groupOf(node.file));
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

  /** Lists again from the first page; the rows shown stay until the new page is there, and stay if it fails. */
  refresh(): void {
    // A refused key or a missing one is re-read by a session reset, which reloads the view through onDidChange.
    if (this.deps.session.state !== 'ready') {
      this.deps.session.reset();
      return;
    }
    this.rememberedRows.retryFailed();
    this.listResume.cancel();
    if (this.model.library.status !== 'loaded') {
      this.reload();
      return;
    }
    this.moreLoad = undefined;
    const work = this.model.library.refresh();
    const generation = this.model.library.generation;
    const done = work.then(
      () => {
        if (generation === this.model.library.generation) this.loaded(); // a superseded refresh says nothing
      },
      (error: unknown) => {
        if (generation === this.model.library.generation) this.failed(error, vscode.l10n.t('Could not refresh the VideoGen library'), () => this.refresh());
      },
    );
    this.refreshing = done;
    void vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, () => done);
    void done.then(() => {
      if (this.refreshing !== done) return;
      this.refreshing = undefined;
      this.changes.fire(undefined);
    });
  }

  loadMore(): Promise<void> {
    if (this.moreLoad) return this.moreLoad;
    this.listResume.cancel();
    const load = this.loadMoreUntilVisible().finally(() => {
      if (this.moreLoad === load) this.moreLoad = undefined;
    });
    this.moreLoad = load;
    return load;
  }

  /** The selected files, once each (a file may be selected both in a section and in the listing). */
  selectedFiles(): FileInfo[] {
    const files = new Map<string, FileInfo>();
    for (const node of (this.treeView?.selection ?? []).filter(isFileNode)) files.set(node.file.fileId, node.file);
    return [...files.values()];
  }

  /**
   * Selects without taking the focus: the command that asked may have opened a quick pick that must keep it. A row
   * of a section is selected there (a context menu on a pinned row keeps the selection in Pinned). Resolves when
   * the workbench has shown it: a reveal shows the Files view, so one still on its way would take the view back
   * from whatever the command shows next (the Explorer after Save to Workspace).
   */
  async select(fileId: string, section?: Section): Promise<void> {
    const node = section === undefined ? this.fileNodes.get(fileId) : this.placedNodes.get(placeKey(section, fileId));
    if (node && this.treeView?.visible) await Promise.resolve(this.treeView.reveal(node, { select: true, focus: false })).catch(() => undefined);
  }

  async chooseFilter(): Promise<void> {
    await this.withOwnSettings(() => chooseFilter());
  }

  async setGroupBy(groupBy: 'type' | 'none'): Promise<void> {
    await this.withOwnSettings(() => updateSetting('list.groupBy', groupBy));
  }

  /**
   * Shows the answer to `query` as the "Results for '…'" root, then moves the keyboard there: the root is revealed
   * and its first row selected and focused, so Enter, the context menu key and the row shortcuts work at once.
   */
  async showSearchResults(query: string): Promise<void> {
    this.searchResume.cancel();
    const run = this.runSearch(query);
    await run;
    await this.revealResults();
  }

  private runSearch(query: string): Promise<void> {
    const run = this.search.run(query);
    void vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, () => run);
    return run;
  }

  clearSearchResults(): void {
    this.searchResume.cancel();
    this.search.clear();
  }

  searchQuery(): string | undefined {
    return this.search.current?.query;
  }

  // ---- Sections: search results, pinned, recently inserted ----

  /** Revealing shows the view when it is hidden (the command may come from the palette). */
  private async revealResults(): Promise<void> {
    const view = this.treeView;
    if (!view || this.search.current === undefined) return;
    const root = this.sectionNode('results');
    try {
      await view.reveal(root, { expand: true, select: false, focus: true });
      const [first] = await this.sectionChildren('results');
      if (first) await view.reveal(first, { select: true, focus: true });
    } catch (error) {
      // The view may be hidden or collapsed away meanwhile; the results are there all the same.
      this.deps.log.warn(`Could not reveal the search results: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private searchFailed(error: unknown, query: string): string {
    this.deps.errors.report(error, vscode.l10n.t('VideoGen search failed'), () => this.showSearchResults(query));
    const { message, retryAtMs } = classifyError(error);
    // Searched again in place when the limit resets, if these failed results are still shown (no focus taken).
    const stillShown = () => this.treeView?.visible === true && this.search.current?.phase === 'failed' && this.search.current.query === query;
    this.searchResume.schedule(retryAtMs, () => void this.runSearch(query), stillShown);
    return this.deps.log.scrub(message);
  }

  private searchChanged(): void {
    this.setContext('videogen.files.searchShown', this.search.current !== undefined);
    this.noticeNode = undefined;
    this.changes.fire(undefined);
  }

  /** Pinned and recent rows settle one by one (lookups, pins from other commands): redrawn in small batches. */
  private redrawSections(): void {
    this.sectionsTimer ??= setTimeout(() => {
      this.sectionsTimer = undefined;
      this.changes.fire(undefined);
    }, 50);
  }

  /** The root sections that have something to show, in order. Pinned and recent ones wait for the listing. */
  private sectionRoots(): SectionNode[] {
    const sections: Section[] = [];
    if (this.search.current !== undefined) sections.push('results');
    if (this.model.library.status === 'loaded') {
      if (this.deps.remembered.pinned().length > 0) sections.push('pinned');
      if (this.recentRows().length > 0) sections.push('recent');
    }
    return sections.map((section) => this.sectionNode(section));
  }

  /**
   * Recently inserted files, minus those no longer in the library: a history has nothing to act on in a dead id
   * (unlike a pin, which the user chose and may want to unpin), so it simply leaves.
   */
  private recentRows(): RememberedRow[] {
    return this.rememberedRows.rows(this.deps.remembered.recentlyInserted()).filter((row) => row.kind !== 'missing' && row.kind !== 'archived');
  }

  private sectionChildren(section: Section): TreeNode[] {
    if (section === 'results') return this.resultRows();
    const rows = section === 'pinned' ? this.rememberedRows.rows(this.deps.remembered.pinned()) : this.recentRows();
    return rows.map((row) => (row.kind === 'file' ? this.placedFile(section, row.file) : this.placedId(section, row.fileId, row.kind)));
  }

  private resultRows(): TreeNode[] {
    const state = this.search.current;
    if (!state) return [];
    if (state.phase === 'searching') return [this.notice('searching', vscode.l10n.t('Searching…'))];
    if (state.phase === 'failed') return [this.notice('failed', vscode.l10n.t('Search failed: {0}', state.message))];
    const rows: TreeNode[] = [];
    const exact = state.exact;
    if (exact) rows.push(exact.kind === 'found' ? this.placedFile('results', exact.file) : this.placedId('results', exact.fileId, exact.kind));
    rows.push(...state.files.filter((f) => f.fileId !== (exact?.kind === 'found' ? exact.file.fileId : undefined)).map((f) => this.placedFile('results', f)));
    if (rows.length === 0) rows.push(this.notice('noResults', vscode.l10n.t('No file in your VideoGen library matches this search')));
    return rows;
  }

  /** The root's one notice, kept while the state lasts so that reveal finds the same element. */
  private notice(notice: NoticeNode['notice'], text: string): NoticeNode {
    if (this.noticeNode?.notice !== notice || this.noticeNode.text !== text) this.noticeNode = { kind: 'notice', notice, text };
    return this.noticeNode;
  }

  private summaryOf(section: Section): SectionSummary {
    if (section === 'results') {
      const state = this.search.current;
      const count = state?.phase === 'done' ? this.resultRows().filter(isFileNode).length : undefined;
      return { query: state?.query ?? '', count, searching: state?.phase === 'searching' };
    }
    const count = section === 'pinned' ? this.deps.remembered.pinned().length : this.recentRows().length;
    return { query: '', count, searching: false };
  }

  private sectionNode(section: Section): SectionNode {
    let node = this.sectionNodes.get(section);
    if (!node) {
      node = { kind: 'section', section };
      this.sectionNodes.set(section, node);
    }
    return node;
  }

  private placedFile(section: Section, file: FileInfo): FileNode {
    const key = placeKey(section, file.fileId);
    const known = this.placedNodes.get(key);
    if (known?.kind === 'file') {
      known.file = file;
      return known;
    }
    const node: FileNode = { kind: 'file', file, section };
    this.placedNodes.set(key, node);
    return node;
  }

  private placedId(section: Section, fileId: string, state: IdNode['state']): IdNode {
    const key = placeKey(section, fileId);
    const known = this.placedNodes.get(key);
    if (known?.kind === 'id') {
      known.state = state;
      return known;
    }
    const node: IdNode = { kind: 'id', section, fileId, state };
    this.placedNodes.set(key, node);
    return node;
  }

  /** Whether a root section shows this id (pinned, recently inserted or found). */
  private inSections(fileId: string): boolean {
    return this.deps.remembered.pinned().includes(fileId) || this.deps.remembered.recentlyInserted().includes(fileId) || this.search.shows(fileId);
  }

  /**
   * Rows of the sections follow the store as the listing's do: an update redraws them (a rename, a public preview
   * switched), a file that left the library or became known redraws the sections.
   */
  private sectionChanges(changes: readonly FileChange[]): { redraw: FileNode[]; structural: boolean } {
    const redraw: FileNode[] = [];
    let structural = false;
    for (const change of changes) {
      const fileId = changedFileId(change);
      if (!this.inSections(fileId)) continue;
      if (change.kind !== 'updated') {
        structural = true;
        continue;
      }
      for (const section of SECTIONS) {
        const node = this.placedNodes.get(placeKey(section, fileId));
        if (node?.kind === 'file') {
          node.file = change.file;
          redraw.push(node);
        } else if (node?.kind === 'id') structural = true;
      }
    }
    return { redraw, structural };
  }

  // ---- Loading ----

  private readonly fetchPage: PageFetcher = async (query, cursor, signal) => {
    const client = await this.deps.session.client();
    // A refused key is not tried again until a new key, or Refresh, resets the session.
    if (!client || this.deps.session.state === 'unauthorized') return undefined;
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
    this.listResume.cancel();
    this.refreshing = undefined;
    this.model.library.invalidate(readListQuery());
    this.fileNodes.clear();
    this.thumbnailFocus.reset();
    this.firstLoad = undefined;
    this.moreLoad = undefined;
    this.changes.fire(undefined);
  }

  /** The first page, with the view's progress bar; concurrent callers share it. Never rejects: failures are shown. */
  private loadFirstPage(): Promise<void> {
    if (this.model.library.status === 'stale') this.firstLoad = this.startFirstLoad();
    return this.firstLoad ?? Promise.resolve();
  }

  private async startFirstLoad(): Promise<void> {
    const generation = this.model.library.generation;
    this.heldThumbnails ??= new Map();
    const load = this.model.loadFirstPage();
    void vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, () => load.catch(() => undefined));
    try {
      await load;
      if (generation === this.model.library.generation) this.loaded();
    } catch (error) {
      if (generation === this.model.library.generation) this.failed(error, vscode.l10n.t('Could not load the VideoGen library'), () => this.refresh());
    }
  }

  private async loadMoreUntilVisible(): Promise<void> {
    const generation = this.model.library.generation;
    if (!this.model.library.hasMore) return;
    // "Load more…" sits under the last row: the user looks at the end of this page and the start of the next.
    this.focusThumbnailsAt(this.model.visibleFiles().length);
    const work = this.model.loadMore();
    this.changes.fire(this.loadMoreNode); // now shows "Loading…"
    try {
      await vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, () => work);
      if (generation === this.model.library.generation) this.loaded();
    } catch (error) {
      if (generation === this.model.library.generation) this.failed(error, vscode.l10n.t('Could not load more VideoGen files'), () => void this.loadMore());
    } finally {
      if (generation === this.model.library.generation) this.changes.fire(undefined);
    }
  }

  private loaded(): void {
    // A list just loaded is as fresh as a check: the next one is an interval away.
    this.checks.started();
    this.scheduleCheck();
    if (this.problem === undefined) return;
    this.problem = undefined;
    this.showMessage();
  }

  /**
   * A failed load is said in the view itself, where the user is looking, and stays there until a load succeeds;
   * a notification would outlive the problem. The rows loaded before stay; with none, the welcome content offers Retry.
   * A refused key is the exception: the rows go and the welcome content asks for a key. A load a rate limit stopped
   * (`resume`) is tried again once when the limit resets, if the view is still shown and nothing was loaded since.
   */
  private failed(error: unknown, what: string, resume?: () => void): void {
    const { message, keyRefused, transient, retryAtMs } = this.deps.errors.note(error, what);
    if (resume) this.listResume.schedule(retryAtMs, resume, () => this.treeView?.visible === true);
    if (keyRefused) {
      // Rows listed with a key that no longer works are not kept: the welcome content asks for a new key (and the
      // list is not asked for again until the session is reset).
      this.problem = undefined;
      if (this.model.library.status === 'loaded') this.reload();
      this.showMessage();
      this.updateStatus();
      return;
    }
    const next = this.listResume.scheduled ? vscode.l10n.t('It loads again by itself then.') : vscode.l10n.t('Refresh to try again.');
    this.problem = transient ? `⚠ ${asSentence(message)} ${next}` : `⚠ ${message}`;
    this.showMessage();
    this.updateStatus();
  }

  // ---- Store ----

  /** Rows follow the store: a changed file is redrawn, a file that moves group or leaves the list redraws the list. */
  private onStoreChange(changes: readonly FileChange[]): void {
    const sections = this.sectionChanges(changes);
    const redraw: FileNode[] = [...sections.redraw];
    let structural = sections.structural;
    for (const change of changes) {
      const node = this.fileNodes.get(changedFileId(change));
      if (change.kind === 'removed') {
        if (this.fileNodes.delete(change.fileId)) structural = true;
        continue;
      }
      if (change.joinedLibrary === true) structural = true;
      if (!node || change.kind !== 'updated') continue;
      node.file = change.file;
      const moved = groupOf(change.previous) !== groupOf(change.file) || this.model.isVisible(change.previous) !== this.model.isVisible(change.file);
      if (moved) structural = true;
      else redraw.push(node);
    }
    if (structural) this.changes.fire(undefined);
    else if (redraw.length > 0) this.changes.fire(redraw);
    this.updateStatus();
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
    const viewChanged = this.model.setView(readListView());
    this.setContext('videogen.groupBy', this.model.view.groupBy);
    if (!sameQuery(query, this.model.library.currentQuery)) {
      this.reload();
      this.showMessage();
      return;
    }
    this.showMessage();
    if (!viewChanged) return;
    this.changes.fire(undefined);
    this.updateStatus();
    if (this.model.library.status === 'loaded' && this.model.visibleFiles().length === 0 && this.model.library.hasMore) void this.loadMore();
  }

  // ---- Nodes and items ----

  private nodeFor(file: FileInfo, position: number): FileNode {
    let node = this.fileNodes.get(file.fileId);
    if (!node) {
      node = { kind: 'file', file };
      this.fileNodes.set(file.fileId, node);
    }
    node.file = file;
    node.position = position;
    return node;
  }

  /** The rows of a group, each with its position in the whole listing (which is what the thumbnail focus counts). */
  private groupChildren(group: FileGroup): FileNode[] {
    const nodes: FileNode[] = [];
    this.model.visibleFiles().forEach((file, position) => {
      if (groupOf(file) === group) nodes.push(this.nodeFor(file, position));
    });
    return nodes;
  }

  private groupNode(group: FileGroup): GroupNode {
    let node = this.groupNodes.get(group);
    if (!node) {
      node = { kind: 'group', group };
      this.groupNodes.set(group, node);
    }
    return node;
  }

  private rootNodes(): TreeNode[] {
    const sections = this.sectionRoots();
    if (this.model.library.status !== 'loaded') return sections;
    const listed: TreeNode[] =
      this.model.view.groupBy === 'type' ? this.model.groups().map((group) => this.groupNode(group)) : this.model.visibleFiles().map((f, position) => this.nodeFor(f, position));
    const nodes: TreeNode[] = [...sections, ...listed];
    if (this.model.library.hasMore) nodes.push(this.loadMoreNode);
    return nodes;
  }

  /**
   * VS Code asks for the item of every row again whenever the root is refreshed (each "Load more…"): an item is
   * made again only when what it shows changed (the file, pinned, the thumbnail), so a page costs its own rows.
   */
  private fileItem(node: FileNode): vscode.TreeItem {
    const file = node.file;
    const pinned = this.deps.remembered.isPinned(file.fileId);
    const thumbnail = this.thumbnailOf(node);
    const made = this.items.get(node);
    if (made && made.file === file && made.pinned === pinned && made.thumbnail === thumbnail) return made.item;
    const item = new vscode.TreeItem(labelOf(file), vscode.TreeItemCollapsibleState.None);
    item.id = node.section === undefined ? `file/${file.fileId}` : placeKey(node.section, file.fileId);
    item.description = descriptionOf(file);
    item.iconPath = thumbnail ?? codiconOf(file);
    item.contextValue = pinned ? `${contextValueOf(file)} pinned` : contextValueOf(file);
    item.accessibilityInformation = { label: accessibilityLabelOf(file) };
    item.command = { command: 'videogen.openPreview', title: vscode.l10n.t('Open Preview'), arguments: [node, undefined, { preview: true }] };
    this.items.set(node, { file, pinned, thumbnail, item });
    return item;
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const count = this.model.filesOfGroup(node.group).length;
    const more = this.model.library.hasMore;
    const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group/${node.group}`;
    item.description = more ? `${count}+` : String(count);
    item.tooltip = groupAccessibilityLabel(node.group, count, more);
    item.accessibilityInformation = { label: groupAccessibilityLabel(node.group, count, more) };
    item.iconPath = groupIcon(node.group);
    item.contextValue = 'group';
    return item;
  }

  private loadMoreItem(): vscode.TreeItem {
    const loading = this.model.library.isLoadingMore;
    const item = new vscode.TreeItem(loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'));
    item.id = 'loadMore';
    item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
    const loaded = this.model.library.size;
    const visible = this.model.visibleFiles().length;
    item.description =
      visible === loaded
        ? vscode.l10n.t('{0} of many loaded', loaded)
        : vscode.l10n.t('{0} matching of {1} loaded', visible, loaded);
    item.tooltip = vscode.l10n.t('Fetch the next {0} files', this.model.library.currentQuery.pageSize);
    item.contextValue = 'loadMore';
    if (!loading) item.command = { command: 'videogen.loadMore', title: vscode.l10n.t('Load More Files') };
    return item;
  }

  private showsThumbnail(file: FileInfo): boolean {
    const states = statesOf(file);
    return this.model.view.thumbnails && isReady(file.thumbnailSource) && !states.processing && !states.unusable;
  }

  /** The row's thumbnail when it is on disk; one near where the user looks is asked for when it is not. */
  private thumbnailOf(node: FileNode): vscode.Uri | undefined {
    const file = node.file;
    if (!this.showsThumbnail(file)) return undefined;
    const cached = this.deps.thumbnails.peek(file.fileId);
    if (!cached && (node.position === undefined || this.thumbnailFocus.isNear(node.position))) this.requestThumbnail(file);
    return cached;
  }

  private requestThumbnail(file: FileInfo): void {
    if (!this.heldThumbnails) {
      this.deps.thumbnails.request(file);
      return;
    }
    this.heldThumbnails.set(file.fileId, file);
    this.heldTimer ??= setTimeout(() => this.releaseThumbnails(), FIRST_PAINT_MS);
  }

  private releaseThumbnails(): void {
    const held = this.heldThumbnails;
    this.heldThumbnails = undefined;
    this.heldTimer = undefined;
    for (const file of held?.values() ?? []) this.deps.thumbnails.request(file);
  }

  /**
   * The user acted at this position of the listing: the rows around it get their thumbnails (rows not listed yet get
   * theirs when their items are made). Each arrival redraws its row (refreshIcon).
   */
  private focusThumbnailsAt(position: number): void {
    const { start, end } = this.thumbnailFocus.moveTo(position);
    const visible = this.model.visibleFiles();
    for (let at = start; at < Math.min(end, visible.length); at++) {
      const file = visible[at];
      if (this.showsThumbnail(file) && !this.deps.thumbnails.peek(file.fileId)) this.requestThumbnail(file);
    }
  }

  /** Thumbnails arrive one by one: their rows are refreshed in small batches. */
  private refreshIcon(fileId: string): void {
    this.pendingIcons.add(fileId);
    this.iconTimer ??= setTimeout(() => {
      this.iconTimer = undefined;
      const listed = [...this.pendingIcons].map((id) => this.fileNodes.get(id)).filter((n): n is FileNode => n !== undefined && this.model.library.has(n.file.fileId));
      const placed = [...this.pendingIcons].flatMap((id) => SECTIONS.map((section) => this.placedNodes.get(placeKey(section, id)))).filter(isFileNode);
      this.pendingIcons.clear();
      const shown = [...listed, ...placed];
      if (shown.length > 0) this.changes.fire(shown);
    }, 50);
  }

  // ---- Context keys ----

  private updateStatus(): void {
    const status = this.model.status;
    if (status === this.status) return;
    this.status = status;
    this.setContext('videogen.files.status', status);
  }

  /** The status the welcome content sees. */
  get currentStatus(): FilesStatus {
    return this.status ?? this.model.status;
  }

  /** What the message line says (a load problem, the filter), or undefined. */
  get currentMessage(): string | undefined {
    return this.treeView?.message;
  }

  private setContext(key: string, value: string | boolean): void {
    vscode.commands.executeCommand('setContext', key, value).then(undefined, () => undefined);
  }

  dispose(): void {
    clearTimeout(this.iconTimer);
    clearTimeout(this.heldTimer);
    clearTimeout(this.sectionsTimer);
    this.search.clear();
    clearTimeout(this.checkTimer);
    this.listResume.dispose();
    this.searchResume.dispose();
    this.watching.dispose();
    this.model.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The TreeItem id of a row of a section; unique per place, apart from the listing's `file/<id>`. */
function placeKey(section: Section, fileId: string): string {
  return `${section}/${fileId}`;
}

const CHECK_INTERVAL_SETTING = 'videogen.list.autoRefreshInterval';

/**
 * How long the thumbnails of a first page wait after its items are handed over. VS Code says nothing when rows are
 * painted; on a busy 2-core machine the workbench took up to ~0.8 s from the list's answer to the first row, so 1.5 s
 * leaves the one list request as all the first paint waits for, and the icons follow.
 */
const FIRST_PAINT_MS = 1_500;

function readCheckInterval(): number {
  return checkIntervalMs(vscode.workspace.getConfiguration().get<number>(CHECK_INTERVAL_SETTING));
}

/** Whether GET /v1/files lists files of this scope with the view's flags. */
function listsScope(query: { includeProjectFiles: boolean; includeExportFiles: boolean }, scope: string): boolean {
  if (scope === 'PROJECT') return query.includeProjectFiles;
  if (scope === 'EXPORT') return query.includeExportFiles;
  return true;
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

/** "Could not reach …: connection refused" → "… refused.", so that another sentence can follow. */
function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
