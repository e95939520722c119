import { strict as assert } from 'node:assert';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { serverSourceDir, startServer, type LocalVideoGenServer, type WireFileInfo } from '../../server/server';
import { api, findByName } from './helpers';

const mediaFile = (name: string): string => path.join(serverSourceDir(), 'media', name);

describe('local VideoGen server: signed media (CDN)', () => {
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  async function hydrate(displayName: string): Promise<WireFileInfo> {
    const file = await findByName(server, displayName);
    const response = await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/hydrate`);
    assert.equal(response.status, 200);
    return response.body;
  }

  it('serves a hydrated download URL with the real bytes, type, length, ranges and CORS', async () => {
    const file = await hydrate('Spring Launch Teaser');
    const url = file.downloadSource.url ?? '';
    assert.match(url, new RegExp(`^${server.baseUrl}/media/${file.fileId}/download\\.mp4\\?expires=\\d+&sig=`));
    const response = await fetch(url);
    assert.equal(response.status, 200);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.ok(bytes.equals(readFileSync(mediaFile('launch-teaser.mp4'))));
    assert.equal(file.downloadSource.fileBytes, bytes.length);
    assert.equal(response.headers.get('content-type'), 'video/mp4');
    assert.equal(response.headers.get('content-length'), String(bytes.length));
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="Spring Launch Teaser\.mp4"/);

    const partial = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    assert.equal(partial.status, 206);
    assert.equal(partial.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
    assert.equal(partial.headers.get('content-length'), '100');
    assert.ok(Buffer.from(await partial.arrayBuffer()).equals(bytes.subarray(100, 200)));

    const suffix = await fetch(url, { headers: { Range: 'bytes=-10' } });
    assert.equal(suffix.status, 206);
    assert.ok(Buffer.from(await suffix.arrayBuffer()).equals(bytes.subarray(bytes.length - 10)));

    const unsatisfiable = await fetch(url, { headers: { Range: `bytes=${bytes.length}-` } });
    assert.equal(unsatisfiable.status, 416);
    assert.equal(unsatisfiable.headers.get('content-range'), `bytes */${bytes.length}`);

    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(bytes.length));
  });

  it('serves every rendition with its content type', async () => {
    const cases: Array<[string, keyof WireFileInfo, string]> = [
      ['Spring Launch Teaser', 'thumbnailSource', 'image/jpeg'],
      ['Spring Launch Teaser', 'previewSource', 'video/mp4'],
      ['Product Demo — Sneaker Spin', 'downloadSource', 'video/webm'],
      ['Founders Podcast Ep. 12 (clip)', 'downloadSource', 'audio/mpeg'],
      ['Welcome voiceover', 'downloadSource', 'audio/wav'],
      ['Aurora Headphones — studio shot', 'downloadSource', 'image/png'],
      ['Robot mascot concept', 'downloadSource', 'image/webp'],
      ['Q3 campaign brief.pdf', 'downloadSource', 'application/pdf'],
    ];
    for (const [name, source, contentType] of cases) {
      const file = await hydrate(name);
      const { url, fileBytes } = file[source] as WireFileInfo['downloadSource'];
      const response = await fetch(url ?? '');
      assert.equal(response.status, 200, `${name} ${source}`);
      assert.equal(response.headers.get('content-type'), contentType, `${name} ${source}`);
      assert.equal((await response.arrayBuffer()).byteLength, fileBytes, `${name} ${source}`);
    }
  });

  it('reports the real sizes of the committed media', async () => {
    const file = await findByName(server, 'Homepage hero photo');
    assert.equal(file.downloadSource.fileBytes, statSync(mediaFile('hero-photo.jpg')).size);
    assert.equal(file.thumbnailSource.fileBytes, statSync(mediaFile('hero-photo.thumb.jpg')).size);
  });

  it('answers 403 with an XML body for expired, tampered or unsigned URLs', async () => {
    const expired = await findByName(server, 'Homepage hero photo');
    const expiredResponse = await fetch(expired.downloadSource.url ?? '');
    assert.equal(expiredResponse.status, 403);
    assert.match(await expiredResponse.text(), /<Code>AccessDenied<\/Code><Message>Request has expired\.<\/Message>/);

    const fresh = await hydrate('Homepage hero photo');
    const url = new URL(fresh.downloadSource.url ?? '');
    assert.equal((await fetch(url)).status, 200);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 1));
    const otherFile = new URL(url.href.replace('/download.jpg', '/preview.jpg'));
    const unsigned = new URL(url.origin + url.pathname);
    for (const bad of [later, otherFile, unsigned]) {
      const response = await fetch(bad);
      assert.equal(response.status, 403, bad.href);
      assert.equal(response.headers.get('content-type'), 'application/xml');
    }
  });

  it('serves an HLS playlist whose segment URIs are signed with the same expiry and fetchable', async () => {
    const file = await hydrate('Spring Launch Teaser');
    const playlistUrl = new URL(file.hlsSource.url ?? '');
    const response = await fetch(playlistUrl);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    const playlist = await response.text();
    assert.match(playlist, /^#EXTM3U/);
    const segments = playlist.split('\n').filter((line) => line && !line.startsWith('#'));
    assert.ok(segments.length >= 2);
    for (const segment of segments) {
      const segmentUrl = new URL(segment);
      assert.equal(segmentUrl.searchParams.get('expires'), playlistUrl.searchParams.get('expires'));
      assert.ok(segmentUrl.searchParams.get('sig'));
      const bytes = Buffer.from(await (await fetch(segmentUrl)).arrayBuffer());
      assert.equal(bytes[0], 0x47, 'an MPEG-TS packet');
      segmentUrl.searchParams.set('sig', 'x'.repeat(32));
      assert.equal((await fetch(segmentUrl)).status, 403);
    }
  });

  it('expireAllUrls makes stored URLs expired and handed-out URLs invalid; hydrate makes fresh ones', async () => {
    const before = await hydrate('Robot mascot concept');
    const url = before.downloadSource.url ?? '';
    assert.equal((await fetch(url)).status, 200);
    server.expireAllUrls();
    assert.equal((await fetch(url)).status, 403);
    const stored = await api<WireFileInfo>(server, 'GET', `/v1/files/${before.fileId}`);
    assert.ok((stored.body.downloadSource.expiresAt ?? Infinity) < Date.now() / 1000);
    assert.equal((await fetch(stored.body.downloadSource.url ?? '')).status, 403);
    const after = await hydrate('Robot mascot concept');
    assert.notEqual(after.downloadSource.url, url);
    assert.equal((await fetch(after.downloadSource.url ?? '')).status, 200);
  });

  it('public preview URLs work without signature, never expire, and 404 once disabled', async () => {
    const file = await findByName(server, 'Spring Launch Teaser');
    const enabled = await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/enable-public-preview`);
    const staticUrl = enabled.body.staticPublicPreviewSource?.url ?? '';
    const hlsUrl = enabled.body.publicHlsUrl ?? '';
    const staticResponse = await fetch(staticUrl);
    assert.equal(staticResponse.status, 200);
    assert.equal((await staticResponse.arrayBuffer()).byteLength, enabled.body.downloadSource.fileBytes);
    const playlist = await (await fetch(hlsUrl)).text();
    const segment = playlist.split('\n').find((line) => line && !line.startsWith('#')) ?? '';
    assert.match(segment, new RegExp(`^${server.baseUrl}/public-hls/vg_play_`));
    assert.equal((await fetch(segment)).status, 200);
    server.expireAllUrls();
    assert.equal((await fetch(staticUrl)).status, 200, 'public URLs do not expire');

    await api(server, 'POST', `/v1/files/${file.fileId}/disable-public-preview`);
    for (const url of [staticUrl, hlsUrl, segment]) assert.equal((await fetch(url)).status, 404, url);
  });

  it('answers CORS preflights and rejects non-GET methods on media with 405', async () => {
    const file = await hydrate('Aurora Headphones — studio shot');
    const url = file.downloadSource.url ?? '';
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { Origin: 'vscode-webview://x', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Range/);
    const post = await fetch(url, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  });
});
