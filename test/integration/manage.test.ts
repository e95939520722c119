// Managing the library from VS Code (issue 8 §3 and §4), in a real VS Code against the local VideoGen server:
// Archive with its modal confirmation, its failure path (rows back in place, the reason said), archived previews;
// Copy Public Link waiting for the playback id, the link fetched without credentials; the signed-URL warning's
// "Enable Public Preview" button. The modal dialogs are answered through the test hooks (ExtensionMode.Test only).
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { TestHooks } from '../../src/testHooks';
import type { FileNode, TreeNode } from '../../src/tree/nodes';
import { addFile, admin, api, hooks, serverKey, serverUrl, waitFor } from './support';
import type { WireFileInfo } from '../server/model';
import { FakeQuickPick, useFakeQuickPick } from './fakeQuickPick';

const HOSTILE_NAME = '<img src=x onerror=alert(1)> [x](command:videogen.y)';

async function listedIds(): Promise<string[]> {
  const page = await api<{ files: WireFileInfo[] }>('GET', '/v1/files?limit=200');
  return page.files.map((f) => f.fileId);
}

async function archiveRequests(): Promise<string[]> {
  const { requests } = await admin<{ requests: { method: string; path: string }[] }>('GET', 'requests');
  return requests.filter((r) => r.method === 'POST' && r.path.endsWith('/archive')).map((r) => r.path);
}

async function sha256Of(url: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(url, init);
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  return createHash('sha256').update(Buffer.from(await response.arrayBuffer())).digest('hex');
}

type MessageKind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/** Records the (non-modal) notifications and answers them with `answer` when they offer it. */
function captureMessages(answer?: string): { messages: { kind: MessageKind; text: string; items: string[] }[]; restore(): void } {
  const window = vscode.window as unknown as Record<MessageKind, (text: string, ...items: unknown[]) => Thenable<unknown>>;
  const kinds: MessageKind[] = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const originals = kinds.map((kind) => window[kind]);
  const messages: { kind: MessageKind; text: string; items: string[] }[] = [];
  for (const kind of kinds) {
    window[kind] = (text: string, ...items: unknown[]) => {
      const titles = items.filter((i): i is string => typeof i === 'string');
      messages.push({ kind, text, items: titles });
      return Promise.resolve(titles.includes(answer ?? '') ? answer : undefined);
    };
  }
  return { messages, restore: () => kinds.forEach((kind, i) => (window[kind] = originals[i]!)) };
}

/** Answers every modal with the button `pick` chooses, recording the questions. */
function answerModals(testHooks: TestHooks, pick: (buttons: readonly string[]) => string | undefined): { asked: { message: string; buttons: readonly string[] }[]; dispose(): void } {
  const asked: { message: string; buttons: readonly string[] }[] = [];
  const subscription = testHooks.answerModals((message, buttons) => {
    asked.push({ message, buttons });
    return pick(buttons);
  });
  return { asked, dispose: () => subscription.dispose() };
}

/** The flat list of file rows, as the tree has them now. */
async function fileRows(testHooks: TestHooks): Promise<FileNode[]> {
  const roots: TreeNode[] = await testHooks.tree.getChildren();
  return roots.filter((node): node is FileNode => node.kind === 'file');
}

async function rowIds(testHooks: TestHooks): Promise<string[]> {
  return (await fileRows(testHooks)).map((node) => node.file.fileId);
}

async function rowOf(testHooks: TestHooks, fileId: string): Promise<FileNode> {
  return waitFor(`the row of ${fileId}`, async () => (await fileRows(testHooks)).find((node) => node.file.fileId === fileId));
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Manage: archive and public links', function () {
  let testHooks: TestHooks;
  let app: App;
  let groupByBefore: unknown;

  before(async () => {
    testHooks = await hooks();
    app = testHooks.app;
    groupByBefore = vscode.workspace.getConfiguration('videogen').inspect('list.groupBy')?.globalValue;
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('videogen').update('list.groupBy', 'none', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
  });

  beforeEach(async () => {
    await admin('DELETE', 'faults');
    await admin('DELETE', 'requests');
  });

  after(async () => {
    await admin('DELETE', 'faults');
    await admin('POST', 'settings', { publicPlaybackDelayMs: 0 });
    await vscode.workspace.getConfiguration('videogen').update('list.groupBy', groupByBefore, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('videogen').update('publicPreview.confirmBeforePublishing', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  /** Adds files, reloads the tree and waits until their rows show. */
  async function listed(...entries: Record<string, unknown>[]): Promise<WireFileInfo[]> {
    const files: WireFileInfo[] = [];
    for (const entry of entries) files.push(await addFile(entry));
    app.files.refresh();
    for (const file of files) await rowOf(testHooks, file.fileId);
    return files;
  }

  it('asks in a modal naming the file; Cancel archives nothing', async () => {
    const [file] = await listed({ displayName: HOSTILE_NAME, media: 'brand-logo' });
    const modals = answerModals(testHooks, () => undefined);
    try {
      const result = await vscode.commands.executeCommand('videogen.archiveFiles', await rowOf(testHooks, file!.fileId));
      assert.equal(result, undefined);
      assert.equal(modals.asked.length, 1);
      assert.match(modals.asked[0]!.message, /^Archive “<img src=x onerror=alert\(1\)> \[x\]\u200b\(command:videogen\.y\)”\?$/);
      assert.deepEqual(modals.asked[0]!.buttons, ['Archive']);
    } finally {
      modals.dispose();
    }
    assert.deepEqual(await archiveRequests(), []);
    assert.ok((await rowIds(testHooks)).includes(file!.fileId));
  });

  it('archives the selection after a confirmation naming the count: the rows leave at once, before the API answers', async () => {
    const files = await listed(
      { displayName: 'Archive me 1', media: 'brand-logo' },
      { displayName: 'Archive me 2', media: 'hero-photo' },
      { displayName: 'Archive me 3', media: 'podcast-clip' },
    );
    const ids = files.map((f) => f.fileId);
    await admin('POST', 'faults', { route: 'POST /v1/files/*/archive', latencyMs: 1500 });
    const modals = answerModals(testHooks, (buttons) => buttons[0]);
    try {
      const nodes = await Promise.all(ids.map((id) => rowOf(testHooks, id)));
      const running = vscode.commands.executeCommand<{ archived: string[]; failed: string[] }>('videogen.archiveFiles', nodes[0], nodes);
      await waitFor('the rows to leave the tree', async () => (await rowIds(testHooks)).every((id) => !ids.includes(id)));
      assert.ok((await listedIds()).some((id) => ids.includes(id)), 'the rows left before the server archived them');
      const result = await running;
      assert.deepEqual(modals.asked.map((a) => a.message), ['Archive 3 files?']);
      assert.deepEqual([...result.archived].sort(), [...ids].sort());
      assert.deepEqual(result.failed, []);
    } finally {
      modals.dispose();
    }
    const stillListed = await listedIds();
    assert.ok(ids.every((id) => !stillListed.includes(id)), 'the server no longer lists them');
    assert.equal((await archiveRequests()).length, 3);
    assert.ok(ids.every((id) => app.store.isArchived(id)));
  });

  it('a failed archive puts the row back where it was and the summary names it with the reason', async () => {
    const files = await listed(
      { displayName: 'Keep order A', media: 'brand-logo' },
      { displayName: 'Keep order B (fails)', media: 'hero-photo' },
      { displayName: 'Keep order C', media: 'ai-mountain' },
    );
    const [a, b, c] = files;
    const before = await rowIds(testHooks);
    const placeOfB = before.indexOf(b!.fileId);
    await admin('POST', 'faults', { route: `POST /v1/files/${b!.fileId}/archive`, status: 500, message: 'Disk on fire.' });
    const modals = answerModals(testHooks, (buttons) => buttons[0]);
    const captured = captureMessages();
    try {
      const nodes = await Promise.all(files.map((f) => rowOf(testHooks, f.fileId)));
      const result = await vscode.commands.executeCommand<{ archived: string[]; failed: string[] }>('videogen.archiveFiles', nodes[1], nodes);
      assert.deepEqual(result.failed, [b!.fileId]);
      const after = await rowIds(testHooks);
      assert.ok(!after.includes(a!.fileId) && !after.includes(c!.fileId));
      const expected = before.filter((id) => id !== a!.fileId && id !== c!.fileId);
      assert.deepEqual(after, expected, 'B is back in its place among the other rows');
      assert.equal(after.indexOf(b!.fileId), expected.indexOf(b!.fileId));
      assert.ok(placeOfB >= 0);
      const summary = await waitFor('the summary', () => captured.messages.find((m) => m.text.startsWith('Archived 2 of 3')));
      assert.equal(summary.kind, 'showWarningMessage');
      assert.match(summary.text, /^Archived 2 of 3; 1 failed: “Keep order B \(fails\)”: VideoGen had a problem \(500\): Disk on fire\./);
      assert.deepEqual(summary.items, ['Show Log']);
      assert.equal(app.store.isArchived(b!.fileId), false);
    } finally {
      captured.restore();
      modals.dispose();
    }
    assert.ok((await listedIds()).includes(b!.fileId), 'the server still lists it');
  });

  it('a single failure is reported through the error classifier and the row comes back', async () => {
    const [file] = await listed({ displayName: 'Limited archive', media: 'brand-logo' });
    await admin('POST', 'faults', { route: `POST /v1/files/${file!.fileId}/archive`, status: 429, retryAfterSeconds: 120 });
    const modals = answerModals(testHooks, (buttons) => buttons[0]);
    const captured = captureMessages();
    try {
      await vscode.commands.executeCommand('videogen.archiveFiles', file!.fileId);
      const error = await waitFor('the error', () => captured.messages.find((m) => m.kind === 'showErrorMessage'));
      assert.match(error.text, /^Could not archive “Limited archive”: VideoGen's limit for file requests was reached until/);
      await rowOf(testHooks, file!.fileId);
    } finally {
      captured.restore();
      modals.dispose();
    }
  });

  it('an open preview of an archived file says so, without actions; it comes back if the archive fails', async () => {
    const [kept, gone] = await listed({ displayName: 'Preview survives', media: 'hero-photo' }, { displayName: 'Preview archived', media: 'brand-logo' });
    await vscode.commands.executeCommand('videogen.openPreview', gone!.fileId);
    await waitFor('the preview to load', () => testHooks.previewState(gone!.fileId)?.status.kind === 'ready');
    await admin('POST', 'faults', { route: `POST /v1/files/${kept!.fileId}/archive`, status: 503, latencyMs: 800 });
    await vscode.commands.executeCommand('videogen.openPreview', kept!.fileId);
    await waitFor('the second preview to load', () => testHooks.previewState(kept!.fileId)?.status.kind === 'ready');
    const modals = answerModals(testHooks, (buttons) => buttons[0]);
    const captured = captureMessages();
    try {
      const running = vscode.commands.executeCommand('videogen.archiveFiles', [gone!.fileId, kept!.fileId]);
      const archived = await waitFor('the archived state', () => {
        const state = testHooks.previewState(gone!.fileId);
        return state?.status.kind === 'notice' ? state : undefined;
      });
      assert.ok(archived.status.kind === 'notice');
      assert.equal(archived.status.message, '“Preview archived” was archived: it is no longer in your VideoGen library.');
      assert.deepEqual(archived.model?.actions, []);
      const meanwhile = testHooks.previewState(kept!.fileId);
      assert.ok(meanwhile?.status.kind === 'notice', 'the other preview says archived while its archive is in flight');
      await running;
      await waitFor('the failed one to come back', () => testHooks.previewState(kept!.fileId)?.status.kind === 'ready');
      assert.ok((testHooks.previewState(kept!.fileId)?.model?.actions.length ?? 0) > 0);
      assert.equal(testHooks.previewState(gone!.fileId)?.status.kind, 'notice', 'the archived one stays archived');
    } finally {
      captured.restore();
      modals.dispose();
    }
  });

  it('Copy Public Link asks once, enables, waits for the playback id, and copies a link that works without credentials', async function () {
    this.timeout(30_000);
    await admin('POST', 'settings', { publicPlaybackDelayMs: 2500 });
    const [video] = await listed({ displayName: 'Public link video', media: 'launch-teaser', urls: 'fresh' });
    assert.equal(video!.isPublicPreviewEnabled, false);
    await vscode.env.clipboard.writeText('before');
    const modals = answerModals(testHooks, (buttons) => buttons.find((b) => b === 'Publish and Copy Link'));
    const started = Date.now();
    let copied: string | undefined;
    try {
      copied = await vscode.commands.executeCommand<string>('videogen.copyPublicLink', await rowOf(testHooks, video!.fileId));
    } finally {
      modals.dispose();
    }
    assert.deepEqual(modals.asked.map((a) => a.message), ['Turn on public preview for “Public link video”?']);
    assert.deepEqual(modals.asked[0]!.buttons, ['Publish and Copy Link', "Publish, Don't Ask Again"]);
    assert.ok(Date.now() - started >= 2400, `waited ${Date.now() - started} ms for the playback id`);
    const stored = await api<WireFileInfo>('GET', `/v1/files/${video!.fileId}`);
    assert.ok(stored.publicPlaybackId?.startsWith('vg_play_'), 'the playback id exists when the link is copied');
    assert.equal(copied, stored.staticPublicPreviewSource?.url);
    assert.equal(await vscode.env.clipboard.readText(), copied);
    assert.ok(app.store.get(video!.fileId)?.publicPlaybackId, 'the store (and so the views) has the playback id');
    const hydrated = await api<WireFileInfo>('POST', `/v1/files/${video!.fileId}/hydrate`);
    assert.equal(await sha256Of(copied!, { credentials: 'omit' }), await sha256Of(hydrated.downloadSource!.url!), 'the public link serves the file’s bytes');
  });

  it('Copy Public Link on several files: one link per line, in order; “Don’t ask again” turns the setting off', async function () {
    this.timeout(30_000);
    await admin('POST', 'settings', { publicPlaybackDelayMs: 0 });
    const files = await listed(
      { displayName: 'Links 1', media: 'brand-logo' },
      { displayName: 'Links 2', media: 'podcast-clip', publicPreview: true },
      { displayName: 'Links 3', media: 'hero-photo' },
    );
    const modals = answerModals(testHooks, (buttons) => buttons[1]);
    let copied: string | undefined;
    try {
      const nodes = await Promise.all(files.map((f) => rowOf(testHooks, f.fileId)));
      copied = await vscode.commands.executeCommand<string>('videogen.copyPublicLink', nodes[0], nodes);
    } finally {
      modals.dispose();
    }
    assert.deepEqual(modals.asked.map((a) => a.message), ['Turn on public preview for 2 files?']);
    const expected = await Promise.all(files.map(async (f) => (await api<WireFileInfo>('GET', `/v1/files/${f.fileId}`)).staticPublicPreviewSource?.url));
    assert.equal(copied, expected.join('\n'));
    assert.equal(vscode.workspace.getConfiguration('videogen').get('publicPreview.confirmBeforePublishing'), false);
    const [another] = await listed({ displayName: 'Links 4', media: 'ai-mountain' });
    const silent = answerModals(testHooks, () => undefined);
    try {
      const link = await vscode.commands.executeCommand<string>('videogen.copyPublicLink', another!.fileId);
      assert.ok(link?.includes(another!.fileId));
      assert.equal(silent.asked.length, 0, 'not asked again');
    } finally {
      silent.dispose();
      await vscode.workspace.getConfiguration('videogen').update('publicPreview.confirmBeforePublishing', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('the preview toolbar switches public preview and its details show the state', async () => {
    const [image] = await listed({ displayName: 'Toolbar public', media: 'ai-mountain' });
    await vscode.commands.executeCommand('videogen.openPreview', image!.fileId);
    const off = await waitFor('the preview', () => (testHooks.previewState(image!.fileId)?.status.kind === 'ready' ? testHooks.previewState(image!.fileId) : undefined));
    assert.ok(off.model?.actions.includes('enablePublicPreview') && off.model.actions.includes('copyPublicLink'));
    assert.equal(off.model?.details.find((d) => d.label === 'Public preview')?.value, 'Off');
    await testHooks.deliverToPreview(image!.fileId, { type: 'action', action: 'enablePublicPreview' });
    const on = await waitFor('public preview on', () => {
      const state = testHooks.previewState(image!.fileId);
      return state?.model?.actions.includes('disablePublicPreview') ? state : undefined;
    });
    assert.equal(on.model?.details.find((d) => d.label === 'Public preview')?.value, 'On: anyone with the link can open it');
    assert.equal((await api<WireFileInfo>('GET', `/v1/files/${image!.fileId}`)).isPublicPreviewEnabled, true);
    const row = await rowOf(testHooks, image!.fileId);
    const item = testHooks.tree.getTreeItem(row);
    assert.match(String(item.description), /public/);
    await testHooks.deliverToPreview(image!.fileId, { type: 'action', action: 'disablePublicPreview' });
    await waitFor('public preview off', () => testHooks.previewState(image!.fileId)?.model?.actions.includes('enablePublicPreview'));
    assert.equal((await api<WireFileInfo>('GET', `/v1/files/${image!.fileId}`)).isPublicPreviewEnabled, false);
  });

  it('the signed-URL warning after Insert as… offers Enable Public Preview, which puts permanent URLs in place', async function () {
    this.timeout(30_000);
    const [image] = await listed({ displayName: 'Insert then publish', media: 'hero-photo', urls: 'fresh' });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    const captured = captureMessages('Enable Public Preview');
    try {
      const inserted = await vscode.commands.executeCommand<string>('videogen.insertAs', image!.fileId, 'markdown-image');
      assert.match(inserted ?? '', /expires=/, 'a signed URL went in first');
      const warning = await waitFor('the warning', () => captured.messages.find((m) => m.text.includes('is signed')));
      assert.deepEqual(warning.items, ['Enable Public Preview']);
      const stored = await waitFor('public preview on', async () => {
        const file = await api<WireFileInfo>('GET', `/v1/files/${image!.fileId}`);
        return file.staticPublicPreviewSource?.url ? file : undefined;
      });
      const permanent = stored.staticPublicPreviewSource!.url!;
      await waitFor('the permanent URL in the document', () => document.getText().includes(permanent));
      assert.ok(!document.getText().includes('expires='), 'the signed URL is gone');
      const signed = /\((http[^ )]+)/.exec(inserted!)![1]!;
      assert.equal(document.getText(), inserted!.replace(signed, permanent));
    } finally {
      captured.restore();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('pickers leave archived files out, even when the id is pasted (GET still answers for them)', async () => {
    const [file] = await listed({ displayName: 'Picker archived', media: 'brand-logo' });
    const modals = answerModals(testHooks, (buttons) => buttons[0]);
    try {
      await vscode.commands.executeCommand('videogen.archiveFiles', file!.fileId);
    } finally {
      modals.dispose();
    }
    app.store.put(await api('GET', `/v1/files/${file!.fileId}`));
    assert.equal(app.store.get(file!.fileId), undefined, 'a later GET answer does not bring it back');
    const fake = new FakeQuickPick();
    const restore = useFakeQuickPick(fake);
    try {
      const picking = vscode.commands.executeCommand('videogen.openPreview');
      await waitFor('the first page in the picker', () => fake.items.length > 0 && !fake.busy);
      assert.ok(!fake.items.some((item) => item.file?.fileId === file!.fileId), 'not in the listed page');
      fake.type(file!.fileId);
      await waitFor('the pasted id to be answered', () => !fake.busy);
      assert.ok(!fake.items.some((item) => item.file?.fileId === file!.fileId), 'not found by its id');
      fake.hide();
      await picking;
    } finally {
      restore();
    }
  });
});

