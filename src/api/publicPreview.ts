// Waiting until a file's public preview can be handed out, as VideoGen's own `pollPublicPreview` helper does
// (contract §6.4): GET the file every 1.5 s until the permanent public copy is ready and, for video and audio, the
// embed playback id exists (it can arrive after the enable answer, §1.7). Plain Node: no vscode import.

import type { FileInfo } from './models';
import { delay } from '../async/abort';

export const PUBLIC_PREVIEW_POLL_INTERVAL_MS = 1500;
/** VideoGen's older helper gave up after 120 s; the current one waits an hour, too long to hold a notification. */
export const PUBLIC_PREVIEW_TIMEOUT_MS = 120_000;

/** Public preview was turned off (elsewhere) while waiting: the file will never get a public link this way. */
export class PublicPreviewOffError extends Error {
  override readonly name = 'PublicPreviewOffError';
  constructor(readonly fileId: string) {
    super(`Public preview is off for ${fileId}`);
  }
}

/** VideoGen failed to make the public copy. */
export class PublicPreviewFailedError extends Error {
  override readonly name = 'PublicPreviewFailedError';
  constructor(readonly fileId: string) {
    super(`VideoGen failed to make the public copy of ${fileId}`);
  }
}

/** The public copy or playback id was not ready within the time allowed. */
export class PublicPreviewTimeoutError extends Error {
  override readonly name = 'PublicPreviewTimeoutError';
  constructor(
    readonly fileId: string,
    readonly waitedMs: number,
  ) {
    super(`The public preview of ${fileId} was not ready after ${Math.round(waitedMs / 1000)} s`);
  }
}

/**
 * Whether a file's public preview is complete: the permanent copy has a URL and, for video and audio that stream,
 * the playback id exists. A file whose streaming rendition failed or is skipped never gets one, so it is not awaited.
 */
export function isPublicPreviewReady(file: FileInfo): boolean {
  const copy = file.staticPublicPreviewSource;
  if (!file.isPublicPreviewEnabled || copy?.status !== 'ready' || !copy.url) return false;
  const streams = (file.type === 'VIDEO' || file.type === 'AUDIO') && file.hlsSource?.status !== 'failed' && file.hlsSource?.status !== 'skipped';
  return !streams || file.publicPlaybackId !== null;
}

export interface WaitForPublicPreviewOptions {
  signal?: AbortSignal;
  intervalMs?: number;
  timeoutMs?: number;
  /** Every answer, e.g. to put it in the store so that views show the progress. */
  onFile?: (file: FileInfo) => void;
  now?: () => number;
}

/**
 * Resolves the file once its public preview is ready (at once when `file` already is). Rejects with
 * PublicPreviewOffError, PublicPreviewFailedError, PublicPreviewTimeoutError, the API's error, or the abort reason.
 */
export async function waitForPublicPreview(
  getFile: (fileId: string, signal?: AbortSignal) => Promise<FileInfo>,
  file: FileInfo,
  options: WaitForPublicPreviewOptions = {},
): Promise<FileInfo> {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? PUBLIC_PREVIEW_POLL_INTERVAL_MS;
  const timeout = options.timeoutMs ?? PUBLIC_PREVIEW_TIMEOUT_MS;
  const started = now();
  let current = file;
  for (;;) {
    if (isPublicPreviewReady(current)) return current;
    if (!current.isPublicPreviewEnabled) throw new PublicPreviewOffError(current.fileId);
    if (current.staticPublicPreviewSource?.status === 'failed') throw new PublicPreviewFailedError(current.fileId);
    if (now() - started >= timeout) throw new PublicPreviewTimeoutError(current.fileId, now() - started);
    await delay(Math.min(interval, Math.max(0, timeout - (now() - started))), options.signal);
    current = await getFile(current.fileId, options.signal);
    options.onFile?.(current);
  }
}
