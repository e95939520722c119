// One HTTP exchange over undici: send, read the whole body, classify transport failures.
// No retries, no status handling, no logging here (see client.ts and retry.ts).

import type { Readable } from 'node:stream';
import { request, type Dispatcher } from '../net/undici';
import { VideoGenApiError, abortedError, networkError, timeoutError, type RequestTarget } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  /** Path shown in errors and logs; must not contain secrets (signed-URL query strings). */
  displayPath: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | Readable;
  /** Deadline for the whole exchange, headers and body; null for none. */
  timeoutMs: number | null;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** First value of a response header (name is case-insensitive). */
  header(name: string): string | null;
  body: Buffer;
  text(): string;
}

export function requestTarget(request: Pick<HttpRequest, 'method' | 'url' | 'displayPath'>): RequestTarget {
  return { method: request.method, origin: request.url.origin, path: request.displayPath };
}

/**
 * Performs the exchange and resolves with the full body, or rejects with a VideoGenApiError of kind
 * 'network' (refused, reset, DNS, truncated body), 'timeout' or 'aborted'.
 */
export async function sendOnce(dispatcher: Dispatcher, httpRequest: HttpRequest): Promise<HttpResponse> {
  const target = requestTarget(httpRequest);
  const callerSignal = httpRequest.signal;
  if (callerSignal?.aborted) throw abortedError(target, callerSignal.reason);

  // One controller for both the caller's abort and our deadline, so undici tears down the socket either way.
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    httpRequest.timeoutMs === null
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, httpRequest.timeoutMs);
  const forwardAbort = (): void => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', forwardAbort, { once: true });

  let responseStarted = false;
  try {
    const response = await request(httpRequest.url, {
      method: httpRequest.method,
      headers: httpRequest.headers,
      body: httpRequest.body ?? null,
      dispatcher,
      signal: controller.signal,
    });
    responseStarted = true;
    const body = Buffer.from(await response.body.arrayBuffer());
    const header = headerReader(response.headers);
    assertCompleteBody(body, header('content-length'));
    return { status: response.statusCode, header, body, text: () => body.toString('utf8') };
  } catch (error) {
    if (timedOut && httpRequest.timeoutMs !== null) throw timeoutError(target, httpRequest.timeoutMs);
    if (callerSignal?.aborted) throw abortedError(target, error);
    if (error instanceof VideoGenApiError) throw error;
    throw networkError(target, error, responseStarted);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}

function headerReader(headers: Record<string, string | string[] | undefined>): (name: string) => string | null {
  return (name) => {
    const value = headers[name.toLowerCase()];
    if (Array.isArray(value)) return value[0] ?? null;
    return value ?? null;
  };
}

/** undici normally rejects a short body itself; this covers dispatchers that don't. */
function assertCompleteBody(body: Buffer, contentLength: string | null): void {
  if (contentLength === null || !/^\d+$/.test(contentLength)) return;
  if (body.length < Number(contentLength)) {
    const error = new Error(`response body has ${body.length} of ${contentLength} bytes`);
    Object.assign(error, { code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' });
    throw error;
  }
}
