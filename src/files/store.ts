// The window's one record of every file it knows: from list pages, single GETs, search results, hydrations and
// mutations. Views read from it and subscribe to it; a command that changes a file puts the API's answer here and
// never touches a view. No vscode import.

import { SOURCE_KINDS, type FileInfo, type FileSource } from '../api/models';

/**
 * `joinedLibrary` marks a file that has just become part of the library (an upload, a file made elsewhere that a
 * check of the first page found, an archive undone after it failed): lists show it even though they never listed it.
 */
export type FileChange =
  | { readonly kind: 'added'; readonly file: FileInfo; readonly joinedLibrary?: true }
  | { readonly kind: 'updated'; readonly file: FileInfo; readonly previous: FileInfo; readonly joinedLibrary?: true }
  | { readonly kind: 'removed'; readonly fileId: string; readonly previous: FileInfo; readonly reason?: RemovalReason };

/** Why files left the library, when the window knows: `archived` by this window's Archive command. */
export type RemovalReason = 'archived';

export interface RemoveOptions {
  reason?: RemovalReason;
}

export interface PutOptions {
  /** The files have just joined the library (see FileChange): announced even when nothing else changed. */
  joinedLibrary?: boolean;
  /** The files are a page of the library's own listing (GET /v1/files): the window has seen the library, not only some of its files. */
  fromListing?: boolean;
}

export type FileChangeListener = (changes: readonly FileChange[]) => void;

export interface Subscription {
  dispose(): void;
}

export function changedFileId(change: FileChange): string {
  return change.kind === 'removed' ? change.fileId : change.file.fileId;
}

export class FileStore {
  private forgotten = 0;
  private listingSeen = false;
  private readonly files = new Map<string, FileInfo>();
  private readonly listeners = new Set<FileChangeListener>();
  /** Files this window archived: GET still answers for them, but they are no longer part of the library. */
  private readonly archived = new Set<string>();

  get(fileId: string): FileInfo | undefined {
    return this.files.get(fileId);
  }

  /** The file was archived from this window (and not put back since). */
  isArchived(fileId: string): boolean {
    return this.archived.has(fileId);
  }

  get size(): number {
    return this.files.size;
  }

  values(): IterableIterator<FileInfo> {
    return this.files.values();
  }

  /**
   * Drops everything without telling anyone the files are gone: the connection changed (another key may see
   * another library), and every view reloads through the session anyway.
   */
  forget(): void {
    this.files.clear();
    this.archived.clear();
    this.listingSeen = false;
    this.forgotten++;
  }

  /**
   * A page of the library's listing was put since the store last forgot everything. A window may know a few files
   * without it (an id looked up from a document, a search result), which says nothing of the rest of the library.
   */
  get hasListing(): boolean {
    return this.listingSeen;
  }

  /** How many times the store forgot everything: what was fetched for an earlier count is another connection's. */
  get generation(): number {
    return this.forgotten;
  }

  /**
   * Records what a response said about files, and tells the subscribers once about those that changed. Returns
   * the stored versions, in order: a list page carries the last-signed URLs, so a URL signed later (by a
   * hydration) is kept while the new answer has no fresher one for the same rendition. An answer about an archived
   * file (a GET or hydration that was in flight) is not recorded, unless it is put back with `joinedLibrary`.
   */
  put(files: FileInfo | readonly FileInfo[], options: PutOptions = {}): FileInfo[] {
    const joined = options.joinedLibrary === true ? ({ joinedLibrary: true } as const) : {};
    if (options.fromListing === true) this.listingSeen = true;
    const changes: FileChange[] = [];
    const stored = (Array.isArray(files) ? files : [files as FileInfo]).map((incoming) => {
      if (options.joinedLibrary === true) this.archived.delete(incoming.fileId);
      else if (this.archived.has(incoming.fileId)) return incoming;
      const previous = this.files.get(incoming.fileId);
      const file = previous ? keepFresherUrls(incoming, previous) : incoming;
      const unchanged = previous !== undefined && sameFile(previous, file);
      if (unchanged && options.joinedLibrary !== true) return previous;
      if (!unchanged) this.files.set(file.fileId, file);
      const kept = unchanged ? previous : file;
      changes.push(previous ? { kind: 'updated', file: kept, previous, ...joined } : { kind: 'added', file, ...joined });
      return kept;
    });
    this.emit(changes);
    return stored;
  }

  /** The files are gone from the library (archived, deleted, or 404): one batch of changes for all of them. */
  remove(fileIds: string | readonly string[], options: RemoveOptions = {}): void {
    const changes: FileChange[] = [];
    const reason = options.reason === undefined ? {} : { reason: options.reason };
    for (const fileId of typeof fileIds === 'string' ? [fileIds] : fileIds) {
      if (options.reason === 'archived') this.archived.add(fileId);
      const previous = this.files.get(fileId);
      if (!previous) continue;
      this.files.delete(fileId);
      changes.push({ kind: 'removed', fileId, previous, ...reason });
    }
    this.emit(changes);
  }

  /** How many listeners are subscribed now (the leak test counts them). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  onDidChange(listener: FileChangeListener): Subscription {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(changes: readonly FileChange[]): void {
    if (changes.length === 0) return;
    for (const listener of [...this.listeners]) listener(changes);
  }
}

/** `incoming`, with each rendition's URL taken from `previous` where that one is the same rendition signed later. */
function keepFresherUrls(incoming: FileInfo, previous: FileInfo): FileInfo {
  let merged: FileInfo | undefined;
  for (const kind of SOURCE_KINDS) {
    const kept = fresherSource(incoming[kind], previous[kind]);
    if (kept === incoming[kind]) continue;
    merged ??= { ...incoming };
    merged[kind] = kept;
  }
  return merged ?? incoming;
}

function fresherSource(incoming: FileSource | null, previous: FileSource | null): FileSource | null {
  if (!incoming || !previous || incoming.status !== previous.status || previous.url === null) return incoming;
  if (incoming.url === null) return { ...incoming, url: previous.url, expiresAt: previous.expiresAt };
  const later = (previous.expiresAt ?? Infinity) > (incoming.expiresAt ?? Infinity);
  return later ? { ...incoming, url: previous.url, expiresAt: previous.expiresAt } : incoming;
}

function sameFile(a: FileInfo, b: FileInfo): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
