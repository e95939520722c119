import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { isFileNode, type FileNode } from '../tree/nodes';
import { pickFile } from './pickFile';

/**
 * What the `videogen.copyFileId` keybinding passes (`"args": { "source": "videogen.files" }` in package.json):
 * "act on the tree's selection". Without it a keybinding looks like a palette call, which asks with a quick pick.
 */
export const FROM_FILES_VIEW = 'videogen.files';

/** The shape of the FileInfo handed around by the preview panel and other extensions: checked loosely, it is ours. */
export function isFileInfo(value: unknown): value is FileInfo {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<FileInfo>;
  return typeof file.fileId === 'string' && file.fileId !== '' && typeof file.displayName === 'string';
}

function isFromFilesView(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { source?: unknown }).source === FROM_FILES_VIEW;
}

function isFileId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A FileInfo carried by a tree node or given directly; IDs and anything else give undefined. */
function fileOf(value: unknown): FileInfo | undefined {
  if (isFileNode(value)) return value.file;
  return isFileInfo(value) ? value : undefined;
}

/**
 * One rule for the tree, whether a command comes from a row's context menu or from a keybinding (Ctrl+C): it acts
 * on the selected rows, and a context menu on a row outside the selection acts on that row, which then becomes the
 * selection, so that the next keybinding acts on the same row. Context menus pass `(clicked, selectedNodes)`, the
 * selection only when several rows are selected, even when the click was on another row.
 */
async function filesFromTree(app: App, clicked: FileInfo, row: FileNode | undefined, selection: unknown): Promise<FileInfo[]> {
  const selected = Array.isArray(selection) ? selection.map(fileOf).filter((f): f is FileInfo => f !== undefined) : [];
  // A file may be selected twice: in a root section (Pinned, results) and in the listing. It is acted on once.
  if (selected.some((f) => f.fileId === clicked.fileId)) return [...new Map(selected.map((f) => [f.fileId, f])).values()];
  const current = app.files.selectedFiles();
  if (row && !(current.length === 1 && current[0]!.fileId === clicked.fileId)) await app.files.select(clicked.fileId, row.section);
  return [clicked];
}

/** Files by ID: known ones from the store, the others with GET /v1/files/{id} (and then known). */
async function filesFromIds(app: App, ids: readonly string[]): Promise<FileInfo[]> {
  const client = await app.session.requireClient();
  return Promise.all(ids.map(async (id) => app.store.get(id.trim()) ?? app.store.put(await client.getFile(id.trim()))[0]!));
}

export interface ResolveOptions {
  /** Title of the quick pick shown when nothing says which file (command palette). */
  pickTitle?: string;
}

/**
 * The files a command acts on, from whatever VS Code passed it:
 * - a tree node `{ kind: 'file', file }`, plus the multi-selection as the second argument (tree menus);
 * - a `FileInfo` (the preview panel), or an array of nodes / FileInfos;
 * - a file ID string, or an array of them (other extensions, tests): fetched with GET /v1/files/{id};
 * - `{ source: 'videogen.files' }` (the tree's keybinding): the tree's selection;
 * - nothing (command palette, editor keybinding): a quick pick of the library.
 * Resolves to [] when the user dismisses the quick pick.
 */
export async function resolveFiles(app: App, args: readonly unknown[], options: ResolveOptions = {}): Promise<FileInfo[]> {
  const [first, second] = args;
  const clicked = fileOf(first);
  if (clicked) return filesFromTree(app, clicked, isFileNode(first) ? first : undefined, second);
  if (isFileId(first)) return filesFromIds(app, [first]);
  if (Array.isArray(first)) return resolveList(app, first);
  if (isFromFilesView(first)) {
    const selected = app.files.selectedFiles();
    if (selected.length > 0) return selected;
  }
  const picked = await pickFile(app, { title: options.pickTitle ?? vscode.l10n.t('Select a VideoGen File') });
  return picked ? [picked] : [];
}

async function resolveList(app: App, values: readonly unknown[]): Promise<FileInfo[]> {
  const files = values.map(fileOf);
  const ids = values.filter(isFileId);
  if (files.every((f) => f !== undefined)) return files as FileInfo[];
  if (ids.length === values.length) return filesFromIds(app, ids);
  throw new Error(vscode.l10n.t('Expected VideoGen files or file IDs.'));
}
