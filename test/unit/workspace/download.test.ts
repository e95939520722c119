// Downloads to disk (src/net/download.ts) from a loopback server: identical bytes, and nothing left behind on
// cancel, a short body, a refused URL or a file that appeared meanwhile.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAgent } from '../../../src/net/undici';
import { DownloadHttpError, downloadToFile } from '../../../src/net/download';

const BODY = randomBytes(3 * 1024 * 1024 + 17);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('workspace: download to a file', () => {
  let server: http.Server;
  let base = '';
  let dir = '';
  const dispatcher = createAgent();
  /** Paused responses of /slow, to cancel mid-way. */
  const slow: http.ServerResponse[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.startsWith('/full')) {
        res.writeHead(200, { 'content-length': BODY.length });
        res.end(BODY);
      } else if (req.url?.startsWith('/short')) {
        res.writeHead(200, { 'content-length': BODY.length });
        res.end(BODY.subarray(0, 1000), () => res.socket?.destroy());
        res.socket?.destroy();
      } else if (req.url?.startsWith('/slow')) {
        res.writeHead(200, { 'content-length': BODY.length });
        res.write(BODY.subarray(0, 64 * 1024));
        slow.push(res);
      } else {
        res.writeHead(403).end('expired');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-download-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  after(async () => {
    for (const res of slow) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dispatcher.close();
  });

  it('writes exactly the bytes served, reporting progress, and nothing else', async () => {
    const target = path.join(dir, 'clip.mp4');
    const progress: number[] = [];
    const bytes = await downloadToFile(`${base}/full?sig=secret`, target, {
      dispatcher,
      signal: new AbortController().signal,
      onProgress: (received, total) => {
        assert.equal(total, BODY.length);
        progress.push(received);
      },
    });
    assert.equal(bytes, BODY.length);
    assert.equal(sha256(fs.readFileSync(target)), sha256(BODY));
    assert.equal(progress.at(-1), BODY.length);
    assert.deepEqual(fs.readdirSync(dir), ['clip.mp4']);
  });

  it('leaves no file when cancelled mid-way', async () => {
    const target = path.join(dir, 'clip.mp4');
    const controller = new AbortController();
    const download = downloadToFile(`${base}/slow`, target, {
      dispatcher,
      signal: controller.signal,
      onProgress: (received) => {
        if (received > 0) controller.abort();
      },
    });
    await assert.rejects(download);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('leaves no file when the body ends early', async () => {
    await assert.rejects(downloadToFile(`${base}/short`, path.join(dir, 'a.bin'), { dispatcher, signal: new AbortController().signal }));
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('says a refused URL was refused, without quoting it', async () => {
    const error = await downloadToFile(`${base}/expired?sig=secret-signature`, path.join(dir, 'a.bin'), { dispatcher, signal: new AbortController().signal }).then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DownloadHttpError && error.urlRefused);
    assert.doesNotMatch(String(error), /secret-signature/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('never overwrites a file that exists unless told to', async () => {
    const target = path.join(dir, 'logo.png');
    fs.writeFileSync(target, 'mine');
    await assert.rejects(downloadToFile(`${base}/full`, target, { dispatcher, signal: new AbortController().signal }), /EEXIST|exists/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'mine');
    assert.deepEqual(fs.readdirSync(dir), ['logo.png']);
    await downloadToFile(`${base}/full`, target, { dispatcher, signal: new AbortController().signal, replace: true });
    assert.equal(sha256(fs.readFileSync(target)), sha256(BODY));
  });

  it('refuses plain http off loopback before any request', async () => {
    await assert.rejects(downloadToFile('http://example.com/a.png', path.join(dir, 'a.png'), { dispatcher, signal: new AbortController().signal }), /refused/);
  });
});
