// Find Usages in Workspace as a user runs it: from a Files view row's context menu, the references peek opens on
// the first usage and lists the two workspace files that mention the id (not the lookalike), in light, dark and
// high-contrast themes (screenshots in test-results/<version>/).
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { patience, slug, useWorkbench } from './fixture';

const NAME = 'Usages — harbour photo';
const THEMES = ['Light Modern', 'Dark Modern', 'Dark High Contrast'] as const;

describe('Find Usages in the workbench', function () {
  this.timeout(patience(240_000));
  const vs = useWorkbench();
  let fileId: string;

  before(async () => {
    fileId = vs.server.addFile({ displayName: NAME, media: 'hero-photo', urls: 'fresh' }).fileId;
    const folder = vs.workspaceFolder;
    writeFileSync(path.join(folder, 'hero.ts'), `// The home page hero\nexport const HERO_IMAGE = '${fileId}';\n`);
    writeFileSync(path.join(folder, 'media.md'), `# Media\n\n![Harbour](https://app.videogen.io/media?storageFileId=${fileId})\n`);
    writeFileSync(path.join(folder, 'lookalike.ts'), `export const NOT_IT = '${fileId}_old';\n`);
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes(NAME), { timeout: patience(30_000) });
  });

  const peek = () => vs.page.locator('.monaco-editor .zone-widget .peekview-widget').first();

  /** Runs Find Usages from the row's menu; resolves the peek's file names and reference lines once it shows both files. */
  async function findUsagesFromRow(): Promise<string> {
    await vs.contextMenu(vs.treeItem(NAME), 'Find Usages in Workspace');
    await peek().waitFor({ state: 'visible', timeout: patience(30_000) });
    const tree = peek().locator('.ref-tree');
    const end = Date.now() + patience(15_000);
    for (;;) {
      const text = await tree.innerText();
      if ((text.includes('hero.ts') && text.includes('media.md')) || Date.now() > end) return text;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("shows the two usages in the references peek, from a row's context menu, in every theme", async () => {
    for (const theme of THEMES) {
      await vs.runCommand('Preferences: Color Theme');
      await vs.quickInput(theme, { submit: false });
      await vs.quickPick(theme);
      const listed = await findUsagesFromRow();
      assert.match(listed, /hero\.ts/, listed);
      assert.match(listed, /media\.md/, listed);
      assert.doesNotMatch(listed, /lookalike/, 'the longer word is not a usage');
      assert.match(listed, /HERO_IMAGE/, 'the line of the usage is shown');
      const title = await peek().locator('.peekview-title').innerText();
      assert.match(title, /hero\.ts/, `the peek opens on the first usage: ${title}`);
      assert.match(title, /\(2\)|\b2 references/, `two usages: ${title}`);
      await vs.page.mouse.move(1000, 700);
      await vs.screenshot(`usages-peek-${slug(theme)}`);
      await vs.page.keyboard.press('Escape');
      await peek().waitFor({ state: 'hidden', timeout: patience(10_000) });
    }
    const listings = vs.server.requests.filter((r) => r.path.startsWith(`/v1/files/${fileId}`));
    assert.deepEqual(listings, [], 'a tree row needs no request to find its usages');
  });
});
