import { strict as assert } from 'node:assert';
import { startServer, type LocalVideoGenServer, type WireFileInfo } from '../../server/server';
import { api, findByName, listAll, type FilePage } from './helpers';

interface ErrorBody {
  message: string;
  code: string | null;
}

describe('local VideoGen server: Files API', () => {
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  describe('auth and errors', () => {
    it('answers 401 missing_api_key without a bearer token', async () => {
      const response = await api<ErrorBody>(server, 'GET', '/v1/files', { key: null });
      assert.equal(response.status, 401);
      assert.equal(response.body.code, 'missing_api_key');
      assert.equal(typeof response.body.message, 'string');
    });

    it('answers 401 invalid_api_key with the documented message for a wrong key', async () => {
      const response = await api<ErrorBody>(server, 'GET', '/v1/files', { key: 'sk_videogen_live_wrong' });
      assert.equal(response.status, 401);
      assert.deepEqual(response.body, { message: 'API key is invalid or has been revoked.', code: 'invalid_api_key' });
    });

    it('puts x-request-id and rate-limit headers on every API response, errors included', async () => {
      for (const response of [await api(server, 'GET', '/v1/files'), await api(server, 'GET', '/v1/files', { key: null })]) {
        assert.match(response.headers.get('x-request-id') ?? '', /^req_[A-Za-z0-9_-]{16}$/);
        assert.equal(response.headers.get('x-ratelimit-limit'), '50000');
        assert.match(response.headers.get('x-ratelimit-remaining') ?? '', /^\d+$/);
        const reset = Number(response.headers.get('x-ratelimit-reset'));
        assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 3600, `reset ${reset} is a Unix time within the hour`);
      }
    });

    it('answers unknown routes with a 404 ApiError and wrong methods with a 405 ApiError and Allow', async () => {
      const unknown = await api<ErrorBody>(server, 'GET', '/v1/folders');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'not_found');
      const wrongMethod = await api<ErrorBody>(server, 'DELETE', '/v1/files');
      assert.equal(wrongMethod.status, 405);
      assert.equal(wrongMethod.headers.get('allow'), 'GET, HEAD');
      assert.equal(typeof wrongMethod.body.message, 'string');
      const searchWithGet = await api<ErrorBody>(server, 'GET', '/v1/files/search');
      assert.equal(searchWithGet.status, 405, 'a literal route segment is not taken for a file id');
      assert.equal(searchWithGet.headers.get('allow'), 'POST');
      const outsideApi = await api<ErrorBody>(server, 'GET', '/nothing-here');
      assert.equal(outsideApi.status, 404);
      assert.equal(outsideApi.body.code, 'not_found');
    });

    it('answers 400 invalid_id for malformed or wrong-prefix ids and 404 not_found for unknown ones', async () => {
      for (const id of ['vg_file_short', 'vg_proj_EjRWeKvN7wEjRWeJq83vAQ', 'EjRWeKvN7wEjRWeJq83vAQ', 'vg_file_EjRWeKvN7wEjRWeJq83vA%3F', 'vg_file_EjRWeKvN7wEjRWeJq83vAQ', 'vg_file_1jRWeKvN7wEjRWeJq83v-Q']) {
        const response = await api<ErrorBody>(server, 'GET', `/v1/files/${id}`);
        assert.equal(response.status, 400, id);
        assert.equal(response.body.code, 'invalid_id', id);
      }
      const unknown = await api<ErrorBody>(server, 'POST', '/v1/files/vg_file_1jRWeKvN7wEjRWeJq83vAQ/hydrate');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'not_found');
    });

    it('accepts bodiless POSTs without Content-Type and rejects malformed JSON with 400 invalid_request', async () => {
      const file = await findByName(server, 'Mountain at sunrise');
      const bodiless = await fetch(`${server.baseUrl}/v1/files/${file.fileId}/hydrate`, { method: 'POST', headers: { Authorization: `Bearer ${server.apiKey}` } });
      assert.equal(bodiless.status, 200);
      const malformed = await api<ErrorBody>(server, 'POST', '/v1/files/search', { rawBody: '{"query": ', headers: { 'Content-Type': 'application/json' } });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.code, 'invalid_request');
    });
  });

  describe('GET /v1/files', () => {
    it('lists standalone files by default: GLOBAL, TEMPORARY and ENTITY, not PROJECT, EXPORT or archived', async () => {
      const { files } = await listAll(server, '', 50);
      const scopes = new Set(files.map((file) => file.scope));
      assert.deepEqual([...scopes].sort(), ['ENTITY', 'GLOBAL', 'TEMPORARY']);
      assert.ok(!files.some((file) => file.displayName === 'Old logo (2024)'), 'archived file listed');
    });

    it('adds PROJECT and EXPORT files only when asked, and honours selfOnly', async () => {
      const project = await listAll(server, '&includeProjectFiles=true', 50);
      assert.ok(project.files.some((file) => file.scope === 'PROJECT'));
      assert.ok(!project.files.some((file) => file.scope === 'EXPORT'));
      const exports = await listAll(server, '&includeExportFiles=true', 50);
      assert.ok(exports.files.some((file) => file.scope === 'EXPORT'));
      assert.ok(!exports.files.some((file) => file.scope === 'PROJECT'));
      const everyone = await listAll(server, '', 50);
      const mine = await listAll(server, '&selfOnly=true', 50);
      assert.ok(everyone.files.some((file) => file.displayName === 'Moodboard — autumn palette'));
      assert.ok(!mine.files.some((file) => file.displayName === 'Moodboard — autumn palette'), "a teammate's file in selfOnly");
      assert.equal(mine.files.length, everyone.files.length - 1);
    });

    it('rejects limit outside 1–200 or non-integer, bad booleans and garbage or forged cursors with 400 invalid_parameters', async () => {
      const page = await api<FilePage>(server, 'GET', '/v1/files?limit=2');
      const cursor = page.body.nextCursor ?? '';
      const [payload, mac] = cursor.split('.');
      const forged = `${Buffer.from(JSON.stringify({ v: 1, u: 0, id: 'vg_file_x' })).toString('base64url')}.${mac}`;
      for (const query of ['limit=0', 'limit=201', 'limit=2.5', 'limit=ten', 'limit=-1', 'selfOnly=yes', 'cursor=garbage', `cursor=${forged}`, `cursor=${payload}.AAAA`]) {
        const response = await api<ErrorBody>(server, 'GET', `/v1/files?${query}`);
        assert.equal(response.status, 400, query);
        assert.equal(response.body.code, 'invalid_parameters', query);
      }
      for (const limit of [1, 200]) assert.equal((await api(server, 'GET', `/v1/files?limit=${limit}`)).status, 200);
    });

    it('uses 50 as the default page size and returns null nextCursor on the last page', async () => {
      const page = await api<FilePage>(server, 'GET', '/v1/files');
      assert.equal(page.status, 200);
      assert.equal(page.body.hasMore, false);
      assert.equal(page.body.nextCursor, null);
      assert.ok(page.body.files.length > 10 && page.body.files.length <= 50);
    });

    it('emits the October FileInfo shape with null fields for empty sources', async () => {
      const audio = await findByName(server, 'Welcome voiceover');
      assert.equal(audio.type, 'AUDIO');
      assert.deepEqual(audio.thumbnailSource, { status: 'skipped', url: null, expiresAt: null, width: null, height: null, fileBytes: null });
      assert.equal(audio.thumbnailUrl, null);
      assert.equal(audio.sourceToolType, 'TEXT_TO_SPEECH');
      assert.match(audio.sourceToolExecutionId ?? '', /^vg_tool_[A-Za-z0-9_-]{22}$/);
      assert.equal(audio.transcriptText, 'Welcome to the product tour.');
      assert.equal(audio.transcript?.languageCode, 'en');
      assert.deepEqual(audio.transcript?.words.map((w) => w.word), ['Welcome', 'to', 'the', 'product', 'tour.']);
      for (const word of audio.transcript?.words ?? []) assert.ok(word.endSeconds > word.startSeconds);
      assert.deepEqual(audio.fileAnalysisMetadata, { analysisLoadingState: 'FULFILLED', analysisProgressPercentage: 100 });
      const image = await findByName(server, 'Aurora Headphones — studio shot');
      assert.equal(image.hlsSource.status, 'skipped');
      assert.equal(image.durationSeconds, null);
      assert.equal(image.sourceToolType, undefined, 'only tool-generated files carry sourceToolType');
      assert.deepEqual([image.downloadSource.width, image.downloadSource.height], [640, 480]);
    });

    it('has varied initial states: fresh, expired and never-signed URLs, processing, failed rendition, temporary', async () => {
      const now = Date.now() / 1000;
      const fresh = await findByName(server, 'Spring Launch Teaser');
      assert.ok((fresh.downloadSource.expiresAt ?? 0) > now + 86_400);
      assert.equal(fresh.downloadUrl, fresh.downloadSource.url);
      assert.equal(fresh.downloadUrlExpiresAt, fresh.downloadSource.expiresAt);
      const expired = await findByName(server, 'Homepage hero photo');
      assert.ok((expired.downloadSource.expiresAt ?? Infinity) < now);
      assert.ok(expired.downloadSource.url);
      const neverSigned = await findByName(server, 'Moodboard — autumn palette');
      assert.equal(neverSigned.downloadSource.status, 'ready');
      assert.equal(neverSigned.downloadSource.url, null);
      assert.equal(neverSigned.downloadUrl, null);
      const processing = await findByName(server, 'Customer testimonial (raw upload)');
      assert.equal(processing.type, null);
      assert.equal(processing.downloadSource.status, 'pending');
      assert.equal(processing.fileAnalysisMetadata.analysisLoadingState, 'LOADING');
      const failed = await findByName(server, 'Product Demo — Sneaker Spin');
      assert.equal(failed.hlsSource.status, 'failed');
      const temporary = await findByName(server, 'Screen recording 2026-10-02 14.31');
      assert.equal(temporary.scope, 'TEMPORARY');
      assert.equal(temporary.description, null);
      assert.equal(temporary.fileAnalysisMetadata.analysisLoadingState, 'UNATTEMPTED');
    });
  });

  describe('GET /v1/files/{id} and hydrate', () => {
    it('GET returns the last-signed sources as stored, never re-signed', async () => {
      const listed = await findByName(server, 'Homepage hero photo');
      const got = await api<WireFileInfo>(server, 'GET', `/v1/files/${listed.fileId}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body.downloadSource, listed.downloadSource);
      assert.ok((got.body.downloadSource.expiresAt ?? Infinity) < Date.now() / 1000, 'still expired');
    });

    it('hydrate re-signs every ready source with now + lifetime and fills the root URL fields; GET then shows them', async () => {
      const listed = await findByName(server, 'Product Demo — Sneaker Spin');
      const hydrated = await api<WireFileInfo>(server, 'POST', `/v1/files/${listed.fileId}/hydrate`);
      assert.equal(hydrated.status, 200);
      const expected = Math.floor(Date.now() / 1000) + 7 * 86_400;
      for (const source of [hydrated.body.downloadSource, hydrated.body.previewSource, hydrated.body.thumbnailSource]) {
        assert.equal(source.status, 'ready');
        assert.ok(source.url);
        assert.ok(Math.abs((source.expiresAt ?? 0) - expected) <= 2);
      }
      assert.equal(hydrated.body.hlsSource.status, 'failed');
      assert.equal(hydrated.body.hlsSource.url, null);
      assert.equal(hydrated.body.downloadUrl, hydrated.body.downloadSource.url);
      assert.equal(hydrated.body.thumbnailUrlExpiresAt, hydrated.body.thumbnailSource.expiresAt);
      const got = await api<WireFileInfo>(server, 'GET', `/v1/files/${listed.fileId}`);
      assert.deepEqual(got.body.downloadSource, hydrated.body.downloadSource);
    });

    it('hydrate leaves a processing file pending', async () => {
      const processing = await findByName(server, 'Customer testimonial (raw upload)');
      const hydrated = await api<WireFileInfo>(server, 'POST', `/v1/files/${processing.fileId}/hydrate`);
      assert.equal(hydrated.body.downloadSource.status, 'pending');
      assert.equal(hydrated.body.downloadUrl, null);
    });
  });

  describe('POST /v1/files/search', () => {
    it('ranks the file whose description matches first, with similarities in 0..1, descending', async () => {
      const response = await api<{ results: Array<{ similarity: number; file: WireFileInfo }> }>(server, 'POST', '/v1/files/search', {
        body: { query: 'snowy mountain peaks at sunrise' },
      });
      assert.equal(response.status, 200);
      const { results } = response.body;
      assert.equal(results[0].file.displayName, 'Mountain at sunrise');
      assert.ok(results[0].similarity > 0.3 && results[0].similarity <= 1);
      for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].similarity >= results[i].similarity);
      assert.ok(results.every((result) => result.similarity > 0));
    });

    it('finds words of transcripts and honours numResults', async () => {
      const response = await api<{ results: Array<{ file: WireFileInfo }> }>(server, 'POST', '/v1/files/search', {
        body: { query: 'drop it into your code', numResults: 1 },
      });
      assert.equal(response.body.results.length, 1);
      assert.match(response.body.results[0].file.displayName, /Spring Launch Teaser/);
    });

    it('never returns temporary, archived or unanalysed files', async () => {
      const queries = ['screen recording', 'old logo retired 2024', 'customer testimonial raw upload', 'sneaker'];
      for (const query of queries) {
        const response = await api<{ results: Array<{ file: WireFileInfo }> }>(server, 'POST', '/v1/files/search', { body: { query, numResults: 100 } });
        for (const { file } of response.body.results) {
          assert.notEqual(file.scope, 'TEMPORARY', query);
          assert.notEqual(file.displayName, 'Old logo (2024)', query);
          assert.equal(file.fileAnalysisMetadata.analysisLoadingState, 'FULFILLED', query);
        }
      }
    });

    it('rejects a missing or empty query and numResults outside 1–100 with 400 invalid_parameters', async () => {
      for (const body of [undefined, {}, { query: '' }, { query: '   ' }, { query: 'x', numResults: 0 }, { query: 'x', numResults: 101 }, { query: 3 }]) {
        const response = await api<ErrorBody>(server, 'POST', '/v1/files/search', body === undefined ? {} : { body });
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.code, 'invalid_parameters', JSON.stringify(body));
      }
    });
  });

  describe('archive and public preview', () => {
    it('archive is idempotent; archived files vanish from list and search but GET still answers 200', async () => {
      const file = await findByName(server, 'Brand logo');
      for (let i = 0; i < 2; i++) {
        const archived = await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/archive`);
        assert.equal(archived.status, 200);
        assert.equal(archived.body.fileId, file.fileId);
      }
      const { files } = await listAll(server, '&includeProjectFiles=true&includeExportFiles=true', 200);
      assert.ok(!files.some((listed) => listed.fileId === file.fileId));
      const search = await api<{ results: Array<{ file: WireFileInfo }> }>(server, 'POST', '/v1/files/search', { body: { query: 'brand mark play triangle violet' } });
      assert.ok(!search.body.results.some((result) => result.file.fileId === file.fileId));
      assert.equal((await api(server, 'GET', `/v1/files/${file.fileId}`)).status, 200);
    });

    it('enable-public-preview is idempotent and sets the permanent source, HLS URL and vg_play_ id for audio with an HLS rendition', async () => {
      const file = await findByName(server, 'Founders Podcast Ep. 12 (clip)');
      assert.equal(file.isPublicPreviewEnabled, false);
      assert.equal(file.staticPublicPreviewSource, null);
      const first = await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/enable-public-preview`);
      const second = await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/enable-public-preview`);
      assert.equal(first.status, 200);
      assert.deepEqual(second.body, first.body);
      const enabled = first.body;
      assert.equal(enabled.isPublicPreviewEnabled, true);
      assert.equal(enabled.staticPublicPreviewSource?.status, 'ready');
      assert.equal(enabled.staticPublicPreviewSource?.expiresAt, null);
      assert.equal(enabled.staticPublicPreviewSource?.fileBytes, enabled.downloadSource.fileBytes);
      assert.match(enabled.publicPlaybackId ?? '', /^vg_play_[A-Za-z0-9_-]+$/);
      const raw = Buffer.from((enabled.publicPlaybackId ?? '').slice('vg_play_'.length), 'base64url').toString();
      assert.match(raw, /^[A-Za-z0-9]{24}$/, 'payload decodes to a Mux-like playback id');
      assert.equal(enabled.publicHlsUrl, `${server.baseUrl}/public-hls/${enabled.publicPlaybackId}.m3u8`);
    });

    it('disable-public-preview is idempotent and nulls the three public fields', async () => {
      const file = await findByName(server, 'Spring Launch Teaser');
      assert.equal(file.isPublicPreviewEnabled, true);
      for (let i = 0; i < 2; i++) {
        const disabled = await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/disable-public-preview`);
        assert.equal(disabled.status, 200);
        assert.equal(disabled.body.isPublicPreviewEnabled, false);
        assert.equal(disabled.body.staticPublicPreviewSource, null);
        assert.equal(disabled.body.publicHlsUrl, null);
        assert.equal(disabled.body.publicPlaybackId, null);
      }
    });

    it('enable-public-preview on an image sets only the static source', async () => {
      const file = await findByName(server, 'Aurora Headphones — studio shot');
      const enabled = await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/enable-public-preview`);
      assert.equal(enabled.body.staticPublicPreviewSource?.status, 'ready');
      assert.equal(enabled.body.publicPlaybackId, null);
      assert.equal(enabled.body.publicHlsUrl, null);
    });
  });
});
