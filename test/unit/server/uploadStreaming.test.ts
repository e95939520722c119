import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { request } from 'undici';
import { parseFaultRule } from '../../server/faults';
import { serverSourceDir, startServer, type LocalVideoGenServer, type WireFileInfo } from '../../server/server';
import { api, sleep } from './helpers';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Off-heap memory (Buffers) of this process after a full collection. */
function bufferMemory(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
}

const MiB = 1024 * 1024;

/** `total` bytes: a PNG header, then a repeating pattern, from one reused chunk (the sender holds ~1 MiB). */
function* pattern(total: number): Generator<Buffer> {
  const png = readFileSync(path.join(serverSourceDir(), 'media', 'brand-logo.png'));
  const chunk = Buffer.alloc(MiB, 7);
  png.copy(chunk);
  for (let sent = 0; sent < total; sent += MiB) yield chunk.subarray(0, Math.min(MiB, total - sent));
}

function sha256Of(total: number): string {
  const hash = createHash('sha256');
  for (const chunk of pattern(total)) hash.update(chunk);
  return hash.digest('hex');
}

describe('local VideoGen server: large uploads stream', () => {
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer({ processingDelayMs: 10 });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.faults.clear());

  async function createUpload(displayName: string): Promise<{ fileId: string; uploadUrl: string }> {
    const response = await api<{ fileId: string; uploadUrl: string }>(server, 'POST', '/v1/files/upload', { body: { displayName } });
    assert.equal(response.status, 200);
    return response.body;
  }

  async function processed(fileId: string): Promise<WireFileInfo> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { body } = await api<WireFileInfo>(server, 'POST', `/v1/files/${fileId}/hydrate`);
      if (body.downloadSource.status !== 'pending') return body;
      await sleep(20);
    }
    throw new Error('processing did not finish');
  }

  it('keeps a 96 MiB PUT on disk, not in memory, and serves the same bytes back (whole and in ranges)', async function () {
    this.timeout(60_000);
    const total = 96 * MiB;
    const { fileId, uploadUrl } = await createUpload('big.png');
    const before = bufferMemory();
    const put = await request(uploadUrl, { method: 'PUT', body: Readable.from(pattern(total)), headers: { 'content-length': String(total) } });
    await put.body.dump();
    assert.equal(put.statusCode, 200);
    const file = await processed(fileId);
    const held = bufferMemory() - before;
    assert.ok(held < 16 * MiB, `the server holds ${(held / MiB).toFixed(1)} MiB of Buffers after a 96 MiB upload`);
    assert.equal(file.type, 'IMAGE');
    assert.equal(file.downloadSource.fileBytes, total);
    assert.deepEqual([file.downloadSource.width, file.downloadSource.height], [256, 256], 'dimensions read from the head');

    const download = await request(file.downloadUrl ?? '');
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-length'], String(total));
    const hash = createHash('sha256');
    for await (const chunk of download.body) hash.update(chunk as Buffer);
    assert.equal(hash.digest('hex'), sha256Of(total));

    const range = await request(file.downloadUrl ?? '', { headers: { range: `bytes=${MiB - 2}-${MiB + 1}` } });
    assert.equal(range.statusCode, 206);
    assert.equal(range.headers['content-range'], `bytes ${MiB - 2}-${MiB + 1}/${total}`);
    const expected = [...pattern(2 * MiB)].flatMap((chunk) => [...chunk]).slice(MiB - 2, MiB + 2);
    assert.deepEqual([...Buffer.from(await range.body.arrayBuffer())], expected);
    const head = await request(file.downloadUrl ?? '', { method: 'HEAD' });
    assert.equal(head.headers['content-length'], String(total));
    await head.body.dump();
  });

  it('fails a PUT in the middle with a 5xx (afterBodyBytes), and the file keeps waiting for its bytes', async () => {
    const { fileId, uploadUrl } = await createUpload('broken.png');
    server.faults.add({ route: 'PUT /upload/*', status: 503, afterBodyBytes: 512 * 1024, times: 1 });
    const put = await request(uploadUrl, { method: 'PUT', body: Readable.from(pattern(4 * MiB)), headers: { 'content-length': String(4 * MiB) } });
    const text = await put.body.text();
    assert.equal(put.statusCode, 503);
    assert.equal(JSON.parse(text).code, 'service_unavailable');
    await sleep(50);
    const file = await api<WireFileInfo>(server, 'GET', `/v1/files/${fileId}`);
    assert.equal(file.body.downloadSource.status, 'pending', 'no bytes were taken');
    const retry = await request(uploadUrl, { method: 'PUT', body: Readable.from(pattern(MiB)), headers: { 'content-length': String(MiB) } });
    await retry.body.dump();
    assert.equal(retry.statusCode, 200, 'the next PUT is accepted');
  });

  it('answers 429 on create through an injected fault, with Retry-After', async () => {
    server.faults.add({ route: 'POST /v1/files/upload', status: 429, retryAfterSeconds: 90, times: 1 });
    const refused = await api<{ code: string }>(server, 'POST', '/v1/files/upload', { body: { displayName: 'x.png' } });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, 'rate_limited');
    assert.equal(refused.headers.get('retry-after'), '90');
    assert.equal((await api(server, 'POST', '/v1/files/upload', { body: { displayName: 'x.png' } })).status, 200);
  });

  it('refuses an afterBodyBytes rule that says nothing about what happens then', () => {
    assert.throws(() => parseFaultRule({ route: 'PUT /upload/*', afterBodyBytes: 10 }), /afterBodyBytes/);
    assert.throws(() => parseFaultRule({ route: 'PUT /upload/*', afterBodyBytes: -1, status: 500 }), /afterBodyBytes/);
    assert.deepEqual(parseFaultRule({ route: 'PUT /upload/*', afterBodyBytes: 10, reset: true }), { route: 'PUT /upload/*', afterBodyBytes: 10, reset: true });
  });
});
