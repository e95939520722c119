// The language-model tools as another extension (an agent) uses them outside a chat: VS Code asks the insert tool's
// confirmation in its own modal dialog, naming the file and the document; Cancel inserts nothing, Continue inserts
// at the cursor. Screenshots of the dialog in light, dark and high contrast (test-results/<version>/).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { patience, REPO, slug, useWorkbench } from './fixture';

const FILE_NAME = 'Mountain at sunrise';
const THEMES = ['Light Modern', 'Dark Modern', 'Dark High Contrast'] as const;

describe('Agent tools in the workbench', function () {
  this.timeout(patience(240_000));
  const vs = useWorkbench({
    installedExtensions: [path.join(REPO, 'test', 'e2e', 'probe')],
    env: { VIDEOGEN_PROBE_QUERY: 'mountain sunrise' },
  });
  let fileId: string;

  before(async () => {
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes(FILE_NAME), { timeout: patience(30_000) });
    const listed = await fetch(`${vs.server.baseUrl}/v1/files?limit=200`, { headers: { authorization: `Bearer ${vs.server.apiKey}` } });
    const files = ((await listed.json()) as { files: Array<{ fileId: string; displayName: string }> }).files;
    fileId = files.find((file) => file.displayName === FILE_NAME)!.fileId;
  });

  const dialog = () => vs.page.locator('.monaco-dialog-box');
  const editor = () => vs.page.locator('.part.editor .editor-instance .monaco-editor').first();
  // Word wrap may break a long line (even inside an id) across rendered lines: count in the joined text.
  const inserts = (text: string): number => text.replace(/\n/g, '').split(fileId).length - 1;
  const editorText = async (): Promise<string> => (await editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');

  async function openScene(): Promise<void> {
    await vs.openWorkspaceFile('scene.md', 'Hero: ');
  }

  async function setTheme(theme: string): Promise<void> {
    await vs.runCommand('Preferences: Color Theme');
    await vs.quickInput(theme, { submit: false });
    await vs.quickPick(theme);
  }

  it('asks in VS Code’s dialog naming the file and the document; Cancel inserts nothing, Continue inserts at the cursor', async () => {
    await openScene();
    for (const [index, theme] of THEMES.entries()) {
      await setTheme(theme);
      await editor().click();
      await vs.page.keyboard.press('Control+End');
      await vs.runCommand('VideoGen Probe: Insert with Agent Tools');
      await dialog().waitFor({ state: 'visible', timeout: patience(20_000) });
      const asked = (await dialog().innerText()).replace(/\s+/g, ' ');
      assert.match(asked, /Insert VideoGen reference/, asked);
      assert.ok(asked.includes(`Insert a reference to “${FILE_NAME}” (${fileId}) at the cursor in scene.md?`), asked);
      await vs.page.mouse.move(1000, 700);
      await vs.screenshot(`tools-insert-confirmation-${slug(theme)}`);
      const buttons = dialog().locator('.dialog-buttons .monaco-button');
      if (index === 0) await buttons.filter({ hasText: 'Cancel' }).first().click();
      else await buttons.filter({ hasNotText: 'Cancel' }).first().click();
      await dialog().waitFor({ state: 'detached', timeout: patience(10_000) });
      if (index === 0) {
        await vs.waitForNotification(/^Probe tools: not inserted/);
        assert.equal((await editorText()).trim(), 'Hero:', 'Cancel inserts nothing');
      } else {
        await vs.waitForNotification(new RegExp(`^Probe tools: inserted ${fileId} as \\S+ into scene\\.md`));
      }
    }
    // The notification can come before the editor has rendered the second edit (under load): wait for the text.
    let text = '';
    for (const end = Date.now() + patience(10_000); ; await new Promise((resolve) => setTimeout(resolve, 100))) {
      text = await editorText();
      if (inserts(text) === 2 || Date.now() > end) break;
    }
    assert.equal(inserts(text), 2, `two inserts after two confirmations: ${text}`);
  });
});
