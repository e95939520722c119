import { strict as assert } from 'node:assert';
import { startServer, type LocalVideoGenServer, type WireFileInfo } from '../../server/server';
import { api, findByName, type FilePage } from './helpers';

describe('local VideoGen server: fault injection and admin endpoints', () => {
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer();
  });
  afterEach(() => server.faults.clear());
  after(async () => {
    await server.close();
  });

  it('status faults answer with an ApiError, honour times, then the route works again', async () => {
    server.faults.add({ route: 'GET /v1/files', status: 500, times: 1 });
    const failed = await api<{ code: string; message: string }>(server, 'GET', '/v1/files');
    assert.equal(failed.status, 500);
    assert.equal(failed.body.code, 'internal_error');
    assert.ok(failed.headers.get('x-request-id'));
    assert.equal((await api(server, 'GET', '/v1/files')).status, 200);
    assert.deepEqual(server.faults.list(), []);
  });

  it('matches routes with wildcards and sends Retry-After', async () => {
    server.faults.add({ route: 'POST /v1/files/*/hydrate', status: 429, retryAfterSeconds: 7 });
    const file = await findByName(server, 'Mountain at sunrise');
    const limited = await api<{ code: string }>(server, 'POST', `/v1/files/${file.fileId}/hydrate`);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await api(server, 'GET', `/v1/files/${file.fileId}`)).status, 200, 'other routes unaffected');
  });

  it('delays responses by latencyMs', async () => {
    server.faults.add({ route: 'GET /v1/files/*', latencyMs: 300 });
    const file = await findByName(server, 'Mountain at sunrise');
    const started = Date.now();
    const response = await api(server, 'GET', `/v1/files/${file.fileId}`);
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`);
  });

  it('reset destroys the socket without an answer', async () => {
    server.faults.add({ route: '*', reset: true, times: 1 });
    await assert.rejects(fetch(`${server.baseUrl}/v1/files`, { headers: { Authorization: `Bearer ${server.apiKey}` } }));
    assert.equal(server.requests.at(-1)?.status, 0);
  });

  it('truncate sends the full Content-Length, half the body, then drops the connection', async () => {
    const file = await api<WireFileInfo>(server, 'POST', `/v1/files/${(await findByName(server, 'Spring Launch Teaser')).fileId}/hydrate`);
    server.faults.add({ route: 'GET /media/*', truncate: true, times: 1 });
    const response = await fetch(file.body.downloadSource.url ?? '');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(file.body.downloadSource.fileBytes));
    await assert.rejects(response.arrayBuffer());
    const intact = await fetch(file.body.downloadSource.url ?? '');
    assert.equal((await intact.arrayBuffer()).byteLength, file.body.downloadSource.fileBytes);
  });

  it('body answers 200 with the given JSON text instead of the real body', async () => {
    server.faults.add({ route: 'GET /v1/files', body: '{"files": 3}', times: 1 });
    const response = await fetch(`${server.baseUrl}/v1/files`, { headers: { Authorization: `Bearer ${server.apiKey}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(await response.text(), '{"files": 3}');
    assert.equal((await api<FilePage>(server, 'GET', '/v1/files')).body.files.length > 0, true, 'the next request is real');
  });

  it('goDown refuses connections until comeBack listens on the same port', async () => {
    await server.goDown();
    await assert.rejects(fetch(`${server.baseUrl}/v1/files`), (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED');
    await server.comeBack();
    assert.equal((await api(server, 'GET', '/v1/files')).status, 200);
  });

  it('marks a request the client gave up on (closedByClient), not one a fault reset', async () => {
    server.requests.length = 0;
    server.faults.add({ route: 'GET /v1/files', latencyMs: 5_000, times: 1 });
    const controller = new AbortController();
    const stalled = fetch(`${server.baseUrl}/v1/files`, { headers: { Authorization: `Bearer ${server.apiKey}` }, signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await assert.rejects(stalled);
    while (server.requests[0].closedByClient !== true) await new Promise((resolve) => setTimeout(resolve, 10));
    server.faults.add({ route: 'GET /v1/files', reset: true, times: 1 });
    await assert.rejects(fetch(`${server.baseUrl}/v1/files`));
    assert.equal(server.requests[1].closedByClient, undefined);
  });

  it('rejects invalid rules', () => {
    assert.throws(() => server.faults.add({ route: 'GET /v1/files' }), /at least one/);
    assert.throws(() => server.faults.add({ route: 'files', status: 500 }), /route/);
  });

  it('switches faults over HTTP: POST, GET and DELETE /__admin/faults', async () => {
    const added = await fetch(`${server.baseUrl}/__admin/faults`, { method: 'POST', body: JSON.stringify({ route: 'GET /v1/files', status: 503 }) });
    assert.equal(added.status, 200);
    assert.equal((await api(server, 'GET', '/v1/files')).status, 503);
    const listed = (await (await fetch(`${server.baseUrl}/__admin/faults`)).json()) as { faults: unknown[] };
    assert.equal(listed.faults.length, 1);
    assert.equal((await fetch(`${server.baseUrl}/__admin/faults`, { method: 'DELETE' })).status, 200);
    assert.equal((await api(server, 'GET', '/v1/files')).status, 200);
    const invalid = await fetch(`${server.baseUrl}/__admin/faults`, { method: 'POST', body: JSON.stringify({ route: 'GET /v1/files', status: 'x' }) });
    assert.equal(invalid.status, 400);
  });

  it('adds a file with a hostile name via POST /__admin/files, stored and returned verbatim', async () => {
    const displayName = `<img src=x onerror=alert(1)>"'&`;
    const response = await fetch(`${server.baseUrl}/__admin/files`, {
      method: 'POST',
      body: JSON.stringify({ displayName, type: 'IMAGE', scope: 'GLOBAL', description: 'hostile', transcript: null, media: 'ai-robot', sourceToolType: null }),
    });
    assert.equal(response.status, 200);
    const file = (await response.json()) as WireFileInfo;
    assert.equal(file.displayName, displayName);
    const page = await api<FilePage>(server, 'GET', '/v1/files?limit=1');
    assert.equal(page.body.files[0].displayName, displayName);
    const download = await fetch(file.downloadSource.url ?? '');
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%22%27%26\.webp$/);
    const bad = await fetch(`${server.baseUrl}/__admin/files`, { method: 'POST', body: JSON.stringify({ displayName: 'x', media: 'nope' }) });
    assert.equal(bad.status, 400);
  });

  it('POST /__admin/expire-urls expires stored URLs; GET /__admin/requests lists non-admin requests', async () => {
    const expired = (await (await fetch(`${server.baseUrl}/__admin/expire-urls`, { method: 'POST' })).json()) as { expired: number };
    assert.ok(expired.expired > 0);
    const teaser = await findByName(server, 'Spring Launch Teaser');
    assert.ok((teaser.downloadSource.expiresAt ?? Infinity) < Date.now() / 1000);
    const { requests } = (await (await fetch(`${server.baseUrl}/__admin/requests`)).json()) as { requests: Array<{ method: string; path: string; status: number; query: Record<string, string> }> };
    assert.ok(requests.length > 0);
    assert.ok(requests.every((entry) => !entry.path.startsWith('/__admin')));
    const last = requests.at(-1);
    assert.equal(last?.path, '/v1/files');
    assert.equal(last?.status, 200);
    assert.equal(last?.query.limit, '200');
  });

  it('POST /__admin/reset restores the initial library with the same ids', async () => {
    const before = await findByName(server, 'Mountain at sunrise');
    await api(server, 'POST', `/v1/files/${before.fileId}/archive`);
    const count = server.fileCount;
    assert.equal((await fetch(`${server.baseUrl}/__admin/reset`, { method: 'POST' })).status, 200);
    assert.ok(server.fileCount < count, 'added files are gone');
    const after = await findByName(server, 'Mountain at sunrise');
    assert.equal(after.fileId, before.fileId);
    assert.equal(server.requests.length, 1, 'the request log was cleared (only the listing since)');
  });

  it('answers unknown admin routes with 404 and wrong methods with 405', async () => {
    assert.equal((await fetch(`${server.baseUrl}/__admin/nope`)).status, 404);
    const wrong = await fetch(`${server.baseUrl}/__admin/reset`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
  });
});
