import * as vscode from 'vscode';
import { VideoGenApiError } from '../api';
import type { Log } from '../log';
import { BadBaseUrlError, NoApiKeyError, type ApiSession } from '../session';
import type { PreviewStatus } from './protocol';

type ErrorStatus = Extract<PreviewStatus, { kind: 'error' }>;

/**
 * Says in the panel why a file could not be loaded, with the buttons that help. Unlike the
 * ErrorReporter it shows no notification: the panel itself is where the user looks.
 */
export function describeLoadFailure(error: unknown, session: ApiSession, log: Log): ErrorStatus {
  const status = classify(error, session);
  return { ...status, message: log.scrub(status.message) };
}

function classify(error: unknown, session: ApiSession): ErrorStatus {
  if (error instanceof NoApiKeyError) return { kind: 'error', message: error.message, actions: ['setApiKey'] };
  if (error instanceof BadBaseUrlError) return { kind: 'error', message: error.message, actions: ['retry'] };
  if (!(error instanceof VideoGenApiError)) {
    return { kind: 'error', message: couldNotLoad(error instanceof Error ? error.message : String(error)), actions: ['retry', 'showLog'] };
  }
  if (error.status === 401) {
    session.markUnauthorized();
    return { kind: 'error', message: vscode.l10n.t('VideoGen refused the API key: {0}', error.message), actions: ['setApiKey'] };
  }
  if (error.status === 404) {
    return {
      kind: 'error',
      message: vscode.l10n.t('This file is no longer in your VideoGen library. It may have been archived or deleted.'),
      actions: ['retry'],
    };
  }
  if (error.status === 429) {
    const wait = error.retryAfterMs ? vscode.l10n.t(' Try again in {0} s.', Math.ceil(error.retryAfterMs / 1000)) : '';
    return { kind: 'error', message: vscode.l10n.t('VideoGen rate limit reached.') + wait, actions: ['retry'] };
  }
  const requestId = error.requestId ? ` (request ${error.requestId})` : '';
  return { kind: 'error', message: couldNotLoad(error.message + requestId), actions: ['retry', 'showLog'] };
}

function couldNotLoad(reason: string): string {
  return vscode.l10n.t('The file could not be loaded: {0}', reason);
}
