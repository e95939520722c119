import * as vscode from 'vscode';
import { earliestExpiryMs, expiryMarginSeconds, isHydratedFileFresh, type FileInfo } from '../api';
import { ResumeAfterLimit } from '../async/resumeAfterLimit';
import { isCancellation } from '../errors';
import { statesOf } from '../files/facts';
import type { ProcessingHolder } from '../files/processingWatch';
import { changedFileId, type FileChange } from '../files/store';
import type { Services } from '../services';
import { previewDetails } from './details';
import { previewResourceRoots, renderPreviewHtml } from './html';
import { allFileUrls, mediaKindOf, mediaOrigin, modelUrls, toPreviewModel } from './model';
import { archivedStatus, describeLoadFailure, fileGoneStatus } from './problems';
import {
  parseWebviewMessage,
  type FileAction,
  type HostToWebview,
  type MediaKind,
  type LoadedSourceName,
  type MediaSourceName,
  type PreviewAction,
  type PreviewModel,
  type PreviewStatus,
  type WebviewToHost,
} from './protocol';
import { RefreshTimer } from './refreshTimer';
import { previewStrings } from './strings';

export const PREVIEW_VIEW_TYPE = 'videogen.preview';

/** Background refresh runs twice the usability margin before the first signed URL expires (2 min by default). */
function refreshLeadMs(): number {
  return 2 * expiryMarginSeconds() * 1000;
}
/** Never refresh in the background more often than this, even if the server signs very short-lived URLs. */
const MIN_REFRESH_INTERVAL_MS = 5_000;

const COMMAND_OF_ACTION: Readonly<Record<FileAction, string>> = {
  copyFileId: 'videogen.copyFileId',
  copyDownloadUrl: 'videogen.copyDownloadUrl',
  copyPreviewUrl: 'videogen.copyPreviewUrl',
  copyHlsUrl: 'videogen.copyHlsUrl',
  copyPublicPreviewUrl: 'videogen.copyPublicPreviewUrl',
  insertFileId: 'videogen.insertFileId',
  copyPublicLink: 'videogen.copyPublicLink',
  enablePublicPreview: 'videogen.enablePublicPreview',
  disablePublicPreview: 'videogen.disablePublicPreview',
  openInVideoGen: 'videogen.openInVideoGen',
  saveToWorkspace: 'videogen.saveToWorkspace',
};

/** How a load gets the file: `get` uses the cache (hydrating only what is stale), `refresh` always re-signs. */
type LoadMode = 'get' | 'refresh';

interface LoadOptions {
  /** No "Loading…": the content stays as it is, and a failure is only logged (a later media error retries). */
  background?: boolean;
  /** Answers a media error: its URLs count as fresh, so a further error means "unplayable". Failures are shown. */
  recovery?: boolean;
}

/** What a panel shows now: read by the integration tests through the test hooks (src/testHooks.ts). */
export interface PreviewPanelState {
  fileId: string;
  title: string;
  html: string;
  status: PreviewStatus;
  model: PreviewModel | null;
  webviewReady: boolean;
  visible: boolean;
  /** A load (first load, refresh or recovery) is in flight. */
  loading: boolean;
  /** Media-error recoveries (each one forced re-hydration). */
  recoveries: number;
  unplayable: MediaSourceName[];
  /** When the background URL refresh is due (epoch ms). */
  refreshDueMs: number | undefined;
}

/**
 * One preview editor: loads the hydrated file, keeps its signed URLs fresh while it is open, recovers
 * once from a media error by re-hydrating, and runs the toolbar's commands.
 */
export class PreviewPanel implements vscode.Disposable {
  private file: FileInfo | undefined;
  private status: PreviewStatus = { kind: 'loading' };
  private cspOrigins: string[] = [];
  private webviewReady = false;
  private readonly unplayable = new Set<MediaSourceName>();
  private recoveredUrls: ReadonlySet<string> = new Set();
  /** URLs whose failure already started a recovery: never more than one per URL (until the user retries). */
  private readonly retriedUrls = new Set<string>();
  private recoveries = 0;
  private refreshMissed = false;
  /** The file left the library (archived, deleted): the panel says so until it comes back. */
  private gone = false;
  /** On while the file is processing: the window's one poll re-reads it, and the store tells this panel. */
  private readonly processingWatch: ProcessingHolder;
  private loading: AbortController | undefined;
  private readonly refreshTimer = new RefreshTimer(() => this.onRefreshDue());
  /** A load a rate limit stopped, tried again when it resets if the panel is still open and still says so. */
  private readonly resume = new ResumeAfterLimit();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly fileId: string,
    initial: FileInfo | undefined,
    private readonly services: Services,
    /** The user did something in the panel: it is no longer a throwaway single-click preview. */
    private readonly onUsed: () => void = () => undefined,
  ) {
    this.processingWatch = services.processing.holder();
    panel.webview.options = { enableScripts: true, localResourceRoots: previewResourceRoots(this.extensionUri) };
    if (initial) {
      this.file = initial;
      this.setTitle(initial);
      // Re-signed URLs keep their host, so the page built now still allows them after hydration.
      this.cspOrigins = originsOf(allFileUrls(initial));
    }
    this.renderHtml();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(parseWebviewMessage(message))),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.webviewReady = false; // not retained: the page reloads and says "ready" when shown
      }),
      this.refreshTimer,
      this.resume,
      toDisposable(services.store.onDidChange((changes) => this.onStoreChange(changes))),
    );
  }

  /**
   * The file changed elsewhere (public preview switched on, processing finished), left the library (archived from
   * this window, or gone), or came back (an archive that failed).
   */
  private onStoreChange(changes: readonly FileChange[]): void {
    for (const change of changes) {
      if (changedFileId(change) !== this.fileId) continue;
      if (change.kind === 'removed') this.leaveLibrary(change.reason === 'archived');
      else if (this.gone) void this.update(change.file); // back: an archive that failed
      else if (this.loading) this.file = change.file; // the load in flight shows the latest when it lands
      else if (change.file !== this.file) void this.update(change.file);
    }
  }

  private leaveLibrary(archived: boolean): void {
    this.gone = true;
    this.loading?.abort();
    this.refreshTimer.cancel();
    this.resume.cancel();
    this.setStatus(archived ? archivedStatus(this.file) : fileGoneStatus(this.services.log));
  }


  private get extensionUri(): vscode.Uri {
    return this.services.context.extensionUri;
  }

  /** Loads the file (from the cache when its URLs are still good); resolves once it or the failure is shown. */
  load(): Promise<void> {
    return this.loadFile('get');
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** Shows newer data of the file; what is not freshly signed yet is hydrated in the background. */
  private update(file: FileInfo): Promise<void> {
    this.file = file;
    return isHydratedFileFresh(file) ? Promise.resolve(this.show(file)) : this.loadFile('get', { background: true });
  }

  /** The API key or connection changed: load again through the new client. */
  reconnect(): Promise<void> {
    return this.loadFile('get');
  }

  /** Handles a message as if the webview had posted it. Used by the webview listener and by tests. */
  receive(message: WebviewToHost | undefined): Promise<void> {
    switch (message?.type) {
      case 'ready':
        this.onWebviewReady();
        return Promise.resolve();
      case 'mediaError':
        return this.onMediaError(message.source, message.url);
      case 'action':
        return this.runAction(message.action);
      default:
        return Promise.resolve();
    }
  }

  /** Runs the background refresh of the signed URLs now, as if its time had come. */
  refreshNow(): void {
    this.refreshTimer.cancel();
    this.onRefreshDue();
  }

  get state(): PreviewPanelState {
    return {
      fileId: this.fileId,
      title: this.panel.title,
      html: this.panel.webview.html,
      status: this.status,
      model: this.currentModel(),
      webviewReady: this.webviewReady,
      visible: this.panel.visible,
      loading: this.loading !== undefined,
      recoveries: this.recoveries,
      unplayable: [...this.unplayable],
      refreshDueMs: this.refreshTimer.due,
    };
  }

  private async loadFile(mode: LoadMode, options: LoadOptions = {}): Promise<void> {
    if (this.gone && this.services.store.isArchived(this.fileId)) return; // GET would still answer: nothing to show
    this.loading?.abort();
    this.resume.cancel();
    const controller = new AbortController();
    this.loading = controller;
    if (!options.background && !options.recovery) this.setStatus({ kind: 'loading' });
    try {
      const fetched = await this.fetchFile(mode, controller.signal);
      if (controller.signal.aborted || this.disposed) return;
      const latest = this.services.store.get(this.fileId);
      const file = latest && isHydratedFileFresh(latest) ? latest : fetched;
      if (options.recovery) this.recoveredUrls = new Set(allFileUrls(file));
      this.show(file);
    } catch (error) {
      if (controller.signal.aborted || this.disposed || isCancellation(error)) return;
      this.services.log.error(`Preview of ${this.fileId}: loading the file failed`, error);
      if (!(options.background && this.file)) this.showLoadFailure(error);
    } finally {
      if (this.loading === controller) this.loading = undefined;
    }
  }

  private showLoadFailure(error: unknown): void {
    const { status, retryAtMs } = describeLoadFailure(error, this.services.session, this.services.log);
    this.setStatus(status);
    const stillShown = () => !this.disposed && !this.loading && this.status === status;
    this.resume.schedule(retryAtMs, () => void this.loadFile('get'), stillShown);
  }

  private async fetchFile(mode: LoadMode, signal: AbortSignal): Promise<FileInfo> {
    const cache = await this.services.session.hydratedFiles(); // throws when no key is set, even for a fresh file
    if (mode === 'get' && this.file && isHydratedFileFresh(this.file)) return this.file;
    return mode === 'refresh' ? cache.refresh(this.fileId, signal) : cache.get(this.fileId, signal);
  }

  private show(file: FileInfo): void {
    this.gone = false; // loaded again (Retry after a 404 that was not), or put back after a failed archive
    this.file = file;
    this.setTitle(file);
    this.status = { kind: 'ready' };
    const model = this.modelOf(file);
    const origins = originsOf(modelUrls(model));
    if (!origins.every((origin) => this.cspOrigins.includes(origin))) {
      this.cspOrigins = origins;
      this.renderHtml(); // the new page asks for its content when it is ready
    } else {
      this.post({ type: 'update', file: model, status: this.status });
    }
    this.scheduleRefresh(file);
  }

  private setStatus(status: PreviewStatus): void {
    this.status = status;
    this.post({ type: 'update', file: this.currentModel(), status });
  }

  /** Rebuilt for every message, so only URLs usable at that moment are sent. */
  private currentModel(): PreviewModel | null {
    return this.file ? this.modelOf(this.file) : null;
  }

  /** A file that left the library keeps its picture and details, without actions on it. */
  private modelOf(file: FileInfo): PreviewModel {
    const model = toPreviewModel(file, previewDetails(file), this.unplayable);
    return this.gone ? { ...model, actions: [] } : model;
  }

  private setTitle(file: FileInfo): void {
    this.panel.title = file.displayName || file.fileId;
    this.panel.iconPath = previewIcon(this.extensionUri, mediaKindOf(file));
  }

  private renderHtml(): void {
    this.webviewReady = false;
    this.panel.webview.html = renderPreviewHtml(this.panel.webview, this.extensionUri, this.cspOrigins);
  }

  private post(message: HostToWebview): void {
    if (!this.webviewReady || this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  private onWebviewReady(): void {
    this.webviewReady = true;
    // A refresh fell due while the panel was hidden (its URLs may have expired since): do it now.
    const refresh = this.refreshMissed && !this.loading;
    this.refreshMissed = false;
    if (refresh) this.status = { kind: 'loading' };
    this.post({ type: 'init', strings: previewStrings(), file: this.currentModel(), status: this.status });
    if (refresh) void this.loadFile('refresh');
  }

  private scheduleRefresh(file: FileInfo): void {
    this.processingWatch.set(statesOf(file).processing);
    const expiry = earliestExpiryMs(file);
    if (expiry === null) return this.refreshTimer.cancel();
    this.refreshTimer.schedule(Math.max(expiry - refreshLeadMs(), Date.now() + MIN_REFRESH_INTERVAL_MS));
  }

  /** Hidden panels have no page to update: they refresh when shown again. */
  private onRefreshDue(): void {
    if (!this.panel.visible) this.refreshMissed = true;
    else if (!this.loading) void this.loadFile('refresh', { background: true });
  }

  /**
   * A signed URL failed in the webview. The first failure of a URL re-hydrates once (it may have expired
   * or been revoked); a failure of a URL that re-hydration just produced means the webview cannot play
   * that source (codec, HLS), so it is marked unplayable and the webview moves on or explains.
   */
  private async onMediaError(source: LoadedSourceName, url: string): Promise<void> {
    if (!this.file || this.file[source]?.url !== url) return; // an older URL, already replaced
    if (this.recoveredUrls.has(url)) {
      if (source === 'thumbnailSource') return; // decoration: the page has hidden it
      this.services.log.info(`Preview of ${this.fileId}: ${source} cannot be played in the webview`);
      this.unplayable.add(source);
      this.post({ type: 'update', file: this.currentModel(), status: this.status });
      return;
    }
    if (this.loading || this.retriedUrls.has(url)) return; // new URLs are on their way, or the status offers Retry
    this.retriedUrls.add(url);
    this.recoveries++;
    this.services.log.info(`Preview of ${this.fileId}: ${source} failed to load, re-hydrating once`);
    await this.loadFile('refresh', { recovery: true });
  }

  private async runAction(action: PreviewAction): Promise<void> {
    this.onUsed();
    try {
      switch (action) {
        case 'retry':
          this.retriedUrls.clear();
          return await this.loadFile('get');
        case 'setApiKey':
          await vscode.commands.executeCommand('videogen.setApiKey');
          return;
        case 'showLog':
          return this.services.log.show();
        default:
          // insertFileId: the commands module remembers the last active text editor (the webview has focus now).
          if (this.file) await vscode.commands.executeCommand(COMMAND_OF_ACTION[action], this.file);
      }
    } catch (error) {
      this.services.errors.report(error, vscode.l10n.t('VideoGen preview'));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.abort();
    this.processingWatch.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
    this.panel.dispose();
  }
}

function toDisposable(subscription: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => subscription.dispose());
}

function originsOf(urls: readonly string[]): string[] {
  const origins = urls.map(mediaOrigin).filter((origin): origin is string => origin !== null);
  return [...new Set(origins)].sort();
}

const ICON_OF_KIND: Readonly<Record<MediaKind, string>> = { image: 'image', video: 'video', audio: 'audio', other: 'file' };

export function previewIcon(extensionUri: vscode.Uri, kind: MediaKind): { light: vscode.Uri; dark: vscode.Uri } {
  const icon = (theme: string) => vscode.Uri.joinPath(extensionUri, 'media', 'icons', `preview-${ICON_OF_KIND[kind]}-${theme}.svg`);
  return { light: icon('light'), dark: icon('dark') };
}
