// Out to the workspace and the web (issue 8 §5, §6): Save to Workspace writes the source's exact bytes and asks
// before replacing anything, Open in VideoGen opens the app page, Open File by ID or URL takes every form of
// reference, and files made elsewhere slide into the tree without a refresh. Against the local VideoGen server.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { FileNode, TreeNode } from '../../src/tree/nodes';
import type { FilesTreeProvider } from '../../src/tree/provider';
import { addFile, admin, api, hooks, serverKey, serverUrl, waitFor } from './support';
import type { WireFileInfo } from '../server/model';

const HOSTILE_NAME = '<img src=x onerror=alert(1)> ../CON:*?';

/** sha256 of what the server serves as the file's download, fetched with freshly signed links. */
async function sourceSha256(fileId: string): Promise<string> {
  const hydrated = await api<WireFileInfo>('POST', `/v1/files/${fileId}/hydrate`);
  const response = await fetch(hydrated.downloadSource!.url!);
  assert.equal(response.status, 200);
  return sha256(new Uint8Array(await response.arrayBuffer()));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fileSha256(file: string): string {
  return sha256(fs.readFileSync(file));
}

interface Asked {
  text: string;
  modal: boolean;
  items: string[];
}

/** Answers every warning/information message with `answer` (when offered) and records them. */
function answerMessages(answer: string | undefined): { asked: Asked[]; restore(): void } {
  type Show = (text: string, ...rest: unknown[]) => Thenable<string | undefined>;
  const window = vscode.window as unknown as Record<'showWarningMessage' | 'showInformationMessage', Show>;
  const originals = { warning: window.showWarningMessage, information: window.showInformationMessage };
  const asked: Asked[] = [];
  const fake: Show = (text, ...rest) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { modal?: boolean }) : undefined;
    const items = rest.filter((r): r is string => typeof r === 'string');
    asked.push({ text, modal: options?.modal === true, items });
    return Promise.resolve(answer !== undefined && items.includes(answer) ? answer : undefined);
  };
  window.showWarningMessage = fake;
  window.showInformationMessage = fake;
  return {
    asked,
    restore: () => {
      window.showWarningMessage = originals.warning;
      window.showInformationMessage = originals.information;
    },
  };
}

/** Replaces `vscode.env.openExternal` while `run` runs; resolves what it was asked to open. */
async function captureOpenExternal(run: () => Thenable<unknown>): Promise<unknown[]> {
  const env = vscode.env as unknown as { openExternal(target: unknown): Thenable<boolean> };
  const original = env.openExternal;
  const opened: unknown[] = [];
  env.openExternal = (target) => {
    opened.push(target);
    return Promise.resolve(true);
  };
  try {
    await run();
  } finally {
    env.openExternal = original;
  }
  return opened;
}

const node = (file: { fileId: string; displayName: string }, app: App): FileNode => ({ kind: 'file', file: app.store.get(file.fileId)! });
const fileNodes = (nodes: readonly TreeNode[]): FileNode[] => nodes.filter((n): n is FileNode => n.kind === 'file');

const SETTINGS = ['apiBaseUrl', 'download.folder', 'list.pageSize', 'list.groupBy', 'list.thumbnails', 'list.autoRefreshInterval'];

describe('Out to the workspace and the web', function () {
  this.timeout(60_000);
  let app: App;
  let provider: FilesTreeProvider;
  let folder: string;
  const saved: Record<string, unknown> = {};
  let image: WireFileInfo;
  let video: WireFileInfo;
  let hostile: WireFileInfo;

  async function setSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('videogen').update(key, value, vscode.ConfigurationTarget.Global);
  }

  async function save(...args: unknown[]): Promise<void> {
    await vscode.commands.executeCommand('videogen.saveToWorkspace', ...args);
  }

  before(async () => {
    const h = await hooks();
    app = h.app;
    provider = h.tree;
    for (const key of SETTINGS) saved[key] = vscode.workspace.getConfiguration('videogen').inspect(key)?.globalValue;
    await admin('POST', 'reset');
    await setSetting('apiBaseUrl', serverUrl());
    await setSetting('list.thumbnails', false);
    await setSetting('list.groupBy', 'none');
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the harness opens a workspace folder');
    folder = path.join(workspace.uri.fsPath, 'saved media');
    await setSetting('download.folder', 'saved media');
    image = await addFile({ displayName: 'Workspace logo.png', media: 'brand-logo', urls: 'fresh' });
    video = await addFile({ displayName: 'Workspace teaser', media: 'launch-teaser', urls: 'none', publicPreview: true });
    hostile = await addFile({ displayName: HOSTILE_NAME, media: 'ai-mountain', urls: 'expired' });
  });

  beforeEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  after(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await admin('DELETE', 'faults');
    await admin('POST', 'reset');
    for (const key of SETTINGS) await setSetting(key, saved[key]);
  });

  describe('Save to Workspace', () => {
    it('writes the exact bytes of the source, named from the display name, and nothing else', async () => {
      await save(image.fileId);
      const target = path.join(folder, 'Workspace logo.png');
      assert.deepEqual(fs.readdirSync(folder), ['Workspace logo.png']);
      assert.equal(fileSha256(target), await sourceSha256(image.fileId));
    });

    it('saves a video that was never signed, hydrating it first, with the extension of its download', async () => {
      await save(video.fileId);
      const [name] = fs.readdirSync(folder);
      assert.equal(name, 'Workspace teaser.mp4');
      assert.equal(fileSha256(path.join(folder, name!)), await sourceSha256(video.fileId));
    });

    it('saves the tree selection; two files with one name never overwrite each other; a hostile name stays inert', async () => {
      const twin = await addFile({ displayName: 'Workspace logo.png', media: 'product-shot', urls: 'fresh' });
      await app.session.requireClient().then((c) => c.getFile(twin.fileId)).then((f) => app.store.put(f));
      for (const f of [image, hostile]) app.store.put(await (await app.session.requireClient()).getFile(f.fileId));
      const selection = [node(image, app), node(twin, app), node(hostile, app)];
      await save(selection[1], selection);
      const names = fs.readdirSync(folder).sort();
      assert.deepEqual(names, ['Workspace logo (1).png', 'Workspace logo.png', '_img src=x onerror=alert(1)_ .._CON___.png'].sort());
      assert.equal(fileSha256(path.join(folder, 'Workspace logo.png')), await sourceSha256(image.fileId));
      assert.equal(fileSha256(path.join(folder, 'Workspace logo (1).png')), await sourceSha256(twin.fileId));
      assert.equal(fileSha256(path.join(folder, '_img src=x onerror=alert(1)_ .._CON___.png')), await sourceSha256(hostile.fileId));
    });

    it('a row outside the selection saves that row only', async () => {
      for (const f of [image, video]) app.store.put(await (await app.session.requireClient()).getFile(f.fileId));
      await save(node(video, app), [node(image, app), node(hostile, app)]);
      assert.deepEqual(fs.readdirSync(folder), ['Workspace teaser.mp4']);
    });

    for (const [answer, expected] of [
      ['Skip', { 'Workspace logo.png': 'mine' }],
      [undefined, { 'Workspace logo.png': 'mine' }],
      ['Replace', { 'Workspace logo.png': 'source' }],
      ['Keep Both', { 'Workspace logo.png': 'mine', 'Workspace logo (1).png': 'source' }],
    ] as const) {
      it(`asks before replacing a file: ${answer ?? 'dismissed'}`, async () => {
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, 'Workspace logo.png'), 'mine');
        const messages = answerMessages(answer);
        try {
          await save(image.fileId);
        } finally {
          messages.restore();
        }
        const question = messages.asked.find((m) => m.modal);
        assert.ok(question, 'a modal question');
        assert.match(question.text, /“Workspace logo\.png” already exists/);
        assert.deepEqual(question.items, ['Replace', 'Keep Both', 'Skip']);
        const sourceHash = await sourceSha256(image.fileId);
        const contents = Object.fromEntries(fs.readdirSync(folder).map((n) => [n, fileSha256(path.join(folder, n)) === sourceHash ? 'source' : fs.readFileSync(path.join(folder, n), 'utf8')]));
        assert.deepEqual(contents, expected);
      });
    }

    it('asks once for a batch, and its answer applies to every file that exists', async () => {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'Workspace logo.png'), 'mine');
      fs.writeFileSync(path.join(folder, 'Workspace teaser.mp4'), 'mine too');
      const messages = answerMessages('Keep Both');
      try {
        await save([image.fileId, video.fileId]);
      } finally {
        messages.restore();
      }
      const questions = messages.asked.filter((m) => m.modal);
      assert.equal(questions.length, 1);
      assert.match(questions[0]!.text, /^2 files already exist/);
      assert.deepEqual(questions[0]!.items, ['Replace All', 'Keep Both', 'Skip These']);
      assert.deepEqual(fs.readdirSync(folder).sort(), ['Workspace logo (1).png', 'Workspace logo.png', 'Workspace teaser (1).mp4', 'Workspace teaser.mp4']);
    });

    it('leaves no file, not even a partial one, when cancelled during the download', async () => {
      await admin('POST', 'faults', { route: 'GET /media/*', latencyMs: 3_000 }); // no `times`: the rule stays listed with its hits
      const window = vscode.window as unknown as { withProgress: typeof vscode.window.withProgress };
      const realWithProgress = window.withProgress;
      const cancel = new vscode.CancellationTokenSource();
      let task: Thenable<unknown> | undefined;
      window.withProgress = ((_options, run) => {
        task = run({ report: () => undefined }, cancel.token);
        return task;
      }) as typeof vscode.window.withProgress;
      try {
        const saving = save(image.fileId);
        await waitFor('the download request to be held by the server', async () => {
          const { faults } = await admin<{ faults: { hits: number }[] }>('GET', 'faults');
          return faults[0]?.hits === 1;
        });
        cancel.cancel();
        await saving;
      } finally {
        window.withProgress = realWithProgress;
        await admin('DELETE', 'faults');
      }
      assert.deepEqual(fs.readdirSync(folder), [], 'nothing in the folder');
    });

    it('leaves no partial file when the connection drops mid-way, and names the file that failed', async () => {
      await admin('POST', 'faults', { route: 'GET /media/*', truncate: true, times: 1 });
      const messages = answerMessages(undefined);
      try {
        await save(image.fileId);
      } finally {
        messages.restore();
        await admin('DELETE', 'faults');
      }
      assert.deepEqual(fs.readdirSync(folder), []);
      assert.ok(messages.asked.some((m) => /Could not save “Workspace logo\.png”/.test(m.text)), JSON.stringify(messages.asked));
    });

    it('signs the link again once when it expired, and still writes the exact bytes', async () => {
      await save(image.fileId); // hydrated URLs are now cached as fresh for days
      fs.rmSync(folder, { recursive: true, force: true });
      await admin('POST', 'expire-urls'); // ...but the server no longer honours them
      await admin('DELETE', 'requests');
      await save(image.fileId);
      const { requests } = await admin<{ requests: { method: string; path: string; status: number }[] }>('GET', 'requests');
      const media = requests.filter((r) => r.path.startsWith(`/media/${image.fileId}/`));
      assert.deepEqual(media.map((r) => r.status), [403, 200]);
      assert.equal(requests.filter((r) => r.path === `/v1/files/${image.fileId}/hydrate`).length, 1);
      assert.equal(fileSha256(path.join(folder, 'Workspace logo.png')), await sourceSha256(image.fileId));
    });
  });

  describe('Open in VideoGen', () => {
    it("opens the file's page in the web app, never a media URL", async () => {
      const opened = await captureOpenExternal(() => vscode.commands.executeCommand('videogen.openInVideoGen', image.fileId));
      assert.deepEqual(opened, [`https://app.videogen.io/media?storageFileId=${image.fileId}`]);
    });

    it('opens at most five pages for a selection', async () => {
      const { files } = await api<{ files: WireFileInfo[] }>('GET', '/v1/files?limit=7');
      const opened = await captureOpenExternal(() => vscode.commands.executeCommand('videogen.openInVideoGen', files.map((f) => f.fileId)));
      assert.deepEqual(opened, files.slice(0, 5).map((f) => `https://app.videogen.io/media?storageFileId=${f.fileId}`));
    });
  });

  describe('Open File by ID or URL', () => {
    const previewOf = async (fileId: string) => waitFor(`the preview of ${fileId}`, async () => (await hooks()).previewState(fileId));

    beforeEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('opens a bare id, quoted, and selects its row', async () => {
      await vscode.commands.executeCommand('videogen.files.focus');
      provider.refresh();
      await waitFor('the row', async () => fileNodes(await provider.getChildren()).some((n) => n.file.fileId === image.fileId));
      await vscode.commands.executeCommand('videogen.openFileById', `  "${image.fileId}" `);
      assert.equal((await previewOf(image.fileId)).fileId, image.fileId);
      await waitFor('the row to be selected', () => app.files.selectedFiles().some((f) => f.fileId === image.fileId));
    });

    it('opens an app media link, a public preview URL and a signed URL', async () => {
      const hydrated = await api<WireFileInfo>('POST', `/v1/files/${video.fileId}/hydrate`);
      const references = [
        `https://app.videogen.io/media?storageFileId=${image.fileId}`,
        hydrated.staticPublicPreviewSource!.url!,
        hydrated.downloadSource!.url!,
      ];
      assert.match(references[1]!, /\/public\/vg_file_/);
      for (const reference of references) {
        await vscode.commands.executeCommand('videogen.openFileById', reference);
      }
      await previewOf(image.fileId);
      await previewOf(video.fileId);
    });

    it('opens a public HLS URL (it carries a playback id, not the file id) of a file the window knows', async () => {
      const known = await api<WireFileInfo>('GET', `/v1/files/${video.fileId}`);
      assert.match(String(known.publicHlsUrl), /\/public-hls\/vg_play_/);
      app.store.put(await (await app.session.requireClient()).getFile(video.fileId));
      await vscode.commands.executeCommand('videogen.openFileById', known.publicHlsUrl);
      await previewOf(video.fileId);
    });

    it('validates as you type in the input box', async () => {
      const window = vscode.window as unknown as { showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined> };
      const real = window.showInputBox;
      let options: vscode.InputBoxOptions | undefined;
      window.showInputBox = (o) => {
        options = o;
        return Promise.resolve(image.fileId);
      };
      try {
        await vscode.commands.executeCommand('videogen.openFileById');
      } finally {
        window.showInputBox = real;
      }
      const validate = options?.validateInput;
      assert.ok(validate);
      assert.equal(await validate(image.fileId), undefined);
      assert.equal(await validate(`https://app.videogen.io/media?storageFileId=${image.fileId}`), undefined);
      assert.equal(await validate(''), undefined, 'nothing typed is no error');
      assert.match(String(await validate('vg_file_short')), /22 letters and digits/);
      assert.match(String(await validate('https://example.com/nothing')), /names no VideoGen file/);
      assert.match(String(await validate('hello')), /Paste a file ID/);
      await previewOf(image.fileId);
    });

    it('says plainly when the file is not in the library (404)', async () => {
      const messages = answerMessages(undefined);
      try {
        await vscode.commands.executeCommand('videogen.openFileById', 'vg_file_0000000000000000000000');
      } finally {
        messages.restore();
      }
      assert.deepEqual(messages.asked.map((m) => m.text), ['vg_file_0000000000000000000000 is not in your VideoGen library.']);
    });

    it('says so when the file is archived', async () => {
      const archived = await addFile({ displayName: 'Archived elsewhere', media: 'brand-logo', urls: 'fresh' });
      provider.refresh();
      await waitFor('the row', async () => fileNodes(await provider.getChildren()).some((n) => n.file.fileId === archived.fileId));
      await api('POST', `/v1/files/${archived.fileId}/archive`);
      const messages = answerMessages(undefined);
      try {
        await vscode.commands.executeCommand('videogen.openFileById', archived.fileId);
      } finally {
        messages.restore();
      }
      assert.deepEqual(messages.asked.map((m) => m.text), [`“Archived elsewhere” (${archived.fileId}) is archived: it is no longer in your VideoGen library.`]);
      assert.equal((await hooks()).previewState(archived.fileId), undefined);
    });
  });

  describe('selections', () => {
    it('copies the URLs of a multi-selection one per line, in selection order', async () => {
      const files = await Promise.all([image, video].map(async (f) => app.store.put(await (await app.session.requireClient()).getFile(f.fileId))[0]!));
      const nodes = files.map((f): FileNode => ({ kind: 'file', file: f }));
      const copied = await vscode.commands.executeCommand<string>('videogen.copyDownloadUrl', nodes[0], nodes);
      const lines = copied.split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, new RegExp(`/media/${image.fileId}/`));
      assert.match(lines[1]!, new RegExp(`/media/${video.fileId}/`));
      assert.equal(await vscode.env.clipboard.readText(), copied);
    });
  });

  describe('files made elsewhere', () => {
    const ids = async (): Promise<string[]> => fileNodes(await provider.getChildren()).map((n) => n.file.fileId);

    beforeEach(async () => {
      await admin('POST', 'reset');
      await setSetting('list.pageSize', 5);
      await vscode.commands.executeCommand('videogen.files.focus');
      provider.refresh();
      await waitFor('the first page', async () => (await ids()).length === 5);
      await provider.loadMore();
      await waitFor('two pages', async () => (await ids()).length === 10);
    });

    afterEach(async () => {
      await setSetting('list.autoRefreshInterval', 0);
    });

    it('slide in at the top on a check, keeping the loaded pages and the selection', async () => {
      const before = await ids();
      await app.files.select(before[3]!);
      await waitFor('a selected row', () => app.files.selectedFiles()[0]?.fileId === before[3]);
      const made = await addFile({ displayName: 'Made in the web app', media: 'hero-photo', urls: 'fresh' });
      await admin('DELETE', 'requests');
      await app.files.checkFirstPage();
      assert.deepEqual(await ids(), [made.fileId, ...before]);
      // The tree's selection is read back from the view once it has rendered the rows again.
      await waitFor('the selection to be kept', () => app.files.selectedFiles()[0]?.fileId === before[3]);
      assert.deepEqual(app.files.selectedFiles().map((f) => f.fileId), [before[3]]);
      const { requests } = await admin<{ requests: { method: string; path: string; query: Record<string, string> }[] }>('GET', 'requests');
      const lists = requests.filter((r) => r.path === '/v1/files');
      assert.deepEqual(lists.map((r) => [r.method, r.query]), [['GET', { limit: '5' }]], 'one request: the first page');
    });

    it('never touches the view when nothing changed', async () => {
      let fired = 0;
      const subscription = provider.onDidChangeTreeData(() => fired++);
      try {
        await app.files.checkFirstPage();
      } finally {
        subscription.dispose();
      }
      assert.equal(fired, 0);
    });

    it('drop files archived elsewhere from the rows', async () => {
      const before = await ids();
      await api('POST', `/v1/files/${before[1]}/archive`);
      await app.files.checkFirstPage();
      assert.deepEqual(await ids(), before.filter((id) => id !== before[1]));
      assert.equal(app.store.get(before[1]!), undefined);
    });

    it('appear on the interval tick while the view is visible', async function () {
      this.timeout(90_000);
      const before = await ids();
      await setSetting('list.autoRefreshInterval', 15);
      const made = await addFile({ displayName: 'Made by an agent', media: 'product-shot', urls: 'fresh' });
      await waitFor('the interval check to list the new file', async () => (await ids())[0] === made.fileId, 45_000);
      assert.deepEqual(await ids(), [made.fileId, ...before]);
    });
  });
});
