import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { failed, runBatch, succeeded } from '../batch/run';
import { batchSummaryMessage, showBatchSummary } from '../batch/summary';
import { quotedName } from '../files/safeText';
import { labelOf } from '../files/wording';
import { resolveFiles } from './fileArgs';
import { askModal } from '../modal';

/** Archive requests in flight at once: a big selection neither floods the API nor waits on one file at a time. */
const ARCHIVE_CONCURRENCY = 4;

export interface ArchiveResult {
  archived: string[];
  failed: string[];
}

/**
 * `videogen.archiveFiles` (row menu, Delete in the Files view, palette): asks in a modal dialog naming the file or
 * the count, then takes the files out of every view at once (the store tells the tree, previews and pickers) and
 * archives them, a few at a time. A file whose archive fails is put back where it was, and the batch ends with a
 * summary naming the failures. Resolves what happened, or undefined when the user cancelled.
 */
export async function archiveFiles(app: App, args: readonly unknown[]): Promise<ArchiveResult | undefined> {
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Archive') });
  if (files.length === 0 || !(await confirmArchive(files))) return undefined;
  const client = await app.session.requireClient();
  const previous = files.map((file) => app.store.get(file.fileId) ?? file);
  app.store.remove(files.map((file) => file.fileId), { reason: 'archived' });
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: archivingTitle(files) },
    () => runBatch(previous, ARCHIVE_CONCURRENCY, (file) => client.archiveFile(file.fileId)),
  );
  const failures = failed(outcomes);
  if (failures.length > 0) app.store.put(failures.map((f) => f.item), { joinedLibrary: true });
  reportArchive(app, files, failures);
  return { archived: succeeded(outcomes).map((s) => s.item.fileId), failed: failures.map((f) => f.item.fileId) };
}

function archivingTitle(files: readonly FileInfo[]): string {
  return files.length === 1 ? vscode.l10n.t('Archiving {0}…', quotedName(labelOf(files[0]!))) : vscode.l10n.t('Archiving {0} files…', files.length);
}

async function confirmArchive(files: readonly FileInfo[]): Promise<boolean> {
  const archive = vscode.l10n.t('Archive');
  const message =
    files.length === 1
      ? vscode.l10n.t('Archive {0}?', quotedName(labelOf(files[0]!)))
      : vscode.l10n.t('Archive {0} files?', files.length);
  const detail =
    files.length === 1
      ? vscode.l10n.t('The file leaves your VideoGen library: it is no longer listed or found by search. Links and embeds already shared may stop working.')
      : vscode.l10n.t('The files leave your VideoGen library: they are no longer listed or found by search. Links and embeds already shared may stop working.');
  return (await askModal(message, detail, [archive])) === archive;
}

function reportArchive(app: App, files: readonly FileInfo[], failures: readonly { item: FileInfo; error: unknown }[]): void {
  const what = vscode.l10n.t('Could not archive');
  const done = files.length - failures.length;
  if (files.length === 1) {
    if (failures.length === 0) vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Archived {0}', quotedName(labelOf(files[0]!))), 4000);
    else app.errors.report(failures[0]!.error, vscode.l10n.t('Could not archive {0}', quotedName(labelOf(files[0]!))));
    return;
  }
  const counted = failures.length === 0 ? vscode.l10n.t('Archived {0} files', done) : vscode.l10n.t('Archived {0} of {1}', done, files.length);
  const message = batchSummaryMessage(app.errors, what, counted, failures.map((f) => ({ name: labelOf(f.item), error: f.error })));
  showBatchSummary(app.log, message, { succeeded: done, failed: failures.length });
}
