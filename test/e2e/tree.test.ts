import { strict as assert } from 'node:assert';
import { useWorkbench } from './fixture';

const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'&`;
const GROUPS = ['Images', 'Videos', 'Audio', 'Other'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Files tree in the workbench', function () {
  this.timeout(120_000);
  // 10 per page: the 14 listed files of the sample library and the hostile one take two pages.
  const vs = useWorkbench({ userSettings: { 'videogen.list.pageSize': 10 } });

  /** The tree's row labels, read in one go (rows are re-rendered while the tree updates). */
  const labels = (): Promise<string[]> =>
    vs.page.$$eval('.part.sidebar .pane-body .monaco-list-row .label-name', (els) => els.map((e) => (e.textContent ?? '').trim()));

  const rows = (): Promise<Array<{ label: string; description: string }>> =>
    vs.page.$$eval('.part.sidebar .pane-body .monaco-list-row', (els) =>
      els.map((e) => ({
        label: (e.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (e.querySelector('.label-description')?.textContent ?? '').trim(),
      })),
    );

  async function waitForLabels(what: string, predicate: (l: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
    let last: string[] = [];
    for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(200)) {
      last = await labels();
      if (predicate(last)) return last;
    }
    throw new Error(`tree never showed ${what}; last rows: ${JSON.stringify(last)}`);
  }

  before(async () => {
    vs.server?.addFile({ displayName: HOSTILE_NAME, media: 'product-shot', urls: 'fresh', description: 'A product shot with a hostile name.' });
  });

  it('lists the sample library, grouped, with real thumbnails once a key is set', async () => {
    await vs.openView();
    // The extension activates when the view opens: wait for its welcome content.
    let welcome = '';
    for (const end = Date.now() + 30_000; !/API key/i.test(welcome) && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 200));
      welcome = await vs.welcomeText();
    }
    assert.match(welcome, /API key/i, 'the welcome asks for a key first');
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);

    const firstPage = await waitForLabels('the first page', (l) => l.includes('Load more…') && l.length > 10);
    assert.equal(firstPage.filter((l) => ![...GROUPS, 'Load more…'].includes(l)).length, 10);
    await vs.screenshot('tree-first-page');
    await vs.treeItem('Load more…').click();
    const all = await waitForLabels('all 15 files', (l) => !l.includes('Load more…') && l.filter((x) => !GROUPS.includes(x)).length === 15);
    for (const group of GROUPS) assert.ok(all.includes(group), `group ${group} in ${JSON.stringify(all)}`);
    assert.ok(all.includes(HOSTILE_NAME), 'the hostile name is shown verbatim');
    assert.equal(await vs.page.locator('.part.sidebar img[src="x"]').count(), 0, 'the hostile name did not become an element');

    const shown = await rows();
    const teaser = shown.find((r) => r.label === 'Spring Launch Teaser');
    assert.ok(teaser, 'the teaser is listed');
    assert.match(teaser.description, /^0:08 · \d+×\d+ · [\d.]+ (KB|MB) · public$/);
    assert.equal(shown.find((r) => r.label === 'Images')?.description, '7');

    // Thumbnails arrive in the background: wait for all 11 (7 images, 3 videos, the PDF; audio has none).
    const thumbnails = vs.page.locator('.part.sidebar .monaco-list-row .custom-view-tree-node-item-icon[style*="background-image"]');
    for (const end = Date.now() + 30_000; (await thumbnails.count()) < 11 && Date.now() < end; ) await sleep(200);
    assert.equal(await thumbnails.count(), 11, 'every file with a thumbnail shows it');
    const mountainIcon = vs.treeItem('Mountain at sunrise').locator('.custom-view-tree-node-item-icon');
    assert.match((await mountainIcon.getAttribute('style')) ?? '', /background-image/);
    // No stray hover in the screenshot (the mouse was left over a row by the "Load more…" click).
    await vs.page.mouse.move(900, 600);
    await vs.page.keyboard.press('Escape');
    const hovers = vs.page.locator('.monaco-hover:visible, .workbench-hover:visible');
    for (const end = Date.now() + 5_000; (await hovers.count()) > 0 && Date.now() < end; ) await sleep(100);
    await vs.screenshot('tree');
  });

  it('shows the rich tooltip with the thumbnail on hover', async () => {
    const row = vs.treeItem('Mountain at sunrise');
    await row.hover();
    const hover = vs.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Mountain at sunrise' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /GENERATE_IMAGE/);
    assert.match(text.replace(/\u00a0/g, ' '), /AI-generated illustration of snowy mountain peaks/);
    assert.match(text, /vg_file_/);
    const image = hover.locator('img').first();
    await image.waitFor({ state: 'visible', timeout: 10_000 });
    const loaded = async (): Promise<boolean> => image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0);
    for (const end = Date.now() + 10_000; !(await loaded()) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await loaded(), 'the thumbnail in the tooltip loaded');
    await vs.screenshot('tooltip');

    await vs.page.mouse.move(900, 500);
    const hostile = vs.treeItem(HOSTILE_NAME);
    await hostile.hover();
    const hostileHover = vs.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'hostile name' }).first();
    await hostileHover.waitFor({ state: 'visible', timeout: 15_000 });
    // appendText keeps spaces as &nbsp;: compare with ordinary spaces.
    assert.ok((await hostileHover.innerText()).replace(/\u00a0/g, ' ').includes(HOSTILE_NAME), 'the name shows verbatim in the tooltip');
    assert.equal(await hostileHover.locator('img[src="x"]').count(), 0);
  });

  it('lists flat and filters by type through the quick pick', async () => {
    await vs.runCommand('VideoGen: Show as Flat List');
    await waitForLabels('the flat list', (l) => !l.includes('Images') && l.includes('Mountain at sunrise'));
    await vs.runCommand('VideoGen: Filter Files…');
    await vs.quickPick('Audio');
    await vs.page.keyboard.press('Enter');
    const audio = await waitForLabels('the audio files', (l) => l.length > 0 && !l.includes('Mountain at sunrise'));
    assert.deepEqual([...audio].sort(), ['Founders Podcast Ep. 12 (clip)', 'Podcast intro (hidden from UI)', 'Welcome voiceover']);
    const message = vs.page.locator('.part.sidebar .pane-body .message', { hasText: 'Filtered: Audio' });
    await message.waitFor({ state: 'visible', timeout: 10_000 });
    await vs.screenshot('tree-filtered');

    await vs.runCommand('VideoGen: Filter Files…');
    await vs.quickPick('Audio');
    await vs.page.keyboard.press('Enter');
    await vs.runCommand('VideoGen: Group by Type');
    await waitForLabels('the groups again', (l) => l.includes('Images'));
    await message.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('inserts the file ID when a row is dragged into a text editor with Shift held', async () => {
    await vs.runCommand('File: New Untitled Text File');
    const editor = vs.page.locator('.part.editor .monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await editor.click();
    await vs.page.keyboard.type('logo: ');

    const row = vs.treeItem('Brand logo');
    const from = await row.boundingBox();
    const to = await editor.locator('.view-lines').boundingBox();
    assert.ok(from && to, 'the row and the editor are on screen');
    await vs.page.mouse.move(from.x + 40, from.y + from.height / 2);
    await vs.page.mouse.down();
    await vs.page.keyboard.down('Shift');
    for (let step = 1; step <= 10; step++) {
      await vs.page.mouse.move(from.x + 40 + ((to.x + 120 - from.x - 40) * step) / 10, from.y + ((to.y + 8 - from.y) * step) / 10);
      await sleep(50);
    }
    await vs.page.mouse.up();
    await vs.page.keyboard.up('Shift');

    const listed = await fetch(`${vs.server.baseUrl}/v1/files?limit=200`, { headers: { authorization: `Bearer ${vs.server.apiKey}` } });
    const logo = ((await listed.json()) as { files: Array<{ fileId: string; displayName: string }> }).files.find((f) => f.displayName === 'Brand logo');
    assert.ok(logo, 'the server lists the brand logo');
    const text = async (): Promise<string> => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').trim();
    for (const end = Date.now() + 10_000; !(await text()).includes('vg_file_') && Date.now() < end; ) await sleep(100);
    assert.equal(await text(), `logo: ${logo.fileId}`, 'the dropped file ID is in the editor');
    await vs.page.mouse.move(900, 600);
    await vs.page.keyboard.press('Escape');
    await vs.screenshot('tree-drag-into-editor');
    await vs.runCommand('View: Revert and Close Editor');
  });
});
