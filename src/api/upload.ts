// The upload flow of the official helpers (contract §5): create -> PUT bytes -> poll hydrate until processed.

import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { CreateFileUploadOptions, FileInfo, FileUpload, KnownFileType } from './models';
import { SOURCE_KINDS } from './models';
import { sleep } from './retry';

/** Bytes in memory, or a factory for a stream of chunks (called once). */
export type UploadData =
  | Uint8Array
  | (() => AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>);

export type UploadPhase = 'creating' | 'uploading' | 'processing' | 'done';

export interface UploadProgress {
  phase: UploadPhase;
  /** Known from 'uploading' on. */
  fileId?: string;
  bytesSent?: number;
  /** Byte length of the data when known (Uint8Array, or `size` given for a stream). */
  totalBytes?: number;
  /** While processing: each hydrate answer (still processing, or the finished file with phase 'done'). */
  file?: FileInfo;
}

export interface UploadFileOptions {
  data: UploadData;
  /** Byte length of a streamed `data`; sent as Content-Length (storage services usually require it). */
  size?: number;
  displayName: string;
  type?: KnownFileType;
  /** Content-Type of the PUT; omitted when not given, as the official helpers do. */
  contentType?: string;
  isTemporary?: boolean;
  hideFromUi?: boolean;
  onProgress?: (progress: UploadProgress) => void;
  /** First wait between hydrate polls; grows 1.5x per poll up to 5x this. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Budget for the PUT and processing together. Default 1 hour (the official helpers' value). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_UPLOAD_POLL_INTERVAL_MS = 2000;
export const DEFAULT_UPLOAD_TIMEOUT_MS = 60 * 60 * 1000;
const UPLOAD_CHUNK_BYTES = 256 * 1024;

export class UploadProcessingError extends Error {
  override readonly name = 'UploadProcessingError';
  constructor(
    message: string,
    /** 'failed': no source ready and one failed. 'timeout': still processing when the budget ran out. */
    readonly reason: 'failed' | 'timeout',
    readonly fileId: string,
    /** The last hydrated state seen. */
    readonly lastFile: FileInfo | null,
  ) {
    super(message);
  }
}

/** What the upload flow needs from the client; keeps this module free of HTTP details. */
export interface UploadBackend {
  createFileUpload(options: CreateFileUploadOptions, signal?: AbortSignal): Promise<FileUpload>;
  hydrateFile(fileId: string, signal?: AbortSignal): Promise<FileInfo>;
  putUploadBytes(
    uploadUrl: string,
    body: Readable,
    headers: Record<string, string>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void>;
}

export async function runUpload(
  backend: UploadBackend,
  options: UploadFileOptions,
  signal: AbortSignal | undefined,
  now: () => number = Date.now,
): Promise<FileInfo> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const deadline = now() + timeoutMs;
  const report = (progress: UploadProgress): void => {
    try {
      options.onProgress?.(progress);
    } catch {
      // A faulty progress callback must not break the upload.
    }
  };

  report({ phase: 'creating' });
  const upload = await backend.createFileUpload(
    {
      displayName: options.displayName,
      type: options.type,
      isTemporary: options.isTemporary ?? false,
      hideFromUi: options.hideFromUi,
    },
    signal,
  );
  const fileId = upload.fileId;

  const totalBytes = options.data instanceof Uint8Array ? options.data.byteLength : options.size;
  let bytesSent = 0;
  report({ phase: 'uploading', fileId, bytesSent, totalBytes });
  let sourceError: unknown;
  const chunks = countChunks(
    () => chunksOf(options.data),
    (byteCount) => {
      bytesSent += byteCount;
      report({ phase: 'uploading', fileId, bytesSent, totalBytes });
    },
    (error) => (sourceError = error),
  );
  const headers: Record<string, string> = {};
  if (totalBytes !== undefined) headers['content-length'] = String(totalBytes);
  if (options.contentType) headers['content-type'] = options.contentType;
  try {
    await backend.putUploadBytes(
      upload.uploadUrl,
      Readable.from(chunks, { objectMode: false }),
      headers,
      Math.max(1, deadline - now()),
      signal,
    );
  } catch (error) {
    // A failing data source (e.g. an unreadable file) is the caller's error, not a network failure.
    throw sourceError ?? error;
  }

  report({ phase: 'processing', fileId, bytesSent, totalBytes });
  const pollIntervalMs = Math.max(1, options.pollIntervalMs ?? DEFAULT_UPLOAD_POLL_INTERVAL_MS);
  const onPolled = (file: FileInfo): void => report({ phase: 'processing', fileId, bytesSent, totalBytes, file });
  const file = await waitUntilProcessed(backend, fileId, pollIntervalMs, timeoutMs, deadline, now, signal, onPolled);
  report({ phase: 'done', fileId, bytesSent, totalBytes, file });
  return file;
}

async function waitUntilProcessed(
  backend: UploadBackend,
  fileId: string,
  pollIntervalMs: number,
  timeoutMs: number,
  deadline: number,
  now: () => number,
  signal: AbortSignal | undefined,
  onPolled: (file: FileInfo) => void,
): Promise<FileInfo> {
  let intervalMs = pollIntervalMs;
  for (;;) {
    const file = await backend.hydrateFile(fileId, signal);
    const state = processingState(file);
    if (state === 'ready') return file;
    onPolled(file);
    if (state === 'failed') throw new UploadProcessingError('Uploaded file processing failed', 'failed', fileId, file);
    const remainingMs = deadline - now();
    if (remainingMs <= 0) {
      const seconds = Math.round(timeoutMs / 1000);
      throw new UploadProcessingError(`Uploaded file was still processing after ${seconds} s`, 'timeout', fileId, file);
    }
    await sleep(Math.min(intervalMs, remainingMs), signal);
    intervalMs = Math.min(intervalMs * 1.5, pollIntervalMs * 5);
  }
}

/** The v2 helpers' rule: any ready source means done; a failure only counts while nothing is ready. */
export function processingState(file: FileInfo): 'ready' | 'failed' | 'processing' {
  const statuses = SOURCE_KINDS.map((kind) => file[kind]?.status);
  if (statuses.includes('ready')) return 'ready';
  return statuses.includes('failed') ? 'failed' : 'processing';
}

function chunksOf(data: UploadData): AsyncIterable<Uint8Array> {
  if (data instanceof Uint8Array) return sliceBytes(data);
  return data();
}

async function* sliceBytes(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += UPLOAD_CHUNK_BYTES) {
    yield bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
  }
}

/**
 * Opens the source only when the PUT starts pulling (a stream opened earlier could fail with nobody
 * listening), and reports errors of the source itself, not those thrown in by the consumer.
 */
async function* countChunks(
  openSource: () => AsyncIterable<Uint8Array>,
  onChunk: (byteCount: number) => void,
  onSourceError: (error: unknown) => void,
): AsyncGenerator<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array>;
  try {
    iterator = openSource()[Symbol.asyncIterator]();
  } catch (error) {
    onSourceError(error);
    throw error;
  }
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (error) {
      onSourceError(error);
      throw error;
    }
    if (next.done) return;
    yield next.value;
    onChunk(next.value.byteLength);
  }
}
