// What the integration tests reach inside the extension. `activate` returns this only when VS Code runs the
// extension in test mode (ExtensionMode.Test); in production it returns nothing.
import type * as vscode from 'vscode';
import type { App } from './app';
import { simulatedSecretStorage, type SimulatedSecretStorage } from './auth/simulatedSecrets';
import { answerModalsForTests } from './modal';
import type { PasteProviders } from './paste/providers';
import type { PreviewPanelState } from './preview/panel';
import type { PreviewPanelManager } from './preview/panels';
import type { WebviewToHost } from './preview/protocol';
import type { StatusView } from './status/statusItem';
import type { FilesTreeProvider } from './tree/provider';
import { recordToolConfirmationsForTests, type ToolConfirmation } from './tools/confirmations';

export interface TestHooks {
  readonly app: App;
  readonly tree: FilesTreeProvider;
  readonly previews: PreviewPanelManager;
  /** What the open preview of a file shows, or undefined when none is open. */
  previewState(fileId: string): PreviewPanelState | undefined;
  /** Delivers `message` to the preview of a file as if its webview had posted it; resolves when handled. */
  deliverToPreview(fileId: string, message: WebviewToHost): Promise<void>;
  /** Makes the background URL refresh of a file's preview fall due now. */
  refreshPreviewUrls(fileId: string): void;
  /**
   * Answers the modal confirmations (Archive, Copy Public Link) instead of the dialog, which the extension host
   * cannot click: `answer` gets the message and buttons and returns the button to pick (undefined cancels).
   * Dispose to bring the real dialog back.
   */
  answerModals(answer: (message: string, buttons: readonly string[]) => string | undefined): vscode.Disposable;
  /** What the VideoGen status-bar item shows now. */
  statusItem(): StatusView;
  /** The paste and drop providers (src/paste), to call as VS Code does. */
  readonly paste: PasteProviders;
  /**
   * Records the confirmations the language-model tools ask for instead of VS Code's modal (which the extension host
   * cannot click); the invocations go ahead as after Continue. Dispose to bring the real confirmation back.
   */
  recordToolConfirmations(record: (confirmation: ToolConfirmation) => void): vscode.Disposable;
  /**
   * Makes the API key's secret storage fail from now on: `unavailable` throws on every call (no OS keyring),
   * `forgetful` keeps secrets in memory (`forgetful` again is a fresh one: a reload that lost them). Dispose to go
   * back to VS Code's secret storage.
   */
  simulateSecretStorage(kind: SimulatedSecretStorage): vscode.Disposable;
  /** What a closed preview or a finished refresh must give back: the leak test compares these before and after. */
  liveCounts(): LiveCounts;
}

export interface LiveCounts {
  /** Subscriptions to the file store. */
  storeListeners: number;
  /** Consumers holding the processing poll on. */
  processingHolders: number;
  /** Open preview panels. */
  previews: number;
}

export function createTestHooks(
  app: App,
  tree: FilesTreeProvider,
  previews: PreviewPanelManager,
  status: { readonly view: StatusView },
  paste: PasteProviders,
): TestHooks {
  return {
    app,
    tree,
    previews,
    previewState: (fileId) => previews.panelOf(fileId)?.state,
    deliverToPreview: async (fileId, message) => previews.panelOf(fileId)?.receive(message),
    refreshPreviewUrls: (fileId) => previews.panelOf(fileId)?.refreshNow(),
    answerModals: (answer) => answerModalsForTests(async (message, _detail, buttons) => answer(message, buttons)),
    statusItem: () => status.view,
    paste,
    recordToolConfirmations: recordToolConfirmationsForTests,
    simulateSecretStorage: (kind) => {
      app.keys.replaceSecretsForTests(simulatedSecretStorage(kind));
      return { dispose: () => app.keys.replaceSecretsForTests(app.context.secrets) };
    },
    liveCounts: () => ({ storeListeners: app.store.listenerCount, processingHolders: app.processing.holderCount, previews: previews.openCount }),
  };
}
