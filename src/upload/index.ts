/**
 * Uploading local media into the VideoGen library: the one entry point every upload gesture uses (the Upload Files…
 * command, the Explorer's "Upload to VideoGen", files dropped on the Files view, and pasting or dropping into an
 * editor).
 *
 * ```ts
 * const result = await uploadFiles(app, [uri, { name: 'image.png', bytes, mimeType: 'image/png' }], {
 *   notify: false,          // the caller shows progress (e.g. VS Code's paste progress) and words the outcome
 *   token,                  // or `signal`: cancels the batch
 * });
 * for (const item of result.items) if (item.status === 'uploaded') use(item.file);
 * ```
 *
 * - An item is a local file `Uri` (streamed from disk, never read whole; size from stat) or in-memory bytes with a
 *   name and MIME type (a pasted clipboard image). The type and Content-Type come from the extension (or the MIME
 *   type); a file the API does not take fails its item before anything is sent. The display name is the file name.
 * - At most 3 uploads run at a time in the window (shared with every other batch).
 * - Right after creation the file is put in the store as processing (`joinedLibrary`: the Files tree shows it at
 *   the top); each hydrate answer is put too, so the row turns into the finished file in place.
 * - Cancelling aborts the PUTs in flight; a file created but whose bytes never all arrived is removed from the store
 *   and archived on the server, so no half-made row is left. Files already sent stay (status 'processing').
 * - Every failure is logged. With `notify` (the default) the batch shows one cancellable progress notification and
 *   ends with a summary notification naming the failed items, with "Show Log".
 * - Resolves with one result per item, in order; rejects only when there is no usable client (NoApiKeyError,
 *   BadBaseUrlError: the error reporter words those).
 */

import * as vscode from 'vscode';
import type { VideoGenClient } from '../api';
import type { App } from '../app';
import { runUploadBatch, pendingFileInfo, type UploadBatchResult, type UploadItemResult, type UploadItemState, type UploadJob } from './batch';
import { NotAFileError, prepareDiskUpload } from './diskSource';
import { mediaTypeOf, mediaTypeOfMime } from '../files/mediaTypes';
import { describeRefusal, percentSent, progressMessage, summarize } from './summary';

export type { UploadBatchResult, UploadItemResult, UploadItemState } from './batch';
export { UploadActivity } from './activity';
export { progressMessage, summarize } from './summary';

/** Bytes that are not a file on disk, such as a pasted image. */
export interface InMemoryUpload {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mimeType: string;
}

export type UploadItem = vscode.Uri | InMemoryUpload;

export interface UploadFilesOptions {
  /**
   * true (default): a cancellable progress notification for the batch and a summary notification at the end.
   * false: the caller shows progress and the outcome (failures are still logged).
   */
  notify?: boolean;
  /** Cancels the batch. */
  token?: vscode.CancellationToken;
  /** Cancels the batch. */
  signal?: AbortSignal;
  /** Every change of any item's state (bytes sent, processing, finished), for a caller's own progress. */
  onStateChange?: (states: readonly UploadItemState[]) => void;
  /** First wait between processing polls (default: the API flow's 2 s). */
  pollIntervalMs?: number;
}

/** Progress lines are redrawn at most this often (a 200 MB file reports ~800 chunks). */
const PROGRESS_REDRAW_MS = 150;

export async function uploadFiles(app: App, items: readonly UploadItem[], options: UploadFilesOptions = {}): Promise<UploadBatchResult> {
  const client = await app.session.requireClient();
  if (items.length === 0) return { items: [], cancelled: false };
  const jobs = items.map(jobFor);
  if (options.notify === false) return runBatch(app, client, jobs, options, options.token);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: batchTitle(jobs), cancellable: true },
    async (progress, token) => {
      const redraw = throttledProgress(progress);
      return runBatch(app, client, jobs, {
        ...options,
        onStateChange: (states) => {
          redraw(states);
          options.onStateChange?.(states);
        },
      }, token, options.token);
    },
  );
  showSummary(app, result);
  return result;
}

function batchTitle(jobs: readonly UploadJob[]): string {
  return jobs.length === 1 ? vscode.l10n.t('Uploading to VideoGen') : vscode.l10n.t('Uploading {0} files to VideoGen', jobs.length);
}

async function runBatch(
  app: App,
  client: VideoGenClient,
  jobs: readonly UploadJob[],
  options: UploadFilesOptions,
  ...tokens: Array<vscode.CancellationToken | undefined>
): Promise<UploadBatchResult> {
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  const listeners = tokens.map((token) => token?.onCancellationRequested(cancel));
  if (tokens.some((token) => token?.isCancellationRequested)) cancel();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const finishedOne = app.uploads.begin(jobs.length);
  const finished = new Set<number>();
  try {
    const result = await runUploadBatch(
      jobs,
      {
        upload: (uploadOptions) => client.uploadFile(uploadOptions),
        created: (fileId, prepared) => app.store.put(pendingFileInfo(fileId, prepared.displayName), { joinedLibrary: true })[0],
        updated: (file) => void app.store.put(file),
        abandoned: (fileId) => abandon(app, client, fileId),
      },
      {
        limiter: app.uploads.limiter,
        signal,
        pollIntervalMs: options.pollIntervalMs,
        onStateChange: (states) => {
          states.forEach((state, index) => {
            if (isFinal(state) && !finished.has(index)) {
              finished.add(index);
              finishedOne();
            }
          });
          options.onStateChange?.(states);
        },
      },
    );
    return logResults(app, result);
  } finally {
    for (let i = finished.size; i < jobs.length; i++) finishedOne();
    for (const listener of listeners) listener?.dispose();
  }
}

function isFinal(state: UploadItemState): boolean {
  return state.phase === 'done' || state.phase === 'failed' || state.phase === 'cancelled';
}

/**
 * Takes back files a caller uploaded but will not use (a paste cancelled after their bytes arrived): their rows go,
 * and the server copies are archived.
 */
export async function discardUploads(app: App, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  const client = await app.session.requireClient();
  for (const fileId of fileIds) abandon(app, client, fileId);
}

/** Created on the server, but its bytes never all arrived: its row goes, and the server copy is archived. */
function abandon(app: App, client: VideoGenClient, fileId: string): void {
  app.store.remove([fileId]);
  client.archiveFile(fileId).then(
    () => app.log.info(`Archived ${fileId}, an upload that did not finish`),
    (error) => app.log.warn(`Could not archive ${fileId}, an upload that did not finish: ${error instanceof Error ? error.message : String(error)}`),
  );
}

function jobFor(item: UploadItem): UploadJob {
  if (item instanceof vscode.Uri) return fileJob(item);
  return {
    name: item.name,
    prepare: async () => ({
      ...(mediaTypeOfMime(item.mimeType) ?? mediaTypeOf(item.name)),
      displayName: item.name,
      size: item.bytes.byteLength,
      data: item.bytes,
    }),
  };
}

function fileJob(uri: vscode.Uri): UploadJob {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return {
    name,
    prepare: async () => {
      if (uri.scheme === 'file') return prepareDiskUpload(uri.fsPath, name);
      // A file system without a stream API (a virtual or remote one): its bytes are read through VS Code.
      const mediaType = mediaTypeOf(name);
      const stats = await vscode.workspace.fs.stat(uri);
      if (stats.type & vscode.FileType.Directory) throw new NotAFileError(uri.toString(true));
      const bytes = await vscode.workspace.fs.readFile(uri);
      return { ...mediaType, displayName: name, size: bytes.byteLength, data: bytes };
    },
  };
}

/** Redraws the notification at most every PROGRESS_REDRAW_MS, always with the latest states. */
function throttledProgress(progress: vscode.Progress<{ message?: string; increment?: number }>): (states: readonly UploadItemState[]) => void {
  let reported = 0;
  let lastDrawAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let latest: readonly UploadItemState[] = [];
  const draw = (): void => {
    timer = undefined;
    lastDrawAt = Date.now();
    const percent = percentSent(latest);
    progress.report({ message: progressMessage(latest), increment: Math.max(0, percent - reported) });
    reported = Math.max(reported, percent);
  };
  return (states) => {
    latest = states;
    if (timer) return;
    const wait = PROGRESS_REDRAW_MS - (Date.now() - lastDrawAt);
    if (wait <= 0) draw();
    else timer = setTimeout(draw, wait);
  };
}

/** Logs every outcome; a failure is classified once (the error reporter's note), and its words kept as `reason`. */
function logResults(app: App, result: UploadBatchResult): UploadBatchResult {
  const items = result.items.map((item): UploadItemResult => {
    if (item.status === 'uploaded') app.log.info(`Uploaded ${item.name} as ${item.file.fileId}`);
    else if (item.status === 'processing') app.log.info(`Uploaded ${item.name} as ${item.file.fileId}; still processing when the batch was cancelled`);
    else if (item.status === 'cancelled') app.log.info(`Upload of ${item.name} cancelled`);
    if (item.status !== 'failed') return item;
    const noted = app.errors.note(item.error, `Upload of ${item.name} failed`);
    return { ...item, reason: describeRefusal(item.error) ?? noted.message };
  });
  return { ...result, items };
}

function showSummary(app: App, result: UploadBatchResult): void {
  const summary = summarize(result);
  const showLog = vscode.l10n.t('Show Log');
  const failed = result.items.some((item) => item.status === 'failed');
  const buttons = failed ? [showLog] : [];
  const show =
    summary.severity === 'error' ? vscode.window.showErrorMessage : summary.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  show(summary.message, ...buttons).then((picked) => {
    if (picked === showLog) app.log.show();
  });
}
