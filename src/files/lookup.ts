// What a file id found in text refers to: a file of the library, an archived one, or nothing (404). Shared by every
// surface that shows a reference (hover, links, diagnostics, completion, language-model tools). Answers come from
// the store when it knows the file; otherwise from one GET, whose answer goes to the store. Background checks are
// queued, deduplicated and bounded per minute, so a document full of ids costs a bounded trickle of requests, once.
// No vscode import.

import type { FileInfo } from '../api/models';
import { delay, raceAbort } from '../async/abort';
import { ConcurrencyLimiter, SlidingWindowBudget } from '../async/limits';
import type { FileStore } from './store';

export type LookupResult =
  | { readonly kind: 'found'; readonly file: FileInfo }
  /** Archived from this window: GET still answers, but it is no longer part of the library. */
  | { readonly kind: 'archived'; readonly file: FileInfo | undefined }
  /** The API answered 404: no such file in this key's library (or not the team's). */
  | { readonly kind: 'missing' };

export interface FileLookupDeps {
  store: FileStore;
  /** One GET /v1/files/{id}; rejects with the API's error. */
  getFile(fileId: string, signal: AbortSignal): Promise<FileInfo>;
  /** The error is the API's 404. */
  isNotFound(error: unknown): boolean;
  now?: () => number;
}

export interface FileLookupOptions {
  /** Background checks (`check`) per rolling minute; a user's own lookup (`resolve`) is never held back. */
  checksPerMinute?: number;
  /** GETs in flight at once. */
  concurrency?: number;
}

export interface CheckOptions {
  /** Re-ask about an id whose last answer is older than this (the slow re-check); by default an answer is kept. */
  maxAgeMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_CHECKS_PER_MINUTE = 30;

interface Answer {
  result: LookupResult;
  atMs: number;
}

export class FileLookup {
  private readonly answers = new Map<string, Answer>();
  private readonly inFlight = new Map<string, Promise<LookupResult>>();
  private readonly limiter: ConcurrencyLimiter;
  private readonly budget: SlidingWindowBudget;
  private readonly now: () => number;

  constructor(
    private readonly deps: FileLookupDeps,
    options: FileLookupOptions = {},
  ) {
    this.now = deps.now ?? Date.now;
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 4);
    this.budget = new SlidingWindowBudget(options.checksPerMinute ?? DEFAULT_CHECKS_PER_MINUTE, 60_000, this.now);
    // A file the store lets go of (deleted, a 404 elsewhere, an upload abandoned) is gone, and one this window archived
    // is archived (the store says so; its last known version is kept here for its name): answered without a request.
    deps.store.onDidChange((changes) => {
      for (const change of changes) {
        if (change.kind !== 'removed') continue;
        const result: LookupResult = change.reason === 'archived' ? { kind: 'archived', file: change.previous } : { kind: 'missing' };
        this.answers.set(change.fileId, { result, atMs: this.now() });
      }
    });
  }

  /** The connection changed (another key may see another library): every answer is forgotten. */
  forget(): void {
    this.answers.clear();
  }

  /** What is known without a request: the store's file, this window's archive, or a remembered 404. */
  peek(fileId: string): LookupResult | undefined {
    if (this.deps.store.isArchived(fileId)) return { kind: 'archived', file: this.archivedFile(fileId) };
    const file = this.deps.store.get(fileId);
    if (file) return { kind: 'found', file };
    return this.answers.get(fileId)?.result;
  }

  /**
   * For something the user asked about now (a hover, a click): known, or one GET at once (shared if in flight). An
   * aborted `signal` stops the wait, not the request: its answer is kept for the next ask.
   */
  async resolve(fileId: string, signal?: AbortSignal): Promise<LookupResult> {
    const answer = this.peekFresh(fileId, undefined) ?? this.fetch(fileId, false, undefined);
    return signal ? raceAbort(Promise.resolve(answer), signal) : answer;
  }

  /**
   * Background checks of many ids (the diagnostics of a document): each id's answer, asking the API only about ids
   * with no answer (or one older than `maxAgeMs`), at most `checksPerMinute` GETs a minute across the window.
   * Ids waiting for budget wait in order; an aborted signal drops the ones not yet sent (those sent are answered).
   */
  async check(fileIds: readonly string[], options: CheckOptions = {}): Promise<Map<string, LookupResult>> {
    const unique = [...new Set(fileIds)];
    const results = await Promise.all(
      unique.map(async (fileId) => [fileId, await (this.peekFresh(fileId, options.maxAgeMs) ?? this.fetch(fileId, true, options.signal))] as const),
    );
    return new Map(results);
  }

  private peekFresh(fileId: string, maxAgeMs: number | undefined): Promise<LookupResult> | LookupResult | undefined {
    const pending = this.inFlight.get(fileId);
    if (pending) return pending;
    const known = this.peek(fileId);
    if (!known) return undefined;
    const answer = this.answers.get(fileId);
    const stale = maxAgeMs !== undefined && answer !== undefined && this.now() - answer.atMs > maxAgeMs;
    if (stale) return undefined;
    if (maxAgeMs !== undefined && answer === undefined && known.kind === 'found') this.answers.set(fileId, { result: known, atMs: this.now() });
    return known;
  }

  private fetch(fileId: string, background: boolean, signal: AbortSignal | undefined): Promise<LookupResult> {
    // Budget first, then a slot: checks waiting for the minute to pass never hold a slot a hover needs now.
    const request = (async () => {
      if (background) await this.waitForBudget(signal);
      return this.limiter.run(async () => {
        signal?.throwIfAborted();
        // Once sent, a GET runs to its answer, which is kept: aborting it would only mean asking again later.
        return this.ask(fileId, new AbortController().signal);
      }, signal);
    })().finally(() => this.inFlight.delete(fileId));
    this.inFlight.set(fileId, request);
    return request;
  }

  private async ask(fileId: string, signal: AbortSignal): Promise<LookupResult> {
    let result: LookupResult;
    try {
      const [file] = this.deps.store.put(await this.deps.getFile(fileId, signal));
      result = this.deps.store.isArchived(fileId) ? { kind: 'archived', file } : { kind: 'found', file: file! };
    } catch (error) {
      if (!this.deps.isNotFound(error)) throw error;
      this.deps.store.remove(fileId);
      result = { kind: 'missing' };
    }
    this.answers.set(fileId, { result, atMs: this.now() });
    return result;
  }

  private archivedFile(fileId: string): FileInfo | undefined {
    const answer = this.answers.get(fileId)?.result;
    return answer && answer.kind !== 'missing' ? answer.file : undefined;
  }

  private async waitForBudget(signal: AbortSignal | undefined): Promise<void> {
    while (!this.budget.tryTake()) {
      signal?.throwIfAborted();
      await delay(Math.max(50, this.budget.msUntilAvailable()), signal);
    }
  }
}
