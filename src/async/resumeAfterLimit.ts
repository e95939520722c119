// Work a rate limit stopped, tried again once by itself when the limit resets, if it is still wanted then: the
// Files view's load, a preview's hydrate, the view's search. One per place; no vscode import.

/** setTimeout cannot wait longer than this (about 24.8 days): a later reset is left to the next action. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Past the reset time: the server counts its window in whole seconds, and its clock is not ours. */
export const RESUME_MARGIN_MS = 1_000;

export class ResumeAfterLimit {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * After a failure classified with a reset time (`ClassifiedError.retryAtMs`, set for rate limits only): runs
   * `resume` once the limit has reset, if `stillWanted()` says so then. Replaces the resume scheduled before; a
   * failure without a reset time only cancels it. Another 429 on the resumed work schedules again from its own
   * reset time, so there is never more than one attempt per window.
   */
  schedule(retryAtMs: number | undefined, resume: () => void, stillWanted: () => boolean): void {
    this.cancel();
    if (retryAtMs === undefined) return;
    const wait = Math.max(0, retryAtMs - this.now()) + RESUME_MARGIN_MS;
    if (wait > MAX_TIMEOUT_MS) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (stillWanted()) resume();
    }, wait);
  }

  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** The user acted (refresh, another load, another search) or the place went away. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}
