// The rows of the Pinned and Recently inserted sections: remembered ids (src/files/remembered.ts) turned into files
// of the store. An id the store does not know is looked up once, lazily, when its section is drawn (FileLookup
// shares the GET with any other surface asking); until then it is a "loading" row. No vscode import.

import type { FileInfo } from '../api/models';
import type { LookupResult } from '../files/lookup';

export type RememberedRow =
  | { readonly kind: 'file'; readonly file: FileInfo }
  | { readonly kind: 'loading' | 'missing' | 'archived' | 'failed'; readonly fileId: string };

export interface RememberedRowsDeps {
  /** What is known about an id without a request (FileLookup.peek). */
  peek(fileId: string): LookupResult | undefined;
  /** One lookup (FileLookup.resolve); rejects on network errors. */
  resolve(fileId: string): Promise<LookupResult>;
  /** A lookup started by `rows` settled: the section should be drawn again. */
  onDidSettle(fileId: string): void;
}

export class RememberedRows {
  private readonly asking = new Set<string>();
  private readonly failedIds = new Set<string>();

  constructor(private readonly deps: RememberedRowsDeps) {}

  /** One row per id, in order; ids not known yet are looked up (once each) and show as loading meanwhile. */
  rows(fileIds: readonly string[]): RememberedRow[] {
    return fileIds.map((fileId) => this.rowOf(fileId));
  }

  /** Looks up again the ids whose lookup failed (Refresh). */
  retryFailed(): void {
    this.failedIds.clear();
  }

  private rowOf(fileId: string): RememberedRow {
    const known = this.deps.peek(fileId);
    if (known?.kind === 'found') return { kind: 'file', file: known.file };
    if (known) return { kind: known.kind, fileId };
    if (this.failedIds.has(fileId)) return { kind: 'failed', fileId };
    this.ask(fileId);
    return { kind: 'loading', fileId };
  }

  private ask(fileId: string): void {
    if (this.asking.has(fileId)) return;
    this.asking.add(fileId);
    this.deps.resolve(fileId).then(
      () => this.settled(fileId),
      () => {
        this.failedIds.add(fileId);
        this.settled(fileId);
      },
    );
  }

  private settled(fileId: string): void {
    this.asking.delete(fileId);
    this.deps.onDidSettle(fileId);
  }
}
