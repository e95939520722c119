import * as vscode from 'vscode';
import { VideoGenApiError, type FileInfo } from '../api';
import type { App } from '../app';
import { parseFileRef, type FileRefParse, type FileRefProblem } from '../files/fileRefs';
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
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} ({1}) is archived: it is no longer in your VideoGen library.', quotedName(file.displayName), file.fileId));
    return;
  }
  await app.previews.open(file);
  app.files.select(file.fileId);
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
  const known = parsed.reason === 'noFileInUrl' ? fileWithPublicUrl(app, text.trim()) : undefined;
  if (known) return known.fileId;
  const message = fileRefProblemMessage(parsed.reason);
  if (message) void vscode.window.showWarningMessage(message);
  return undefined;
}

function fileWithPublicUrl(app: App, url: string): FileInfo | undefined {
  const withoutQuery = url.split(/[?#]/)[0];
  for (const file of app.store.values()) {
    if (file.publicHlsUrl !== null && file.publicHlsUrl.split(/[?#]/)[0] === withoutQuery) return file;
    if (file.publicPlaybackId !== null && withoutQuery?.includes(file.publicPlaybackId)) return file;
  }
  return undefined;
}

/** GET /v1/files/{id}; a 404 is said plainly. */
async function fetchFile(app: App, fileId: string): Promise<FileInfo | undefined> {
  const client = await app.session.requireClient();
  try {
    const file = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Looking up {0}…', fileId) },
      () => client.getFile(fileId),
    );
    return app.store.put(file)[0];
  } catch (error) {
    if (error instanceof VideoGenApiError && (error.status === 404 || error.status === 400)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not in your VideoGen library.', fileId));
      return undefined;
    }
    throw error;
  }
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
