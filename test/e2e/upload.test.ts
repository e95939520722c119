// Uploads as a user makes them: "Upload Files…" through the file dialog, and an Explorer file dropped on the Files
// view; the progress notification with the bytes sent, the summary, the new row at the top, the status-bar item.
import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { patience, useWorkbench } from './fixture';
import { serverSourceDir } from '../server/server';

const COMMAND_FILE = 'Harbour upload.png';
const DROPPED_FILE = 'Dropped logo.png';

/** A person's drag: press on the source, move there in steps (VS Code starts a drag only after a move), release. */
async function dragAndDrop(source: Locator, target: Locator): Promise<void> {
  const page = source.page();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  assert.ok(from && to, 'both ends of the drag are on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + from.width / 2 + ((to.x - from.x) * i) / steps, from.y + from.height / 2 + ((to.y + to.height / 2 - from.y - from.height / 2) * i) / steps);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await page.mouse.up();
}

describe('Upload', function () {
  this.timeout(240_000);
  const vs = useWorkbench({ server: { processingDelayMs: 2500 }, userSettings: { 'videogen.list.groupBy': 'none' } });
  const media = (name: string): string => path.join(serverSourceDir(), 'media', name);

  /** The VideoGen status-bar item (its accessible label starts with its state). */
  const statusItem = () => vs.page.locator('.part.statusbar .statusbar-item[id$="videogen.status"]');

  before(async () => {
    // 6 MB: a real PNG followed by padding, so the PUT takes long enough to show its bytes.
    writeFileSync(path.join(vs.workspaceFolder, COMMAND_FILE), Buffer.concat([readFileSync(media('product-shot.png')), Buffer.alloc(6_000_000)]));
    copyFileSync(media('brand-logo.png'), path.join(vs.workspaceFolder, DROPPED_FILE));
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.length > 3, { timeout: patience(30_000) });
  });

  it('shows the connection in the status bar', async () => {
    const item = statusItem();
    await item.waitFor({ timeout: patience(15_000) });
    const host = new URL(vs.server.baseUrl).host;
    assert.equal((await item.innerText()).trim(), `VideoGen (${host})`);
    assert.match((await item.getAttribute('aria-label')) ?? '', new RegExp(`Connected to VideoGen at ${vs.server.baseUrl.replace(/[.]/g, '\\.')}`));
  });

  it('uploads by command: bytes sent then processing in one notification, a summary, the row at the top', async () => {
    vs.server.faults.add({ route: 'PUT /upload/*', latencyMs: 3000, times: 1 });
    await vs.runCommand('VideoGen: Upload Files…');
    // code-server's file dialog is VS Code's simple dialog: a path in a quick input, listing the folder first.
    await vs.page.locator('.quick-input-widget .quick-input-list .label-name', { hasText: COMMAND_FILE }).waitFor({ timeout: patience(15_000) });
    await vs.screenshot('upload-file-dialog');
    await vs.quickInput(path.join(vs.workspaceFolder, COMMAND_FILE));
    const progress = await vs.waitForNotification(/Uploading to VideoGen/, { timeout: patience(20_000) });
    assert.ok(progress, 'the progress notification shows');
    await vs.page.locator('.part.statusbar .statusbar-item[id$="videogen.status"]', { hasText: '1 uploading' }).waitFor({ timeout: patience(10_000) });
    await vs.screenshot('upload-progress');
    await vs.waitForTreeItems((labels) => labels[0] === COMMAND_FILE, { timeout: patience(20_000) });
    const top = vs.treeItem(COMMAND_FILE);
    assert.match((await top.getAttribute('aria-label')) ?? '', /processing/i, 'the new row shows processing');
    await vs.screenshot('upload-processing-row');
    await vs.waitForNotification(`Uploaded “${COMMAND_FILE}” to VideoGen.`, { timeout: patience(40_000) });
    const finished = async (): Promise<boolean> => !/processing/i.test((await vs.treeItem(COMMAND_FILE).getAttribute('aria-label')) ?? 'processing');
    for (const end = Date.now() + patience(20_000); !(await finished()); ) {
      assert.ok(Date.now() < end, 'the row turned into the finished file');
      await vs.page.waitForTimeout(100);
    }
    assert.equal((await vs.treeItems())[0], COMMAND_FILE, 'the finished file stays at the top');
    await vs.screenshot('upload-summary');
    assert.equal(vs.server.requests.filter((r) => r.method === 'PUT').length, 1);
  });

  it('uploads an Explorer file dropped on the Files view', async () => {
    // The Files view under the Explorer's folder tree, so both show at once.
    await vs.runCommand('View: Move View');
    await vs.quickPick(/^Files$/);
    await vs.screenshot('upload-move-view');
    await vs.quickPick(/^Explorer$/);
    const explorerRow = vs.page.locator('.explorer-folders-view .monaco-list-row', { hasText: DROPPED_FILE });
    await explorerRow.waitFor({ timeout: patience(15_000) });
    const filesPane = vs.page.locator('.part.sidebar .pane', { has: vs.page.locator('.pane-header', { hasText: /Files/i }) });
    const firstFileRow = filesPane.locator('.monaco-list-row').first();
    await firstFileRow.waitFor({ timeout: patience(15_000) });
    await dragAndDrop(explorerRow, firstFileRow);
    await vs.screenshot('upload-after-drop');
    await vs.waitForNotification(`Uploaded “${DROPPED_FILE}” to VideoGen.`, { timeout: patience(40_000) });
    await vs.waitForTreeItems((labels) => labels.includes(DROPPED_FILE), { timeout: patience(20_000) });
    assert.equal((await filesPane.locator('.monaco-list-row .label-name').first().innerText()).trim(), DROPPED_FILE, 'the dropped file is the top row');
    await vs.screenshot('upload-dropped');
  });

  it('reports a 429 on create in the summary, and the status bar says until when (light, dark, high contrast)', async () => {
    vs.server.faults.add({ route: 'POST /v1/files/upload', status: 429, retryAfterSeconds: 900, times: 1 });
    await vs.runCommand('VideoGen: Upload Files…');
    await vs.page.locator('.quick-input-widget .quick-input-list .label-name', { hasText: DROPPED_FILE }).waitFor({ timeout: patience(15_000) });
    await vs.quickInput(path.join(vs.workspaceFolder, DROPPED_FILE));
    const summary = await vs.waitForNotification(/Upload failed: .*limit for uploads was reached until/, { timeout: patience(20_000) });
    assert.ok(summary.includes(`“${DROPPED_FILE}”`), summary);
    const limited = vs.page.locator('.part.statusbar .statusbar-item[id$="videogen.status"]', { hasText: 'limited until' });
    await limited.waitFor({ timeout: patience(10_000) });
    assert.match((await limited.getAttribute('aria-label')) ?? '', /hourly limit for uploads was reached; it resets at/);
    for (const theme of ['Light Modern', 'Dark Modern', 'Dark High Contrast', 'Light High Contrast']) {
      await vs.runCommand('Preferences: Color Theme');
      await vs.quickInput(theme, { submit: false });
      await vs.quickPick(theme);
      await vs.page.locator(`.monaco-workbench.${themeClass(theme)}`).waitFor({ timeout: patience(10_000) });
      await vs.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: patience(5_000) });
      await vs.screenshot(`upload-rate-limited-${theme.toLowerCase().replace(/\s+/g, '-')}`);
    }
  });
});

function themeClass(theme: string): string {
  return { 'Light Modern': 'vs', 'Dark Modern': 'vs-dark', 'Dark High Contrast': 'hc-black', 'Light High Contrast': 'hc-light' }[theme] ?? '';
}
