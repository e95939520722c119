// The one shape of a batch's end message, for every batch command (archive, public links, uploads…):
// "Archived 4 of 5; 1 failed: “clip.mp4”: <why>", with Show Log. The caller words the count; this adds the
// failures, each named with its reason as src/errors.ts words it.

import * as vscode from 'vscode';
import type { ErrorReporter } from '../errors';
import type { Log } from '../log';
import { quotedName } from '../files/safeText';

/** Failures named in the message itself; the others are counted ("and 2 more") and all of them are in the log. */
const NAMED_FAILURES = 3;

export interface BatchFailure {
  /** The item's name as the user knows it (a display name or a file name): made inert here. */
  name: string;
  error: unknown;
}

/**
 * `counted` is the caller's sentence start, e.g. `vscode.l10n.t('Archived {0} of {1}', done, total)`. Each failure
 * is logged with `what`, and worded (scrubbed of keys and signed URLs) through the ErrorReporter.
 */
export function batchSummaryMessage(errors: ErrorReporter, what: string, counted: string, failures: readonly BatchFailure[]): string {
  if (failures.length === 0) return counted;
  const worded = failures.map((f) => ({ name: f.name, reason: errors.note(f.error, `${what}: ${f.name}`).message }));
  return vscode.l10n.t('{0}; {1} failed: {2}', counted, failures.length, failureList(worded));
}

/** A failure already worded (and logged) by its feature. */
export interface WordedFailure {
  name: string;
  reason: string;
}

/** "“a.mov”: why; “b.png”: why; and 2 more": the first few failures by name, made inert, then a count. */
export function failureList(failures: readonly WordedFailure[]): string {
  const named = failures.slice(0, NAMED_FAILURES).map((f) => `${quotedName(f.name)}: ${f.reason}`);
  const rest = failures.length - named.length;
  return named.join('; ') + (rest > 0 ? `; ${vscode.l10n.t('and {0} more', rest)}` : '');
}

/**
 * Shows the summary: a short status-bar line when everything worked, else a warning (an error when nothing
 * worked) with Show Log. Not awaited by commands: the message waits for the user, the command does not.
 */
export function showBatchSummary(log: Log, message: string, counts: { succeeded: number; failed: number }): void {
  if (counts.failed === 0) {
    vscode.window.setStatusBarMessage(`$(check) ${message}`, 4000);
    return;
  }
  const showLog = vscode.l10n.t('Show Log');
  const shown = counts.succeeded === 0 ? vscode.window.showErrorMessage(message, showLog) : vscode.window.showWarningMessage(message, showLog);
  void shown.then((picked) => {
    if (picked === showLog) log.show();
  });
}
