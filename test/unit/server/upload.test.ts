import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { serverSourceDir, startServer, type LocalVideoGenServer, type WireFileInfo } from '../../server/server';
import { imageDimensions, sniffMedia } from '../../server/sniff';
import { api, sleep } from './helpers';

const media = (name: string): Buffer => readFileSync(path.join(serverSourceDir(), 'media', name));

describe('local VideoGen server: uploads', () => {
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer({ processingDelayMs: 100 });
  });
  after(async () => {
    await server.close();
  });

  async function createUpload(body: unknown): Promise<{ fileId: string; uploadUrl: string }> {
    const response = await api<{ fileId: string; uploadUrl: string }>(server, 'POST', '/v1/files/upload', { body });
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.body).sort(), ['fileId', 'uploadUrl']);
    return response.body;
  }

  /** Polls hydrate like the official helpers until a source is ready or something failed. */
  async function waitForProcessing(fileId: string): Promise<WireFileInfo> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const { body } = await api<WireFileInfo>(server, 'POST', `/v1/files/${fileId}/hydrate`);
      const statuses = [body.downloadSource, body.previewSource, body.thumbnailSource, body.hlsSource].map((source) => source.status);
      if (!statuses.includes('pending')) return body;
      await sleep(50);
    }
    throw new Error('processing did not finish');
  }

  it('creates a pending file, accepts an unauthenticated PUT, then processes it to ready with the inferred type', async () => {
    const { fileId, uploadUrl } = await createUpload({ displayName: 'Uploaded headphones.png' });
    assert.match(fileId, /^vg_file_[0-9A-Za-z]{22}$/);
    const url = new URL(uploadUrl);
    assert.ok(Number(url.searchParams.get('expires')) - Date.now() / 1000 > 890, 'upload URL valid for 900 s');

    const pending = await api<WireFileInfo>(server, 'GET', `/v1/files/${fileId}`);
    assert.equal(pending.body.type, null);
    assert.equal(pending.body.downloadSource.status, 'pending');
    const listed = await api<{ files: WireFileInfo[] }>(server, 'GET', '/v1/files?limit=1');
    assert.equal(listed.body.files[0].fileId, fileId, 'a new upload is the most recently updated file');

    const png = media('product-shot.png');
    const put = await fetch(uploadUrl, { method: 'PUT', body: png });
    assert.equal(put.status, 200);

    const ready = await waitForProcessing(fileId);
    assert.equal(ready.type, 'IMAGE');
    assert.equal(ready.downloadSource.status, 'ready');
    assert.equal(ready.hlsSource.status, 'skipped');
    assert.deepEqual([ready.downloadSource.width, ready.downloadSource.height, ready.downloadSource.fileBytes], [640, 480, png.length]);
    assert.equal(ready.fileAnalysisMetadata.analysisLoadingState, 'FULFILLED');
    const downloaded = await fetch(ready.downloadUrl ?? '');
    assert.equal(downloaded.headers.get('content-type'), 'image/png');
    assert.ok(Buffer.from(await downloaded.arrayBuffer()).equals(png));
  });

  it('infers VIDEO and AUDIO from the bytes; a given type wins; transcripts are kept for audio', async () => {
    const video = await createUpload({ displayName: 'clip' });
    await fetch(video.uploadUrl, { method: 'PUT', body: media('product-demo.webm') });
    const words = [{ startSeconds: 0.2, endSeconds: 0.6, word: 'Hello' }];
    const audio = await createUpload({ displayName: 'voice', type: 'AUDIO', transcript: { languageCode: 'en', words } });
    await fetch(audio.uploadUrl, { method: 'PUT', body: media('voiceover.wav') });
    const processedVideo = await waitForProcessing(video.fileId);
    assert.equal(processedVideo.type, 'VIDEO');
    assert.equal(processedVideo.downloadSource.status, 'ready');
    assert.equal(processedVideo.thumbnailSource.status, 'failed', 'no transcoder: a video upload has no thumbnail');
    const processedAudio = await waitForProcessing(audio.fileId);
    assert.equal(processedAudio.type, 'AUDIO');
    assert.deepEqual(processedAudio.transcript, { languageCode: 'en', words });
    assert.equal(processedAudio.transcriptText, 'Hello');
  });

  it('fails processing of bytes it cannot recognise', async () => {
    const upload = await createUpload({ displayName: 'mystery.bin' });
    await fetch(upload.uploadUrl, { method: 'PUT', body: Buffer.from('just some text, no magic number') });
    const processed = await waitForProcessing(upload.fileId);
    assert.equal(processed.type, null);
    assert.equal(processed.downloadSource.status, 'failed');
  });

  it('makes temporary uploads TEMPORARY and never analysed or searchable', async () => {
    const upload = await createUpload({ displayName: 'Temporary zebra crossing', isTemporary: true });
    await fetch(upload.uploadUrl, { method: 'PUT', body: media('hero-photo.jpg') });
    const processed = await waitForProcessing(upload.fileId);
    assert.equal(processed.scope, 'TEMPORARY');
    assert.equal(processed.description, null);
    const search = await api<{ results: Array<{ file: WireFileInfo }> }>(server, 'POST', '/v1/files/search', { body: { query: 'zebra crossing' } });
    assert.equal(search.body.results.length, 0);
  });

  it('rejects a missing displayName or bad fields with 400 invalid_parameters', async () => {
    for (const body of [undefined, {}, { displayName: '' }, { displayName: 'x', type: 'MOVIE' }, { displayName: 'x', isTemporary: 'yes' },
      { displayName: 'x', transcript: { words: [] } }]) {
      const response = await api<{ code: string }>(server, 'POST', '/v1/files/upload', body === undefined ? {} : { body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.code, 'invalid_parameters', JSON.stringify(body));
    }
  });

  it('rejects PUTs with a tampered or missing signature (403) and a second PUT after processing (409)', async () => {
    const upload = await createUpload({ displayName: 'twice' });
    const tampered = new URL(upload.uploadUrl);
    tampered.searchParams.set('expires', String(Number(tampered.searchParams.get('expires')) + 60));
    assert.equal((await fetch(tampered, { method: 'PUT', body: 'x' })).status, 403);
    const unsigned = new URL(upload.uploadUrl);
    unsigned.search = '';
    assert.equal((await fetch(unsigned, { method: 'PUT', body: 'x' })).status, 403);
    assert.equal((await fetch(upload.uploadUrl, { method: 'PUT', body: media('brand-logo.png') })).status, 200);
    await waitForProcessing(upload.fileId);
    assert.equal((await fetch(upload.uploadUrl, { method: 'PUT', body: media('brand-logo.png') })).status, 409);
    assert.equal((await fetch(upload.uploadUrl)).status, 405);
  });
});

describe('local VideoGen server: type inference from magic numbers', () => {
  const cases: Array<[string, string, string]> = [
    ['product-shot.png', 'IMAGE', 'png'],
    ['hero-photo.jpg', 'IMAGE', 'jpg'],
    ['ai-robot.webp', 'IMAGE', 'webp'],
    ['launch-teaser.mp4', 'VIDEO', 'mp4'],
    ['product-demo.webm', 'VIDEO', 'webm'],
    ['podcast-clip.mp3', 'AUDIO', 'mp3'],
    ['voiceover.wav', 'AUDIO', 'wav'],
    ['campaign-brief.pdf', 'PDF', 'pdf'],
  ];
  for (const [file, type, extension] of cases) {
    it(`recognises ${file}`, () => {
      assert.deepEqual(sniffMedia(media(file)), { type, extension });
    });
  }

  it('recognises GIF, OGG, ID3-less MP3 frames and rejects AAC ADTS or text', () => {
    assert.deepEqual(sniffMedia(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')), { type: 'IMAGE', extension: 'gif' });
    assert.deepEqual(sniffMedia(Buffer.from('OggS\x00\x02', 'latin1')), { type: 'AUDIO', extension: 'ogg' });
    assert.deepEqual(sniffMedia(Buffer.from([0xff, 0xfb, 0x90, 0x64])), { type: 'AUDIO', extension: 'mp3' });
    assert.equal(sniffMedia(Buffer.from([0xff, 0xf1, 0x50, 0x80])), undefined);
    assert.equal(sniffMedia(Buffer.from('hello')), undefined);
  });

  it('reads image dimensions from PNG, JPEG, WebP and GIF headers', () => {
    assert.deepEqual(imageDimensions(media('product-shot.png'), 'png'), { width: 640, height: 480 });
    assert.deepEqual(imageDimensions(media('hero-photo.jpg'), 'jpg'), { width: 800, height: 450 });
    assert.deepEqual(imageDimensions(media('ai-robot.webp'), 'webp'), { width: 512, height: 512 });
    assert.deepEqual(imageDimensions(Buffer.from('GIF89a\x20\x00\x10\x00', 'latin1'), 'gif'), { width: 32, height: 16 });
    assert.equal(imageDimensions(Buffer.from([0x89, 0x50]), 'png'), undefined);
  });
});
