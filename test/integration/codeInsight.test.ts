// References in code (issue 9 §1, §3) through VS Code's own provider commands: the hover over ids and URLs in
// TypeScript and Markdown (hostile names stay text, command links trusted for our commands only), Ctrl/Cmd-click
// links, dead-reference warnings with their quick fix, and what it all costs in requests (the local server's log).
import { strict as assert } from 'node:assert';
import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { TestHooks } from '../../src/testHooks';
import { HOVER_COMMANDS } from '../../src/codeInsight/hover';
import type { RequestLogEntry } from '../server/http';
import type { WireFileInfo } from '../server/model';
import { FakeQuickPick, useFakeQuickPick } from './fakeQuickPick';
import { addFile, admin, hooks, serverKey, serverUrl, waitFor } from './support';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const FILE_GET = /^\/v1\/files\/(vg_file_[0-9A-Za-z]{22})$/;

/** An id no library has: fresh for each use, so no answer from an earlier test covers it. */
function madeUpId(): string {
  let id = 'vg_file_';
  for (let i = 0; i < 22; i++) id += BASE62[randomInt(BASE62.length)];
  return id;
}

async function requests(): Promise<RequestLogEntry[]> {
  return (await admin<{ requests: RequestLogEntry[] }>('GET', 'requests')).requests;
}

/** GET /v1/files/{id} requests in the log, by id. */
async function fileGets(): Promise<string[]> {
  return (await requests()).filter((r) => r.method === 'GET').flatMap((r) => FILE_GET.exec(r.path)?.[1] ?? []);
}

function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

/** The hover's Markdown with API text's character references read back (what the reader sees). */
function readable(markdown: string): string {
  return markdown.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

describe('Code insight: hovers, links and dead references', function () {
  this.timeout(60_000);
  let testHooks: TestHooks;
  let app: App;
  let folder: string;
  let image: WireFileInfo;
  let hostile: WireFileInfo;
  let video: WireFileInfo;

  async function setSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('videogen').update(key, value, vscode.ConfigurationTarget.Global);
  }

  async function openFile(name: string, content: string): Promise<vscode.TextEditor> {
    const file = path.join(folder, name);
    fs.writeFileSync(file, content);
    const document = await vscode.workspace.openTextDocument(file);
    return vscode.window.showTextDocument(document);
  }

  async function hoverAt(document: vscode.TextDocument, text: string, delta = 3): Promise<vscode.Hover | undefined> {
    const offset = document.getText().indexOf(text);
    assert.ok(offset >= 0, `${text} is in the document`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + delta));
    return hovers.find((h) => /VideoGen/.test(hoverText(h)));
  }

  function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'VideoGen');
  }

  before(async () => {
    testHooks = await hooks();
    app = testHooks.app;
    await admin('POST', 'reset');
    await setSetting('apiBaseUrl', serverUrl());
    await setSetting('references.checkFiles', undefined);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the harness opens a workspace folder');
    folder = path.join(workspace.uri.fsPath, 'code-insight');
    fs.mkdirSync(folder, { recursive: true });
    image = await addFile({ displayName: 'Insight hero.png', media: 'hero-photo', urls: 'fresh' });
    hostile = await addFile({ displayName: HOSTILE_NAME, media: 'ai-mountain', urls: 'fresh' });
    video = await addFile({ displayName: 'Insight teaser', media: 'launch-teaser', urls: 'fresh', publicPreview: true });
  });

  beforeEach(async () => {
    await admin('DELETE', 'requests');
  });

  afterEach(async () => {
    await admin('DELETE', 'faults');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await setSetting('references.checkFiles', undefined);
    await vscode.commands.executeCommand('videogen.clearApiKey');
    fs.rmSync(folder, { recursive: true, force: true });
    await admin('POST', 'reset');
  });

  describe('hover', () => {
    it('over an id in a TypeScript string shows the thumbnail as a data: URI, the name, type, facts, and links to our commands only', async () => {
      const editor = await openFile('hero.ts', `// the hero image\nexport const hero = '${image.fileId}';\n`);
      assert.ok(await hoverAt(editor.document, image.fileId), 'a VideoGen hover');
      // The first hover starts the thumbnail's download; it shows once on disk (at once when it is quick enough).
      const heroFile = app.store.get(image.fileId)!;
      await waitFor('the thumbnail on disk', () => app.thumbnails.peek(heroFile.fileId));
      const hover = await hoverAt(editor.document, image.fileId);
      assert.ok(hover, 'a VideoGen hover');
      const text = hoverText(hover);
      assert.match(text, /!\[Thumbnail\]\(data:image\/jpeg;base64,[A-Za-z0-9+/=]+\|height=96\)/);
      assert.match(readable(text), /\*\*Insight hero\.png\*\*/);
      assert.match(readable(text), /Image · 800×450 · [\d.]+ KB/);
      for (const command of ['videogen.openPreview', 'videogen.copyDownloadUrl', 'videogen.insertAs', 'videogen.openInVideoGen']) {
        assert.ok(text.includes(`(command:${command}?${encodeURIComponent(JSON.stringify([image.fileId]))}`), `a ${command} link`);
      }
      const markdown = hover.contents[0] as vscode.MarkdownString;
      assert.deepEqual(markdown.isTrusted, { enabledCommands: [...HOVER_COMMANDS] }, 'trusted for our commands, never isTrusted: true');
      assert.equal(markdown.supportHtml, false);
      const line = editor.document.lineAt(1).text;
      assert.deepEqual([hover.range?.start.character, hover.range?.end.character], [line.indexOf(image.fileId), line.indexOf(image.fileId) + image.fileId.length]);
    });

    it('over an id in Markdown keeps a hostile name as text', async () => {
      const editor = await openFile('hostile.md', `# Notes\n\nThe mountain: ${hostile.fileId}\n`);
      const text = hoverText((await hoverAt(editor.document, hostile.fileId))!);
      assert.ok(!text.includes('<img'), `no HTML from the name: ${text}`);
      assert.ok(text.includes('&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;'), 'the name, escaped');
    });

    it('over a URL that names a file: an app media link, and a public HLS URL of a file the window knows', async () => {
      const client = await app.session.requireClient();
      const known = app.store.put(await client.getFile(video.fileId))[0]!;
      assert.ok(known.publicHlsUrl);
      const appLink = `https://app.videogen.io/media?storageFileId=${image.fileId}`;
      const editor = await openFile('links.md', `[page](${appLink})\n\nstream: ${known.publicHlsUrl}\n`);
      await admin('DELETE', 'requests');
      const onLink = (await hoverAt(editor.document, appLink, 12))!;
      assert.match(hoverText(onLink), /Insight hero/);
      assert.equal(onLink.range?.start.character, editor.document.lineAt(0).text.indexOf(appLink), 'the hover covers the whole URL');
      const onStream = (await hoverAt(editor.document, known.publicHlsUrl, 20))!;
      assert.match(hoverText(onStream), /Insight teaser/);
      assert.match(hoverText(onStream), /command:videogen\.copyPublicPreviewUrl/, 'a public file copies its permanent URL');
      assert.deepEqual(await fileGets(), [], 'known files cost no request');
    });

    it('says plainly that an unknown id is not in the library, after one GET, and asks no more on the next hover', async () => {
      const missing = madeUpId();
      const editor = await openFile('missing.txt', `asset: ${missing}\n`);
      const first = hoverText((await hoverAt(editor.document, missing))!);
      assert.ok(readable(first).includes(`${missing} is not in your VideoGen library.`), first);
      await hoverAt(editor.document, missing);
      assert.deepEqual((await fileGets()).filter((id) => id === missing), [missing]);
    });

    it('says so when a file was archived from this window', async () => {
      const doomed = await addFile({ displayName: 'Insight doomed', media: 'brand-logo', urls: 'fresh' });
      const modals = testHooks.answerModals((_message, buttons) => buttons.find((b) => /Archive/.test(b)));
      try {
        await vscode.commands.executeCommand('videogen.archiveFiles', doomed.fileId);
      } finally {
        modals.dispose();
      }
      await waitFor('the archive', () => app.store.isArchived(doomed.fileId));
      const editor = await openFile('archived.ts', `const logo = "${doomed.fileId}";\n`);
      const text = hoverText((await hoverAt(editor.document, doomed.fileId))!);
      assert.ok(readable(text).includes('“Insight doomed” was archived: it is no longer in your VideoGen library.'), text);
    });

    it('without an API key says how to set one, and sends nothing', async () => {
      const unknown = madeUpId();
      await vscode.commands.executeCommand('videogen.clearApiKey');
      try {
        await admin('DELETE', 'requests');
        const editor = await openFile('nokey.ts', `const x = '${unknown}';\n`);
        const text = hoverText((await hoverAt(editor.document, unknown))!);
        assert.match(readable(text), /set an API key to see what this file is/);
        assert.match(text, /\(command:videogen\.setApiKey\?/);
        assert.deepEqual(ourDiagnostics(editor.document.uri), []);
        assert.deepEqual(await requests(), [], 'no request without a key');
      } finally {
        await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
      }
    });

    it('on a network error shows a short line', async () => {
      const unknown = madeUpId();
      await setSetting('references.checkFiles', false); // the warnings' own failure handling is tested below
      try {
        await admin('POST', 'faults', { route: `GET /v1/files/${unknown}`, reset: true });
        const editor = await openFile('offline.ts', `const x = '${unknown}';\n`);
        const text = hoverText((await hoverAt(editor.document, unknown))!);
        assert.match(readable(text), /VideoGen could not look up this file: /);
        assert.equal(text.split('\n').length, 1, 'one short line');
      } finally {
        await setSetting('references.checkFiles', undefined);
      }
    });
  });

  describe('links', () => {
    it('makes each id outside a URL a link that opens its preview, with a tooltip', async () => {
      const appLink = `https://app.videogen.io/media?storageFileId=${video.fileId}`;
      const editor = await openFile('linked.ts', `const a = "${image.fileId}";\n// ${appLink}\nconst b = ['${hostile.fileId}'];\n`);
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
      const ours = links.filter((l) => l.target?.scheme === 'command');
      assert.deepEqual(
        ours.map((l) => editor.document.getText(l.range)),
        [image.fileId, hostile.fileId],
      );
      assert.equal(ours[0]!.tooltip, 'Open VideoGen preview');
      const target = ours[0]!.target!;
      assert.equal(target.path, 'videogen.openFileById');
      const args = JSON.parse(target.query) as unknown[];
      assert.deepEqual(args, [image.fileId]);
      await vscode.commands.executeCommand(target.path, ...args);
      await waitFor('the preview', () => testHooks.previewState(image.fileId));
    });
  });

  describe('dead references', () => {
    it('warns on an id the API answers 404 for, once, and offers Replace with…, which swaps the id in one undoable edit', async () => {
      const missing = madeUpId();
      const editor = await openFile('dead.ts', `const ok = '${image.fileId}';\nconst dead = '${missing}';\n`);
      const [warning] = await waitFor('the warning', () => (ourDiagnostics(editor.document.uri).length > 0 ? ourDiagnostics(editor.document.uri) : undefined));
      assert.equal(ourDiagnostics(editor.document.uri).length, 1, 'only the dead id');
      assert.equal(warning!.message, `VideoGen file not found: ${missing}`);
      assert.equal(warning!.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(warning!.code, 'missingFile');
      assert.equal(editor.document.getText(warning!.range), missing);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, warning!.range);
      const fix = actions.find((a) => a.title === 'Replace with…');
      assert.ok(fix, `a Replace with… quick fix among ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.equal(fix.command?.command, 'videogen.replaceFileReference');

      const picker = new FakeQuickPick();
      const restore = useFakeQuickPick(picker);
      try {
        const done = vscode.commands.executeCommand<boolean>(fix.command!.command, ...(fix.command!.arguments ?? []));
        const item = await waitFor('the file in the picker', () => picker.items.find((i) => i.file?.fileId === hostile.fileId));
        picker.accept(item);
        assert.equal(await done, true);
      } finally {
        restore();
      }
      assert.equal(editor.document.lineAt(1).text, `const dead = '${hostile.fileId}';`);
      await waitFor('the warning to go', () => ourDiagnostics(editor.document.uri).length === 0);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.lineAt(1).text, `const dead = '${missing}';`, 'one undo brings the old id back');
      assert.deepEqual((await fileGets()).filter((id) => id === missing), [missing], 'one GET for the dead id');
    });

    it('redraws at once, without a request, when a referenced file is archived and when it joins again; clears on close', async () => {
      const file = await addFile({ displayName: 'Insight archived later', media: 'brand-logo', urls: 'fresh' });
      app.store.put(await (await app.session.requireClient()).getFile(file.fileId));
      const editor = await openFile('follow.md', `![logo](${file.fileId})\n`);
      await admin('DELETE', 'requests');
      app.store.remove(file.fileId, { reason: 'archived' });
      const [warning] = await waitFor('the archived warning', () => (ourDiagnostics(editor.document.uri).length > 0 ? ourDiagnostics(editor.document.uri) : undefined));
      assert.equal(warning!.code, 'archivedFile');
      assert.match(warning!.message, /^VideoGen file not found: vg_file_\w+ was archived/);
      app.store.put(app.store.get(file.fileId) ?? { ...(await (await app.session.requireClient()).getFile(file.fileId)) }, { joinedLibrary: true });
      await waitFor('the warning to go', () => ourDiagnostics(editor.document.uri).length === 0);
      assert.deepEqual((await fileGets()).filter((id) => id === file.fileId).length <= 1, true, 'the store answers');
      app.store.remove(file.fileId);
      await waitFor('the removed warning', () => ourDiagnostics(editor.document.uri)[0]?.code === 'missingFile');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor('the warnings cleared when the document closes', () => ourDiagnostics(editor.document.uri).length === 0);
    });

    it('turns off with videogen.references.checkFiles, clearing the warnings, and comes back without asking again', async () => {
      const missing = madeUpId();
      const editor = await openFile('setting.txt', `${missing}\n`);
      await waitFor('the warning', () => ourDiagnostics(editor.document.uri).length === 1);
      await setSetting('references.checkFiles', false);
      await waitFor('the warnings cleared', () => ourDiagnostics(editor.document.uri).length === 0);
      const other = madeUpId();
      await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), `${other}\n`));
      await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the typing debounce: nothing may be checked
      assert.deepEqual((await fileGets()).filter((id) => id === other), [], 'no checks while off');
      await setSetting('references.checkFiles', true);
      await waitFor('both warnings back', () => ourDiagnostics(editor.document.uri).length === 2);
      assert.deepEqual((await fileGets()).filter((id) => id === missing), [missing], 'the answered id is not asked again');
    });

    it('a document with 50 ids costs at most one GET per unknown id, once, paced by the budget; known ids cost none; editing, scrolling and re-opening repeat nothing', async function () {
      this.timeout(150_000);
      const client = await app.session.requireClient();
      const page = await client.listFiles({ limit: 10 });
      app.store.put(page.files);
      const known = page.files.map((f) => f.fileId);
      assert.equal(known.length, 10);
      const unknown = Array.from({ length: 40 }, madeUpId);
      const ids = [...known, ...unknown].sort(() => randomInt(3) - 1);
      const content = ids.map((id, i) => `export const asset${i} = '${id}'; // ${id}`).join('\n') + '\n';
      await admin('DELETE', 'requests');
      const editor = await openFile('fifty.ts', content);

      // The window's budget is 30 background GETs a minute: the first 30 go, the rest wait for the window.
      await waitFor('the first checks', async () => (await fileGets()).length >= 1, 20_000);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// edited\n'));
      editor.revealRange(new vscode.Range(45, 0, 45, 0));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const reopened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(editor.document.uri));
      await waitFor('30 checks', async () => (await fileGets()).length >= 30, 60_000);
      const firstMinute = await requests();
      const gets = firstMinute.filter((r) => FILE_GET.test(r.path));
      const firstAt = gets[0]!.at;
      assert.ok(gets.filter((r) => r.at < firstAt + 55_000).length <= 30, 'at most 30 GETs in the first minute');

      await waitFor('every unknown id answered', () => ourDiagnostics(reopened.document.uri).length === 80, 120_000);
      const asked = await fileGets();
      assert.deepEqual([...asked].sort(), [...unknown].sort(), 'each unknown id once, the store-known ones never');
      const last = (await requests()).filter((r) => FILE_GET.test(r.path));
      for (let i = 30; i < last.length; i++) assert.ok(last[i]!.at - last[i - 30]!.at >= 57_000, 'never more than 30 in a minute');

      await reopened.edit((edit) => edit.insert(new vscode.Position(0, 0), '// again\n'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(editor.document.uri));
      await waitFor('the warnings drawn from memory', () => ourDiagnostics(editor.document.uri).length === 80);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal((await fileGets()).length, 40, 'nothing asked again');
    });

    it('network errors and 429 are never "not found"', async () => {
      const offline = madeUpId();
      const limited = madeUpId();
      await admin('POST', 'faults', { route: `GET /v1/files/${offline}`, reset: true });
      await admin('POST', 'faults', { route: `GET /v1/files/${limited}`, status: 429, retryAfterSeconds: 1 });
      const editor = await openFile('faults.ts', `const a = '${offline}';\nconst b = '${limited}';\n`);
      await waitFor('both asked', async () => {
        const asked = await fileGets();
        return asked.includes(offline) && asked.includes(limited);
      }, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(ourDiagnostics(editor.document.uri), []);
      await setSetting('references.checkFiles', false); // checks paused after the failures: turning them off and on starts over
    });
  });
});
