import * as vscode from 'vscode';
import type { App } from './app';
import { ApiKeyStore, type SecretBackend } from './auth/apiKeyStore';
import { simulatedSecretStorage, simulationFromEnv } from './auth/simulatedSecrets';
import { registerCommands } from './commands/table';
import { registerCompletion } from './completion';
import { VideoGenApiError } from './api';
import { ErrorReporter } from './errors';
import { statesOf } from './files/facts';
import { ProcessingWatch } from './files/processingWatch';
import { FileLookup } from './files/lookup';
import { RememberedFiles } from './files/remembered';
import { LibrarySearch } from './files/search';
import { FileStore } from './files/store';
import { Log } from './log';
import { registerPasteAndDrop } from './paste/providers';
import { PreviewPanelManager } from './preview/panels';
import { ApiSession } from './session';
import { ConnectionStatusItem } from './status/statusItem';
import { createTestHooks, type TestHooks } from './testHooks';
import { createThumbnailCache } from './thumbnails';
import { registerFilesTree } from './tree';
import { UploadActivity } from './upload/activity';
import { uploadDropped } from './upload/commands';
import { registerLanguageModelTools } from './tools';
import { registerCodeInsight } from './codeInsight';

/**
 * Activation is implicit (views and commands in package.json) and does no network request: the client is built,
 * and the API first called, when a view or command needs it. Nothing is exported, so no other extension can reach
 * the key or the session; integration tests get a handle only when VS Code runs the extension in test mode.
 */
export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const log = new Log(vscode.window.createOutputChannel('VideoGen', { log: true }));
  const keys = new ApiKeyStore(secretsFor(context), context.globalState);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const store = new FileStore();
  const session = new ApiSession(keys, log, `videogen-vscode/${version} vscode/${vscode.version} node/${process.versions.node}`, store);
  const errors = new ErrorReporter(session, log);
  const { watch: processing, disposable: processingWatch } = watchProcessing(store, session, log);
  const thumbnails = createThumbnailCache(context, session, log);
  const lookup = createLookup(store, session);
  const remembered = new RememberedFiles(context.workspaceState);
  const search = createSearch(store, session);
  const services = { context, log, keys, session, errors, store, processing, thumbnails, lookup, remembered, search };
  const filesTree = registerFilesTree(services, (items) => uploadDropped(app, items));
  const previews = new PreviewPanelManager(services);
  const app: App = { ...services, files: filesTree.view, previews, uploads: new UploadActivity() };
  const status = new ConnectionStatusItem(session, errors, app.uploads);
  const pasteAndDrop = registerPasteAndDrop(app);
  context.subscriptions.push(log, keys, session, thumbnails, filesTree.disposable, previews, ...registerCommands(app), processingWatch, status, pasteAndDrop.disposable, registerCompletion(app));
  context.subscriptions.push(registerLanguageModelTools(app), registerCodeInsight(app));
  return context.extensionMode === vscode.ExtensionMode.Test ? createTestHooks(app, filesTree.provider, previews, status, pasteAndDrop.providers) : undefined;
}

/** VS Code's secret storage; outside production, VIDEOGEN_TEST_SECRET_STORAGE can swap in a failing one (e2e). */
function secretsFor(context: vscode.ExtensionContext): SecretBackend {
  const simulation = context.extensionMode === vscode.ExtensionMode.Production ? undefined : simulationFromEnv();
  return simulation ? simulatedSecretStorage(simulation) : context.secrets;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** What ids in text refer to; a 404 (or 400, a malformed id) is "not in your library". Forgotten with the connection. */
function createLookup(store: FileStore, session: ApiSession): FileLookup {
  const lookup = new FileLookup({
    store,
    getFile: async (fileId, signal) => (await session.requireClient()).getFile(fileId, signal),
    isNotFound: (error) => error instanceof VideoGenApiError && (error.status === 404 || error.status === 400),
  });
  session.onDidChange(() => lookup.forget());
  return lookup;
}

function createSearch(store: FileStore, session: ApiSession): LibrarySearch {
  const search = new LibrarySearch({
    store,
    searchFiles: async (query, numResults, signal) => (await session.requireClient()).searchFiles({ query, numResults }, signal),
  });
  session.onDidChange(() => search.forget());
  return search;
}

/** One poll for the window: files still processing are re-read, and the answers go to the store. */
function watchProcessing(store: FileStore, session: ApiSession, log: Log): { watch: ProcessingWatch; disposable: vscode.Disposable } {
  const watch = new ProcessingWatch({
    files: () => store.values(),
    isProcessing: (file) => statesOf(file).processing,
    fetchFile: async (fileId, signal) => (await session.requireClient()).getFile(fileId, signal),
    onChanged: (file) => store.put(file),
    onGone: (fileId) => store.remove(fileId),
    onError: (fileId, error) => log.warn(`Could not check whether ${fileId} finished processing: ${error instanceof Error ? error.message : String(error)}`),
  });
  watch.pause(); // until a view holds it
  const kicks = store.onDidChange(() => watch.kick());
  const resets = session.onDidChange(() => {
    store.forget();
    watch.reset();
  });
  return { watch, disposable: vscode.Disposable.from(kicks, resets, watch) };
}
