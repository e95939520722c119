import { strict as assert } from 'node:assert';
import { parseFileInfo, type FileInfo } from '../../../src/api';
import { buildCsp } from '../../../src/preview/csp';
import { isAllowedMediaUrl } from '../../../src/files/facts';
import { allFileUrls, guessMimeType, mediaOrigin, modelUrls, toPreviewModel } from '../../../src/preview/model';
import { parseWebviewMessage, parseWebviewState } from '../../../src/preview/protocol';

const NOW_MS = Date.UTC(2026, 9, 1);
const FRESH = NOW_MS / 1000 + 3600;
const EXPIRING = NOW_MS / 1000 + 30; // inside the 60 s margin

function source(url: string | null, expiresAt: number | null = FRESH, status = 'ready'): Record<string, unknown> {
  return { status, url, expiresAt, width: 1280, height: 720, fileBytes: 1000 };
}

function video(overrides: Record<string, unknown> = {}): FileInfo {
  return parseFileInfo({
    fileId: 'vg_file_obLD1OX2eJCrEs0071Z4kA',
    type: 'VIDEO',
    scope: 'GLOBAL',
    displayName: 'My Campaign Video',
    durationSeconds: 12.5,
    thumbnailSource: source('https://image.media.videogen.io/example/thumbnail.jpg?token=abc'),
    previewSource: source('https://stream.media.videogen.io/example/720p.mp4?token=abc'),
    downloadSource: source('https://stream.media.videogen.io/example/1080p.webm?token=abc&download=x.webm'),
    hlsSource: source('https://stream.media.videogen.io/example.m3u8?token=abc'),
    isPublicPreviewEnabled: false,
    ...overrides,
  });
}

describe('preview model', () => {
  it('offers the 720p preview first, then the download, then HLS, each with its type for canPlayType', () => {
    const model = toPreviewModel(video(), [], new Set(), NOW_MS);
    assert.deepEqual(
      model.candidates.map((c) => [c.source, c.mimeType]),
      [
        ['previewSource', 'video/mp4'],
        ['downloadSource', 'video/webm'],
        ['hlsSource', 'application/vnd.apple.mpegurl'],
      ],
    );
    assert.equal(model.kind, 'video');
    assert.equal(model.thumbnailUrl, 'https://image.media.videogen.io/example/thumbnail.jpg?token=abc');
  });

  it('plays the download first for audio, and marks sources the host gave up on', () => {
    const audio = video({
      type: 'AUDIO',
      thumbnailSource: { status: 'skipped', url: null },
      downloadSource: source('https://stream.media.videogen.io/a/voice.mp3?token=x'),
      previewSource: source('https://stream.media.videogen.io/a/voice.preview.mp3?token=x'),
    });
    const model = toPreviewModel(audio, [], new Set(['downloadSource']), NOW_MS);
    assert.deepEqual(
      model.candidates.map((c) => [c.source, c.mimeType, c.unplayable]),
      [
        ['downloadSource', 'audio/mpeg', true],
        ['previewSource', 'audio/mpeg', false],
        ['hlsSource', 'application/vnd.apple.mpegurl', false],
      ],
    );
    assert.equal(model.thumbnailUrl, null);
  });

  it('never hands out URLs that expire within a minute, are pending, or are plain http off loopback', () => {
    const file = video({
      previewSource: source('https://stream.media.videogen.io/example/720p.mp4?token=abc', EXPIRING),
      downloadSource: source('http://cdn.example.com/1080p.mp4?token=abc'),
      hlsSource: source(null, null, 'pending'),
    });
    const model = toPreviewModel(file, [], new Set(), NOW_MS);
    assert.deepEqual(model.candidates, []);
    assert.equal(model.processing, true);
    assert.ok(!model.actions.includes('copyDownloadUrl'));
  });

  it('shows images from the resized preview when it is large enough, and other types with no media element at all', () => {
    const image = toPreviewModel(video({ type: 'IMAGE', hlsSource: null }), [], new Set(), NOW_MS);
    assert.deepEqual(image.candidates.map((c) => [c.source, c.mimeType]), [['previewSource', null], ['downloadSource', null]]);
    const sized = (width: number, fileBytes = 1000) => ({ ...source('https://image.media.videogen.io/x.png?token=a'), width, height: width, fileBytes });
    const order = (preview: number, original: number, originalBytes?: number): string[] =>
      toPreviewModel(video({ type: 'IMAGE', hlsSource: null, previewSource: sized(preview), downloadSource: sized(original, originalBytes) }), [], new Set(), NOW_MS).candidates.map((c) => c.source);
    assert.deepEqual(order(320, 640), ['downloadSource', 'previewSource'], 'a small preview of a larger original: the original');
    assert.deepEqual(order(1920, 3840), ['previewSource', 'downloadSource'], 'a preview sharp enough for an editor');
    assert.deepEqual(order(640, 640), ['previewSource', 'downloadSource'], 'the preview is as large as the original');
    assert.deepEqual(order(320, 8000, 90_000_000), ['previewSource', 'downloadSource'], 'an original too heavy to load for a preview');
    const pdf = toPreviewModel(video({ type: 'PDF' }), [], new Set(), NOW_MS);
    assert.equal(pdf.kind, 'other');
    assert.deepEqual(pdf.candidates, []);
  });

  it('lists the toolbar actions that apply', () => {
    const withPublic = video({
      isPublicPreviewEnabled: true,
      staticPublicPreviewSource: source('https://public-previews.videogen.io/x.mp4', null),
    });
    assert.deepEqual(toPreviewModel(withPublic, [], new Set(), NOW_MS).actions, [
      'copyFileId',
      'insertFileId',
      'copyDownloadUrl',
      'copyPreviewUrl',
      'copyHlsUrl',
      'copyPublicPreviewUrl',
      'disablePublicPreview',
      'saveToWorkspace',
      'openInVideoGen',
    ]);
    const actions = toPreviewModel(video(), [], new Set(), NOW_MS).actions;
    assert.deepEqual(actions.slice(-4), ['copyPublicLink', 'enablePublicPreview', 'saveToWorkspace', 'openInVideoGen'], 'public preview off: turn it on, or copy a public link');
    assert.ok(!actions.includes('copyPublicPreviewUrl') && !actions.includes('disablePublicPreview'));
  });

  it('derives the exact CSP origins, loopback http included', () => {
    assert.equal(mediaOrigin('https://stream.media.videogen.io/a.mp4?token=1'), 'https://stream.media.videogen.io');
    assert.equal(mediaOrigin('http://127.0.0.1:8787/media/a.mp4?sig=1'), 'http://127.0.0.1:8787');
    assert.equal(mediaOrigin('http://example.com/a.mp4'), null);
    assert.equal(mediaOrigin('data:image/png;base64,AAAA'), null);
    assert.equal(isAllowedMediaUrl('javascript:alert(1)'), false);
    const model = toPreviewModel(video(), [], new Set(), NOW_MS);
    assert.deepEqual(new Set(modelUrls(model).map(mediaOrigin)), new Set(['https://stream.media.videogen.io', 'https://image.media.videogen.io']));
    assert.equal(allFileUrls(video()).length, 4);

    const csp = buildCsp('https://*.vscode-cdn.net', ['https://stream.media.videogen.io'], 'abc123');
    assert.equal(
      csp,
      "default-src 'none'; img-src https://*.vscode-cdn.net https://stream.media.videogen.io; " +
        'media-src https://*.vscode-cdn.net https://stream.media.videogen.io; style-src https://*.vscode-cdn.net; ' +
        "font-src https://*.vscode-cdn.net; script-src 'nonce-abc123'",
    );
  });

  it('guesses container types from the URL path, not its query', () => {
    assert.equal(guessMimeType('https://x/y/clip.MOV?download=a.mp4', 'video'), 'video/quicktime');
    assert.equal(guessMimeType('https://x/y/clip?download=a.mp4', 'video'), null);
    assert.equal(guessMimeType('https://x/y/voice.wav', 'audio'), 'audio/wav');
    assert.equal(guessMimeType('https://x/y/photo.png', 'image'), null);
  });
});

describe('preview protocol', () => {
  it('accepts only well-formed messages from the webview', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'action', action: 'copyFileId' }), { type: 'action', action: 'copyFileId' });
    assert.deepEqual(parseWebviewMessage({ type: 'mediaError', source: 'previewSource', url: 'https://a/b', code: 4 }), {
      type: 'mediaError',
      source: 'previewSource',
      url: 'https://a/b',
      code: 4,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'mediaError', source: 'thumbnailSource', url: 'x' }), { type: 'mediaError', source: 'thumbnailSource', url: 'x', code: null }, 'a refused thumbnail is reported too');
    for (const junk of [null, 'ready', { type: 'action', action: 'deleteEverything' }, { type: 'mediaError', source: 'staticPublicPreviewSource', url: 'x' }, { type: 'mediaError', source: 'previewSource' }, { type: 'eval' }]) {
      assert.equal(parseWebviewMessage(junk), undefined, JSON.stringify(junk));
    }
  });

  it('restores only a state that names a file', () => {
    assert.deepEqual(parseWebviewState({ fileId: 'vg_file_x', currentTime: 3.5 }), { fileId: 'vg_file_x', currentTime: 3.5 });
    assert.deepEqual(parseWebviewState({ fileId: 'vg_file_x', currentTime: 'soon' }), { fileId: 'vg_file_x' });
    assert.equal(parseWebviewState({ currentTime: 1 }), undefined);
    assert.equal(parseWebviewState(undefined), undefined);
  });
});
