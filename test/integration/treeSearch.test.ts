// "Search Library…" in the Files view, through the command, the tree provider and the local server: the input box,
// the "Results for '…'" root (the query stays text), results as ordinary file rows in the server's order, the
// keyboard moved to the first result, a pasted id or URL resolved exactly, no results, a 429, and Clear.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { TestHooks } from '../../src/testHooks';
import type { FileNode, IdNode, NoticeNode, SectionNode, TreeNode } from '../../src/tree/nodes';
import type { WireFileInfo } from '../server/model';
import { addFile, admin, hooks, serverKey, serverUrl, waitFor } from './support';

const HOSTILE_QUERY = `<img src=x onerror=alert(1)> $(zap) [x](command:videogen.y)`;
const MADE_UP_ID = 'vg_file_0000000000000000000000';

interface LoggedRequest {
  method: string;
  path: string;
}

type MessageKind = 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage';

describe('Files view: Search Library', function () {
  this.timeout(60_000);
  let testHooks: TestHooks;
  let app: App;

  before(async () => {
    testHooks = await hooks();
    app = testHooks.app;
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
  });

  beforeEach(async () => {
    await admin('DELETE', 'faults');
    await admin('DELETE', 'requests');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('videogen.clearSearch');
    await admin('DELETE', 'faults');
  });

  const roots = (): Promise<TreeNode[]> => testHooks.tree.getChildren();

  async function resultsRoot(): Promise<SectionNode | undefined> {
    const [first] = await roots();
    return first?.kind === 'section' && first.section === 'results' ? first : undefined;
  }

  async function results(): Promise<TreeNode[]> {
    const root = await resultsRoot();
    assert.ok(root, 'a results root first');
    return testHooks.tree.getChildren(root);
  }

  /** What the server's search answers for `query` (the order the view must keep). */
  async function serverSearch(query: string): Promise<string[]> {
    const response = await fetch(`${serverUrl()}/v1/files/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serverKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, numResults: 25 }),
    });
    return ((await response.json()) as { results: { file: WireFileInfo }[] }).results.map((r) => r.file.fileId);
  }

  async function searchRequests(): Promise<LoggedRequest[]> {
    return (await admin<{ requests: LoggedRequest[] }>('GET', 'requests')).requests.filter((r) => r.method === 'POST' && r.path === '/v1/files/search');
  }

  /** Replaces the input box with one that answers `value`, recording what it was asked with. */
  function answerInputBox(value: string | undefined): { asked: vscode.InputBoxOptions[]; restore(): void } {
    const window = vscode.window as unknown as { showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined> };
    const real = window.showInputBox;
    const asked: vscode.InputBoxOptions[] = [];
    window.showInputBox = (options) => {
      asked.push(options);
      return Promise.resolve(value);
    };
    return { asked, restore: () => (window.showInputBox = real) };
  }

  function captureErrors(): { messages: string[]; restore(): void } {
    const window = vscode.window as unknown as Record<MessageKind, (text: string, ...items: string[]) => Thenable<string | undefined>>;
    const real = window.showErrorMessage;
    const messages: string[] = [];
    window.showErrorMessage = (text: string) => {
      messages.push(text);
      return Promise.resolve(undefined);
    };
    return { messages, restore: () => (window.showErrorMessage = real) };
  }

  it('asks in a validated input box, then shows the results as a "Results for" root, in the server\'s order, with the first one selected', async () => {
    const input = answerInputBox('mountain');
    try {
      await vscode.commands.executeCommand('videogen.searchFiles');
    } finally {
      input.restore();
    }
    const options = input.asked[0]!;
    assert.equal(options.title, 'Search Library');
    assert.equal(await options.validateInput?.('x'.repeat(501)), 'A search is at most 500 characters.');
    assert.equal(await options.validateInput?.('mountain'), undefined);

    assert.equal((await searchRequests()).length, 1, 'one search request');
    const root = await resultsRoot();
    assert.ok(root);
    const rootItem = testHooks.tree.getTreeItem(root);
    assert.equal(rootItem.label, "Results for 'mountain'");
    assert.equal(rootItem.contextValue, 'searchResults', 'offers Clear inline');
    assert.equal((rootItem.iconPath as vscode.ThemeIcon).id, 'search');
    assert.equal(rootItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);

    const expected = await serverSearch('mountain');
    assert.ok(expected.length > 0);
    const rows = (await results()) as FileNode[];
    assert.deepEqual(rows.map((r) => r.file.fileId), expected);
    assert.match(rootItem.accessibilityInformation?.label ?? '', new RegExp(`^Results for 'mountain', ${expected.length} files?$`));
    const item = testHooks.tree.getTreeItem(rows[0]!);
    assert.equal(item.id, `results/${expected[0]}`);
    assert.match(item.contextValue ?? '', /^file\b/, 'every file row action');
    assert.equal(item.command?.command, 'videogen.openPreview');
    assert.equal(testHooks.tree.getParent(rows[0]!), root);

    await waitFor('the first result selected', () => app.files.selectedFiles()[0]?.fileId === expected[0]);
  });

  it('the query stays text, however hostile', async () => {
    await vscode.commands.executeCommand('videogen.searchFiles', HOSTILE_QUERY);
    const root = await resultsRoot();
    const label = testHooks.tree.getTreeItem(root!).label as string;
    assert.equal(typeof label, 'string', 'a plain label, never Markdown');
    assert.ok(label.startsWith("Results for '<img src=x onerror=alert(1)> $\u200b(zap)"), label);
  });

  it('a pasted id or VideoGen URL is resolved exactly and comes first, without a search by meaning', async () => {
    const file = await addFile({ displayName: 'Found by its id', media: 'brand-logo' });
    await vscode.commands.executeCommand('videogen.searchFiles', `https://app.videogen.io/media?storageFileId=${file.fileId}`);
    const [first] = await results();
    assert.ok(first?.kind === 'file');
    assert.equal(first.file.displayName, 'Found by its id');
    assert.deepEqual(await searchRequests(), [], 'looked up, not searched');
    await waitFor('the exact match selected', () => app.files.selectedFiles()[0]?.fileId === file.fileId);

    await vscode.commands.executeCommand('videogen.searchFiles', MADE_UP_ID);
    const [missing] = await results();
    assert.equal(missing?.kind, 'id');
    const item = testHooks.tree.getTreeItem(missing as IdNode);
    assert.equal(item.label, MADE_UP_ID);
    assert.equal(item.description, 'Not in your library');
  });

  it('no results is a row that says so', async () => {
    const query = 'zzqx nothing like this anywhere';
    assert.deepEqual(await serverSearch(query), [], 'the server finds nothing');
    await vscode.commands.executeCommand('videogen.searchFiles', query);
    const rows = await results();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.kind, 'notice');
    assert.equal(testHooks.tree.getTreeItem(rows[0] as NoticeNode).label, 'No file in your VideoGen library matches this search');
  });

  it('a 429 names the search limit and when it resets, in a notification and in the results', async () => {
    await admin('POST', 'faults', { route: 'POST /v1/files/search', status: 429, code: 'rate_limited', message: 'Too many requests', retryAfterSeconds: 600 });
    const errors = captureErrors();
    try {
      await vscode.commands.executeCommand('videogen.searchFiles', 'limited query');
    } finally {
      errors.restore();
    }
    assert.equal(errors.messages.length, 1);
    assert.match(errors.messages[0]!, /^VideoGen search failed: VideoGen's limit for search was reached until .+ \(in 10 min\)\.$/);
    const [row] = await results();
    assert.equal(row?.kind, 'notice');
    assert.match(testHooks.tree.getTreeItem(row as NoticeNode).label as string, /^Search failed: VideoGen's limit for search was reached until/);
  });

  it('while VideoGen cannot be reached, failures of different actions share one notification, and its Retry searches again', async () => {
    const target = await addFile({ displayName: 'Never signed, copied offline', media: 'product-shot', urls: 'none' });
    await admin('POST', 'faults', { route: '/v1/*', reset: true });
    const window = vscode.window as unknown as Record<MessageKind, (text: string, ...items: string[]) => Thenable<string | undefined>>;
    const real = window.showErrorMessage;
    // Notifications left open (unanswered) until the test answers them, as a person would.
    const shown: Array<{ text: string; items: string[]; answer(item: string | undefined): void }> = [];
    window.showErrorMessage = (text: string, ...items: string[]) => new Promise((answer) => shown.push({ text, items, answer }));
    try {
      // A query not asked before in this window (answers are cached), then a copy that needs a hydrate.
      await vscode.commands.executeCommand('videogen.searchFiles', 'mountain while offline');
      await vscode.commands.executeCommand('videogen.copyDownloadUrl', target.fileId);
      const requests = (await admin<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
      assert.equal(requests.filter((r) => r.path === '/v1/files/search').length, 4, 'the search was tried four times');
      assert.ok(requests.some((r) => r.path.startsWith(`/v1/files/${target.fileId}`)), 'the copy asked for the file');
      assert.deepEqual(shown.map((n) => n.text.replace(/127\.0\.0\.1:\d+/, 'HOST')), ['VideoGen search failed: Could not reach http://HOST: connection closed by the server']);
      assert.deepEqual(shown[0]!.items, ['Retry', 'Show Log']);

      await admin('DELETE', 'faults');
      shown[0]!.answer('Retry');
      const root = await waitFor('the results of the retried search', async () => {
        const first = await resultsRoot();
        const rows = first ? await testHooks.tree.getChildren(first) : [];
        return rows.length > 0 && rows.every((row) => row.kind === 'file') ? first : undefined;
      });
      assert.equal(testHooks.tree.getTreeItem(root).label, "Results for 'mountain while offline'");
    } finally {
      window.showErrorMessage = real;
    }
  });

  it('Clear removes the results root; the listing stays', async () => {
    await vscode.commands.executeCommand('videogen.searchFiles', 'mountain');
    assert.ok(await resultsRoot());
    const listedBefore = (await roots()).filter((n) => n.kind !== 'section').length;
    await vscode.commands.executeCommand('videogen.clearSearch');
    assert.equal(await resultsRoot(), undefined);
    assert.equal((await roots()).filter((n) => n.kind !== 'section').length, listedBefore);
  });

  it('results follow the store: an archived result leaves at once', async () => {
    const expected = await serverSearch('podcast');
    assert.ok(expected.length > 1);
    await vscode.commands.executeCommand('videogen.searchFiles', 'podcast');
    const first = (await results())[0] as FileNode;
    app.store.remove(first.file.fileId, { reason: 'archived' });
    const after = ((await results()) as FileNode[]).map((r) => r.file.fileId);
    assert.deepEqual(after, expected.filter((id) => id !== first.file.fileId));
    app.store.put(first.file, { joinedLibrary: true }); // put back for the other suites
  });
});
