// The window's uploads in progress: the one limiter every batch shares (at most 3 uploads at a time, whichever
// command or paste started them) and the count the status bar shows. No vscode import.

import { ConcurrencyLimiter } from '../async/limits';

export const MAX_PARALLEL_UPLOADS = 3;

export class UploadActivity {
  readonly limiter = new ConcurrencyLimiter(MAX_PARALLEL_UPLOADS);
  private unfinished = 0;
  private readonly listeners = new Set<() => void>();

  /** Files of running batches that have not finished (waiting, sending or processing). */
  get inProgress(): number {
    return this.unfinished;
  }

  /** Counts `count` more files in progress; call the returned function once per file as it finishes. */
  begin(count: number): () => void {
    this.change(count);
    let left = count;
    return () => {
      if (left === 0) return;
      left--;
      this.change(-1);
    };
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private change(delta: number): void {
    if (delta === 0) return;
    this.unfinished += delta;
    for (const listener of [...this.listeners]) listener();
  }
}
