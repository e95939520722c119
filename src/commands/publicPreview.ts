import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { resolveFiles } from './fileArgs';

/** Turns public preview on for `files`; the store tells every view. Resolves the updated files. */
export async function enablePublicPreviews(app: App, files: readonly FileInfo[]): Promise<FileInfo[]> {
  return setPublicPreview(app, files, true);
}

/** Turns public preview on or off; the API's answers go to the store, which updates the tree and open previews. */
async function setPublicPreview(app: App, files: readonly FileInfo[], enabled: boolean): Promise<FileInfo[]> {
  const client = await app.session.requireClient();
  const updated = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: enabled ? vscode.l10n.t('Enabling public preview…') : vscode.l10n.t('Disabling public preview…') },
    () => Promise.all(files.map((file) => (enabled ? client.enablePublicPreview(file.fileId) : client.disablePublicPreview(file.fileId)))),
  );
  return app.store.put(updated);
}

/** `videogen.enablePublicPreview` / `videogen.disablePublicPreview` on the resolved files. */
export async function switchPublicPreview(app: App, args: readonly unknown[], enabled: boolean): Promise<void> {
  const title = enabled ? vscode.l10n.t('Enable Public Preview') : vscode.l10n.t('Disable Public Preview');
  const files = await resolveFiles(app, args, { pickTitle: title });
  if (files.length > 0) await setPublicPreview(app, files, enabled);
}
