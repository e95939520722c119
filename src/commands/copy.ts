import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { relativeExpiry } from '../references/expiry';
import { resolveFiles } from './fileArgs';
import { lookUpUrl, missingUrlMessage, urlKindName, type FoundUrl, type MissingUrl, type UrlKind } from '../references/fileUrls';
import { publishThen } from '../references/publishing';
import { quotedLabelName, quotedName } from '../files/safeText';

const CONFIRMATION_MS = 3000;

/** The command of each URL kind: "Retry" and "Enable Public Preview" run it again with the files. */
export const COPY_URL_COMMANDS: Readonly<Record<UrlKind, string>> = {
  download: 'videogen.copyDownloadUrl',
  preview: 'videogen.copyPreviewUrl',
  thumbnail: 'videogen.copyThumbnailUrl',
  hls: 'videogen.copyHlsUrl',
  publicPreview: 'videogen.copyPublicPreviewUrl',
  publicHls: 'videogen.copyPublicHlsUrl',
};

/** A short status-bar confirmation: the copied value itself is never shown. */
function confirm(message: string): void {
  vscode.window.setStatusBarMessage(message, CONFIRMATION_MS);
}

/** `videogen.copyFileId`: the IDs of the resolved files, one per line. Resolves the copied text. */
export async function copyFileIds(app: App, args: readonly unknown[]): Promise<string | undefined> {
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Copy File ID') });
  if (files.length === 0) return undefined;
  const text = files.map((file) => file.fileId).join('\n');
  await vscode.env.clipboard.writeText(text);
  confirm(
    files.length === 1
      ? vscode.l10n.t('$(check) Copied the file ID of {0}', quotedLabelName(files[0]!.displayName))
      : vscode.l10n.t('$(check) Copied {0} file IDs', files.length),
  );
  return text;
}

/**
 * `videogen.copy…Url`: the URL of `kind` of each resolved file, one per line. Signed URLs are hydrated first
 * when needed. Files without such a URL are explained in a message (with "Enable Public Preview" or "Retry"
 * when that can help); when no file has one, the clipboard is left alone. Resolves the copied text.
 */
export async function copyUrls(app: App, kind: UrlKind, args: readonly unknown[]): Promise<string | undefined> {
  const what = urlKindName(kind);
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Copy {0}', what) });
  if (files.length === 0) return undefined;
  const lookups = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Getting the {0}…', what) },
    () => Promise.all(files.map((file) => lookUpUrl(app, file, kind))),
  );
  const found = lookups.filter((l): l is FoundUrl => l.found);
  const missing = lookups.filter((l): l is MissingUrl => !l.found);
  if (missing.length > 0) explainMissing(app, kind, missing, found.length);
  if (found.length === 0) return undefined;
  const text = found.map((l) => l.url).join('\n');
  await vscode.env.clipboard.writeText(text);
  confirm(copiedMessage(kind, found));
  return text;
}

function copiedMessage(kind: UrlKind, found: readonly FoundUrl[]): string {
  const what = urlKindName(kind);
  const expiries = found.map((l) => l.expiresAtMs).filter((ms): ms is number => ms !== null);
  const expiry = expiries.length > 0 ? relativeExpiry(Math.min(...expiries)) : undefined;
  if (found.length === 1) {
    const name = quotedLabelName(found[0]!.file.displayName);
    return expiry
      ? vscode.l10n.t('$(check) Copied {0} of {1} (expires {2})', what, name, expiry)
      : vscode.l10n.t('$(check) Copied {0} of {1}', what, name);
  }
  return expiry
    ? vscode.l10n.t('$(check) Copied the {0} of {1} files (the first expires {2})', what, found.length, expiry)
    : vscode.l10n.t('$(check) Copied the {0} of {1} files', what, found.length);
}

/** Not awaited by the command: the message waits for the user, the command does not. */
function explainMissing(app: App, kind: UrlKind, missing: readonly MissingUrl[], copiedCount: number): void {
  const [first] = missing;
  let message = missingUrlMessage(first!, kind, quotedName(first!.file.displayName));
  if (missing.length > 1) message += ' ' + vscode.l10n.t('{0} more files have no {1} either.', missing.length - 1, urlKindName(kind));
  if (copiedCount > 0) message += ' ' + vscode.l10n.t('The other {0} were copied.', copiedCount);
  const files = missing.map((m) => m.file);
  const actions = actionsFor(app, kind, first!.reason, files);
  void vscode.window.showWarningMessage(message, ...actions.map((a) => a.title)).then(
    (picked) => actions.find((a) => a.title === picked)?.run(),
  );
}

interface Action {
  title: string;
  run(): unknown;
}

function actionsFor(app: App, kind: UrlKind, reason: MissingUrl['reason'], files: FileInfo[]): Action[] {
  const again = (updated: readonly FileInfo[]): Thenable<unknown> => vscode.commands.executeCommand(COPY_URL_COMMANDS[kind], [...updated]);
  if (reason === 'publicPreviewOff') {
    return [{ title: vscode.l10n.t('Enable Public Preview'), run: () => publishThen(app, files, again) }];
  }
  if (reason === 'pending' || reason === 'publicPending') return [{ title: vscode.l10n.t('Retry'), run: () => again(files) }];
  return [];
}
