// A local, faithful VideoGen Files API server for tests and demos (see README.md and docs/videogen-api.md).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { handleAdmin } from './adminRoutes';
import { handleApi } from './apiRoutes';
import { handleCdn } from './cdnRoutes';
import { ApiError } from './errors';
import { defaultFaultCode, FaultController, type ActiveFault } from './faults';
import { Exchange, type RequestLogEntry } from './http';
import { loadLibraryFile, parseLibraryEntry } from './library';
import { loadMediaCatalog } from './media';
import type { WireFileInfo } from './model';
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_GROUPS, RateLimiter, type RateLimitGroup } from './rateLimit';
import { FileService } from './service';
import { Signer } from './signer';
import { UploadSpool } from './spool';
import { ServerUrls } from './urls';

export type { RequestLogEntry } from './http';
export type { FaultRule, ActiveFault, FaultController } from './faults';
export type { RateLimitGroup } from './rateLimit';
export type { WireFileInfo, WireFileSource } from './model';
export { DEFAULT_RATE_LIMITS } from './rateLimit';

export const DEFAULT_API_KEY = 'sk_videogen_local_dev';
export const DEFAULT_URL_LIFETIME_SECONDS = 7 * 24 * 3600;
export const DEFAULT_PROCESSING_DELAY_MS = 1500;
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
const MAX_LOGGED_REQUESTS = 50_000;

export interface ServerOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Default DEFAULT_API_KEY. */
  apiKey?: string;
  /** Default test/server/library.json. */
  libraryFile?: string;
  /** Grow (or cut) the library to this many files by cycling its entries; default one file per entry. */
  files?: number;
  /** Lifetime of the signed URLs hydrate makes; default 7 days. */
  urlLifetimeSeconds?: number;
  /** Upload processing time after the PUT; default 1500 ms. */
  processingDelayMs?: number;
  /** How long after enable-public-preview a video's or audio's playback id appears; default 0 (in the answer). */
  publicPlaybackDelayMs?: number;
  /** Requests per hour per API key, by endpoint group (default DEFAULT_RATE_LIMITS). */
  rateLimits?: Partial<Record<RateLimitGroup, number>>;
  /** Called once per answered (or dropped) request, e.g. to print a log line. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface LocalVideoGenServer {
  /** 'http://127.0.0.1:PORT', no trailing slash. */
  readonly baseUrl: string;
  /** The one key the server accepts now (replaceKey() changes it). */
  readonly apiKey: string;
  /**
   * Revokes the accepted key (requests with it get 401 invalid_api_key) and accepts `apiKey` instead, or a new
   * random one; returns it. Like POST /__admin/api-key; reset restores the started key.
   */
  replaceKey(apiKey?: string): string;
  /** Fault injection, the same rules as POST /__admin/faults. */
  readonly faults: FaultController;
  /** Every request except /__admin ones, oldest first (the array is updated in place). */
  readonly requests: RequestLogEntry[];
  /** Number of files currently stored (archived and uploaded ones included). */
  readonly fileCount: number;
  /** Makes every stored signed URL already expired (and every URL handed out so far invalid). */
  expireAllUrls(): void;
  /** Restores the initial library, rate-limit counters, faults and the request log. */
  reset(): void;
  /** Adds a file from a library-style entry (see README.md), like POST /__admin/files; returns its FileInfo. */
  addFile(entry: unknown): WireFileInfo;
  /** Changes run-time settings, like POST /__admin/settings (reset restores the started values); returns them all. */
  configure(changes: Partial<ServerSettings>): ServerSettings;
  /**
   * The server goes down: stops listening and destroys open connections (in-flight requests get a reset, new ones a
   * refused connection) until `comeBack()` listens again on the same port. Files, faults and the log are kept.
   */
  goDown(): Promise<void>;
  /** Listens again on the port of `baseUrl` after `goDown()`. */
  comeBack(): Promise<void>;
  /** Stops listening and destroys open (keep-alive) connections. */
  close(): Promise<void>;
}

/** What can be changed while the server runs (POST /__admin/settings). */
export interface ServerSettings {
  publicPlaybackDelayMs: number;
}

const MAX_PLAYBACK_DELAY_MS = 600_000;

/** Validates a settings change; throws a TypeError naming the bad field. */
export function parseServerSettings(raw: unknown): Partial<ServerSettings> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError('settings must be a JSON object');
  const input = raw as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => key !== 'publicPlaybackDelayMs');
  if (unknown.length > 0) throw new TypeError(`unknown setting(s): ${unknown.join(', ')}`);
  const delay = input.publicPlaybackDelayMs;
  if (delay === undefined) return {};
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > MAX_PLAYBACK_DELAY_MS) {
    throw new TypeError(`"publicPlaybackDelayMs" must be an integer between 0 and ${MAX_PLAYBACK_DELAY_MS}`);
  }
  return { publicPlaybackDelayMs: delay };
}

/** A replacement API key: the given one (non-empty, no spaces) or a new random one. */
export function parseNewApiKey(raw: unknown): string {
  if (raw === undefined) return `sk_videogen_local_${randomBytes(9).toString('base64url')}`;
  if (typeof raw !== 'string' || !/^\S+$/.test(raw)) throw new TypeError('"apiKey" must be a non-empty string without spaces');
  return raw;
}

/** test/server in the source tree, whether this runs from test/server or from out/test/server. */
export function serverSourceDir(): string {
  const candidates = [path.resolve(__dirname, '../../../test/server'), __dirname];
  return candidates.find((dir) => existsSync(path.join(dir, 'media', 'manifest.json'))) ?? candidates[0];
}

export async function startServer(options: ServerOptions = {}): Promise<LocalVideoGenServer> {
  const settings = resolveOptions(options);
  const catalog = loadMediaCatalog(path.join(serverSourceDir(), 'media'));
  const library = loadLibraryFile(settings.libraryFile, catalog);
  const urls = new ServerUrls();
  const service = new FileService({
    catalog,
    library,
    fileCount: settings.files ?? library.length,
    urlLifetimeSeconds: settings.urlLifetimeSeconds,
    processingDelayMs: settings.processingDelayMs,
    publicPlaybackDelayMs: settings.publicPlaybackDelayMs,
  }, urls);
  const faults = new FaultController();
  const limiter = new RateLimiter(settings.rateLimits);
  const requests: RequestLogEntry[] = [];
  let acceptedKey = settings.apiKey;
  const cursorSigner = new Signer();
  const spool = new UploadSpool();

  const expireAllUrls = (): number => service.expireAllUrls(Date.now());
  const reset = (): void => {
    service.reset(Date.now());
    limiter.reset();
    faults.clear();
    requests.length = 0;
    acceptedKey = settings.apiKey;
  };
  const replaceKey = (apiKey?: unknown): string => {
    acceptedKey = parseNewApiKey(apiKey);
    return acceptedKey;
  };
  const configure = (changes: unknown): ServerSettings => {
    const { publicPlaybackDelayMs } = parseServerSettings(changes);
    if (publicPlaybackDelayMs !== undefined) service.publicPlaybackDelayMs = publicPlaybackDelayMs;
    return { publicPlaybackDelayMs: service.publicPlaybackDelayMs };
  };
  const addFile = (entry: unknown): WireFileInfo => service.render(service.addFromEntry(parseLibraryEntry(entry, catalog), Date.now()));

  const recordRequest = (ex: Exchange): void => {
    requests.push(ex.log);
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    ex.res.once('close', () => options.onRequest?.(ex.log));
  };

  const dispatch = async (ex: Exchange): Promise<void> => {
    if (isPreflight(ex)) return sendPreflight(ex);
    if (ex.pathname === '/__admin' || ex.pathname.startsWith('/__admin/')) {
      return handleAdmin(ex, { faults, requests, expireAllUrls, reset, addFile, configure, replaceKey });
    }
    recordRequest(ex);
    const fault = faults.take(ex.method, ex.pathname);
    if (fault && !(await applyFault(ex, fault))) return;
    if (ex.pathname === '/v1' || ex.pathname.startsWith('/v1/')) {
      return handleApi(ex, { service, limiter, apiKey: acceptedKey, cursorSigner });
    }
    if (await handleCdn(ex, { service, urls, spool, maxUploadBytes: MAX_UPLOAD_BYTES })) return;
    ex.sendApiError(new ApiError(404, 'not_found', `No route matches ${ex.method} ${ex.pathname}.`));
  };

  const open = new Set<Exchange>();
  const server = http.createServer((req, res) => {
    const ex = new Exchange(req, res);
    open.add(ex);
    res.once('close', () => open.delete(ex));
    dispatch(ex).catch((error: unknown) => {
      // A client that hangs up mid-body (an aborted upload) is not a server fault.
      if (req.destroyed || res.destroyed) return;
      console.error('[videogen-local] unhandled error:', error);
      ex.sendApiError(new ApiError(500, 'internal_error', 'Internal server error.'));
    });
  });
  await listen(server, settings.host, settings.port);
  const baseUrl = baseUrlOf(server.address() as AddressInfo);
  urls.baseUrl = baseUrl;

  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    get apiKey() {
      return acceptedKey;
    },
    replaceKey,
    faults,
    requests,
    get fileCount() {
      return service.store.size;
    },
    expireAllUrls: () => void expireAllUrls(),
    reset,
    addFile,
    configure: (changes) => configure(changes),
    goDown: () => {
      for (const ex of open) ex.serverDropped = true;
      return stopListening(server);
    },
    comeBack: () => (server.listening ? Promise.resolve() : listen(server, address.address, address.port)),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        service.dispose();
        // A server that went down (goDown) has nothing left to close.
        const wasListening = server.listening;
        server.close((error) => {
          spool.dispose();
          return error && wasListening ? reject(error) : resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Applies a fault rule; false when the request has been answered (or dropped) by it. */
async function applyFault(ex: Exchange, fault: ActiveFault): Promise<boolean> {
  if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  if (fault.afterBodyBytes !== undefined) await ex.dropBody(fault.afterBodyBytes);
  if (fault.reset) {
    ex.abort();
    return false;
  }
  if (fault.status !== undefined || fault.retryAfterSeconds !== undefined) {
    const status = fault.status ?? 429;
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
    ex.sendApiError(new ApiError(status, fault.code ?? defaultFaultCode(status), fault.message ?? `Injected fault (HTTP ${status}).`, headers));
    return false;
  }
  if (fault.body !== undefined) {
    ex.send(200, fault.body, { 'Content-Type': 'application/json; charset=utf-8' });
    return false;
  }
  ex.truncateBody = fault.truncate === true;
  return true;
}

function isPreflight(ex: Exchange): boolean {
  return ex.method === 'OPTIONS' && ex.req.headers['access-control-request-method'] !== undefined;
}

function sendPreflight(ex: Exchange): void {
  ex.send(204, '', {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Range, If-Range, If-None-Match, X-VideoGen-Client',
    'Access-Control-Max-Age': '600',
  });
}

function stopListening(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function baseUrlOf(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '[::1]' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

interface Settings {
  host: string;
  port: number;
  apiKey: string;
  libraryFile: string;
  files: number | undefined;
  urlLifetimeSeconds: number;
  processingDelayMs: number;
  publicPlaybackDelayMs: number;
  rateLimits: Record<RateLimitGroup, number>;
}

function resolveOptions(options: ServerOptions): Settings {
  const integer = (value: number | undefined, name: string, min: number, max: number): void => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new RangeError(`${name} must be an integer between ${min} and ${max}, got ${value}`);
    }
  };
  integer(options.port, 'port', 0, 65_535);
  integer(options.files, 'files', 1, 5_000_000);
  integer(options.urlLifetimeSeconds, 'urlLifetimeSeconds', 1, 10 * 365 * 86_400);
  integer(options.processingDelayMs, 'processingDelayMs', 0, 3_600_000);
  integer(options.publicPlaybackDelayMs, 'publicPlaybackDelayMs', 0, MAX_PLAYBACK_DELAY_MS);
  for (const [group, limit] of Object.entries(options.rateLimits ?? {})) {
    if (!RATE_LIMIT_GROUPS.includes(group as RateLimitGroup)) throw new RangeError(`unknown rate-limit group "${group}" (known: ${RATE_LIMIT_GROUPS.join(', ')})`);
    integer(limit, `rate limit ${group}`, 0, 1_000_000_000);
  }
  if (options.apiKey !== undefined && !/^\S+$/.test(options.apiKey)) throw new RangeError('apiKey must be a non-empty string without spaces');
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    apiKey: options.apiKey ?? DEFAULT_API_KEY,
    libraryFile: options.libraryFile ?? path.join(serverSourceDir(), 'library.json'),
    files: options.files,
    urlLifetimeSeconds: options.urlLifetimeSeconds ?? DEFAULT_URL_LIFETIME_SECONDS,
    processingDelayMs: options.processingDelayMs ?? DEFAULT_PROCESSING_DELAY_MS,
    publicPlaybackDelayMs: options.publicPlaybackDelayMs ?? 0,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...definedOnly(options.rateLimits ?? {}) },
  };
}
