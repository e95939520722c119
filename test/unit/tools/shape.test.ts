// What the language-model tools tell a model about files (src/tools/shape.ts): no signed URL, no key, names as data.
import { strict as assert } from 'node:assert';
import type { FileSource } from '../../../src/api/models';
import { fileDetails, searchCount, searchHit, searchRequestSize, toolJson } from '../../../src/tools/shape';
import { makeFileInfo } from '../fakes';

const ID = 'vg_file_obLD1OX2eJCrEs0071Z4kA';
const SIGNED = 'https://cdn.videogen.io/media/x/download.mp4?expires=1900000000&sig=abcdefabcdef';
const HOSTILE = '<img src=x onerror=alert(1)> [click](command:videogen.clearApiKey)';

function source(url: string | null, overrides: Partial<FileSource> = {}): FileSource {
  return { status: 'ready', url, expiresAt: 1900000000, width: 1920, height: 1080, fileBytes: 2_100_000, ...overrides };
}

const video = makeFileInfo({
  fileId: ID,
  type: 'VIDEO',
  displayName: HOSTILE,
  description: 'A drone shot over a mountain at sunrise.',
  durationSeconds: 8.5,
  downloadSource: source(SIGNED),
  previewSource: source(`${SIGNED}&preview=1`),
  thumbnailSource: source(`${SIGNED}&thumb=1`),
  hlsSource: source(`${SIGNED}&hls=1`),
  transcript: { languageCode: 'en', words: [], text: 'Welcome to the launch.' },
});

describe('tools: result shaping', () => {
  it('gives search hits their id, name, type, description, duration and similarity', () => {
    assert.deepEqual(searchHit(video, 0.91234), {
      id: ID,
      name: HOSTILE,
      type: 'VIDEO',
      description: 'A drone shot over a mountain at sunrise.',
      durationSeconds: 8.5,
      similarity: 0.912,
    });
    assert.equal(searchHit(makeFileInfo({ type: 'IMAGE', durationSeconds: 3 }), 0.5).durationSeconds, null, 'images have no duration');
  });

  it('clips long descriptions in search hits', () => {
    const hit = searchHit(makeFileInfo({ description: 'x'.repeat(1000) }), 0.5);
    assert.equal(Array.from(hit.description!).length, 300);
    assert.ok(hit.description!.endsWith('…'));
  });

  it('gives details without any signed URL, with the app page and the facts', () => {
    const details = fileDetails(video);
    const text = toolJson(details);
    assert.ok(!text.includes('sig='), text);
    assert.ok(!text.includes('expires='), text);
    assert.equal(details.appUrl, `https://app.videogen.io/media?storageFileId=${ID}`);
    assert.deepEqual(
      [details.status, details.durationSeconds, details.width, details.height, details.sizeBytes, details.transcript, details.publicUrl],
      ['ready', 8.5, 1920, 1080, 2_100_000, 'Welcome to the launch.', null],
    );
  });

  it('gives the permanent public URL only while public preview is on and its copy is ready', () => {
    const publicUrl = `https://cdn.videogen.io/public/${ID}/download.mp4`;
    const on = { ...video, isPublicPreviewEnabled: true, staticPublicPreviewSource: source(publicUrl, { expiresAt: null }), publicHlsUrl: 'https://stream.example/p.m3u8' };
    assert.equal(fileDetails(on).publicUrl, publicUrl);
    assert.equal(fileDetails(on).publicHlsUrl, 'https://stream.example/p.m3u8');
    const off = { ...on, isPublicPreviewEnabled: false };
    assert.equal(fileDetails(off).publicUrl, null);
    assert.equal(fileDetails(off).publicHlsUrl, null);
    const pending = { ...on, staticPublicPreviewSource: source(null, { status: 'pending' }) };
    assert.equal(fileDetails(pending).publicUrl, null);
  });

  it('says processing while the type is unknown, failed when nothing usable came out', () => {
    assert.equal(fileDetails(makeFileInfo({ type: null })).status, 'processing');
    assert.equal(fileDetails(makeFileInfo({ downloadSource: source(null, { status: 'failed' }) })).status, 'failed');
  });

  it('keeps a hostile name as a JSON string, escaped only as JSON escapes it', () => {
    const parsed = JSON.parse(toolJson(fileDetails(video))) as { name: string };
    assert.equal(parsed.name, HOSTILE);
  });

  it('bounds the count and asks for more results when a type filter will drop some', () => {
    assert.deepEqual([searchCount(undefined), searchCount(0), searchCount(7.4), searchCount(500), searchCount('5')], [10, 1, 7, 50, 10]);
    assert.equal(searchRequestSize(10, false), 10);
    assert.equal(searchRequestSize(10, true), 40);
    assert.equal(searchRequestSize(50, true), 100);
  });
});
