// The client against a tiny scripted HTTP stub: exact headers, bodies, queries and edge responses.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { VideoGenClient, buildUserAgent, type RequestLogEntry, type VideoGenClientOptions } from '../../../src/api';
import { E3_GET_RESPONSE, E6_ARCHIVE_RESPONSE } from './fixtures';
import { expectApiError } from './helpers';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: SeenRequest, response: ServerResponse) => void;

const API_KEY = 'sk_videogen_live_stub_secret_123';

describe('api/VideoGenClient against a stub server', () => {
  let server: Server;
  let baseUrl: string;
  let seen: SeenRequest[];
  let handler: Handler;
  const clients: VideoGenClient[] = [];

  function makeClient(options: Partial<VideoGenClientOptions> = {}): VideoGenClient {
    const client = new VideoGenClient({ apiKey: API_KEY, baseUrl, retry: { baseDelayMs: 5, maxDelayMs: 2000 }, ...options });
    clients.push(client);
    return client;
  }

  function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': 'req_stub', ...headers });
    response.end(text);
  }

  before(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        seen.push(entry);
        handler(entry, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    seen = [];
    handler = (_request, response) => json(response, 200, E3_GET_RESPONSE);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the documented headers on a GET', async () => {
    await makeClient({ clientId: 'vscode-test', userAgent: 'videogen-vscode/9.9.9 node/x' }).getFile('vg_file_a');
    const [request] = seen;
    assert.equal(request.method, 'GET');
    assert.equal(request.url, '/v1/files/vg_file_a');
    assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(request.headers.accept, 'application/json');
    assert.equal(request.headers['x-videogen-client'], 'vscode-test');
    assert.equal(request.headers['user-agent'], 'videogen-vscode/9.9.9 node/x');
    assert.equal(request.headers['content-type'], undefined);
  });

  it('defaults: clientId "vscode", a videogen-vscode/<version> node/<version> user agent', async () => {
    await makeClient().getFile('vg_file_a');
    assert.equal(seen[0].headers['x-videogen-client'], 'vscode');
    assert.match(String(seen[0].headers['user-agent']), /^videogen-vscode\/\S+ node\/\d+\.\d+\.\d+$/);
    assert.equal(buildUserAgent('1.2.3'), `videogen-vscode/1.2.3 node/${process.versions.node}`);
  });

  it('bodiless POSTs carry no body and no Content-Type; JSON POSTs do', async () => {
    handler = (request, response) =>
      request.url === '/v1/files/search' ? json(response, 200, { results: [] }) : json(response, 200, E6_ARCHIVE_RESPONSE);
    const client = makeClient();
    await client.archiveFile('vg_file_a');
    await client.searchFiles({ query: 'sunset', numResults: 500, selfOnly: true });
    assert.equal(seen[0].url, '/v1/files/vg_file_a/archive');
    assert.equal(seen[0].body, '');
    assert.equal(seen[0].headers['content-type'], undefined);
    assert.equal(seen[1].headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(seen[1].body), { query: 'sunset', numResults: 100, selfOnly: true });
  });

  it('clamps limit to 1–200 and numResults to 1–100, and encodes list flags', async () => {
    handler = (request, response) =>
      request.url === '/v1/files/search' ? json(response, 200, { results: [] }) : json(response, 200, { files: [], hasMore: false, nextCursor: null });
    const client = makeClient();
    await client.listFiles({ limit: 10_000 });
    await client.listFiles({ limit: 0 });
    await client.listFiles({ limit: -5.5 });
    await client.listFiles({ limit: 37.9, cursor: 'c/1+2', includeExportFiles: true, includeProjectFiles: true, selfOnly: true });
    await client.listFiles({ limit: Number.NaN });
    await client.searchFiles({ query: 'x', numResults: 0 });
    assert.deepEqual(
      seen.map((request) => request.url),
      [
        '/v1/files?limit=200',
        '/v1/files?limit=1',
        '/v1/files?limit=1',
        '/v1/files?limit=37&cursor=c%2F1%2B2&includeExportFiles=true&includeProjectFiles=true&selfOnly=true',
        '/v1/files',
        '/v1/files/search',
      ],
    );
    assert.equal(JSON.parse(seen[5].body).numResults, 1);
  });

  it('escapes file ids in paths and rejects an empty one', async () => {
    const client = makeClient();
    await client.getFile('vg_file_a/../b?x');
    assert.equal(seen[0].url, '/v1/files/vg_file_a%2F..%2Fb%3Fx');
    await assert.rejects(client.getFile(''), TypeError);
  });

  it('an empty API key sends no Authorization header', async () => {
    handler = (_request, response) => json(response, 401, { message: 'Missing API key', code: 'missing_api_key' });
    const error = await expectApiError(() => makeClient({ apiKey: '' }).getFile('vg_file_a'), 'http');
    assert.equal(seen[0].headers.authorization, undefined);
    assert.equal(error.code, 'missing_api_key');
  });

  it('X-RateLimit-Reset is the wait on a 429 without Retry-After', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls++;
      if (calls === 1) {
        json(response, 429, { message: 'Slow down', code: 'rate_limited' }, { 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) });
      } else {
        json(response, 200, E3_GET_RESPONSE);
      }
    };
    const started = Date.now();
    await makeClient().getFile('vg_file_a');
    assert.equal(calls, 2);
    assert.ok(Date.now() - started >= 900, `waited ${Date.now() - started} ms`);
  });

  it('a 502 HTML page is an http error (retried); a 200 HTML page is malformed (not retried)', async () => {
    handler = (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body>Bad gateway</body></html>');
    };
    const gateway = await expectApiError(() => makeClient({ retry: { maxAttempts: 2, baseDelayMs: 1 } }).getFile('vg_file_a'), 'http');
    assert.equal(gateway.status, 502);
    assert.equal(gateway.message, 'Request failed with status 502');
    assert.equal(gateway.body, '<html><body>Bad gateway</body></html>');
    assert.equal(seen.length, 2);

    seen = [];
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'x-request-id': 'req_html' });
      response.end('<!doctype html><title>Captive portal</title>');
    };
    const portal = await expectApiError(() => makeClient().listFiles(), 'malformed_response');
    assert.match(portal.message, /^Malformed response from GET \/v1\/files: body is not JSON \(looks like an HTML page/);
    assert.equal(portal.requestId, 'req_html');
    assert.equal(seen.length, 1);
  });

  it('a repeated cursor stops iteration with a clear error instead of looping', async () => {
    handler = (_request, response) => json(response, 200, { files: [E3_GET_RESPONSE], hasMore: true, nextCursor: 'same' });
    const files: string[] = [];
    const error = await expectApiError(async () => {
      for await (const file of makeClient().iterateFiles({}, undefined)) files.push(file.fileId);
    }, 'malformed_response');
    assert.match(error.message, /nextCursor repeats/);
    assert.equal(seen.length, 2);
  });

  it('connection refused is a network error naming the origin, retried for GET', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const entries: RequestLogEntry[] = [];
    const client = makeClient({ baseUrl: `http://127.0.0.1:${port}`, logger: (entry) => entries.push(entry), retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const error = await expectApiError(() => client.getFile('vg_file_a'), 'network');
    assert.equal(error.message, `Could not reach http://127.0.0.1:${port}: connection refused`);
    assert.deepEqual(entries.map((entry) => [entry.attempt, entry.status]), [[1, null], [2, null], [3, null]]);
  });

  it('uses an injected dispatcher and leaves it open on close()', async () => {
    const agent = new Agent();
    try {
      const client = makeClient({ dispatcher: agent });
      await client.getFile('vg_file_a');
      await client.close();
      assert.equal(agent.closed, false);
      await expectApiError(() => client.getFile('vg_file_a'), 'aborted');
    } finally {
      await agent.close();
    }
  });

  it('keeps the key out of util.inspect and JSON of the client', async () => {
    const { inspect } = await import('node:util');
    const client = makeClient();
    assert.ok(!inspect(client, { depth: 5, showHidden: true }).includes(API_KEY));
    assert.ok(!JSON.stringify(client).includes(API_KEY));
  });

  it('refuses an upload URL with plain http to a non-loopback host, without sending anything there', async () => {
    handler = (_request, response) => json(response, 200, { fileId: 'vg_file_up', uploadUrl: 'http://storage.example.com/upload?sig=abc' });
    const error = await expectApiError(
      () => makeClient().uploadFile({ data: Buffer.from('hello'), displayName: 'x.txt' }),
      'insecure_url',
    );
    assert.match(error.message, /Upload URL refused/);
    assert.ok(!error.message.includes('sig=abc'));
  });
});
