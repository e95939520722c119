// The file commands (src/commands) inside a real VS Code, against the local VideoGen server: copy commands put
// exactly the right value on the clipboard, insert commands write exactly the right text at every cursor.
// Expected URLs come from the server itself (a plain fetch of GET /v1/files/{id}, which answers the last-signed
// URLs), never from the extension's own client.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import { addFile, admin, api, app as extensionApp, serverKey, serverUrl, waitFor } from './support';
import type { WireFileInfo, WireFileSource } from '../server/model';
import { FakeQuickPick, useFakeQuickPick } from './fakeQuickPick';

const HOSTILE_NAME = '<img src=x onerror=alert(1)> [x](command:videogen.clearApiKey) *b* `c` & "d"';

/** What the server stores now: after a hydration, the URLs it signed last. */
function storedFile(fileId: string): Promise<WireFileInfo> {
  return api('GET', `/v1/files/${fileId}`);
}

interface LoggedRequest {
  method: string;
  path: string;
}

async function requestsFor(fileId: string): Promise<LoggedRequest[]> {
  const { requests } = await admin<{ requests: LoggedRequest[] }>('GET', 'requests');
  return requests.filter((r) => r.path.startsWith(`/v1/files/${fileId}`));
}

/** A signed URL the tests accept: usable for more than another minute, and actually served. */
async function assertLiveSignedUrl(url: string, source: WireFileSource): Promise<void> {
  assert.equal(source.url, url);
  assert.ok(source.expiresAt !== null && source.expiresAt > Date.now() / 1000 + 60, `URL expires at ${source.expiresAt}`);
  const response = await fetch(url, { headers: { range: 'bytes=0-0' } });
  await response.body?.cancel();
  assert.ok(response.status === 200 || response.status === 206, `the copied URL answered ${response.status}`);
}

type MessageFunction = (message: string, ...items: string[]) => Thenable<string | undefined>;
type MessageKind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Records the notifications the extension shows (they share this `vscode.window` object) and answers them
 * with `answer`, as a user clicking that button would. `restore()` puts the real functions back.
 */
function captureMessages(answer?: string): { messages: { kind: MessageKind; text: string; items: string[] }[]; restore(): void } {
  const window = vscode.window as unknown as Record<MessageKind, MessageFunction>;
  const kinds: MessageKind[] = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const originals = kinds.map((kind) => window[kind]);
  const messages: { kind: MessageKind; text: string; items: string[] }[] = [];
  for (const kind of kinds) {
    window[kind] = (text: string, ...items: string[]) => {
      messages.push({ kind, text, items });
      return Promise.resolve(items.includes(answer ?? '') ? answer : undefined);
    };
  }
  return {
    messages,
    restore: () => kinds.forEach((kind, i) => (window[kind] = originals[i]!)),
  };
}

const SENTINEL = 'clipboard before the command';

function openTabCount(): number {
  return vscode.window.tabGroups.all.reduce((n, group) => n + group.tabs.length, 0);
}

/** Closes every editor without "Save changes?" prompts (the tests' untitled documents are dirty). */
async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && openTabCount() > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (vscode.window.tabGroups.activeTabGroup.tabs.length === 0) await vscode.commands.executeCommand('workbench.action.focusNextGroup');
  }
  assert.equal(openTabCount(), 0, 'editors are still open');
}

describe('File commands', function () {
  let app: App;
  let baseUrlBefore: string | undefined;
  let video: WireFileInfo; // fresh URLs, public preview on
  let audio: WireFileInfo; // fresh URLs, no thumbnail
  let image: WireFileInfo; // URLs never signed: the first use hydrates
  let hostile: WireFileInfo; // hostile display name, fresh URLs
  let privateImage: WireFileInfo; // public preview off: the copy command offers to turn it on
  let expired: WireFileInfo; // listed URLs expired

  before(async () => {
    app = await extensionApp();
    baseUrlBefore = vscode.workspace.getConfiguration('videogen').inspect<string>('apiBaseUrl')?.globalValue;
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    video = await addFile({ displayName: 'Commands test video', media: 'launch-teaser', urls: 'fresh', publicPreview: true });
    audio = await addFile({ displayName: 'Commands test audio', media: 'podcast-clip', urls: 'fresh' });
    image = await addFile({ displayName: 'Commands test image', media: 'product-shot', urls: 'none' });
    hostile = await addFile({ displayName: HOSTILE_NAME, media: 'ai-mountain', urls: 'fresh' });
    privateImage = await addFile({ displayName: 'Commands test private image', media: 'brand-logo', urls: 'fresh' });
    expired = await addFile({ displayName: 'Commands test expired', media: 'hero-photo', urls: 'expired' });
  });

  after(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await admin('DELETE', 'faults');
    await admin('POST', 'reset');
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', baseUrlBefore, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await vscode.env.clipboard.writeText(SENTINEL);
  });

  async function fileInfo(fileId: string) {
    return (await app.session.requireClient()).getFile(fileId);
  }

  describe('copy', () => {
    it('copies a file ID, and the IDs of a tree multi-selection one per line', async () => {
      const single = await vscode.commands.executeCommand<string>('videogen.copyFileId', video.fileId);
      assert.equal(single, video.fileId);
      assert.equal(await vscode.env.clipboard.readText(), video.fileId);

      const [a, b, c] = await Promise.all([video, audio, image].map((f) => fileInfo(f.fileId)));
      const node = (file: typeof a) => ({ kind: 'file', file });
      await vscode.commands.executeCommand('videogen.copyFileId', node(b), [node(a), node(b), node(c)]);
      assert.equal(await vscode.env.clipboard.readText(), [video.fileId, audio.fileId, image.fileId].join('\n'));

      // A right-click outside the selection acts on the clicked item only, as VS Code's own views do.
      await vscode.commands.executeCommand('videogen.copyFileId', node(c), [node(a), node(b)]);
      assert.equal(await vscode.env.clipboard.readText(), image.fileId);
    });

    it('copies the tree selection when the tree\'s keybinding passes { source: "videogen.files" }', async () => {
      const selected = await Promise.all([audio, image].map((f) => fileInfo(f.fileId)));
      const realSelection = app.files.selectedFiles;
      app.files.selectedFiles = () => selected;
      try {
        await vscode.commands.executeCommand('videogen.copyFileId', { source: 'videogen.files' });
      } finally {
        app.files.selectedFiles = realSelection;
      }
      assert.equal(await vscode.env.clipboard.readText(), `${audio.fileId}\n${image.fileId}`);
    });

    const signedKinds = [
      ['videogen.copyDownloadUrl', 'downloadSource'],
      ['videogen.copyPreviewUrl', 'previewSource'],
      ['videogen.copyThumbnailUrl', 'thumbnailSource'],
      ['videogen.copyHlsUrl', 'hlsSource'],
    ] as const;

    for (const [command, source] of signedKinds) {
      it(`${command} copies the file's live ${source} URL`, async () => {
        const copied = await vscode.commands.executeCommand<string>(command, await fileInfo(video.fileId));
        assert.equal(await vscode.env.clipboard.readText(), copied);
        await assertLiveSignedUrl(copied, (await storedFile(video.fileId))[source]!);
      });
    }

    it('hydrates once before copying a URL that was never signed', async () => {
      const listed = await fileInfo(image.fileId);
      assert.equal(listed.downloadSource?.url, null, 'the fixture should start without a signed URL');
      await admin('DELETE', 'requests');
      const copied = await vscode.commands.executeCommand<string>('videogen.copyDownloadUrl', listed);
      const hydrates = (await requestsFor(image.fileId)).filter((r) => r.method === 'POST' && r.path.endsWith('/hydrate'));
      assert.equal(hydrates.length, 1, 'expected exactly one hydrate request');
      await assertLiveSignedUrl(copied, (await storedFile(image.fileId)).downloadSource!);
      assert.equal(await vscode.env.clipboard.readText(), copied);
    });

    it('hydrates again when the listed URL has expired', async () => {
      const listed = await fileInfo(expired.fileId);
      assert.ok(listed.downloadSource!.expiresAt! <= Date.now() / 1000, 'the fixture should list an expired URL');
      await admin('DELETE', 'requests');
      const copied = await vscode.commands.executeCommand<string>('videogen.copyDownloadUrl', listed);
      const hydrates = (await requestsFor(expired.fileId)).filter((r) => r.method === 'POST' && r.path.endsWith('/hydrate'));
      assert.equal(hydrates.length, 1, 'expected exactly one hydrate request');
      assert.notEqual(copied, listed.downloadSource!.url);
      await assertLiveSignedUrl(copied, (await storedFile(expired.fileId)).downloadSource!);
    });

    it('copies the permanent public preview and public HLS URLs', async () => {
      const stored = await storedFile(video.fileId);
      assert.ok(stored.staticPublicPreviewSource?.url && stored.publicHlsUrl, 'the fixture should have public preview on');
      await vscode.commands.executeCommand('videogen.copyPublicPreviewUrl', video.fileId);
      assert.equal(await vscode.env.clipboard.readText(), stored.staticPublicPreviewSource.url);
      await vscode.commands.executeCommand('videogen.copyPublicHlsUrl', video.fileId);
      assert.equal(await vscode.env.clipboard.readText(), stored.publicHlsUrl);
    });

    it('says an audio file has no thumbnail, and leaves the clipboard alone', async () => {
      const capture = captureMessages();
      try {
        const copied = await vscode.commands.executeCommand('videogen.copyThumbnailUrl', audio.fileId);
        assert.equal(copied, undefined);
        assert.equal(await vscode.env.clipboard.readText(), SENTINEL);
        const [message] = capture.messages;
        assert.equal(capture.messages.length, 1);
        assert.equal(message!.kind, 'showWarningMessage');
        assert.match(message!.text, /Commands test audio.*has no thumbnail URL/);
      } finally {
        capture.restore();
      }
    });

    it('offers to enable public preview, and copies the public URL once the user accepts', async () => {
      const capture = captureMessages('Enable Public Preview');
      try {
        const copied = await vscode.commands.executeCommand('videogen.copyPublicPreviewUrl', privateImage.fileId);
        assert.equal(copied, undefined, 'nothing is copied before the user accepts');
        assert.match(capture.messages[0]!.text, /Public preview is off/);
        assert.deepEqual(capture.messages[0]!.items, ['Enable Public Preview']);
        const copiedLater = await waitFor('the public URL on the clipboard', async () => {
          const text = await vscode.env.clipboard.readText();
          return text !== SENTINEL ? text : undefined;
        });
        const stored = await storedFile(privateImage.fileId);
        assert.equal(stored.isPublicPreviewEnabled, true);
        assert.equal(copiedLater, stored.staticPublicPreviewSource?.url);
      } finally {
        capture.restore();
      }
    });

    it('never puts a hostile name into a notification link', async () => {
      const capture = captureMessages();
      try {
        await vscode.commands.executeCommand('videogen.copyHlsUrl', hostile.fileId); // images have no HLS stream
        const [message] = capture.messages;
        assert.ok(message, 'expected a message');
        assert.doesNotMatch(message.text, /\]\(command:/, 'the name would render as a command link');
        assert.equal(await vscode.env.clipboard.readText(), SENTINEL);
      } finally {
        capture.restore();
      }
    });
  });

  describe('open', () => {
    it('opens at most five previews at once, and says so', async () => {
      const response = await fetch(`${serverUrl()}/v1/files?limit=7`, { headers: { authorization: `Bearer ${serverKey()}` } });
      const ids = ((await response.json()) as { files: WireFileInfo[] }).files.map((f) => f.fileId);
      assert.equal(ids.length, 7);
      const opened: string[] = [];
      const original = app.previews.open;
      app.previews.open = async (file) => void opened.push(file.fileId);
      const capture = captureMessages();
      try {
        await vscode.commands.executeCommand('videogen.openPreview', ids);
      } finally {
        app.previews.open = original;
        capture.restore();
      }
      assert.deepEqual(opened, ids.slice(0, 5));
      assert.match(capture.messages[0]?.text ?? '', /first 5 of the 7/);
    });

    it('Open Preview from the palette: the file picker lists the library at once and opens the picked file', async () => {
      const response = await fetch(`${serverUrl()}/v1/files?limit=1`, { headers: { authorization: `Bearer ${serverKey()}` } });
      const [newest] = ((await response.json()) as { files: WireFileInfo[] }).files;
      const opened: string[] = [];
      const original = app.previews.open;
      app.previews.open = async (file) => void opened.push(file.fileId);
      try {
        const search = vscode.commands.executeCommand('videogen.openPreview');
        // Accepting does nothing until the first page has filled the quick pick.
        await waitFor('a file to be picked', async () => {
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          return opened.length > 0;
        });
        await search;
      } finally {
        app.previews.open = original;
      }
      assert.deepEqual(opened, [newest!.fileId]);
    });
  });

  describe('file picker', () => {
    /** Records the picker's searches and the previews it opens, on a fake quick pick; `restore` undoes all three. */
    async function spyOnPicker(): Promise<{
      fake: FakeQuickPick;
      searches: { query: string; signal: AbortSignal | undefined }[];
      opened: string[];
      restore(): void;
    }> {
      const client = await app.session.requireClient();
      const searches: { query: string; signal: AbortSignal | undefined }[] = [];
      const realSearch = client.searchFiles;
      client.searchFiles = (options, signal) => {
        searches.push({ query: options.query, signal });
        return realSearch.call(client, options, signal);
      };
      const fake = new FakeQuickPick();
      const restoreQuickPick = useFakeQuickPick(fake);
      const opened: string[] = [];
      const realOpen = app.previews.open;
      app.previews.open = async (file) => void opened.push(file.fileId);
      return {
        fake,
        searches,
        opened,
        restore: () => {
          client.searchFiles = realSearch;
          restoreQuickPick();
          app.previews.open = realOpen;
        },
      };
    }

    it('searches as the user types: debounced, the superseded search aborted, matches listed first', async () => {
      const { fake, searches, opened, restore } = await spyOnPicker();
      await admin('POST', 'faults', { route: 'POST /v1/files/search', latencyMs: 3000, times: 1 });
      try {
        const command = vscode.commands.executeCommand('videogen.openPreview');
        await waitFor('the first page in the picker', () => fake.items.length > 0 && !fake.busy);

        fake.type('m');
        fake.type('mo');
        fake.type('mountain');
        assert.equal(fake.busy, true, 'busy while a query waits for its answer');
        await waitFor('the search to start', () => searches.length === 1);
        assert.equal(searches[0]!.query, 'mountain', 'one search for the last text typed');

        fake.type('podcast');
        await waitFor('the second search', () => searches.length === 2);
        assert.equal(searches[0]!.signal?.aborted, true, 'the superseded search is aborted');
        assert.equal(searches[1]!.query, 'podcast');
        await waitFor('the answer', () => !fake.busy);

        const response = await fetch(`${serverUrl()}/v1/files/search`, {
          method: 'POST',
          headers: { authorization: `Bearer ${serverKey()}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'podcast', numResults: 25 }),
        });
        const expected = ((await response.json()) as { results: { file: WireFileInfo }[] }).results.map((r) => r.file.fileId);
        assert.ok(expected.length > 0);
        const shown = fake.items.filter((item) => item.alwaysShow).map((item) => item.file?.fileId);
        assert.deepEqual(shown, expected, 'search results first, in the order of similarity');
        assert.match(fake.items[0]!.description ?? '', /% match/);

        fake.accept(fake.items[0]!);
        await command;
        assert.deepEqual(opened, [expected[0]]);
        assert.equal(fake.disposed, true);
      } finally {
        restore();
        await admin('DELETE', 'faults');
      }
    });

    it('resolves a pasted file ID or VideoGen URL exactly, first and alone; says so when nothing matches', async () => {
      const { fake, searches, opened, restore } = await spyOnPicker();
      try {
        const [wanted] = (await (await app.session.requireClient()).listFiles({ limit: 200 })).files.filter((f) => f.displayName === 'Brand logo');
        assert.ok(wanted);
        const command = vscode.commands.executeCommand('videogen.openPreview');
        await waitFor('the first page in the picker', () => fake.items.length > 0 && !fake.busy);

        fake.type(`  ${wanted.fileId} `);
        await waitFor('the exact match', () => !fake.busy && fake.items[0]?.file?.fileId === wanted.fileId);
        assert.deepEqual(searches, [], 'an id is looked up, not searched by meaning');
        assert.equal(fake.items.filter((item) => item.alwaysShow).length, 1, 'the exact match alone, no weak neighbours');

        fake.type(`https://app.videogen.io/media?storageFileId=${wanted.fileId}`);
        await waitFor('the exact match of the URL', () => !fake.busy && fake.items[0]?.file?.fileId === wanted.fileId);

        fake.type('zzqx nothing like this anywhere');
        await waitFor('the answer', () => !fake.busy);
        assert.match(fake.items[0]?.label ?? '', /No file in your VideoGen library matches/);
        assert.equal(fake.items[0]?.kind, vscode.QuickPickItemKind.Separator, 'the notice cannot be picked');

        fake.type(wanted.fileId);
        await waitFor('the exact match again', () => !fake.busy && fake.items[0]?.file?.fileId === wanted.fileId);
        fake.accept(fake.items[0]!);
        await command;
        assert.deepEqual(opened, [wanted.fileId], 'Enter opens the file the id names');
      } finally {
        restore();
      }
    });
  });

  describe('insert', () => {
    // One or two editors per test: closing them as we go (changes reverted) keeps each close quick.
    afterEach(closeAllEditors);

    // Each test edits its own file: untitled documents reuse their names once closed, and the extension host can
    // then mix up a new "Untitled-1" with the one just closed.
    let tempDir: string;
    let documents = 0;
    before(() => {
      tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'videogen-commands-'));
    });
    after(() => fs.rmSync(tempDir, { recursive: true, force: true }));

    async function editorWith(language: string, content: string, selections: vscode.Selection[]): Promise<vscode.TextEditor> {
      const file = path.join(tempDir, `document-${++documents}.txt`);
      fs.writeFileSync(file, content);
      const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(file), language);
      const editor = await vscode.window.showTextDocument(document);
      editor.selections = selections;
      return editor;
    }

    const at = (line: number, character: number) => new vscode.Selection(line, character, line, character);

    it('inserts the file ID at every cursor, replacing selected text, in one undo step', async () => {
      const editor = await editorWith('plaintext', 'alpha\nbeta\ngamma', [at(0, 5), new vscode.Selection(1, 0, 1, 4), at(2, 0)]);
      await vscode.commands.executeCommand('videogen.insertFileId', video.fileId);
      const id = video.fileId;
      assert.equal(editor.document.getText(), `alpha${id}\n${id}\n${id}gamma`);
      const cursors = editor.selections.map((s) => [s.active.line, s.active.character, s.isEmpty]);
      assert.deepEqual(cursors, [[0, 5 + id.length, true], [1, id.length, true], [2, id.length, true]], 'cursors go after the inserted IDs');
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), 'alpha\nbeta\ngamma');
    });

    it('puts several files on separate lines, indented like the cursor line', async () => {
      const editor = await editorWith('yaml', 'files:\n  - ', [at(1, 4)]);
      await vscode.commands.executeCommand('videogen.insertFileId', [video.fileId, audio.fileId]);
      assert.equal(editor.document.getText(), `files:\n  - ${video.fileId}\n  ${audio.fileId}`);
    });

    it('spreads several files over as many cursors, one each', async () => {
      const editor = await editorWith('plaintext', 'a=\nb=', [at(1, 2), at(0, 2)]);
      await vscode.commands.executeCommand('videogen.insertFileId', [video.fileId, audio.fileId]);
      assert.equal(editor.document.getText(), `a=${video.fileId}\nb=${audio.fileId}`);
    });

    it('inserts into the last text editor when a webview is active (the preview\'s Insert button)', async () => {
      const editor = await editorWith('plaintext', 'id: ', [at(0, 4)]);
      const panel = vscode.window.createWebviewPanel('videogen.test', 'Not a text editor', vscode.ViewColumn.Active, {});
      try {
        await waitFor('the webview to become the active editor', () => vscode.window.activeTextEditor === undefined);
        await vscode.commands.executeCommand('videogen.insertFileId', await fileInfo(audio.fileId));
        assert.equal(editor.document.getText(), `id: ${audio.fileId}`);
      } finally {
        panel.dispose();
      }
    });

    it('says so, and changes nothing, when the editor is read-only', async () => {
      const scheme = 'videogen-test-readonly';
      const provider = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => 'read only' });
      const capture = captureMessages();
      try {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${scheme}:/fixture.txt`));
        await vscode.window.showTextDocument(document);
        const inserted = await vscode.commands.executeCommand('videogen.insertFileId', video.fileId);
        assert.equal(inserted, undefined);
        assert.equal(document.getText(), 'read only');
        assert.ok(capture.messages.some((m) => /read-only/.test(m.text)), 'expected a read-only message');
      } finally {
        capture.restore();
        provider.dispose();
      }
    });

    describe('Insert as…', () => {
      interface Case {
        language: string;
        format: string;
        file: () => WireFileInfo;
        /** The snippet, given the file, its ID and the URL the server stores after the command. */
        expected: (file: WireFileInfo, url: string) => string;
        /** Which URL the snippet must carry: links get the preview URL, which opens in the browser (not an attachment). */
        url?: 'download' | 'preview' | 'public';
      }

      const cases: Case[] = [
        { language: 'plaintext', format: 'id', file: () => image, expected: (f) => f.fileId },
        { language: 'typescript', format: 'quoted-id', file: () => image, expected: (f) => `"${f.fileId}"` },
        { language: 'python', format: 'quoted-id', file: () => image, expected: (f) => `"${f.fileId}"` },
        { language: 'json', format: 'json', file: () => image, expected: (f) => `"${f.fileId}"` },
        {
          language: 'typescript',
          format: 'json-object',
          file: () => audio,
          expected: (f) => `{"fileId": "${f.fileId}", "displayName": "Commands test audio", "type": "AUDIO"}`,
        },
        { language: 'plaintext', format: 'url', file: () => audio, url: 'download', expected: (_f, url) => url },
        { language: 'go', format: 'quoted-url', file: () => audio, url: 'download', expected: (_f, url) => `"${url}"` },
        {
          language: 'markdown',
          format: 'markdown-link',
          file: () => audio,
          url: 'preview',
          expected: (f, url) => `[Commands test audio](${url.replace(/\(/g, '\\(').replace(/\)/g, '\\)')} "${f.fileId}")`,
        },
        {
          language: 'html',
          format: 'html-media',
          file: () => audio,
          url: 'download',
          expected: (f, url) =>
            `<audio src="${url.replace(/&/g, '&amp;')}" controls title="Commands test audio" data-videogen-file-id="${f.fileId}"></audio>`,
        },
        {
          language: 'typescriptreact',
          format: 'jsx-media',
          file: () => video,
          url: 'public',
          expected: (f, url) => `<video src="${url}" controls title="Commands test video" data-videogen-file-id="${f.fileId}" />`,
        },
        { language: 'css', format: 'css-url', file: () => image, url: 'download', expected: (_f, url) => `url("${url}")` },
      ];

      for (const c of cases) {
        it(`${c.format} in ${c.language}${c.url ? ` (${c.url} URL)` : ''} at both cursors`, async () => {
          const file = c.file();
          const editor = await editorWith(c.language, 'x\ny', [at(0, 1), at(1, 1)]);
          const capture = captureMessages();
          let inserted: string | undefined;
          try {
            inserted = await vscode.commands.executeCommand<string>('videogen.insertAs', file.fileId, c.format);
          } finally {
            capture.restore();
          }
          const stored = await storedFile(file.fileId);
          const signed = c.url === 'preview' ? stored.previewSource : stored.downloadSource;
          const url = c.url === 'public' ? stored.staticPublicPreviewSource!.url! : signed?.url ?? '';
          if (c.url === 'download' || c.url === 'preview') await assertLiveSignedUrl(url, signed!);
          const snippet = c.expected(stored, url);
          assert.equal(inserted, snippet);
          assert.equal(editor.document.getText(), `x${snippet}\ny${snippet}`);
          const warnings = capture.messages.filter((m) => m.kind === 'showWarningMessage');
          if (c.url === 'download' || c.url === 'preview') {
            assert.equal(warnings.length, 1, 'a signed URL is inserted with a warning that it expires');
            assert.match(warnings[0]!.text, /signed.*stops working/);
          } else {
            assert.deepEqual(warnings, [], 'IDs and permanent URLs need no warning');
          }
        });
      }

      it('joins several files at one cursor as items of a Python list, indented like the cursor line', async () => {
        const editor = await editorWith('python', 'media = [\n    \n]', [at(1, 4)]);
        const inserted = await vscode.commands.executeCommand<string>('videogen.insertAs', [image.fileId, audio.fileId, video.fileId], 'quoted-id');
        assert.equal(inserted, `"${image.fileId}",\n"${audio.fileId}",\n"${video.fileId}"`);
        assert.equal(editor.document.getText(), `media = [\n    "${image.fileId}",\n    "${audio.fileId}",\n    "${video.fileId}"\n]`);
      });

      it('makes a JSON array of several files, even with as many cursors as array lines', async () => {
        const editor = await editorWith('json', '\n\n\n', [at(0, 0), at(1, 0), at(2, 0), at(3, 0)]);
        await vscode.commands.executeCommand('videogen.insertAs', [image.fileId, audio.fileId], 'json');
        const values = editor.document.getText().split('\n]').slice(0, -1).map((part) => JSON.parse(`${part.trim()}\n]`) as unknown);
        assert.deepEqual(values, Array(4).fill([image.fileId, audio.fileId]), 'every cursor gets the whole array');
      });

      it('gives each cursor its own file when there are as many cursors as files', async () => {
        const editor = await editorWith('typescript', 'const a = ;\nconst b = ;', [at(0, 10), at(1, 10)]);
        await vscode.commands.executeCommand('videogen.insertAs', [image.fileId, audio.fileId], 'quoted-id');
        assert.equal(editor.document.getText(), `const a = "${image.fileId}";\nconst b = "${audio.fileId}";`);
      });

      it('previews the exact joined text of several files in the picker', async () => {
        await editorWith('python', '', [at(0, 0)]);
        const fake = new FakeQuickPick();
        const restoreQuickPick = useFakeQuickPick(fake);
        try {
          const command = vscode.commands.executeCommand('videogen.insertAs', [image.fileId, audio.fileId]);
          await waitFor('the picker', () => fake.items.length > 0 && !fake.busy);
          const quoted = fake.items.find((item) => item.label === 'File ID as a string')!;
          assert.equal(quoted.detail, `"${image.fileId}", "${audio.fileId}"`);
          fake.hide();
          await command;
        } finally {
          restoreQuickPick();
        }
      });

      it('offers the formats of the language: the configured default first, URL formats marked and dated', async () => {
        const settings = vscode.workspace.getConfiguration('videogen');
        await settings.update('insert.defaultFormat', { markdown: 'markdown-link' }, vscode.ConfigurationTarget.Global);
        const editor = await editorWith('markdown', '', [at(0, 0)]);
        const fake = new FakeQuickPick();
        const restoreQuickPick = useFakeQuickPick(fake);
        const capture = captureMessages();
        try {
          const command = vscode.commands.executeCommand<string>('videogen.insertAs', audio.fileId);
          await waitFor('the signed URL to be looked up', () => fake.items.length > 0 && !fake.busy);
          const items = fake.items as readonly (vscode.QuickPickItem & { format: { id: string; reference: string } })[];
          assert.equal(items[0]!.format.id, 'markdown-link');
          assert.match(items[0]!.description ?? '', /^default · /);
          assert.ok(!items.some((item) => item.format.id === 'markdown-image'), 'an audio file has no image format');
          const expiresAt = (await storedFile(audio.fileId)).downloadSource!.expiresAt!;
          for (const item of items) {
            const icon = (item.iconPath as vscode.ThemeIcon).id;
            if (item.format.reference === 'url') {
              assert.equal(icon, 'warning', `${item.format.id} inserts a signed URL`);
              assert.match(item.description ?? '', /signed URL — expires \S.*\d/);
              assert.ok(expiresAt * 1000 > Date.now() + 60_000);
            } else {
              assert.notEqual(icon, 'warning', `${item.format.id} inserts no URL`);
            }
          }
          fake.accept(items.find((item) => item.format.id === 'quoted-id')!);
          assert.equal(await command, `"${audio.fileId}"`);
          assert.equal(editor.document.getText(), `"${audio.fileId}"`);
          assert.deepEqual(capture.messages, [], 'an ID needs no warning');
        } finally {
          restoreQuickPick();
          capture.restore();
          await settings.update('insert.defaultFormat', undefined, vscode.ConfigurationTarget.Global);
        }
      });

      it('marks URL formats as permanent when the file has public preview on', async () => {
        await editorWith('html', '', [at(0, 0)]);
        const fake = new FakeQuickPick();
        const restoreQuickPick = useFakeQuickPick(fake);
        try {
          const command = vscode.commands.executeCommand('videogen.insertAs', video.fileId);
          await waitFor('the picker', () => fake.items.length > 0 && !fake.busy);
          const media = fake.items.find((item) => item.label === 'HTML media tag')!;
          assert.equal((media.iconPath as vscode.ThemeIcon).id, 'globe');
          assert.match(media.description ?? '', /permanent public URL/);
          assert.match(media.detail ?? '', /^<video src="http.*\/public\//);
          fake.hide();
          assert.equal(await command, undefined, 'dismissing inserts nothing');
        } finally {
          restoreQuickPick();
        }
      });

      it('escapes a hostile name in Markdown and HTML', async () => {
        const markdown = await editorWith('markdown', '', [at(0, 0)]);
        const capture = captureMessages();
        try {
          await vscode.commands.executeCommand('videogen.insertAs', hostile.fileId, 'markdown-image');
          const text = markdown.document.getText();
          const alt = text.slice(2, text.indexOf('](http'));
          assert.equal(alt, '\\<img src=x onerror=alert(1)\\> \\[x\\](command:videogen.clearApiKey) \\*b\\* \\`c\\` \\& "d"');

          const html = await editorWith('html', '', [at(0, 0)]);
          await vscode.commands.executeCommand('videogen.insertAs', hostile.fileId, 'html-media');
          const tag = html.document.getText();
          assert.ok(tag.startsWith('<img src="http'), tag);
          assert.equal((tag.match(/</g) ?? []).length, 1, 'the name must not open another tag');
          assert.ok(
            tag.includes('alt="&lt;img src=x onerror=alert(1)&gt; [x](command:videogen.clearApiKey) *b* `c` &amp; &quot;d&quot;"'),
            tag,
          );
        } finally {
          capture.restore();
        }
      });

      it('tells the user when there is no editor to insert into', async () => {
        await closeAllEditors();
        const capture = captureMessages();
        try {
          const inserted = await vscode.commands.executeCommand('videogen.insertAs', video.fileId, 'id');
          assert.equal(inserted, undefined);
          assert.match(capture.messages[0]?.text ?? '', /Open a text editor/);
        } finally {
          capture.restore();
        }
      });
    });
  });
});
