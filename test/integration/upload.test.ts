// Uploads in a real VS Code against the local server: by command (file dialog), from the Explorer's multi-select,
// cancelled mid-PUT, and with a 429 on create and a 5xx on the PUT; the row appears at the top while processing and
// turns into the finished file in place; the status-bar item follows.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileInfo } from '../../src/api/models';
import type { App } from '../../src/app';
import type { FileChange } from '../../src/files/store';
import type { FileNode, TreeNode } from '../../src/tree/nodes';
import type { UploadBatchResult } from '../../src/upload';
import { FilesDragAndDropController } from '../../src/tree/dragAndDrop';
import { serverSourceDir } from '../server/server';
import { admin, hooks, serverKey, serverUrl, waitFor } from './support';

type MessageKind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';
interface Message {
  kind: MessageKind;
  text: string;
  items: string[];
}
interface ProgressRecord {
  title: string | undefined;
  cancellable: boolean | undefined;
  messages: string[];
}

/**
 * Stands in for the dialog, the progress notification and the messages: the dialog answers `pick`, every
 * notification `withProgress` is recorded (with a token the test can cancel), and messages are recorded.
 */
function stubWindow(pick: vscode.Uri[] = []): {
  messages: Message[];
  progress: ProgressRecord[];
  cancel: vscode.CancellationTokenSource;
  restore(): void;
} {
  const window = vscode.window as unknown as Record<string, unknown>;
  const names = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'withProgress', 'showOpenDialog'];
  const originals = names.map((name) => window[name]);
  const messages: Message[] = [];
  const progress: ProgressRecord[] = [];
  const cancel = new vscode.CancellationTokenSource();
  for (const kind of names.slice(0, 3) as MessageKind[]) {
    window[kind] = (text: string, ...items: string[]) => {
      messages.push({ kind, text, items });
      return Promise.resolve(undefined);
    };
  }
  const realWithProgress = window.withProgress as typeof vscode.window.withProgress;
  window.withProgress = (options: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>) => {
    // The Files view's own loading progress is left alone.
    if (options.location !== vscode.ProgressLocation.Notification) return realWithProgress(options, task);
    const record: ProgressRecord = { title: options.title, cancellable: options.cancellable, messages: [] };
    progress.push(record);
    return task({ report: (value) => void (value.message && record.messages.push(value.message)) }, cancel.token);
  };
  window.showOpenDialog = () => Promise.resolve(pick);
  return { messages, progress, cancel, restore: () => names.forEach((name, i) => (window[name] = originals[i])) };
}

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

async function requests(): Promise<LoggedRequest[]> {
  return (await admin<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
}

async function listedIds(): Promise<string[]> {
  const response = await fetch(`${serverUrl()}/v1/files?limit=200`, { headers: { authorization: `Bearer ${serverKey()}` } });
  return ((await response.json()) as { files: FileInfo[] }).files.map((file) => file.fileId);
}

function fileNodes(nodes: readonly TreeNode[]): FileNode[] {
  return nodes.filter((n): n is FileNode => n.kind === 'file');
}

describe('Upload', function () {
  this.timeout(60_000);
  let app: App;
  let hooksOf: Awaited<ReturnType<typeof hooks>>;
  let folder: string;
  const saved: Record<string, unknown> = {};
  const media = (name: string): string => path.join(serverSourceDir(), 'media', name);
  /** Copies a sample medium into the workspace under `name`. */
  const workspaceFile = (source: string, name: string): vscode.Uri => {
    const target = path.join(folder, name);
    copyFileSync(media(source), target);
    return vscode.Uri.file(target);
  };

  before(async () => {
    hooksOf = await hooks();
    app = hooksOf.app;
    const config = vscode.workspace.getConfiguration('videogen');
    for (const key of ['apiBaseUrl', 'list.groupBy', 'list.thumbnails']) saved[key] = config.inspect(key)?.globalValue;
    await config.update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await config.update('list.groupBy', 'none', vscode.ConfigurationTarget.Global);
    await config.update('list.thumbnails', false, vscode.ConfigurationTarget.Global);
    await admin('POST', 'reset');
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the tests run with a workspace folder');
    folder = path.join(root, 'upload-test');
    mkdirSync(folder, { recursive: true });
  });

  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    const config = vscode.workspace.getConfiguration('videogen');
    for (const [key, value] of Object.entries(saved)) await config.update(key, value, vscode.ConfigurationTarget.Global);
    await admin('POST', 'reset');
  });

  beforeEach(async () => {
    await admin('DELETE', 'faults');
    await admin('DELETE', 'requests');
  });

  it('uploads a workspace file by command: at the top at once while processing, then the finished file in place', async () => {
    // 4 MB (a PNG with padding after its end) whose PUT is held for a moment: the bytes sent show in the progress.
    const uri = vscode.Uri.file(path.join(folder, 'Command upload.png'));
    writeFileSync(uri.fsPath, Buffer.concat([readFileSync(media('product-shot.png')), Buffer.alloc(4_000_000)]));
    await admin('POST', 'faults', { route: 'PUT /upload/*', latencyMs: 1500, times: 1 });
    const stub = stubWindow([uri]);
    const changes: FileChange[] = [];
    const subscription = app.store.onDidChange((batch) => changes.push(...batch));
    const provider = (await hooks()).tree;
    await provider.getChildren();
    try {
      const running = vscode.commands.executeCommand<UploadBatchResult>('videogen.uploadFiles');
      const added = await waitFor('the new file in the store', () => changes.find((c) => c.kind === 'added' && c.file.displayName === 'Command upload.png'));
      assert.ok(added.kind === 'added' && added.joinedLibrary, 'announced as joining the library');
      assert.equal(added.file.type, null, 'processing: no type yet');
      const top = fileNodes(await provider.getChildren())[0];
      assert.equal(top?.file.fileId, added.file.fileId, 'the new row is at the top at once');
      assert.equal(hooksStatusCount(await hooks()), 1, 'the status bar counts the upload');

      const result = await running;
      assert.equal(result.items.length, 1);
      const [item] = result.items;
      assert.ok(item.status === 'uploaded', `uploaded, not ${item.status}`);
      assert.equal(item.file.fileId, added.file.fileId);
      assert.equal(item.file.type, 'IMAGE');
      assert.equal(item.file.displayName, 'Command upload.png');
      const stored = app.store.get(item.file.fileId);
      assert.equal(stored?.type, 'IMAGE', 'the store has the finished file');
      const rows = fileNodes(await provider.getChildren());
      assert.equal(rows[0]?.file.fileId, item.file.fileId, 'still the top row');
      assert.equal(rows[0]?.file.type, 'IMAGE', 'the row turned into the finished file');
      assert.equal(rows.filter((row) => row.file.fileId === item.file.fileId).length, 1, 'one row, replaced in place');

      assert.equal(stub.progress.length, 1, 'one progress notification for the batch');
      assert.equal(stub.progress[0].cancellable, true);
      assert.ok(stub.progress[0].messages.some((m) => /^“Command upload\.png” [\d.]+ (B|kB|MB) of 4 MB$/.test(m)), stub.progress[0].messages.join(' | '));
      assert.ok(stub.progress[0].messages.some((m) => m.includes('processing…')), stub.progress[0].messages.join(' | '));
      await waitFor('the summary', () => stub.messages.length > 0);
      assert.deepEqual(stub.messages, [{ kind: 'showInformationMessage', text: 'Uploaded “Command upload.png” to VideoGen.', items: [] }]);

      const put = (await requests()).find((r) => r.method === 'PUT');
      assert.equal(put?.status, 200);
      assert.equal(hooksStatusCount(await hooks()), 0);
    } finally {
      subscription.dispose();
      stub.restore();
    }
  });

  it('uploads the Explorer multi-selection, and only the clicked file when it is outside the selection', async () => {
    const a = workspaceFile('hero-photo.jpg', 'Explorer A.jpg');
    const b = workspaceFile('voiceover.wav', 'Explorer B.wav');
    const c = workspaceFile('brand-logo.png', 'Explorer C.png');
    const stub = stubWindow();
    try {
      const both = await vscode.commands.executeCommand<UploadBatchResult>('videogen.uploadToVideoGen', a, [a, b]);
      assert.deepEqual(both.items.map((item) => [item.name, item.status]), [['Explorer A.jpg', 'uploaded'], ['Explorer B.wav', 'uploaded']]);
      const types = both.items.map((item) => (item.status === 'uploaded' ? item.file.type : null));
      assert.deepEqual(types, ['IMAGE', 'AUDIO']);
      const alone = await vscode.commands.executeCommand<UploadBatchResult>('videogen.uploadToVideoGen', c, [a, b]);
      assert.deepEqual(alone.items.map((item) => item.name), ['Explorer C.png']);
      await waitFor('two summaries', () => stub.messages.length === 2);
      assert.equal(stub.messages[0].text, 'Uploaded 2 files to VideoGen.');
      assert.equal(stub.progress[0].title, 'Uploading 2 files to VideoGen');
      const listed = await listedIds();
      for (const item of [...both.items, ...alone.items]) assert.ok(item.status === 'uploaded' && listed.includes(item.file.fileId));
    } finally {
      stub.restore();
    }
  });

  it('refuses a file VideoGen does not take before sending anything, naming it in the summary', async () => {
    const notes = path.join(folder, 'notes.txt');
    writeFileSync(notes, 'not media');
    const stub = stubWindow();
    try {
      const result = await vscode.commands.executeCommand<UploadBatchResult>('videogen.uploadToVideoGen', vscode.Uri.file(notes), []);
      assert.equal(result.items[0]?.status, 'failed');
      assert.equal((await requests()).filter((r) => r.path === '/v1/files/upload').length, 0, 'nothing was sent');
      await waitFor('the summary', () => stub.messages.length > 0);
      assert.equal(stub.messages[0].kind, 'showErrorMessage');
      assert.equal(stub.messages[0].text, 'Upload failed: “notes.txt”: VideoGen does not take .txt files. It takes images, videos, audio and PDF.');
      assert.deepEqual(stub.messages[0].items, ['Show Log']);
    } finally {
      stub.restore();
    }
  });

  it('cancel mid-upload aborts the PUT and leaves nothing in the tree, the store or the library', async () => {
    await admin('POST', 'faults', { route: 'PUT /upload/*', latencyMs: 30_000, times: 1 });
    const uri = workspaceFile('launch-teaser.mp4', 'Cancelled upload.mp4');
    const stub = stubWindow([uri]);
    const provider = (await hooks()).tree;
    try {
      const running = vscode.commands.executeCommand<UploadBatchResult>('videogen.uploadFiles');
      const created = await waitFor('the processing row', () => [...app.store.values()].find((file) => file.displayName === 'Cancelled upload.mp4'));
      await waitFor('the PUT to be on its way', async () => (await requests()).some((r) => r.method === 'PUT'));
      stub.cancel.cancel();
      const result = await running;
      assert.equal(result.cancelled, true);
      assert.deepEqual(result.items.map((item) => item.status), ['cancelled']);
      assert.equal(app.store.get(created.fileId), undefined, 'gone from the store');
      assert.ok(!fileNodes(await provider.getChildren()).some((row) => row.file.fileId === created.fileId), 'gone from the tree');
      await waitFor('the half-made file to be archived on the server', async () => !(await listedIds()).includes(created.fileId));
      provider.refresh();
      assert.ok(!fileNodes(await provider.getChildren()).some((row) => row.file.fileId === created.fileId), 'not back after a refresh');
      await waitFor('the summary', () => stub.messages.length > 0);
      assert.equal(stub.messages[0].text, 'Upload cancelled: 0 of 1 uploaded.');
    } finally {
      stub.restore();
    }
  });

  it('reports a 429 on create and a 5xx on the PUT in the summary, uploads the rest, and loses nothing', async () => {
    await admin('POST', 'faults', { route: 'POST /v1/files/upload', status: 429, retryAfterSeconds: 600, times: 1 });
    await admin('POST', 'faults', { route: 'PUT /upload/*', status: 503, afterBodyBytes: 4096, times: 1 });
    const uris = [workspaceFile('ai-mountain.png', 'Batch 1.png'), workspaceFile('ai-robot.webp', 'Batch 2.webp'), workspaceFile('podcast-clip.mp3', 'Batch 3.mp3')];
    const stub = stubWindow();
    const before = new Set(app.store.values());
    try {
      const result = await vscode.commands.executeCommand<UploadBatchResult>('videogen.uploadToVideoGen', uris[0], uris);
      const statuses = result.items.map((item) => item.status).sort();
      assert.deepEqual(statuses, ['failed', 'failed', 'uploaded']);
      const failures = result.items.filter((item) => item.status === 'failed');
      const reasons = failures.map((item) => (item.status === 'failed' ? item.reason ?? '' : ''));
      assert.ok(reasons.some((r) => /limit for uploads was reached until/.test(r)), reasons.join(' | '));
      assert.ok(reasons.some((r) => /503/.test(r)), reasons.join(' | '));

      await waitFor('the summary', () => stub.messages.length > 0);
      const [summary] = stub.messages;
      assert.equal(summary.kind, 'showWarningMessage');
      assert.match(summary.text, /^Uploaded 1 of 3; 2 failed: /);
      for (const item of failures) assert.ok(summary.text.includes(`“${item.name}”`), summary.text);
      assert.deepEqual(summary.items, ['Show Log']);

      const uploaded = result.items.find((item) => item.status === 'uploaded');
      assert.ok(uploaded?.status === 'uploaded');
      const added = [...app.store.values()].filter((file) => !before.has(file) && file.displayName.startsWith('Batch '));
      assert.deepEqual(added.map((file) => file.fileId), [uploaded.file.fileId], 'the store holds the one file that was made, finished');
      const putFailed = failures.find((item) => item.status === 'failed' && item.fileId !== undefined);
      assert.ok(putFailed?.status === 'failed' && putFailed.fileId, 'the PUT failure had created a file');
      assert.equal(app.store.get(putFailed.fileId), undefined, 'its half-made row is gone');
      await waitFor('the half-made file to leave the library', async () => !(await listedIds()).includes(putFailed.fileId!));
      assert.ok((await listedIds()).includes(uploaded.file.fileId));

      const status = (await hooks()).statusItem();
      assert.match(status.text, /limited until/, status.text);
      assert.equal(status.background, 'statusBarItem.warningBackground');
      assert.match(status.tooltip, /hourly limit for uploads was reached; it resets at/);
      assert.equal(status.command, 'videogen.showLog');
    } finally {
      stub.restore();
    }
  });

  it('uploads files dropped on the Files view (text/uri-list), keeping the drag of rows as text', async () => {
    const uri = workspaceFile('product-shot.png', 'Dropped.png');
    const stub = stubWindow();
    const uploads: unknown[][] = [];
    try {
      const controller = new FilesDragAndDropController((items) => uploads.push(items));
      assert.deepEqual(controller.dropMimeTypes, ['text/uri-list', 'files']);
      assert.deepEqual(controller.dragMimeTypes, ['text/plain']);
      const transfer = new vscode.DataTransfer();
      transfer.set('text/uri-list', new vscode.DataTransferItem(`# a comment\r\n${uri.toString()}\r\n`));
      await controller.handleDrop(undefined, transfer, new vscode.CancellationTokenSource().token);
      assert.equal(uploads.length, 1);
      assert.deepEqual((uploads[0] as vscode.Uri[]).map((u) => u.toString()), [uri.toString()]);
    } finally {
      stub.restore();
    }
  });
  it('keeps a hostile file name as text in the summary and the row', async () => {
    const name = '<img src=x onerror=alert(1)> [x](command:videogen.clearApiKey) $(alert).png';
    const uri = workspaceFile('brand-logo.png', name);
    const stub = stubWindow();
    try {
      const result = await vscode.commands.executeCommand<UploadBatchResult>('videogen.uploadToVideoGen', uri, [uri]);
      const [item] = result.items;
      assert.ok(item.status === 'uploaded');
      assert.equal(item.file.displayName, name, 'the display name is the file name, unchanged');
      const row = fileNodes(await (await hooks()).tree.getChildren()).find((node) => node.file.fileId === item.file.fileId);
      assert.equal(row && (await hooks()).tree.getTreeItem(row).label, name);
      await waitFor('the summary', () => stub.messages.length > 0);
      const text = stub.messages[0].text;
      assert.ok(!text.includes('](command:'), `no link can be made: ${text}`);
      assert.ok(!text.includes('$(alert)'), `no icon can be made: ${text}`);
      assert.ok(text.includes('<img src=x onerror=alert(1)>'), text);
    } finally {
      stub.restore();
    }
  });

  it('the status-bar item asks for a key when none is set, and shows the connection once one is', async () => {
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await app.session.client();
    const noKey = await waitFor('the no-key state', () => {
      const view = hooksOf.statusItem();
      return view.command === 'videogen.setApiKey' ? view : undefined;
    });
    assert.match(noKey.tooltip, /No VideoGen API key is set/);
    assert.match(noKey.text, /^\$\(key\) VideoGen \(127\.0\.0\.1:\d+\)$/);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    await app.session.client();
    const ready = await waitFor('the connected state', () => {
      const view = hooksOf.statusItem();
      return view.command === 'videogen.showLog' && /Connected/.test(view.tooltip) ? view : undefined;
    });
    assert.equal(ready.label, `Connected to VideoGen at ${serverUrl()}. Click to show the log.`);
  });
});

function hooksStatusCount(h: Awaited<ReturnType<typeof hooks>>): number {
  const match = /(\d+) uploading/.exec(h.statusItem().text);
  return match ? Number(match[1]) : 0;
}
