// Test-control endpoints under /__admin (no auth; only answered to loopback clients). See README.md.
import { ApiError, invalidParameters } from './errors';
import { parseFaultRule, type FaultController } from './faults';
import type { Exchange, RequestLogEntry } from './http';
import { LibraryError } from './library';

export interface AdminDeps {
  faults: FaultController;
  requests: RequestLogEntry[];
  expireAllUrls(): number;
  reset(): void;
  /** Adds a file from a library entry; returns its FileInfo. */
  addFile(entry: unknown): unknown;
  /** Changes run-time settings (validated); returns them all. */
  configure(changes: unknown): unknown;
  /** Revokes the accepted API key and accepts the given one (or a random one); returns it. */
  replaceKey(apiKey?: unknown): string;
}

type AdminHandler = (deps: AdminDeps, body: unknown) => unknown;

const ROUTES: Readonly<Record<string, Partial<Record<'GET' | 'POST' | 'DELETE', AdminHandler>>>> = {
  '/__admin/faults': {
    GET: (deps) => ({ faults: deps.faults.list() }),
    POST: (deps, body) => {
      const fault = deps.faults.add(parseFaultRule(body));
      return { fault, faults: deps.faults.list() };
    },
    DELETE: (deps) => {
      deps.faults.clear();
      return { faults: [] };
    },
  },
  '/__admin/expire-urls': { POST: (deps) => ({ expired: deps.expireAllUrls() }) },
  '/__admin/files': { POST: (deps, body) => deps.addFile(body) },
  '/__admin/api-key': { POST: (deps, body) => ({ apiKey: deps.replaceKey(apiKeyField(body)) }) },
  '/__admin/settings': { POST: (deps, body) => ({ settings: deps.configure(body ?? {}) }) },
  '/__admin/reset': {
    POST: (deps) => {
      deps.reset();
      return { reset: true };
    },
  },
  '/__admin/requests': {
    GET: (deps) => ({ requests: deps.requests }),
    DELETE: (deps) => {
      deps.requests.length = 0;
      return { requests: [] };
    },
  },
};

export async function handleAdmin(ex: Exchange, deps: AdminDeps): Promise<void> {
  try {
    if (!isLoopback(ex.req.socket.remoteAddress)) throw new ApiError(404, 'not_found', 'Not found.');
    const methods = ROUTES[ex.pathname];
    if (!methods) throw new ApiError(404, 'not_found', `No admin route ${ex.pathname}.`);
    const handler = methods[ex.method as 'GET' | 'POST' | 'DELETE'];
    if (!handler) {
      const allow = Object.keys(methods).join(', ');
      throw new ApiError(405, 'method_not_allowed', `${ex.method} is not allowed on ${ex.pathname}.`, { Allow: allow });
    }
    const body = ex.method === 'POST' ? parseBody(await ex.readBody(1024 * 1024)) : undefined;
    ex.sendJson(200, handler(deps, body));
  } catch (error) {
    ex.sendApiError(adminError(error));
  }
}

function apiKeyField(body: unknown): unknown {
  if (body === undefined) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new TypeError('the body must be a JSON object such as {"apiKey": "sk_…"}');
  const unknown = Object.keys(body).filter((key) => key !== 'apiKey');
  if (unknown.length > 0) throw new TypeError(`unknown field(s): ${unknown.join(', ')}`);
  return (body as { apiKey?: unknown }).apiKey;
}

function parseBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_request', 'Request body is not valid JSON.');
  }
}

function adminError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TypeError || error instanceof LibraryError) return invalidParameters(error.message);
  console.error('[videogen-local] admin error:', error);
  return new ApiError(500, 'internal_error', String(error));
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || address?.startsWith('127.') === true || address?.startsWith('::ffff:127.') === true;
}
