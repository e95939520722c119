// A server that signs URLs for less than the official 60-s safety margin: media still shows, copies still work,
// and hydrate is not called again and again.
import { strict as assert } from 'node:assert';
import { useWorkbench } from './fixture';

const FILE = 'Aurora Headphones — studio shot';

interface PageImage {
  readonly complete: boolean;
  readonly naturalWidth: number;
}
interface PageGlobals {
  document: { querySelector<T>(selector: string): T | null; body: { innerText: string } };
}

describe('Signed URLs that live 20 seconds', function () {
  this.timeout(120_000);
  const vs = useWorkbench({ server: { urlLifetimeSeconds: 20 } });

  before(async () => {
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes(FILE), { timeout: 30_000 });
  });

  it('previews and copies with them, hydrating a bounded number of times', async () => {
    const hydrates = (): number => vs.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/hydrate') && r.path.includes(fileId)).length;
    const row = vs.treeItem(FILE);
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    const frame = await vs.webviewFrame({ selector: 'main#app .details' });
    const fileId = (await frame.locator('.details dd').last().innerText()).trim();
    assert.match(fileId, /^vg_file_/);
    await frame.waitForFunction(() => {
      const image = (globalThis as unknown as PageGlobals).document.querySelector<PageImage>('img.media');
      return image !== null && image.complete && image.naturalWidth > 0;
    }, undefined, { timeout: 15_000 });
    assert.doesNotMatch(await frame.locator('body').innerText(), /has no preview/);

    const afterOpen = hydrates();
    assert.ok(afterOpen >= 1 && afterOpen <= 2, `${afterOpen} hydrations to open the preview`);
    await frame.locator('.toolbar button', { hasText: 'Copy Download URL' }).click();
    await vs.page.locator('.statusbar', { hasText: 'Copied download URL' }).waitFor({ timeout: 10_000 });
    assert.ok(!(await vs.notifications()).some((n) => /has no download URL/.test(n)), 'no claim that the media is missing');
    // Left open for a while: the URLs are re-signed ahead of expiry, not on every use.
    await vs.page.waitForTimeout(8_000);
    assert.ok(hydrates() <= afterOpen + 2, `${hydrates()} hydrations after 8 s more (at most one refresh per half lifetime)`);
  });
});
