// The window's one way to ask VideoGen's semantic search (POST /v1/files/search, 500 per hour per key). Results go
// to the store, archived files are left out, a query asked again within a minute is answered from memory, and
// searches made while typing (completion) may use only part of the hourly budget, so the user's own searches (the
// picker, the Files view, agents' tools) always have some left. No vscode import.

import type { FileInfo, SearchResult } from '../api/models';
import { SlidingWindowBudget } from '../async/limits';
import type { FileStore } from './store';

export type SearchPurpose = 'asked' | 'typing';

export interface LibrarySearchDeps {
  store: FileStore;
  searchFiles(query: string, numResults: number, signal: AbortSignal | undefined): Promise<SearchResult[]>;
  now?: () => number;
}

export interface SearchOptions {
  numResults: number;
  signal?: AbortSignal;
  /** `typing`: a search the user did not ask for as such (completion as they type); bounded by TYPING_SEARCHES_PER_HOUR. */
  purpose?: SearchPurpose;
}

/** Searches made while typing, per rolling hour: under half of the API's 500, leaving the rest to asked searches. */
export const TYPING_SEARCHES_PER_HOUR = 200;
const REMEMBERED_MS = 60_000;
const REMEMBERED_QUERIES = 50;

/** The typing share of the search budget is used up: `retryAtMs` is when one search is allowed again. */
export class TypingSearchBudgetError extends Error {
  override readonly name = 'TypingSearchBudgetError';
  constructor(readonly retryAtMs: number) {
    super(`Search while typing paused until ${new Date(retryAtMs).toISOString()} (at most ${TYPING_SEARCHES_PER_HOUR} an hour)`);
  }
}

export interface FoundFile {
  file: FileInfo;
  similarity: number;
}

export class LibrarySearch {
  private readonly typingBudget: SlidingWindowBudget;
  private readonly remembered = new Map<string, { atMs: number; found: FoundFile[] }>();
  private readonly now: () => number;
  private sent = 0;

  constructor(private readonly deps: LibrarySearchDeps) {
    this.now = deps.now ?? Date.now;
    this.typingBudget = new SlidingWindowBudget(TYPING_SEARCHES_PER_HOUR, 60 * 60 * 1000, this.now);
  }

  /** Search requests sent (for tests and the bench). */
  get requestCount(): number {
    return this.sent;
  }

  /** The files whose descriptions best match `query`, best first; archived files left out. */
  async search(query: string, options: SearchOptions): Promise<FoundFile[]> {
    const key = `${options.numResults}\u0000${query.trim()}`;
    const remembered = this.remembered.get(key);
    if (remembered && this.now() - remembered.atMs < REMEMBERED_MS) return this.current(remembered.found);
    if (options.purpose === 'typing' && !this.typingBudget.tryTake()) throw new TypingSearchBudgetError(this.now() + this.typingBudget.msUntilAvailable());
    this.sent++;
    const results = await this.deps.searchFiles(query.trim(), options.numResults, options.signal);
    const kept = results.filter((result) => !this.deps.store.isArchived(result.file.fileId));
    const files = this.deps.store.put(kept.map((result) => result.file));
    const found = kept.map((result, i) => ({ file: files[i]!, similarity: result.similarity }));
    this.remember(key, found);
    return found;
  }

  /** The connection changed: remembered answers belong to another library. */
  forget(): void {
    this.remembered.clear();
  }

  private remember(key: string, found: FoundFile[]): void {
    this.remembered.delete(key);
    this.remembered.set(key, { atMs: this.now(), found });
    while (this.remembered.size > REMEMBERED_QUERIES) this.remembered.delete(this.remembered.keys().next().value!);
  }

  /** Remembered results as the store knows them now (archived files out, updates in). */
  private current(found: readonly FoundFile[]): FoundFile[] {
    return found.flatMap((hit) => {
      if (this.deps.store.isArchived(hit.file.fileId)) return [];
      return [{ file: this.deps.store.get(hit.file.fileId) ?? hit.file, similarity: hit.similarity }];
    });
  }
}
