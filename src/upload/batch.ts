// Runs a batch of uploads through the API's upload flow (src/api/upload.ts), a few at a time, and accounts for
// every item: uploaded, still processing when the batch was cancelled, failed (with its error) or cancelled. A file
// created on the server whose bytes never all arrived is abandoned (the caller removes its row). No vscode import.

import type { FileInfo } from '../api/models';
import type { UploadData, UploadFileOptions, UploadProgress } from '../api/upload';
import type { ConcurrencyLimiter } from '../async/limits';
import type { UploadMediaType } from '../files/mediaTypes';

/** What an item resolves to before anything is sent: its bytes, size and media type. */
export interface PreparedUpload extends UploadMediaType {
  displayName: string;
  /** Byte length (from stat for a file on disk). */
  size: number;
  data: UploadData;
}

export interface UploadJob {
  /** The file name, for progress and the summary. */
  readonly name: string;
  /** Checks the type and reads the size; throws (e.g. UnsupportedMediaTypeError) before anything is sent. */
  prepare(): Promise<PreparedUpload>;
}

export type UploadItemPhase = 'waiting' | 'uploading' | 'processing' | 'done' | 'failed' | 'cancelled';

export interface UploadItemState {
  readonly name: string;
  phase: UploadItemPhase;
  bytesSent: number;
  /** Known once prepared. */
  totalBytes: number | undefined;
}

export type UploadItemResult =
  /** Processed: a source is ready. */
  | { readonly status: 'uploaded'; readonly name: string; readonly file: FileInfo }
  /** The bytes arrived but the batch was cancelled before processing finished: the file stays, still processing. */
  | { readonly status: 'processing'; readonly name: string; readonly file: FileInfo }
  | {
      readonly status: 'failed';
      readonly name: string;
      readonly error: unknown;
      readonly fileId?: string;
      /** The failure in words for people (uploadFiles fills it in; the error reporter's classification). */
      readonly reason?: string;
    }
  /** Cancelled before its bytes were all sent: nothing of it is left. */
  | { readonly status: 'cancelled'; readonly name: string };

export interface UploadBatchResult {
  /** One per item, in the order given. */
  readonly items: readonly UploadItemResult[];
  /** The batch was cancelled (some items may still have been uploaded). */
  readonly cancelled: boolean;
}

export interface UploadBatchBackend {
  /** The API flow: `client.uploadFile(options)`. */
  upload(options: UploadFileOptions): Promise<FileInfo>;
  /** The file exists on the server, pending: its row appears. Returns the processing file it shows. */
  created(fileId: string, prepared: PreparedUpload): FileInfo;
  /** A hydrate answer while processing, and the final one. */
  updated(file: FileInfo): void;
  /** Created, but its bytes never all arrived (failed or cancelled PUT): nothing of it must be left. */
  abandoned(fileId: string): void;
}

export interface RunBatchOptions {
  limiter: ConcurrencyLimiter;
  signal?: AbortSignal;
  /** After any item's state changed (bytes sent, phase); `states` is the live list, one per job. */
  onStateChange?: (states: readonly UploadItemState[]) => void;
  /** Passed on to the API flow (tests shorten it). */
  pollIntervalMs?: number;
}

export async function runUploadBatch(
  jobs: readonly UploadJob[],
  backend: UploadBatchBackend,
  options: RunBatchOptions,
): Promise<UploadBatchResult> {
  const states: UploadItemState[] = jobs.map((job) => ({ name: job.name, phase: 'waiting', bytesSent: 0, totalBytes: undefined }));
  const changed = (): void => {
    try {
      options.onStateChange?.(states);
    } catch {
      // A faulty progress view must not break uploads.
    }
  };
  const items = await Promise.all(
    jobs.map(async (job, index) => {
      const result = await runOne(job, states[index], backend, options, changed);
      states[index].phase = result.status === 'uploaded' || result.status === 'processing' ? 'done' : result.status;
      changed();
      return result;
    }),
  );
  return { items, cancelled: options.signal?.aborted === true };
}

async function runOne(
  job: UploadJob,
  state: UploadItemState,
  backend: UploadBatchBackend,
  options: RunBatchOptions,
  changed: () => void,
): Promise<UploadItemResult> {
  let prepared: PreparedUpload;
  try {
    prepared = await job.prepare();
  } catch (error) {
    return { status: 'failed', name: job.name, error };
  }
  state.totalBytes = prepared.size;
  changed();
  let fileId: string | undefined;
  let bytesArrived = false;
  let lastFile: FileInfo | undefined;
  const onProgress = (progress: UploadProgress): void => {
    if (progress.fileId !== undefined && fileId === undefined) {
      fileId = progress.fileId;
      lastFile = backend.created(fileId, prepared);
    }
    if (progress.phase === 'processing') bytesArrived = true;
    if (progress.file) {
      lastFile = progress.file;
      backend.updated(progress.file);
    }
    state.phase = progress.phase === 'processing' || progress.phase === 'done' ? 'processing' : 'uploading';
    state.bytesSent = progress.bytesSent ?? state.bytesSent;
    changed();
  };
  try {
    const file = await options.limiter.run(
      () =>
        backend.upload({
          data: prepared.data,
          size: prepared.size,
          displayName: prepared.displayName,
          type: prepared.type,
          contentType: prepared.contentType,
          onProgress,
          pollIntervalMs: options.pollIntervalMs,
          signal: options.signal,
        }),
      options.signal,
    );
    backend.updated(file);
    return { status: 'uploaded', name: job.name, file };
  } catch (error) {
    const cancelled = options.signal?.aborted === true;
    if (fileId !== undefined && !bytesArrived) backend.abandoned(fileId);
    if (cancelled && bytesArrived && lastFile) return { status: 'processing', name: job.name, file: lastFile };
    if (cancelled) return { status: 'cancelled', name: job.name };
    return { status: 'failed', name: job.name, error, ...(fileId === undefined ? {} : { fileId }) };
  }
}

/** Counts by outcome, for the summary. */
export function countResults(result: UploadBatchResult): Record<UploadItemResult['status'], number> {
  const counts = { uploaded: 0, processing: 0, failed: 0, cancelled: 0 };
  for (const item of result.items) counts[item.status]++;
  return counts;
}

/** The row a file shows between its creation and the first hydrate answer: pending, type not known yet. */
export function pendingFileInfo(fileId: string, displayName: string): FileInfo {
  const pending = { status: 'pending', url: null, expiresAt: null, width: null, height: null, fileBytes: null };
  return {
    fileId,
    type: null,
    scope: 'GLOBAL',
    displayName,
    description: null,
    durationSeconds: null,
    transcript: null,
    downloadSource: { ...pending },
    previewSource: { ...pending },
    thumbnailSource: { ...pending },
    hlsSource: { ...pending },
    isPublicPreviewEnabled: false,
    staticPublicPreviewSource: null,
    publicHlsUrl: null,
    publicPlaybackId: null,
    sourceToolType: null,
    sourceToolExecutionId: null,
    fileAnalysisMetadata: { analysisLoadingState: 'UNATTEMPTED', analysisProgressPercentage: 0, analysisAttemptIndex: 0 },
  };
}
