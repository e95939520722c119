// Paste and drop into the editor (src/paste): the providers called as VS Code calls them, with a real
// vscode.DataTransfer, against the local server.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { PasteProviders, UploadPasteEdit } from '../../src/paste/providers';
import { serverSourceDir } from '../server/server';
import { admin, hooks, serverKey, serverUrl, waitFor } from './support';

const PNG = fs.readFileSync(path.join(serverSourceDir(), 'media', 'brand-logo.png'));
const HOSTILE_NAME = '<img src=x onerror=alert(1)> $1 ${TM_FILENAME}.png';
const FILE_ID = /vg_file_[0-9A-Za-z]{22}/g;

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

/** A clipboard or OS file: VS Code hands those to providers as items whose asFile() answers. */
class FileItem extends vscode.DataTransferItem {
  constructor(private readonly file: vscode.DataTransferFile) {
    super('');
  }
  override asFile(): vscode.DataTransferFile {
    return this.file;
  }
}

/** An image alone, as a screenshot tool copies it. */
function imageOnly(name: string, bytes: Uint8Array = PNG, mimeType = 'image/png'): vscode.DataTransfer {
  const transfer = new vscode.DataTransfer();
  transfer.set(mimeType, new FileItem({ name, uri: undefined, data: async () => bytes }));
  return transfer;
}

/** An image with text beside it, as a browser or a document editor copies one: VS Code pastes the text by default. */
function pastedImage(name: string, bytes: Uint8Array = PNG, mimeType = 'image/png'): vscode.DataTransfer {
  const transfer = imageOnly(name, bytes, mimeType);
  transfer.set('text/plain', new vscode.DataTransferItem(name));
  return transfer;
}

const automatic: vscode.DocumentPasteEditContext = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };

function token(): vscode.CancellationToken {
  return new vscode.CancellationTokenSource().token;
}

async function serverFileIds(): Promise<Set<string>> {
  const response = await fetch(`${serverUrl()}/v1/files?limit=200`, { headers: { authorization: `Bearer ${serverKey()}` } });
  assert.ok(response.ok, `GET /v1/files answered ${response.status}`);
  const page = (await response.json()) as { files: Array<{ fileId: string }> };
  return new Set(page.files.map((file) => file.fileId));
}

async function requests(): Promise<LoggedRequest[]> {
  return (await admin<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
}

/** What VS Code does with a resolved paste edit: the insert text at every range, then the additional edit. */
async function applyAsVsCode(document: vscode.TextDocument, ranges: readonly vscode.Range[], edit: vscode.DocumentPasteEdit): Promise<void> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  const text = typeof edit.insertText === 'string' ? edit.insertText : edit.insertText.value;
  if (text !== '') for (const range of ranges) workspaceEdit.replace(document.uri, range, text);
  for (const [uri, edits] of edit.additionalEdit?.entries() ?? []) for (const e of edits) workspaceEdit.replace(uri, e.range, e.newText);
  if (workspaceEdit.size > 0) assert.ok(await vscode.workspace.applyEdit(workspaceEdit), 'the edit applies');
}

describe('paste and drop into the editor', function () {
  this.timeout(30_000);
  let app: App;
  let providers: PasteProviders;
  let tempDir: string;

  before(async () => {
    const testHooks = await hooks();
    app = testHooks.app;
    providers = testHooks.paste;
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'videogen-paste-'));
  });

  after(async () => {
    // Every reference these tests hand over is applied, so none is still watched (a watch left over would note
    // its file as inserted, or take it back, in a later suite).
    await waitFor('no reference still awaited', () => providers.watches.size === 0, 3_000);
    await app.remembered.forget(app.remembered.recentlyInserted());
    await vscode.workspace.getConfiguration('videogen').update('insert.defaultFormat', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('editor').update('dropIntoEditor.preferences', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await admin('DELETE', 'faults');
    await admin('POST', 'reset');
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await admin('DELETE', 'faults');
  });

  async function offered(document: vscode.TextDocument, transfer: vscode.DataTransfer, context = automatic): Promise<UploadPasteEdit | undefined> {
    const ranges = [new vscode.Range(0, 0, 0, 0)];
    const edits = await providers.paste.provideDocumentPasteEdits(document, ranges, transfer, context, token());
    assert.ok(!edits || edits.length === 1, 'one edit at most');
    return edits?.[0];
  }

  async function pasteInto(languageId: string, transfer: vscode.DataTransfer): Promise<{ text: string; edit: vscode.DocumentPasteEdit }> {
    const document = await vscode.workspace.openTextDocument({ language: languageId, content: '' });
    const edit = await offered(document, transfer);
    assert.ok(edit, `an edit is offered in ${languageId}`);
    assert.equal(edit.kind.value, 'videogen.upload');
    assert.equal(edit.title, 'Upload to VideoGen and insert reference');
    assert.deepEqual(edit.yieldTo?.map((kind) => kind.value), [''], 'it yields to every other edit');
    assert.equal(edit.insertText, '', 'nothing is uploaded before the edit is chosen');
    const resolved = await providers.paste.resolveDocumentPasteEdit(edit, token());
    await applyAsVsCode(document, edit.ranges, resolved);
    return { text: document.getText(), edit: resolved };
  }

  const referencesByLanguage: ReadonlyArray<[languageId: string, expected: (id: string) => string]> = [
    ['markdown', (id) => id],
    ['html', (id) => id],
    ['typescriptreact', (id) => `"${id}"`],
    ['css', (id) => `"${id}"`],
    ['json', (id) => `"${id}"`],
    ['python', (id) => `"${id}"`],
  ];

  for (const [languageId, expected] of referencesByLanguage) {
    it(`a pasted PNG is uploaded when chosen, and ${languageId} gets what Insert as… inserts by default`, async () => {
      await admin('DELETE', 'requests');
      const { text } = await pasteInto(languageId, pastedImage(`paste-${languageId}.png`));
      const [id] = text.match(FILE_ID) ?? [];
      assert.ok(id, `a file ID in ${JSON.stringify(text)}`);
      assert.equal(text, expected(id));
      // Recently inserted shows it as the edit lands, not at the end of the window a dropped edit is waited for
      await waitFor('the file noted as inserted', () => app.remembered.recentlyInserted()[0] === id, 3_000);
      assert.equal(providers.watches.size, 0, 'the reference arrived: nothing is watched');
      const file = app.store.get(id);
      assert.equal(file?.displayName, `paste-${languageId}.png`);
      assert.equal(file?.type, 'IMAGE');
      assert.ok((await serverFileIds()).has(id), 'the server lists the upload');
      assert.ok((await requests()).some((r) => r.method === 'PUT' && r.path === `/upload/${id}` && r.status === 200), 'the bytes were PUT');
    });
  }

  it('a URL format chosen in videogen.insert.defaultFormat is honoured, with the name as text', async () => {
    await vscode.workspace.getConfiguration('videogen').update('insert.defaultFormat', { markdown: 'markdown-image' }, vscode.ConfigurationTarget.Global);
    try {
      const { text, edit } = await pasteInto('markdown', pastedImage(HOSTILE_NAME));
      assert.match(text, /^!\[.*\]\(<?http:\/\/127\.0\.0\.1:\d+\/.*"vg_file_[0-9A-Za-z]{22}"\)$/);
      assert.ok(text.startsWith('![\\<img src=x onerror=alert(1)\\> \\$1 \\$\\{TM_FILENAME\\}.png]('), `the name is Markdown text: ${text}`);
      assert.equal(typeof edit.insertText, 'string', 'plain text, which VS Code inserts literally (no snippet placeholders)');
    } finally {
      await vscode.workspace.getConfiguration('videogen').update('insert.defaultFormat', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('files copied in the Explorer (text/uri-list) are uploaded from disk, one valid reference per file', async () => {
    const first = path.join(tempDir, 'first.png');
    const second = path.join(tempDir, 'second.jpg');
    fs.writeFileSync(first, PNG);
    fs.copyFileSync(path.join(serverSourceDir(), 'media', 'hero-photo.jpg'), second);
    const transfer = new vscode.DataTransfer();
    const readme = vscode.Uri.file(path.join(tempDir, 'notes.ts'));
    transfer.set('text/uri-list', new vscode.DataTransferItem([vscode.Uri.file(first), readme, vscode.Uri.file(second)].map(String).join('\r\n')));
    const { text } = await pasteInto('typescriptreact', transfer);
    const ids = text.match(FILE_ID) ?? [];
    assert.equal(ids.length, 2, `two references (the .ts file is no media): ${text}`);
    assert.equal(text, `"${ids[0]}",\n"${ids[1]}"`, 'string literals joined as list items');
    assert.deepEqual(ids.map((id) => app.store.get(id)?.displayName), ['first.png', 'second.jpg']);
  });

  it('an image alone is not offered by a normal paste; "Paste As" with our kind uploads at once', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    assert.equal(await offered(document, imageOnly('alone.png')), undefined, 'never applied unasked');
    const pasteAsAnything = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.PasteAs };
    assert.equal(await offered(document, pastedImage('any.png'), pasteAsAnything), undefined, 'Paste As… applies edits unresolved');
    const pasteAsOurs = { only: vscode.DocumentDropOrPasteEditKind.Empty.append('videogen', 'upload'), triggerKind: vscode.DocumentPasteTriggerKind.PasteAs };
    const edit = await offered(document, imageOnly('asked.png'), pasteAsOurs);
    assert.ok(edit);
    const [id] = String(edit.insertText).match(FILE_ID) ?? [];
    assert.equal(edit.insertText, id, 'resolved already');
    assert.equal(app.store.get(id!)?.displayName, 'asked.png');
    await applyAsVsCode(document, edit.ranges, edit);
    assert.equal(document.getText(), id);
  });

  it('each cursor gets its own file when the counts match', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'a\nb' });
    const transfer = new vscode.DataTransfer();
    transfer.set('image/png', new FileItem({ name: 'one.png', uri: undefined, data: async () => PNG }));
    transfer.set('image/jpeg', new FileItem({ name: 'two.jpg', uri: undefined, data: async () => fs.readFileSync(path.join(serverSourceDir(), 'media', 'hero-photo.jpg')) }));
    transfer.set('text/plain', new vscode.DataTransferItem('two images'));
    const ranges = [new vscode.Range(0, 1, 0, 1), new vscode.Range(1, 1, 1, 1)];
    const [edit] = (await providers.paste.provideDocumentPasteEdits(document, ranges, transfer, automatic, token())) ?? [];
    assert.ok(edit);
    const resolved = await providers.paste.resolveDocumentPasteEdit(edit, token());
    await applyAsVsCode(document, ranges, resolved);
    const [one, two] = document.getText().match(FILE_ID) ?? [];
    assert.equal(document.getText(), `a${one}\nb${two}`);
    assert.deepEqual([app.store.get(one!)?.displayName, app.store.get(two!)?.displayName], ['one.png', 'two.jpg']);
  });

  it('an image type VideoGen does not take is refused before anything is sent, and nothing is inserted', async () => {
    await admin('DELETE', 'requests');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'before' });
    const edit = await offered(document, pastedImage('', new Uint8Array([0x49, 0x49, 0x2a, 0x00]), 'image/tiff'));
    assert.ok(edit, 'offered, so that choosing it can say why not');
    const resolved = await providers.paste.resolveDocumentPasteEdit(edit, token());
    await applyAsVsCode(document, edit.ranges, resolved);
    assert.equal(document.getText(), 'before');
    assert.deepEqual((await requests()).filter((r) => r.path.startsWith('/v1/files/upload') || r.path.startsWith('/upload/')), [], 'nothing was sent');
  });

  for (const moment of ['while the bytes are sent', 'while the file is processing'] as const) {
    it(`cancel ${moment} leaves the document unchanged and nothing in the library`, async () => {
      await admin('DELETE', 'requests');
      if (moment === 'while the bytes are sent') await admin('POST', 'faults', { route: 'PUT /upload/*', latencyMs: 5000, times: 1 });
      const name = `cancelled ${moment}.png`;
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'unchanged' });
      const edit = await offered(document, pastedImage(name));
      assert.ok(edit);
      const source = new vscode.CancellationTokenSource();
      const resolving = providers.paste.resolveDocumentPasteEdit(edit, source.token);
      const created = await waitFor('the upload to be created', () => [...app.store.values()].find((file) => file.displayName === name));
      if (moment === 'while the file is processing') {
        await waitFor('the bytes to arrive', async () => (await requests()).some((r) => r.method === 'PUT' && r.path === `/upload/${created.fileId}` && r.status === 200));
      }
      source.cancel();
      const resolved = await resolving;
      await applyAsVsCode(document, edit.ranges, resolved);
      assert.equal(document.getText(), 'unchanged');
      assert.equal(app.store.get(created.fileId), undefined, 'no row');
      await waitFor('the server copy to be archived', async () => !(await serverFileIds()).has(created.fileId));
    });
  }

  it('a drop uploads only when the user made our kind the drop default', async () => {
    const file = path.join(tempDir, 'dropped.png');
    fs.writeFileSync(file, PNG);
    const transfer = (): vscode.DataTransfer => {
      const t = new vscode.DataTransfer();
      t.set('text/uri-list', new vscode.DataTransferItem(vscode.Uri.file(file).toString()));
      return t;
    };
    const document = await vscode.workspace.openTextDocument({ language: 'html', content: '' });
    const position = new vscode.Position(0, 0);
    assert.equal(await providers.drop.provideDocumentDropEdits(document, position, transfer(), token()), undefined, 'VS Code never resolves drop edits');
    await vscode.workspace.getConfiguration('editor').update('dropIntoEditor.preferences', ['videogen.upload'], vscode.ConfigurationTarget.Global);
    const edit = await providers.drop.provideDocumentDropEdits(document, position, transfer(), token());
    assert.ok(edit);
    assert.equal(edit.kind?.value, 'videogen.upload');
    const [id] = String(edit.insertText).match(FILE_ID) ?? [];
    assert.equal(edit.insertText, id);
    assert.equal(app.store.get(id!)?.displayName, 'dropped.png');
    // VS Code inserts it at the drop position
    const dropped = new vscode.WorkspaceEdit();
    dropped.insert(document.uri, position, String(edit.insertText));
    assert.ok(await vscode.workspace.applyEdit(dropped));
    await waitFor('the dropped file noted as inserted', () => app.remembered.recentlyInserted()[0] === id, 3_000);
  });
});
