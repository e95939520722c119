// The local server's side of managing files: archive failures injected through faults, and the playback id of a
// public video or audio that arrives after the enable-public-preview answer (contract §1.7).
import { strict as assert } from 'node:assert';
import { parseServerSettings, startServer, type LocalVideoGenServer, type WireFileInfo } from '../../server/server';
import { api, findByName, listAll, sleep } from './helpers';

async function admin<T>(server: LocalVideoGenServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.baseUrl}/__admin/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** GETs the file until `probe` holds, or fails after `timeoutMs`. */
async function pollFile(server: LocalVideoGenServer, fileId: string, probe: (file: WireFileInfo) => boolean, timeoutMs = 5000): Promise<WireFileInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = (await api<WireFileInfo>(server, 'GET', `/v1/files/${fileId}`)).body;
    if (probe(file)) return file;
    if (Date.now() > deadline) throw new Error(`file ${fileId} never matched`);
    await sleep(20);
  }
}

describe('local VideoGen server: archive faults and late playback ids', () => {
  let server: LocalVideoGenServer;

  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('a fault on POST …/archive fails the archive and leaves the file listed; the next archive works', async () => {
    const file = await findByName(server, 'Brand logo');
    const fault = await admin<{ fault: { id: number } }>(server, 'POST', 'faults', { route: 'POST /v1/files/*/archive', status: 503, times: 1 });
    assert.equal(fault.status, 200);
    const failed = await api<{ code: string }>(server, 'POST', `/v1/files/${file.fileId}/archive`);
    assert.equal(failed.status, 503);
    assert.equal(failed.body.code, 'service_unavailable');
    assert.ok((await listAll(server, '', 200)).files.some((listed) => listed.fileId === file.fileId), 'still listed after the failure');
    assert.equal((await api(server, 'POST', `/v1/files/${file.fileId}/archive`)).status, 200);
    assert.ok(!(await listAll(server, '', 200)).files.some((listed) => listed.fileId === file.fileId), 'gone after the archive');
  });

  it('a fault can target the archive of one file only, by its id', async () => {
    const kept = await findByName(server, 'Brand logo');
    const other = await findByName(server, 'Mountain at sunrise');
    server.faults.add({ route: `POST /v1/files/${kept.fileId}/archive`, status: 500 });
    assert.equal((await api(server, 'POST', `/v1/files/${kept.fileId}/archive`)).status, 500);
    assert.equal((await api(server, 'POST', `/v1/files/${other.fileId}/archive`)).status, 200);
  });

  it('with publicPlaybackDelayMs the enable answer has the public copy but no playback id; it appears later', async () => {
    const configured = await admin<{ settings: { publicPlaybackDelayMs: number } }>(server, 'POST', 'settings', { publicPlaybackDelayMs: 300 });
    assert.deepEqual(configured.body.settings, { publicPlaybackDelayMs: 300 });
    const file = await findByName(server, 'Founders Podcast Ep. 12 (clip)');
    const enabledAt = Date.now();
    const enabled = (await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/enable-public-preview`)).body;
    assert.equal(enabled.isPublicPreviewEnabled, true);
    assert.equal(enabled.staticPublicPreviewSource?.status, 'ready');
    assert.equal(enabled.publicPlaybackId, null);
    assert.equal(enabled.publicHlsUrl, null);
    const later = await pollFile(server, file.fileId, (f) => f.publicPlaybackId !== null);
    assert.ok(Date.now() - enabledAt >= 290, `appeared after ${Date.now() - enabledAt} ms`);
    assert.match(later.publicPlaybackId ?? '', /^vg_play_/);
    assert.equal(later.publicHlsUrl, `${server.baseUrl}/public-hls/${later.publicPlaybackId}.m3u8`);
  });

  it('disabling before the playback id arrives cancels it; reset restores the started delay', async () => {
    server.configure({ publicPlaybackDelayMs: 150 });
    const file = await findByName(server, 'Founders Podcast Ep. 12 (clip)');
    await api(server, 'POST', `/v1/files/${file.fileId}/enable-public-preview`);
    await api(server, 'POST', `/v1/files/${file.fileId}/disable-public-preview`);
    await sleep(300);
    const after = (await api<WireFileInfo>(server, 'GET', `/v1/files/${file.fileId}`)).body;
    assert.equal(after.publicPlaybackId, null);
    server.reset();
    assert.deepEqual(server.configure({}), { publicPlaybackDelayMs: 0 });
    const immediate = (await api<WireFileInfo>(server, 'POST', `/v1/files/${file.fileId}/enable-public-preview`)).body;
    assert.match(immediate.publicPlaybackId ?? '', /^vg_play_/, 'no delay by default');
  });

  it('rejects bad settings with 400 and names the field', async () => {
    const bad = await admin<{ code: string; message: string }>(server, 'POST', 'settings', { publicPlaybackDelayMs: -1 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /publicPlaybackDelayMs/);
    assert.throws(() => parseServerSettings({ playbackDelay: 1 }), /unknown setting/);
    assert.throws(() => parseServerSettings([]), /JSON object/);
    assert.deepEqual(parseServerSettings({ publicPlaybackDelayMs: 0 }), { publicPlaybackDelayMs: 0 });
  });
});
