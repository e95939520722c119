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
  | { readonly kind: 'removed'; readonly fileId: string; readonly previous: FileInfo };

export interface PutOptions {
  /** The files have just joined the library (see FileChange): announced even when nothing else changed. */
  joinedLibrary?: boolean;
}

export type FileChangeListener = (changes: readonly FileChange[]) => void;

export interface Subscription {
  dispose(): void;
}

export function changedFileId(change: FileChange): string {
  return change.kind === 'removed' ? change.fileId : change.file.fileId;
}

export class FileStore {
  private readonly files = new Map<string, FileInfo>();
  private readonly listeners = new Set<FileChangeListener>();

  get(fileId: string): FileInfo | undefined {
    return this.files.get(fileId);
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
  }

  /**
   * Records what a response said about files, and tells the subscribers once about those that changed. Returns
   * the stored versions, in order: a list page carries the last-signed URLs, so a URL signed later (by a
   * hydration) is kept while the new answer has no fresher one for the same rendition.
   */
  put(files: FileInfo | readonly FileInfo[], options: PutOptions = {}): FileInfo[] {
    const joined = options.joinedLibrary === true ? ({ joinedLibrary: true } as const) : {};
    const changes: FileChange[] = [];
    const stored = (Array.isArray(files) ? files : [files as FileInfo]).map((incoming) => {
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
  remove(fileIds: string | readonly string[]): void {
    const changes: FileChange[] = [];
    for (const fileId of typeof fileIds === 'string' ? [fileIds] : fileIds) {
      const previous = this.files.get(fileId);
      if (!previous) continue;
      this.files.delete(fileId);
      changes.push({ kind: 'removed', fileId, previous });
    }
    this.emit(changes);
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
