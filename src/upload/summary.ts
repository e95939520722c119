// The words of an upload batch: progress lines while it runs, the summary when it ends, and why an item failed.

import * as vscode from 'vscode';
import { formatBytes } from '../files/facts';
import { inertText, quotedName } from '../files/safeText';
import type { UploadBatchResult, UploadItemState } from './batch';
import { countResults } from './batch';
import { failureList } from '../batch/summary';
import { NotAFileError } from './diskSource';
import { UnsupportedMediaTypeError } from '../files/mediaTypes';

/** The notification's progress line: each file still moving, then what is waiting or done. */
export function progressMessage(states: readonly UploadItemState[]): string {
  const parts: string[] = [];
  let waiting = 0;
  let finished = 0;
  for (const state of states) {
    if (state.phase === 'uploading') parts.push(`${quotedName(state.name)} ${bytesProgress(state)}`);
    else if (state.phase === 'processing') parts.push(vscode.l10n.t('{0} processing…', quotedName(state.name)));
    else if (state.phase === 'waiting') waiting++;
    else finished++;
  }
  if (waiting > 0) parts.push(vscode.l10n.t('{0} waiting', waiting));
  if (finished > 0 && states.length > 1) parts.push(vscode.l10n.t('{0} of {1} finished', finished, states.length));
  return parts.join(' · ');
}

function bytesProgress(state: UploadItemState): string {
  if (state.totalBytes === undefined) return formatBytes(state.bytesSent);
  return vscode.l10n.t('{0} of {1}', formatBytes(state.bytesSent), formatBytes(state.totalBytes));
}

/** Share of the batch's bytes sent, 0–100 (processing counts as sent). */
export function percentSent(states: readonly UploadItemState[]): number {
  let total = 0;
  let sent = 0;
  for (const state of states) {
    const size = Math.max(1, state.totalBytes ?? 1);
    total += size;
    sent += state.phase === 'waiting' || state.phase === 'uploading' ? Math.min(size, state.bytesSent) : size;
  }
  return total === 0 ? 100 : (sent / total) * 100;
}

export interface BatchSummary {
  severity: 'info' | 'warning' | 'error';
  message: string;
}

/** "Uploaded 5 of 6; 1 failed: “a.mov”: why" (each failed item's `reason`). */
export function summarize(result: UploadBatchResult): BatchSummary {
  const counts = countResults(result);
  const total = result.items.length;
  const failures = result.items.flatMap((item) => (item.status === 'failed' ? [{ name: item.name, reason: item.reason ?? String(item.error) }] : []));
  const named = failureList(failures);
  const uploaded = counts.uploaded + counts.processing;
  const stillProcessing = counts.processing > 0 ? ' ' + vscode.l10n.t('{0} still processing.', counts.processing) : '';
  if (result.cancelled) {
    const failed = failures.length > 0 ? ' ' + vscode.l10n.t('{0} failed: {1}', failures.length, named) : '';
    return { severity: failures.length > 0 ? 'warning' : 'info', message: vscode.l10n.t('Upload cancelled: {0} of {1} uploaded.', uploaded, total) + stillProcessing + failed };
  }
  if (failures.length === 0) {
    const only = result.items[0];
    const message = total === 1 && only ? vscode.l10n.t('Uploaded {0} to VideoGen.', quotedName(only.name)) : vscode.l10n.t('Uploaded {0} files to VideoGen.', total);
    return { severity: 'info', message };
  }
  if (uploaded === 0 && total === 1) return { severity: 'error', message: vscode.l10n.t('Upload failed: {0}', named) };
  return {
    severity: uploaded === 0 ? 'error' : 'warning',
    message: vscode.l10n.t('Uploaded {0} of {1}; {2} failed: {3}', uploaded, total, failures.length, named),
  };
}

/** Why a file was not taken before anything was sent, in words; undefined for other failures (classifyError words them). */
export function describeRefusal(error: unknown): string | undefined {
  if (error instanceof NotAFileError) return vscode.l10n.t('it is not a file (a folder?).');
  if (!(error instanceof UnsupportedMediaTypeError)) return undefined;
  if (error.extension === '') return vscode.l10n.t('the file name has no extension, so its media type is unknown. VideoGen takes images, videos, audio and PDF.');
  return vscode.l10n.t('VideoGen does not take .{0} files. It takes images, videos, audio and PDF.', inertText(error.extension));
}
