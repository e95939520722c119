// The window's one poll of files that are still processing: re-reads them until they are done, so that every view
// (tree rows, open previews) turns from "processing" into the real file without a refresh. No vscode import.

import type { FileInfo } from '../api/models';
import { ConcurrencyLimiter } from '../async/limits';

export interface ProcessingWatchDeps {
  /** The files the window knows (the FileStore). */
  files: () => Iterable<FileInfo>;
  /** `GET /v1/files/{id}`: docs and spec say to poll it until the sources are ready (50,000 an hour). */
  fetchFile: (fileId: string, signal: AbortSignal) => Promise<FileInfo>;
  /** Whether `file` is still processing, so needs watching. */
  isProcessing: (file: FileInfo) => boolean;
  /** A file that changed since it was listed. */
  onChanged: (file: FileInfo) => void;
  /** A file the API no longer knows (404): archived or deleted elsewhere. */
  onGone: (fileId: string) => void;
  onError?: (fileId: string, error: unknown) => void;
  now?: () => number;
}

export interface ProcessingHolder {
  set(held: boolean): void;
  dispose(): void;
}

/** Waits between rounds: quick at first (uploads take seconds), then slower; the last one repeats. */
export const POLL_DELAYS_MS: readonly number[] = [3_000, 5_000, 10_000, 20_000, 30_000, 60_000];
/** The official upload helpers give up after an hour; so does the watch, per file, until the next reload. */
export const GIVE_UP_AFTER_MS = 60 * 60 * 1000;
export const MAX_FILES_PER_ROUND = 20;
const CONCURRENCY = 4;

/**
 * One timer at a time. `kick` is cheap (the library changes with every page): it only arms the timer, and the
 * round looks for processing files; finding none, it stops until the next kick. `pause` (view hidden) and
 * `reset` (library reloaded) abort the round in flight, so that a late answer never lands.
 */
export class ProcessingWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private attempt = 0;
  private paused = false;
  private holders = 0;
  private readonly firstSeen = new Map<string, number>();
  private readonly limiter = new ConcurrencyLimiter(CONCURRENCY);
  private readonly now: () => number;

  constructor(
    private readonly deps: ProcessingWatchDeps,
    private readonly delaysMs: readonly number[] = POLL_DELAYS_MS,
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** Schedules a round unless one is scheduled or running. */
  kick(): void {
    if (this.paused || this.timer !== undefined || this.controller !== undefined) return;
    const delay = this.delaysMs[Math.min(this.attempt, this.delaysMs.length - 1)];
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.round();
    }, delay);
  }

  /** How many consumers hold the poll on now (the leak test counts them). */
  get holderCount(): number {
    return this.holders;
  }

  /**
   * A switch for one consumer of the poll (the tree while visible, a preview while it shows a processing file):
   * the watch polls while any switch is on, and is paused while none is.
   */
  holder(): ProcessingHolder {
    let held = false;
    const set = (on: boolean): void => {
      if (on === held) return;
      held = on;
      if (on && this.holders++ === 0) this.resume();
      if (!on && --this.holders === 0) this.pause();
    };
    return { set, dispose: () => set(false) };
  }

  pause(): void {
    this.paused = true;
    this.stop();
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  /** Forgets everything (the library was reloaded) and starts again with the quick delays. */
  reset(): void {
    this.stop();
    this.attempt = 0;
    this.firstSeen.clear();
    this.kick();
  }

  get scheduled(): boolean {
    return this.timer !== undefined || this.controller !== undefined;
  }

  dispose(): void {
    this.paused = true;
    this.stop();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.controller = undefined;
  }

  /** Processing files not yet given up on, oldest watch first; notes when each was first seen. */
  private candidates(): FileInfo[] {
    const now = this.now();
    const files: FileInfo[] = [];
    for (const file of this.deps.files()) {
      if (!this.deps.isProcessing(file)) continue;
      const since = this.firstSeen.get(file.fileId) ?? now;
      this.firstSeen.set(file.fileId, since);
      if (now - since < GIVE_UP_AFTER_MS) files.push(file);
    }
    return files;
  }

  private async round(): Promise<void> {
    const files = this.candidates().slice(0, MAX_FILES_PER_ROUND);
    if (files.length === 0) {
      this.attempt = 0; // the next file that shows up processing is looked at soon
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const outcomes = await Promise.all(files.map((file) => this.limiter.run(() => this.check(file, controller.signal), controller.signal).catch(() => 'failed' as const)));
    if (controller.signal.aborted) return;
    this.controller = undefined;
    // Something finished: others uploaded with it may be close behind, so look again soon.
    this.attempt = outcomes.includes('done') ? 0 : this.attempt + 1;
    this.kick();
  }

  private async check(file: FileInfo, signal: AbortSignal): Promise<'done' | 'pending' | 'failed'> {
    try {
      const latest = await this.deps.fetchFile(file.fileId, signal);
      if (signal.aborted) return 'failed';
      const done = !this.deps.isProcessing(latest);
      if (done || JSON.stringify(latest) !== JSON.stringify(file)) this.deps.onChanged(latest);
      if (done) this.firstSeen.delete(file.fileId);
      return done ? 'done' : 'pending';
    } catch (error) {
      if (signal.aborted) return 'failed';
      if (isNotFound(error)) {
        this.firstSeen.delete(file.fileId);
        this.deps.onGone(file.fileId);
        return 'done';
      }
      this.deps.onError?.(file.fileId, error);
      return 'failed';
    }
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}
