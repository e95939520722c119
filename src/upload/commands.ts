// The upload gestures: "Upload Files…" (a file dialog), the Explorer's "Upload to VideoGen" and files dropped on
// the Files view. Each hands its files to uploadFiles, which shows progress and the summary.

import * as vscode from 'vscode';
import type { App } from '../app';
import { uploadFiles, type UploadBatchResult, type UploadItem } from './index';
import { acceptedExtensions } from '../files/mediaTypes';

/** "VideoGen: Upload Files…": a multi-select file dialog filtered to the media VideoGen takes. */
export async function uploadFromDialog(app: App): Promise<UploadBatchResult | undefined> {
  await app.session.requireClient();
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: vscode.l10n.t('Upload'),
    title: vscode.l10n.t('Upload Files to VideoGen'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: dialogFilters(),
  });
  if (!uris || uris.length === 0) return undefined;
  return uploadFiles(app, uris);
}

function dialogFilters(): Record<string, string[]> {
  const accepted = acceptedExtensions();
  return {
    [vscode.l10n.t('Media')]: Object.values(accepted).flat(),
    [vscode.l10n.t('Images')]: [...accepted.IMAGE],
    [vscode.l10n.t('Videos')]: [...accepted.VIDEO],
    [vscode.l10n.t('Audio')]: [...accepted.AUDIO],
    [vscode.l10n.t('PDF')]: [...accepted.PDF],
  };
}

/**
 * The Explorer's "Upload to VideoGen": VS Code passes the clicked file and the whole selection (`uri, uris`). A
 * selection the clicked file is not part of means the menu was opened outside it: the clicked file alone.
 */
export async function uploadExplorerSelection(app: App, clicked: unknown, selection: unknown): Promise<UploadBatchResult | undefined> {
  const uris = explorerTargets(clicked, selection);
  if (uris.length === 0) return uploadFromDialog(app);
  return uploadFiles(app, uris);
}

export function explorerTargets(clicked: unknown, selection: unknown): vscode.Uri[] {
  const selected = Array.isArray(selection) ? selection.filter((item): item is vscode.Uri => item instanceof vscode.Uri) : [];
  if (clicked instanceof vscode.Uri) {
    return selected.some((uri) => uri.toString() === clicked.toString()) ? selected : [clicked];
  }
  if (selected.length > 0) return selected;
  // From the palette or a keybinding: the file of the active editor, if it is one.
  const active = vscode.window.activeTextEditor?.document.uri;
  return active && active.scheme === 'file' ? [active] : [];
}

/** Files dropped on the Files view. */
export function uploadDropped(app: App, items: UploadItem[]): void {
  uploadFiles(app, items).catch((error) => app.errors.report(error, vscode.l10n.t('Upload failed')));
}
