import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { fileWithPublicUrl, parseFileRef, type FileRefParse, type FileRefProblem } from '../files/fileRefs';
import { quotedName } from '../files/safeText';

/** What the input box says under a value it cannot open; undefined when it can. */
export function fileRefProblemMessage(problem: FileRefProblem): string | undefined {
  switch (problem) {
    case 'empty':
      return undefined; // nothing typed yet: no error, the prompt says what to type
    case 'malformedId':
      return vscode.l10n.t('A file ID is vg_file_ followed by 22 letters and digits.');
    case 'noFileInUrl':
      return vscode.l10n.t('This link names no VideoGen file. Paste a file ID, a VideoGen media link, or a public preview URL.');
    case 'notAReference':
      return vscode.l10n.t('Paste a file ID (vg_file_…), a VideoGen media link, or a public preview URL.');
  }
}

/**
 * `videogen.openFileById`: an input box (or the argument) with a file ID, an app media link or a public URL of the
 * library; opens the file's preview and selects its row when the view lists it.
 */
export async function openFileById(app: App, args: readonly unknown[]): Promise<void> {
  const given = typeof args[0] === 'string' ? args[0] : await askForReference();
  if (given === undefined) return;
  const fileId = resolveReference(app, given);
  if (fileId === undefined) return;
  const file = await fetchFile(app, fileId);
  if (!file) return;
  if (await isArchived(app, file)) {
    void vscode.window.showWarningMessage(archivedMessage(file, file.fileId));
    return;
  }
  await app.previews.open(file);
  await app.files.select(file.fileId);
}

function askForReference(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Open VideoGen File by ID or URL'),
    prompt: vscode.l10n.t('A file ID (vg_file_…), a VideoGen media link, or a public preview URL'),
    placeHolder: 'vg_file_…',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseFileRef(value);
      return parsed.ok ? undefined : fileRefProblemMessage(parsed.reason);
    },
  });
}

/** The id a reference names; a public HLS link carries a playback id, found among the files this window knows. */
function resolveReference(app: App, text: string): string | undefined {
  const parsed: FileRefParse = parseFileRef(text);
  if (parsed.ok) return parsed.fileId;
  const known = parsed.reason === 'noFileInUrl' ? fileWithPublicUrl(app.store.values(), text) : undefined;
  if (known) return known.fileId;
  const message = fileRefProblemMessage(parsed.reason);
  if (message) void vscode.window.showWarningMessage(message);
  return undefined;
}


/** The file from the store, else one GET (app.lookup); a 404 and an archive from this window are said plainly. */
async function fetchFile(app: App, fileId: string): Promise<FileInfo | undefined> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Looking up {0}…', fileId) },
    () => app.lookup.resolve(fileId),
  );
  if (result.kind === 'found') return result.file;
  if (result.kind === 'missing') void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not in your VideoGen library.', fileId));
  else void vscode.window.showWarningMessage(archivedMessage(result.file, fileId));
  return undefined;
}

function archivedMessage(file: FileInfo | undefined, fileId: string): string {
  return file
    ? vscode.l10n.t('{0} ({1}) is archived: it is no longer in your VideoGen library.', quotedName(file.displayName), fileId)
    : vscode.l10n.t('{0} is archived: it is no longer in your VideoGen library.', fileId);
}

/**
 * GET still answers for an archived file, and FileInfo says nothing about it: only the list does. The first page is
 * checked first (which also lists a file made a moment ago, so that its row can be selected); then the file is
 * archived if it left the list while this window watched, or if the whole library is listed and it is not there.
 */
async function isArchived(app: App, file: FileInfo): Promise<boolean> {
  await app.files.checkFirstPage();
  const listing = app.files.listingOf(file);
  return listing === 'departed' || listing === 'notListed';
}
