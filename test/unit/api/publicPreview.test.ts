// Waiting for a public preview (src/api/publicPreview.ts), as VideoGen's pollPublicPreview helper does.
import { strict as assert } from 'node:assert';
import type { FileInfo, FileSource } from '../../../src/api/models';
import { isPublicPreviewReady, PublicPreviewOffError, PublicPreviewTimeoutError, waitForPublicPreview } from '../../../src/api/publicPreview';
import { makeFileInfo } from '../fakes';

const ready = (url: string | null): FileSource => ({ status: 'ready', url, expiresAt: null, width: null, height: null, fileBytes: null });
const video = (extra: Partial<FileInfo> = {}): FileInfo =>
  makeFileInfo({ fileId: 'vg_file_v', type: 'VIDEO', hlsSource: ready('https://s/h.m3u8'), isPublicPreviewEnabled: true, staticPublicPreviewSource: ready('https://p/v.mp4'), ...extra });

/** A getFile that answers the given files in turn (the last one again and again), counting calls. */
function answers(...files: FileInfo[]): { getFile: (id: string) => Promise<FileInfo>; calls: () => number } {
  let calls = 0;
  return { getFile: async () => files[Math.min(calls++, files.length - 1)]!, calls: () => calls };
}

describe('api: waiting for a public preview', () => {
  it('a video or audio is ready once its playback id exists; an image once its public copy has a URL', () => {
    assert.equal(isPublicPreviewReady(video()), false);
    assert.equal(isPublicPreviewReady(video({ publicPlaybackId: 'vg_play_x' })), true);
    assert.equal(isPublicPreviewReady(video({ type: 'AUDIO', publicPlaybackId: 'vg_play_x' })), true);
    assert.equal(isPublicPreviewReady(makeFileInfo({ isPublicPreviewEnabled: true, staticPublicPreviewSource: ready('https://p/i.png') })), true);
    assert.equal(isPublicPreviewReady(makeFileInfo({ isPublicPreviewEnabled: true, staticPublicPreviewSource: ready(null) })), false);
    assert.equal(isPublicPreviewReady(video({ hlsSource: { ...ready(null), status: 'failed' } })), true, 'no stream: no playback id to wait for');
    assert.equal(isPublicPreviewReady(video({ isPublicPreviewEnabled: false, publicPlaybackId: 'vg_play_x' })), false);
  });

  it('GETs the file at the interval until the playback id arrives, reporting every answer', async () => {
    const later = video({ publicPlaybackId: 'vg_play_x' });
    const api = answers(video(), later);
    const seen: FileInfo[] = [];
    const started = Date.now();
    const result = await waitForPublicPreview(api.getFile, video(), { intervalMs: 30, onFile: (f) => seen.push(f) });
    assert.equal(result, later);
    assert.equal(api.calls(), 2);
    assert.equal(seen.length, 2);
    assert.ok(Date.now() - started >= 55, 'waited the interval between GETs');
  });

  it('resolves at once without a request when the file is already ready', async () => {
    const api = answers(video());
    const file = video({ publicPlaybackId: 'vg_play_x' });
    assert.equal(await waitForPublicPreview(api.getFile, file), file);
    assert.equal(api.calls(), 0);
  });

  it('fails when public preview is turned off meanwhile, or after the time allowed', async () => {
    await assert.rejects(waitForPublicPreview(answers(video({ isPublicPreviewEnabled: false, staticPublicPreviewSource: null })).getFile, video(), { intervalMs: 5 }), PublicPreviewOffError);
    await assert.rejects(waitForPublicPreview(answers(video()).getFile, video(), { intervalMs: 5, timeoutMs: 40 }), PublicPreviewTimeoutError);
  });

  it('stops promptly when aborted', async () => {
    const controller = new AbortController();
    const waiting = waitForPublicPreview(answers(video()).getFile, video(), { intervalMs: 10_000, signal: controller.signal });
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 20);
    await assert.rejects(waiting, /cancelled by the user/);
    assert.ok(Date.now() - started < 1000);
  });
});
