import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileInfo } from '../../src/api/models';
import { FilesDragAndDropController } from '../../src/tree/dragAndDrop';
import type { FileNode, TreeNode } from '../../src/tree/nodes';
import { FILES_VIEW_ID, type FilesTreeProvider } from '../../src/tree/provider';
import { ThumbnailCache } from '../../src/thumbnails/cache';
import { AROUND_FOCUS, TOP_ROWS } from '../../src/tree/thumbnailFocus';
import { serverSourceDir, startServer, type LocalVideoGenServer } from '../server/server';
import { app, createUpload, hooks, serverKey, serverUrl, waitFor } from './support';

const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'&`;

interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** When the request arrived (epoch ms). */
  at: number;
}

async function tree(): Promise<FilesTreeProvider> {
  return (await hooks()).tree;
}

async function admin(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown, base = serverUrl()): Promise<unknown> {
  const response = await fetch(`${base}/__admin/${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  assert.equal(response.status, 200, `admin ${method} ${route} answered ${response.status}`);
  return response.json();
}

async function loggedRequests(): Promise<LoggedRequest[]> {
  return ((await admin('GET', 'requests')) as { requests: LoggedRequest[] }).requests;
}

const isListRequest = (r: LoggedRequest): boolean => r.method === 'GET' && r.path === '/v1/files';
const isThumbnailRequest = (r: LoggedRequest): boolean => r.method === 'GET' && /^\/media\/[^/]+\/thumbnail\./.test(r.path);

/** Every `GET /v1/files` page straight from the server, to compare the tree with. */
async function listFromServer(query: Record<string, string> = {}, base = serverUrl(), key = serverKey()): Promise<FileInfo[]> {
  const files: FileInfo[] = [];
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams({ limit: '200', ...query, ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${base}/v1/files?${params}`, { headers: { authorization: `Bearer ${key}` } });
    const page = (await response.json()) as { files: FileInfo[]; hasMore: boolean; nextCursor: string | null };
    files.push(...page.files);
    cursor = page.hasMore ? page.nextCursor ?? undefined : undefined;
  } while (cursor);
  return files;
}

const settingKeys = ['list.pageSize', 'list.groupBy', 'list.typeFilter', 'list.includeProjectFiles', 'list.includeExportFiles', 'list.thumbnails', 'apiBaseUrl'];

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('videogen').update(key, value, vscode.ConfigurationTarget.Global);
}

async function flat(): Promise<void> {
  await setSetting('list.groupBy', 'none');
}

function fileNodes(nodes: readonly TreeNode[]): FileNode[] {
  return nodes.filter((n): n is FileNode => n.kind === 'file');
}

/** Runs `change` and waits until the session has noticed it (SecretStorage reports changes asynchronously). */
async function keyChange(change: () => Thenable<unknown> | Promise<unknown>): Promise<void> {
  const { session } = await app();
  const noticed = new Promise<void>((resolve) => {
    const subscription = session.onDidChange(() => {
      subscription.dispose();
      resolve();
    });
  });
  await change();
  await noticed;
}

/** Stores `key` (checked by the API) unless it is already the one in use. */
async function useKey(key: string): Promise<void> {
  const { keys } = await app();
  if ((await keys.get())?.key === key) return;
  await keyChange(async () => {
    const result = await vscode.commands.executeCommand<{ saved?: boolean } | undefined>('videogen.setApiKey', key);
    assert.ok(result?.saved !== false, `the key was refused: ${JSON.stringify(result)}`);
  });
}

async function clearKey(): Promise<void> {
  const { keys } = await app();
  if ((await keys.get()) === undefined) return;
  await keyChange(() => vscode.commands.executeCommand('videogen.clearApiKey'));
}

/**
 * A local server of `files` copies of one library entry, which the view lists while the suite runs (thumbnails off
 * until a test turns them on); call the result for the server.
 */
function useLibraryServer(entry: Record<string, unknown>, files: number): () => LocalVideoGenServer {
  let server: LocalVideoGenServer | undefined;
  let libraryDir = '';
  before(async () => {
    libraryDir = mkdtempSync(path.join(tmpdir(), 'videogen-tree-'));
    const libraryFile = path.join(libraryDir, 'library.json');
    writeFileSync(libraryFile, JSON.stringify([entry]));
    server = await startServer({ port: 0, libraryFile, files });
    await setSetting('list.thumbnails', false);
    await setSetting('apiBaseUrl', server.baseUrl);
    await useKey(server.apiKey);
  });
  after(async () => {
    await setSetting('apiBaseUrl', serverUrl());
    await useKey(serverKey());
    await server?.close();
    rmSync(libraryDir, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error('the library server is not started (use it inside it()/before())');
    return server;
  };
}

describe('Files tree', function () {
  this.timeout(60_000);
  const saved: Record<string, unknown> = {};

  before(async () => {
    const config = vscode.workspace.getConfiguration('videogen');
    for (const key of settingKeys) saved[key] = config.inspect(key)?.globalValue;
    await setSetting('apiBaseUrl', serverUrl());
    await setSetting('list.thumbnails', false);
    await admin('POST', 'reset');
    await useKey(serverKey());
    // Files inserted or pinned by earlier suites would show as Recently inserted / Pinned sections above the listing.
    const { remembered } = await app();
    await remembered.forget([...remembered.pinned(), ...remembered.recentlyInserted()]);
  });

  after(async () => {
    await clearKey();
    for (const key of settingKeys) await setSetting(key, saved[key]);
    await admin('POST', 'reset');
  });

  beforeEach(async () => {
    await admin('DELETE', 'faults');
  });

  it('shows nothing, with the "no key" state for the welcome, when no key is set', async () => {
    const { session } = await app();
    const provider = await tree();
    await clearKey();
    assert.deepEqual(await provider.getChildren(), []);
    assert.equal(session.state, 'noKey');
    assert.notEqual(provider.currentStatus, 'error');
    await useKey(serverKey());
  });

  it('shows the first page after exactly one request, newest first', async () => {
    const provider = await tree();
    await flat();
    await setSetting('list.pageSize', 5);
    await admin('DELETE', 'requests');

    const root = await provider.getChildren();
    const expected = (await listFromServer()).slice(0, 5).map((f) => f.fileId);
    assert.deepEqual(fileNodes(root).map((n) => n.file.fileId), expected);
    assert.equal(root.at(-1)?.kind, 'loadMore');
    const lists = (await loggedRequests()).filter(isListRequest);
    assert.equal(lists.length, 1 + 1, 'one request from the tree (plus the one of listFromServer)');
    assert.deepEqual(lists[0].query, { limit: '5' });
    assert.equal(provider.currentStatus, 'loaded');

    const more = provider.getTreeItem(root.at(-1) as TreeNode);
    assert.equal(more.contextValue, 'loadMore');
    assert.equal(more.command?.command, 'videogen.loadMore');
    assert.match(String(more.description), /5/);
  });

  it('groups by type (Images, Videos, Audio, Other) with counts, and lists flat on request', async () => {
    const provider = await tree();
    await setSetting('list.pageSize', 200);
    await vscode.commands.executeCommand('videogen.groupByType');
    assert.equal(vscode.workspace.getConfiguration('videogen').get('list.groupBy'), 'type');
    const server = await listFromServer();

    const groups = await provider.getChildren();
    assert.deepEqual(groups.map((g) => (g.kind === 'group' ? g.group : g.kind)), ['images', 'videos', 'audio', 'other']);
    const expectedGroup = (f: FileInfo): string =>
      f.type === 'IMAGE' ? 'images' : f.type === 'VIDEO' ? 'videos' : f.type === 'AUDIO' ? 'audio' : 'other';
    for (const group of groups) {
      assert.equal(group.kind, 'group');
      const children = fileNodes(await provider.getChildren(group));
      const expected = server.filter((f) => expectedGroup(f) === group.group).map((f) => f.fileId);
      assert.deepEqual(children.map((c) => c.file.fileId), expected, `group ${group.group}`);
      const item = provider.getTreeItem(group);
      assert.equal(item.description, String(expected.length));
      assert.equal(item.contextValue, 'group');
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    }
    const other = fileNodes(await provider.getChildren(groups[3]));
    assert.ok(other.some((n) => n.file.type === null), 'a file still processing (type null) is under Other');
    assert.ok(other.some((n) => n.file.type === 'PDF'), 'the PDF is under Other');

    await vscode.commands.executeCommand('videogen.showFlatList');
    assert.equal(vscode.workspace.getConfiguration('videogen').get('list.groupBy'), 'none');
    const flatNodes = await provider.getChildren();
    assert.deepEqual(fileNodes(flatNodes).map((n) => n.file.fileId), server.map((f) => f.fileId));
  });

  it('filters by type on the client, and sends the include switches to the API', async () => {
    const provider = await tree();
    await flat();
    await provider.getChildren();
    await admin('DELETE', 'requests');

    await setSetting('list.typeFilter', ['AUDIO']);
    const audio = fileNodes(await provider.getChildren());
    assert.ok(audio.length > 0);
    assert.ok(audio.every((n) => n.file.type === 'AUDIO'));
    assert.equal((await loggedRequests()).filter(isListRequest).length, 0, 'a type filter needs no request');

    await setSetting('list.includeProjectFiles', true);
    const withProject = fileNodes(await provider.getChildren());
    assert.ok(withProject.some((n) => n.file.scope === 'PROJECT'), 'project audio is listed');
    let lists = (await loggedRequests()).filter(isListRequest);
    assert.equal(lists.at(-1)?.query.includeProjectFiles, 'true');
    assert.equal(lists.at(-1)?.query.includeExportFiles, undefined);

    await setSetting('list.includeExportFiles', true);
    await setSetting('list.typeFilter', ['VIDEO']);
    const videos = fileNodes(await provider.getChildren());
    assert.ok(videos.some((n) => n.file.scope === 'EXPORT'), 'the export is listed');
    lists = (await loggedRequests()).filter(isListRequest);
    assert.equal(lists.at(-1)?.query.includeExportFiles, 'true');

    await setSetting('list.typeFilter', ['LOTTIE']);
    assert.deepEqual(await provider.getChildren(), []);
    assert.equal(provider.currentStatus, 'filteredEmpty');

    await setSetting('list.typeFilter', []);
    await setSetting('list.includeProjectFiles', false);
    await setSetting('list.includeExportFiles', false);
    assert.ok((await provider.getChildren()).length > 0);
    assert.equal(provider.currentStatus, 'loaded');
  });

  it('describes files: type facts, state badges and menu words in contextValue', async () => {
    const provider = await tree();
    await flat();
    await admin('POST', 'files', { displayName: 'Half-rendered teaser', media: 'launch-teaser', urls: 'fresh', failedRenditions: ['hls'] });
    provider.refresh();
    const nodes = fileNodes(await provider.getChildren());
    const byName = (name: string): FileNode => {
      const node = nodes.find((n) => n.file.displayName === name);
      assert.ok(node, `${name} is listed`);
      return node;
    };

    const teaser = provider.getTreeItem(byName('Spring Launch Teaser'));
    assert.match(String(teaser.contextValue), /^file\b/);
    assert.match(String(teaser.contextValue), /\bvideo\b/);
    assert.match(String(teaser.contextValue), /\bhasDownload\b/);
    assert.match(String(teaser.contextValue), /\bpublic\b/);
    assert.match(String(teaser.description), /^0:0\d · \d+×\d+ · [\d.]+ (KB|MB)/);
    assert.match(String(teaser.description), /public/);
    assert.equal(teaser.id, `file/${byName('Spring Launch Teaser').file.fileId}`);
    assert.equal(teaser.command?.command, 'videogen.openPreview');
    assert.equal(teaser.command?.arguments?.[0], byName('Spring Launch Teaser'));
    assert.equal(teaser.tooltip, undefined, 'the tooltip is resolved lazily');

    const processing = provider.getTreeItem(byName('Customer testimonial (raw upload)'));
    assert.match(String(processing.contextValue), /\bprocessing\b/);
    assert.doesNotMatch(String(processing.contextValue), /\bhasDownload\b/);
    assert.equal((processing.iconPath as vscode.ThemeIcon).id, 'loading~spin');


    const temporary = provider.getTreeItem(byName('Screen recording 2026-10-02 14.31'));
    assert.match(String(temporary.contextValue), /\btemporary\b/);
    assert.match(String(temporary.description), /temporary/);

    const failed = provider.getTreeItem(byName('Half-rendered teaser'));
    assert.match(String(failed.contextValue), /\bfailed\b/);
    assert.doesNotMatch(String(failed.contextValue), /\bhasHls\b/);
    assert.match(String(failed.description), /rendition failed/);

    const podcast = provider.getTreeItem(byName('Founders Podcast Ep. 12 (clip)'));
    assert.match(String(podcast.description), /^\d+:\d\d/);
    assert.doesNotMatch(String(podcast.description), /×/, 'no dimensions for audio');
    assert.equal((podcast.iconPath as vscode.ThemeIcon).id, 'unmute');
  });

  it('sets a 401 to the unauthorized state, and recovers when a good key is set', async () => {
    const { keys, session } = await app();
    const provider = await tree();
    await keyChange(() => keys.store('sk_videogen_wrong'));
    assert.deepEqual(await provider.getChildren(), []);
    assert.equal(provider.currentStatus, 'error');
    assert.equal(session.state, 'unauthorized');

    await useKey(serverKey());
    assert.ok((await provider.getChildren()).length > 0);
    assert.equal(session.state, 'ready');
    assert.equal(provider.currentStatus, 'loaded');
  });

  it('names what a group counts, for screen readers', async () => {
    const provider = await tree();
    await setSetting('list.groupBy', 'type');
    const groups = (await provider.getChildren()).filter((n) => n.kind === 'group');
    assert.ok(groups.length > 0);
    for (const group of groups) {
      const item = provider.getTreeItem(group);
      assert.match(String(item.accessibilityInformation?.label), new RegExp(`^${String(item.label)}, \\d+ files?( loaded so far, more available)?$`));
    }
  });

  it('keeps the rows of a failed refresh and says why in the view; with nothing listed, the error state', async function () {
    this.timeout(40_000);
    const provider = await tree();
    const before = await provider.getChildren();
    assert.ok(before.length > 0);
    await admin('POST', 'faults', { route: 'GET /v1/files', status: 500 });
    provider.refresh();
    assert.equal((await provider.getChildren()).length, before.length, 'a failed refresh loses nothing');
    assert.equal(provider.currentStatus, 'loaded');
    assert.match(String(provider.currentMessage), /VideoGen had a problem \(500\)/);

    (await app()).session.reset(); // a new connection lists from scratch
    assert.deepEqual(await provider.getChildren(), []);
    assert.equal(provider.currentStatus, 'error');

    await admin('DELETE', 'faults');
    await vscode.commands.executeCommand('videogen.refresh');
    assert.ok((await provider.getChildren()).length > 0);
    assert.equal(provider.currentStatus, 'loaded');
    assert.equal(provider.currentMessage, undefined, 'the problem leaves the view with the next load that works');
  });

  it('says at once what a 429 limits and until when, without waiting out Retry-After, and keeps the rows', async function () {
    const provider = await tree();
    const before = await provider.getChildren();
    await admin('POST', 'faults', { route: 'GET /v1/files', status: 429, retryAfterSeconds: 30 });
    const started = Date.now();
    provider.refresh();
    assert.equal((await provider.getChildren()).length, before.length);
    assert.ok(Date.now() - started < 5_000, `told after ${Date.now() - started} ms, not after the 30 s wait`);
    assert.match(String(provider.currentMessage), /limit for listing files was reached until .+ \(in (29|30) s\)/);
    await admin('DELETE', 'faults');
    provider.refresh(); // a refresh takes the place of the load the reset would resume
    await waitFor('the list to load', () => provider.currentMessage === undefined);
  });

  it('loads again by itself once a longer rate limit resets, while the view is shown, and searches again', async function () {
    this.timeout(90_000);
    const provider = await tree();
    await provider.getChildren();
    const limitedThenResumed = (requests: LoggedRequest[]): void => {
      const [limited, resumed, ...more] = requests;
      assert.deepEqual([limited?.status, resumed?.status, more.length], [429, 200, 0], 'one request after the reset, none before');
      assert.ok(resumed!.at - limited!.at >= 7_000, `asked again ${resumed!.at - limited!.at} ms after the 429`);
    };
    try {
      await vscode.commands.executeCommand(`${FILES_VIEW_ID}.focus`);
      // Longer than the client waits out by itself (5 s).
      await admin('POST', 'faults', { route: 'GET /v1/files', retryAfterSeconds: 7, times: 1 });
      await admin('DELETE', 'requests');
      provider.refresh();
      await waitFor('the rate-limit message', () => /limit for listing files was reached until .+ It loads again by itself then\.$/.test(String(provider.currentMessage)));
      await waitFor('the list to load by itself', () => provider.currentMessage === undefined, 30_000);
      limitedThenResumed((await loggedRequests()).filter(isListRequest));

      await admin('POST', 'faults', { route: 'POST /v1/files/search', retryAfterSeconds: 7, times: 1 });
      await admin('DELETE', 'requests');
      await provider.showSearchResults('podcast');
      const resultRows = async () => {
        const results = (await provider.getChildren()).find((node) => node.kind === 'section' && node.section === 'results');
        return results ? provider.getChildren(results) : [];
      };
      assert.ok((await resultRows()).some((node) => node.kind === 'notice' && node.notice === 'failed'), 'the search says it failed');
      await waitFor('the search to run again by itself', async () => (await resultRows()).some((node) => node.kind === 'file'), 30_000);
      limitedThenResumed((await loggedRequests()).filter((r) => r.method === 'POST' && r.path === '/v1/files/search'));
    } finally {
      provider.clearSearchResults();
      await admin('DELETE', 'faults');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
  });

  it('drops the answer of a superseded request: a refresh aborts it and starts over', async () => {
    const provider = await tree();
    await flat();
    await setSetting('list.pageSize', 3);
    await admin('POST', 'faults', { route: 'GET /v1/files', latencyMs: 1500, times: 1 });
    const slow = provider.getChildren();
    await setSetting('list.pageSize', 4); // reloads: the slow request for 3 is aborted
    const fresh = await provider.getChildren();
    assert.equal(fileNodes(fresh).length, 4);
    await slow;
    await new Promise((resolve) => setTimeout(resolve, 1600));
    assert.equal(fileNodes(await provider.getChildren()).length, 4, 'the late page of 3 never landed');
    await setSetting('list.pageSize', 200);
  });

  it('follows the file store: removals and updates show at once, without a request', async () => {
    const provider = await tree();
    const { store } = await app();
    await flat();
    const [first, second] = fileNodes(await provider.getChildren());
    await admin('DELETE', 'requests');

    store.remove(first.file.fileId);
    const after = fileNodes(await provider.getChildren());
    assert.ok(!after.some((n) => n.file.fileId === first.file.fileId));

    store.put({ ...second.file, displayName: 'Renamed by test', isPublicPreviewEnabled: true });
    const updated = fileNodes(await provider.getChildren()).find((n) => n.file.fileId === second.file.fileId);
    assert.ok(updated);
    const item = provider.getTreeItem(updated);
    assert.equal(item.label, 'Renamed by test');
    assert.match(String(item.contextValue), /\bpublic\b/);
    assert.equal((await loggedRequests()).filter(isListRequest).length, 0);

    provider.refresh();
    await waitFor('the refreshed list to show the removed file again', async () => fileNodes(await provider.getChildren()).some((n) => n.file.fileId === first.file.fileId));
  });

  it('returns the selected files, and drags file IDs as text, one per line', async () => {
    const provider = await tree();
    await flat();
    assert.deepEqual(provider.selectedFiles(), []);
    const [a, b] = fileNodes(await provider.getChildren());
    const controller = new FilesDragAndDropController();
    assert.deepEqual(controller.dragMimeTypes, ['text/plain']);
    const transfer = new vscode.DataTransfer();
    controller.handleDrag([a, b], transfer);
    assert.equal(await transfer.get('text/plain')?.asString(), `${a.file.fileId}\n${b.file.fileId}`);
    assert.equal(transfer.get('text/uri-list'), undefined);
  });

  it('keeps a hostile name inert: verbatim label, escaped tooltip', async () => {
    const provider = await tree();
    await flat();
    await admin('POST', 'files', { displayName: HOSTILE_NAME, type: 'IMAGE', media: 'product-shot', urls: 'fresh', description: '**bold** [link](command:videogen.clearApiKey)' });
    provider.refresh();
    const node = fileNodes(await provider.getChildren()).find((n) => n.file.displayName === HOSTILE_NAME);
    assert.ok(node, 'the hostile file is listed');
    const item = provider.getTreeItem(node);
    assert.equal(item.label, HOSTILE_NAME);

    const resolved = await provider.resolveTreeItem(item, node, new vscode.CancellationTokenSource().token);
    const tooltip = resolved.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(!tooltip.isTrusted, 'the tooltip is not trusted');
    assert.ok(!tooltip.supportHtml, 'raw HTML is off');
    assert.ok(!tooltip.value.includes('<img'), `raw HTML in ${tooltip.value}`);
    assert.ok(tooltip.value.includes('&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;&#34;&#39;&#38;'), tooltip.value);
    assert.ok(!tooltip.value.includes('[link](command:'), 'the description cannot make a link');
    assert.ok(tooltip.value.includes(node.file.fileId));
  });

  it('turns an upload from processing into the finished file while the view is shown, without a refresh', async function () {
    this.timeout(60_000);
    const provider = await tree();
    await flat();
    const { fileId, uploadUrl } = await createUpload('Watched upload.png');
    const nodeOf = async (): Promise<FileNode | undefined> => fileNodes(await provider.getChildren()).find((n) => n.file.fileId === fileId);
    const polls = async (): Promise<LoggedRequest[]> => (await loggedRequests()).filter((r) => r.method === 'GET' && r.path === `/v1/files/${fileId}`);

    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    provider.refresh();
    const listed = await nodeOf();
    assert.ok(listed, 'the new upload is listed');
    assert.match(String(provider.getTreeItem(listed).contextValue), /\bprocessing\b/);
    const put = await fetch(uploadUrl, { method: 'PUT', body: readFileSync(path.join(serverSourceDir(), 'media', 'product-shot.png')) });
    assert.equal(put.status, 200);

    await admin('DELETE', 'requests');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    assert.deepEqual(await polls(), [], 'nothing is polled while the view is hidden');
    assert.equal((await nodeOf())?.file.type, null);

    try {
      await vscode.commands.executeCommand(`${FILES_VIEW_ID}.focus`);
      const done = await waitFor('the upload to finish in the tree', async () => {
        const node = await nodeOf();
        return node?.file.type === 'IMAGE' ? node : undefined;
      }, 30_000);
      assert.doesNotMatch(String(provider.getTreeItem(done).contextValue), /\bprocessing\b/);
      assert.match(String(provider.getTreeItem(done).description), /640×480/);
      assert.ok((await polls()).length >= 1, 'the file was read with GET /v1/files/{id}');
      assert.equal((await loggedRequests()).filter(isListRequest).length, 0, 'no list request: the row was updated in place');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
  });

  describe('thumbnails', () => {
    let directory: vscode.Uri;

    before(async () => {
      directory = vscode.Uri.joinPath((await app()).context.globalStorageUri, 'thumbnails');
      // Earlier suites (hovers, completion) may have cached thumbnails of the sample library in this window.
      await (await app()).thumbnails.clear();
      await admin('POST', 'reset');
    });

    after(async () => {
      await setSetting('list.thumbnails', false);
    });

    it('shows real thumbnails, cached on disk: a second load makes no media request', async () => {
      const provider = await tree();
      await flat();
      provider.refresh();
      await setSetting('list.thumbnails', true);
      const nodes = fileNodes(await provider.getChildren());
      const withThumbnail = nodes.filter((n) => /^(?=.*\bhasThumbnail\b)(?!.*\bprocessing\b)/.test(String(provider.getTreeItem(n).contextValue)));
      assert.ok(withThumbnail.length >= 5, 'the sample library has thumbnails');
      for (const node of nodes) provider.getTreeItem(node);
      for (const node of withThumbnail) {
        await waitFor(`the thumbnail of ${node.file.displayName}`, () => {
          const icon = provider.getTreeItem(node).iconPath;
          return icon instanceof vscode.Uri ? icon : undefined;
        });
      }
      const first = await loggedRequests();
      assert.ok(first.filter(isThumbnailRequest).length >= withThumbnail.length);
      const hydrations = first.filter((r) => r.method === 'POST' && r.path.endsWith('/hydrate'));
      assert.ok(hydrations.length > 0, 'expired or missing thumbnail URLs were hydrated');
      assert.equal(new Set(hydrations.map((r) => r.path)).size, hydrations.length, 'no file hydrated twice');
      const icon = provider.getTreeItem(withThumbnail[0]).iconPath as vscode.Uri;
      assert.ok(icon.path.startsWith(directory.path), `${icon.toString()} is in the cache directory`);
      const stat = await vscode.workspace.fs.stat(icon);
      assert.ok(stat.size > 0);

      // The same window: a refresh re-lists, but every icon comes from the cache.
      await admin('DELETE', 'requests');
      provider.refresh();
      for (const node of fileNodes(await provider.getChildren())) provider.getTreeItem(node);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual((await loggedRequests()).filter((r) => !isListRequest(r)), []);

      // A new session (a fresh cache on the same directory) finds them on disk.
      let fetched = 0;
      const reopened = new ThumbnailCache({
        directory,
        fetchImage: async () => {
          fetched++;
          throw new Error('no download expected');
        },
        hydrate: async () => {
          fetched++;
          return undefined;
        },
        peekHydrated: async () => undefined,
        log: (await app()).log,
      });
      await reopened.ready();
      for (const node of withThumbnail) assert.ok(await reopened.load(node.file), `${node.file.displayName} is on disk`);
      assert.equal(fetched, 0);
      reopened.dispose();
    });

    it('puts the cached thumbnail in the tooltip', async () => {
      const provider = await tree();
      const node = fileNodes(await provider.getChildren()).find((n) => n.file.displayName === 'Mountain at sunrise');
      assert.ok(node);
      const item = await provider.resolveTreeItem(provider.getTreeItem(node), node, new vscode.CancellationTokenSource().token);
      const value = (item.tooltip as vscode.MarkdownString).value;
      assert.match(value, /^!\[[^\]]*\]\((file|vscode-[a-z-]+|data):[^)]+\|height=\d+\)/);
      assert.match(value, /\*\*Mountain at sunrise\*\*/);
      assert.match(value, /Source tool: Generate image/, 'enum values are worded, not shown raw');
      assert.doesNotMatch(value, /GENERATE_IMAGE/);
    });

    it('falls back to codicons when thumbnails are off', async () => {
      const provider = await tree();
      await setSetting('list.thumbnails', false);
      const node = fileNodes(await provider.getChildren()).find((n) => n.file.type === 'IMAGE');
      assert.ok(node);
      assert.equal((provider.getTreeItem(node).iconPath as vscode.ThemeIcon).id, 'file-media');
    });
  });

  describe('an empty library', () => {
    let empty: LocalVideoGenServer;
    let libraryDir: string;

    before(async () => {
      libraryDir = mkdtempSync(path.join(tmpdir(), 'videogen-tree-'));
      const libraryFile = path.join(libraryDir, 'library.json');
      writeFileSync(libraryFile, JSON.stringify([{ displayName: 'Gone', type: 'IMAGE', media: 'brand-logo', archived: true }]));
      empty = await startServer({ port: 0, libraryFile });
      await setSetting('apiBaseUrl', empty.baseUrl);
      await useKey(empty.apiKey);
    });

    after(async () => {
      await setSetting('apiBaseUrl', serverUrl());
      await useKey(serverKey());
      await empty.close();
      rmSync(libraryDir, { recursive: true, force: true });
    });

    it('shows no items and the "empty" status for the welcome', async () => {
      const provider = await tree();
      provider.refresh();
      assert.deepEqual(await provider.getChildren(), []);
      assert.equal(provider.currentStatus, 'empty');
    });
  });

  describe('a library of 1,000 files', () => {
    const big = useLibraryServer({ displayName: 'Clip', type: 'VIDEO', media: 'launch-teaser', urls: 'none' }, 1000);

    it('loads more until the end: every file once, exactly one request per page', async () => {
      const provider = await tree();
      await flat();
      await setSetting('list.pageSize', 100);
      big().requests.length = 0;

      let root = await provider.getChildren();
      assert.equal(fileNodes(root).length, 100);
      // Two clicks at once share one request.
      await Promise.all([provider.loadMore(), provider.loadMore(), vscode.commands.executeCommand('videogen.loadMore')]);
      root = await provider.getChildren();
      assert.equal(fileNodes(root).length, 200);
      while (root.at(-1)?.kind === 'loadMore') {
        await provider.loadMore();
        root = await provider.getChildren();
      }
      const ids = fileNodes(root).map((n) => n.file.fileId);
      assert.equal(ids.length, 1000);
      assert.equal(new Set(ids).size, 1000, 'no duplicates');
      const lists = big().requests.filter((r) => r.method === 'GET' && r.path === '/v1/files');
      assert.equal(lists.length, 10, 'one request per page');
      const cursors = lists.map((r) => r.query.cursor);
      assert.equal(cursors[0], undefined);
      assert.equal(new Set(cursors.slice(1)).size, 9, 'each cursor followed once');
      assert.equal(provider.currentStatus, 'loaded');
      assert.equal(await provider.loadMore(), undefined);
      assert.equal(big().requests.filter((r) => r.path === '/v1/files').length, 10, 'nothing fetched after the end');
    });

    it('keeps loading, within a bound, while a type filter hides everything loaded', async () => {
      const provider = await tree();
      await flat();
      await setSetting('list.pageSize', 50);
      await setSetting('list.typeFilter', ['AUDIO']);
      big().requests.length = 0;
      const root = await provider.getChildren();
      const lists = big().requests.filter((r) => r.method === 'GET' && r.path === '/v1/files');
      assert.equal(lists.length, 1 + 5, 'the first page, then at most 5 more looking for a match');
      assert.deepEqual(root.map((n) => n.kind), ['loadMore']);
      assert.match(String(provider.getTreeItem(root[0]).description), /0 matching of 300 loaded/);
      await setSetting('list.typeFilter', []);
    });
  });

  describe('thumbnails of a long list', () => {
    const long = useLibraryServer({ displayName: 'Still', type: 'IMAGE', media: 'brand-logo', urls: 'fresh' }, 1000);
    const isHydrate = (r: LoggedRequest): boolean => r.method === 'POST' && r.path.endsWith('/hydrate');

    before(async () => {
      await (await app()).thumbnails.clear();
    });

    after(async () => {
      delete ((await app()).thumbnails as { request?: unknown }).request;
      await setSetting('list.thumbnails', false);
    });

    it('a first page: one list request before its rows, then thumbnails for the top rows only; Load more: the rows around it', async () => {
      const provider = await tree();
      const { thumbnails } = await app();
      await flat();
      await setSetting('list.thumbnails', true);
      const asked = new Set<string>();
      const request = thumbnails.request.bind(thumbnails);
      thumbnails.request = (file: FileInfo) => {
        asked.add(file.fileId);
        request(file);
      };
      await setSetting('list.pageSize', 200); // a new query: the next getChildren is a first load
      long().requests.length = 0;

      const rows = fileNodes(await provider.getChildren());
      for (const node of rows) provider.getTreeItem(node); // as VS Code does: the item of every child, rendered or not
      assert.equal(rows.length, 200);
      assert.deepEqual(long().requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/files'], 'the list alone, until the rows are handed over');
      assert.equal(asked.size, 0, 'no thumbnail is asked for before the first rows are painted');

      const top = rows.slice(0, TOP_ROWS);
      await waitFor('the thumbnails of the top rows', () => top.every((n) => thumbnails.peek(n.file.fileId)) || undefined);
      assert.deepEqual([...asked], top.map((n) => n.file.fileId), 'only the top rows');
      assert.equal(long().requests.filter(isThumbnailRequest).length, TOP_ROWS);
      const itemBefore = provider.getTreeItem(rows[150]);

      await provider.loadMore();
      const more = fileNodes(await provider.getChildren());
      for (const node of more) provider.getTreeItem(node);
      assert.equal(more.length, 400);
      assert.strictEqual(provider.getTreeItem(rows[150]), itemBefore, 'a row of an earlier page is not made again');
      const around = more.slice(200 - AROUND_FOCUS, 200 + AROUND_FOCUS);
      await waitFor('the thumbnails around Load more', () => around.every((n) => thumbnails.peek(n.file.fileId)) || undefined);
      assert.equal(asked.size, TOP_ROWS + 2 * AROUND_FOCUS, 'the top rows and the rows around Load more, nothing else');
      const requests = long().requests;
      assert.equal(requests.filter(isThumbnailRequest).length, TOP_ROWS + 2 * AROUND_FOCUS, 'each thumbnail fetched once');
      assert.equal(requests.filter(isListRequest).length, 2, 'one list request per page');
      assert.equal(requests.filter(isHydrate).length, 0, 'fresh listed URLs are used as they are');
    });
  });
});
