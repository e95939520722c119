// References in code as a person meets them (issue 9 §1, §3): the pointer over an id in a TypeScript and a Markdown
// file shows the file's name and its thumbnail (the image really loads) and a hostile name runs nothing; a Ctrl-click
// on an id opens its preview; a made-up id gets the warning squiggle, and the lightbulb's quick fix replaces it
// through the file picker. The hover in light, dark and high contrast: test-results/<version>/code-insight-hover-*.png.
import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import { patience, slug, useWorkbench } from './fixture';

const HERO = 'Insight hero photo';
const HOSTILE = '<img src=x onerror=alert(1)>';
const MADE_UP = 'vg_file_DeadDeadDeadDeadDeadDe';

const THEMES = ['Light Modern', 'Dark Modern', 'Dark High Contrast'] as const;

interface PageImage {
  readonly complete: boolean;
  readonly naturalWidth: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Code insight in the editor: hover, Ctrl-click, dead-reference quick fix', function () {
  this.timeout(patience(240_000));
  const vs = useWorkbench({ userSettings: { 'editor.hover.delay': 150, 'workbench.editor.enablePreview': false } });
  let hero = '';
  let hostile = '';
  const dialogs: string[] = [];

  before(async () => {
    hero = (await vs.server.addFile({ displayName: HERO, media: 'hero-photo', urls: 'fresh' })).fileId;
    hostile = (await vs.server.addFile({ displayName: HOSTILE, media: 'ai-mountain', urls: 'fresh' })).fileId;
    vs.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
  });

  /** The rendered token of the editor holding `text` (the id alone on its line, or in a string literal). */
  function token(editor: Locator, text: string): Locator {
    return editor.locator('.view-lines .view-line span span', { hasText: text }).first();
  }

  /** Moves the pointer onto `target` until the VideoGen hover containing `text` shows; returns the hover. */
  async function hoverOver(target: Locator, text: string): Promise<Locator> {
    const hover = vs.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: text }).first();
    for (const end = Date.now() + patience(30_000); ; ) {
      await vs.page.mouse.move(5, 5);
      await target.hover();
      if (await hover.waitFor({ state: 'visible', timeout: patience(5_000) }).then(() => true, () => false)) return hover;
      if (Date.now() > end) throw new Error(`no hover with "${text}"`);
    }
  }

  /** Waits until the hover's thumbnail loaded (naturalWidth > 0) and returns its source's scheme. */
  async function thumbnailOf(hover: Locator): Promise<{ scheme: string; naturalWidth: number }> {
    const image = hover.locator('img').first();
    await image.waitFor({ state: 'visible', timeout: patience(15_000) });
    await image.evaluate((img) => new Promise((resolve) => ((img as unknown as PageImage).complete ? resolve(undefined) : img.addEventListener('load', () => resolve(undefined)))));
    const naturalWidth = await image.evaluate((img) => (img as unknown as PageImage).naturalWidth);
    const src = (await image.getAttribute('src')) ?? '';
    return { scheme: src.split(':')[0] ?? '', naturalWidth };
  }

  /**
   * Every action link lies inside the hover's visible box (none cut off below its scroll edge). VS Code renders the
   * hover again when the link's "(ctrl + click)" part arrives, so the boxes are read until they are stable.
   */
  async function assertLinksShow(hover: Locator): Promise<void> {
    let last = '';
    for (const end = Date.now() + patience(5_000); ; await sleep(200)) {
      const box = await hover.boundingBox();
      const outside: string[] = [];
      for (const action of ['Preview', 'Copy URL', 'Insert as…', 'Open in VideoGen']) {
        const link = await hover.locator('a').filter({ hasText: action }).first().boundingBox({ timeout: 1_000 }).catch(() => null);
        if (!box || !link || link.y < box.y || link.y + link.height > box.y + box.height + 0.5) outside.push(`${action} ${JSON.stringify(link)}`);
      }
      if (outside.length === 0) return;
      last = `${outside.join(', ')} outside ${JSON.stringify(box)}`;
      if (Date.now() > end) throw new Error(`links cut off in the hover: ${last}`);
    }
  }

  async function setTheme(label: string): Promise<void> {
    await vs.runCommand('Preferences: Color Theme');
    await vs.quickInput(label, { submit: false });
    await vs.quickPick(label);
  }

  it('hover over an id in TypeScript shows the name and the thumbnail, in light, dark and high contrast', async () => {
    const editor = await vs.openWorkspaceFile('hero.ts', `// The landing page's hero image\nexport const hero = '${hero}';\n`);
    let hover = await hoverOver(token(editor, hero), HERO);
    // The first hover starts the thumbnail's download: a later one shows it once it is on disk.
    for (const end = Date.now() + patience(20_000); (await hover.locator('img').count()) === 0 && Date.now() < end; await sleep(250)) {
      hover = await hoverOver(token(editor, hero), HERO);
    }
    const image = await thumbnailOf(hover);
    assert.equal(image.scheme, 'data', 'a data: URI, never a file path');
    assert.ok(image.naturalWidth > 0, 'the thumbnail loaded');
    const text = await hover.innerText();
    assert.match(text, /Image · 800×450/);
    for (const action of ['Preview', 'Copy URL', 'Insert as…', 'Open in VideoGen']) assert.ok(text.includes(action), `the ${action} link`);
    for (const theme of THEMES) {
      await setTheme(theme);
      hover = await hoverOver(token(editor, hero), HERO);
      await thumbnailOf(hover);
      await assertLinksShow(hover);
      await vs.screenshot(`code-insight-hover-${slug(theme)}`);
    }
    await setTheme('Dark Modern');
    // A command link of the hover runs (trusted for our commands): Preview opens the file.
    hover = await hoverOver(token(editor, hero), HERO);
    await hover.locator('a', { hasText: 'Preview' }).first().click();
    const frame = await vs.webviewFrame({ selector: 'main#app .title' });
    await frame.locator('.title', { hasText: HERO }).waitFor({ timeout: patience(15_000) });
    await vs.page.mouse.move(5, 5);
    await vs.runCommand('View: Close All Editors');
  });

  it('hover over an id in Markdown with a hostile name shows it as text, its thumbnail, and runs no script', async () => {
    const editor = await vs.openWorkspaceFile('notes.md', `# Notes\n\n${hostile}\n`);
    const hover = await hoverOver(token(editor, hostile), 'onerror');
    assert.ok((await hover.innerText()).includes(HOSTILE), 'the name, as text');
    assert.equal(await hover.locator('img[src="x"]').count(), 0, 'no image element from the name');
    for (let i = 0; i < 20 && (await hover.locator('img').count()) === 0; i++) await hoverOver(token(editor, hostile), 'onerror');
    const image = await thumbnailOf(await hoverOver(token(editor, hostile), 'onerror'));
    assert.ok(image.naturalWidth > 0);
    await vs.screenshot('code-insight-hover-hostile');
    assert.deepEqual(dialogs, [], 'no alert ran');
    await vs.page.mouse.move(5, 5);
  });

  it('a Ctrl-click on an id opens its preview', async () => {
    const editor = await vs.openWorkspaceFile('click.ts', `const hero = '${hero}';\n`);
    const target = token(editor, hero);
    // The link shows (underlined) while Ctrl is held over it, once the link provider answered.
    for (const end = Date.now() + patience(30_000); ; ) {
      await vs.page.mouse.move(5, 5);
      await vs.page.keyboard.down('Control');
      await target.hover();
      const shown = await editor.locator('.detected-link-active').first().waitFor({ state: 'visible', timeout: patience(3_000) }).then(() => true, () => false);
      if (shown) break;
      await vs.page.keyboard.up('Control');
      if (Date.now() > end) throw new Error('the id never showed as a link under Ctrl');
    }
    try {
      await target.click({ modifiers: ['Control'] });
    } finally {
      await vs.page.keyboard.up('Control');
    }
    const frame = await vs.webviewFrame({ selector: 'main#app .title' });
    await frame.locator('.title', { hasText: HERO }).waitFor({ timeout: patience(15_000) });
    await vs.page.mouse.move(5, 5);
    await vs.screenshot('code-insight-ctrl-click-preview');
    await vs.runCommand('View: Close All Editors');
  });

  it('a made-up id gets the warning squiggle, and the quick fix replaces it through the picker', async () => {
    const editor = await vs.openWorkspaceFile('dead.ts', `export const clip = '${MADE_UP}';\n`);
    await editor.locator('.squiggly-warning').first().waitFor({ state: 'visible', timeout: patience(20_000) });
    const gets = vs.server.requests.filter((r) => r.method === 'GET' && r.path === `/v1/files/${MADE_UP}`);
    assert.equal(gets.length, 1, 'one GET for the made-up id');
    await token(editor, MADE_UP).click();
    // Ctrl+. as a person types it; the lightbulb in the gutter when the keystroke came before the editor was ready.
    const fix = vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with…' }).first();
    for (let attempt = 1; ; attempt++) {
      if (attempt % 2 === 1) await vs.page.keyboard.press('Control+.');
      else await editor.locator('.lightBulbWidget, .lightbulb-glyph').first().click({ timeout: patience(5_000) }).catch(() => undefined);
      if (await fix.waitFor({ state: 'visible', timeout: patience(4_000) }).then(() => true, () => false)) break;
      if (attempt === 6) throw new Error('no Replace with… quick fix in the menu (Ctrl+. and the lightbulb)');
      await vs.page.keyboard.press('Escape');
      await token(editor, MADE_UP).click();
    }
    await vs.screenshot('code-insight-quick-fix');
    const focused = vs.page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 5 && !((await focused.textContent().catch(() => '')) ?? '').includes('Replace with…'); i++) await vs.page.keyboard.press('ArrowDown');
    await vs.page.keyboard.press('Enter');
    await vs.quickInput(HERO, { submit: false });
    await vs.quickPick(HERO);
    const lines = editor.locator('.view-lines');
    for (const end = Date.now() + patience(15_000); !(await lines.innerText()).includes(hero); await sleep(100)) {
      if (Date.now() > end) throw new Error(`the id was not replaced: ${await lines.innerText()}`);
    }
    assert.ok(!(await lines.innerText()).includes(MADE_UP));
    await editor.locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: patience(10_000) });
    await vs.screenshot('code-insight-replaced');
  });
});
