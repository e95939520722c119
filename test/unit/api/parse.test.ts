import { strict as assert } from 'node:assert';
import {
  VideoGenApiError,
  parseFileInfo,
  parseFilePage,
  parseFileUpload,
  parseJsonBody,
  parseSearchResults,
  type FileInfo,
} from '../../../src/api';
import { httpError } from '../../../src/api/errors';
import * as fixtures from './fixtures';
import { expectApiError, makeFile, makeSource } from './helpers';

const LIST = { method: 'GET', path: '/v1/files' };

describe('api/parse: contract examples (§8)', () => {
  it('E1: a list page', () => {
    const page = parseFilePage(fixtures.E1_LIST_RESPONSE, LIST);
    assert.equal(page.hasMore, false);
    assert.equal(page.nextCursor, null);
    assert.equal(page.files.length, 1);
    assert.deepEqual(
      page.files[0],
      makeFile({
        fileId: 'vg_file_mot8bV5POiscDeHyo7TF1g',
        type: 'IMAGE',
        scope: 'GLOBAL',
        displayName: 'Project Logo',
        description: 'High-resolution logo for the main project branding',
      }),
    );
  });

  it('E2: search results with "" / 0 in an empty source become nulls', () => {
    const results = parseSearchResults(fixtures.E2_SEARCH_RESPONSE);
    assert.equal(results.length, 1);
    assert.equal(results[0].similarity, 0.87);
    const file = results[0].file;
    assert.equal(file.fileId, 'vg_file_EjRWeKvN7wEjRWeJq83vAQ');
    assert.equal(file.durationSeconds, null, 'durationSeconds 0 on an image means none');
    assert.equal(file.transcript, null, 'empty July transcript string means none');
    assert.deepEqual(file.thumbnailSource, {
      status: 'ready',
      url: 'https://cdn.videogen.io/thumbnails/vg_file_EjRWeKvN7wEjRWeJq83vAQ.jpg?token=abc123',
      expiresAt: 1710000000,
      width: 320,
      height: 180,
      fileBytes: 45000,
    });
    assert.equal(file.downloadSource?.width, 3840);
    assert.equal(file.previewSource?.fileBytes, 2500000);
    assert.deepEqual(file.hlsSource, { status: 'skipped', url: null, expiresAt: null, width: null, height: null, fileBytes: null });
    assert.equal(file.isPublicPreviewEnabled, true);
    assert.equal(file.publicHlsUrl, null);
    assert.equal(file.publicPlaybackId, null);
    assert.equal(file.sourceToolType, 'GENERATE_IMAGE');
    assert.equal(file.sourceToolExecutionId, 'vg_tool_9abc789xyzxyz123abc');
  });

  it('E3: a minimal file', () => {
    assert.deepEqual(
      parseFileInfo(fixtures.E3_GET_RESPONSE),
      makeFile({
        fileId: 'vg_file_obLD1OX2eJCrEs0071Z4kA',
        displayName: 'Sunset Beach Photo',
        description: 'High-resolution image of a sunset over the beach with vibrant colors.',
      }),
    );
  });

  it('E4: an upload ticket', () => {
    const upload = parseFileUpload(fixtures.E4_UPLOAD_RESPONSE);
    assert.equal(upload.fileId, 'vg_file_obLD1OX2eJCrEs0071Z4kA');
    assert.ok(upload.uploadUrl.startsWith('https://9f3a7c1e8b4d6a0f2c5e9b1d7a8c3f60.r2.cloudflarestorage.com/'));
    assert.ok(upload.uploadUrl.includes('X-Amz-Expires=900'));
  });

  it('E5: a hydrated video whose sources have no expiresAt', () => {
    const file = parseFileInfo(fixtures.E5_HYDRATE_RESPONSE);
    assert.equal(file.type, 'VIDEO');
    assert.equal(file.durationSeconds, 12.5);
    assert.equal(file.description, null);
    assert.equal(file.transcript, null);
    assert.deepEqual(file.thumbnailSource, {
      status: 'ready',
      url: 'https://image.media.videogen.io/example/thumbnail.jpg?token=abc',
      expiresAt: null,
      width: 426,
      height: 240,
      fileBytes: null,
    });
    assert.equal(file.downloadSource?.height, 1080);
    assert.deepEqual(file.hlsSource, {
      status: 'ready',
      url: 'https://stream.media.videogen.io/example.m3u8?token=abc',
      expiresAt: null,
      width: null,
      height: null,
      fileBytes: null,
    });
    assert.equal(file.isPublicPreviewEnabled, false);
  });

  it('E6: an archived image, whole normalised value', () => {
    const ready = (kind: string, ext: string, width: number, height: number, fileBytes: number) =>
      makeSource({
        url: `https://cdn.videogen.io/${kind}/vg_file_123abc456def${ext}`,
        expiresAt: 1712000000,
        width,
        height,
        fileBytes,
      });
    const expected: FileInfo = makeFile({
      fileId: 'vg_file_123abc456def',
      type: 'IMAGE',
      scope: 'GLOBAL',
      displayName: 'Sunset Over Mountains',
      description: 'High-resolution image of a sunset over the Rocky Mountains.',
      thumbnailSource: ready('thumbnails', '.jpg?token=abc123', 320, 180, 45000),
      previewSource: ready('previews', '_720p.jpg?token=def456', 1280, 720, 350000),
      downloadSource: ready('downloads', '.png?token=ghi789', 3840, 2160, 4500000),
      hlsSource: { status: 'skipped', url: null, expiresAt: null, width: null, height: null, fileBytes: null },
      isPublicPreviewEnabled: true,
      sourceToolType: 'GENERATE_IMAGE',
      sourceToolExecutionId: 'vg_tool_789xyz123abc',
    });
    assert.deepEqual(parseFileInfo(fixtures.E6_ARCHIVE_RESPONSE), expected);
  });

  it('E7: public preview enabled', () => {
    const file = parseFileInfo(fixtures.E7_ENABLE_PUBLIC_PREVIEW_RESPONSE);
    assert.equal(file.isPublicPreviewEnabled, true);
    assert.deepEqual(file.staticPublicPreviewSource, {
      status: 'ready',
      url: 'https://public-previews.videogen.io/vg_file_obLD1OX2eJCrEs0071Z4kA.mp4',
      expiresAt: null,
      width: 1280,
      height: 720,
      fileBytes: 2500000,
    });
    assert.equal(file.publicHlsUrl, 'https://stream.media.videogen.io/abc123def.m3u8');
    assert.equal(file.publicPlaybackId, 'vg_play_abc123def');
  });

  it('E8: public preview disabled', () => {
    const file = parseFileInfo(fixtures.E8_DISABLE_PUBLIC_PREVIEW_RESPONSE);
    assert.equal(file.isPublicPreviewEnabled, false);
    assert.equal(file.staticPublicPreviewSource, null);
    assert.equal(file.publicHlsUrl, null);
    assert.equal(file.publicPlaybackId, null);
    assert.equal(file.durationSeconds, 12.5);
  });

  it('E9: hydration guide response', () => {
    const file = parseFileInfo(fixtures.E9_HYDRATE_GUIDE_RESPONSE);
    assert.equal(file.displayName, 'A mountain at sunrise');
    for (const source of [file.thumbnailSource, file.previewSource, file.downloadSource]) {
      assert.equal(source?.status, 'ready');
      assert.equal(source?.url, 'https://...');
      assert.equal(source?.expiresAt, 1745413200);
    }
    assert.equal(file.downloadSource?.width, 1024);
    assert.equal(file.hlsSource, null);
  });

  it('E10: root convenience URLs folded into their sources, unknown scope kept as a string', () => {
    const file = parseFileInfo(fixtures.E10_CLI_UPLOAD_OUTPUT);
    assert.equal(file.scope, 'TEAM');
    assert.equal(file.type, 'VIDEO');
    assert.equal(file.downloadSource?.url, 'https://...');
    assert.equal(file.downloadSource?.expiresAt, 1769900000);
    assert.equal(file.thumbnailSource?.url, 'https://...');
    assert.equal(file.thumbnailSource?.expiresAt, 1769900000);
    assert.equal('downloadUrl' in file, false, 'no root URL field is left for callers to fall back on');
  });

  it('a source keeps its own URL over the root one, and a failed source stays failed', () => {
    const own = { status: 'ready', url: 'https://own', expiresAt: 1800000000 };
    const file = parseFileInfo({ fileId: 'vg_file_a', downloadSource: own, downloadUrl: 'https://root', downloadUrlExpiresAt: 1700000000, thumbnailSource: { status: 'failed' }, thumbnailUrl: 'https://thumb' });
    assert.equal(file.downloadSource?.url, 'https://own');
    assert.equal(file.downloadSource?.expiresAt, 1800000000);
    assert.equal(file.thumbnailSource?.status, 'failed');
    assert.equal(file.thumbnailSource?.url, null);
    const unsigned = parseFileInfo({ fileId: 'vg_file_b', downloadSource: { status: 'ready', width: 640 }, downloadUrl: 'https://root', downloadUrlExpiresAt: 1700000000 });
    assert.deepEqual([unsigned.downloadSource?.url, unsigned.downloadSource?.expiresAt, unsigned.downloadSource?.width], ['https://root', 1700000000, 640]);
  });

  it('E11: error bodies give the message and code', () => {
    const target = { method: 'GET', origin: 'https://api.videogen.io', path: '/v1/files' };
    const invalid = httpError(target, 401, fixtures.E11_INVALID_API_KEY_ERROR, 'req-1', null);
    assert.equal(invalid.message, 'API key is invalid or has been revoked.');
    assert.equal(invalid.code, 'invalid_api_key');
    assert.equal(invalid.status, 401);
    assert.equal(invalid.requestId, 'req-1');
    const unauthorized = httpError(target, 401, fixtures.E11_UNAUTHORIZED_ERROR, null, null);
    assert.equal(unauthorized.message, 'Unauthorized');
    assert.equal(unauthorized.code, null);
    assert.equal(httpError(target, 502, '<html>Bad gateway</html>', null, null).message, 'Request failed with status 502');
    assert.equal(httpError(target, 500, { message: '  ' }, null, null).message, 'Request failed with status 500');
  });

  it("E13: the webhook's hydrated file", () => {
    const file = parseFileInfo(fixtures.E13_FILE);
    assert.equal(file.fileId, 'vg_file_...');
    assert.deepEqual(file.previewSource, makeSource({ url: 'https://...', expiresAt: 1745413200 }));
  });

  it('E14: an MCP-shaped file without scope or sources', () => {
    const file = parseFileInfo(fixtures.E14_MCP_GET_FILE);
    assert.equal(file.fileId, 'vg_file_7XoHR4wyGOlFKNmQeINtl7');
    assert.equal(file.type, 'AUDIO');
    assert.equal(file.scope, 'GLOBAL');
    assert.equal(file.displayName, 'horn.mp3');
    assert.equal(file.downloadSource?.status, 'ready');
    assert.equal(file.downloadSource?.url, 'https://storage.googleapis.com/x/horn.mp3');
    assert.equal(file.downloadSource?.expiresAt, null);
  });
});

describe('api/parse: variants', () => {
  it('October transcript object with transcriptText', () => {
    const file = parseFileInfo({
      fileId: 'vg_file_a',
      scope: 'GLOBAL',
      transcript: { languageCode: 'en-US', words: [{ startSeconds: 0, endSeconds: 0.4, word: 'Hello' }, { startSeconds: 0.5, endSeconds: 1, word: 'world' }] },
      transcriptText: 'Hello, world.',
    });
    assert.deepEqual(file.transcript, {
      languageCode: 'en-US',
      words: [
        { startSeconds: 0, endSeconds: 0.4, word: 'Hello' },
        { startSeconds: 0.5, endSeconds: 1, word: 'world' },
      ],
      text: 'Hello, world.',
    });
  });

  it('transcript object without transcriptText joins the words; bad words are dropped', () => {
    const file = parseFileInfo({
      fileId: 'vg_file_a',
      scope: 'GLOBAL',
      transcript: { words: [{ startSeconds: 0, endSeconds: 1, word: 'one' }, { word: 7 }, null, { startSeconds: 1, endSeconds: 2, word: 'two' }] },
    });
    assert.deepEqual(file.transcript, {
      languageCode: null,
      words: [
        { startSeconds: 0, endSeconds: 1, word: 'one' },
        { startSeconds: 1, endSeconds: 2, word: 'two' },
      ],
      text: 'one two',
    });
  });

  it('July transcript string, and transcriptText alone', () => {
    assert.deepEqual(parseFileInfo({ fileId: 'vg_file_a', scope: 'GLOBAL', transcript: 'Hi there' }).transcript, {
      languageCode: null,
      words: [],
      text: 'Hi there',
    });
    assert.deepEqual(parseFileInfo({ fileId: 'vg_file_a', scope: 'GLOBAL', transcript: null, transcriptText: 'Plain' }).transcript, {
      languageCode: null,
      words: [],
      text: 'Plain',
    });
  });

  it('keeps unknown enum values and ignores extra fields', () => {
    const file = parseFileInfo({
      fileId: 'vg_file_a',
      scope: 'GALAXY',
      type: 'HOLOGRAM',
      futureField: { nested: true },
      downloadSource: { status: 'quarantined', url: 'https://x', somethingNew: 1 },
    });
    assert.equal(file.scope, 'GALAXY');
    assert.equal(file.type, 'HOLOGRAM');
    assert.equal(file.downloadSource?.status, 'quarantined');
    assert.equal('futureField' in file, false);
    assert.equal('somethingNew' in (file.downloadSource ?? {}), false);
  });

  it('reads fileAnalysisMetadata, tolerating a missing attempt index', () => {
    const file = parseFileInfo({
      fileId: 'vg_file_a',
      scope: 'GLOBAL',
      fileAnalysisMetadata: { analysisLoadingState: 'FULFILLED', analysisProgressPercentage: 100 },
    });
    assert.deepEqual(file.fileAnalysisMetadata, { analysisLoadingState: 'FULFILLED', analysisProgressPercentage: 100, analysisAttemptIndex: null });
  });

  it('unwraps the old { file: {...} } hydrate envelope', () => {
    const file = parseFileInfo({ file: fixtures.E5_HYDRATE_RESPONSE });
    assert.equal(file.fileId, 'vg_file_obLD1OX2eJCrEs0071Z4kA');
    assert.equal(file.type, 'VIDEO');
  });

  it('null type while processing; root URL expiry ignored without its URL', () => {
    const file = parseFileInfo({ fileId: 'vg_file_a', scope: 'GLOBAL', type: null, downloadUrl: '', downloadUrlExpiresAt: 1769900000 });
    assert.equal(file.type, null);
    assert.equal(file.downloadSource, null);
  });

  it('a source and words already in the normalised shape are taken as they are; others are normalised', () => {
    const ready = { status: 'ready', url: 'https://cdn/x.mp4', expiresAt: 1_800_000_000, width: 640, height: 360, fileBytes: 1024 };
    const zeroes = { status: 'ready', url: '', expiresAt: 0, width: 0, height: null, fileBytes: -1 };
    const words = [{ startSeconds: 0, endSeconds: 1, word: 'one' }, { startSeconds: 1, endSeconds: 2, word: 'two' }];
    const file = parseFileInfo({ fileId: 'vg_file_a', scope: 'GLOBAL', previewSource: ready, hlsSource: zeroes, transcript: { words } });
    assert.equal(file.previewSource, ready);
    assert.deepEqual(file.hlsSource, { status: 'ready', url: null, expiresAt: null, width: null, height: null, fileBytes: null });
    assert.equal(file.transcript?.words, words);
    assert.equal(file.transcript?.text, 'one two');
  });

  it('a page with more keeps its cursor; a last page drops a stray one', () => {
    const more = parseFilePage({ files: [], hasMore: true, nextCursor: 'abc' });
    assert.equal(more.nextCursor, 'abc');
    const last = parseFilePage({ files: [], hasMore: false, nextCursor: 'stray' });
    assert.equal(last.nextCursor, null);
  });
});

describe('api/parse: malformed responses', () => {
  const cases: Array<{ name: string; parse: () => unknown; message: string }> = [
    {
      name: 'files[3].fileId missing',
      parse: () =>
        parseFilePage(
          { files: [fixtures.E3_GET_RESPONSE, fixtures.E3_GET_RESPONSE, fixtures.E3_GET_RESPONSE, { scope: 'GLOBAL' }], hasMore: false, nextCursor: null },
          LIST,
        ),
      message: 'Malformed response from GET /v1/files: files[3].fileId is missing',
    },
    {
      name: 'files[1].previewSource.status missing',
      parse: () => parseFilePage({ files: [fixtures.E3_GET_RESPONSE, { fileId: 'vg_file_b', previewSource: { url: 'https://x' } }], hasMore: false }, LIST),
      message: 'Malformed response from GET /v1/files: files[1].previewSource.status is missing',
    },
    {
      name: 'files[0].thumbnailSource not an object',
      parse: () => parseFilePage({ files: [{ fileId: 'vg_file_a', thumbnailSource: 'https://x' }], hasMore: false }, LIST),
      message: 'Malformed response from GET /v1/files: files[0].thumbnailSource is not an object (got string)',
    },
    {
      name: 'files not an array',
      parse: () => parseFilePage({ files: {}, hasMore: false }, LIST),
      message: 'Malformed response from GET /v1/files: files is not an array (got object)',
    },
    {
      name: 'files missing',
      parse: () => parseFilePage({ hasMore: false }, LIST),
      message: 'Malformed response from GET /v1/files: files is missing',
    },
    {
      name: 'hasMore missing',
      parse: () => parseFilePage({ files: [] }, LIST),
      message: 'Malformed response from GET /v1/files: hasMore is missing',
    },
    {
      name: 'hasMore without a cursor',
      parse: () => parseFilePage({ files: [], hasMore: true, nextCursor: null }, LIST),
      message: 'Malformed response from GET /v1/files: nextCursor is missing although hasMore is true',
    },
    {
      name: 'body is an array',
      parse: () => parseFilePage([], LIST),
      message: 'Malformed response from GET /v1/files: body is not a JSON object (got array)',
    },
    {
      name: 'body is null',
      parse: () => parseFileInfo(null, { method: 'GET', path: '/v1/files/vg_file_a' }),
      message: 'Malformed response from GET /v1/files/vg_file_a: body is not a JSON object (got null)',
    },
    {
      name: 'fileId is a number',
      parse: () => parseFileInfo({ fileId: 42, scope: 'GLOBAL' }),
      message: 'Malformed response: fileId is not a string (got number)',
    },
    {
      name: 'fileId is empty',
      parse: () => parseFileInfo({ fileId: '', scope: 'GLOBAL' }),
      message: 'Malformed response: fileId is empty',
    },
    {
      name: 'source without status',
      parse: () => parseFilePage({ files: [{ fileId: 'vg_file_a', thumbnailSource: { url: 'https://x' } }], hasMore: false }, LIST),
      message: 'Malformed response from GET /v1/files: files[0].thumbnailSource.status is missing',
    },
    {
      name: 'source is a string',
      parse: () => parseFileInfo({ fileId: 'vg_file_a', downloadSource: 'https://x' }),
      message: 'Malformed response: downloadSource is not an object (got string)',
    },
    {
      name: 'search similarity not a number',
      parse: () => parseSearchResults({ results: [{ similarity: '0.9', file: fixtures.E3_GET_RESPONSE }] }),
      message: 'Malformed response: results[0].similarity is not a number (got string)',
    },
    {
      name: 'search result without file',
      parse: () => parseSearchResults({ results: [{ similarity: 0.9 }] }, { method: 'POST', path: '/v1/files/search' }),
      message: 'Malformed response from POST /v1/files/search: results[0].file is missing',
    },
    {
      name: 'upload without uploadUrl',
      parse: () => parseFileUpload({ fileId: 'vg_file_a' }),
      message: 'Malformed response: uploadUrl is missing',
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const error = await expectApiError(testCase.parse, 'malformed_response');
      assert.equal(error.message, testCase.message);
    });
  }

  it('HTML error page instead of JSON', async () => {
    const error = await expectApiError(
      () => parseJsonBody('<!DOCTYPE html><html><body>Gateway</body></html>', { ...LIST, status: 200, requestId: 'r1' }, 'text/html'),
      'malformed_response',
    );
    assert.match(error.message, /^Malformed response from GET \/v1\/files: body is not JSON \(looks like an HTML page; content-type text\/html/);
    assert.equal(error.status, 200);
    assert.equal(error.requestId, 'r1');
  });

  it('empty and truncated JSON', async () => {
    assert.match((await expectApiError(() => parseJsonBody('', LIST), 'malformed_response')).message, /body is empty/);
    assert.match((await expectApiError(() => parseJsonBody('{"files": [', LIST), 'malformed_response')).message, /invalid JSON/);
  });

  it('never throws anything but VideoGenApiError, whatever a field holds', () => {
    const garbage: unknown[] = [null, undefined, 0, -1, Number.POSITIVE_INFINITY, Number.NaN, 'x', '', true, [], {}, [1, 2], { status: 7 }];
    const base = fixtures.E6_ARCHIVE_RESPONSE as Record<string, unknown>;
    for (const key of [...Object.keys(base), 'transcript', 'transcriptText', 'fileAnalysisMetadata', 'staticPublicPreviewSource']) {
      for (const value of garbage) {
        try {
          parseFileInfo({ ...base, [key]: value });
          parseFilePage({ files: [{ ...base, [key]: value }], hasMore: false, nextCursor: null });
        } catch (error) {
          assert.ok(error instanceof VideoGenApiError, `${key}=${JSON.stringify(value)} threw ${String(error)}`);
          assert.equal(error.kind, 'malformed_response');
        }
      }
    }
  });
});
