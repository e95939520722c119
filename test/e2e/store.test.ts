// One owner of file state, seen by a user: a change made from the Files tree shows in an open preview at once.
import { strict as assert } from 'node:assert';
import { useWorkbench } from './fixture';

const FILE = 'Store proof — harbour photo';

describe('Files tree and preview share one file state', function () {
  this.timeout(180_000);
  const vs = useWorkbench();

  before(async () => {
    vs.server.addFile({ displayName: FILE, media: 'hero-photo', urls: 'fresh' });
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes(FILE), { timeout: 30_000 });
  });

  /** Runs an item of the row's context menu: hovered, then Enter (a click can land before the menu is ready). */
  async function contextMenu(item: string): Promise<void> {
    await vs.treeItem(FILE).click({ button: 'right' });
    const entry = vs.page.locator('.monaco-menu .action-item', { hasText: item });
    await entry.hover();
    await vs.page.keyboard.press('Enter');
    await entry.waitFor({ state: 'detached', timeout: 5_000 });
  }

  it('turning public preview on from the tree updates the open preview at once, without a reload', async () => {
    const row = vs.treeItem(FILE);
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    const frame = await vs.webviewFrame({ selector: 'main#app .toolbar button' });
    const toolbar = frame.locator('.toolbar button');
    await toolbar.filter({ hasText: 'Copy File ID' }).waitFor({ timeout: 15_000 });
    assert.equal(await toolbar.filter({ hasText: 'Copy Public Preview URL' }).count(), 0, 'public preview is off to begin with');
    const pagesBefore = vs.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files').length;

    await contextMenu('Enable Public Preview');

    await toolbar.filter({ hasText: 'Copy Public Preview URL' }).waitFor({ timeout: 10_000 });
    assert.match(await vs.treeItem(FILE).innerText(), /public/, 'the tree row says public too');
    assert.equal(vs.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files').length, pagesBefore, 'nothing was re-listed');
    const enabled = vs.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/enable-public-preview'));
    assert.equal(enabled.length, 1);
    await vs.screenshot('store-public-preview-in-open-preview');

    await contextMenu('Disable Public Preview');
    await toolbar.filter({ hasText: 'Copy Public Preview URL' }).waitFor({ state: 'detached', timeout: 10_000 });
  });
});
