// Faults of the API key and its storage in the real UI: a key revoked mid-session, a secret storage that throws
// (no OS keyring) or forgets the key on reload (VIDEOGEN_TEST_SECRET_STORAGE simulates both in a development
// window), the VIDEOGEN_API_KEY fallback, and signed URLs that expire under an open preview. Each checks what the
// user sees and that nothing is lost. Screenshots of the welcome views and messages in light, dark and high contrast.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { patience, useWorkbench, type Workbench } from './fixture';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const THEMES = ['Light Modern', 'Dark Modern', 'Dark High Contrast'];
const FILE = 'Mountain at sunrise';

interface PageMedia {
  readonly readyState: number;
  readonly paused: boolean;
  readonly error: unknown;
  readonly currentSrc: string;
  readonly complete: boolean;
  readonly naturalWidth: number;
  currentTime: number;
  muted: boolean;
  play(): Promise<void>;
  pause(): void;
}
interface PageGlobals {
  document: { querySelector<T>(selector: string): T | null };
}

async function setTheme(vs: Workbench, label: string): Promise<void> {
  await vs.runCommand('Preferences: Color Theme');
  await vs.quickInput(label, { submit: false });
  await vs.quickPick(label);
  await vs.page.mouse.move(1000, 700);
}

/** Screenshots in each theme, back to the first one afterwards. */
async function screenshotThemes(vs: Workbench, name: string): Promise<void> {
  for (const theme of THEMES) {
    await setTheme(vs, theme);
    await vs.screenshot(`${name}-${theme}`);
  }
  await setTheme(vs, THEMES[0]);
}

/** Waits for the welcome view to match `text`; returns what it says. */
async function waitForWelcome(vs: Workbench, text: RegExp): Promise<string> {
  let shown = '';
  for (const end = Date.now() + patience(30_000); Date.now() < end; await sleep(200)) {
    shown = await vs.welcomeText();
    if (text.test(shown)) return shown;
  }
  throw new Error(`the Files view never said ${text}; it says ${JSON.stringify(shown)}`);
}

/** Clicks a button of the welcome view, again if a click was lost under load, until the quick input opens. */
async function clickWelcomeButton(vs: Workbench, name: string): Promise<void> {
  const button = vs.page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: name }).first();
  const input = vs.page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await button.click();
    if (await input.waitFor({ state: 'visible', timeout: patience(5_000) }).then(() => true, () => false)) return;
    if (attempt === 3) throw new Error(`"${name}" in the welcome view opened no input box`);
  }
}

/** Notifications in the centre whose text matches (a storm of the same message would show several). */
async function notificationsMatching(vs: Workbench, text: RegExp): Promise<string[]> {
  await vs.toggleNotificationCentre(true);
  const items = await vs.page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
  await vs.toggleNotificationCentre(false);
  return items.filter((item) => text.test(item));
}

async function setKey(vs: Workbench, key: string): Promise<void> {
  await vs.runCommand('VideoGen: Set API Key');
  await vs.quickInput(key);
}

async function pin(vs: Workbench, label: string): Promise<void> {
  await vs.contextMenu(vs.treeItem(label), 'Pin').catch(async () => {
    await sleep(1_000);
    await vs.contextMenu(vs.treeItem(label), 'Pin');
  });
}

const pinnedAndListed = (labels: string[]): boolean => labels[0] === 'Pinned' && labels[1] === FILE && labels.lastIndexOf(FILE) > 1;

describe('Key faults: revoked mid-session, then lost on reload (a secret storage without a keyring)', function () {
  this.timeout(patience(300_000));
  const vs = useWorkbench({ env: { VIDEOGEN_TEST_SECRET_STORAGE: 'forgetful' } });

  it('a revoked key turns the view to Set API Key with one message; a new key brings the rows back without a reload', async () => {
    await vs.openView();
    await setKey(vs, vs.server.apiKey);
    await vs.waitForTreeItems((l) => l.includes(FILE), { what: 'the library', timeout: patience(30_000) });
    await pin(vs, FILE);
    await vs.waitForTreeItems(pinnedAndListed, { what: 'the Pinned section', timeout: patience(30_000) });
    const editor = await vs.openWorkspaceFile('draft.md', 'Script draft\n');
    await editor.click();
    await vs.page.keyboard.press('Control+End');
    await vs.page.keyboard.type('unsaved line');

    const newKey = vs.server.replaceKey();
    await vs.runCommand('VideoGen: Refresh');
    const welcome = await waitForWelcome(vs, /refused the API key/);
    assert.match(welcome, /Set API Key/);
    assert.ok((await notificationsMatching(vs, /refused the API key/)).length <= 1, 'at most one message about the refused key');
    await screenshotThemes(vs, 'keys-revoked');

    await clickWelcomeButton(vs, 'Set API Key');
    await vs.quickInput(newKey);
    await vs.waitForTreeItems(pinnedAndListed, { what: 'the pins and the listing back with the new key', timeout: patience(30_000) });
    assert.match(await vs.page.locator('.part.editor .view-lines').first().innerText(), /unsaved\sline/, 'the editor keeps its text');
  });

  it('after a reload that lost the key, the view says so and takes a key for this session', async () => {
    await vs.runCommand('File: Save');
    await vs.reload();
    await vs.openView();
    const welcome = await waitForWelcome(vs, /saved API key is gone/);
    assert.match(welcome, /did not keep it after the window reloaded/);
    assert.match(welcome, /VIDEOGEN_API_KEY/);
    await screenshotThemes(vs, 'keys-lost-on-reload');

    await clickWelcomeButton(vs, 'Use a Key for This Session');
    assert.match(await vs.page.locator('.quick-input-widget').innerText(), /kept in memory until the window closes/);
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems(pinnedAndListed, { what: 'the pins and the listing with the session key', timeout: patience(30_000) });
  });
});

describe('Key faults: the secret storage throws (no OS keyring)', function () {
  this.timeout(patience(300_000));
  const vs = useWorkbench({ env: { VIDEOGEN_TEST_SECRET_STORAGE: 'unavailable' } });

  it('says no key can be saved, and offers the key for this session only when saving it fails', async () => {
    await vs.openView();
    const welcome = await waitForWelcome(vs, /secret storage is not available/);
    assert.match(welcome, /Use a Key for This Session/);
    await screenshotThemes(vs, 'keys-storage-unavailable');

    await setKey(vs, vs.server.apiKey);
    await vs.waitForNotification(/could not be saved/);
    await screenshotThemes(vs, 'keys-not-saved-message');
    await vs.clickNotificationButton(/could not be saved/, 'Use for This Session');
    await vs.waitForTreeItems((l) => l.includes(FILE), { what: 'the library with the session key', timeout: patience(30_000) });
    assert.equal((await notificationsMatching(vs, /could not be saved/)).length <= 1, true, 'one message');
  });

  it('forgets the session key on reload: the view asks again', async () => {
    await vs.reload();
    await vs.openView();
    await waitForWelcome(vs, /secret storage is not available/);
    await clickWelcomeButton(vs, 'Use a Key for This Session');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((l) => l.includes(FILE), { what: 'the library with the session key', timeout: patience(30_000) });
  });
});

describe('Key faults: VIDEOGEN_API_KEY with a throwing secret storage, and signed URLs expiring under open previews', function () {
  this.timeout(patience(300_000));
  const apiKey = 'sk_videogen_e2e_environment';
  const vs = useWorkbench({ server: { apiKey }, env: { VIDEOGEN_API_KEY: apiKey, VIDEOGEN_TEST_SECRET_STORAGE: 'unavailable' } });

  /** Opens a file's preview with the inline action of its tree row; resolves the preview's content frame. */
  async function openPreview(label: string): Promise<Frame> {
    await vs.openPreviewFromRow(label);
    const frame = await vs.webviewFrame({ selector: 'main#app .title' });
    await frame.waitForFunction((name) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('.title')?.textContent === name, label, { timeout: patience(15_000) });
    return frame;
  }

  afterEach(() => vs.runCommand('View: Close All Editors'));

  async function imageShown(frame: Frame): Promise<void> {
    await frame.waitForFunction(() => {
      const image = (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('img.media');
      return image !== null && image.complete && image.naturalWidth > 0;
    }, undefined, { timeout: patience(20_000) });
  }

  it('lists the library with the key from the environment, no Set API Key needed', async () => {
    assert.equal(await vs.openView(), 'tree');
    await vs.waitForTreeItems((l) => l.includes(FILE), { what: 'the library', timeout: patience(30_000) });
  });

  /**
   * Lets every signed URL expire under the open preview of `label`, then has its webview reloaded the way a person
   * does: a new text editor is opened in its group (a hidden preview's page is discarded), then its tab again.
   * Resolves the new page once it shows `selector`.
   */
  async function expireAndReload(label: string, selector: string): Promise<Frame> {
    const marked = await vs.webviewFrame({ selector });
    await marked.evaluate(() => ((globalThis as unknown as { beforeReload?: boolean }).beforeReload = true));
    vs.server.expireAllUrls();
    await vs.page.locator('.part.sidebar .title-label').first().click(); // the keyboard out of the preview's page
    await vs.runCommand('File: New Untitled Text File'); // in the preview's group, over it
    await vs.page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ timeout: patience(10_000) });
    await vs.page.locator('.tab', { hasText: label }).first().click();
    for (const end = Date.now() + patience(20_000); Date.now() < end; await sleep(200)) {
      const frame = await vs.webviewFrame({ selector });
      const reloaded = await frame.evaluate(() => (globalThis as unknown as { beforeReload?: boolean }).beforeReload === undefined).catch(() => false);
      if (reloaded) return frame;
    }
    throw new Error(`the preview of ${label} kept its page when it was hidden and shown again`);
  }

  /** Refused media requests (the expired URLs) and hydrates the server saw since `from`, for a failure message. */
  const trafficSince = (from: number): string => {
    const seen = vs.server.requests.slice(from);
    return `${seen.filter((r) => r.status === 403).length} refused media requests, ${seen.filter((r) => r.path.endsWith('/hydrate')).length} hydrates`;
  };

  it('a video left open past its URLs\' lifetime still plays and seeks after its page reloads', async () => {
    const label = 'Spring Launch Teaser';
    const first = await openPreview(label);
    await first.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('video.media')?.readyState ?? 0) >= 1, undefined, { timeout: patience(20_000) });
    const from = vs.server.requests.length;
    const frame = await expireAndReload(label, 'video.media');
    // Seek, then play (again while the element is still switching to freshly signed URLs).
    const playing = await frame.waitForFunction(() => {
      const video = (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('video.media');
      if (!video || video.readyState < 1) return false;
      video.muted = true;
      if (video.currentTime < 2) video.currentTime = 2.5;
      if (video.paused) void video.play().catch(() => undefined);
      return !video.paused && video.currentTime > 2.7;
    }, undefined, { timeout: patience(30_000), polling: 500 }).then(() => true, () => false);
    assert.ok(playing, `the video did not play after its URLs expired (${trafficSince(from)})`);
    await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('video.media')?.pause());
  });

  it('an image whose URLs expired still shows after its page reloads (tab hidden and shown again)', async () => {
    const label = 'Aurora Headphones — studio shot';
    await imageShown(await openPreview(label));
    const from = vs.server.requests.length;
    const frame = await expireAndReload(label, 'img.media');
    await imageShown(frame).catch((error: unknown) => assert.fail(`${String(error)} (${trafficSince(from)})`));
  });
});
