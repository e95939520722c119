// "Find Usages in Workspace": where the workspace's text files mention a file's id (bare, or inside its app media
// link or a library URL), shown in VS Code's references peek. Nothing is scanned until the command runs; the scan
// honours `files.exclude` and `search.exclude`, reads open documents from memory (unsaved edits count), skips
// media and large files, stops at MAX_FILES, and is cancellable from its progress notification.

import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { ConcurrencyLimiter } from '../async/limits';
import { resolveFiles } from '../commands/fileArgs';
import { quotedName } from '../files/safeText';
import { excludeGlob, isBinaryByName, looksBinary, usagesInText } from './scan';

/** Files searched at most (the first ones `findFiles` lists); the message says when the limit cut the search short. */
export const MAX_FILES = 10_000;
/** Larger files are not read: a reference to media lives in source, not in multi-megabyte bundles or data dumps. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const READS_AT_ONCE = 8;

export interface UsageSearch {
  readonly locations: vscode.Location[];
  readonly filesSearched: number;
  /** MAX_FILES was reached: files after those were not searched. */
  readonly truncated: boolean;
}

/**
 * `videogen.findUsages`: the usages of the resolved files (tree rows, ids; a quick pick from the palette) in the
 * references peek, or a message saying there are none. Resolves the search (for tests), undefined when cancelled.
 */
export async function findUsages(app: App, args: readonly unknown[]): Promise<UsageSearch | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: Find Usages searches the files of the workspace.'));
    return undefined;
  }
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Find Usages in Workspace') });
  if (files.length === 0) return undefined;
  const search = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: searchTitle(files), cancellable: true },
    (progress, token) => searchWorkspace(files.map((file) => file.fileId), token, progress),
  );
  if (!search) return undefined;
  await showUsages(files, search);
  return search;
}

function searchTitle(files: readonly FileInfo[]): string {
  return files.length === 1
    ? vscode.l10n.t('Finding usages of {0} in the workspace', quotedName(files[0]!.displayName))
    : vscode.l10n.t('Finding usages of {0} files in the workspace', files.length);
}

async function showUsages(files: readonly FileInfo[], search: UsageSearch): Promise<void> {
  const [first] = search.locations;
  if (!first) {
    const searched = search.truncated
      ? vscode.l10n.t('the first {0} files searched', search.filesSearched)
      : vscode.l10n.t('{0} files searched', search.filesSearched);
    const message =
      files.length === 1
        ? vscode.l10n.t('No usages of {0} ({1}) in the workspace ({2}).', quotedName(files[0]!.displayName), files[0]!.fileId, searched)
        : vscode.l10n.t('No usages of the {0} files in the workspace ({1}).', files.length, searched);
    void vscode.window.showInformationMessage(message);
    return;
  }
  if (search.truncated) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Only the first {0} files of the workspace were searched for usages.', search.filesSearched));
  }
  await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, search.locations);
}

/** Every usage of `fileIds` in the workspace's text files, in path order; undefined when cancelled. */
export async function searchWorkspace(
  fileIds: readonly string[],
  token: vscode.CancellationToken,
  progress?: vscode.Progress<{ message?: string; increment?: number }>,
): Promise<UsageSearch | undefined> {
  const exclude = excludeGlob(
    vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'),
    vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude'),
  );
  const uris = await vscode.workspace.findFiles('**/*', exclude ?? null, MAX_FILES + 1, token);
  if (token.isCancellationRequested) return undefined;
  const truncated = uris.length > MAX_FILES;
  const toSearch = uris.slice(0, MAX_FILES).sort((a, b) => a.toString().localeCompare(b.toString()));
  const openTexts = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
  const limiter = new ConcurrencyLimiter(READS_AT_ONCE);
  let done = 0;
  const perFile = await Promise.all(
    toSearch.map((uri) =>
      limiter.run(async () => {
        if (token.isCancellationRequested) return [];
        const text = openTexts.get(uri.toString())?.getText() ?? (await readText(uri));
        const found = text === undefined ? [] : locationsIn(uri, text, fileIds);
        done++;
        if (done % 200 === 0) progress?.report({ message: vscode.l10n.t('{0} of {1} files', done, toSearch.length), increment: (200 / toSearch.length) * 100 });
        return found;
      }),
    ),
  );
  if (token.isCancellationRequested) return undefined;
  return { locations: perFile.flat(), filesSearched: toSearch.length, truncated };
}

function locationsIn(uri: vscode.Uri, text: string, fileIds: readonly string[]): vscode.Location[] {
  const usages = fileIds.flatMap((fileId) => usagesInText(text, fileId));
  usages.sort((a, b) => a.line - b.line || a.character - b.character);
  return usages.map((at) => new vscode.Location(uri, new vscode.Range(at.line, at.character, at.line, at.character + at.length)));
}

/** The file's text, or undefined for media by name, a file too large, binary content, or one that cannot be read. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  if (isBinaryByName(uri.path)) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES || !(stat.type & vscode.FileType.File)) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    return looksBinary(bytes) ? undefined : new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined; // deleted since it was listed, or unreadable: not a usage
  }
}
