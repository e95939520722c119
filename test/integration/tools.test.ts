// The language-model tools in a real VS Code, invoked as any chat participant or extension would
// (`vscode.lm.invokeTool`, no model needed): each returns what it promises, never a signed URL or the key; the insert
// tool inserts at the cursor and the upload tool uploads a workspace file to the local server, after the
// confirmation (recorded here: VS Code asks it in a modal the extension host cannot click).
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { ToolConfirmation } from '../../src/tools/confirmations';
import { serverSourceDir } from '../server/server';
import type { WireFileInfo } from '../server/model';
import { addFile, admin, api, hooks, serverKey, serverUrl, waitFor } from './support';

const HOSTILE_NAME = '<img src=x onerror=alert(1)> [run](command:videogen.clearApiKey)';
const TOOLS = ['videogen_searchFiles', 'videogen_getFile', 'videogen_insertReference', 'videogen_uploadFile'];

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  const texts = result.content.map((part) => {
    assert.ok(part instanceof vscode.LanguageModelTextPart, `${name} answers text parts`);
    return part.value;
  });
  return texts.join('');
}

/** Nothing a tool answers may carry a signed URL (`expires=…&sig=…` on the local server) or the API key. */
function assertNoSecrets(text: string): void {
  assert.ok(!/[?&]sig=/.test(text), `a signed URL in: ${text}`);
  assert.ok(!/[?&]expires=/.test(text), `a signed URL in: ${text}`);
  assert.ok(!text.includes(serverKey()), 'the API key in a tool result');
}

async function closeEditors(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('Language-model tools', function () {
  this.timeout(60_000);
  let app: App;
  let hero: WireFileInfo; // fresh signed URLs in every answer
  let hostile: WireFileInfo;
  let published: WireFileInfo; // public preview on
  let folder: string;
  let baseUrlBefore: string | undefined;
  let confirmations: ToolConfirmation[];
  let recording: vscode.Disposable;

  before(async () => {
    const testHooks = await hooks();
    app = testHooks.app;
    baseUrlBefore = vscode.workspace.getConfiguration('videogen').inspect<string>('apiBaseUrl')?.globalValue;
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    hero = await addFile({ displayName: 'Tools test zebra crossing', description: 'A zebra crossing a savanna river at dusk.', media: 'launch-teaser', urls: 'fresh' });
    hostile = await addFile({ displayName: HOSTILE_NAME, description: 'A zebra portrait in profile.', media: 'ai-mountain', urls: 'fresh' });
    published = await addFile({ displayName: 'Tools test published', media: 'product-shot', urls: 'fresh', publicPreview: true });
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the tests run with a workspace folder');
    folder = path.join(root, 'tools-test');
    mkdirSync(folder, { recursive: true });
    confirmations = [];
    recording = testHooks.recordToolConfirmations((confirmation) => confirmations.push(confirmation));
  });

  after(async () => {
    recording.dispose();
    await closeEditors();
    rmSync(folder, { recursive: true, force: true });
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await admin('POST', 'reset');
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', baseUrlBefore, vscode.ConfigurationTarget.Global);
  });

  beforeEach(() => {
    confirmations.length = 0;
  });

  it('lists the four tools in vscode.lm.tools, each with an input schema', () => {
    const listed = vscode.lm.tools.filter((tool) => tool.name.startsWith('videogen_'));
    assert.deepEqual(listed.map((tool) => tool.name).sort(), [...TOOLS].sort());
    for (const tool of listed) {
      assert.ok(tool.description.length > 80, `${tool.name} has a model description`);
      const schema = tool.inputSchema as { type: string; required: string[] };
      assert.equal(schema.type, 'object');
      assert.ok(schema.required.length > 0, `${tool.name} says which input it requires`);
    }
  });

  it('searchFiles: ids, names, types, descriptions and durations through the one search, filtered by type', async () => {
    const before = app.search.requestCount;
    const text = await invoke('videogen_searchFiles', { query: 'zebra', count: 5 });
    assertNoSecrets(text);
    const answer = JSON.parse(text) as { query: string; results: Array<{ id: string; name: string; type: string; description: string; durationSeconds: number | null }> };
    assert.equal(answer.query, 'zebra');
    const ids = answer.results.map((hit) => hit.id);
    assert.ok(ids.includes(hero.fileId) && ids.includes(hostile.fileId), text);
    const heroHit = answer.results.find((hit) => hit.id === hero.fileId)!;
    assert.deepEqual([heroHit.name, heroHit.type, heroHit.description], ['Tools test zebra crossing', 'VIDEO', 'A zebra crossing a savanna river at dusk.']);
    assert.ok(typeof heroHit.durationSeconds === 'number' && heroHit.durationSeconds > 0, 'a video has its duration');
    assert.equal(answer.results.find((hit) => hit.id === hostile.fileId)!.name, HOSTILE_NAME, 'a hostile name is data, unchanged');
    assert.equal(app.search.requestCount, before + 1, 'one search request, through app.search');

    const videos = JSON.parse(await invoke('videogen_searchFiles', { query: 'zebra', type: 'VIDEO' })) as { results: Array<{ id: string; type: string }> };
    assert.ok(videos.results.length > 0 && videos.results.every((hit) => hit.type === 'VIDEO'));
    assert.ok(!videos.results.some((hit) => hit.id === hostile.fileId), 'the image is filtered out');
    await assert.rejects(invoke('videogen_searchFiles', { query: 'zebra', type: 'HOLOGRAM' }), /Unknown type "HOLOGRAM"\. Use one of: IMAGE, VIDEO/);
  });

  it('getFile: the details and the app page, never a signed URL; the public URL only with public preview on', async () => {
    const text = await invoke('videogen_getFile', { id: hero.fileId });
    assertNoSecrets(text);
    const details = JSON.parse(text) as Record<string, unknown>;
    assert.equal(details.id, hero.fileId);
    assert.equal(details.name, 'Tools test zebra crossing');
    assert.equal(details.type, 'VIDEO');
    assert.equal(details.status, 'ready');
    assert.equal(details.appUrl, `https://app.videogen.io/media?storageFileId=${hero.fileId}`);
    assert.equal(details.publicUrl, null);
    const listed = await api('GET', `/v1/files/${hero.fileId}`);
    assert.ok(listed.downloadSource?.url?.includes('sig='), 'the API answer itself has signed URLs, which the tool left out');

    const publicDetails = JSON.parse(await invoke('videogen_getFile', { id: published.fileId })) as { publicUrl: string | null };
    assert.ok(publicDetails.publicUrl?.startsWith(`${serverUrl()}/public/${published.fileId}/`), JSON.stringify(publicDetails));

    const byLink = JSON.parse(await invoke('videogen_getFile', { id: `https://app.videogen.io/media?storageFileId=${hero.fileId}` })) as { id: string };
    assert.equal(byLink.id, hero.fileId, 'an app link names its file');
    await assert.rejects(invoke('videogen_getFile', { id: 'vg_file_0000000000000000000009' }), /There is no file vg_file_0000000000000000000009 in this VideoGen library/);
    await assert.rejects(invoke('videogen_getFile', { id: 'hero.png' }), /is not a VideoGen file id/);
  });

  it('insertReference: inserts at the cursor of the active editor through Insert as…, after a confirmation naming file and document', async () => {
    const target = vscode.Uri.file(path.join(folder, 'scene.ts'));
    writeFileSync(target.fsPath, 'const clip = ;\n');
    const editor = await vscode.window.showTextDocument(target);
    editor.selection = new vscode.Selection(0, 13, 0, 13);
    const text = await invoke('videogen_insertReference', { id: hero.fileId });
    assert.equal(editor.document.lineAt(0).text, `const clip = "${hero.fileId}";`);
    const answer = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual(
      [answer.inserted, answer.id, answer.format, answer.document, answer.line, answer.text],
      [true, hero.fileId, 'quoted-id', 'tools-test/scene.ts', 1, `"${hero.fileId}"`],
    );
    assert.deepEqual(confirmations.map((c) => c.tool), ['videogen_insertReference']);
    assert.equal(confirmations[0]!.message, `Insert a reference to “Tools test zebra crossing” (${hero.fileId}) at the cursor in tools-test/scene.ts?`);
    assert.equal(app.remembered.recentlyInserted()[0], hero.fileId, 'recorded as recently inserted');

    const url = await invoke('videogen_insertReference', { id: hero.fileId, format: 'quoted-url' });
    assertNoSecrets(url);
    assert.ok(editor.document.getText().includes('sig='), 'the signed URL went into the document, as Insert as… puts it');
    assert.equal((JSON.parse(url) as { text: unknown }).text, null, 'and stays out of the result');

    await assert.rejects(
      invoke('videogen_insertReference', { id: hero.fileId, format: 'markdown-image' }),
      /The format "markdown-image" is not offered for this file in a typescript document\. Offered formats: .*quoted-id/,
    );
  });

  it('insertReference: a hostile name stays text in the confirmation', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }));
    await invoke('videogen_insertReference', { id: hostile.fileId, format: 'id' });
    assert.equal(editor.document.getText(), hostile.fileId);
    const { message } = confirmations[0]!;
    assert.ok(message.startsWith('Insert a reference to “<img src=x onerror=alert(1)> [run]\u200b(command:'), message);
    assert.ok(!message.includes(']('), `no link syntax left in: ${message}`);
  });

  it('uploadFile: uploads a workspace file to the local server after a confirmation; refuses paths outside and unsupported types', async () => {
    copyFileSync(path.join(serverSourceDir(), 'media', 'brand-logo.png'), path.join(folder, 'Tool logo.png'));
    const text = await invoke('videogen_uploadFile', { path: 'tools-test/Tool logo.png' });
    assertNoSecrets(text);
    const answer = JSON.parse(text) as { uploaded: boolean; id: string; name: string; type: string; path: string };
    assert.deepEqual([answer.uploaded, answer.name, answer.type, answer.path], [true, 'Tool logo.png', 'IMAGE', 'tools-test/Tool logo.png']);
    assert.equal((await api('GET', `/v1/files/${answer.id}`)).displayName, 'Tool logo.png', 'the server has it');
    assert.deepEqual(confirmations.map((c) => [c.tool, c.message]), [['videogen_uploadFile', 'Upload tools-test/Tool logo.png from the workspace to your VideoGen library?']]);
    await waitFor('the new file in the store', () => app.store.get(answer.id));

    writeFileSync(path.join(folder, 'notes.txt'), 'not media');
    await assert.rejects(invoke('videogen_uploadFile', { path: 'tools-test/notes.txt' }), /\.txt files are not accepted as VideoGen media\. VideoGen takes these file types: png, jpg/);
    await assert.rejects(invoke('videogen_uploadFile', { path: '../outside.png' }), /is outside the workspace folders/);
    await assert.rejects(invoke('videogen_uploadFile', { path: '/etc/hostname.png' }), /is outside the workspace folders/);
    await assert.rejects(invoke('videogen_uploadFile', { path: 'tools-test/missing.png' }), /There is no file tools-test\/missing\.png in the workspace/);
  });
});
