// One request/response exchange, with the headers every response carries and the truncate fault.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApiError } from './errors';
import { newRequestId } from './ids';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 until answered; stays 0 when the connection was reset. */
  status: number;
  /** Milliseconds since the epoch, when the request arrived. */
  at: number;
  /** Set when the client closed the connection before the response was complete (e.g. it cancelled the request). */
  closedByClient?: true;
}

export class BodyTooLargeError extends Error {}

const EXPOSED_HEADERS = [
  'x-request-id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After',
  'Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag', 'Content-Disposition',
].join(', ');

export class Exchange {
  readonly url: URL;
  readonly requestId = newRequestId();
  readonly log: RequestLogEntry;
  /** Set by a truncate fault: the response body is cut in half and the socket destroyed. */
  truncateBody = false;
  /** The server itself dropped the connection (a reset or truncate fault, or goDown). */
  serverDropped = false;

  constructor(readonly req: IncomingMessage, readonly res: ServerResponse) {
    this.url = parseRequestTarget(req.url);
    this.log = {
      method: this.method,
      path: this.url.pathname,
      query: Object.fromEntries(this.url.searchParams),
      status: 0,
      at: Date.now(),
    };
    res.once('close', () => {
      if (!res.writableFinished && !this.serverDropped) this.log.closedByClient = true;
    });
    res.setHeader('x-request-id', this.requestId);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }

  get method(): string {
    return (this.req.method ?? 'GET').toUpperCase();
  }

  get pathname(): string {
    return this.url.pathname;
  }

  /** Sends a complete response; Content-Length is the body's length (a HEAD response sends headers only). */
  send(status: number, body: Buffer | string = '', headers: OutgoingHttpHeaders = {}): void {
    if (this.res.headersSent || this.res.destroyed) return;
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.res.setHeader(name, value);
    if (status !== 204 && status !== 304) this.res.setHeader('Content-Length', bytes.length);
    this.res.statusCode = status;
    this.log.status = status;
    if (this.method === 'HEAD' || status === 204 || status === 304) {
      this.res.end();
    } else if (this.truncateBody && bytes.length > 0) {
      this.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => this.abort());
    } else {
      this.res.end(bytes);
    }
  }

  /** Like `send`, for a body streamed from `open()` (opened only when it is sent) of `length` bytes. */
  sendStream(status: number, open: () => Readable, length: number, headers: OutgoingHttpHeaders = {}): void {
    if (this.res.headersSent || this.res.destroyed) return;
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.res.setHeader(name, value);
    this.res.setHeader('Content-Length', length);
    this.res.statusCode = status;
    this.log.status = status;
    if (this.method === 'HEAD') return void this.res.end();
    const body = open();
    if (this.truncateBody) return this.sendHalf(body, Math.floor(length / 2));
    // A client that hangs up mid-body is not a server error.
    pipeline(body, this.res).catch(() => body.destroy());
  }

  private sendHalf(body: Readable, limit: number): void {
    let sent = 0;
    body.on('data', (chunk: Buffer) => {
      const part = chunk.subarray(0, Math.max(0, limit - sent));
      sent += part.length;
      if (sent < limit) return void this.res.write(part);
      body.destroy();
      this.res.write(part, () => this.abort());
    });
  }

  sendJson(status: number, value: unknown, headers: OutgoingHttpHeaders = {}): void {
    this.send(status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  }

  sendApiError(error: ApiError): void {
    this.sendJson(error.status, error.toBody(), error.headers);
  }

  /** A storage/CDN style error: small XML body. */
  sendXmlError(status: number, code: string, message: string, headers: OutgoingHttpHeaders = {}): void {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
      `<RequestId>${this.requestId}</RequestId></Error>\n`;
    this.send(status, xml, { 'Content-Type': 'application/xml', ...headers });
  }

  /** Drops the connection without (finishing) an answer. */
  abort(): void {
    this.serverDropped = true;
    this.req.socket.destroy();
  }

  /**
   * Resolves once `byteCount` bytes of the request body arrived (or it ended). The body is dropped, also after that,
   * so that a client still sending reads the answer instead of a reset.
   */
  dropBody(byteCount: number): Promise<void> {
    return new Promise((resolve) => {
      let received = 0;
      const done = (): void => {
        this.req.off('data', onData).off('end', done).off('close', done);
        this.req.resume();
        resolve();
      };
      const onData = (chunk: Buffer): void => {
        received += chunk.length;
        if (received >= byteCount) done();
      };
      if (byteCount === 0) return resolve();
      this.req.on('data', onData).on('end', done).on('close', done);
    });
  }

  readBody(limitBytes: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size <= limitBytes) return void chunks.push(chunk);
        this.req.off('data', onData);
        this.req.resume(); // discard the rest
        reject(new BodyTooLargeError(`body larger than ${limitBytes} bytes`));
      };
      this.req.on('data', onData);
      this.req.on('end', () => resolve(Buffer.concat(chunks)));
      this.req.on('error', reject);
    });
  }
}

/** The request target as a URL; an unparsable target becomes "/" (then answered 404) rather than crashing. */
function parseRequestTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://local.invalid');
  } catch {
    return new URL('/', 'http://local.invalid');
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
