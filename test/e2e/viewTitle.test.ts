// The Files view's title bar offers only what works in each state: nothing but the welcome's "Set API Key" without
// a key, Refresh (to check again) once a key was refused, and the list tools once the library loads.
import { strict as assert } from 'node:assert';
import { useWorkbench } from './fixture';

const LIST_TOOLS = ['Search Library…', 'Filter Files…', 'Group by Type', 'Show as Flat List'];

describe('Files view title actions per state', function () {
  this.timeout(180_000);
  const vs = useWorkbench();

  /** Names of the buttons in the sidebar's title bar (the view's own, merged into the container's title). */
  async function titleButtons(): Promise<string[]> {
    const labels = await vs.page.locator('.part.sidebar .title-actions .action-label, .part.sidebar .pane-header .actions .action-label').evaluateAll((elements) =>
      elements.map((e) => e.getAttribute('aria-label') ?? ''),
    );
    return labels.map((label) => label.replace(/\s*\(.*\)$/, '')).filter((label) => label !== '');
  }

  /** Polls the title bar until `ok` holds (menus follow the state's context key a moment after the welcome does). */
  async function waitForButtons(what: string, ok: (buttons: string[]) => boolean): Promise<string[]> {
    let buttons: string[] = [];
    for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      buttons = await titleButtons();
      if (ok(buttons)) return buttons;
    }
    throw new Error(`the title bar never showed ${what}; it shows ${JSON.stringify(buttons)}`);
  }

  async function waitForWelcome(text: RegExp): Promise<void> {
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      if (text.test(await vs.welcomeText())) return;
    }
    assert.match(await vs.welcomeText(), text);
  }

  it('without a key: no Refresh and no list tools, only the welcome', async () => {
    await vs.openView();
    await waitForWelcome(/API key/i);
    const buttons = await waitForButtons('no Refresh nor list tools', (b) => !b.includes('Refresh') && !LIST_TOOLS.some((t) => b.includes(t)));
    assert.ok(!buttons.includes('Refresh'), JSON.stringify(buttons));
    await vs.screenshot('view-title-no-key');
  });

  it('with a working key: Refresh, search, filter and grouping', async () => {
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.length > 0, { timeout: 30_000 });
    const buttons = await waitForButtons('the list tools', (b) => ['Refresh', 'Search Library…', 'Filter Files…'].every((t) => b.includes(t)));
    assert.ok(buttons.includes('Group by Type') !== buttons.includes('Show as Flat List'), `one grouping toggle: ${JSON.stringify(buttons)}`);
  });

  it('once the key is refused (revoked): Refresh to check again, and no list tools', async () => {
    vs.server.faults.add({ route: 'GET /v1/files', status: 401, code: 'invalid_api_key', message: 'API key is invalid or has been revoked.' });
    try {
      await vs.runCommand('VideoGen: Refresh');
      await waitForWelcome(/refused/i);
      const buttons = await waitForButtons('Refresh without the list tools', (b) => b.includes('Refresh') && !LIST_TOOLS.some((t) => b.includes(t)));
      assert.ok(buttons.includes('Refresh'));
      await vs.screenshot('view-title-refused-key');
    } finally {
      vs.server.faults.clear();
    }
    await vs.page.locator('.part.sidebar .action-label[aria-label^="Refresh"]').first().click(); // checks the key again
    await vs.waitForTreeItems((labels) => labels.length > 0, { timeout: 30_000 });
  });
});
