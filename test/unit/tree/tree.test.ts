// Pure parts of the Files tree (src/tree): paging, file facts, bounds, image sniffing. No VS Code needed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileInfo, FilePage, FileSource } from '../../../src/api/models';
import { contextValueOf, factsOf, formatBytes, formatDuration, groupOf, statesOf } from '../../../src/files/facts';
import { FileStore } from '../../../src/files/store';
import { FileLibrary, type PageFetcher, type PageQuery } from '../../../src/tree/library';
import { ConcurrencyLimiter, SlidingWindowBudget } from '../../../src/async/limits';
import { sniffImage } from '../../../src/thumbnails/imageFetch';
import { makeFileInfo } from '../fakes';

const QUERY: PageQuery = { pageSize: 2, includeProjectFiles: false, includeExportFiles: false };

function source(status: string, extra: Partial<FileSource> = {}): FileSource {
  return { status, url: null, expiresAt: null, width: null, height: null, fileBytes: null, ...extra };
}

function file(id: string, extra: Partial<FileInfo> = {}): FileInfo {
  return makeFileInfo({ fileId: id, displayName: id, ...extra });
}

interface Call {
  cursor: string | undefined;
  signal: AbortSignal;
  resolve(page: FilePage | undefined): void;
  reject(error: unknown): void;
}

/** A fetcher whose pages the test answers by hand. */
function manualFetcher(): { fetch: PageFetcher; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: PageFetcher = (_query, cursor, signal) =>
    new Promise((resolve, reject) => {
      calls.push({ cursor, signal, resolve, reject });
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  return { fetch, calls };
}

const page = (ids: string[], nextCursor: string | null): FilePage => ({ files: ids.map((id) => file(id)), hasMore: nextCursor !== null, nextCursor });

describe('tree: FileLibrary paging', () => {
  it('loads the first page on demand, then follows each cursor once', async () => {
    const { fetch, calls } = manualFetcher();
    const library = new FileLibrary(new FileStore(), fetch, QUERY);
    assert.equal(library.status, 'stale');
    assert.equal(calls.length, 0, 'nothing is fetched before it is needed');

    const first = library.ensureLoaded();
    assert.equal(library.ensureLoaded(), first, 'concurrent first loads share the request');
    calls[0].resolve(page(['a', 'b'], 'c1'));
    await first;
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b']);
    assert.equal(library.hasMore, true);

    const more = library.loadMore();
    assert.equal(library.loadMore(), more, 'concurrent loadMore calls share the request');
    assert.equal(calls.length, 2);
    assert.equal(calls[1].cursor, 'c1');
    calls[1].resolve(page(['b', 'c'], null));
    await more;
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b', 'c'], 'a file seen twice is kept once');
    assert.equal(library.hasMore, false);
    await library.loadMore();
    assert.equal(calls.length, 2, 'nothing is fetched after the end');
  });

  it('aborts the request in flight on invalidate, and never lands its late answer', async () => {
    const { fetch, calls } = manualFetcher();
    const library = new FileLibrary(new FileStore(), fetch, QUERY);
    const stale = library.ensureLoaded();
    library.invalidate({ ...QUERY, pageSize: 3 });
    assert.equal(calls[0].signal.aborted, true);
    await stale; // resolves quietly: superseded
    const fresh = library.ensureLoaded();
    calls[1].resolve(page(['x'], null));
    await fresh;
    calls[0].resolve(page(['late'], null));
    assert.deepEqual(library.files.map((f) => f.fileId), ['x']);
    assert.equal(library.currentQuery.pageSize, 3);
  });

  it('reports a failed first page as error, a failed later page without losing the loaded files', async () => {
    const { fetch, calls } = manualFetcher();
    const library = new FileLibrary(new FileStore(), fetch, QUERY);
    const first = library.ensureLoaded();
    calls[0].reject(new Error('boom'));
    await assert.rejects(first, /boom/);
    assert.equal(library.status, 'error');

    library.invalidate();
    const again = library.ensureLoaded();
    calls[1].resolve(page(['a'], 'c1'));
    await again;
    const more = library.loadMore();
    calls[2].reject(new Error('later'));
    await assert.rejects(more, /later/);
    assert.equal(library.status, 'loaded');
    assert.equal(library.hasMore, true, 'the same cursor can be retried');
    const retry = library.loadMore();
    assert.equal(calls[3].cursor, 'c1');
    calls[3].resolve(page(['b'], null));
    await retry;
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b']);
  });

  it('stops at a cursor it has already followed (a server loop)', async () => {
    const { fetch, calls } = manualFetcher();
    const library = new FileLibrary(new FileStore(), fetch, QUERY);
    const first = library.ensureLoaded();
    calls[0].resolve(page(['a'], 'same'));
    await first;
    const more = library.loadMore();
    calls[1].resolve(page(['b'], 'same'));
    await more;
    assert.equal(library.hasMore, false);
  });

  it('has no client: noClient, and no more pages', async () => {
    const library = new FileLibrary(new FileStore(), async () => undefined, QUERY);
    await library.ensureLoaded();
    assert.equal(library.status, 'noClient');
    assert.equal(library.hasMore, false);
  });

  it('shows what the store says of listed files: updates in place, removals drop the row', async () => {
    const { fetch, calls } = manualFetcher();
    const store = new FileStore();
    const library = new FileLibrary(store, fetch, QUERY);
    const first = library.ensureLoaded();
    calls[0].resolve(page(['a', 'b', 'c'], null));
    await first;
    assert.equal(store.size, 3, 'a listed page lands in the store');
    store.put(file('b', { displayName: 'renamed' }));
    store.put(file('unknown'));
    store.remove('a');
    assert.deepEqual(library.files.map((f) => `${f.fileId}:${f.displayName}`), ['b:renamed', 'c:c'], 'a file that is not listed is not added');
    assert.equal(library.has('a'), false);
  });

  it('lists a file that joined the library at the top, and one put back after a removal where it was', async () => {
    const { fetch, calls } = manualFetcher();
    const store = new FileStore();
    const library = new FileLibrary(store, fetch, QUERY);
    store.put(file('early'), { joinedLibrary: true });
    const first = library.ensureLoaded();
    calls[0].resolve(page(['a', 'b', 'c'], null));
    await first;
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b', 'c'], 'before the first page the page decides');
    store.put(file('new'), { joinedLibrary: true });
    assert.deepEqual(library.files.map((f) => f.fileId), ['new', 'a', 'b', 'c']);
    const removed = [store.get('b')!, store.get('c')!];
    store.remove(['b', 'c']);
    assert.deepEqual(library.files.map((f) => f.fileId), ['new', 'a']);
    store.put(removed, { joinedLibrary: true });
    assert.deepEqual(library.files.map((f) => f.fileId), ['new', 'a', 'b', 'c'], 'an archive undone puts the rows back in place');
    store.put(file('a'), { joinedLibrary: true });
    assert.deepEqual(library.files.map((f) => f.fileId), ['new', 'a', 'b', 'c'], 'a listed file is not listed twice');
    const [top, second] = [store.get('new')!, store.get('a')!];
    store.remove(['new', 'a', 'c']);
    store.put(second, { joinedLibrary: true });
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b'], 'a file put back whose neighbour above stays removed returns above the same rows');
    store.put(top, { joinedLibrary: true });
    assert.deepEqual(library.files.map((f) => f.fileId), ['new', 'a', 'b']);
  });

  it('refresh keeps the listed rows until the first page is back, and keeps them when it fails', async () => {
    const { fetch, calls } = manualFetcher();
    const library = new FileLibrary(new FileStore(), fetch, QUERY);
    const first = library.ensureLoaded();
    calls[0].resolve(page(['a', 'b'], 'c1'));
    await first;
    const failing = library.refresh();
    assert.equal(library.isRefreshing, true);
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b'], 'rows stay while the refresh is in flight');
    calls[1].reject(new Error('429'));
    await assert.rejects(failing, /429/);
    assert.equal(library.status, 'loaded');
    assert.equal(library.isRefreshing, false);
    assert.deepEqual(library.files.map((f) => f.fileId), ['a', 'b'], 'a failed refresh loses nothing');
    assert.match(String(library.lastError), /429/);
    const working = library.refresh();
    assert.equal(calls[2]?.cursor, undefined, 'a refresh starts from the first page');
    calls[2].resolve(page(['n', 'a'], null));
    await working;
    assert.deepEqual(library.files.map((f) => f.fileId), ['n', 'a'], 'the new first page replaces the list');
    assert.equal(library.hasMore, false);
    assert.equal(library.lastError, undefined);
  });
});

describe('tree: file facts', () => {
  it('groups by type, with processing and unusual types under other', () => {
    assert.equal(groupOf(file('a', { type: 'IMAGE' })), 'images');
    assert.equal(groupOf(file('a', { type: 'VIDEO' })), 'videos');
    assert.equal(groupOf(file('a', { type: 'AUDIO' })), 'audio');
    for (const type of ['PDF', 'SLIDESHOW', 'TEXT', 'LOTTIE', 'HOLOGRAM', null]) assert.equal(groupOf(file('a', { type })), 'other');
  });

  it('gives each file the context menu items package.json offers for what the file has', () => {
    // What each item of the Files view's context menu needs, said in terms of the file, not of contextValue words.
    const ready = (s: FileSource | null): boolean => s?.status === 'ready';
    const needs: Record<string, (f: FileInfo) => boolean> = {
      'videogen.openPreview': () => true,
      'videogen.openPreviewToSide': () => true,
      'videogen.enablePublicPreview': (f) => !f.isPublicPreviewEnabled,
      'videogen.disablePublicPreview': (f) => f.isPublicPreviewEnabled,
      'videogen.copyFileId': () => true,
      'videogen.insertFileId': () => true,
      'videogen.insertAs': () => true,
      'videogen.openInVideoGen': () => true,
      'videogen.saveToWorkspace': (f) => ready(f.downloadSource),
      'videogen.copyDownloadUrl': (f) => ready(f.downloadSource),
      'videogen.copyPreviewUrl': (f) => ready(f.previewSource),
      'videogen.copyThumbnailUrl': (f) => ready(f.thumbnailSource),
      'videogen.copyHlsUrl': (f) => ready(f.hlsSource),
      'videogen.copyPublicPreviewUrl': (f) => f.isPublicPreviewEnabled,
      'videogen.copyPublicHlsUrl': (f) => f.isPublicPreviewEnabled && f.publicHlsUrl !== null,
      // with public preview on, Copy Public Preview URL copies the same link
      'videogen.copyPublicLink': (f) => !f.isPublicPreviewEnabled,
      'videogen.archiveFiles': () => true,
      'videogen.findUsages': () => true,
      // The provider adds the word `pinned` to a pinned file's contextValue: these rows are not pinned.
      'videogen.pinFiles': () => true,
      'videogen.unpinFiles': () => false,
      // The results root only.
      'videogen.clearSearch': () => false,
    };
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    };
    const menus = manifest.contributes.menus['view/item/context']
      .filter((m) => m.when?.includes('view == videogen.files') && m.when.includes('viewItem'))
      .map((m) => {
        // VS Code's `=~` takes a regex literal: /source/flags
        const literal = /viewItem =~ \/((?:\\.|[^/\\])+)\/([a-z]*)/.exec(m.when ?? '');
        assert.ok(literal, `${m.command}: a viewItem regex in "${m.when}"`);
        return { command: m.command, viewItem: new RegExp(literal[1]!, literal[2]) };
      });
    assert.ok(menus.length >= Object.keys(needs).length, `the Files view's menu items: ${menus.map((m) => m.command).join(', ')}`);

    const files = [
      file('everything', { type: 'VIDEO', downloadSource: source('ready'), previewSource: source('ready'), thumbnailSource: source('ready'), hlsSource: source('ready'), isPublicPreviewEnabled: true, publicHlsUrl: 'https://stream.example/p.m3u8', scope: 'TEMPORARY' }),
      file('image', { type: 'IMAGE', downloadSource: source('ready'), thumbnailSource: source('ready') }),
      file('public without stream', { type: 'IMAGE', downloadSource: source('ready'), isPublicPreviewEnabled: true }),
      file('stream not public', { type: 'VIDEO', hlsSource: source('ready'), publicHlsUrl: 'https://stream.example/q.m3u8' }),
      file('processing', { type: null, downloadSource: source('pending'), hlsSource: source('failed') }),
      file('failed renditions', { type: 'AUDIO', downloadSource: source('failed'), previewSource: source('failed'), thumbnailSource: source('pending') }),
      file('unusual type', { type: 'HOLOGRAM', previewSource: source('ready') }),
    ];
    for (const { command, viewItem } of menus) {
      const need = needs[command];
      assert.ok(need, `package.json offers ${command} on file rows: say here what it needs`);
      for (const f of files) {
        const value = contextValueOf(f);
        assert.equal(viewItem.test(value), need(f), `${command} (${viewItem}) on "${f.displayName}", whose contextValue is "${value}"`);
      }
    }
  });

  it('tells processing, partly failed and unusable files apart', () => {
    assert.deepEqual(statesOf(file('a', { downloadSource: source('ready'), hlsSource: source('failed') })), {
      processing: false, failed: true, unusable: false, temporary: false, public: false,
    });
    assert.equal(statesOf(file('a', { downloadSource: source('failed'), thumbnailSource: source('failed') })).unusable, true);
    assert.equal(statesOf(file('a', { type: null })).processing, true);
  });

  it('formats durations, sizes and dimensions', () => {
    assert.equal(formatDuration(7.959), '0:07', 'rounded down, as the player shows it');
    assert.equal(formatDuration(65), '1:05');
    assert.equal(formatDuration(3725), '1:02:05');
    assert.equal(formatBytes(857), '857 B');
    assert.equal(formatBytes(9_800), '9.8 KB');
    assert.equal(formatBytes(2_100_000), '2.1 MB');
    assert.equal(formatBytes(150_000_000), '150 MB');
    const video = file('v', {
      type: 'VIDEO',
      durationSeconds: 12.5,
      downloadSource: source('ready', { width: 1920, height: 1080, fileBytes: 2_500_000 }),
    });
    assert.deepEqual(factsOf(video), ['0:12', '1920×1080', '2.5 MB']);
    const audio = file('a', { type: 'AUDIO', durationSeconds: 3, downloadSource: source('ready', { width: 1, height: 1, fileBytes: 91_800 }) });
    assert.deepEqual(factsOf(audio), ['0:03', '91.8 KB'], 'no dimensions for audio');
    assert.deepEqual(factsOf(file('i', { previewSource: source('ready', { width: 720, height: 720 }) })), ['720×720'], 'preview dimensions as fallback');
  });
});

describe('tree: bounds', () => {
  it('runs at most N tasks at once', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let running = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    };
    await Promise.all(Array.from({ length: 7 }, () => limiter.run(task)));
    assert.equal(peak, 2);
    assert.equal(limiter.active, 0);
  });

  it('does not start a queued task whose signal aborted', async () => {
    const limiter = new ConcurrencyLimiter(1);
    let release!: () => void;
    const blocker = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let started = false;
    const queued = limiter.run(async () => {
      started = true;
    }, controller.signal);
    controller.abort();
    release();
    await blocker;
    await assert.rejects(queued);
    assert.equal(started, false);
  });

  it('allows at most N takes per sliding window', () => {
    let now = 0;
    const budget = new SlidingWindowBudget(2, 1000, () => now);
    assert.equal(budget.tryTake(), true);
    now = 500;
    assert.equal(budget.tryTake(), true);
    assert.equal(budget.tryTake(), false);
    now = 999;
    assert.equal(budget.tryTake(), false);
    now = 1000; // the take at 0 left the window, the one at 500 did not
    assert.equal(budget.tryTake(), true);
    assert.equal(budget.tryTake(), false);
    assert.equal(budget.remaining, 0);
    now = 1500;
    assert.equal(budget.remaining, 1);
  });

  it('accepts only raster images as thumbnails', () => {
    assert.equal(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), 'jpg');
    assert.equal(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'png');
    assert.equal(sniffImage(Buffer.from('GIF89a')), 'gif');
    assert.equal(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'webp');
    assert.equal(sniffImage(Buffer.from('<svg onload="alert(1)">')), undefined);
    assert.equal(sniffImage(Buffer.from('<!doctype html>')), undefined);
  });
});
