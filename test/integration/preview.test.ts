// The media preview editors (src/preview), driven through the App the extension exports and the
// local VideoGen server. Panel internals are read through PreviewPanelManager's documented test surface
// (debugState / debugReceive), which goes through the same code as messages from the real webview.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileInfo } from '../../src/api';
import type { App } from '../../src/app';
import type { PreviewPanelState } from '../../src/preview/panel';
import type { PreviewPanelManager } from '../../src/preview/panels';
import type { WebviewToHost } from '../../src/preview/protocol';
import type { TestHooks } from '../../src/testHooks';
import { serverSourceDir } from '../server/server';
import { admin, createUpload, hooks, serverKey, serverUrl, waitFor } from './support';

const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'&`;

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** When the request arrived (epoch ms). */
  at: number;
}

async function hydrateRequests(fileId: string): Promise<LoggedRequest[]> {
  const { requests } = await admin<{ requests: LoggedRequest[] }>('GET', 'requests');
  return requests.filter((r) => r.method === 'POST' && r.path === `/v1/files/${fileId}/hydrate`);
}

function expiresOf(signedUrl: string): number {
  return Number(new URL(signedUrl).searchParams.get('expires'));
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('videogen.preview'));
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('preview tabs to close', () => previewTabs().length === 0);
}

describe('Media preview', function () {
  let app: App;
  let previews: PreviewPanelManager;
  let testHooks: TestHooks;
  let library: FileInfo[];
  let baseUrlBefore: string | undefined;

  const byName = (name: string): FileInfo => {
    const file = library.find((f) => f.displayName === name);
    assert.ok(file, `the sample library has no file named ${name}`);
    return file;
  };

  /** Opens the preview and waits until the host has shown the loaded file (or its failure). */
  async function open(file: FileInfo): Promise<PreviewPanelState> {
    await previews.open(file);
    return waitFor(`the preview of ${file.displayName} to load`, () => {
      const state = testHooks.previewState(file.fileId);
      return state && state.status.kind !== 'loading' ? state : undefined;
    });
  }

  function state(fileId: string): PreviewPanelState {
    const current = testHooks.previewState(fileId);
    assert.ok(current, `no preview is open for ${fileId}`);
    return current;
  }

  async function send(fileId: string, message: WebviewToHost): Promise<void> {
    await testHooks.deliverToPreview(fileId, message);
  }

  /**
   * Covers the preview with a text editor: its webview (not retained when hidden) goes away, so only
   * the messages a test simulates reach the host, not those of the real page loading the media.
   */
  async function hideWebview(fileId: string): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor('the preview to be hidden', () => !state(fileId).visible);
  }

  before(async function () {
    this.timeout(30000);
    const configuration = vscode.workspace.getConfiguration('videogen');
    baseUrlBefore = configuration.inspect<string>('apiBaseUrl')?.globalValue;
    await configuration.update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await admin('POST', 'reset');
    testHooks = await hooks();
    app = testHooks.app;
    previews = testHooks.previews;
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
  });

  beforeEach(async () => {
    // Every test starts from the server's initial library, with URLs nobody revoked and an empty cache.
    await admin('POST', 'reset');
    (await app.session.hydratedFiles()).clear();
    library = (await (await app.session.requireClient()).listFiles({ limit: 200 })).files;
  });

  afterEach(closeAllEditors);

  after(async () => {
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', baseUrlBefore, vscode.ConfigurationTarget.Global);
  });

  it('opens one editor tab per file and reveals it when opened again', async () => {
    const image = byName('Aurora Headphones — studio shot');
    const video = byName('Spring Launch Teaser');
    await open(image);
    await waitFor('the preview tab', () => previewTabs().length === 1);
    assert.equal(previewTabs()[0].label, image.displayName);

    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await previews.open(image);
    await waitFor('the preview to be active again', () => previewTabs().some((tab) => tab.isActive));
    assert.equal(previewTabs().length, 1, 'opening the same file again must reuse its tab');

    await open(video);
    await waitFor('a second preview tab', () => previewTabs().length === 2);
  });

  it('sends the image, video and audio with fresh signed URLs, metadata and transcript', async () => {
    const nowSeconds = Date.now() / 1000;
    const expectations: [string, string, string][] = [
      ['Aurora Headphones — studio shot', 'image', 'downloadSource'], // its 320 px preview is smaller than the 640 px original
      ['Spring Launch Teaser', 'video', 'previewSource'],
      ['Welcome voiceover', 'audio', 'downloadSource'],
    ];
    for (const [name, kind, firstSource] of expectations) {
      const file = byName(name);
      const { status, model } = await open(file);
      assert.deepEqual(status, { kind: 'ready' }, name);
      assert.ok(model, name);
      assert.equal(model.kind, kind, name);
      assert.equal(model.candidates[0]?.source, firstSource, `${name}: first choice of URL`);
      for (const candidate of model.candidates) {
        assert.ok(expiresOf(candidate.url) > nowSeconds + 60, `${name}: ${candidate.source} must be valid for more than a minute`);
      }
      assert.equal(model.displayName, name);
      assert.equal(model.fileId, file.fileId);
      assert.ok(model.actions.includes('copyFileId') && model.actions.includes('insertFileId'), `${name}: actions`);
    }
    const video = state(byName('Spring Launch Teaser').fileId).model;
    assert.ok(video?.transcript && video.transcript.words.length > 3, 'the video has a timed transcript');
    assert.equal(video.transcript.words[0].word, 'Meet');
    assert.ok(video.thumbnailUrl, 'the video has a poster');
    assert.ok(video.actions.includes('copyHlsUrl') && video.actions.includes('copyPublicPreviewUrl'), 'HLS and public preview actions');
    const hls = video.candidates.find((c) => c.source === 'hlsSource');
    assert.equal(hls?.mimeType, 'application/vnd.apple.mpegurl', 'HLS is offered only with its type, for canPlayType');
  });

  it('shows a PDF as details with "Open in VideoGen" and its thumbnail', async () => {
    const { model } = await open(byName('Q3 campaign brief.pdf'));
    assert.ok(model);
    assert.equal(model.kind, 'other');
    assert.deepEqual(model.candidates, []);
    assert.ok(model.actions.includes('openInVideoGen'));
    assert.ok(model.thumbnailUrl);
    assert.deepEqual(
      model.details.map((row) => row.label),
      ['Name', 'Type', 'Scope', 'Size', 'Public preview', 'Description', 'File ID'],
    );
  });

  it('a single click opens a preview that the next single click replaces; Open Preview keeps its tab', async () => {
    const [first, second, third] = [byName('Homepage hero photo'), byName('Brand logo'), byName('Mountain at sunrise')];
    await previews.open(first, { preview: true });
    await waitFor('the first preview', () => testHooks.previewState(first.fileId));
    await previews.open(second, { preview: true });
    await waitFor('the second preview to replace the first', () => testHooks.previewState(second.fileId) && !testHooks.previewState(first.fileId));
    await waitFor('one tab for single clicks', () => previewTabs().length === 1);

    await previews.open(second); // opened for good: the next single click opens beside it
    await previews.open(third, { preview: true });
    await waitFor('the third preview', () => testHooks.previewState(third.fileId));
    assert.ok(testHooks.previewState(second.fileId), 'the kept tab stays');
    await waitFor('two tabs: the kept one and the new single-click one', () => previewTabs().length === 2);
  });

  it('says a file is still processing, and looks again later', async () => {
    const { model, status, refreshDueMs } = await open(byName('Customer testimonial (raw upload)'));
    assert.deepEqual(status, { kind: 'ready' });
    assert.ok(model?.processing);
    assert.deepEqual(model.candidates, []);
    assert.ok(!model.actions.includes('saveToWorkspace'), 'nothing to save before processing has finished');
    assert.ok(model.actions.includes('openInVideoGen'), 'the web app page exists from the start');
    assert.equal(refreshDueMs, undefined, 'the panel runs no poll of its own');
    assert.ok(app.processing.scheduled, "the window's one processing poll runs while the preview is open");
  });

  it('a file that finishes processing turns into the finished file in the tree and the open preview, from one poll', async function () {
    this.timeout(60_000);
    const { fileId, uploadUrl } = await createUpload('Finishing upload.png');
    const processing = await (await app.session.requireClient()).getFile(fileId);
    assert.equal(processing.type, null);
    const thumbnails = vscode.workspace.getConfiguration('videogen').inspect<boolean>('list.thumbnails')?.globalValue;
    await vscode.workspace.getConfiguration('videogen').update('list.thumbnails', false, vscode.ConfigurationTarget.Global); // not under test here
    await vscode.commands.executeCommand('videogen.files.focus');
    try {
    testHooks.tree.refresh();
    await waitFor('the upload to be listed', async () => (await testHooks.tree.getChildren()).length > 0 && app.store.get(fileId) !== undefined);
    const shown = await open(processing);
    assert.ok(shown.model?.processing);
    await admin('DELETE', 'requests');
    const started = Date.now();
    const put = await fetch(uploadUrl, { method: 'PUT', body: fs.readFileSync(path.join(serverSourceDir(), 'media', 'product-shot.png')) });
    assert.equal(put.status, 200);

    const done = await waitFor('the preview to show the finished image', () => {
      const current = testHooks.previewState(fileId);
      return current?.model && !current.model.processing && current.model.candidates.length > 0 ? current : undefined;
    }, 40_000);
    assert.equal(done.model?.kind, 'image');
    assert.equal(app.store.get(fileId)?.type, 'IMAGE', 'the tree reads the same finished file from the store');
    const { requests } = await admin<{ requests: { method: string; path: string }[] }>('GET', 'requests');
    const polls = requests.filter((r) => r.method === 'GET' && r.path === `/v1/files/${fileId}`);
    const rounds = Math.ceil((Date.now() - started) / 3_000) + 1;
    assert.ok(polls.length >= 1 && polls.length <= rounds, `${polls.length} GETs in ${Date.now() - started} ms: one poller, not one per view`);
    assert.equal(requests.filter((r) => r.method === 'GET' && r.path === '/v1/files').length, 0, 'no list request: the row was updated in place');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.workspace.getConfiguration('videogen').update('list.thumbnails', thumbnails, vscode.ConfigurationTarget.Global);
    }
  });

  it('hydrates expired URLs before sending them to the webview', async () => {
    const file = byName('Homepage hero photo');
    await admin('POST', 'expire-urls');
    const expired = (await (await app.session.requireClient()).getFile(file.fileId));
    assert.ok(expired.previewSource?.expiresAt && expired.previewSource.expiresAt * 1000 < Date.now(), 'the server really expired the URL');
    await admin('DELETE', 'requests');

    const { model, status } = await open(expired);
    assert.deepEqual(status, { kind: 'ready' });
    assert.equal((await hydrateRequests(file.fileId)).length, 1, 'exactly one hydrate call before showing');
    const sent = model?.candidates.map((c) => c.url) ?? [];
    assert.ok(sent.length > 0);
    assert.ok(!sent.includes(expired.previewSource?.url ?? ''), 'the expired URL must not reach the webview');
  });

  it('re-hydrates exactly once after a media error, then marks the source unplayable', async () => {
    const file = byName('Aurora Headphones — studio shot'); // an image: the real page never fails on it by itself
    const before = await open(file);
    const failing = before.model?.candidates[0];
    assert.ok(failing);
    await hideWebview(file.fileId);
    await admin('DELETE', 'requests');

    await send(file.fileId, { type: 'mediaError', source: failing.source, url: failing.url, code: 4 });
    assert.equal((await hydrateRequests(file.fileId)).length, 1, 'one re-hydration');
    const after = state(file.fileId);
    assert.equal(after.recoveries, 1);
    const renewed = after.model?.candidates.find((c) => c.source === failing.source);
    assert.ok(renewed, 'the source is offered again');
    assert.equal(renewed.unplayable, false);
    // Signed within the same second as before, the URL may be identical: what counts is that it was re-signed.
    assert.ok(expiresOf(renewed.url) >= expiresOf(failing.url));

    // The fresh URL fails too: not an expiry problem, so no second hydration; the source is given up.
    await send(file.fileId, { type: 'mediaError', source: failing.source, url: renewed.url, code: 4 });
    assert.equal((await hydrateRequests(file.fileId)).length, 1, 'still one re-hydration');
    const final = state(file.fileId);
    assert.deepEqual(final.unplayable, [failing.source]);
    assert.equal(final.model?.candidates.find((c) => c.source === failing.source)?.unplayable, true);

    // A late report about the URL that was replaced changes nothing.
    await send(file.fileId, { type: 'mediaError', source: failing.source, url: failing.url, code: 2 });
    assert.equal((await hydrateRequests(file.fileId)).length, 1);
    assert.equal(state(file.fileId).recoveries, 1);
  });

  it('says why when the re-hydration fails, and does not retry in a loop', async () => {
    const file = byName('Aurora Headphones — studio shot');
    const failing = (await open(file)).model?.candidates[0];
    assert.ok(failing);
    await hideWebview(file.fileId);
    await admin('POST', 'faults', { route: `POST /v1/files/${file.fileId}/hydrate`, status: 404 });
    await admin('DELETE', 'requests');

    await send(file.fileId, { type: 'mediaError', source: failing.source, url: failing.url, code: 2 });
    const status = state(file.fileId).status;
    assert.equal(status.kind, 'error');
    assert.ok(status.kind === 'error' && status.actions.includes('retry'));
    await send(file.fileId, { type: 'mediaError', source: failing.source, url: failing.url, code: 2 });
    assert.equal((await hydrateRequests(file.fileId)).length, 1, 'one attempt per URL until the user retries');
  });

  it('recovers URLs the server revoked while the preview was open', async () => {
    const file = byName('Welcome voiceover');
    const before = await open(file);
    const playing = before.model?.candidates[0];
    assert.ok(playing);
    await hideWebview(file.fileId);
    await admin('POST', 'expire-urls'); // the cached URLs still look fresh, but the server now answers 403
    const revoked = await fetch(playing.url, { headers: { range: 'bytes=0-1' } });
    assert.equal(revoked.status, 403);

    await send(file.fileId, { type: 'mediaError', source: playing.source, url: playing.url, code: 4 });
    const renewed = state(file.fileId).model?.candidates[0];
    assert.ok(renewed && renewed.url !== playing.url);
    const works = await fetch(renewed.url, { headers: { range: 'bytes=0-1' } });
    assert.ok(works.ok, `the renewed URL answers ${works.status}`);
  });

  it('schedules the background re-signing before the URLs expire', async () => {
    const file = byName('Aurora Headphones — studio shot');
    const { model, refreshDueMs } = await open(file);
    assert.ok(model && refreshDueMs !== undefined, 'a refresh is scheduled');
    const earliestExpiryMs = Math.min(...model.candidates.map((c) => expiresOf(c.url) * 1000));
    assert.ok(refreshDueMs <= earliestExpiryMs - 60_000, 'the refresh runs at least a minute before the URLs expire');
    assert.ok(refreshDueMs > Date.now(), 'and not right away');
  });

  it('re-signs in the background while shown, and on showing again when the refresh fell due while hidden', async () => {
    const file = byName('Aurora Headphones — studio shot');
    await open(file);
    await admin('POST', 'expire-urls'); // so the re-signed URLs differ from the ones shown
    await admin('DELETE', 'requests');
    testHooks.refreshPreviewUrls(file.fileId);
    assert.equal(state(file.fileId).loading, true, 'a shown preview refreshes at once');
    await waitFor('the background hydration', async () => (await hydrateRequests(file.fileId)).length === 1);
    await waitFor('a working re-signed URL in the model', async () => {
      const url = state(file.fileId).model?.candidates[0]?.url;
      return url !== undefined && (await fetch(url)).ok;
    });
    assert.equal(state(file.fileId).status.kind, 'ready', 'no "Loading…" for a refresh in the background');

    await hideWebview(file.fileId);
    await admin('DELETE', 'requests');
    testHooks.refreshPreviewUrls(file.fileId);
    assert.equal(state(file.fileId).loading, false, 'a hidden preview does not refresh');
    await previews.open(file); // reveals it: the page reloads and the missed refresh runs
    await waitFor('the missed refresh', async () => (await hydrateRequests(file.fileId)).length === 1);
  });

  it('has a strict Content-Security-Policy: no inline code, only the exact media origin', async () => {
    const { html } = await open(byName('Spring Launch Teaser'));
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.ok(csp.startsWith("default-src 'none'"), csp);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
    assert.ok(!/(^|\s)(\*|https?:|data:)(\s|;|$)/.test(csp), `no wildcard or scheme-wide source: ${csp}`);
    const origin = new URL(serverUrl()).origin;
    assert.match(csp, new RegExp(`media-src [^;]*${origin.replace(/[.:/]/g, '\\$&')}`));
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'scripts by nonce');
    assert.ok(html.includes(`<script nonce="${nonce}"`));
    assert.ok(!/\sstyle=/.test(html), 'no inline style attribute');
  });

  it('shows a hostile display name as literal text, in the tab and to the webview', async () => {
    const added = await admin<{ fileId: string }>('POST', 'files', {
      displayName: HOSTILE_NAME,
      media: 'product-shot',
      description: '<script>window.__pwned = true</script>',
      urls: 'fresh',
    });
    const file = await (await app.session.requireClient()).getFile(added.fileId);
    const { title, model, html } = await open(file);
    assert.equal(title, HOSTILE_NAME);
    await waitFor('the tab label', () => previewTabs().some((tab) => tab.label === HOSTILE_NAME));
    assert.equal(model?.displayName, HOSTILE_NAME);
    assert.ok(!html.includes('onerror') && !html.includes('__pwned'), 'API strings are never written into the HTML');
  });

  it('says what is wrong when the file is gone, with Retry', async () => {
    const template = byName('Aurora Headphones — studio shot');
    const ghost: FileInfo = { ...template, fileId: 'vg_file_0000000000000000000001', previewSource: null, downloadSource: null, thumbnailSource: null };
    const { status } = await open(ghost);
    assert.equal(status.kind, 'error');
    assert.ok(status.kind === 'error' && status.actions.includes('retry'));
    assert.match(status.kind === 'error' ? status.message : '', /no longer in your VideoGen library/);
  });

  it('asks for an API key when none is set, and loads once one is', async () => {
    const file = byName('Brand logo');
    await open(file);
    await vscode.commands.executeCommand('videogen.clearApiKey');
    const missing = await waitFor('the no-key error', () => {
      const s = state(file.fileId).status;
      return s.kind === 'error' ? s : undefined;
    });
    assert.deepEqual(missing.actions, ['setApiKey']);

    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    await waitFor('the preview to load again', () => state(file.fileId).status.kind === 'ready');
  });

  it('opens beside the code and inserts the file ID into the last text editor from the toolbar', async () => {
    const document = await vscode.workspace.openTextDocument({ content: '' });
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const file = byName('Mountain at sunrise');
    await open(file);
    await waitFor('the preview to become active', () => previewTabs().some((tab) => tab.isActive));
    const tab = previewTabs()[0];
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview opens beside the text editor');
    assert.equal(vscode.window.activeTextEditor, undefined, 'the webview has the focus');

    await send(file.fileId, { type: 'action', action: 'insertFileId' });
    await waitFor('the inserted ID', () => document.getText().includes(file.fileId));
  });

  it('hydrates again by itself once a longer rate limit resets, while the preview is open', async function () {
    this.timeout(60_000);
    const file = byName('Homepage hero photo');
    await admin('POST', 'expire-urls');
    const expired = await (await app.session.requireClient()).getFile(file.fileId);
    // Longer than the client waits out by itself (5 s): the panel says so, then resumes on its own.
    await admin('POST', 'faults', { route: `POST /v1/files/${file.fileId}/hydrate`, retryAfterSeconds: 7, times: 1 });
    await admin('DELETE', 'requests');

    const { status } = await open(expired);
    assert.equal(status.kind, 'error');
    assert.match(status.kind === 'error' ? status.message : '', /limit for signing media links \(hydrate\) was reached until/);
    const ready = await waitFor('the preview to load by itself', () => (state(file.fileId).status.kind === 'ready' ? state(file.fileId) : undefined), 30_000);
    assert.ok((ready.model?.candidates.length ?? 0) > 0, 'the re-signed media is sent to the webview');
    const [limited, resumed, ...more] = await hydrateRequests(file.fileId);
    assert.deepEqual([limited?.status, resumed?.status, more.length], [429, 200, 0], 'one hydrate after the reset, none before');
    assert.ok(resumed!.at - limited!.at >= 7_000, `hydrated again ${resumed!.at - limited!.at} ms after the 429`);
  });

  it('restores a preview from the state its webview saved', async () => {
    const file = byName('Robot mascot concept');
    const panel = vscode.window.createWebviewPanel('videogen.preview', 'restored', vscode.ViewColumn.Active);
    await previews.deserializeWebviewPanel(panel, { fileId: file.fileId, currentTime: 0 });
    const restored = state(file.fileId);
    assert.equal(restored.title, file.displayName);
    assert.equal(restored.status.kind, 'ready');
    assert.equal(restored.model?.kind, 'image');
  });
});
