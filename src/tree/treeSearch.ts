// "Search Library…" in the Files view, without the view: the query asked, its state and its results. A pasted id
// or URL is looked up exactly (semantic neighbours of an id are noise, and each search costs one of the key's 500
// an hour); anything else goes to the window's one LibrarySearch. Results are read through the store, so a file
// renamed, changed or archived anywhere shows so here at once. No vscode import.

import type { FileInfo } from '../api/models';
import type { LookupResult } from '../files/lookup';
import type { FoundFile, SearchOptions } from '../files/search';

/** What the results root shows. `exact`: the file a pasted id or URL names, and what the lookup said. */
export type TreeSearchState =
  | { readonly phase: 'searching'; readonly query: string }
  | { readonly phase: 'done'; readonly query: string; readonly exact?: ExactMatch; readonly files: readonly FileInfo[] }
  | { readonly phase: 'failed'; readonly query: string; readonly message: string };

export type ExactMatch = { readonly kind: 'found'; readonly file: FileInfo } | { readonly kind: 'missing' | 'archived'; readonly fileId: string };

export interface TreeSearchDeps {
  search(query: string, options: SearchOptions): Promise<FoundFile[]>;
  resolve(fileId: string, signal: AbortSignal): Promise<LookupResult>;
  /** The id a query names exactly (src/files/fileRefs.ts parseFileRef), or undefined for a search by meaning. */
  fileIdIn(query: string): string | undefined;
  /** The store's current version of a file; undefined once it left the library. */
  current(fileId: string): FileInfo | undefined;
  /** Reports a failure of the search for `query` (a notification) and returns the text the results root shows. */
  failed(error: unknown, query: string): string;
  onDidChange(): void;
  numResults: number;
}

export const MAX_QUERY_LENGTH = 500;

/** Why a query cannot be searched, or undefined when it can (the input box's validation). */
export function queryProblem(query: string): 'empty' | 'tooLong' | undefined {
  const trimmed = query.trim();
  if (trimmed === '') return 'empty';
  return trimmed.length > MAX_QUERY_LENGTH ? 'tooLong' : undefined;
}

export class TreeSearch {
  private state: TreeSearchState | undefined;
  private controller: AbortController | undefined;

  constructor(private readonly deps: TreeSearchDeps) {}

  /** The results shown, as the store has them now; undefined when no search is shown. */
  get current(): TreeSearchState | undefined {
    const state = this.state;
    if (state?.phase !== 'done') return state;
    const files = state.files.map((f) => this.deps.current(f.fileId)).filter((f): f is FileInfo => f !== undefined);
    return { ...state, files, ...(state.exact ? { exact: this.currentExact(state.exact) } : {}) };
  }

  /** Whether a file shown in the results (or the exact match) has this id. */
  shows(fileId: string): boolean {
    const state = this.state;
    if (state?.phase !== 'done') return false;
    return state.files.some((f) => f.fileId === fileId) || (state.exact !== undefined && exactId(state.exact) === fileId);
  }

  /** Runs a search, superseding (and aborting) the one before. Never rejects: a failure is shown as the state. */
  async run(rawQuery: string): Promise<void> {
    const query = rawQuery.trim();
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.show({ phase: 'searching', query });
    try {
      const state = await this.answer(query, controller.signal);
      if (!controller.signal.aborted) this.show(state);
    } catch (error) {
      if (!controller.signal.aborted) this.show({ phase: 'failed', query, message: this.deps.failed(error, query) });
    }
  }

  clear(): void {
    this.controller?.abort();
    this.controller = undefined;
    if (this.state) this.show(undefined);
  }

  private async answer(query: string, signal: AbortSignal): Promise<TreeSearchState> {
    const fileId = this.deps.fileIdIn(query);
    if (fileId !== undefined) {
      const result = await this.deps.resolve(fileId, signal);
      const exact: ExactMatch = result.kind === 'found' ? { kind: 'found', file: result.file } : { kind: result.kind, fileId };
      return { phase: 'done', query, exact, files: [] };
    }
    const found = await this.deps.search(query, { numResults: this.deps.numResults, signal });
    return { phase: 'done', query, files: found.map((hit) => hit.file) };
  }

  private currentExact(exact: ExactMatch): ExactMatch {
    if (exact.kind !== 'found') return exact;
    const file = this.deps.current(exact.file.fileId);
    return file ? { kind: 'found', file } : { kind: 'archived', fileId: exact.file.fileId };
  }

  private show(state: TreeSearchState | undefined): void {
    this.state = state;
    this.deps.onDidChange();
  }
}

function exactId(exact: ExactMatch): string {
  return exact.kind === 'found' ? exact.file.fileId : exact.fileId;
}
