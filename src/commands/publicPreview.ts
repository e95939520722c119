import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { failed, runBatch, succeeded } from '../batch/run';
import { batchSummaryMessage, showBatchSummary } from '../batch/summary';
import { quotedName } from '../files/safeText';
import { labelOf } from '../files/wording';
import { resolveFiles } from './fileArgs';

const SWITCH_CONCURRENCY = 4;

/**
 * Turns public preview on or off, a few files at a time; the API's answers go to the store, which updates the tree
 * and open previews. A batch ends with the summary of batches; one file's failure is reported on its own.
 */
async function setPublicPreview(app: App, files: readonly FileInfo[], enabled: boolean): Promise<FileInfo[]> {
  const client = await app.session.requireClient();
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: enabled ? vscode.l10n.t('Enabling public preview…') : vscode.l10n.t('Disabling public preview…') },
    () =>
      runBatch(files, SWITCH_CONCURRENCY, async (file) => {
        const answer = enabled ? await client.enablePublicPreview(file.fileId) : await client.disablePublicPreview(file.fileId);
        return app.store.put(answer)[0]!;
      }),
  );
  const failures = failed(outcomes);
  if (files.length === 1 && failures.length === 1) {
    const name = quotedName(labelOf(files[0]!));
    app.errors.report(failures[0]!.error, enabled ? vscode.l10n.t('Could not enable public preview for {0}', name) : vscode.l10n.t('Could not disable public preview for {0}', name));
  } else if (files.length > 1) {
    const done = files.length - failures.length;
    const counted = enabled
      ? vscode.l10n.t('Enabled public preview for {0} of {1} files', done, files.length)
      : vscode.l10n.t('Disabled public preview for {0} of {1} files', done, files.length);
    const what = enabled ? vscode.l10n.t('Could not enable public preview') : vscode.l10n.t('Could not disable public preview');
    const message = batchSummaryMessage(app.errors, what, counted, failures.map((f) => ({ name: labelOf(f.item), error: f.error })));
    showBatchSummary(app.log, message, { succeeded: done, failed: failures.length });
  }
  return succeeded(outcomes).map((s) => s.value);
}

/** `videogen.enablePublicPreview` / `videogen.disablePublicPreview` on the resolved files. Resolves the files switched. */
export async function switchPublicPreview(app: App, args: readonly unknown[], enabled: boolean): Promise<FileInfo[]> {
  const title = enabled ? vscode.l10n.t('Enable Public Preview') : vscode.l10n.t('Disable Public Preview');
  const files = await resolveFiles(app, args, { pickTitle: title });
  return files.length > 0 ? setPublicPreview(app, files, enabled) : [];
}
