// Faults in the real UI: the server going down and coming back, rate limits with Retry-After, bursts of 5xx and
// resets, a stalled request, broken JSON. Each scenario checks what the user sees, and that nothing is lost: the rows
// loaded before, the open preview, the editor's text. Requests are counted in the local server's log.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import type { RequestLogEntry } from '../server/server';
import { patience, useWorkbench } from './fixture';

const PREVIEWED = 'Aurora Headphones — studio shot';
const NOTES = 'Launch copy, kept.';
const THEMES = ['Light Modern', 'Dark Modern', 'Dark High Contrast'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface PageImage {
  readonly complete: boolean;
  readonly naturalWidth: number;
}
interface PageGlobals {
  document: { querySelector<T>(selector: string): T | null };
}

describe('Faults in the real UI', function () {
  this.timeout(patience(240_000));
  // 40 files, 5 per page: many pages to load; no thumbnails, so every request counted is one the user asked for.
  const vs = useWorkbench({
    server: { files: 40 },
    userSettings: {
      'videogen.list.pageSize': 5,
      'videogen.list.groupBy': 'none',
      'videogen.list.thumbnails': false,
      'videogen.publicPreview.confirmBeforePublishing': false,
    },
  });

  const statusItem = () => vs.page.locator('.part.statusbar .statusbar-item[id$="videogen.status"]');
  const viewMessage = () => vs.page.locator('.part.sidebar .pane-body .message');
  const fileRows = async (): Promise<string[]> => (await vs.treeItems()).filter((l) => l !== 'Load more…' && l !== 'Loading…' && l !== '');
  const listRequests = (): RequestLogEntry[] => vs.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files');
  const requestsTo = (method: string, suffix: string): RequestLogEntry[] => vs.server.requests.filter((r) => r.method === method && r.path.endsWith(suffix));

  async function until(what: string, condition: () => Promise<boolean> | boolean, timeout = patience(30_000)): Promise<void> {
    for (const end = Date.now() + timeout; !(await condition()); await sleep(150)) {
      if (Date.now() > end) throw new Error(`${what} did not happen within ${timeout} ms`);
    }
  }

  async function waitForMessage(pattern: RegExp): Promise<string> {
    let text = '';
    await until(`the view's message matching ${pattern}`, async () => {
      text = (await viewMessage().isVisible()) ? (await viewMessage().innerText()).trim() : '';
      return pattern.test(text);
    });
    return text;
  }

  async function waitForStatus(pattern: RegExp): Promise<string> {
    let text = '';
    await until(`the status bar item matching ${pattern}`, async () => pattern.test((text = (await statusItem().innerText()).trim())), patience(15_000));
    return text;
  }

  /**
   * Clicks `target` until the server sees the list asked for: a click lost under load, or caught by a row's hover
   * that is still fading, is clicked again.
   */
  async function clickUntilListed(target: () => Locator, what: string): Promise<void> {
    const asked = listRequests().length;
    for (let click = 0; click < 5; click++) {
      await vs.page.mouse.move(1000, 700); // away from the rows, so that no hover covers the target
      await target().click({ timeout: patience(5_000) }).catch(() => undefined);
      for (const end = Date.now() + patience(3_000); Date.now() < end; await sleep(100)) if (listRequests().length > asked) return;
    }
    throw new Error(`${what} was clicked five times, and the list was never asked for`);
  }

  /** How many files the listing has loaded, as its "Load more…" row says ("15 of many loaded"); NaN while loading. */
  async function loadedCount(): Promise<number> {
    const text = await vs.treeItem('Load more…').locator('.label-description').innerText({ timeout: patience(2_000) }).catch(() => '');
    return Number(/^([\d,]+) of/.exec(text)?.[1].replace(/,/g, '') ?? Number.NaN);
  }

  async function waitForLoaded(count: number, what: string): Promise<void> {
    await until(`${what} (${count} files loaded)`, async () => (await loadedCount()) === count);
  }

  const loadMore = (): Promise<void> => clickUntilListed(() => vs.treeItem('Load more…'), '"Load more…"');

  /** An action of the view's title bar (not a row's inline action of the same name). */
  const viewAction = (label: string) =>
    vs.page.locator(`.part.sidebar .title-actions .action-label[aria-label^="${label}"], .part.sidebar .pane-header .actions .action-label[aria-label^="${label}"]`).first();

  const refreshList = (): Promise<void> => clickUntilListed(() => viewAction('Refresh'), 'Refresh');

  /**
   * Search Library… for `query`; again when its input closed before the query was in it (a preview that had just
   * loaded took the focus: CI, 1.139). A search that was not sent reaches no fault, so trying again changes nothing.
   */
  async function searchLibrary(query: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await vs.runCommand('VideoGen: Search Library…');
      try {
        await vs.quickInput(query);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Clears the search results with the view's action, until the results root is gone. */
  async function clearSearch(): Promise<void> {
    for (let click = 0; (await vs.treeItems()).some((l) => /^Results for/.test(l)); click++) {
      if (click === 5) throw new Error('the search results stayed after five clicks on Clear Search Results');
      await viewAction('Clear Search Results').click({ timeout: patience(5_000) }).catch(() => undefined);
      await until('the results to go', async () => !(await vs.treeItems()).some((l) => /^Results for/.test(l)), patience(3_000)).catch(() => undefined);
    }
  }

  /** The id the server gave the file named `name`. */
  async function fileIdOf(name: string): Promise<string> {
    const listed = await fetch(`${vs.server.baseUrl}/v1/files?limit=200`, { headers: { authorization: `Bearer ${vs.server.apiKey}` } });
    const files = ((await listed.json()) as { files: Array<{ fileId: string; displayName: string }> }).files;
    const file = files.find((f) => f.displayName === name);
    assert.ok(file, `the server lists ${name}`);
    return file.fileId;
  }

  /** The extension's log (its output channel's file among VS Code's logs). */
  function extensionLog(): string {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/VideoGen\.log$/.test(entry.name)) found.push(full);
      }
    };
    walk(path.join(vs.userDataDir, 'logs'));
    return found.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
  }

  async function setTheme(label: string): Promise<void> {
    await vs.runCommand('Preferences: Color Theme');
    await vs.quickInput(label, { submit: false });
    await vs.quickPick(label);
  }

  /** Screenshots of what is on screen now in light, dark and high contrast, then back to the default theme. */
  async function screenshotInThemes(name: string): Promise<void> {
    for (const theme of THEMES) {
      await setTheme(theme);
      await vs.page.mouse.move(1000, 700);
      await sleep(300); // the theme's colours are applied on the next frames
      await vs.screenshot(`${name}-${theme.toLowerCase().replace(/\s+/g, '-')}`);
    }
    await setTheme('Dark Modern');
  }

  /** The distinct notifications (toasts, the centre, their screen-reader alerts) matching `pattern`. */
  async function notificationsMatching(pattern: RegExp): Promise<string[]> {
    const texts = (await vs.notifications()).filter((t) => pattern.test(t)).map((t) => t.replace(/^(Error|Warning|Info): /, '').trim());
    return [...new Set(texts)];
  }

  /**
   * Waits until the visible preview shows `label` with its image loaded. The frame is looked up again on each try:
   * another preview's webview may be the visible one for a moment, and a preview may replace its frame.
   */
  async function previewImageLoaded(label: string): Promise<void> {
    const loaded = async (frame: Frame): Promise<boolean> =>
      frame.evaluate((name) => {
        const document = (globalThis as unknown as PageGlobals).document;
        const image = document.querySelector<PageImage>('img.media');
        return document.querySelector<{ textContent: string }>('.title')?.textContent === name && image !== null && image.complete && image.naturalWidth > 0;
      }, label);
    await until(`the preview of ${label} with its image`, async () => {
      try {
        return await loaded(await vs.webviewFrame({ selector: 'main#app .title', timeout: patience(5_000) }));
      } catch {
        return false; // no visible preview yet, or its frame went meanwhile
      }
    });
  }

  /** What must survive every fault: the open preview and the editor's text. */
  async function nothingLost(): Promise<void> {
    assert.equal(await vs.page.locator('.tab', { hasText: PREVIEWED }).count(), 1, 'the preview is still open');
    assert.equal(await vs.page.locator('.tab', { hasText: 'notes.md' }).count(), 1, 'the editor is still open');
    await vs.page.locator('.tab', { hasText: 'notes.md' }).first().click();
    await vs.page.locator('.monaco-editor .view-line', { hasText: NOTES }).first().waitFor({ timeout: patience(10_000) });
  }

  before(async () => {
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((l) => l.includes('Load more…') && l.length === 6, { what: 'the first page', timeout: patience(30_000) });
    await vs.openWorkspaceFile('notes.md', `${NOTES}\n`);
    await vs.openPreviewFromRow(PREVIEWED);
    await previewImageLoaded(PREVIEWED);
  });

  afterEach(async () => {
    vs.server.faults.clear();
    await vs.server.comeBack(); // a failed outage test leaves the server up for the next
  });

  it('the server goes down, then comes back: one message with Retry, no toast storm, nothing lost', async () => {
    const before = await fileRows();
    await vs.server.goDown();
    await viewAction('Refresh').click();
    const message = await waitForMessage(/Could not reach/);
    assert.match(message, /Refresh to try again\.$/, message);
    assert.deepEqual(await fileRows(), before, 'the rows loaded before stay');

    // More actions while it is down: a search, a copy that needs a signed URL, Load more, Refresh.
    await searchLibrary('mountain');
    // The failed search is revealed and selected (which takes the focus): wait for that before the next gesture.
    await vs.page.locator('.part.sidebar .monaco-list-row[aria-selected="true"]', { hasText: /Search failed: Could not reach/ }).waitFor({ timeout: patience(30_000) });
    await until('the search to fail', async () => (await notificationsMatching(/Could not reach/)).length > 0);
    // Refused connections never reach the server's log: each failure (after its retries) is waited for in the
    // extension's log, where the reporter notes it whether or not it shows a notification.
    const failuresLogged = (): number => extensionLog().match(/\[error\][^\n]*Could not reach/g)?.length ?? 0;
    for (const action of [
      () => vs.contextMenu(vs.treeItem('Mountain at sunrise'), 'Copy Download URL'), // never signed: needs a hydrate
      () => vs.treeItem('Load more…').click(),
      () => viewAction('Refresh').click(),
    ]) {
      const logged = failuresLogged();
      await action();
      await until('the failure to be logged', () => failuresLogged() > logged);
    }
    const outage = await notificationsMatching(/Could not reach/);
    assert.equal(outage.length, 1, `one notification for the outage, not one per action: ${JSON.stringify(outage)}`);
    await vs.toggleNotificationCentre(true);
    await screenshotInThemes('faults-outage');
    await vs.toggleNotificationCentre(false);

    await vs.server.comeBack();
    await vs.clickNotificationButton(/Could not reach/, 'Retry');
    await vs.waitForTreeItems((l) => l.some((x) => /^Results for/.test(x)) && !l.some((x) => /^Search failed/.test(x)), { what: 'the search, retried' });
    // Its first result is revealed and selected (which takes the focus): wait for that before the next gesture.
    const selected = vs.page.locator('.part.sidebar .monaco-list-row[aria-selected="true"] .label-name');
    await until('a result to be selected', async () => (await selected.allInnerTexts()).some((t) => t !== '' && !/^(Search failed|Results for)/.test(t)));
    await clearSearch();
    await refreshList();
    await until('the message to go', async () => !(await viewMessage().isVisible()) || !/Could not reach/.test(await viewMessage().innerText()));
    await loadMore();
    await waitForLoaded(10, 'the next page after the outage');
    for (const row of before) assert.ok((await fileRows()).includes(row), `${row} is still listed`);
    await nothingLost();
  });

  it('429 with a short Retry-After on list, hydrate and search: told at once, resumes by itself', async () => {
    const loaded = await loadedCount();
    vs.server.faults.add({ route: 'GET /v1/files', status: 429, retryAfterSeconds: 3, times: 1 });
    await loadMore();
    await waitForStatus(/listing files limited until/);
    await waitForLoaded(loaded + 5, 'the page, once the window passed');
    const [limited, resumed] = listRequests().slice(-2);
    assert.deepEqual([limited.status, resumed.status], [429, 200]);
    assert.equal(resumed.query.cursor, limited.query.cursor, 'the same page was asked for again');

    // Only this file's hydrate is limited: the processing file's poll must not take the fault.
    vs.server.faults.add({ route: `POST /v1/files/${await fileIdOf('Mountain at sunrise')}/hydrate`, status: 429, retryAfterSeconds: 3, times: 1 });
    await vs.openPreviewFromRow('Mountain at sunrise'); // never signed: the preview must hydrate
    await waitForStatus(/signing media links \(hydrate\) limited until/);
    await previewImageLoaded('Mountain at sunrise');

    vs.server.faults.add({ route: 'POST /v1/files/search', status: 429, retryAfterSeconds: 3, times: 1 });
    await searchLibrary('podcast');
    await waitForStatus(/search limited until/);
    await vs.waitForTreeItems((l) => l.includes("Results for 'podcast'") && !l.some((x) => /^(Searching|Search failed)/.test(x)), { what: 'the search results' });
    assert.deepEqual(requestsTo('POST', '/v1/files/search').slice(-2).map((r) => r.status), [429, 200]);
    await clearSearch();
    await nothingLost();
  });

  it('429 with a longer Retry-After: says what is limited and until when, then loads by itself while the view is shown', async () => {
    const before = await fileRows();
    const loaded = await loadedCount();
    // Longer than the client waits out by itself (5 s), and than the screenshots below take.
    vs.server.faults.add({ route: 'GET /v1/files', status: 429, retryAfterSeconds: 15, times: 1 });
    await loadMore();
    const message = await waitForMessage(/limit for listing files was reached until .+ \(in \d+ s\)\. It loads again by itself then\./);
    assert.doesNotMatch(message, /cursor|\?/, message);
    await waitForStatus(/listing files limited until/);
    assert.deepEqual(await fileRows(), before, 'the rows stay');
    await screenshotInThemes('faults-rate-limited');
    await waitForLoaded(loaded + 5, 'the page, loaded by itself once the window passed');
    const lists = listRequests();
    const limitedAt = lists.map((r) => r.status).lastIndexOf(429);
    const [limited, resumed, ...more] = lists.slice(limitedAt);
    assert.deepEqual([resumed?.status, more.length], [200, 0], 'one request after the reset, none before');
    assert.ok(resumed!.at - limited!.at >= 15_000, `asked again ${resumed!.at - limited!.at} ms after the 429`);
    assert.equal(resumed!.query.cursor, limited!.query.cursor, 'the same page was asked for again');
    await until('the message to go', async () => !(await viewMessage().isVisible()));
  });

  it('bursts of 5xx and a reset mid-body: GETs retried within bounds, then a message; non-idempotent calls never repeated', async () => {
    const loaded = await loadedCount();
    vs.server.requests.length = 0;
    vs.server.faults.add({ route: 'GET /v1/files', status: 503, times: 2 });
    vs.server.faults.add({ route: 'GET /v1/files', truncate: true, times: 1 });
    await loadMore();
    await waitForLoaded(loaded + 5, 'the page after two 503s and a truncated body');
    assert.deepEqual(listRequests().map((r) => r.status), [503, 503, 200, 200], 'three failures retried, then the page');
    assert.ok(!(await viewMessage().isVisible()), 'no message for a failure the retries absorbed');

    const rows = await fileRows();
    vs.server.requests.length = 0;
    vs.server.faults.add({ route: 'GET /v1/files', status: 503 });
    await loadMore();
    const message = await waitForMessage(/VideoGen had a problem \(503\)/);
    assert.doesNotMatch(message, /cursor|\?/, message);
    assert.equal(listRequests().length, 4, 'four attempts in all, then the message');
    assert.deepEqual(await fileRows(), rows, 'the rows stay');
    vs.server.faults.clear();

    vs.server.faults.add({ route: 'POST /v1/files/*/enable-public-preview', status: 503 });
    await vs.contextMenu(vs.treeItem('Mountain at sunrise'), 'Enable Public Preview');
    await vs.waitForNotification(/Could not enable public preview.*503/);
    vs.server.faults.clear();
    vs.server.faults.add({ route: 'POST /v1/files/*/enable-public-preview', reset: true });
    await vs.contextMenu(vs.treeItem('Homepage hero photo'), 'Enable Public Preview');
    await vs.waitForNotification(/Could not enable public preview.*(Could not reach|connection)/);
    assert.equal(requestsTo('POST', '/enable-public-preview').length, 2, 'each toggle was sent once, never repeated');

    vs.server.faults.clear();
    await loadMore();
    await waitForLoaded(loaded + 10, 'the page once the server is well');
  });

  it('a 10-second stall: progress is shown, and Refresh cancels the stalled request and lists again', async () => {
    vs.server.requests.length = 0;
    vs.server.faults.add({ route: 'GET /v1/files', latencyMs: 10_000, times: 1 });
    await refreshList();
    await vs.page.locator('.part.sidebar .monaco-progress-container.active').first().waitFor({ state: 'visible', timeout: patience(10_000) });
    await vs.screenshot('faults-stalled');
    await refreshList();
    await until('a fresh request answered', () => listRequests().length === 2 && listRequests()[1].status === 200);
    await until('the stalled request aborted', () => listRequests()[0].closedByClient === true, patience(10_000));
    await vs.waitForTreeItems((l) => l.includes('Spring Launch Teaser') && l.includes('Load more…'), { what: 'the rows of the fresh list' });
    await vs.page.locator('.part.sidebar .monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout: patience(10_000) });
  });

  it('truncated or wrong-shaped JSON: a readable message without the cursor, a log line, no crash, rows kept', async () => {
    const rows = await fileRows();
    const loaded = await loadedCount();
    vs.server.faults.add({ route: 'GET /v1/files', body: '{"files": 3}', times: 1 });
    await loadMore();
    const wrongShape = await waitForMessage(/cannot read/);
    assert.doesNotMatch(wrongShape, /cursor|\?|\/v1\//, wrongShape);
    assert.deepEqual(await fileRows(), rows, 'the rows stay');

    vs.server.faults.add({ route: 'GET /v1/files', body: '{"files": [{"fileId"', times: 1 });
    await loadMore();
    const cutJson = await waitForMessage(/cannot read \(body is not JSON/);
    assert.doesNotMatch(cutJson, /cursor|\?|\/v1\//, cutJson);

    vs.server.faults.add({ route: 'GET /v1/files', truncate: true });
    await loadMore();
    const cut = await waitForMessage(/failed while reading the response/);
    assert.match(cut, /GET \/v1\/files: /, cut);
    assert.doesNotMatch(cut, /cursor|\?/, cut);
    assert.deepEqual(await fileRows(), rows, 'the rows stay');
    await screenshotInThemes('faults-malformed');
    vs.server.faults.clear();

    // The log keeps the details the message leaves out: the request with its cursor.
    await until('the log line', () => /Malformed response from GET \/v1\/files\?limit=5&cursor=\S{40,}: /.test(extensionLog()), patience(15_000));
    assert.deepEqual(vs.extensionErrors(), [], 'no crash in the extension host');
    await loadMore();
    await waitForLoaded(loaded + 5, 'the next page once the answers are whole');
    await nothingLost();
  });
});
