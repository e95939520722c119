// All files, kept sorted by the list order: most recently updated first, ties broken by fileId.
// Keyset pagination resumes strictly after the (updatedAt, fileId) of the last file served, so listing
// to the end never skips or repeats a file that did not move meanwhile.
import type { StoredFile } from './model';

export interface ListPosition {
  updatedAt: number;
  fileId: string;
}

export interface Page {
  files: StoredFile[];
  hasMore: boolean;
}

function compareListOrder(a: ListPosition, b: ListPosition): number {
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0;
}

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPlaybackId = new Map<string, StoredFile>();
  private ordered: StoredFile[] = [];
  /** Bumped whenever searchable content changes (files added, analysis finished). */
  contentVersion = 0;

  replaceAll(files: StoredFile[]): void {
    this.byId.clear();
    this.byPlaybackId.clear();
    for (const file of files) {
      this.byId.set(file.fileId, file);
      if (file.publicPlaybackId) this.byPlaybackId.set(file.publicPlaybackId, file);
    }
    this.ordered = [...files].sort(compareListOrder);
    this.contentVersion++;
  }

  get size(): number {
    return this.ordered.length;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  byPlayback(playbackId: string): StoredFile | undefined {
    return this.byPlaybackId.get(playbackId);
  }

  all(): readonly StoredFile[] {
    return this.ordered;
  }

  add(file: StoredFile): void {
    this.byId.set(file.fileId, file);
    this.ordered.splice(this.insertionIndex(file), 0, file);
    this.contentVersion++;
  }

  /** Moves a file to its new place in the list order. */
  touch(file: StoredFile, updatedAt: number): void {
    const at = this.indexOf(file);
    if (at >= 0) this.ordered.splice(at, 1);
    file.updatedAt = updatedAt;
    this.ordered.splice(this.insertionIndex(file), 0, file);
  }

  setPlaybackId(file: StoredFile, playbackId: string | null): void {
    if (file.publicPlaybackId) this.byPlaybackId.delete(file.publicPlaybackId);
    file.publicPlaybackId = playbackId;
    if (playbackId) this.byPlaybackId.set(playbackId, file);
  }

  markContentChanged(): void {
    this.contentVersion++;
  }

  /** Up to `limit` files accepted by `include`, strictly after `after` in list order. */
  page(after: ListPosition | undefined, limit: number, include: (file: StoredFile) => boolean): Page {
    const files: StoredFile[] = [];
    for (let i = after ? this.insertionIndex(after) : 0; i < this.ordered.length; i++) {
      const file = this.ordered[i];
      if (!include(file)) continue;
      if (files.length === limit) return { files, hasMore: true };
      files.push(file);
    }
    return { files, hasMore: false };
  }

  /** Index of the first file that sorts after `position` (binary search). */
  private insertionIndex(position: ListPosition): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareListOrder(this.ordered[mid], position) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private indexOf(file: StoredFile): number {
    const at = this.insertionIndex(file) - 1;
    return at >= 0 && this.ordered[at] === file ? at : this.ordered.indexOf(file);
  }
}
