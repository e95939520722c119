// Fault injection: rules matched against "METHOD /path" that delay, fail, reset or truncate responses.
export interface FaultRule {
  /** "GET /v1/files", "POST /v1/files/*\/hydrate", "GET /media/*", "/v1/*" (any method) or "*" (everything). `*` matches any characters. */
  route: string;
  /** Answer with this status and an ApiError body instead of the real response. */
  status?: number;
  /** ApiError code; defaults from the status (500 internal_error, 429 rate_limited, 503 service_unavailable...). */
  code?: string;
  message?: string;
  /** Adds a Retry-After header (seconds). */
  retryAfterSeconds?: number;
  /** Wait this long first (then fail, or answer normally if nothing else is set). */
  latencyMs?: number;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Send the real headers (full Content-Length), then half the body, then destroy the socket. */
  truncate?: boolean;
  /** Answer 200 with this text as the JSON body instead of the real one (complete, but not the documented shape). */
  body?: string;
  /** How many matching requests this rule affects; unlimited when absent. */
  times?: number;
  /**
   * Let this many bytes of the request body arrive first (they are dropped), then fail with `status` or `reset`:
   * a failure in the middle of an upload's PUT.
   */
  afterBodyBytes?: number;
}

export interface ActiveFault extends FaultRule {
  id: number;
  /** Matching requests this rule has affected so far. */
  hits: number;
}

const DEFAULT_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request', 401: 'invalid_api_key', 403: 'not_authorized', 404: 'not_found', 409: 'conflict',
  429: 'rate_limited', 500: 'internal_error', 502: 'bad_gateway', 503: 'service_unavailable', 504: 'gateway_timeout',
};

export function defaultFaultCode(status: number): string {
  return DEFAULT_CODES[status] ?? 'injected_fault';
}

export class FaultController {
  private rules: Array<ActiveFault & { matcher: RegExp; method: string }> = [];
  private nextId = 1;

  add(rule: FaultRule): ActiveFault {
    const checked = parseFaultRule(rule);
    const [method, pattern] = splitRoute(checked.route);
    const active = { ...checked, id: this.nextId++, hits: 0 };
    this.rules.push({ ...active, method, matcher: globToRegExp(pattern) });
    return active;
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map(({ matcher: _matcher, method: _method, ...rule }) => ({ ...rule }));
  }

  /** The first rule matching the request, counting one use of it (rules used up are removed). */
  take(method: string, pathname: string): ActiveFault | undefined {
    const at = this.rules.findIndex((rule) => (rule.method === '*' || rule.method === method) && rule.matcher.test(pathname));
    if (at < 0) return undefined;
    const rule = this.rules[at];
    rule.hits++;
    if (rule.times !== undefined && rule.hits >= rule.times) this.rules.splice(at, 1);
    const { matcher: _matcher, method: _method, ...fault } = rule;
    return fault;
  }
}

function splitRoute(route: string): [method: string, pattern: string] {
  const trimmed = route.trim();
  if (trimmed === '*') return ['*', '*'];
  const match = /^(?:([A-Za-z]+|\*)\s+)?(\/\S*)$/.exec(trimmed);
  if (!match) throw new TypeError(`fault route must look like "GET /v1/files", "/media/*" or "*", not ${JSON.stringify(route)}`);
  return [(match[1] ?? '*').toUpperCase(), match[2]];
}

function globToRegExp(glob: string): RegExp {
  const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`);
}

/** Validates a rule (from the admin endpoint or a test); throws a TypeError naming the bad field. */
export function parseFaultRule(raw: unknown): FaultRule {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError('a fault rule must be a JSON object');
  const input = raw as Record<string, unknown>;
  const known = ['route', 'status', 'code', 'message', 'retryAfterSeconds', 'latencyMs', 'reset', 'truncate', 'body', 'times', 'afterBodyBytes'];
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new TypeError(`unknown fault field(s): ${unknown.join(', ')}`);
  if (typeof input.route !== 'string') throw new TypeError('fault "route" must be a string');
  splitRoute(input.route);
  const rule: FaultRule = { route: input.route };
  const integer = (key: keyof FaultRule, min: number, max: number): number | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new TypeError(`fault "${key}" must be an integer between ${min} and ${max}`);
    }
    return value;
  };
  const flag = (key: 'reset' | 'truncate'): boolean | undefined => {
    const value = input[key];
    if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`fault "${key}" must be a boolean`);
    return value;
  };
  const text = (key: 'code' | 'message' | 'body'): string | undefined => {
    const value = input[key];
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`fault "${key}" must be a string`);
    return value;
  };
  assign(rule, 'status', integer('status', 100, 599));
  assign(rule, 'code', text('code'));
  assign(rule, 'message', text('message'));
  assign(rule, 'retryAfterSeconds', integer('retryAfterSeconds', 0, 86_400));
  assign(rule, 'latencyMs', integer('latencyMs', 0, 600_000));
  assign(rule, 'reset', flag('reset'));
  assign(rule, 'truncate', flag('truncate'));
  assign(rule, 'body', text('body'));
  assign(rule, 'times', integer('times', 1, 1_000_000));
  assign(rule, 'afterBodyBytes', integer('afterBodyBytes', 0, Number.MAX_SAFE_INTEGER));
  if (rule.afterBodyBytes !== undefined && rule.status === undefined && !rule.reset && rule.retryAfterSeconds === undefined) {
    throw new TypeError('fault "afterBodyBytes" needs status, retryAfterSeconds or reset (what happens once the bytes arrived)');
  }
  if (rule.status === undefined && !rule.reset && !rule.truncate && rule.body === undefined && rule.latencyMs === undefined && rule.retryAfterSeconds === undefined) {
    throw new TypeError('a fault rule needs at least one of status, latencyMs, reset, truncate, body, retryAfterSeconds');
  }
  return rule;
}

function assign<K extends keyof FaultRule>(rule: FaultRule, key: K, value: FaultRule[K] | undefined): void {
  if (value !== undefined) rule[key] = value;
}
