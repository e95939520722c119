// Nothing is left behind: opening and closing 200 previews and refreshing the tree 100 times gives back the
// extension host's heap (within 5 MB, after GC), the store's and the processing poll's subscribers, and timers.
//
// GC: the extension host runs without --expose-gc, so the test turns the flag on at run time
// (v8.setFlagsFromString) and takes `gc` from a fresh context, where V8 installs it once the flag is set.
// Timers: Node's process.getActiveResourcesInfo() lists one "Timeout" per live setTimeout/setInterval in the
// extension host; VS Code and other extensions have a few of their own, hence the small allowance.
import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { FileInfo } from '../../src/api';
import type { LiveCounts, TestHooks } from '../../src/testHooks';
import { admin, hooks, serverKey, serverUrl, waitFor } from './support';

const PREVIEWS = 200;
const PREVIEWS_AT_ONCE = 10;
const REFRESHES = 100;
const HEAP_ALLOWANCE_BYTES = 5 * 1024 * 1024;
/** Timers VS Code's own extension host code or another extension may start meanwhile. */
const TIMER_ALLOWANCE = 3;

function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const activeTimers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('No leaks', function () {
  this.timeout(600_000);
  let testHooks: TestHooks;
  let files: FileInfo[];
  let baseUrlBefore: string | undefined;
  const gc = collectGarbage();

  function heapAfterGc(): number {
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  }

  async function openAndClosePreviews(count: number): Promise<void> {
    for (let opened = 0; opened < count; opened += PREVIEWS_AT_ONCE) {
      const batch = Array.from({ length: PREVIEWS_AT_ONCE }, (_, i) => files[(opened + i) % files.length]);
      for (const file of batch) {
        await testHooks.previews.open(file);
        await waitFor(`the preview of ${file.displayName} to load`, () => testHooks.previewState(file.fileId)?.status.kind !== 'loading', 20_000);
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor('the previews to close', () => testHooks.liveCounts().previews === 0, 20_000);
    }
  }

  async function refreshTree(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      testHooks.tree.refresh();
      await testHooks.tree.getChildren();
    }
  }

  /** Waits for the timers to settle (a closing panel's load may still be winding down), then compares. */
  async function assertNothingLeft(counts: LiveCounts, timers: number): Promise<void> {
    await waitFor('the timers to be given back', () => activeTimers() <= timers + TIMER_ALLOWANCE, 10_000).catch(() => undefined);
    assert.deepEqual(testHooks.liveCounts(), counts, 'subscribers to the store and the processing poll, and open previews');
    assert.ok(activeTimers() <= timers + TIMER_ALLOWANCE, `active timers: ${activeTimers()} now, ${timers} before`);
  }

  before(async () => {
    const configuration = vscode.workspace.getConfiguration('videogen');
    baseUrlBefore = configuration.inspect<string>('apiBaseUrl')?.globalValue;
    await configuration.update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await admin('POST', 'reset');
    testHooks = await hooks();
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    const listed = (await (await testHooks.app.session.requireClient()).listFiles({ limit: 200 })).files;
    files = listed.filter((file) => file.type === 'IMAGE' || file.type === 'VIDEO' || file.type === 'AUDIO');
    assert.ok(files.length >= 3, 'the sample library has media files');
    await testHooks.tree.getChildren();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', baseUrlBefore, vscode.ConfigurationTarget.Global);
  });

  it(`opening and closing ${PREVIEWS} previews and refreshing the tree ${REFRESHES} times gives back heap, subscribers and timers`, async () => {
    // Warm-up: the caches that live as long as the window (hydrated files, the webview's code) fill once.
    await openAndClosePreviews(PREVIEWS_AT_ONCE);
    await refreshTree(5);
    const counts = testHooks.liveCounts();
    const timers = activeTimers();
    const heapBefore = heapAfterGc();

    await openAndClosePreviews(PREVIEWS);
    await refreshTree(REFRESHES);

    await assertNothingLeft(counts, timers);
    const grown = heapAfterGc() - heapBefore;
    assert.ok(grown <= HEAP_ALLOWANCE_BYTES, `the heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB (allowed: 5 MB)`);
  });
});
