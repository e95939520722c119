import * as vscode from 'vscode';
import { usableUrl } from '../files/facts';
import type { FileInfo } from '../api/models';
import type { Log } from '../log';
import { ConcurrencyLimiter, SlidingWindowBudget } from '../async/limits';
import { MediaHttpError, sniffImage, type ImageFetcher } from './imageFetch';

/** Parallel thumbnail downloads. */
const CONCURRENCY = 4;
/**
 * Hydrations spent on thumbnails per rolling hour. The API allows 2,500 hydrations an hour per key, shared
 * with previews, copies and other tools: thumbnails take a small slice, and each file is hydrated for its
 * thumbnail at most once per session. Thumbnails are then on disk for good, so the cost is paid once.
 */
export const THUMBNAIL_HYDRATIONS_PER_HOUR = 150;
/** Disk cache bound: beyond this many files, the least recently written are deleted at startup. */
const MAX_CACHED_FILES = 3000;
const KEEP_AFTER_PRUNE = 2500;

/** File ids become file names: anything outside this alphabet is never written to disk. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;
const CACHED_NAME = /^([A-Za-z0-9_-]{1,200})\.(jpg|png|webp|gif)$/;

export interface ThumbnailDeps {
  /** `context.globalStorageUri/thumbnails`. */
  directory: vscode.Uri;
  fetchImage: ImageFetcher;
  /** A freshly hydrated copy of the file (one hydrate request); undefined when no client. */
  hydrate(fileId: string, signal: AbortSignal): Promise<FileInfo | undefined>;
  /** A hydrated copy already at hand (e.g. the preview fetched one), without a request. */
  peekHydrated(fileId: string): Promise<FileInfo | undefined>;
  log: Log;
}

type LoadOutcome = vscode.Uri | 'deferred';

/**
 * Real thumbnails for the tree: downloaded once, kept under `globalStorage/thumbnails/<fileId>.<ext>`, so a
 * reload or a new window costs no request. Downloads run 4 at a time; a listed URL that is missing or
 * expired is re-signed with one hydrate, within THUMBNAIL_HYDRATIONS_PER_HOUR and never twice for a file
 * in a session. A failure leaves the codicon in place and is not retried until the next session.
 */
export class ThumbnailCache implements vscode.Disposable {
  private readonly loaded = new vscode.EventEmitter<string>();
  /** Fires with a file id when its thumbnail arrived on disk. */
  readonly onDidLoad = this.loaded.event;
  private readonly onDisk = new Map<string, vscode.Uri>();
  private readonly inFlight = new Map<string, Promise<vscode.Uri | undefined>>();
  private readonly failed = new Set<string>();
  private readonly hydratedOnce = new Set<string>();
  private readonly limiter = new ConcurrencyLimiter(CONCURRENCY);
  private readonly budget = new SlidingWindowBudget(THUMBNAIL_HYDRATIONS_PER_HOUR, 60 * 60 * 1000);
  private readonly controller = new AbortController();
  private budgetWarned = false;
  private readonly index: Promise<void>;

  constructor(private readonly deps: ThumbnailDeps) {
    this.index = this.readIndex();
  }

  /** Resolves once the disk cache has been listed (one directory read). */
  ready(): Promise<void> {
    return this.index;
  }

  /** The cached thumbnail, without I/O. */
  peek(fileId: string): vscode.Uri | undefined {
    return this.onDisk.get(fileId);
  }

  /** Starts loading the thumbnail unless it is cached, loading, or failed before. `onDidLoad` fires when it is there. */
  request(file: FileInfo): void {
    void this.load(file);
  }

  /** The thumbnail once the current attempt settles; undefined when there is none. */
  load(file: FileInfo): Promise<vscode.Uri | undefined> {
    const id = file.fileId;
    const cached = this.onDisk.get(id);
    if (cached) return Promise.resolve(cached);
    if (!SAFE_ID.test(id) || this.failed.has(id) || this.controller.signal.aborted) return Promise.resolve(undefined);
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.start(file).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  private async start(file: FileInfo): Promise<vscode.Uri | undefined> {
    await this.index;
    const cached = this.onDisk.get(file.fileId);
    if (cached) return cached;
    const signal = this.controller.signal;
    try {
      const outcome = await this.limiter.run(() => this.download(file, signal), signal);
      if (outcome === 'deferred') return undefined;
      this.onDisk.set(file.fileId, outcome);
      this.loaded.fire(file.fileId);
      return outcome;
    } catch (error) {
      if (signal.aborted) return undefined;
      this.failed.add(file.fileId);
      this.deps.log.warn(`Thumbnail of ${file.fileId} unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async download(file: FileInfo, signal: AbortSignal): Promise<LoadOutcome> {
    const listed = usableThumbnailUrl(file) ?? usableThumbnailUrl(await this.deps.peekHydrated(file.fileId));
    if (listed) {
      try {
        return await this.store(file.fileId, await this.deps.fetchImage(listed, signal));
      } catch (error) {
        // A URL that looked valid but was refused (revoked or re-signed since): re-sign once.
        if (!(error instanceof MediaHttpError) || (error.status !== 403 && error.status !== 404 && error.status !== 410)) throw error;
      }
    }
    const url = await this.hydratedUrl(file.fileId, signal);
    if (url === 'deferred') return url;
    return this.store(file.fileId, await this.deps.fetchImage(url, signal));
  }

  private async hydratedUrl(fileId: string, signal: AbortSignal): Promise<string | 'deferred'> {
    if (this.hydratedOnce.has(fileId)) throw new Error('already hydrated once this session');
    if (!this.budget.tryTake()) {
      if (!this.budgetWarned) this.deps.log.info(`Thumbnail hydration budget (${THUMBNAIL_HYDRATIONS_PER_HOUR}/hour) used up; showing icons instead for now`);
      this.budgetWarned = true;
      return 'deferred';
    }
    this.hydratedOnce.add(fileId);
    const hydrated = await this.deps.hydrate(fileId, signal);
    const url = usableThumbnailUrl(hydrated);
    if (!url) throw new Error('no thumbnail URL after hydration');
    return url;
  }

  private async store(fileId: string, bytes: Uint8Array): Promise<vscode.Uri> {
    const extension = sniffImage(bytes);
    if (!extension) throw new Error('the thumbnail is not a JPEG, PNG, WebP or GIF image');
    const target = vscode.Uri.joinPath(this.deps.directory, `${fileId}.${extension}`);
    const temporary = vscode.Uri.joinPath(this.deps.directory, `${fileId}.${extension}.${process.pid}.tmp`);
    await vscode.workspace.fs.writeFile(temporary, bytes);
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
    return target;
  }

  private async readIndex(): Promise<void> {
    let entries: [string, vscode.FileType][];
    try {
      await vscode.workspace.fs.createDirectory(this.deps.directory);
      entries = await vscode.workspace.fs.readDirectory(this.deps.directory);
    } catch (error) {
      this.deps.log.warn(`Thumbnail cache unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const [name, type] of entries) {
      const match = type === vscode.FileType.File ? CACHED_NAME.exec(name) : null;
      if (match) this.onDisk.set(match[1], vscode.Uri.joinPath(this.deps.directory, name));
      else if (name.endsWith('.tmp')) void this.delete(name);
    }
    if (this.onDisk.size > MAX_CACHED_FILES) void this.prune();
  }

  /** Keeps the most recently written KEEP_AFTER_PRUNE files. */
  private async prune(): Promise<void> {
    const dated = await Promise.all(
      [...this.onDisk].map(async ([id, uri]) => ({ id, uri, mtime: (await vscode.workspace.fs.stat(uri).then(undefined, () => undefined))?.mtime ?? 0 })),
    );
    dated.sort((a, b) => b.mtime - a.mtime);
    for (const { id, uri } of dated.slice(KEEP_AFTER_PRUNE)) {
      this.onDisk.delete(id);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
    this.deps.log.info(`Thumbnail cache pruned to ${KEEP_AFTER_PRUNE} files`);
  }

  private async delete(name: string): Promise<void> {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.deps.directory, name)).then(undefined, () => undefined);
  }

  /** Reads a cached thumbnail as a data URI (for tooltips); undefined when not cached. */
  async dataUri(fileId: string): Promise<string | undefined> {
    const uri = this.onDisk.get(fileId);
    if (!uri) return undefined;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const extension = sniffImage(bytes);
      if (!extension) return undefined;
      const mime = extension === 'jpg' ? 'image/jpeg' : `image/${extension}`;
      return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
    } catch {
      return undefined;
    }
  }

  /** Deletes every cached thumbnail and forgets this session's failures and hydrations: the next load starts afresh. */
  async clear(): Promise<void> {
    await this.index;
    const cached = [...this.onDisk.values()];
    this.onDisk.clear();
    this.failed.clear();
    this.hydratedOnce.clear();
    await Promise.all(cached.map((uri) => vscode.workspace.fs.delete(uri).then(undefined, () => undefined)));
  }

  dispose(): void {
    this.controller.abort();
    this.loaded.dispose();
  }
}

/** A thumbnail URL that can be fetched now. */
export function usableThumbnailUrl(file: FileInfo | undefined): string | undefined {
  return usableUrl(file?.thumbnailSource) ?? undefined;
}
