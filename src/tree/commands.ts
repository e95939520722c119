// The Files view's own commands for this workspace's pins and for "Search Library…". Pins are ids in the
// workspace state (app.remembered); the view follows it. Search results are shown by the view (app.files).
import * as vscode from 'vscode';
import type { App } from '../app';
import { resolveFiles } from '../commands/fileArgs';
import { isFileNode, isIdNode } from './nodes';
import { queryProblem, MAX_QUERY_LENGTH } from './treeSearch';

/** Pin: the clicked row, the selection, or (palette) a file picked from the library. */
export async function pinFiles(app: App, args: readonly unknown[]): Promise<void> {
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Pin a VideoGen File') });
  await app.remembered.pin(files.map((f) => f.fileId));
}

/**
 * Unpin: as Pin, and also a pinned id whose file is not in the library (its row carries the id, not a file), alone
 * or within the selection.
 */
export async function unpinFiles(app: App, args: readonly unknown[]): Promise<void> {
  const ids = unresolvedSelection(args) ?? (await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Unpin a VideoGen File') })).map((f) => f.fileId);
  await app.remembered.unpin(ids);
}

/** The ids of the rows a menu acted on when one of them is an id row; undefined when they are all files. */
function unresolvedSelection(args: readonly unknown[]): string[] | undefined {
  const [first, selection] = args;
  const selected = Array.isArray(selection) ? selection : [];
  if (!isIdNode(first) && !selected.some(isIdNode)) return undefined;
  const rows = selected.includes(first) ? selected : [first];
  return rows.flatMap((row) => (isIdNode(row) ? [row.fileId] : isFileNode(row) ? [row.file.fileId] : []));
}

/**
 * "Search Library…": asks for a query (or takes it as the argument, for keybindings and other extensions), then
 * the Files view shows the results as its "Results for '…'" root.
 */
export async function searchLibrary(app: App, query?: unknown): Promise<void> {
  const asked = typeof query === 'string' ? query : await askQuery(app);
  // Enter on an empty box is a way to leave it, as Escape is.
  if (asked === undefined || (typeof query !== 'string' && asked.trim() === '')) return;
  const problem = validationMessage(asked);
  if (problem !== undefined) throw new Error(problem);
  await app.files.showSearchResults(asked);
}

function askQuery(app: App): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Search Library'),
    prompt: vscode.l10n.t('Describe what you are looking for, or paste a file ID or VideoGen URL'),
    placeHolder: vscode.l10n.t('e.g. mountain at sunrise'),
    value: app.files.searchQuery() ?? '',
    // Nothing typed yet is not an error worth a red box; only a query the API would refuse is.
    validateInput: (value) => (queryProblem(value) === 'tooLong' ? validationMessage(value) : undefined),
  });
}

function validationMessage(query: string): string | undefined {
  switch (queryProblem(query)) {
    case 'empty':
      return vscode.l10n.t('Type what to search for.');
    case 'tooLong':
      return vscode.l10n.t('A search is at most {0} characters.', MAX_QUERY_LENGTH);
    case undefined:
      return undefined;
  }
}
