// The one error type every client call rejects with, plus the builders that classify failures.

export type ApiErrorKind =
  /** The server answered with a non-2xx status. */
  | 'http'
  /** No usable response: connection refused/reset, DNS failure, TLS failure, truncated body. */
  | 'network'
  /** The client-side deadline (`timeoutMs`) passed before the response was fully read. */
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** A 2xx response whose body is not the documented shape. */
  | 'malformed_response'
  /** A base or upload URL the client refuses to use (plain http to a non-loopback host, not a URL, ...). */
  | 'insecure_url';

export interface VideoGenApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number | null;
  code?: string | null;
  requestId?: string | null;
  retryAfterMs?: number | null;
  method?: string;
  path?: string;
  body?: unknown;
  cause?: unknown;
}

export class VideoGenApiError extends Error {
  override readonly name = 'VideoGenApiError';
  readonly kind: ApiErrorKind;
  /** HTTP status for kind 'http' (and for a malformed 2xx), else null. */
  readonly status: number | null;
  /** `ApiError.code` from the body, e.g. "invalid_api_key"; null when absent. */
  readonly code: string | null;
  /** The `x-request-id` response header, to quote to support. */
  readonly requestId: string | null;
  /** How long the server asked us to wait (Retry-After, or X-RateLimit-Reset on a 429). */
  readonly retryAfterMs: number | null;
  readonly method?: string;
  /** Request path; API query strings included, signed-URL query strings never. */
  readonly path?: string;
  /** The parsed error body (or its text when it was not JSON). */
  readonly body?: unknown;

  constructor(init: VideoGenApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    if (init.method !== undefined) this.method = init.method;
    if (init.path !== undefined) this.path = init.path;
    if (init.body !== undefined) this.body = init.body;
  }
}

export function isVideoGenApiError(value: unknown): value is VideoGenApiError {
  return value instanceof VideoGenApiError;
}

/** Where a request went, for error messages. `origin` is scheme://host[:port] only. */
export interface RequestTarget {
  method: string;
  origin: string;
  path: string;
}

export function httpError(
  target: RequestTarget,
  status: number,
  body: unknown,
  requestId: string | null,
  retryAfterMs: number | null,
): VideoGenApiError {
  const fields = isRecord(body) ? body : {};
  const bodyMessage = typeof fields.message === 'string' && fields.message.trim() !== '' ? fields.message : null;
  const code = typeof fields.code === 'string' && fields.code !== '' ? fields.code : null;
  return new VideoGenApiError({
    kind: 'http',
    message: bodyMessage ?? `Request failed with status ${status}`,
    status,
    code,
    requestId,
    retryAfterMs,
    method: target.method,
    path: target.path,
    body,
  });
}

export function malformedResponseError(
  target: RequestTarget,
  detail: string,
  status: number | null,
  requestId: string | null,
): VideoGenApiError {
  return new VideoGenApiError({
    kind: 'malformed_response',
    message: `Malformed response from ${target.method} ${target.path}: ${detail}`,
    status,
    requestId,
    method: target.method,
    path: target.path,
  });
}

export function timeoutError(target: RequestTarget, timeoutMs: number): VideoGenApiError {
  return new VideoGenApiError({
    kind: 'timeout',
    message: `Request to ${target.origin} timed out after ${formatDuration(timeoutMs)} (${target.method} ${target.path})`,
    method: target.method,
    path: target.path,
  });
}

export function abortedError(target: Pick<RequestTarget, 'method' | 'path'> | null, cause?: unknown): VideoGenApiError {
  const where = target ? ` (${target.method} ${target.path})` : '';
  return new VideoGenApiError({
    kind: 'aborted',
    message: `Request was cancelled${where}`,
    method: target?.method,
    path: target?.path,
    cause,
  });
}

export function insecureUrlError(message: string): VideoGenApiError {
  return new VideoGenApiError({ kind: 'insecure_url', message });
}

/**
 * A network failure, phrased for people: "Could not reach https://api.videogen.io: connection refused".
 * `duringBody` says the response had started, so the failure is a broken/truncated response.
 */
export function networkError(target: RequestTarget, cause: unknown, duringBody: boolean): VideoGenApiError {
  const reason = describeNetworkFailure(cause);
  const message = duringBody
    ? `Connection to ${target.origin} failed while reading the response to ${target.method} ${target.path}: ${reason}`
    : `Could not reach ${target.origin}: ${reason}`;
  return new VideoGenApiError({ kind: 'network', message, method: target.method, path: target.path, cause });
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup timed out',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_DESTROYED: 'connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response body shorter than its Content-Length',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'request body size differs from the declared size',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};

/** Node and undici put the useful code on the error or on its `cause`. */
export function describeNetworkFailure(error: unknown): string {
  for (let current: unknown = error, depth = 0; isRecord(current) && depth < 4; current = current.cause, depth++) {
    const code = typeof current.code === 'string' ? current.code : undefined;
    if (code !== undefined && NETWORK_REASONS[code] !== undefined) return NETWORK_REASONS[code];
  }
  if (error instanceof Error && error.message) return error.message;
  return 'unknown network error';
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * The text with every request path's query string cut off ("GET /v1/files?limit=200&cursor=eyJ…" → "GET /v1/files"):
 * for messages people read, where an 80-character cursor says nothing. The log keeps the full path.
 */
export function withoutQueryStrings(text: string): string {
  return text.replace(/(\/[\w./%~-]*)\?[\w.~%&=+,-]*/g, '$1');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
