// One owner of file state, seen by a user: a change made from the Files tree shows in an open preview at once.
import { strict as assert } from 'node:assert';
import { patience, useWorkbench } from './fixture';

const FILE = 'Store proof — harbour photo';

describe('Files tree and preview share one file state', function () {
  this.timeout(patience(180_000));
  const vs = useWorkbench();

  before(async () => {
    vs.server.addFile({ displayName: FILE, media: 'hero-photo', urls: 'fresh' });
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes(FILE), { timeout: patience(30_000) });
  });

  const toggles = (action: 'enable' | 'disable') => vs.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/${action}-public-preview`)).length;

  /** Runs an item of the row's context menu; again when a click closed the menu without running it (under load). */
  async function contextMenu(item: string, action: 'enable' | 'disable'): Promise<void> {
    const before = toggles(action);
    for (let attempt = 1; ; attempt++) {
      await vs.contextMenu(vs.treeItem(FILE), item);
      for (const end = Date.now() + patience(5_000); toggles(action) === before && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 100));
      if (toggles(action) > before || attempt === 3) return;
    }
  }

  it('turning public preview on from the tree updates the open preview at once, without a reload', async () => {
    await vs.treeItem(FILE).click();
    const frame = await vs.webviewFrame({ selector: 'main#app .toolbar button' });
    const toolbar = frame.locator('.toolbar button');
    await toolbar.filter({ hasText: 'Copy File ID' }).waitFor({ timeout: patience(15_000) });
    assert.equal(await toolbar.filter({ hasText: 'Copy Public Preview URL' }).count(), 0, 'public preview is off to begin with');
    const pagesBefore = vs.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files').length;

    await contextMenu('Enable Public Preview', 'enable');

    await toolbar.filter({ hasText: 'Copy Public Preview URL' }).waitFor({ timeout: patience(10_000) });
    await vs.treeItem(FILE).filter({ hasText: /public/ }).waitFor({ timeout: patience(10_000) }).catch(() => undefined);
    assert.match(await vs.treeItem(FILE).innerText(), /public/, 'the tree row says public too');
    assert.equal(vs.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files').length, pagesBefore, 'nothing was re-listed');
    assert.equal(toggles('enable'), 1);
    await vs.screenshot('store-public-preview-in-open-preview');

    await contextMenu('Disable Public Preview', 'disable');
    await toolbar.filter({ hasText: 'Copy Public Preview URL' }).waitFor({ state: 'detached', timeout: patience(10_000) });
  });
});
