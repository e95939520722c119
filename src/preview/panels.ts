import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { OpenPreviewOptions, PreviewPanels } from '../app';
import type { Services } from '../services';
import { PREVIEW_VIEW_TYPE, PreviewPanel } from './panel';
import { parseWebviewState } from './protocol';

/**
 * The media preview editors: one tab per file, revealed when opened again, restored after a reload of the window
 * (through the serializer), reloaded when the API key or connection changes. A single click in the tree opens a
 * preview that the next single click replaces, as VS Code's own preview tabs do.
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

  /** The file of the panel a single click opened and nothing used since: the next single click replaces it. */
  private previewSlot: string | undefined;

  async open(file: FileInfo, options: OpenPreviewOptions = {}): Promise<void> {
    const existing = this.panels.get(file.fileId);
    if (existing) {
      if (!options.preview) this.keep(file.fileId);
      return existing.reveal(options.preview ?? false);
    }
    let column = options.toSide ? vscode.ViewColumn.Beside : this.previewColumn();
    const replaced = options.preview && this.previewSlot !== undefined ? this.panels.get(this.previewSlot) : undefined;
    if (replaced) column = replaced.panel.viewColumn ?? column;
    const webviewPanel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      file.displayName || file.fileId,
      { viewColumn: column, preserveFocus: options.preview ?? false },
      { enableScripts: true },
    );
    replaced?.dispose();
    this.previewSlot = options.preview ? file.fileId : this.previewSlot;
    await this.track(webviewPanel, file.fileId, file).load();
  }

  /** The panel becomes a tab of its own: a later single click opens another one beside it. */
  private keep(fileId: string): void {
    if (this.previewSlot === fileId) this.previewSlot = undefined;
  }

  /** How many panels are open. */
  get openCount(): number {
    return this.panels.size;
  }

  /** The open panel of a file. */
  panelOf(fileId: string): PreviewPanel | undefined {
    return this.panels.get(fileId);
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

  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parseWebviewState(state);
    if (!restored || this.panels.has(restored.fileId)) {
      webviewPanel.dispose();
      return;
    }
    await this.track(webviewPanel, restored.fileId, undefined).load();
  }

  private track(webviewPanel: vscode.WebviewPanel, fileId: string, file: FileInfo | undefined): PreviewPanel {
    const panel = new PreviewPanel(webviewPanel, fileId, file, this.services, () => this.keep(fileId));
    this.panels.set(fileId, panel);
    webviewPanel.onDidDispose(() => {
      if (this.panels.get(fileId) === panel) this.panels.delete(fileId);
      if (this.previewSlot === fileId) this.previewSlot = undefined;
      panel.dispose();
    });
    return panel;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}
