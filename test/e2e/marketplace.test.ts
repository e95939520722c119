// The pictures of the Marketplace page (README.md), taken from the sample library as a user sees it: no test
// fixtures added. Each step checks what the picture is meant to show. `VG_README_IMAGES=1` also copies them to
// images/ (run it on the newest VS Code: `npm test -- --only e2e --vscode 4.139.1 --grep Marketplace`).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { patience, REPO, useWorkbench } from './fixture';

interface PageImage {
  readonly complete: boolean;
  readonly naturalWidth: number;
}
interface PageGlobals {
  document: { querySelector<T>(selector: string): T | null };
}

describe('Marketplace screenshots', function () {
  this.timeout(patience(180_000));
  const vs = useWorkbench({ viewport: { width: 1280, height: 760 } });

  async function picture(name: string): Promise<void> {
    const file = await vs.screenshot(`marketplace-${name}`);
    if (process.env.VG_README_IMAGES) fs.copyFileSync(file, path.join(REPO, 'images', `${name}.png`));
  }

  async function theme(label: string): Promise<void> {
    await vs.runCommand('Preferences: Color Theme');
    await vs.quickInput(label, { submit: false });
    await vs.quickPick(label);
  }

  before(async () => {
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes('Mountain at sunrise'), { timeout: patience(30_000) });
  });

  it('the Files view with a rich tooltip', async () => {
    await theme('Light Modern');
    const hover = vs.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Mountain at sunrise' }).first();
    // Under load the workbench can miss a hover that arrives while the tree redraws: move away and hover again.
    for (let attempt = 1; ; attempt++) {
      await vs.treeItem('Mountain at sunrise').hover();
      if (await hover.waitFor({ state: 'visible', timeout: patience(10_000) }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('the tooltip of "Mountain at sunrise" never showed');
      await vs.page.mouse.move(1000, 700);
    }
    const image = hover.locator('img').first();
    await image.waitFor({ state: 'visible', timeout: patience(10_000) });
    await image.evaluate((img) => new Promise((resolve) => ((img as unknown as PageImage).complete ? resolve(undefined) : img.addEventListener('load', () => resolve(undefined)))));
    assert.match(await hover.innerText(), /Source tool: Generate image/);
    await picture('files-view');
    await vs.page.mouse.move(1000, 700);
    await vs.page.keyboard.press('Escape');
  });

  it('a video preview beside its details', async () => {
    const row = vs.treeItem('Spring Launch Teaser');
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    await vs.page.mouse.move(1000, 700);
    const frame = await vs.webviewFrame({ selector: 'main#app .details' });
    await frame.locator('.transcript .word').first().waitFor({ timeout: patience(15_000) });
    await frame.waitForFunction(() => {
      const page = (globalThis as unknown as PageGlobals).document;
      return page.querySelector('.stage-text') !== null || (page.querySelector<{ readyState: number }>('video.media')?.readyState ?? 0) >= 2;
    }, undefined, { timeout: patience(20_000) });
    await picture('preview-video');
  });

  it('an audio preview with its transcript, in a dark theme', async () => {
    await vs.runCommand('View: Close All Editors');
    await theme('Dark Modern');
    const row = vs.treeItem('Founders Podcast Ep. 12 (clip)');
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    await vs.page.mouse.move(1000, 700);
    const frame = await vs.webviewFrame({ selector: 'main#app .transcript .word' });
    await frame.waitForFunction(() => (globalThis as unknown as { document: { body: { classList: { contains(c: string): boolean } } } }).document.body.classList.contains('vscode-dark'), undefined, {
      timeout: patience(15_000),
    });
    await frame.locator('.transcript .word', { hasText: 'podcast.' }).click();
    await frame.locator('.transcript .word.is-current', { hasText: 'podcast.' }).waitFor({ timeout: patience(10_000) });
    await vs.page.mouse.move(1000, 700);
    await picture('preview-transcript-dark');
  });

  it('Insert as… in a Markdown document, each format previewed', async () => {
    await vs.runCommand('View: Close All Editors');
    await theme('Light Modern');
    await vs.runCommand('File: New Untitled Text File');
    await vs.runCommand('Change Language Mode');
    await vs.quickInput('Markdown', { submit: false });
    await vs.quickPick(/^Markdown/);
    await vs.page.keyboard.type('# Launch page\n\n');
    await vs.contextMenu(vs.treeItem('Mountain at sunrise'), 'Insert as…');
    await vs.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Markdown image' }).first().waitFor({ timeout: patience(15_000) });
    await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Insert as' }).waitFor({ timeout: patience(10_000) });
    await vs.page.waitForFunction("document.querySelector('.quick-input-widget input')?.value === ''", undefined, { timeout: patience(10_000) });
    await vs.page.mouse.move(1000, 700);
    const offered = await vs.quickPickItems();
    assert.ok(offered.some((item) => item.includes('Markdown image')), JSON.stringify(offered));
    await picture('insert-as');
    await vs.closeQuickInput();
  });
});
