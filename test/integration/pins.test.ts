// Pinned and Recently inserted in the Files view, through the tree provider and the commands, against the local
// server: Pin / Unpin on rows (and on the selection), the sections' rows as ordinary file rows, lazy lookups of ids
// the window does not know (one GET each, or "not in your library"), and rows following the store.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { TestHooks } from '../../src/testHooks';
import type { FileNode, IdNode, SectionNode, TreeNode } from '../../src/tree/nodes';
import { addFile, admin, hooks, serverKey, serverUrl, waitFor } from './support';

interface LoggedRequest {
  method: string;
  path: string;
}

const MADE_UP_ID = 'vg_file_0000000000000000000000';

describe('Files view: Pinned and Recently inserted', function () {
  this.timeout(60_000);
  let testHooks: TestHooks;
  let app: App;
  let groupByBefore: unknown;

  before(async () => {
    testHooks = await hooks();
    app = testHooks.app;
    const config = vscode.workspace.getConfiguration('videogen');
    groupByBefore = config.inspect('list.groupBy')?.globalValue;
    await config.update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await config.update('list.groupBy', 'type', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    await forgetAll();
  });

  afterEach(forgetAll);

  after(async () => {
    await vscode.workspace.getConfiguration('videogen').update('list.groupBy', groupByBefore, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Leaves the workspace with no pins and no recent inserts (they would show in other suites' trees). */
  async function forgetAll(): Promise<void> {
    await app.remembered.forget([...app.remembered.pinned(), ...app.remembered.recentlyInserted()]);
  }

  const roots = (): Promise<TreeNode[]> => testHooks.tree.getChildren();

  async function section(name: SectionNode['section']): Promise<SectionNode | undefined> {
    return (await roots()).find((n): n is SectionNode => n.kind === 'section' && n.section === name);
  }

  async function rowsOf(name: SectionNode['section']): Promise<TreeNode[]> {
    const node = await section(name);
    return node ? testHooks.tree.getChildren(node) : [];
  }

  /** A listed file's row in the listing (under its type group). */
  async function listedRow(fileId: string): Promise<FileNode> {
    return waitFor(`the listed row of ${fileId}`, async () => {
      for (const root of await roots()) {
        if (root.kind !== 'group') continue;
        const row = (await testHooks.tree.getChildren(root)).find((n): n is FileNode => n.kind === 'file' && n.file.fileId === fileId);
        if (row) return row;
      }
      return undefined;
    });
  }

  async function requests(): Promise<LoggedRequest[]> {
    return (await admin<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
  }

  it('Pin on a row adds a Pinned section at the top whose row is an ordinary file row; Unpin removes it', async () => {
    const file = await addFile({ displayName: 'Pin me', media: 'brand-logo' });
    app.files.refresh();
    const row = await listedRow(file.fileId);
    assert.equal(await section('pinned'), undefined, 'no Pinned section while nothing is pinned');
    assert.doesNotMatch(testHooks.tree.getTreeItem(row).contextValue ?? '', /\bpinned\b/);

    await vscode.commands.executeCommand('videogen.pinFiles', row);
    assert.deepEqual(app.remembered.pinned(), [file.fileId]);
    const top = await waitFor('the Pinned section first', async () => {
      const [first] = await roots();
      return first?.kind === 'section' && first.section === 'pinned' ? first : undefined;
    });
    const sectionItem = testHooks.tree.getTreeItem(top);
    assert.equal(sectionItem.label, 'Pinned');
    assert.equal(sectionItem.accessibilityInformation?.label, 'Pinned, 1 file');
    assert.equal((sectionItem.iconPath as vscode.ThemeIcon).id, 'pinned');
    assert.equal(sectionItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);

    const [pinned] = await rowsOf('pinned');
    assert.ok(pinned?.kind === 'file' && pinned.file.fileId === file.fileId);
    const item = testHooks.tree.getTreeItem(pinned);
    assert.equal(item.id, `pinned/${file.fileId}`, 'an id of its own: the listing keeps file/<id>');
    assert.equal(testHooks.tree.getTreeItem(row).id, `file/${file.fileId}`);
    assert.match(item.contextValue ?? '', /^file\b.*\bhasDownload\b.*\bpinned$/, 'every file row action, plus Unpin');
    assert.match(testHooks.tree.getTreeItem(row).contextValue ?? '', /\bpinned\b/, 'the listed row says pinned too');
    assert.equal(item.command?.command, 'videogen.openPreview', 'a click previews it');
    assert.equal(item.command?.arguments?.[0], pinned);
    assert.equal(testHooks.tree.getParent(pinned), top, 'reveal walks up to the section');

    // A row action on the pinned row acts on its file.
    await vscode.commands.executeCommand('videogen.copyFileId', pinned);
    assert.equal(await vscode.env.clipboard.readText(), file.fileId);

    await vscode.commands.executeCommand('videogen.unpinFiles', pinned);
    assert.deepEqual(app.remembered.pinned(), []);
    await waitFor('the Pinned section gone', async () => (await section('pinned')) === undefined);
  });

  it('pins the selection, in the order pinned, once each', async () => {
    const a = await addFile({ displayName: 'Pinned A', media: 'brand-logo' });
    const b = await addFile({ displayName: 'Pinned B', media: 'hero-photo' });
    app.files.refresh();
    const rowA = await listedRow(a.fileId);
    const rowB = await listedRow(b.fileId);
    await vscode.commands.executeCommand('videogen.pinFiles', rowB, [rowB, rowA]);
    await vscode.commands.executeCommand('videogen.pinFiles', a.fileId);
    assert.deepEqual(app.remembered.pinned(), [b.fileId, a.fileId]);
    const rows = await waitFor('two pinned rows', async () => {
      const shown = await rowsOf('pinned');
      return shown.length === 2 ? shown : undefined;
    });
    assert.deepEqual(rows.map((r) => (r as FileNode).file.displayName), ['Pinned B', 'Pinned A']);
  });

  it('an id the window does not know shows as loading, then as its file, after one GET; a made-up id says "not in your library" and can be unpinned', async () => {
    const elsewhere = await addFile({ displayName: 'Made elsewhere, never listed here', media: 'podcast-clip' });
    assert.equal(app.store.get(elsewhere.fileId), undefined);
    await admin('DELETE', 'requests');
    await app.remembered.pin([elsewhere.fileId, MADE_UP_ID]);

    const first = await waitFor('the pinned rows', async () => {
      const shown = await rowsOf('pinned');
      return shown.length === 2 ? shown : undefined;
    });
    const firstState = first[0]!.kind === 'id' ? first[0]!.state : first[0]!.kind;
    assert.ok(['loading', 'file'].includes(firstState), `loading or already there: ${firstState}`);
    const [found, missing] = await waitFor('both looked up', async () => {
      const shown = await rowsOf('pinned');
      return shown[0]?.kind === 'file' && shown[1]?.kind === 'id' && shown[1].state === 'missing' ? shown : undefined;
    });
    assert.equal((found as FileNode).file.displayName, 'Made elsewhere, never listed here');
    const missingItem = testHooks.tree.getTreeItem(missing!);
    assert.equal(missingItem.label, MADE_UP_ID);
    assert.equal(missingItem.description, 'Not in your library');
    assert.equal(missingItem.contextValue, 'unresolved missing pinned', 'offers Unpin and no file action');
    assert.equal(missingItem.accessibilityInformation?.label, `${MADE_UP_ID}, Not in your library`);

    await rowsOf('pinned');
    await rowsOf('pinned');
    // Every file GET of the window: a file an earlier suite left behind (a late "recently inserted") would show here.
    const gets = (await requests()).filter((r) => r.method === 'GET' && r.path.startsWith('/v1/files/vg_file_'));
    assert.deepEqual(gets.map((r) => r.path).sort(), [`/v1/files/${elsewhere.fileId}`, `/v1/files/${MADE_UP_ID}`].sort(), 'one GET per id, however often drawn');

    await vscode.commands.executeCommand('videogen.unpinFiles', missing, [missing]);
    assert.deepEqual(app.remembered.pinned(), [elsewhere.fileId]);
  });

  it('pinned rows follow the store: a rename shows at once, an archived file says so and keeps Unpin', async () => {
    const file = await addFile({ displayName: 'Before the rename', media: 'brand-logo' });
    app.files.refresh();
    await listedRow(file.fileId);
    await app.remembered.pin([file.fileId]);
    const redrawn = new Promise<void>((resolve) => {
      const subscription = testHooks.tree.onDidChangeTreeData((changed) => {
        const nodes = Array.isArray(changed) ? changed : changed === undefined ? [] : [changed];
        if (nodes.some((n) => n.kind === 'file' && n.section === 'pinned')) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await waitFor('the pinned row', async () => (await rowsOf('pinned')).length === 1);
    app.store.put({ ...app.store.get(file.fileId)!, displayName: 'After the rename' });
    await redrawn;
    const [row] = await rowsOf('pinned');
    assert.equal(testHooks.tree.getTreeItem(row!).label, 'After the rename');

    const modals = testHooks.answerModals((_message, buttons) => buttons[0]);
    try {
      await vscode.commands.executeCommand('videogen.archiveFiles', row);
    } finally {
      modals.dispose();
    }
    const archived = await waitFor('the archived row', async () => {
      const [shown] = await rowsOf('pinned');
      return shown?.kind === 'id' && shown.state === 'archived' ? shown : undefined;
    });
    const item = testHooks.tree.getTreeItem(archived);
    assert.equal(item.description, 'Archived');
    assert.match(item.contextValue ?? '', /^unresolved archived pinned$/);
    await vscode.commands.executeCommand('videogen.unpinFiles', archived as IdNode);
    await waitFor('no Pinned section', async () => (await section('pinned')) === undefined);
  });

  it('Insert File ID records the file: a Recently inserted section shows it, most recent first', async () => {
    const a = await addFile({ displayName: 'Inserted first', media: 'brand-logo' });
    const b = await addFile({ displayName: 'Inserted second', media: 'hero-photo' });
    app.files.refresh();
    await listedRow(b.fileId);
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '' });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('videogen.insertFileId', a.fileId);
    await vscode.commands.executeCommand('videogen.insertFileId', b.fileId);
    assert.ok(document.getText().includes(b.fileId));
    const recent = await waitFor('the Recently inserted section', () => section('recent'));
    const item = testHooks.tree.getTreeItem(recent);
    assert.equal(item.label, 'Recently inserted');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'history');
    // A row may show "loading" for a moment while its file is looked up; then both are file rows, newest first.
    const names = (nodes: TreeNode[]): (string | undefined)[] => nodes.map((n) => (n.kind === 'file' ? n.file.displayName : undefined));
    const rows = await waitFor('both inserted files as rows, most recent first', async () => {
      const children = await testHooks.tree.getChildren(recent);
      return JSON.stringify(names(children)) === JSON.stringify(['Inserted second', 'Inserted first']) ? (children as FileNode[]) : undefined;
    });
    assert.equal(testHooks.tree.getTreeItem(rows[0]!).id, `recent/${b.fileId}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a file both pinned and recent has a row in each, with ids unique per place', async () => {
    const file = await addFile({ displayName: 'Everywhere', media: 'brand-logo' });
    app.files.refresh();
    await listedRow(file.fileId);
    await app.remembered.pin([file.fileId]);
    await app.remembered.noteInserted([file.fileId]);
    await waitFor('both sections', async () => (await section('pinned')) && (await section('recent')));
    const ids = [...(await rowsOf('pinned')), ...(await rowsOf('recent')), await listedRow(file.fileId)].map((n) => testHooks.tree.getTreeItem(n).id);
    assert.deepEqual(ids, [`pinned/${file.fileId}`, `recent/${file.fileId}`, `file/${file.fileId}`]);
    const sections = (await roots()).filter((n) => n.kind === 'section').map((n) => (n as SectionNode).section);
    assert.deepEqual(sections, ['pinned', 'recent'], 'Pinned above Recently inserted, both above the listing');
  });
});
