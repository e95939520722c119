// Completion of file ids in the real editor: `vg_file_` typed in a TypeScript file opens VS Code's suggest widget
// with the library's files and their type; the details pane shows the thumbnail; accepting inserts the exact id.
// Screenshots in light, dark and high contrast.
import { strict as assert } from 'assert';
import { patience, slug, useWorkbench } from './fixture';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const THEMES = [
  { name: 'Light Modern', workbenchClass: 'vs' },
  { name: 'Dark Modern', workbenchClass: 'vs-dark' },
  { name: 'Dark High Contrast', workbenchClass: 'hc-black' },
] as const;
const FILE = 'Brand logo';

describe('completion of file ids in the editor', function () {
  this.timeout(patience(240_000));
  const vs = useWorkbench();

  const widget = () => vs.page.locator('.editor-widget.suggest-widget');
  const row = (name: string) => widget().locator('.monaco-list-row', { hasText: name }).first();

  /** Our rows: each says its type and facts, or how it inserts ("Insert as …"). */
  const ours = () => widget().locator('.monaco-list-row', { hasText: /Image|Video|Audio|Insert as/ }).first();

  /** Types `vg_file_` at the end of the editor's first line and waits for library files in the suggest widget. */
  async function suggest(editor: ReturnType<typeof vs.page.locator>): Promise<void> {
    await editor.click();
    await vs.page.keyboard.press('Control+End');
    await vs.page.keyboard.type('vg_file_', { delay: 30 });
    const listed = await ours().waitFor({ state: 'visible', timeout: patience(15_000) }).then(() => true, () => false);
    if (!listed) {
      await vs.page.keyboard.press('Control+Space'); // the trigger character raced the language server: ask again
      await ours().waitFor({ state: 'visible', timeout: patience(15_000) });
    }
  }

  /** Focuses our file's id item (the keyboard, as a person would) and shows its details pane with the thumbnail. */
  async function focusWithDetails(): Promise<void> {
    const focused = widget().locator('.monaco-list-row.focused');
    for (let i = 0; i < 60; i++) {
      const text = (await focused.textContent().catch(() => '')) ?? '';
      if (text.includes(FILE) && !text.includes('Insert as')) break;
      await vs.page.keyboard.press('ArrowDown');
    }
    const text = (await focused.textContent()) ?? '';
    assert.ok(text.includes(FILE) && !text.includes('Insert as'), `our item is focused: ${text}`);
    const image = vs.page.locator('.suggest-details img');
    // VS Code remembers whether the details pane was open: toggle it ("Toggle details") only when it stays closed.
    const pane = vs.page.locator('.suggest-details');
    const open = await pane.waitFor({ state: 'visible', timeout: patience(3_000) }).then(() => true, () => false);
    if (!open) await vs.page.keyboard.press('Control+Space');
    await image.waitFor({ state: 'visible', timeout: patience(15_000) });
    for (const end = Date.now() + patience(10_000); Date.now() < end; await sleep(100)) {
      if (await image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0)) return;
    }
    throw new Error('the thumbnail in the details pane never loaded');
  }

  before(async () => {
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.openView();
    await vs.waitForTreeItems((labels) => labels.some((label) => label.includes(FILE)));
  });

  it('after `vg_file_` in TypeScript the suggest widget lists library files with their type, and accepting inserts the exact id', async () => {
    const response = await fetch(`${vs.server.baseUrl}/v1/files?limit=200`, { headers: { authorization: `Bearer ${vs.server.apiKey}` } });
    const { files } = (await response.json()) as { files: Array<{ fileId: string; displayName: string }> };
    const logo = files.find((file) => file.displayName === FILE)!;
    const editor = await vs.openWorkspaceFile('media.ts', 'export const logo = ');
    await suggest(editor);
    await focusWithDetails();
    const text = (await row(FILE).innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Brand logo.*Image/, `the row names the file and its type: ${text}`);
    const details = (await vs.page.locator('.suggest-details').innerText()).replace(/\s+/g, ' ');
    assert.ok(details.includes(logo.fileId), `the details name the id: ${details}`);
    await vs.screenshot('completion-suggest');

    await vs.page.keyboard.press('Enter');
    const lines = editor.locator('.view-lines');
    for (const end = Date.now() + patience(10_000); Date.now() < end; await sleep(100)) {
      if ((await lines.innerText()).replace(/\u00a0/g, ' ').includes(`export const logo = ${logo.fileId}`)) break;
    }
    assert.equal((await lines.innerText()).replace(/\u00a0/g, ' ').trim(), `export const logo = ${logo.fileId}`, 'the exact id, the typed prefix replaced');
    await vs.page.keyboard.press('Control+z');
  });

  for (const theme of THEMES) {
    it(`the suggest widget and its details read well in ${theme.name}`, async () => {
      await vs.runCommand('Preferences: Color Theme');
      await vs.quickInput(theme.name, { submit: false });
      await vs.quickPick(theme.name);
      await vs.page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ timeout: patience(10_000) });
      const editor = await vs.openWorkspaceFile(`media-${slug(theme.workbenchClass)}.ts`, 'const hero = ');
      await suggest(editor);
      await focusWithDetails();
      await vs.page.mouse.move(1000, 780);
      await vs.screenshot(`completion-suggest-${slug(theme.name)}`);
      await vs.page.keyboard.press('Escape');
    });
  }
});
