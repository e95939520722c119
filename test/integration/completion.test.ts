// Completion of file ids (src/completion) through VS Code's own command, `vscode.executeCompletionItemProvider`,
// against the local server: what is offered, in which order, what accepting inserts, and what it costs.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { FileInfo } from '../../src/api';
import type { App } from '../../src/app';
import { TYPING_SEARCHES_PER_HOUR } from '../../src/files/search';
import type { WireFileInfo } from '../server/model';
import { addFile, admin, app as extensionApp, serverKey, serverUrl, waitFor } from './support';

const HOSTILE_NAME = '<img src=x onerror=alert(1)> [x](command:videogen.showLog)';
const FILE_ID = /^vg_file_[0-9A-Za-z]{22}$/;

interface LoggedRequest {
  method: string;
  path: string;
}

async function requests(): Promise<LoggedRequest[]> {
  return (await admin<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
}

const searches = async (): Promise<number> => (await requests()).filter((r) => r.method === 'POST' && r.path.startsWith('/v1/files/search')).length;
const gets = async (fileId: string): Promise<number> => (await requests()).filter((r) => r.method === 'GET' && r.path.startsWith(`/v1/files/${fileId}`)).length;

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function descriptionOf(item: vscode.CompletionItem): string | undefined {
  return typeof item.label === 'string' ? undefined : item.label.description;
}

function insertTextOf(item: vscode.CompletionItem): string {
  const text = item.insertText ?? labelOf(item);
  return typeof text === 'string' ? text : text.value;
}

function insertingRange(item: vscode.CompletionItem): vscode.Range {
  assert.ok(item.range, 'items say what they replace');
  return item.range instanceof vscode.Range ? item.range : item.range.inserting;
}

async function complete(document: vscode.TextDocument, position: vscode.Position, resolveCount = 0, trigger?: string): Promise<vscode.CompletionList> {
  return vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger, resolveCount);
}

/** Our items (VS Code's own word suggestions may come too), in the order VS Code shows them (by sortText). */
function ours(list: vscode.CompletionList): vscode.CompletionItem[] {
  const mine = list.items.filter((item) => item.command?.command === 'videogen.completion.noteInserted');
  return mine.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

/** What VS Code does on accept: the insert text over the range, then the item's command. */
async function accept(document: vscode.TextDocument, item: vscode.CompletionItem): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, insertingRange(item), insertTextOf(item));
  assert.ok(await vscode.workspace.applyEdit(edit));
  const command = item.command!;
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

async function openDocument(language: string, content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document);
  return document;
}

const endOf = (document: vscode.TextDocument, line = 0): vscode.Position => document.lineAt(line).range.end;

describe('completion of file ids', function () {
  this.timeout(60_000);
  let app: App;
  let listed: WireFileInfo[];
  let firstPage: readonly FileInfo[];

  before(async () => {
    app = await extensionApp();
    await admin('POST', 'reset');
    await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', serverUrl(), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    const page = await (await app.session.requireClient()).listFiles({ limit: 50 });
    app.store.put(page.files, { fromListing: true }); // what the Files view does when it lists the library
    firstPage = page.files;
    listed = page.files as unknown as WireFileInfo[];
    await app.remembered.forget([...app.remembered.pinned(), ...app.remembered.recentlyInserted()]);
  });

  afterEach(async () => {
    await app.remembered.forget([...app.remembered.pinned(), ...app.remembered.recentlyInserted()]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await admin('POST', 'reset');
  });

  it('after `vg_file_` in TypeScript lists library files with their type, and accepting inserts the exact id and remembers it', async () => {
    const document = await openDocument('typescript', 'const logo = vg_file_');
    await admin('DELETE', 'requests');
    const list = await complete(document, endOf(document), 0, '_');
    const items = ours(list);
    const logo = listed.find((file) => file.displayName === 'Brand logo')!;
    const item = items.find((i) => labelOf(i) === 'Brand logo' && i.kind === vscode.CompletionItemKind.File);
    assert.ok(item, `the library's files are offered: ${items.map(labelOf).join(', ')}`);
    assert.ok(items.filter((i) => i.kind === vscode.CompletionItemKind.File).length >= Math.min(listed.length, 10));
    assert.match(descriptionOf(item) ?? '', /^Image · /, 'the type and facts are beside the name');
    assert.equal(await searches(), 0, 'an id prefix is never searched');

    await accept(document, item);
    assert.equal(document.getText(), `const logo = ${logo.fileId}`, 'the typed prefix is replaced by the exact id');
    await waitFor('the insertion remembered', () => app.remembered.recentlyInserted()[0] === logo.fileId);
  });

  it('when the window has not listed the library yet, the first completion lists the first page once', async () => {
    app.store.forget(); // as in a window whose Files view was never opened
    app.store.put(firstPage.find((file) => file.displayName === 'Homepage hero photo')!); // an id of an open document, looked up
    const document = await openDocument('typescript', 'x = vg_file_');
    await admin('DELETE', 'requests');
    const first = ours(await complete(document, endOf(document), 0, '_'));
    assert.ok(first.some((item) => labelOf(item) === 'Brand logo'), 'the library is offered');
    await complete(document, endOf(document), 0, '_');
    const lists = (await requests()).filter((r) => r.method === 'GET' && r.path.split('?')[0] === '/v1/files');
    assert.equal(lists.length, 1, `one page, once: ${lists.map((r) => r.path).join(', ')}`);
  });

  it('offers the Insert as… snippet outside strings (a quoted id in TypeScript), never inside one', async () => {
    const document = await openDocument('typescript', 'use(vg_file_');
    const items = ours(await complete(document, endOf(document), 0, '_'));
    const snippet = items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i) === 'Brand logo');
    assert.ok(snippet, 'a second item per file');
    assert.equal(descriptionOf(snippet), 'Insert as File ID as a string');
    await accept(document, snippet);
    assert.match(document.getText(), /^use\((['"])vg_file_[0-9A-Za-z]{22}\1$/, "the id as a string, in the language's quotes");

    const inString = await openDocument('typescript', 'use("vg_file_');
    const stringItems = ours(await complete(inString, endOf(inString), 0, '_'));
    assert.ok(stringItems.length > 0);
    assert.ok(stringItems.every((i) => i.kind === vscode.CompletionItemKind.File), 'inside a string only ids');
  });

  it('in Markdown the snippet is a Markdown image (or link) with the permanent public URL, and only for public files', async () => {
    const document = await openDocument('markdown', 'Teaser: vg_file_');
    const items = ours(await complete(document, endOf(document), 0, '_'));
    const snippets = items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
    const publicFiles = listed.filter((file) => file.isPublicPreviewEnabled && file.staticPublicPreviewSource?.url);
    assert.ok(publicFiles.length > 0, 'the library has public files');
    assert.equal(snippets.length, publicFiles.length, 'a snippet only where no signed URL is needed');
    for (const snippet of snippets) {
      const file = publicFiles.find((f) => f.displayName === labelOf(snippet))!;
      assert.equal(descriptionOf(snippet), file.type === 'IMAGE' ? 'Insert as Markdown image' : 'Insert as Markdown link');
      assert.ok(insertTextOf(snippet).includes(file.staticPublicPreviewSource!.url!), 'the permanent URL');
      assert.ok(!/[?&](sig|signature|expires)=/i.test(insertTextOf(snippet)), 'never a signed URL');
    }
  });

  it('offers nothing outside strings without `vg_file_`, at no cost', async () => {
    const document = await openDocument('typescript', 'const value = other_');
    await admin('DELETE', 'requests');
    assert.deepEqual(ours(await complete(document, endOf(document), 0, '_')), []);
    const comment = await openDocument('typescript', "// don't look here");
    assert.deepEqual(ours(await complete(comment, endOf(comment))), []);
    assert.deepEqual(await requests(), []);
  });

  it('pinned files come first, then recently inserted ones, then listed ones; an id the store does not know is resolved only when its item is', async () => {
    const [first, second, third] = [listed[5]!, listed[3]!, listed[7]!];
    const made = await addFile({ displayName: 'Made elsewhere', media: 'ai-mountain', urls: 'fresh' });
    await app.remembered.pin([made.fileId, first.fileId]);
    await app.remembered.noteInserted([third.fileId]);
    await app.remembered.noteInserted([second.fileId]);
    const document = await openDocument('typescript', 'x = vg_file_');
    await admin('DELETE', 'requests');
    const items = ours(await complete(document, endOf(document), 0, '_')).filter((i) => i.kind === vscode.CompletionItemKind.File);
    assert.deepEqual(items.slice(0, 4).map(labelOf), [made.fileId, first.displayName, second.displayName, third.displayName]);
    assert.equal(labelOf(items[4]!), listed.find((f) => ![first, second, third].includes(f))!.displayName, 'then the listed files, in the order listed');
    assert.equal(await gets(made.fileId), 0, 'listing the items asks nothing');

    // Only the first item is resolved (its thumbnail loaded): the library's own thumbnails stay for the tree suite to count.
    const resolved = ours(await complete(document, endOf(document), 1, '_'));
    const unknown = resolved.find((i) => labelOf(i) === made.fileId)!;
    const documentation = unknown.documentation as vscode.MarkdownString;
    assert.ok(documentation?.value.includes('Made elsewhere'), `resolved on demand: ${documentation?.value}`);
    assert.equal(await gets(made.fileId), 1, 'one GET, when the item was resolved');
  });

  it('the documentation shows the thumbnail as a data: URI, never a file path', async () => {
    const document = await openDocument('typescript', 'x = vg_file_');
    const image = await addFile({ displayName: 'Thumbnail check', media: 'ai-mountain', urls: 'fresh' });
    await app.lookup.resolve(image.fileId);
    await app.remembered.pin([image.fileId]);
    const [item] = ours(await complete(document, endOf(document), 1, '_'));
    const documentation = item!.documentation as vscode.MarkdownString;
    assert.match(documentation.value, /!\[[^\]]*\]\(data:image\/(png|jpeg|webp|gif);base64,/);
    assert.ok(!/file:|vscode-resource|\/tmp\//.test(documentation.value), 'no local path');
    assert.equal(documentation.isTrusted, false);
  });

  it('a hostile name stays text in the label and the documentation', async () => {
    const hostile = await addFile({ displayName: HOSTILE_NAME, description: `${HOSTILE_NAME} **bold**`, media: 'ai-mountain', urls: 'fresh' });
    await app.lookup.resolve(hostile.fileId);
    await app.remembered.pin([hostile.fileId]);
    const document = await openDocument('typescript', 'x = vg_file_');
    const [item] = ours(await complete(document, endOf(document), 1, '_'));
    assert.equal(labelOf(item!).replace(/\u200b/g, ''), HOSTILE_NAME, 'the label is the name as text');
    const documentation = item!.documentation as vscode.MarkdownString;
    assert.equal(documentation.supportHtml, false);
    assert.ok(!documentation.value.includes('<img'), 'no raw tag in the Markdown source');
    assert.ok(!documentation.value.includes('](command:'), 'no link in the Markdown source');
  });

  it('inside a string, what is typed is searched: debounced, superseded searches cancelled, 10 fast characters cost at most 2 searches', async () => {
    const query = 'mountain s';
    const document = await openDocument('typescript', `const hero = "${query}";`);
    const quote = new vscode.Position(0, 14);
    await admin('DELETE', 'requests');
    // A fast typist's requests, one per character typed (each asks with the text before its cursor), sent as
    // quickly as VS Code sends them while typing: how fast a busy machine applies edits does not enter into it.
    const pending: Array<Thenable<vscode.CompletionList>> = [];
    for (let i = 1; i <= query.length; i++) pending.push(complete(document, quote.translate(0, i)));
    const lists = await Promise.all(pending);
    assert.ok((await searches()) <= 2, `${await searches()} searches for ${query.length} characters`);
    assert.ok((await searches()) >= 1, 'the text was searched');
    const last = lists.at(-1)!;
    assert.equal(last.isIncomplete, true, 'VS Code asks again as the user types');
    const found = ours(last).map(labelOf);
    assert.ok(found.includes('Mountain at sunrise'), `search results come: ${found.join(', ')}`);

    await admin('DELETE', 'requests');
    const started = Date.now();
    await complete(document, quote.translate(0, query.length));
    assert.ok(Date.now() - started >= 240, 'a search waits for the typing to pause');
  });

  it('known files inside a string are filtered by what is typed and come before search results', async () => {
    const sunrise = listed.find((file) => file.displayName === 'Mountain at sunrise')!;
    await app.remembered.pin([sunrise.fileId, listed.find((file) => file.displayName === 'Brand logo')!.fileId]);
    const document = await openDocument('typescript', 'const hero = "mountain";');
    const items = ours(await complete(document, new vscode.Position(0, 22)));
    assert.equal(labelOf(items[0]!), 'Mountain at sunrise', 'the matching pinned file first');
    assert.ok(!items.some((i) => labelOf(i) === 'Brand logo'), 'a pinned file that does not match is left out');
    const exact = ours(await complete(document, new vscode.Position(0, 22)))[0]!;
    await accept(document, exact);
    assert.equal(document.getText(), `const hero = "${sunrise.fileId}";`, 'the typed text inside the quotes becomes the id');
    assert.match(insertTextOf(exact), FILE_ID);
  });

  it('when the typing share of the search budget is used up, known files still come and the log says once until when', async () => {
    for (let i = 0; i < TYPING_SEARCHES_PER_HOUR; i++) {
      await app.search.search(`budget filler ${i}`, { numResults: 1, purpose: 'typing' }).catch(() => undefined);
    }
    const said: string[] = [];
    const info = app.log.info.bind(app.log);
    app.log.info = (message: string) => {
      said.push(message);
      info(message);
    };
    try {
      await app.remembered.pin([listed[0]!.fileId]);
      const document = await openDocument('typescript', `x = "${listed[0]!.displayName.slice(0, 6)}";`);
      await admin('DELETE', 'requests');
      const cursor = new vscode.Position(0, 5 + listed[0]!.displayName.slice(0, 6).length);
      const first = ours(await complete(document, cursor));
      await complete(document, cursor.translate(0, -1));
      assert.equal(labelOf(first[0]!), listed[0]!.displayName, 'the known files still come');
      assert.equal(await searches(), 0, 'no search beyond the budget');
      const pauses = said.filter((line) => line.includes('paused until'));
      assert.equal(pauses.length, 1, `said once: ${said.join(' | ')}`);
    } finally {
      app.log.info = info;
    }
  });
});
