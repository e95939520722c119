import { strict as assert } from 'node:assert';
import { patience, useWorkbench } from './fixture';

const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'&`;
const GROUPS = ['Images', 'Videos', 'Audio', 'Other'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Files tree in the workbench', function () {
  this.timeout(patience(120_000));
  // 10 per page: the 14 listed files of the sample library and the hostile one take two pages.
  const vs = useWorkbench({ userSettings: { 'videogen.list.pageSize': 10 } });

  const rows = (): Promise<Array<{ label: string; description: string }>> =>
    vs.page.$$eval('.part.sidebar .pane-body .monaco-list-row', (els) =>
      els.map((e) => ({
        label: (e.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (e.querySelector('.label-description')?.textContent ?? '').trim(),
      })),
    );

  /** Labels of the selected rows. */
  const selectedLabels = (): Promise<string[]> =>
    vs.page.$$eval('.part.sidebar .pane-body .monaco-list-row[aria-selected="true"] .label-name', (els) => els.map((e) => (e.textContent ?? '').trim()));

  /** The file ID the server gave each of `names` (the tree shows names; commands copy IDs). */
  async function fileIdsOf(...names: string[]): Promise<string[]> {
    const listed = await fetch(`${vs.server.baseUrl}/v1/files?limit=200`, { headers: { authorization: `Bearer ${vs.server.apiKey}` } });
    const files = ((await listed.json()) as { files: Array<{ fileId: string; displayName: string }> }).files;
    return names.map((name) => {
      const file = files.find((f) => f.displayName === name);
      assert.ok(file, `the server lists ${name}`);
      return file.fileId;
    });
  }

  before(async () => {
    vs.server?.addFile({ displayName: HOSTILE_NAME, media: 'product-shot', urls: 'fresh', description: 'A product shot with a hostile name.' });
  });

  it('lists the sample library, grouped, with real thumbnails once a key is set', async () => {
    // The extension activates when the view opens; openView() waits until it fills the view.
    assert.equal(await vs.openView(), 'welcome');
    assert.match(await vs.welcomeText(), /API key/i, 'the welcome asks for a key first');
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);

    const firstPage = await vs.waitForTreeItems((l) => l.includes('Load more…') && l.length > 10, { what: 'the first page', timeout: patience(30_000) });
    assert.equal(firstPage.filter((l) => ![...GROUPS, 'Load more…'].includes(l)).length, 10);
    await vs.screenshot('tree-first-page');
    await vs.treeItem('Load more…').click();
    const all = await vs.waitForTreeItems((l) => !l.includes('Load more…') && l.filter((x) => !GROUPS.includes(x)).length === 15, { what: 'all 15 files', timeout: patience(30_000) });
    for (const group of GROUPS) assert.ok(all.includes(group), `group ${group} in ${JSON.stringify(all)}`);
    assert.ok(all.includes(HOSTILE_NAME), 'the hostile name is shown verbatim');
    assert.equal(await vs.page.locator('.part.sidebar img[src="x"]').count(), 0, 'the hostile name did not become an element');

    const shown = await rows();
    const teaser = shown.find((r) => r.label === 'Spring Launch Teaser');
    assert.ok(teaser, 'the teaser is listed');
    assert.match(teaser.description, /^0:07 · \d+×\d+ · [\d.]+ (KB|MB) · public$/);
    assert.equal(shown.find((r) => r.label === 'Images')?.description, '7');

    // Thumbnails arrive in the background: wait for all 11 (7 images, 3 videos, the PDF; audio has none).
    const thumbnails = vs.page.locator('.part.sidebar .monaco-list-row .custom-view-tree-node-item-icon[style*="background-image"]');
    for (const end = Date.now() + patience(30_000); (await thumbnails.count()) < 11 && Date.now() < end; ) await sleep(200);
    assert.equal(await thumbnails.count(), 11, 'every file with a thumbnail shows it');
    const mountainIcon = vs.treeItem('Mountain at sunrise').locator('.custom-view-tree-node-item-icon');
    assert.match((await mountainIcon.getAttribute('style')) ?? '', /background-image/);
    // No stray hover in the screenshot (the mouse was left over a row by the "Load more…" click).
    await vs.page.mouse.move(900, 600);
    await vs.page.keyboard.press('Escape');
    const hovers = vs.page.locator('.monaco-hover:visible, .workbench-hover:visible');
    for (const end = Date.now() + patience(5_000); (await hovers.count()) > 0 && Date.now() < end; ) await sleep(100);
    await vs.screenshot('tree');
  });

  it('shows the rich tooltip with the thumbnail on hover', async () => {
    const row = vs.treeItem('Mountain at sunrise');
    await row.hover();
    const hover = vs.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Mountain at sunrise' }).first();
    await hover.waitFor({ state: 'visible', timeout: patience(15_000) });
    const text = await hover.innerText();
    assert.match(text, /Source tool: Generate image/, 'enum values are worded, not shown raw');
    assert.match(text.replace(/\u00a0/g, ' '), /AI-generated illustration of snowy mountain peaks/);
    assert.match(text, /vg_file_/);
    const image = hover.locator('img').first();
    await image.waitFor({ state: 'visible', timeout: patience(10_000) });
    const loaded = async (): Promise<boolean> => image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0);
    for (const end = Date.now() + patience(10_000); !(await loaded()) && Date.now() < end; ) await sleep(100);
    assert.ok(await loaded(), 'the thumbnail in the tooltip loaded');
    await vs.screenshot('tooltip');

    await vs.page.mouse.move(900, 500);
    const hostile = vs.treeItem(HOSTILE_NAME);
    await hostile.hover();
    const hostileHover = vs.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'hostile name' }).first();
    await hostileHover.waitFor({ state: 'visible', timeout: patience(15_000) });
    // appendText keeps spaces as &nbsp;: compare with ordinary spaces.
    assert.ok((await hostileHover.innerText()).replace(/\u00a0/g, ' ').includes(HOSTILE_NAME), 'the name shows verbatim in the tooltip');
    assert.equal(await hostileHover.locator('img[src="x"]').count(), 0);
  });

  it('lists flat and filters by type through the quick pick', async () => {
    await vs.runCommand('VideoGen: Show as Flat List');
    await vs.waitForTreeItems((l) => !l.includes('Images') && l.includes('Mountain at sunrise'), { what: 'the flat list', timeout: patience(30_000) });
    await vs.runCommand('VideoGen: Filter Files…');
    await vs.quickPick('Audio');
    await vs.page.keyboard.press('Enter');
    const audio = await vs.waitForTreeItems((l) => l.length > 0 && !l.includes('Mountain at sunrise'), { what: 'the audio files', timeout: patience(30_000) });
    assert.deepEqual([...audio].sort(), ['Founders Podcast Ep. 12 (clip)', 'Podcast intro (hidden from UI)', 'Welcome voiceover']);
    const message = vs.page.locator('.part.sidebar .pane-body .message', { hasText: 'Filtered: Audio' });
    await message.waitFor({ state: 'visible', timeout: patience(10_000) });
    await vs.screenshot('tree-filtered');

    await vs.runCommand('VideoGen: Filter Files…');
    await vs.quickPick('Audio');
    await vs.page.keyboard.press('Enter');
    await vs.runCommand('VideoGen: Group by Type');
    await vs.waitForTreeItems((l) => l.includes('Images'), { what: 'the groups again', timeout: patience(30_000) });
    await message.waitFor({ state: 'hidden', timeout: patience(10_000) });
  });

  it('inserts the file ID when a row is dragged into a text editor with Shift held', async () => {
    await vs.runCommand('File: New Untitled Text File');
    const editor = vs.page.locator('.part.editor .monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: patience(15_000) });
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

    const [logo] = await fileIdsOf('Brand logo');
    const text = async (): Promise<string> => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').trim();
    for (const end = Date.now() + patience(10_000); !(await text()).includes('vg_file_') && Date.now() < end; ) await sleep(100);
    assert.equal(await text(), `logo: ${logo}`, 'the dropped file ID is in the editor');
    await vs.page.mouse.move(900, 600);
    await vs.page.keyboard.press('Escape');
    await vs.screenshot('tree-drag-into-editor');
    await vs.runCommand('View: Revert and Close Editor');
  });

  // Copying from a multi-selection. The clipboard starts with a sentinel, so that a copy that never lands fails.
  const sentinel = 'clipboard before the copy';
  /** The lines `copy` puts on the clipboard, sorted (the order of a selection is not the point here). */
  const copied = async (copy: () => Promise<void>): Promise<string[]> => {
    await vs.setClipboardText(sentinel);
    await copy();
    return (await vs.waitForClipboardChange(sentinel)).split('\n').sort();
  };
  const ids = (...names: string[]): Promise<string[]> => fileIdsOf(...names).then((list) => list.sort());
  const copyFromMenu = (label: string) => () => vs.contextMenu(vs.treeItem(label), 'Copy File ID');
  const pressCtrlC = async (): Promise<void> => vs.page.keyboard.press('Control+c');
  /** A plain click selects the row and opens its preview, and the focus stays in the tree (as a preview tab does). */
  const clickToPreview = async (label: string): Promise<void> => {
    await vs.treeItem(label).click();
    await vs.page.locator('.part.editor .tab.active', { hasText: label }).waitFor({ timeout: patience(15_000) });
    await vs.page.waitForFunction("document.activeElement?.closest('.part.sidebar') != null", undefined, { timeout: patience(15_000) });
  };
  const waitForSelection = async (expected: string[]): Promise<void> => {
    for (const end = Date.now() + patience(10_000); Date.now() < end; await sleep(100)) {
      if (JSON.stringify((await selectedLabels()).sort()) === JSON.stringify([...expected].sort())) return;
    }
    assert.deepEqual((await selectedLabels()).sort(), [...expected].sort(), 'the selection');
  };
  const closeEditors = async (): Promise<void> => {
    await vs.runCommand('View: Close All Editors');
    await vs.page.locator('.part.editor .tab').first().waitFor({ state: 'detached', timeout: patience(10_000) });
  };

  it('copies the IDs of a multi-selection from the context menu of a selected row and with Ctrl+C, else the one row', async () => {
    // Ctrl-click: two rows apart
    await clickToPreview('Mountain at sunrise');
    await vs.treeItem('Brand logo').click({ modifiers: ['Control'] });
    assert.deepEqual((await selectedLabels()).sort(), ['Brand logo', 'Mountain at sunrise']);
    await vs.screenshot('tree-multi-selection');
    assert.deepEqual(await copied(copyFromMenu('Brand logo')), await ids('Brand logo', 'Mountain at sunrise'), 'the menu of a selected row copies the selection');
    assert.deepEqual(await copied(pressCtrlC), await ids('Brand logo', 'Mountain at sunrise'), 'Ctrl+C on a selected row copies the selection');

    // Shift-click: a range of two neighbours
    const shown = await vs.treeItems();
    const next = shown[shown.indexOf('Mountain at sunrise') + 1];
    assert.ok(next && !GROUPS.includes(next), `a file row follows "Mountain at sunrise": ${JSON.stringify(shown)}`);
    await closeEditors();
    await clickToPreview('Mountain at sunrise');
    await vs.treeItem(next).click({ modifiers: ['Shift'] });
    assert.deepEqual((await selectedLabels()).sort(), ['Mountain at sunrise', next].sort());
    assert.deepEqual(await copied(pressCtrlC), await ids('Mountain at sunrise', next), 'Ctrl+C copies the range');

    // A row outside the selection: the menu acts on that row alone, which becomes the selection
    assert.deepEqual(await copied(copyFromMenu('Welcome voiceover')), await ids('Welcome voiceover'), 'the menu of a row outside the selection copies that row only');
    await waitForSelection(['Welcome voiceover']);
    await closeEditors();
  });

  // One rule for the context menu and Ctrl+C (issue 7): both act on the selection; a menu on a row outside the
  // selection acts on that row, which then becomes the selection, so the next Ctrl+C acts on the same row. A
  // right-click that runs nothing changes nothing: Ctrl+C still copies what is highlighted.
  it('copies with Ctrl+C what the context menu last acted on, and the highlighted selection otherwise', async () => {
    try {
      await clickToPreview('Mountain at sunrise');
      await vs.treeItem('Brand logo').click({ modifiers: ['Control'] });
      await vs.treeItem('Welcome voiceover').click({ button: 'right' });
      const menu = vs.page.locator('.context-view .monaco-menu');
      await menu.waitFor({ state: 'visible', timeout: patience(15_000) });
      await vs.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: patience(15_000) });
      assert.deepEqual((await selectedLabels()).sort(), ['Brand logo', 'Mountain at sunrise'], 'a right-click alone keeps the selection');
      assert.deepEqual(await copied(pressCtrlC), await ids('Brand logo', 'Mountain at sunrise'), 'Ctrl+C copies the highlighted selection');

      assert.deepEqual(await copied(copyFromMenu('Welcome voiceover')), await ids('Welcome voiceover'));
      await waitForSelection(['Welcome voiceover']);
      assert.deepEqual(await copied(pressCtrlC), await ids('Welcome voiceover'), 'Ctrl+C copies the row the menu acted on');
    } finally {
      await closeEditors();
    }
  });
});
