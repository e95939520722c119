// Turning public preview on and waiting until the permanent link is ready: shared by "Copy Public Link" and the
// signed-URL warnings' "Enable Public Preview" button.

import * as vscode from 'vscode';
import {
  isPublicPreviewReady,
  PublicPreviewFailedError,
  PublicPreviewOffError,
  PublicPreviewTimeoutError,
  waitForPublicPreview,
  type FileInfo,
} from '../api';
import type { App } from '../app';
import { failed, runBatch, succeeded } from '../batch/run';
import { readSettings, stopConfirmingPublishing } from '../config';
import { quotedName } from '../files/safeText';
import { labelOf } from '../files/wording';
import { askModal } from '../modal';

/** Files published and awaited at once. */
const PUBLISH_CONCURRENCY = 4;

export interface PublishOptions {
  /** Ask in a modal before turning public preview on (unless the user said not to ask again). */
  confirm: boolean;
  /** The modal's main button, naming what follows: "Publish and Copy Link". */
  continueLabel?: string;
}

export interface PublishResult {
  /** Files whose public preview is ready (the permanent copy, and the playback id for video and audio), in order. */
  ready: FileInfo[];
  failures: { item: FileInfo; error: unknown }[];
}

/**
 * Turns public preview on where it is off, then waits until each file's public preview is ready, as VideoGen's own
 * pollPublicPreview helper does (src/api/publicPreview.ts), in one cancellable notification. Every answer goes to
 * the store, so the tree, tooltips and open previews show the state as it changes. Resolves undefined when the user
 * declined or cancelled.
 */
export async function publishAndWait(app: App, files: readonly FileInfo[], options: PublishOptions): Promise<PublishResult | undefined> {
  if (files.every(isPublicPreviewReady)) return { ready: [...files], failures: [] };
  const off = files.filter((file) => !file.isPublicPreviewEnabled);
  if (off.length > 0 && options.confirm && !(await confirmPublishing(off, options.continueLabel))) return undefined;
  const client = await app.session.requireClient();
  const getFile = (fileId: string, signal?: AbortSignal): Promise<FileInfo> => client.getFile(fileId, signal);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: preparingTitle(files), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort(new vscode.CancellationError()));
      let done = 0;
      try {
        const outcomes = await runBatch(files, PUBLISH_CONCURRENCY, async (file) => {
          const enabled = file.isPublicPreviewEnabled ? file : app.store.put(await client.enablePublicPreview(file.fileId, controller.signal))[0]!;
          const ready = await waitForPublicPreview(getFile, enabled, { signal: controller.signal, onFile: (f) => app.store.put(f) });
          if (files.length > 1) progress.report({ message: vscode.l10n.t('{0} of {1} ready', ++done, files.length), increment: 100 / files.length });
          return ready;
        });
        if (controller.signal.aborted) return undefined;
        return { ready: succeeded(outcomes).map((s) => s.value), failures: failed(outcomes).map((f) => ({ item: f.item, error: worded(f.error) })) };
      } finally {
        cancelled.dispose();
      }
    },
  );
}

function preparingTitle(files: readonly FileInfo[]): string {
  return files.length === 1
    ? vscode.l10n.t('Preparing the public link of {0}…', quotedName(labelOf(files[0]!)))
    : vscode.l10n.t('Preparing {0} public links…', files.length);
}

/**
 * The one question before publishing. A modal, since it makes files public: the main button continues, "Always
 * Publish Without Asking" also turns `videogen.publicPreview.confirmBeforePublishing` off (a setting, so it can be
 * turned back on in Settings).
 */
async function confirmPublishing(off: readonly FileInfo[], continueLabel: string | undefined): Promise<boolean> {
  if (!readSettings().confirmPublishing) return true;
  const publish = continueLabel ?? vscode.l10n.t('Enable Public Preview');
  const always = vscode.l10n.t("Publish, Don't Ask Again");
  const message =
    off.length === 1
      ? vscode.l10n.t('Turn on public preview for {0}?', quotedName(labelOf(off[0]!)))
      : vscode.l10n.t('Turn on public preview for {0} files?', off.length);
  const detail = vscode.l10n.t(
    'VideoGen keeps a permanent public copy that anyone with the link can open, without signing in, until you disable public preview.',
  );
  const picked = await askModal(message, detail, [publish, always]);
  if (picked === always) await stopConfirmingPublishing();
  return picked === publish || picked === always;
}

/** The poll's own errors in the user's language; API errors are worded by src/errors.ts. */
function worded(error: unknown): unknown {
  if (error instanceof PublicPreviewOffError) return new Error(vscode.l10n.t('Public preview was turned off while the link was being prepared.'));
  if (error instanceof PublicPreviewFailedError) return new Error(vscode.l10n.t('VideoGen failed to make the public copy.'));
  if (error instanceof PublicPreviewTimeoutError) {
    return new Error(vscode.l10n.t('The public link was still not ready after {0} seconds. Try again later.', Math.round(error.waitedMs / 1000)));
  }
  return error;
}

/** The permanent link handed out: the public copy of the best rendition (never expires, no credentials). */
export function publicLinkOf(file: FileInfo): string {
  return file.staticPublicPreviewSource!.url!;
}

/**
 * "Enable Public Preview" in a message that explained what it does (a signed URL warning, a missing public URL):
 * publishes without asking again, waits until ready, then continues with the files that are. Failures are reported.
 */
export async function publishThen(app: App, files: readonly FileInfo[], next: (ready: FileInfo[]) => unknown): Promise<void> {
  try {
    const result = await publishAndWait(app, files, { confirm: false });
    if (!result) return;
    const [failure] = result.failures;
    if (failure) app.errors.report(failure.error, vscode.l10n.t('Could not enable public preview for {0}', quotedName(labelOf(failure.item))));
    if (result.ready.length > 0) await next(result.ready);
  } catch (error) {
    app.errors.report(error, vscode.l10n.t('Could not enable public preview'));
  }
}
