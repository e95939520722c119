// The client end to end against the local VideoGen-compatible server (test/server).
import { strict as assert } from 'node:assert';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Agent, request, type Dispatcher } from 'undici';
import {
  HydratedFileCache,
  UploadProcessingError,
  VideoGenClient,
  type FileInfo,
  type RequestLogEntry,
  type UploadProgress,
  type VideoGenClientOptions,
} from '../../../src/api';
import { serverSourceDir, startServer, type LocalVideoGenServer } from '../../server/server';
import { expectApiError } from './helpers';

/** Small caps so retry tests stay fast. */
const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 3000, maxTotalDelayMs: 5000 };

interface SentRequest {
  method: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
}

/** An Agent that records what the client hands to undici (headers included), for assertions on the wire. */
function recordingDispatcher(agent: Agent, sent: SentRequest[]): Dispatcher {
  return agent.compose((dispatch) => (options, handler) => {
    const headers: Record<string, string> = {};
    const raw = options.headers;
    if (raw && !Array.isArray(raw) && typeof raw === 'object' && !(Symbol.iterator in raw)) {
      for (const [name, value] of Object.entries(raw as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
    }
    sent.push({ method: options.method, origin: String(options.origin), path: options.path, headers });
    return dispatch(options, handler);
  });
}

describe('api/VideoGenClient against the local VideoGen server', function () {
  this.timeout(60_000);
  let server: LocalVideoGenServer;
  const clients: VideoGenClient[] = [];

  function makeClient(options: Partial<VideoGenClientOptions> = {}): VideoGenClient {
    const client = new VideoGenClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, retry: FAST_RETRY, ...options });
    clients.push(client);
    return client;
  }

  function requestsTo(method: string, suffix: string): number {
    return server.requests.filter((entry) => entry.method === method && entry.path.endsWith(suffix)).length;
  }

  async function fileNamed(displayName: string): Promise<FileInfo> {
    for await (const file of makeClient().iterateFiles({ includeExportFiles: true, includeProjectFiles: true })) {
      if (file.displayName === displayName) return file;
    }
    throw new Error(`no file named ${displayName}`);
  }

  before(async () => {
    server = await startServer({ port: 0, processingDelayMs: 300 });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    server.reset();
  });

  after(async () => {
    await server.close();
  });

  describe('endpoints', () => {
    it('GET /v1/files: a page, its cursor, and the scope flags', async () => {
      const client = makeClient();
      const first = await client.listFiles({ limit: 5 });
      assert.equal(first.files.length, 5);
      assert.equal(first.hasMore, true);
      assert.ok(first.nextCursor);
      const second = await client.listFiles({ limit: 5, cursor: first.nextCursor });
      assert.equal(second.files.some((file) => first.files.some((seen) => seen.fileId === file.fileId)), false);

      const standalone = await collect(client.iterateFiles());
      const everything = await collect(client.iterateFiles({ includeExportFiles: true, includeProjectFiles: true }));
      assert.ok(standalone.every((file) => file.scope !== 'PROJECT' && file.scope !== 'EXPORT'));
      assert.ok(everything.some((file) => file.scope === 'PROJECT'));
      assert.ok(everything.some((file) => file.scope === 'EXPORT'));
      assert.ok(!everything.some((file) => file.displayName === 'Old logo (2024)'), 'archived files are not listed');
      const mine = await collect(client.iterateFiles({ selfOnly: true }));
      assert.ok(mine.length < standalone.length, 'selfOnly drops the teammate files');
    });

    it('GET /v1/files/{id} and POST hydrate: hydrate signs fresh URLs that work', async () => {
      const client = makeClient();
      const unsigned = await fileNamed('Mountain at sunrise');
      const got = await client.getFile(unsigned.fileId);
      assert.equal(got.fileId, unsigned.fileId);
      const hydrated = await client.hydrateFile(unsigned.fileId);
      const download = hydrated.downloadSource;
      assert.equal(download?.status, 'ready');
      assert.ok(download?.url);
      assert.ok((download?.expiresAt ?? 0) > Date.now() / 1000 + 6 * 86_400, 'signed for about 7 days');
      const media = await request(download.url);
      assert.equal(media.statusCode, 200);
      await media.body.arrayBuffer();
    });

    it('POST /v1/files/search: ranked results, numResults clamped', async () => {
      const results = await makeClient().searchFiles({ query: 'snowy mountain peaks at sunrise', numResults: 1000 });
      assert.ok(results.length > 0);
      assert.ok(results.length <= 100);
      for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].similarity >= results[i].similarity);
      assert.ok(results.every((result) => result.similarity >= 0 && result.similarity <= 1));
      assert.equal(results[0].file.displayName.includes('ountain'), true);
    });

    it('POST archive: the file leaves the list, GET still answers', async () => {
      const client = makeClient();
      const target = await fileNamed('Brand logo');
      const archived = await client.archiveFile(target.fileId);
      assert.equal(archived.fileId, target.fileId);
      const listed = await collect(client.iterateFiles());
      assert.ok(!listed.some((file) => file.fileId === target.fileId));
      assert.equal((await client.getFile(target.fileId)).fileId, target.fileId);
      await client.archiveFile(target.fileId); // idempotent
    });

    it('POST enable/disable-public-preview', async () => {
      const client = makeClient();
      const video = await fileNamed('Product Demo — Sneaker Spin');
      const enabled = await client.enablePublicPreview(video.fileId);
      assert.equal(enabled.isPublicPreviewEnabled, true);
      assert.equal(enabled.staticPublicPreviewSource?.status, 'ready');
      assert.ok(enabled.staticPublicPreviewSource?.url);
      assert.equal(enabled.staticPublicPreviewSource?.expiresAt, null);
      const disabled = await client.disablePublicPreview(video.fileId);
      assert.equal(disabled.isPublicPreviewEnabled, false);
      assert.equal(disabled.staticPublicPreviewSource, null);
      assert.equal(disabled.publicHlsUrl, null);
      assert.equal(disabled.publicPlaybackId, null);
    });

    it('POST /v1/files/upload alone returns a ticket', async () => {
      const ticket = await makeClient().createFileUpload({ displayName: 'ticket.png', type: 'IMAGE' });
      assert.match(ticket.fileId, /^vg_file_/);
      assert.ok(ticket.uploadUrl.startsWith(server.baseUrl));
    });
  });

  describe('error statuses', () => {
    it('401 invalid_api_key and missing_api_key', async () => {
      const invalid = await expectApiError(() => makeClient({ apiKey: 'sk_wrong' }).listFiles(), 'http');
      assert.equal(invalid.status, 401);
      assert.equal(invalid.code, 'invalid_api_key');
      assert.equal(invalid.message, 'API key is invalid or has been revoked.');
      assert.match(invalid.requestId ?? '', /^req_/);
      const missing = await expectApiError(() => makeClient({ apiKey: '' }).listFiles(), 'http');
      assert.equal(missing.status, 401);
      assert.equal(missing.code, 'missing_api_key');
      assert.equal(requestsTo('GET', '/v1/files'), 2, '401 is not retried');
    });

    it('400 invalid_id and 404 not_found', async () => {
      const client = makeClient();
      const invalid = await expectApiError(() => client.getFile('not-a-file-id'), 'http');
      assert.equal(invalid.status, 400);
      assert.equal(invalid.code, 'invalid_id');
      const unknownId = 'vg_file_' + '7'.repeat(22);
      const missing = await expectApiError(() => client.hydrateFile(unknownId), 'http');
      assert.equal(missing.status, 404);
      assert.equal(missing.code, 'not_found');
      assert.equal(requestsTo('POST', '/hydrate'), 1, '404 is not retried');
    });

    it('400 for a garbage cursor', async () => {
      const error = await expectApiError(() => makeClient().listFiles({ cursor: 'garbage' }), 'http');
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_parameters');
    });

    it('429 from the hourly limit: surfaced at once with retryAfterMs (too long to wait)', async () => {
      await withServer({ rateLimits: { hydrate: 1, archive: 1 } }, async (limitedServer, client) => {
        const [first, second] = (await client.listFiles({ limit: 2 })).files;
        await client.hydrateFile(first.fileId);
        const limited = await expectApiError(() => client.hydrateFile(first.fileId), 'http');
        assert.equal(limited.status, 429);
        assert.equal(limited.code, 'rate_limited');
        assert.ok((limited.retryAfterMs ?? 0) > FAST_RETRY.maxDelayMs);
        assert.equal(limitedServer.requests.filter((entry) => entry.path.endsWith('/hydrate')).length, 2);
        await client.archiveFile(first.fileId);
        const archiveLimited = await expectApiError(() => client.archiveFile(second.fileId), 'http');
        assert.equal(archiveLimited.status, 429);
        assert.ok(archiveLimited.retryAfterMs !== null);
      });
    });
  });

  describe('retries and failures', () => {
    it('429 with Retry-After: 1 is waited for, then succeeds', async () => {
      server.faults.add({ route: 'GET /v1/files', status: 429, retryAfterSeconds: 1, times: 1 });
      const waits: RequestLogEntry[] = [];
      const started = Date.now();
      const page = await makeClient({ logger: (entry) => waits.push(entry) }).listFiles({ limit: 3 });
      assert.equal(page.files.length, 3);
      assert.ok(Date.now() - started >= 950, `waited only ${Date.now() - started} ms`);
      assert.deepEqual(waits.map((entry) => [entry.attempt, entry.status]), [[1, 429], [2, 200]]);
    });

    it('5xx is retried, then succeeds', async () => {
      const file = (await makeClient().listFiles({ limit: 1 })).files[0];
      server.requests.length = 0;
      server.faults.add({ route: 'GET /v1/files/*', status: 503, times: 2 });
      assert.equal((await makeClient().getFile(file.fileId)).fileId, file.fileId);
      assert.equal(requestsTo('GET', file.fileId), 3);
    });

    it('5xx on a non-idempotent call is surfaced at once', async () => {
      const file = (await makeClient().listFiles({ limit: 1 })).files[0];
      server.faults.add({ route: 'POST /v1/files/*/archive', status: 500, times: 1 });
      const error = await expectApiError(() => makeClient().archiveFile(file.fileId), 'http');
      assert.equal(error.status, 500);
      assert.equal(requestsTo('POST', '/archive'), 1);
    });

    it('a waited-out 429 is told to onRetryWait before the wait, with the delay the server asked for', async () => {
      server.faults.add({ route: 'POST /v1/files/*/hydrate', status: 429, retryAfterSeconds: 1, times: 1 });
      const file = (await makeClient().listFiles({ limit: 1 })).files[0];
      const waits: Array<{ status: number | null; delayMs: number }> = [];
      const client = makeClient({ onRetryWait: ({ error, delayMs }) => waits.push({ status: error.status, delayMs }) });
      assert.equal((await client.hydrateFile(file.fileId)).fileId, file.fileId);
      assert.deepEqual(waits, [{ status: 429, delayMs: 1000 }]);
    });

    it('search is retried after a 5xx and a reset: it only reads', async () => {
      server.faults.add({ route: 'POST /v1/files/search', status: 503, times: 1 });
      server.faults.add({ route: 'POST /v1/files/search', reset: true, times: 1 });
      assert.ok((await makeClient().searchFiles({ query: 'launch' })).length > 0);
      assert.equal(requestsTo('POST', '/v1/files/search'), 3);
    });

    it('upload creation and public-preview toggles are never repeated after a 5xx or a reset', async () => {
      const client = makeClient();
      const file = (await client.listFiles({ limit: 1 })).files[0];
      server.faults.add({ route: 'POST /v1/files/upload', status: 503, times: 1 });
      server.faults.add({ route: 'POST /v1/files/*/enable-public-preview', reset: true, times: 1 });
      server.faults.add({ route: 'POST /v1/files/*/disable-public-preview', status: 502, times: 1 });
      await expectApiError(() => client.createFileUpload({ displayName: 'once.png' }), 'http');
      await expectApiError(() => client.enablePublicPreview(file.fileId), 'network');
      await expectApiError(() => client.disablePublicPreview(file.fileId), 'http');
      assert.deepEqual(
        ['/v1/files/upload', '/enable-public-preview', '/disable-public-preview'].map((suffix) => requestsTo('POST', suffix)),
        [1, 1, 1],
      );
    });

    it('a reset connection and a truncated body are retried for GET', async () => {
      const client = makeClient();
      server.faults.add({ route: 'GET /v1/files', reset: true, times: 1 });
      assert.equal((await client.listFiles({ limit: 2 })).files.length, 2);
      server.faults.add({ route: 'GET /v1/files', truncate: true, times: 1 });
      assert.equal((await client.listFiles({ limit: 2 })).files.length, 2);
      assert.equal(requestsTo('GET', '/v1/files'), 4);
    });

    it('a reset or truncated response to POST archive is surfaced as a network error', async () => {
      const client = makeClient();
      const file = (await client.listFiles({ limit: 1 })).files[0];
      server.faults.add({ route: 'POST /v1/files/*/archive', reset: true, times: 1 });
      const reset = await expectApiError(() => client.archiveFile(file.fileId), 'network');
      assert.match(reset.message, new RegExp(`^Could not reach ${escape(server.baseUrl)}: `));
      server.faults.add({ route: 'POST /v1/files/*/archive', truncate: true, times: 1 });
      const truncated = await expectApiError(() => client.archiveFile(file.fileId), 'network');
      assert.match(truncated.message, /failed while reading the response to POST \/v1\/files\/.+\/archive/);
      assert.equal(requestsTo('POST', '/archive'), 2);
    });

    it('a response slower than timeoutMs gives kind timeout, not retried', async () => {
      server.faults.add({ route: 'GET /v1/files', latencyMs: 1500 });
      const started = Date.now();
      const error = await expectApiError(() => makeClient({ timeoutMs: 200 }).listFiles(), 'timeout');
      assert.ok(Date.now() - started < 1000);
      assert.match(error.message, /timed out after 200 ms \(GET \/v1\/files\)/);
      assert.equal(requestsTo('GET', '/v1/files'), 1);
    });

    it('an abort mid-request gives kind aborted promptly, with no retry', async () => {
      server.faults.add({ route: 'GET /v1/files', latencyMs: 3000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await expectApiError(() => makeClient().listFiles({}, controller.signal), 'aborted');
      assert.ok(Date.now() - started < 600, `took ${Date.now() - started} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(requestsTo('GET', '/v1/files'), 1);
    });

    it('an abort during a Retry-After wait stops at once', async () => {
      server.faults.add({ route: 'GET /v1/files', status: 503, retryAfterSeconds: 2 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      await expectApiError(() => makeClient().listFiles({}, controller.signal), 'aborted');
      assert.ok(Date.now() - started < 800);
      assert.equal(requestsTo('GET', '/v1/files'), 1);
    });
  });

  describe('getHydratedFile', () => {
    it('hydrates only when a URL is missing or expiring', async () => {
      const client = makeClient();
      const fresh = await fileNamed('Aurora Headphones — studio shot');
      const unsigned = await fileNamed('Mountain at sunrise');
      const expired = await fileNamed('Homepage hero photo');
      server.requests.length = 0;

      await client.getHydratedFile(fresh.fileId);
      assert.equal(requestsTo('POST', '/hydrate'), 0, 'fresh URLs: GET only');
      assert.equal(requestsTo('GET', fresh.fileId), 1);

      const signed = await client.getHydratedFile(unsigned.fileId);
      assert.equal(requestsTo('POST', '/hydrate'), 1, 'no URLs: hydrate');
      assert.ok(signed.downloadSource?.url);

      await client.getHydratedFile(expired.fileId);
      assert.equal(requestsTo('POST', '/hydrate'), 2, 'expired URLs: hydrate');

      server.expireAllUrls();
      await client.getHydratedFile(fresh.fileId);
      assert.equal(requestsTo('POST', '/hydrate'), 3, 'after expiry: hydrate');
      await client.getHydratedFile(fresh.fileId);
      assert.equal(requestsTo('POST', '/hydrate'), 3, 'just hydrated: GET only');
    });

    it('a processing file is hydrated (pending sources)', async () => {
      const processing = await fileNamed('Customer testimonial (raw upload)');
      server.requests.length = 0;
      const file = await makeClient().getHydratedFile(processing.fileId);
      assert.equal(requestsTo('POST', '/hydrate'), 1);
      assert.equal(file.type, null);
    });
  });

  describe('HydratedFileCache', () => {
    it('dedupes concurrent gets, serves the cache, and refreshes after URLs went bad', async () => {
      const client = makeClient();
      const cache = new HydratedFileCache(client);
      const target = await fileNamed('Mountain at sunrise');
      server.requests.length = 0;

      const results = await Promise.all(Array.from({ length: 5 }, () => cache.get(target.fileId)));
      assert.ok(results.every((file) => file === results[0]));
      assert.equal(requestsTo('GET', target.fileId), 1);
      assert.equal(requestsTo('POST', '/hydrate'), 1);
      await cache.get(target.fileId);
      assert.equal(server.requests.length, 2, 'served from the cache');

      server.expireAllUrls();
      const stale = await request(results[0].downloadSource?.url ?? '');
      await stale.body.arrayBuffer();
      assert.equal(stale.statusCode, 403, 'the server revoked the old URL');
      const refreshed = await cache.refresh(target.fileId);
      assert.equal(requestsTo('POST', '/hydrate'), 2);
      const media = await request(refreshed.downloadSource?.url ?? '');
      await media.body.arrayBuffer();
      assert.equal(media.statusCode, 200);
      assert.equal(await cache.get(target.fileId), refreshed);
    });

    it("one caller's abort does not cancel the others' shared request", async () => {
      const client = makeClient();
      const cache = new HydratedFileCache(client);
      const target = await fileNamed('Mountain at sunrise');
      server.faults.add({ route: 'GET /v1/files/*', latencyMs: 300, times: 1 });
      const controller = new AbortController();
      const aborted = cache.get(target.fileId, controller.signal);
      const patient = cache.get(target.fileId);
      setTimeout(() => controller.abort(), 50);
      await expectApiError(() => aborted, 'aborted');
      assert.equal((await patient).fileId, target.fileId);
      assert.ok((await patient).downloadSource?.url);
    });
  });

  describe('uploadFile', () => {
    it('uploads a real file end to end, without the key on the PUT', async () => {
      const sent: SentRequest[] = [];
      const agent = new Agent();
      try {
        const client = makeClient({ dispatcher: recordingDispatcher(agent, sent) });
        const mediaFile = path.join(serverSourceDir(), 'media', 'hero-photo.jpg');
        const bytes = readFileSync(mediaFile);
        const progress: UploadProgress[] = [];
        const file = await client.uploadFile({
          data: bytes,
          displayName: 'hero-photo.jpg',
          contentType: 'image/jpeg',
          pollIntervalMs: 50,
          onProgress: (event) => progress.push(event),
        });
        assert.equal(file.type, 'IMAGE');
        assert.equal(file.downloadSource?.status, 'ready');
        assert.ok(file.downloadSource?.url);
        const media = await request(file.downloadSource.url);
        assert.equal(media.statusCode, 200);
        assert.equal(Buffer.from(await media.body.arrayBuffer()).length, bytes.length);

        const phases = progress.map((event) => event.phase).filter((phase, i, all) => phase !== all[i - 1]);
        assert.deepEqual(phases, ['creating', 'uploading', 'processing', 'done']);
        assert.equal(progress.at(-1)?.file, file, 'the last report carries the finished file');
        for (const polled of progress.filter((event) => event.file && event.phase === 'processing')) assert.equal(polled.file?.fileId, file.fileId);
        const lastUpload = progress.filter((event) => event.phase === 'uploading').at(-1);
        assert.deepEqual([lastUpload?.bytesSent, lastUpload?.totalBytes], [bytes.length, bytes.length]);

        const put = sent.find((entry) => entry.method === 'PUT');
        assert.ok(put, 'a PUT was sent');
        assert.equal(put.headers.authorization, undefined);
        assert.equal(put.headers['content-type'], 'image/jpeg');
        assert.equal(put.headers['content-length'], String(bytes.length));
        assert.ok(!JSON.stringify(put).includes(server.apiKey));
        const create = sent.find((entry) => entry.path === '/v1/files/upload');
        assert.equal(create?.headers.authorization, `Bearer ${server.apiKey}`);
        assert.ok(requestsTo('POST', '/hydrate') >= 1);
      } finally {
        await agent.close();
      }
    });

    it('uploads a stream with a declared size', async () => {
      const mediaFile = path.join(serverSourceDir(), 'media', 'podcast-clip.mp3');
      const size = statSync(mediaFile).size;
      const file = await makeClient().uploadFile({
        data: () => createReadStream(mediaFile),
        size,
        displayName: 'podcast-clip.mp3',
        type: 'AUDIO',
        pollIntervalMs: 50,
      });
      assert.equal(file.type, 'AUDIO');
      assert.equal(file.downloadSource?.fileBytes ?? size, size);
    });

    it('uploads a web ReadableStream of unknown size (chunked)', async () => {
      const bytes = readFileSync(path.join(serverSourceDir(), 'media', 'product-shot.png'));
      const progress: UploadProgress[] = [];
      const file = await makeClient().uploadFile({
        data: () => Readable.toWeb(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)])) as ReadableStream<Uint8Array>,
        displayName: 'product-shot.png',
        pollIntervalMs: 50,
        onProgress: (event) => progress.push(event),
      });
      assert.equal(file.type, 'IMAGE');
      const uploading = progress.filter((event) => event.phase === 'uploading');
      assert.equal(uploading.at(-1)?.bytesSent, bytes.length);
      assert.equal(uploading.at(-1)?.totalBytes, undefined);
    });

    it('a failing data source rejects with its own error, not a network error', async () => {
      const missing = path.join(serverSourceDir(), 'media', 'does-not-exist.mp4');
      await assert.rejects(
        makeClient().uploadFile({ data: () => createReadStream(missing), size: 10, displayName: 'x.mp4', pollIntervalMs: 50 }),
        (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
      );
    });

    it('a reset during the PUT is a network error', async () => {
      server.faults.add({ route: 'PUT /upload/*', reset: true, times: 1 });
      const error = await expectApiError(
        () => makeClient().uploadFile({ data: Buffer.alloc(64 * 1024, 1), displayName: 'x.bin', pollIntervalMs: 50 }),
        'network',
      );
      assert.ok(!error.message.includes('sig='), 'no signed query in the message');
      assert.equal(requestsTo('PUT', ''), 1, 'the PUT is not retried');
    });

    it('is cancellable while uploading', async () => {
      const controller = new AbortController();
      async function* slowBytes(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < 100; i++) {
          yield Buffer.alloc(1024, i);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      const upload = makeClient().uploadFile({
        data: slowBytes,
        size: 100 * 1024,
        displayName: 'slow.bin',
        signal: controller.signal,
        onProgress: (event) => {
          if (event.phase === 'uploading' && (event.bytesSent ?? 0) >= 2048) controller.abort();
        },
      });
      const started = Date.now();
      await expectApiError(() => upload, 'aborted');
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    });

    it('bytes the server cannot process end in UploadProcessingError', async () => {
      const error = await makeClient()
        .uploadFile({ data: Buffer.from('definitely not media'), displayName: 'junk.bin', pollIntervalMs: 50, timeoutMs: 5000 })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      assert.ok(error instanceof UploadProcessingError, String(error));
      assert.match(error.message, /Uploaded file processing failed|still processing/);
    });

    it('times out when processing outlasts timeoutMs', async () => {
      await withServer({ processingDelayMs: 5000 }, async (_slowServer, client) => {
        const png = readFileSync(path.join(serverSourceDir(), 'media', 'brand-logo.png'));
        const error = await client
          .uploadFile({ data: png, displayName: 'x.png', pollIntervalMs: 50, timeoutMs: 400 })
          .then(
            () => undefined,
            (failure: unknown) => failure,
          );
        assert.ok(error instanceof UploadProcessingError, String(error));
        assert.equal(error.reason, 'timeout');
      });
    });

    it('is cancellable while processing', async () => {
      const controller = new AbortController();
      const bytes = readFileSync(path.join(serverSourceDir(), 'media', 'brand-logo.png'));
      const upload = makeClient().uploadFile({
        data: bytes,
        displayName: 'logo.png',
        pollIntervalMs: 2000,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.phase === 'processing') setTimeout(() => controller.abort(), 20);
        },
      });
      const started = Date.now();
      await expectApiError(() => upload, 'aborted');
      assert.ok(Date.now() - started < 1500);
    });
  });

  describe('logging', () => {
    it('never gives the logger the API key or a signed query string', async () => {
      const entries: RequestLogEntry[] = [];
      const client = makeClient({ logger: (entry) => entries.push(entry) });
      const bad = makeClient({ apiKey: 'sk_wrong_key_value', logger: (entry) => entries.push(entry) });
      const files = await collect(client.iterateFiles({ limit: 7 }));
      await client.getHydratedFile(files[0].fileId);
      await client.searchFiles({ query: 'logo' });
      await client.uploadFile({
        data: readFileSync(path.join(serverSourceDir(), 'media', 'brand-logo.png')),
        displayName: 'logo.png',
        pollIntervalMs: 50,
      });
      await expectApiError(() => bad.listFiles(), 'http');
      server.faults.add({ route: 'GET /v1/files', reset: true, times: 1 });
      await client.listFiles();

      const text = JSON.stringify(entries);
      assert.ok(!text.includes(server.apiKey));
      assert.ok(!text.includes('sk_wrong_key_value'));
      assert.ok(!text.includes('sig='), 'no signed query string');
      const put = entries.find((entry) => entry.method === 'PUT');
      assert.ok(put && !put.path.includes('?'), 'upload PUT logged without its query');
      assert.ok(entries.every((entry) => typeof entry.durationMs === 'number' && entry.attempt >= 1));
      assert.ok(entries.some((entry) => entry.status === 401 && entry.error));
      assert.ok(entries.some((entry) => entry.status === null && entry.error), 'the reset attempt is logged');
      assert.ok(entries.some((entry) => entry.requestId?.startsWith('req_')));
    });
  });
});

describe('api/VideoGenClient: listing 10,000 files', function () {
  this.timeout(120_000);
  const TOTAL = 10_000;
  let server: LocalVideoGenServer;
  let client: VideoGenClient;

  before(async () => {
    server = await startServer({ port: 0, files: TOTAL });
    client = new VideoGenClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, retry: FAST_RETRY });
  });

  after(async () => {
    await client.close();
    await server.close();
  });

  it('reaches the end with no loss or duplicate (limit 200)', async () => {
    const ids: string[] = [];
    for await (const file of client.iterateFiles({ limit: 200, includeExportFiles: true, includeProjectFiles: true })) ids.push(file.fileId);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.equal(ids.length, TOTAL - archivedInLibrary(TOTAL), 'every non-archived file');
    assert.equal(server.requests.length, Math.ceil(ids.length / 200), 'full pages of 200');
  });
});

/** Runs `body` against a dedicated server started with `options`, then closes both. */
async function withServer(
  options: Parameters<typeof startServer>[0],
  body: (server: LocalVideoGenServer, client: VideoGenClient) => Promise<void>,
): Promise<void> {
  const dedicated = await startServer({ port: 0, ...options });
  const client = new VideoGenClient({ apiKey: dedicated.apiKey, baseUrl: dedicated.baseUrl, retry: FAST_RETRY });
  try {
    await body(dedicated, client);
  } finally {
    await client.close();
    await dedicated.close();
  }
}

/** Archived files among the first `count` library entries, cycled as the server builds its library. */
function archivedInLibrary(count: number): number {
  const entries = JSON.parse(readFileSync(path.join(serverSourceDir(), 'library.json'), 'utf8')) as Array<{ archived?: boolean }>;
  let archived = 0;
  for (let index = 0; index < count; index++) if (entries[index % entries.length].archived) archived++;
  return archived;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
