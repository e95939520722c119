import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';

/** Turns public preview on for `files`; the store tells every view. Resolves the updated files. */
export async function enablePublicPreviews(app: App, files: readonly FileInfo[]): Promise<FileInfo[]> {
  const client = await app.session.requireClient();
  const updated = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Enabling public preview…') },
    () => Promise.all(files.map((file) => client.enablePublicPreview(file.fileId))),
  );
  return app.store.put(updated);
}
