// Find Usages in Workspace in a real VS Code: the id is found in two workspace files (and in the unsaved text of an
// open one), not in a longer-word lookalike, not under node_modules (search.exclude); the references peek opens on
// the first usage; no usages say so.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import { appMediaUrl } from '../../src/files/fileRefs';
import { searchWorkspace, type UsageSearch } from '../../src/usages/findUsages';
import type { WireFileInfo } from '../server/model';
import { addFile, admin, app as extensionApp, serverKey, serverUrl, waitFor } from './support';

async function closeEditors(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** Stands in for showInformationMessage, recording what it was asked to show. */
function recordInformation(): { messages: string[]; restore(): void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window.showInformationMessage;
  const messages: string[] = [];
  window.showInformationMessage = (text: string) => {
    messages.push(text);
    return Promise.resolve(undefined);
  };
  return { messages, restore: () => (window.showInformationMessage = original) };
}

describe('Find Usages in Workspace', function () {
  this.timeout(60_000);
  let app: App;
  let file: WireFileInfo;
  let unused: WireFileInfo;
  let folder: string;
  let baseUrlBefore: string | undefined;
  let heroLine: string;
  let readmeLine: string;

  before(async () => {
    app = await extensionApp();
    baseUrlBefore = vscode.workspace.getConfiguration('videogen').inspect<string>('apiBaseUrl')?.globalValue;
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    file = await addFile({ displayName: 'Usages test <img src=x onerror=alert(1)>', media: 'hero-photo', urls: 'fresh' });
    unused = await addFile({ displayName: 'Usages test unused', media: 'brand-logo', urls: 'fresh' });
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the tests run with a workspace folder');
    folder = path.join(root, 'usages-test');
    mkdirSync(path.join(folder, 'node_modules', 'pkg'), { recursive: true });
    heroLine = `export const HERO = '${file.fileId}';`;
    readmeLine = `[Open in VideoGen](${appMediaUrl(file.fileId)})`;
    writeFileSync(path.join(folder, 'hero.ts'), `// the hero\n${heroLine}\n`);
    writeFileSync(path.join(folder, 'README.md'), `# Media\n\n${readmeLine}\n`);
    writeFileSync(path.join(folder, 'lookalike.ts'), `const notIt = '${file.fileId}x';\nconst alsoNot = 'my_${file.fileId}';\n`);
    writeFileSync(path.join(folder, 'node_modules', 'pkg', 'index.js'), `module.exports = '${file.fileId}';\n`);
    writeFileSync(path.join(folder, 'draft.ts'), '// nothing saved here yet\n');
  });

  after(async () => {
    await closeEditors();
    rmSync(folder, { recursive: true, force: true });
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await admin('POST', 'reset');
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', baseUrlBefore, vscode.ConfigurationTarget.Global);
  });

  afterEach(closeEditors);

  const relative = (uri: vscode.Uri): string => path.relative(folder, uri.fsPath).split(path.sep).join('/');

  it('finds the id in two workspace files, not in a lookalike or under node_modules, and peeks at the first', async () => {
    const search = await vscode.commands.executeCommand<UsageSearch>('videogen.findUsages', file.fileId);
    assert.ok(search, 'the search ran');
    const found = search.locations.filter((location) => location.uri.fsPath.startsWith(folder + path.sep));
    assert.deepEqual(
      found.map((location) => [relative(location.uri), location.range.start.line, location.range.start.character, location.range.end.character]),
      [
        ['hero.ts', 1, heroLine.indexOf(file.fileId), heroLine.indexOf(file.fileId) + file.fileId.length],
        ['README.md', 2, readmeLine.indexOf(file.fileId), readmeLine.indexOf(file.fileId) + file.fileId.length],
      ],
    );
    assert.ok(search.filesSearched >= 4, `searched ${search.filesSearched} files`);
    assert.equal(search.truncated, false);
    const editor = await waitFor('the first usage in an editor', () => vscode.window.activeTextEditor);
    assert.equal(relative(editor.document.uri), 'hero.ts', 'the peek opens on the first usage');
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  it('reads open documents from memory: an unsaved usage counts', async () => {
    const draft = vscode.Uri.file(path.join(folder, 'draft.ts'));
    const editor = await vscode.window.showTextDocument(draft);
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), `const draft = "${file.fileId}";\n`));
    assert.ok(editor.document.isDirty);
    const search = await vscode.commands.executeCommand<UsageSearch>('videogen.findUsages', file.fileId);
    const lines = search.locations.filter((location) => relative(location.uri) === 'draft.ts').map((location) => location.range.start.line);
    assert.deepEqual(lines, [1]);
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  it('acts on a tree row, and says so plainly when there are no usages', async () => {
    const stored = (await app.session.requireClient()).getFile(unused.fileId);
    const node = { kind: 'file', file: await stored };
    const info = recordInformation();
    try {
      const search = await vscode.commands.executeCommand<UsageSearch>('videogen.findUsages', node, [node]);
      assert.deepEqual(search.locations, []);
      await waitFor('the message', () => info.messages.length > 0);
      assert.match(info.messages[0]!, new RegExp(`^No usages of “Usages test unused” \\(${unused.fileId}\\) in the workspace \\(\\d+ files searched\\)\\.$`));
    } finally {
      info.restore();
    }
  });

  it('stops when cancelled, answering nothing', async () => {
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    assert.equal(await searchWorkspace([file.fileId], cancelled.token), undefined);
  });
});
