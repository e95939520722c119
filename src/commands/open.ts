import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App, OpenPreviewOptions } from '../app';
import { resolveFiles } from './fileArgs';
import { appMediaUrl } from '../files/fileRefs';

/** Opening more at once is almost certainly a mis-selection (and each opens a panel or a browser tab). */
export const MAX_FILES_OPENED = 5;

async function resolveAtMost(app: App, args: readonly unknown[], pickTitle: string): Promise<FileInfo[]> {
  const files = await resolveFiles(app, args, { pickTitle });
  if (files.length > MAX_FILES_OPENED) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Opening the first {0} of the {1} selected files.', MAX_FILES_OPENED, files.length),
    );
  }
  return files.slice(0, MAX_FILES_OPENED);
}

/** What a tree row's click passes after the node and the selection: `{ preview: true }` (see OpenPreviewOptions). */
function openOptionsOf(value: unknown): OpenPreviewOptions {
  if (typeof value !== 'object' || value === null) return {};
  return (value as OpenPreviewOptions).preview === true ? { preview: true } : {};
}

/**
 * `videogen.openPreview`: a preview editor for each resolved file (at most five). A single click on a row opens
 * one that the next single click replaces; the menu command opens a tab that stays.
 */
export async function openPreviews(app: App, args: readonly unknown[]): Promise<void> {
  const files = await resolveAtMost(app, args.slice(0, 2), vscode.l10n.t('Open Preview'));
  const options = files.length === 1 ? openOptionsOf(args[2]) : {};
  for (const file of files) await app.previews.open(file, options);
}

/** `videogen.openPreviewToSide`: like Open Preview, beside the active editor. */
export async function openPreviewsToSide(app: App, args: readonly unknown[]): Promise<void> {
  const files = await resolveAtMost(app, args.slice(0, 2), vscode.l10n.t('Open Preview to the Side'));
  for (const file of files) await app.previews.open(file, { toSide: true });
}

/**
 * `videogen.openInVideoGen`: each file's page in the VideoGen web app. Never a signed media URL: browsers and hosts
 * append query parameters to URLs they open, which breaks the signature (and the page outlives any signed link).
 */
export async function openInVideoGen(app: App, args: readonly unknown[]): Promise<void> {
  const files = await resolveAtMost(app, args, vscode.l10n.t('Open in VideoGen'));
  for (const file of files) await openUrlAsIs(appMediaUrl(file.fileId));
}

/**
 * Opens `url` exactly as given. `env.openExternal` is typed to take a Uri, but a Uri re-encodes its query on the
 * way to the browser (`%26` becomes `&`, `%2B` becomes `+`). Given the string, VS Code opens it untouched:
 * ExtHostWindow.openUri takes `string | URI` and keeps a string that parses back unchanged.
 */
function openUrlAsIs(url: string): Thenable<boolean> {
  return vscode.env.openExternal(url as unknown as vscode.Uri);
}
