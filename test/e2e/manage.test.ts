// Managing the library, as a user does it: Archive from a row's context menu and with the Delete key, confirmed in
// VS Code's real modal dialog; public preview switched from the preview's toolbar while it is open, its state in
// the preview and the tree row, in light, dark and high-contrast themes (screenshots in test-results/<version>/).
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { patience, slug, useWorkbench } from './fixture';

const BY_MENU = 'Archive by menu — harbour photo';
const BY_KEY = 'Archive by key — brand logo';
const PUBLIC = 'Public toggle — mountain';

const THEMES = [
  { name: 'Light Modern', bodyClass: 'vscode-light' },
  { name: 'Dark Modern', bodyClass: 'vscode-dark' },
  { name: 'Dark High Contrast', bodyClass: 'vscode-high-contrast' },
] as const;

describe('Manage files in the workbench: archive and public preview', function () {
  this.timeout(300_000);
  const vs = useWorkbench();

  before(async () => {
    for (const [displayName, media] of [[BY_MENU, 'hero-photo'], [BY_KEY, 'brand-logo'], [PUBLIC, 'ai-mountain']]) {
      vs.server.addFile({ displayName, media, urls: 'fresh' });
    }
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => [BY_MENU, BY_KEY, PUBLIC].every((l) => labels.includes(l)), { timeout: patience(30_000) });
  });

  const dialog = () => vs.page.locator('.monaco-dialog-box');

  /** Waits for VS Code's modal dialog, checks its question, and clicks `button` in it. */
  async function answerDialog(question: string, button: string, screenshot: string): Promise<void> {
    await dialog().waitFor({ state: 'visible', timeout: patience(10_000) });
    assert.match(await dialog().innerText(), new RegExp(question.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await vs.screenshot(screenshot);
    await dialog().locator('.dialog-buttons .monaco-button', { hasText: button }).first().click();
    await dialog().waitFor({ state: 'detached', timeout: patience(10_000) });
  }

  const archived = () => vs.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/archive')).length;

  it("archives from the row's context menu after the real modal dialog is confirmed; Cancel keeps the row", async () => {
    await vs.contextMenu(vs.treeItem(BY_MENU), 'Archive…');
    await answerDialog(`Archive “${BY_MENU}”?`, 'Cancel', 'manage-archive-dialog-menu');
    assert.equal(archived(), 0, 'Cancel archives nothing');
    assert.ok((await vs.treeItems()).includes(BY_MENU));

    await vs.contextMenu(vs.treeItem(BY_MENU), 'Archive…');
    await answerDialog(`Archive “${BY_MENU}”?`, 'Archive', 'manage-archive-dialog-menu-again');
    await vs.treeItem(BY_MENU).waitFor({ state: 'detached', timeout: patience(10_000) });
    await pollUntil(() => archived() === 1, 'the archive request');
    await vs.screenshot('manage-archived-by-menu');
  });

  it('the Delete key in the Files view archives the selected row, and its open preview says it was archived', async () => {
    await vs.treeItem(BY_KEY).click(); // a single click selects the row and opens a preview, keeping the focus in the tree
    const frame = await vs.webviewFrame({ selector: 'main#app .toolbar button' });
    await frame.locator('.title', { hasText: BY_KEY }).waitFor({ timeout: patience(15_000) });
    await vs.treeItem(BY_KEY).click(); // the focus stays in the view for the key
    await vs.page.keyboard.press('Delete');
    await answerDialog(`Archive “${BY_KEY}”?`, 'Archive', 'manage-archive-dialog-delete-key');
    await vs.treeItem(BY_KEY).waitFor({ state: 'detached', timeout: patience(10_000) });
    const message = frame.locator('.status-message');
    await message.waitFor({ timeout: patience(10_000) });
    assert.equal(await message.innerText(), `“${BY_KEY}” was archived: it is no longer in your VideoGen library.`);
    assert.equal(await frame.locator('.toolbar button').count(), 0, 'no actions on an archived file');
    for (const theme of THEMES) {
      await setTheme(theme.name);
      await waitForTheme(frame, theme.bodyClass);
      await vs.screenshot(`manage-archived-preview-${slug(theme.name)}`);
    }
    await vs.runCommand('View: Close All Editors');
  });

  it('public preview switched from the open preview shows in its details and toolbar and in the tree row, in every theme', async () => {
    const row = vs.treeItem(PUBLIC);
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    const frame = await vs.webviewFrame({ selector: 'main#app .toolbar button' });
    await frame.locator('.title', { hasText: PUBLIC }).waitFor({ timeout: patience(15_000) });
    assert.equal(await publicDetail(frame), 'Off');
    await frame.locator('.toolbar button', { hasText: 'Enable Public Preview' }).click();
    await frame.locator('.toolbar button', { hasText: 'Disable Public Preview' }).waitFor({ timeout: patience(10_000) });
    assert.equal(await publicDetail(frame), 'On: anyone with the link can open it');
    assert.match(await vs.treeItem(PUBLIC).innerText(), /public/, 'the tree row says public too');
    for (const theme of THEMES) {
      await setTheme(theme.name);
      await waitForTheme(frame, theme.bodyClass);
      await vs.screenshot(`manage-public-preview-on-${slug(theme.name)}`);
    }
    await frame.locator('.toolbar button', { hasText: 'Disable Public Preview' }).click();
    await frame.locator('.toolbar button', { hasText: 'Enable Public Preview' }).waitFor({ timeout: patience(10_000) });
    assert.equal(await publicDetail(frame), 'Off');
    assert.doesNotMatch(await vs.treeItem(PUBLIC).innerText(), /public/);
    const switches = vs.server.requests.filter((r) => r.method === 'POST' && /\/(enable|disable)-public-preview$/.test(r.path)).map((r) => r.path.split('/').pop());
    assert.deepEqual(switches, ['enable-public-preview', 'disable-public-preview']);
    await vs.screenshot('manage-public-preview-off');
  });

  async function publicDetail(frame: Frame): Promise<string> {
    const row = frame.locator('.details dt', { hasText: 'Public preview' }).locator('xpath=following-sibling::dd[1]');
    return (await row.innerText()).trim();
  }

  /** Picks the theme in "Preferences: Color Theme" (its label is the same in every version). */
  async function setTheme(label: string): Promise<void> {
    await vs.runCommand('Preferences: Color Theme');
    await vs.quickInput(label, { submit: false });
    await vs.quickPick(label);
  }

  /** The webview follows the theme: its body carries the theme's class. The mouse moves off to avoid hover colours. */
  async function waitForTheme(frame: Frame, bodyClass: string): Promise<void> {
    const hasClass = (cls: string): boolean => (globalThis as unknown as { document: { body: { classList: { contains(c: string): boolean } } } }).document.body.classList.contains(cls);
    await frame.waitForFunction(hasClass, bodyClass, { timeout: patience(10_000) });
    await vs.page.mouse.move(1000, 700);
  }

  async function pollUntil(probe: () => boolean, what: string): Promise<void> {
    const end = Date.now() + patience(10_000);
    while (!probe()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
