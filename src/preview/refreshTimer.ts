import type * as vscode from 'vscode';

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits are chained. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Runs a callback once at a wall-clock time; rescheduling replaces the previous time. */
export class RefreshTimer implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dueMs: number | undefined;

  constructor(
    private readonly callback: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** When the callback is due (epoch ms), or undefined when nothing is scheduled. */
  get due(): number | undefined {
    return this.dueMs;
  }

  schedule(atMs: number): void {
    this.cancel();
    this.dueMs = atMs;
    this.arm();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueMs = undefined;
  }

  private arm(): void {
    if (this.dueMs === undefined) return;
    const wait = Math.max(0, this.dueMs - this.now());
    this.timer = setTimeout(() => {
      if (this.dueMs !== undefined && this.now() < this.dueMs) return this.arm();
      this.cancel();
      this.callback();
    }, Math.min(wait, MAX_TIMEOUT_MS));
  }

  dispose(): void {
    this.cancel();
  }
}
