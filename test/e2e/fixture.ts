// E2E fixture: gives a mocha suite a real VS Code workbench (code-server + headless Chromium, started by
// test/harness/vscode.mjs) with the extension loaded as a development extension, the local VideoGen
// server behind it, and helpers that drive the UI the way a person would.
//
//   import { useWorkbench } from './fixture';
//
//   describe('files view', function () {
//     const vs = useWorkbench({ server: { files: 12 } });   // one workbench for the whole suite
//
//     it('shows the files', async () => {
//       await vs.runCommand('VideoGen: Set API Key');
//       await vs.quickInput(vs.server.apiKey);
//       await vs.openView();
//       await vs.waitForTreeItems((labels) => labels.length > 0);
//       await vs.screenshot('files-view');
//     });
//   });
//
// Run: `node test/harness/run-e2e.mjs --vscode 4.100.3` (builds first with tsc/esbuild via npm test, or run
// `node esbuild.js && npx tsc -p .` yourself). The VS Code version comes from env VSCODE_VERSION.
// Screenshots go to test-results/<version>/<name>.png, VS Code's logs to test-results/<version>/logs/<suite>/.
// A failed test gets a screenshot `failed-<title>.png` automatically; a suite fails in its "after all" hook
// when VS Code's logs show the extension failing (activation error, uncaught error from dist/).
//
// Selectors are those of VS Code 1.100 and 1.139 (checked on both). Notes per version:
//  - 1.139 headless shows no notification toasts: notifications go to the notification centre only.
//    waitForNotification() and clickNotificationButton() handle both.
//  - Webviews are nested iframes (iframe.webview > iframe#active-frame); webviewFrame() finds the right one.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import type { LocalVideoGenServer, ServerOptions } from '../server/server';

/** The repository root (out/test/e2e/ → ../../..). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
/** code-server version under test: env VSCODE_VERSION, default the oldest supported one. */
export const VSCODE_VERSION = process.env.VSCODE_VERSION || '4.100.3';
export const EXTENSION_ID = 'videogen-community.videogen-files';
/** Title of the extension's activity-bar container (package.json contributes.viewsContainers). */
export const VIEW_CONTAINER_TITLE = 'VideoGen';
/** Name of the Files view (package.json contributes.views.videogen). */
export const FILES_VIEW_NAME = 'Files';

/** The local VideoGen server (test/server/server.ts), running in this mocha process: faults, requests, expireAllUrls()… */
export type LocalServer = LocalVideoGenServer;

export interface WorkbenchOptions {
  /** code-server version; default VSCODE_VERSION (the bench opens both versions in one process). */
  version?: string;
  /** Options for the local server's startServer() (`files`, `apiKey`, …), or false to run without it. */
  server?: false | ServerOptions;
  /** User settings merged over the harness defaults (`videogen.apiBaseUrl` already points at the server). */
  userSettings?: Record<string, unknown>;
  /** Extra environment for code-server and the extension host (e.g. `VIDEOGEN_API_KEY`). */
  env?: Record<string, string | undefined>;
  /** Folder to open; default: an empty folder in the run dir. */
  workspaceFolder?: string;
  /** Extension under test; default: this repository. */
  extensionDevelopmentPath?: string;
  /** Folders of extensions installed beside this one, e.g. a probe standing in for another installed extension. */
  installedExtensions?: string[];
  /** Browser viewport; default 1280×800. */
  viewport?: { width: number; height: number };
  /** Name for the saved logs (test-results/<version>/logs/<label>); default: the suite title. */
  label?: string;
  /** Wait for this activity-bar entry before tests start (default `VideoGen`; '' to skip). */
  waitForActivity?: string;
}

/** What test/harness/vscode.mjs startWorkbench() returns (the parts the fixture uses). */
interface HarnessWorkbench {
  version: string;
  vscodeVersion: string;
  baseUrl: string;
  url: string;
  runDir: string;
  dirs: { workspace: string; userData: string; home: string };
  resultsDir: string;
  logsDir: string;
  server: LocalServer | null;
  browser: Browser;
  page: Page;
  extensionErrors(): string[];
  waitForWorkbench(timeout?: number): Promise<unknown>;
  close(): Promise<void>;
}
interface HarnessModule {
  startWorkbench(o: Record<string, unknown>): Promise<HarnessWorkbench>;
}

// tsc compiles `import()` to `require()` in CommonJS output, which cannot load an ES module: keep a real import().
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Records every notification text the workbench shows (toasts, centre, and the screen-reader alerts/status). */
const NOTIFICATION_RECORDER = `(() => {
  const seen = (window.__vgNotifications = []);
  const last = new WeakMap();
  const sel = '.monaco-alert, .monaco-status, .notification-list-item-message';
  setInterval(() => {
    for (const el of document.querySelectorAll(sel)) {
      const t = (el.textContent || '').trim();
      if (t && last.get(el) !== t) { last.set(el, t); if (!seen.includes(t)) seen.push(t); }
    }
  }, 50);
})();`;

/**
 * How many times longer than on an idle developer machine a wait may take before it fails: CI machines are
 * shared and may be loaded. 2 under CI=true, else 1; env VG_E2E_PATIENCE (a number) overrides both. Every wait
 * polls for its condition, so this only moves the point where a wait gives up.
 */
export const PATIENCE = Number(process.env.VG_E2E_PATIENCE) > 0 ? Number(process.env.VG_E2E_PATIENCE) : process.env.CI === 'true' ? 2 : 1;
/** `ms` times PATIENCE: the limit of a wait, or a mocha timeout. */
export const patience = (ms: number): number => Math.round(ms * PATIENCE);

/** VS Code shows a busy quick pick's progress bar only after this long (quickInput.ts, `busyDelay`). */
const QUICK_PICK_BUSY_DELAY_MS = 800;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** File-name-safe version of a title. */
export const slug = (s: string) => s.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);

/** One started workbench and the helpers that drive it. Get one with `useWorkbench()` (or `Workbench.start()`). */
export class Workbench {
  private wb: HarnessWorkbench | null = null;
  private closed = false;

  constructor(private readonly options: WorkbenchOptions = {}) {}

  /** Starts a workbench outside mocha hooks (remember to `close()` it). */
  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    const w = new Workbench(options);
    await w.start();
    return w;
  }

  /** Starts code-server, the local server and Chromium, and waits until the extension's activity-bar entry shows. */
  async start(): Promise<void> {
    const harness = (await importEsm(pathToFileURL(path.join(REPO, 'test', 'harness', 'vscode.mjs')).href)) as HarnessModule;
    const o = this.options;
    this.wb = await harness.startWorkbench({
      version: o.version ?? VSCODE_VERSION,
      extensionDevelopmentPath: o.extensionDevelopmentPath ?? REPO,
      installedExtensions: o.installedExtensions,
      server: o.server ?? 'auto',
      // No background check of the first page unless a suite asks for it (suites count requests).
      // reduceMotion: VS Code 1.139 keeps a closing quick input inert for its close animation, and a quick input opened
      // again meanwhile can stay inert (a fill then times out on "element is inert").
      userSettings: { 'videogen.list.autoRefreshInterval': 0, 'workbench.reduceMotion': 'on', ...o.userSettings },
      env: o.env,
      workspaceFolder: o.workspaceFolder,
      viewport: o.viewport,
      label: o.label ?? 'e2e',
      onLog: () => undefined,
      log: (...a: unknown[]) => {
        if (process.env.VG_E2E_VERBOSE) console.log(...a);
      },
      beforeGoto: (page: Page) => page.addInitScript(NOTIFICATION_RECORDER),
    });
    await this.whenSettled();
  }

  /** Waits until the workbench has restored its layout and registered the extensions, and the activity-bar entry shows. */
  private async whenSettled(): Promise<void> {
    await this.h.waitForWorkbench(patience(90_000));
    const activity = this.options.waitForActivity ?? VIEW_CONTAINER_TITLE;
    if (activity) await this.activityEntry(activity).waitFor({ state: 'visible', timeout: patience(90_000) });
  }

  /** Polls `condition` every 100 ms until it holds (true) or `timeout` ms pass (false). */
  private async poll(condition: () => Promise<boolean>, timeout: number): Promise<boolean> {
    for (const end = Date.now() + timeout; ; await sleep(100)) {
      if (await condition()) return true;
      if (Date.now() > end) return false;
    }
  }

  private get h(): HarnessWorkbench {
    if (!this.wb) throw new Error('the workbench is not started: call useWorkbench() in the describe() body, and use it inside it()/before()');
    return this.wb;
  }

  /** The Playwright page showing the workbench. */
  get page(): Page {
    return this.h.page;
  }

  /** The local VideoGen server of this workbench (throws if the suite runs without one). */
  get server(): LocalServer {
    const s = this.h.server;
    if (!s) throw new Error('this workbench runs without the local VideoGen server (out/test/server/server.js not built, or server: false)');
    return s;
  }

  /** code-server version (e.g. 4.100.3) and the VS Code version it bundles (e.g. 1.100.3). */
  get version(): string {
    return this.h.version;
  }
  get vscodeVersion(): string {
    return this.h.vscodeVersion;
  }

  /** The folder opened in the workbench (write fixture files here). */
  get workspaceFolder(): string {
    return this.h.dirs.workspace;
  }

  /** code-server's user data folder: VS Code's logs (the extension's output channel among them) are in its `logs/`. */
  get userDataDir(): string {
    return this.h.dirs.userData;
  }

  /** Where screenshots and logs of this version go: test-results/<version>/. */
  get resultsDir(): string {
    return this.h.resultsDir;
  }

  /**
   * Runs a command through the command palette: F1, types `title`, and picks the row whose label is exactly
   * `title` (e.g. `'VideoGen: Refresh'`: category + title as shown in the palette).
   * Fails with the visible rows listed when no such command shows up within `timeout`.
   */
  async runCommand(title: string, { timeout = patience(15_000) } = {}): Promise<void> {
    const page = this.page;
    await this.closeQuickInput();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
      has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }),
    });
    try {
      await row.first().waitFor({ state: 'visible', timeout });
    } catch {
      const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts();
      await page.keyboard.press('Escape');
      throw new Error(`command "${title}" not found in the command palette; rows shown: ${JSON.stringify(rows)}`);
    }
    await row.first().click();
  }

  /**
   * Answers an open input box (showInputBox / a quick pick's filter): waits for it, replaces its text with
   * `text` and presses Enter (unless `submit: false`). Returns the prompt/title shown, to assert on.
   */
  async quickInput(text: string, { submit = true, timeout = patience(15_000) } = {}): Promise<string> {
    const page = this.page;
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout });
    const prompt = (await widget.locator('.quick-input-message, .quick-input-title').allInnerTexts()).join(' ').trim();
    await input.fill(text, { timeout }); // the widget may close meanwhile (focus moved): fail as soon as the wait above would
    if (submit) {
      await input.press('Enter');
      await widget.waitFor({ state: 'hidden', timeout }).catch(() => undefined); // a next step may reuse the widget
    }
    return prompt;
  }

  /** Picks the item labelled `label` in an open quick pick (clicks it; for multi-select, toggles it). */
  async quickPick(label: string | RegExp, { timeout = patience(15_000) } = {}): Promise<void> {
    const page = this.page;
    const match = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: match }) });
    try {
      await row.first().waitFor({ state: 'visible', timeout });
    } catch {
      throw new Error(`quick pick item ${label} not found; items: ${JSON.stringify(await this.quickPickItems())}`);
    }
    // A picker still busy (a search in flight) puts its results above the rows shown, moving them under the pointer
    // between Playwright's aim and its click: click once it is idle and its rows stayed the same for longer than
    // VS Code waits before it shows a busy picker's progress bar (800 ms), so that "no bar" means "not busy".
    const busy = page.locator('.quick-input-widget .monaco-progress-container.active');
    let shown = '';
    let since = Date.now();
    await this.poll(async () => {
      const now = JSON.stringify(await this.quickPickItems());
      if (now !== shown || (await busy.isVisible())) {
        shown = now;
        since = Date.now();
      }
      return Date.now() - since >= QUICK_PICK_BUSY_DELAY_MS + 200;
    }, timeout);
    await row.first().click();
  }

  /** Labels of the items the open quick pick shows. */
  async quickPickItems(): Promise<string[]> {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts();
  }

  /** Closes the quick input if one is open (Escape). */
  async closeQuickInput(): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    if (await widget.isVisible()) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: patience(5_000) }).catch(() => undefined);
    }
  }

  /**
   * Writes `content` to `name` in the workspace folder and opens it in an editor through Quick Open, by its absolute
   * path (Quick Open opens that at once, while the file search may not have seen a new file yet); resolves the
   * editor once it shows.
   */
  async openWorkspaceFile(name: string, content: string): Promise<Locator> {
    const file = path.join(this.workspaceFolder, name);
    fs.writeFileSync(file, content);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+p');
      await this.quickInput(file, { submit: false });
      if (await row.waitFor({ state: 'visible', timeout: patience(10_000) }).then(() => true, () => false)) break;
      await this.closeQuickInput();
      if (attempt === 3) throw new Error(`Quick Open did not offer ${file}`);
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: patience(15_000) });
    const editor = this.page.locator('.part.editor .editor-instance .monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: patience(15_000) });
    return editor;
  }

  /** The activity-bar entry (the `<a>` of the action item) titled `title`. */
  activityEntry(title = VIEW_CONTAINER_TITLE): Locator {
    return this.page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${title}"]`).first();
  }

  /**
   * Shows the VideoGen view container (clicks its activity-bar entry unless it is already showing) and waits
   * until the extension fills its Files view; resolves with what shows (see waitForViewContent).
   * The entry toggles: a click on a container that is showing hides the side bar. So the state is read again
   * after every click, and the entry clicked again until the container shows.
   */
  async openView(title = VIEW_CONTAINER_TITLE, { timeout = patience(30_000) } = {}): Promise<'welcome' | 'tree' | 'message' | 'empty'> {
    const entry = this.activityEntry(title);
    await entry.waitFor({ state: 'visible', timeout });
    const end = Date.now() + timeout;
    while (!(await this.containerShowing(title))) {
      if (Date.now() > end) throw new Error(`the "${title}" view container did not show within ${timeout} ms (clicked its activity-bar entry)`);
      await entry.click();
      await this.poll(() => this.containerShowing(title), patience(5_000));
    }
    await this.view().waitFor({ state: 'visible', timeout });
    return this.waitForViewContent({ timeout });
  }

  /** True when the side bar is visible and shows the view container of the activity-bar entry `title`. */
  private async containerShowing(title: string): Promise<boolean> {
    const item = this.page.locator('.part.activitybar .action-item').filter({ has: this.page.locator(`a.action-label[aria-label^="${title}"]`) }).first();
    const [selected, classes] = await Promise.all([item.getAttribute('aria-selected'), item.getAttribute('class')]);
    const active = selected === 'true' || /\bchecked\b/.test(classes ?? '');
    return active && (await this.page.locator('.part.sidebar').isVisible());
  }

  /**
   * Waits until the extension's view shows something: its welcome content (no API key), tree rows, or a
   * tree message. VS Code shows "There is no data provider registered…" until the extension activates.
   * Resolves with what shows; 'empty' when the provider is registered but the tree stays empty for `timeout`.
   */
  async waitForViewContent({ timeout = patience(30_000) } = {}): Promise<'welcome' | 'tree' | 'message' | 'empty'> {
    const body = this.view();
    let registered = false;
    for (const end = Date.now() + timeout; ; await sleep(100)) {
      if ((await this.welcomeText()) !== '') return 'welcome';
      const message = (await body.locator('.message:not(.hide)').first().innerText({ timeout: 200 }).catch(() => '')).trim();
      registered = !/no data provider registered/i.test(message);
      if (registered && (await body.locator('.monaco-list-row').count()) > 0) return 'tree';
      if (registered && message) return 'message';
      if (Date.now() > end) break;
    }
    if (registered) return 'empty';
    throw new Error(`the view has no data provider after ${timeout} ms (did the extension activate? see the logs in ${this.h.logsDir})`);
  }

  /** The sidebar's content area (the open view container's panes). */
  view(): Locator {
    return this.page.locator('.part.sidebar .content .pane-body').first();
  }

  /** Text of the view's welcome content (viewsWelcome), '' when the tree shows instead. */
  async welcomeText(): Promise<string> {
    const w = this.page.locator('.part.sidebar .welcome-view-content');
    return (await w.count()) > 0 && (await w.first().isVisible()) ? (await w.first().innerText()).trim() : '';
  }

  /** Rows of the tree in the sidebar: label, description and aria-label of each visible row. */
  async treeRows(): Promise<Array<{ label: string; description: string; ariaLabel: string; expanded: boolean | null }>> {
    const rows = this.page.locator('.part.sidebar .pane-body .monaco-list-row');
    const n = await rows.count();
    const out = [];
    for (let i = 0; i < n; i++) {
      const r = rows.nth(i);
      const label = ((await r.locator('.label-name').first().textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
      const description = ((await r.locator('.label-description').first().textContent({ timeout: 200 }).catch(() => '')) ?? '').trim();
      const ariaLabel = (await r.getAttribute('aria-label')) ?? '';
      const exp = await r.getAttribute('aria-expanded');
      out.push({ label, description, ariaLabel, expanded: exp === null ? null : exp === 'true' });
    }
    return out;
  }

  /** Labels of the visible rows of the tree in the sidebar, top to bottom, read in one go (rows re-render while the tree updates). */
  async treeItems(): Promise<string[]> {
    return this.page.$$eval('.part.sidebar .pane-body .monaco-list-row', (rows) => rows.map((row) => (row.querySelector('.label-name')?.textContent ?? '').trim()));
  }

  /** Waits until the tree's labels satisfy `predicate` (default: at least one row); returns them. `what` names it in the error. */
  async waitForTreeItems(
    predicate: (labels: string[]) => boolean = (l) => l.length > 0,
    { timeout = patience(20_000), what = 'the expected rows' }: { timeout?: number; what?: string } = {},
  ): Promise<string[]> {
    let labels: string[] = [];
    for (const end = Date.now() + timeout; Date.now() < end; await sleep(200)) {
      labels = await this.treeItems();
      if (predicate(labels)) return labels;
    }
    throw new Error(`the tree never showed ${what} within ${timeout} ms; last rows: ${JSON.stringify(labels)}`);
  }

  /** The tree row whose label is `label` (exact) or matches the RegExp. */
  treeItem(label: string | RegExp): Locator {
    const match = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    return this.page.locator('.part.sidebar .pane-body .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: match }) }).first();
  }

  /**
   * Opens a file's preview with its tree row's inline *Open Preview* action, moves the pointer off the row (its hover
   * would cover the rows below), and resolves once the preview's tab shows.
   */
  async openPreviewFromRow(label: string): Promise<void> {
    const row = this.treeItem(label);
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    await this.page.mouse.move(1000, 700);
    await this.page.locator('.tab', { hasText: label }).first().waitFor({ timeout: patience(15_000) });
  }

  /**
   * Opens the context menu of `target` (a right-click, as a person does) and clicks its item labelled `item`;
   * fails with the items shown when there is no such item.
   */
  async contextMenu(target: Locator, item: string, { timeout = patience(15_000) } = {}): Promise<void> {
    await target.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.locator('.action-item .action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(item)}\\s*$`) }).first();
    try {
      await entry.waitFor({ state: 'visible', timeout });
    } catch {
      const items = await menu.locator('.action-item .action-label').allInnerTexts();
      await this.page.keyboard.press('Escape');
      throw new Error(`no "${item}" in the context menu; items: ${JSON.stringify(items)}`);
    }
    // A menu ignores mouse-ups for its first 100 ms, so that the release of the right-click does not pick an
    // item; a click that came too early leaves it open. Click until the menu closes: it closes when it runs the item.
    for (const end = Date.now() + timeout; ; ) {
      await entry.click({ timeout: patience(5_000) }).catch(() => undefined);
      if (await this.poll(async () => !(await menu.isVisible()), patience(1_000))) return;
      if (Date.now() > end) throw new Error(`the context menu stayed open after clicking "${item}"`);
    }
  }

  /** Lets the workbench page use the system clipboard (Chromium asks for clipboard-read otherwise). */
  private async allowClipboard(): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: this.h.baseUrl });
  }

  /** Puts `text` on the system clipboard, as another application would. */
  async setClipboardText(text: string): Promise<void> {
    await this.allowClipboard();
    await this.page.evaluate((t) => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(t), text);
  }

  /**
   * Puts an image on the system clipboard: alone, as a screenshot tool copies it, or with `text` beside it, as a
   * browser or a document editor copies one.
   */
  async setClipboardImage(bytes: Uint8Array, { mimeType = 'image/png', text }: { mimeType?: string; text?: string } = {}): Promise<void> {
    await this.allowClipboard();
    await this.page.evaluate(
      async ({ data, type, text }) => {
        const g = globalThis as unknown as {
          ClipboardItem: new (items: Record<string, Blob>) => unknown;
          Blob: new (parts: Array<Uint8Array | string>, options: { type: string }) => Blob;
          navigator: { clipboard: { write(items: unknown[]): Promise<void> } };
        };
        const items: Record<string, Blob> = { [type]: new g.Blob([new Uint8Array(data)], { type }) };
        if (text !== undefined) items['text/plain'] = new g.Blob([text], { type: 'text/plain' });
        await g.navigator.clipboard.write([new g.ClipboardItem(items)]);
      },
      { data: [...bytes], type: mimeType, text },
    );
  }

  /** The system clipboard's text. */
  async clipboardText(): Promise<string> {
    await this.allowClipboard();
    return this.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  }

  /** Waits until the clipboard's text is no longer `previous` (a copy landed) and returns it. */
  async waitForClipboardChange(previous: string, { timeout = patience(10_000) } = {}): Promise<string> {
    let text = previous;
    if (await this.poll(async () => (text = await this.clipboardText()) !== previous, timeout)) return text;
    throw new Error(`the clipboard still held ${JSON.stringify(previous)} after ${timeout} ms`);
  }

  /** Every notification text seen so far (toasts, centre, screen-reader alerts such as "Info: …"). */
  async notifications(): Promise<string[]> {
    const seen = await this.page.evaluate('window.__vgNotifications || []');
    const now = await this.page.locator('.notification-list-item-message').allTextContents();
    return [...new Set([...(seen as string[]), ...now.map((t) => t.trim())])];
  }

  /**
   * Waits for a notification containing `text` (or matching the RegExp) and returns its text (which may
   * carry a screen-reader prefix such as "Info: " or "Error: "). Works whether the workbench shows toasts
   * (1.100) or only fills the notification centre (1.139 headless): after half the timeout it also opens
   * the notification centre and looks there.
   */
  async waitForNotification(text: string | RegExp, { timeout = patience(15_000) } = {}): Promise<string> {
    const test = (t: string) => (typeof text === 'string' ? t.includes(text) : text.test(t));
    const start = Date.now();
    let openedCentre = false;
    for (;;) {
      const hit = (await this.notifications()).find(test);
      if (hit) {
        if (openedCentre) await this.toggleNotificationCentre(false);
        return hit;
      }
      if (Date.now() - start > timeout) break;
      if (!openedCentre && Date.now() - start > timeout / 2) openedCentre = await this.toggleNotificationCentre(true);
      await sleep(100);
    }
    if (openedCentre) await this.toggleNotificationCentre(false);
    throw new Error(`no notification matching ${text} within ${timeout} ms; seen: ${JSON.stringify(await this.notifications())}`);
  }

  /**
   * Clicks the button `button` of the notification containing `text` (e.g. "Set API Key" on an error),
   * in a toast or, when there is none, in the notification centre.
   */
  async clickNotificationButton(text: string | RegExp, button: string, { timeout = patience(15_000) } = {}): Promise<void> {
    const find = () =>
      this.page
        .locator('.notification-list-item')
        .filter({ has: this.page.locator('.notification-list-item-message', { hasText: text }) })
        .locator('.monaco-button', { hasText: button })
        .first();
    const end = Date.now() + timeout;
    let openedCentre = false;
    while (!(await find().isVisible())) {
      if (Date.now() > end) throw new Error(`no notification ${text} with a "${button}" button; seen: ${JSON.stringify(await this.notifications())}`);
      if (!openedCentre && Date.now() > end - timeout / 2) openedCentre = await this.toggleNotificationCentre(true);
      await sleep(100);
    }
    await find().click();
  }

  /** Shows (true) or hides (false) the notification centre with the status-bar bell; returns whether it toggled. */
  async toggleNotificationCentre(show: boolean): Promise<boolean> {
    const centre = this.page.locator('.notifications-center.visible');
    if ((await centre.isVisible()) === show) return false;
    const bell = this.page.locator('.part.statusbar [id="status.notifications"] a, .part.statusbar [id="status.notifications"]').first();
    if (!(await bell.isVisible())) return false;
    await bell.click();
    await centre.waitFor({ state: show ? 'visible' : 'hidden', timeout: patience(5_000) }).catch(() => undefined);
    return true;
  }

  /** Saves a screenshot of the whole workbench to test-results/<version>/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(this.resultsDir, `${slug(name)}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * The content frame of a visible webview (panel or view): webviews are an `iframe.webview` whose document
   * holds the extension's HTML in a nested iframe. With `selector`, returns the first visible webview whose
   * content has a matching element (waits for it). Use the returned Frame's locators as usual.
   */
  async webviewFrame({ selector = 'body', timeout = patience(20_000) } = {}): Promise<Frame> {
    const end = Date.now() + timeout;
    let webviews = 0;
    for (;;) {
      webviews = 0;
      for (const f of this.page.frames()) {
        const parent = f.parentFrame();
        if (!parent || !/\/webview\/browser\/pre\/index\.html/.test(parent.url())) continue;
        webviews++;
        try {
          const outer = await parent.frameElement();
          if (!(await outer.isVisible())) continue;
          if ((await f.locator(selector).count()) > 0) return f;
        } catch {
          /* frame detached while we looked: try again */
        }
      }
      if (Date.now() > end) break;
      await sleep(150);
    }
    throw new Error(`no visible webview with content matching "${selector}" within ${timeout} ms (${webviews} webview frame(s) found)`);
  }

  /**
   * Reloads the window the way a person would ("Developer: Reload Window": VS Code saves its state, e.g.
   * the open editors, first), then waits until the new workbench has settled as after start(): layout and
   * editors restored, extensions registered, the activity-bar entry shown. The extension host restarts;
   * secrets and settings persist.
   */
  async reload(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: patience(90_000) });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.whenSettled();
  }

  /** Errors of the extension found in VS Code's logs so far (activation failure, uncaught errors, crashes). */
  extensionErrors(): string[] {
    return this.h.extensionErrors();
  }

  /** Stops everything and saves VS Code's logs; returns the extension errors found in them. */
  async close(): Promise<string[]> {
    if (!this.wb || this.closed) return [];
    this.closed = true;
    await this.wb.close();
    return this.wb.extensionErrors();
  }
}

/** Chromium itself dying while the workbench loads (seen once in ~40 starts on a loaded 2-core machine). */
const BROWSER_CRASH = /Target page, context or browser has been closed|Browser has been closed|Target crashed/;

/**
 * Starts a workbench; when the browser crashed during start-up (not a failure of the extension or of a test),
 * starts a fresh one once. Any other start-up failure is reported as it is.
 */
async function startOrRetryOnBrowserCrash(options: WorkbenchOptions): Promise<Workbench> {
  for (let attempt = 1; ; attempt++) {
    const wb = new Workbench(options);
    try {
      await wb.start();
      return wb;
    } catch (e) {
      await wb.close().catch(() => undefined);
      if (attempt > 1 || !BROWSER_CRASH.test(String(e))) throw e;
      console.log(`[e2e] Chromium closed while the workbench was starting; starting it again once (${String(e).split('\n')[0]})`);
    }
  }
}

/**
 * Registers mocha hooks in the current `describe()`: a workbench is started before the suite's tests and
 * closed after them. A failed test gets a screenshot (test-results/<version>/failed-<title>.png); the suite
 * fails in "after all" when VS Code's logs show errors of the extension. Returns the Workbench to use in tests.
 */
export function useWorkbench(options: WorkbenchOptions = {}): Workbench {
  let wb: Workbench;
  const proxy = new Proxy({} as Workbench, {
    get(_t, prop) {
      if (!wb) throw new Error('the workbench is not started yet (use it inside it()/before() hooks)');
      const v = Reflect.get(wb, prop, wb);
      return typeof v === 'function' ? v.bind(wb) : v;
    },
  });
  before(async function () {
    this.timeout(patience(300_000));
    const label = options.label ?? `e2e-${slug(this.test?.parent?.fullTitle() || 'suite')}`;
    wb = await startOrRetryOnBrowserCrash({ ...options, label });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
    }
  });
  after(async function () {
    this.timeout(patience(60_000));
    const errors = await wb?.close();
    if (errors?.length) throw new Error(`the extension logged errors in VS Code:\n${errors.join('\n\n')}`);
  });
  return proxy;
}
