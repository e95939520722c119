import { classifyError, fileGone, type ClassifiedError, type ErrorFix } from '../errors';
import type { Log } from '../log';
import type { ApiSession } from '../session';
import type { FileInfo } from '../api';
import { archivedNotice } from '../files/wording';
import type { PreviewStatus } from './protocol';

type ErrorStatus = Extract<PreviewStatus, { kind: 'error' }>;

/** The panel's buttons for each fix; the base URL setting is fixed in Settings, then Retry reloads. */
const ACTION_OF_FIX: Readonly<Record<ErrorFix, ErrorStatus['actions'][number]>> = {
  setApiKey: 'setApiKey',
  openSettings: 'retry',
  retry: 'retry',
  showLog: 'showLog',
};

/**
 * Says in the panel why a file could not be loaded, with the buttons that help (worded by classifyError).
 * Unlike the ErrorReporter it shows no notification: the panel itself is where the user looks. `retryAtMs` is when
 * a rate limit resets, if it was one.
 */
export function describeLoadFailure(error: unknown, session: ApiSession, log: Log): { status: ErrorStatus; retryAtMs: number | undefined } {
  const classified = classifyError(error);
  if (classified.keyRefused) session.markUnauthorized();
  return { status: statusOf(classified, log), retryAtMs: classified.retryAtMs };
}

/** The panel's state for a file that left the library (archived, deleted). */
export function fileGoneStatus(log: Log): ErrorStatus {
  return statusOf(fileGone(), log);
}

/** The panel's state for a file this window archived: the user did it, so it is said, not shown as an error. */
export function archivedStatus(file: FileInfo | undefined): Extract<PreviewStatus, { kind: 'notice' }> {
  return { kind: 'notice', message: archivedNotice(file) };
}

function statusOf(classified: ClassifiedError, log: Log): ErrorStatus {
  const actions = [...new Set(classified.fixes.map((fix) => ACTION_OF_FIX[fix]))];
  // Whatever else helps, the panel can always try again; a key is fixed by setting one (which reloads it).
  if (!actions.includes('retry') && !actions.includes('setApiKey')) actions.unshift('retry');
  return { kind: 'error', message: log.scrub(classified.message), actions };
}
