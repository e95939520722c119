// Paste and drop into the editor in a real workbench: a PNG on the real (Chromium) clipboard pasted into a
// Markdown file, our edit picked from VS Code's paste widget; a file dragged from the Explorer into an editor.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { patience, REPO, useWorkbench } from './fixture';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PNG = fs.readFileSync(path.join(REPO, 'test', 'server', 'media', 'brand-logo.png'));
const TITLE = 'Upload to VideoGen and insert reference';
const FILE_ID = /vg_file_[0-9A-Za-z]{22}/;

describe('paste and drop into the editor', function () {
  this.timeout(patience(180_000));
  const vs = useWorkbench({
    server: { files: 6 },
    // The drop edit runs only as the user's drop default (VS Code does not resolve drop edits); in HTML files our
    // paste is the default too, as the README tells users to set it.
    userSettings: {
      'editor.dropIntoEditor.preferences': ['videogen.upload'],
      '[html]': { 'editor.pasteAs.preferences': ['videogen.upload'] },
    },
  });

  async function serverFile(fileId: string): Promise<{ displayName: string; type: string | null } | undefined> {
    const response = await fetch(`${vs.server.baseUrl}/v1/files/${fileId}`, { headers: { authorization: `Bearer ${vs.server.apiKey}` } });
    return response.ok ? ((await response.json()) as { displayName: string; type: string | null }) : undefined;
  }

  async function editorText(editor: ReturnType<typeof vs.page.locator>): Promise<string> {
    return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  async function waitForText(editor: ReturnType<typeof vs.page.locator>, what: string, test: (text: string) => boolean): Promise<string> {
    let text = '';
    for (const end = Date.now() + patience(20_000); Date.now() < end; await sleep(100)) {
      text = await editorText(editor);
      if (test(text)) return text;
    }
    throw new Error(`timed out waiting for ${what}; the editor shows ${JSON.stringify(text)}`);
  }

  /** Whether the library no longer lists the file (archived files are left out of the list). */
  async function isArchived(fileId: string): Promise<boolean> {
    const response = await fetch(`${vs.server.baseUrl}/v1/files?limit=200`, { headers: { authorization: `Bearer ${vs.server.apiKey}` } });
    const page = (await response.json()) as { files: Array<{ fileId: string }> };
    return !page.files.some((file) => file.fileId === fileId);
  }

  before(async () => {
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.openView();
    await vs.waitForTreeItems();
  });

  it('pastes a PNG from the real clipboard into Markdown: our edit is offered beside the built-in one and inserts the reference', async () => {
    const editor = await vs.openWorkspaceFile('notes.md', '# Notes\n\nLogo: ');
    await editor.click();
    await vs.page.keyboard.press('Control+End');
    await vs.setClipboardImage(PNG, { text: 'logo-alt-text' });
    await vs.page.keyboard.press('Control+v');

    // VS Code pastes the text, as without the extension, and its paste widget offers the other choices.
    const widget = vs.page.locator('.post-edit-widget');
    await widget.waitFor({ state: 'visible', timeout: patience(20_000) });
    const builtIn = await editorText(editor);
    assert.ok(builtIn.includes('Logo: logo-alt-text'), `the built-in paste stays the default: ${builtIn}`);
    assert.ok(!FILE_ID.test(builtIn), 'nothing is uploaded by the paste itself');
    await vs.screenshot('paste-widget');
    await widget.locator('.monaco-button, a, button').first().click();
    const choice = vs.page.locator('.action-widget .monaco-list-row', { hasText: TITLE });
    await choice.waitFor({ state: 'visible', timeout: patience(10_000) });
    await vs.screenshot('paste-widget-choices');
    // The menu's pointer guard swallows clicks for a moment; the keyboard picks the row as a person would.
    const focused = vs.page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 5 && !((await focused.textContent().catch(() => '')) ?? '').includes(TITLE); i++) await vs.page.keyboard.press('ArrowDown');
    assert.ok(((await focused.textContent()) ?? '').includes(TITLE), 'our edit is focused in the menu');
    await vs.page.keyboard.press('Enter');

    const text = await waitForText(editor, 'the reference', (t) => /Logo: vg_file_[0-9A-Za-z]{22}/.test(t));
    const [id] = text.match(FILE_ID) ?? [];
    assert.ok(!text.includes('logo-alt-text'), `the built-in paste was replaced: ${text}`);
    const file = await serverFile(id!);
    assert.equal(file?.type, 'IMAGE', 'the pasted image is in the library');
    assert.equal(file?.displayName, 'image.png');
    await vs.screenshot('paste-result');
  });

  it('a click on VS Code\'s "Resolving paste edit… Click to cancel" leaves the document as it was and nothing in the library', async () => {
    const editor = await vs.openWorkspaceFile('cancel.md', 'Logo: ');
    await editor.click();
    await vs.page.keyboard.press('Control+End');
    vs.server.faults.add({ route: 'PUT /upload/*', latencyMs: 4_000, times: 1 });
    await vs.setClipboardImage(PNG, { text: 'cancel-alt-text' });
    await vs.page.keyboard.press('Control+v');
    const widget = vs.page.locator('.post-edit-widget');
    await widget.waitFor({ state: 'visible', timeout: patience(20_000) });
    await widget.locator('.monaco-button, a, button').first().click();
    await vs.page.locator('.action-widget .monaco-list-row', { hasText: TITLE }).waitFor({ state: 'visible', timeout: patience(10_000) });
    const focused = vs.page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 5 && !((await focused.textContent().catch(() => '')) ?? '').includes(TITLE); i++) await vs.page.keyboard.press('ArrowDown');
    const putsBefore = vs.server.requests.filter((r) => r.method === 'PUT').length;
    await vs.page.keyboard.press('Enter');

    const progress = vs.page.locator('.inline-progress-widget');
    await progress.waitFor({ state: 'visible', timeout: patience(10_000) });
    await vs.screenshot('paste-resolving');
    await progress.click();
    const put = await (async () => {
      for (const end = Date.now() + patience(20_000); Date.now() < end; await sleep(100)) {
        const found = vs.server.requests.filter((r) => r.method === 'PUT').slice(putsBefore)[0];
        if (found) return found;
      }
      throw new Error('the upload never started');
    })();
    const fileId = put.path.split('/').pop()!;
    // The upload runs on (VS Code does not tell the extension), its reference never lands, and it is taken back.
    for (const end = Date.now() + patience(40_000); !(await isArchived(fileId)) && Date.now() < end; ) await sleep(250);
    assert.ok(await isArchived(fileId), 'the upload was taken back');
    assert.equal((await editorText(editor)).trim(), 'Logo:', 'the document is as before the paste');
    await vs.screenshot('paste-cancelled');
  });

  it('with our kind as the paste default (the README\'s setting), Ctrl+V of a screenshot uploads it at once', async () => {
    const editor = await vs.openWorkspaceFile('index.html', '<p>\n');
    await editor.click();
    await vs.page.keyboard.press('Control+End');
    await vs.setClipboardImage(PNG);
    await vs.page.keyboard.press('Control+v');
    const text = await waitForText(editor, 'the reference', (t) => FILE_ID.test(t));
    const [id] = text.match(FILE_ID) ?? [];
    assert.equal((await serverFile(id!))?.type, 'IMAGE');
    await vs.screenshot('paste-default-result');
  });

  it('drops a media file from the Explorer into an editor with Shift held: uploaded and referenced', async () => {
    fs.writeFileSync(path.join(vs.workspaceFolder, 'dropped-logo.png'), PNG);
    const editor = await vs.openWorkspaceFile('page.html', '<p>\n');
    await editor.click();
    await vs.page.keyboard.press('Control+End');
    await vs.runCommand('View: Show Explorer');
    const row = vs.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'dropped-logo.png' }).first();
    await row.waitFor({ state: 'visible', timeout: patience(30_000) });
    const from = await row.boundingBox();
    const to = await editor.locator('.view-lines').boundingBox();
    assert.ok(from && to, 'the Explorer row and the editor are on screen');
    await vs.page.mouse.move(from.x + 40, from.y + from.height / 2);
    await vs.page.mouse.down();
    await vs.page.keyboard.down('Shift');
    for (let step = 1; step <= 10; step++) {
      await vs.page.mouse.move(from.x + 40 + ((to.x + 60 - from.x - 40) * step) / 10, from.y + ((to.y + 30 - from.y) * step) / 10);
      await sleep(50);
    }
    await vs.page.mouse.up();
    await vs.page.keyboard.up('Shift');

    const text = await waitForText(editor, 'the dropped reference', (t) => FILE_ID.test(t));
    const [id] = text.match(FILE_ID) ?? [];
    const file = await serverFile(id!);
    assert.equal(file?.displayName, 'dropped-logo.png');
    await vs.screenshot('drop-result');
  });
});
