// VideoGenClient: the Files endpoints of the VideoGen API (contract §1), plain Node, no vscode.

import type { Readable } from 'node:stream';
import { createAgent, type Dispatcher } from '../net/undici';
import { DEFAULT_BASE_URL, describeInsecureTransport, validateBaseUrl } from './baseUrl';
import { VideoGenApiError, httpError, insecureUrlError, isRecord, malformedResponseError } from './errors';
import { learnUrlLifetime, needsHydration } from './freshness';
import { requestTarget, sendOnce, type HttpRequest, type HttpResponse } from './http';
import type {
  CreateFileUploadOptions,
  FileInfo,
  FilePage,
  FileUpload,
  ListFilesOptions,
  SearchFilesOptions,
  SearchResult,
} from './models';
import { parseFileInfo, parseFilePage, parseFileUpload, parseJsonBody, parseSearchResults, type ParseContext } from './parse';
import { resolveRetryPolicy, serverRequestedDelayMs, withRetries, type RetryOptions, type RetryPolicy } from './retry';
import { runUpload, type UploadFileOptions } from './upload';

/** One line per HTTP attempt, for the extension's log channel. Never contains the API key or signed-URL queries. */
export interface RequestLogEntry {
  method: string;
  /** API path with its (non-secret) query; for upload PUTs the path only. */
  path: string;
  /** null when no response arrived. */
  status: number | null;
  durationMs: number;
  requestId: string | null;
  /** 1 for the first try, 2+ for retries. */
  attempt: number;
  /** The failure's message, when the attempt failed. */
  error?: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

/** A retryable failure the client is about to wait out before trying again (e.g. a 429 with a short Retry-After). */
export interface RetryWait {
  attempt: number;
  delayMs: number;
  error: VideoGenApiError;
}

export interface VideoGenClientOptions {
  apiKey: string;
  /** Default https://api.videogen.io. Plain http only for loopback hosts; otherwise the constructor throws. */
  baseUrl?: string;
  /** Shared undici dispatcher (e.g. proxy-aware). When omitted the client creates, and closes, its own keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Sent as X-VideoGen-Client. Default "vscode". */
  clientId?: string;
  /** Deadline per attempt for headers and body together. Default 30 s. */
  timeoutMs?: number;
  /** Default `buildUserAgent()`; the extension passes `buildUserAgent(its version)`. */
  userAgent?: string;
  logger?: RequestLogger;
  retry?: RetryOptions;
  /** Told before each wait between attempts, so a caller can say what is limited while the client waits. */
  onRetryWait?: (wait: RetryWait) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_PAGE_SIZE = 200;
export const MAX_SEARCH_RESULTS = 100;

export function buildUserAgent(extensionVersion = 'dev'): string {
  return `videogen-vscode/${extensionVersion} node/${process.versions.node}`;
}

/** Clamps to [min, max] as an integer; undefined for a missing or non-finite value (the server default applies). */
export function clampInteger(value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

interface ApiCall<T> {
  method: 'GET' | 'POST';
  path: string;
  query?: URLSearchParams;
  json?: unknown;
  /** Only calls that are safe to repeat (GET, hydrate, search) are retried. */
  idempotent: boolean;
  parse: (json: unknown, context: ParseContext) => T;
}

const NO_RETRY: RetryPolicy = resolveRetryPolicy({ maxAttempts: 1 });

export class VideoGenClient {
  /** Normalised base URL (no trailing slash). */
  readonly baseUrl: string;
  // A #private field keeps the key out of util.inspect / JSON.stringify of the client.
  readonly #apiHeaders: Readonly<Record<string, string>>;
  readonly #userAgent: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownedAgent: Dispatcher | null;
  readonly #timeoutMs: number;
  readonly #retryPolicy: RetryPolicy;
  readonly #logger: RequestLogger | undefined;
  readonly #onRetryWait: ((wait: RetryWait) => void) | undefined;
  #closed = false;

  /** @throws VideoGenApiError of kind 'insecure_url' for a base URL that is invalid or plain http to a non-loopback host. */
  constructor(options: VideoGenClientOptions) {
    const validation = validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    if (!validation.ok) throw insecureUrlError(validation.reason);
    this.baseUrl = validation.url;

    const apiKey = (options.apiKey ?? '').trim();
    // Rejecting here keeps undici from failing later with a message that might quote the header.
    if (/[^\x21-\x7e]/.test(apiKey)) throw new TypeError('The VideoGen API key contains invalid characters.');
    this.#userAgent = options.userAgent ?? buildUserAgent();
    this.#apiHeaders = {
      ...(apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` }),
      accept: 'application/json',
      'x-videogen-client': options.clientId ?? 'vscode',
      'user-agent': this.#userAgent,
    };
    if (options.dispatcher) {
      this.#dispatcher = options.dispatcher;
      this.#ownedAgent = null;
    } else {
      const agent = createAgent({ keepAliveTimeout: 15_000, keepAliveMaxTimeout: 60_000 });
      this.#dispatcher = agent;
      this.#ownedAgent = agent;
    }
    this.#timeoutMs = options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
    this.#retryPolicy = resolveRetryPolicy(options.retry);
    this.#logger = options.logger;
    this.#onRetryWait = options.onRetryWait;
  }

  /** One page of files, most recently updated first. `limit` is clamped to 1–200. */
  listFiles(options: ListFilesOptions = {}, signal?: AbortSignal): Promise<FilePage> {
    const query = new URLSearchParams();
    const limit = clampInteger(options.limit, 1, MAX_PAGE_SIZE);
    if (limit !== undefined) query.set('limit', String(limit));
    if (options.cursor) query.set('cursor', options.cursor);
    // Flags are sent only when true: false is the server default, and older servers may not know selfOnly.
    if (options.includeExportFiles) query.set('includeExportFiles', 'true');
    if (options.includeProjectFiles) query.set('includeProjectFiles', 'true');
    if (options.selfOnly) query.set('selfOnly', 'true');
    return this.#callApi({ method: 'GET', path: '/v1/files', query, idempotent: true, parse: parseFilePage }, signal);
  }

  /** Every page from `options.cursor` (or the first) to the last. Page size defaults to the maximum, 200. */
  async *iterateFilePages(options: ListFilesOptions = {}, signal?: AbortSignal): AsyncGenerator<FilePage, void, undefined> {
    let cursor = options.cursor;
    for (;;) {
      const page = await this.listFiles({ ...options, limit: options.limit ?? MAX_PAGE_SIZE, cursor }, signal);
      yield page;
      if (!page.hasMore || page.nextCursor === null) return;
      if (page.nextCursor === cursor) {
        throw new VideoGenApiError({
          kind: 'malformed_response',
          message: 'Malformed response from GET /v1/files: nextCursor repeats the cursor of the request',
          method: 'GET',
          path: '/v1/files',
        });
      }
      cursor = page.nextCursor;
    }
  }

  /** Every file of every page, following nextCursor. */
  async *iterateFiles(options: ListFilesOptions = {}, signal?: AbortSignal): AsyncGenerator<FileInfo, void, undefined> {
    for await (const page of this.iterateFilePages(options, signal)) yield* page.files;
  }

  /**
   * Semantic search; `numResults` is clamped to 1–100. Retried like a GET: it only reads (contract §1.2: a query in,
   * ranked files out) and is a POST only to carry the query, so asking twice is harmless.
   */
  searchFiles(options: SearchFilesOptions, signal?: AbortSignal): Promise<SearchResult[]> {
    const json: Record<string, unknown> = { query: options.query };
    const numResults = clampInteger(options.numResults, 1, MAX_SEARCH_RESULTS);
    if (numResults !== undefined) json.numResults = numResults;
    if (options.selfOnly !== undefined) json.selfOnly = options.selfOnly;
    return this.#callApi(
      { method: 'POST', path: '/v1/files/search', json, idempotent: true, parse: parseSearchResults },
      signal,
    );
  }

  /** The file as stored; its signed URLs may be missing or expired (see getHydratedFile). */
  async getFile(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    return this.#callApi({ method: 'GET', path: filePath(fileId), idempotent: true, parse: parseFileInfo }, signal);
  }

  /** Re-signs every ready rendition. Retried like a GET: hydrating twice is harmless. */
  async hydrateFile(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    const file = await this.#fileAction(fileId, 'hydrate', true, signal);
    learnUrlLifetime(file, Date.now());
    return file;
  }

  /** GET, then hydrate only if a URL is pending, missing or expiring within the margin (the official helpers' rule). */
  async getHydratedFile(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    const file = await this.getFile(fileId, signal);
    return needsHydration(file) ? this.hydrateFile(fileId, signal) : file;
  }

  async archiveFile(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    return this.#fileAction(fileId, 'archive', false, signal);
  }

  async enablePublicPreview(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    return this.#fileAction(fileId, 'enable-public-preview', false, signal);
  }

  async disablePublicPreview(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    return this.#fileAction(fileId, 'disable-public-preview', false, signal);
  }

  createFileUpload(options: CreateFileUploadOptions, signal?: AbortSignal): Promise<FileUpload> {
    const json: Record<string, unknown> = { displayName: options.displayName };
    if (options.type !== undefined) json.type = options.type;
    if (options.isTemporary !== undefined) json.isTemporary = options.isTemporary;
    if (options.hideFromUi !== undefined) json.hideFromUi = options.hideFromUi;
    return this.#callApi(
      { method: 'POST', path: '/v1/files/upload', json, idempotent: false, parse: parseFileUpload },
      signal,
    );
  }

  /**
   * Create -> PUT the bytes to the pre-signed URL (no Authorization header) -> poll hydrate until a source is
   * ready. Rejects with UploadProcessingError when processing fails or outlasts `timeoutMs`.
   */
  uploadFile(options: UploadFileOptions, signal: AbortSignal | undefined = options.signal): Promise<FileInfo> {
    return runUpload(
      {
        createFileUpload: (create, createSignal) => this.createFileUpload(create, createSignal),
        hydrateFile: (fileId, hydrateSignal) => this.hydrateFile(fileId, hydrateSignal),
        putUploadBytes: (url, body, headers, timeoutMs, putSignal) =>
          this.#putUploadBytes(url, body, headers, timeoutMs, putSignal),
      },
      options,
      signal,
    );
  }

  /** Closes the keep-alive Agent the client created (an injected dispatcher is left open). Later calls fail with kind 'aborted'. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#ownedAgent?.close();
  }

  /** VS Code Disposable shape: close without waiting. */
  dispose(): void {
    this.close().catch(() => undefined);
  }

  #fileAction(fileId: string, action: string, idempotent: boolean, signal?: AbortSignal): Promise<FileInfo> {
    return this.#callApi(
      { method: 'POST', path: `${filePath(fileId)}/${action}`, idempotent, parse: parseFileInfo },
      signal,
    );
  }

  async #callApi<T>(call: ApiCall<T>, signal?: AbortSignal): Promise<T> {
    const queryString = call.query?.toString() ?? '';
    const displayPath = queryString === '' ? call.path : `${call.path}?${queryString}`;
    const headers: Record<string, string> = { ...this.#apiHeaders };
    let body: string | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    }
    const httpRequest: HttpRequest = {
      method: call.method,
      url: new URL(this.baseUrl + displayPath),
      displayPath,
      headers,
      body,
      timeoutMs: this.#timeoutMs,
      signal,
    };
    return withRetries(
      (attempt) =>
        this.#exchange(httpRequest, attempt, (response) => {
          const requestId = response.header('x-request-id');
          if (response.status < 200 || response.status > 299) throw this.#httpFailure(httpRequest, response);
          const context: ParseContext = { method: call.method, path: displayPath, status: response.status, requestId };
          return call.parse(parseJsonBody(response.text(), context, response.header('content-type')), context);
        }),
      { policy: call.idempotent ? this.#retryPolicy : NO_RETRY, signal, onRetry: this.#onRetryWait },
    );
  }

  async #putUploadBytes(
    uploadUrl: string,
    body: Readable,
    headers: Record<string, string>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    let url: URL;
    try {
      url = new URL(uploadUrl);
    } catch {
      throw malformedResponseError(
        { method: 'POST', origin: this.baseUrl, path: '/v1/files/upload' },
        'uploadUrl is not a valid URL',
        200,
        null,
      );
    }
    const transportProblem = describeInsecureTransport(url);
    if (transportProblem !== null) throw insecureUrlError(`Upload URL refused. ${transportProblem}`);
    // Deliberately only these headers: the URL is pre-signed, and the API key must not reach storage.
    const httpRequest: HttpRequest = {
      method: 'PUT',
      url,
      displayPath: url.pathname,
      headers: { ...headers, 'user-agent': this.#userAgent },
      body,
      timeoutMs,
      signal,
    };
    await this.#exchange(httpRequest, 1, (response) => {
      if (response.status < 200 || response.status > 299) throw this.#httpFailure(httpRequest, response);
    });
  }

  /** One attempt: send, hand the response to `handle`, and log the outcome either way. */
  async #exchange<T>(
    httpRequest: HttpRequest,
    attempt: number,
    handle: (response: HttpResponse) => T,
  ): Promise<T> {
    if (this.#closed) {
      throw new VideoGenApiError({
        kind: 'aborted',
        message: 'The VideoGen client has been closed',
        method: httpRequest.method,
        path: httpRequest.displayPath,
      });
    }
    const startedAt = performance.now();
    let response: HttpResponse | undefined;
    try {
      response = await sendOnce(this.#dispatcher, httpRequest);
      const result = handle(response);
      this.#log(httpRequest, attempt, startedAt, response, undefined);
      return result;
    } catch (error) {
      this.#log(httpRequest, attempt, startedAt, response, error);
      throw error;
    }
  }

  #httpFailure(httpRequest: HttpRequest, response: HttpResponse): VideoGenApiError {
    return httpError(
      requestTarget(httpRequest),
      response.status,
      readErrorBody(response),
      response.header('x-request-id'),
      serverRequestedDelayMs(response.status, response.header),
    );
  }

  #log(
    httpRequest: HttpRequest,
    attempt: number,
    startedAt: number,
    response: HttpResponse | undefined,
    error: unknown,
  ): void {
    if (!this.#logger) return;
    const entry: RequestLogEntry = {
      method: httpRequest.method,
      path: httpRequest.displayPath,
      status: response?.status ?? null,
      durationMs: Math.round(performance.now() - startedAt),
      requestId: response?.header('x-request-id') ?? null,
      attempt,
    };
    if (error !== undefined) entry.error = error instanceof Error ? error.message : String(error);
    try {
      this.#logger(entry);
    } catch {
      // Logging must never break a request.
    }
  }
}

function filePath(fileId: string): string {
  if (typeof fileId !== 'string' || fileId.trim() === '') throw new TypeError('fileId must be a non-empty string');
  return `/v1/files/${encodeURIComponent(fileId)}`;
}

const MAX_ERROR_BODY_CHARS = 2000;

/** The ApiError JSON when there is one, else the (shortened) text, e.g. a proxy's HTML page. */
function readErrorBody(response: HttpResponse): unknown {
  const text = response.text();
  if (text.trim() === '') return null;
  try {
    const json = JSON.parse(text) as unknown;
    return isRecord(json) ? json : text.slice(0, MAX_ERROR_BODY_CHARS);
  } catch {
    return text.slice(0, MAX_ERROR_BODY_CHARS);
  }
}
