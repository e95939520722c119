// The /v1 Files endpoints: routing, auth, rate limits, parameter validation, JSON in and out.
import { FILE_TYPES, type KnownFileType, type TranscriptWord } from '../../src/api/models';
import { ApiError, invalidParameters } from './errors';
import { BodyTooLargeError, type Exchange } from './http';
import type { StoredFile, WireTranscript } from './model';
import type { RateLimiter, RateLimitGroup, RateLimitState } from './rateLimit';
import type { FileService } from './service';
import type { Signer } from './signer';
import type { ListPosition } from './store';

export interface ApiDeps {
  service: FileService;
  limiter: RateLimiter;
  apiKey: string;
  cursorSigner: Signer;
}

interface Call {
  deps: ApiDeps;
  /** The decoded {fileId} path segment ('' on routes without one). */
  fileId: string;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  nowMs: number;
}

interface Route {
  method: 'GET' | 'POST';
  /** Path segments after /v1/files; ':fileId' is the parameter. */
  path: readonly string[];
  group: RateLimitGroup;
  handle(call: Call): unknown;
}

const MAX_JSON_BYTES = 1024 * 1024;
const CURSOR_PURPOSE = 'GET /v1/files';

const ROUTES: readonly Route[] = [
  { method: 'GET', path: [], group: 'list', handle: listFiles },
  { method: 'POST', path: ['search'], group: 'search', handle: searchFiles },
  { method: 'POST', path: ['upload'], group: 'upload', handle: createUpload },
  { method: 'GET', path: [':fileId'], group: 'list', handle: (call) => render(call, call.deps.service.find(call.fileId)) },
  { method: 'POST', path: [':fileId', 'hydrate'], group: 'hydrate', handle: (call) => mutate(call, (s, f) => s.hydrate(f, call.nowMs)) },
  { method: 'POST', path: [':fileId', 'archive'], group: 'archive', handle: (call) => mutate(call, (s, f) => s.archive(f, call.nowMs)) },
  {
    method: 'POST', path: [':fileId', 'enable-public-preview'], group: 'publicPreview',
    handle: (call) => mutate(call, (s, f) => s.enablePublicPreview(f, call.nowMs)),
  },
  {
    method: 'POST', path: [':fileId', 'disable-public-preview'], group: 'publicPreview',
    handle: (call) => mutate(call, (s, f) => s.disablePublicPreview(f, call.nowMs)),
  },
];

export async function handleApi(ex: Exchange, deps: ApiDeps): Promise<void> {
  const nowMs = Date.now();
  const match = matchRoutes(ex.pathname);
  const method = ex.method === 'HEAD' ? 'GET' : ex.method;
  const route = match?.routes.find((candidate) => candidate.method === method);
  const group = route?.group ?? match?.routes[0].group ?? 'list';
  const presentedKey = bearerToken(ex.req.headers.authorization);
  try {
    if (!match) throw new ApiError(404, 'not_found', `No API route matches ${ex.method} ${ex.pathname}.`);
    if (!route) {
      const allow = allowedMethods(match.routes);
      throw new ApiError(405, 'method_not_allowed', `${ex.method} is not allowed on ${ex.pathname}; use ${allow}.`, { Allow: allow });
    }
    authenticate(presentedKey, deps.apiKey);
    const rate = deps.limiter.take(deps.apiKey, group, nowMs);
    setRateLimitHeaders(ex, rate);
    if (!rate.allowed) {
      const retryAfter = String(Math.max(1, rate.resetAt - Math.floor(nowMs / 1000)));
      throw new ApiError(429, 'rate_limited', `Rate limit of ${rate.limit} requests per hour exceeded; retry after ${retryAfter} s.`, {
        'Retry-After': retryAfter,
      });
    }
    const body = ex.method === 'POST' ? parseJson(await ex.readBody(MAX_JSON_BYTES)) : undefined;
    ex.sendJson(200, route.handle({ deps, fileId: match.fileId, query: ex.url.searchParams, body, nowMs }));
  } catch (error) {
    if (!ex.res.hasHeader('X-RateLimit-Limit')) setRateLimitHeaders(ex, deps.limiter.peek(presentedKey ?? '', group, nowMs));
    ex.sendApiError(asApiError(error));
  }
}

function matchRoutes(pathname: string): { routes: Route[]; fileId: string } | undefined {
  const segments = pathname.split('/').slice(1);
  if (segments[0] !== 'v1' || segments[1] !== 'files') return undefined;
  const rest = segments.slice(2);
  const candidates = ROUTES.filter((route) => route.path.length === rest.length && route.path.every((part, i) => part === ':fileId' || part === rest[i]));
  // A literal segment ("search") beats the parameter: GET /v1/files/search is a 405, not a file lookup.
  const specificity = (route: Route): number => route.path.filter((part) => part !== ':fileId').length;
  const best = Math.max(...candidates.map(specificity));
  const routes = candidates.filter((route) => specificity(route) === best);
  if (routes.length === 0) return undefined;
  const at = routes[0].path.indexOf(':fileId');
  return { routes, fileId: at < 0 ? '' : safeDecode(rest[at]) };
}

function allowedMethods(routes: readonly Route[]): string {
  return routes.flatMap((route) => (route.method === 'GET' ? ['GET', 'HEAD'] : [route.method])).join(', ');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function authenticate(presentedKey: string | undefined, apiKey: string): void {
  if (!presentedKey) throw new ApiError(401, 'missing_api_key', 'Missing API key. Send it as "Authorization: Bearer <key>".', { 'WWW-Authenticate': 'Bearer' });
  if (presentedKey !== apiKey) throw new ApiError(401, 'invalid_api_key', 'API key is invalid or has been revoked.', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
}

function setRateLimitHeaders(ex: Exchange, rate: RateLimitState): void {
  ex.res.setHeader('X-RateLimit-Limit', rate.limit);
  ex.res.setHeader('X-RateLimit-Remaining', rate.remaining);
  ex.res.setHeader('X-RateLimit-Reset', rate.resetAt);
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_request', 'Request body is not valid JSON.');
  }
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof BodyTooLargeError) return new ApiError(413, 'invalid_request', `Request body is larger than ${MAX_JSON_BYTES} bytes.`);
  console.error('[videogen-local] internal error:', error);
  return new ApiError(500, 'internal_error', 'Internal server error.');
}

// ---- handlers ----

function render(call: Call, file: StoredFile): unknown {
  return call.deps.service.render(file);
}

function mutate(call: Call, change: (service: FileService, file: StoredFile) => void): unknown {
  const file = call.deps.service.find(call.fileId);
  change(call.deps.service, file);
  return render(call, file);
}

function listFiles(call: Call): unknown {
  const { query, deps } = call;
  const cursor = query.get('cursor');
  const page = deps.service.list({
    limit: integerParam(query.get('limit'), 'limit', 1, 200) ?? 50,
    after: cursor === null ? undefined : openCursor(deps.cursorSigner, cursor),
    selfOnly: booleanParam(query.get('selfOnly'), 'selfOnly'),
    includeExportFiles: booleanParam(query.get('includeExportFiles'), 'includeExportFiles'),
    includeProjectFiles: booleanParam(query.get('includeProjectFiles'), 'includeProjectFiles'),
  });
  const last = page.files.at(-1);
  return {
    files: page.files.map((file) => deps.service.render(file)),
    hasMore: page.hasMore,
    nextCursor: page.hasMore && last ? deps.cursorSigner.seal(CURSOR_PURPOSE, { v: 1, u: last.updatedAt, id: last.fileId }) : null,
  };
}

function openCursor(signer: Signer, cursor: string): ListPosition {
  const payload = signer.open(CURSOR_PURPOSE, cursor) as { v?: unknown; u?: unknown; id?: unknown } | undefined;
  if (!payload || payload.v !== 1 || typeof payload.u !== 'number' || typeof payload.id !== 'string') {
    throw invalidParameters('cursor is invalid: pass the nextCursor of a previous GET /v1/files response unchanged.');
  }
  return { updatedAt: payload.u, fileId: payload.id };
}

function searchFiles(call: Call): unknown {
  const body = objectBody(call.body);
  if (typeof body.query !== 'string' || body.query.trim() === '') throw invalidParameters('query is required and must be a non-empty string.');
  const numResults = body.numResults === undefined ? 10 : integerValue(body.numResults, 'numResults', 1, 100);
  const selfOnly = optionalBoolean(body.selfOnly, 'selfOnly') ?? false;
  const hits = call.deps.service.search(body.query, numResults, selfOnly);
  return { results: hits.map((hit) => ({ similarity: hit.similarity, file: call.deps.service.render(hit.file) })) };
}

function createUpload(call: Call): unknown {
  const body = objectBody(call.body);
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '') {
    throw invalidParameters('displayName is required and must be a non-empty string.');
  }
  if (body.displayName.length > 1000) throw invalidParameters('displayName must be at most 1000 characters.');
  if (body.type !== undefined && body.type !== null && !FILE_TYPES.includes(body.type as KnownFileType)) {
    throw invalidParameters(`type must be one of ${FILE_TYPES.join(', ')}.`);
  }
  const { file, uploadUrl } = call.deps.service.createUpload({
    displayName: body.displayName,
    type: (body.type as KnownFileType | null | undefined) ?? null,
    isTemporary: optionalBoolean(body.isTemporary, 'isTemporary') ?? false,
    hideFromUi: optionalBoolean(body.hideFromUi, 'hideFromUi') ?? false,
    transcript: transcriptValue(body.transcript),
  }, call.nowMs);
  return { fileId: file.fileId, uploadUrl };
}

// ---- validation helpers ----

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'invalid_request', 'Request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function integerParam(raw: string | null, name: string, min: number, max: number): number | undefined {
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalidParameters(`${name} must be an integer between ${min} and ${max}.`);
  return integerValue(Number(raw), name, min, max);
}

function integerValue(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameters(`${name} must be an integer between ${min} and ${max}.`);
  }
  return value;
}

function booleanParam(raw: string | null, name: string): boolean {
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') return true;
  throw invalidParameters(`${name} must be true or false.`);
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParameters(`${name} must be a boolean.`);
  return value;
}

/** A pre-computed transcript on upload: {languageCode?, words: [{startSeconds, endSeconds, word}, ...≥1]}. */
function transcriptValue(value: unknown): WireTranscript | null {
  if (value === undefined || value === null) return null;
  const invalid = (): never => {
    throw invalidParameters('transcript must be {languageCode?, words: [{startSeconds, endSeconds, word}, ...]} with at least one word.');
  };
  if (typeof value !== 'object' || Array.isArray(value)) return invalid();
  const { languageCode, words } = value as { languageCode?: unknown; words?: unknown };
  if (languageCode !== undefined && languageCode !== null && typeof languageCode !== 'string') return invalid();
  if (!Array.isArray(words) || words.length === 0) return invalid();
  const timed = words.map((word: unknown): TranscriptWord => {
    const { startSeconds, endSeconds, word: text } = (word ?? {}) as Record<string, unknown>;
    const valid = typeof startSeconds === 'number' && typeof endSeconds === 'number' && typeof text === 'string' &&
      startSeconds >= 0 && endSeconds > startSeconds;
    return valid ? { startSeconds, endSeconds, word: text } : invalid();
  });
  return { languageCode: (languageCode as string | null | undefined) ?? null, words: timed };
}
