import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { batchSummaryMessage, showBatchSummary } from '../batch/summary';
import { quotedLabelName, quotedName } from '../files/safeText';
import { labelOf } from '../files/wording';
import { publicLinkOf, publishAndWait, type PublishResult } from '../references/publishing';
import { resolveFiles } from './fileArgs';

/**
 * `videogen.copyPublicLink`: the permanent public link of each resolved file, one per line. Public preview is turned
 * on where needed (after asking once), and the command waits until each link is ready: for video and audio, until
 * the embed playback id exists. Files that fail are named in the summary; the others are copied. Resolves the
 * copied text.
 */
export async function copyPublicLinks(app: App, args: readonly unknown[]): Promise<string | undefined> {
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Copy Public Link') });
  if (files.length === 0) return undefined;
  const result = await publishAndWait(app, files, { confirm: true, continueLabel: vscode.l10n.t('Publish and Copy Link') });
  if (!result) return undefined;
  const text = result.ready.map(publicLinkOf).join('\n');
  if (result.ready.length > 0) await vscode.env.clipboard.writeText(text);
  reportCopied(app, files, result);
  return result.ready.length > 0 ? text : undefined;
}

function reportCopied(app: App, files: readonly FileInfo[], result: PublishResult): void {
  if (files.length === 1) {
    const name = quotedLabelName(files[0]!.displayName);
    if (result.failures.length === 0) vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the public link of {0}', name), 4000);
    else app.errors.report(result.failures[0]!.error, vscode.l10n.t('Could not copy the public link of {0}', quotedName(labelOf(files[0]!))));
    return;
  }
  const done = result.ready.length;
  const counted =
    result.failures.length === 0 ? vscode.l10n.t('Copied {0} public links', done) : vscode.l10n.t('Copied {0} of {1} public links', done, files.length);
  const failures = result.failures.map((f) => ({ name: labelOf(f.item), error: f.error }));
  const message = batchSummaryMessage(app.errors, vscode.l10n.t('Could not copy the public link'), counted, failures);
  showBatchSummary(app.log, message, { succeeded: done, failed: failures.length });
}
