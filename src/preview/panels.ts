import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { PreviewPanels } from '../app';
import type { Services } from '../services';
import { PREVIEW_VIEW_TYPE, PreviewPanel, type PreviewDebugState } from './panel';
import { parseWebviewState, type WebviewToHost } from './protocol';

/**
 * The media preview editors: one tab per file, revealed when opened again, restored after a reload
 * of the window (through the serializer), reloaded when the API key or connection changes.
 */
export class PreviewPanelManager implements PreviewPanels, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, PreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    this.disposables.push(
      services.session.onDidChange(() => this.panels.forEach((panel) => void panel.reconnect())),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
    );
  }

  async open(file: FileInfo): Promise<void> {
    const existing = this.panels.get(file.fileId);
    if (existing) return existing.reveal();
    const column = this.previewColumn();
    const webviewPanel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, file.displayName || file.fileId, column, { enableScripts: true });
    await this.track(webviewPanel, file.fileId, file).load();
  }

  /**
   * Previews open together: in the group of the active preview, else of the first one open. The first
   * preview opens beside the code when a text editor is active (it stays visible for "Insert File ID"),
   * else in the active group.
   */
  private previewColumn(): vscode.ViewColumn {
    let latest: PreviewPanel | undefined;
    for (const panel of this.panels.values()) if (panel.panel.active || !latest) latest = panel;
    const column = latest?.panel.viewColumn;
    if (column !== undefined) return column;
    return vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
  }

  /** Shows newer data of a file in its open preview, if any (e.g. after public preview was switched on). */
  async update(file: FileInfo): Promise<void> {
    await this.panels.get(file.fileId)?.update(file);
  }

  /** Closes the preview of a file that is gone (archived). */
  close(fileId: string): void {
    this.panels.get(fileId)?.dispose();
  }

  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parseWebviewState(state);
    if (!restored || this.panels.has(restored.fileId)) {
      webviewPanel.dispose();
      return;
    }
    await this.track(webviewPanel, restored.fileId, undefined).load();
  }

  private track(webviewPanel: vscode.WebviewPanel, fileId: string, file: FileInfo | undefined): PreviewPanel {
    const panel = new PreviewPanel(webviewPanel, fileId, file, this.services);
    this.panels.set(fileId, panel);
    webviewPanel.onDidDispose(() => {
      if (this.panels.get(fileId) === panel) this.panels.delete(fileId);
      panel.dispose();
    });
    return panel;
  }

  // --- Test surface: read-only state and simulated webview messages, for the integration tests only. ---

  /** Snapshot of the open preview of a file, or undefined when none is open. For tests. */
  debugState(fileId: string): PreviewDebugState | undefined {
    return this.panels.get(fileId)?.debugState();
  }

  /** Delivers `message` to the preview of a file as if its webview had posted it; resolves when handled. For tests. */
  async debugReceive(fileId: string, message: WebviewToHost): Promise<void> {
    await this.panels.get(fileId)?.receive(message);
  }

  /** Makes the background URL refresh of a file's preview fall due now. For tests. */
  debugRefreshDue(fileId: string): void {
    this.panels.get(fileId)?.debugRefreshDue();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}
