import * as vscode from 'vscode';
import { VideoGenApiError } from './api';
import type { Log } from './log';
import { BadBaseUrlError, NoApiKeyError, type ApiSession } from './session';

interface Action {
  title: string;
  run(): unknown;
}

/**
 * Turns failures into one notification with the action that fixes them, and a log line.
 * The same message is not shown again while it is still on screen.
 */
export class ErrorReporter {
  private readonly showing = new Set<string>();

  constructor(
    private readonly session: ApiSession,
    private readonly log: Log,
  ) {}

  /** Reports `error` (ignores cancellations). `retry` adds a "Retry" action for transient failures. */
  report(error: unknown, what: string, retry?: () => unknown): void {
    if (isCancellation(error)) return;
    this.log.error(what, error);
    const { message, actions } = this.describe(error, what, retry);
    this.show(this.log.scrub(message), actions);
  }

  private describe(error: unknown, what: string, retry?: () => unknown): { message: string; actions: Action[] } {
    const setKey: Action = { title: vscode.l10n.t('Set API Key'), run: () => vscode.commands.executeCommand('videogen.setApiKey') };
    const showLog: Action = { title: vscode.l10n.t('Show Log'), run: () => this.log.show() };
    const retryAction: Action[] = retry ? [{ title: vscode.l10n.t('Retry'), run: retry }] : [];
    if (error instanceof NoApiKeyError) return { message: `${what}: ${error.message}`, actions: [setKey] };
    if (error instanceof BadBaseUrlError) {
      return { message: error.message, actions: [{ title: vscode.l10n.t('Open Settings'), run: openBaseUrlSetting }] };
    }
    if (!(error instanceof VideoGenApiError)) {
      return { message: `${what}: ${error instanceof Error ? error.message : String(error)}`, actions: [showLog] };
    }
    if (error.status === 401) {
      this.session.markUnauthorized();
      return { message: vscode.l10n.t('VideoGen refused the API key: {0}', error.message), actions: [setKey] };
    }
    if (error.status === 429) {
      const wait = error.retryAfterMs ? vscode.l10n.t(' Try again in {0} s.', Math.ceil(error.retryAfterMs / 1000)) : '';
      return { message: `${what}: ${vscode.l10n.t('VideoGen rate limit reached.')}${wait}`, actions: [...retryAction, showLog] };
    }
    if (error.kind === 'network' || error.kind === 'timeout' || (error.status ?? 0) >= 500) {
      return { message: `${what}: ${error.message}`, actions: [...retryAction, showLog] };
    }
    const requestId = error.requestId ? ` (request ${error.requestId})` : '';
    return { message: `${what}: ${error.message}${requestId}`, actions: [showLog] };
  }

  private show(message: string, actions: Action[]): void {
    if (this.showing.has(message)) return;
    this.showing.add(message);
    vscode.window
      .showErrorMessage(message, ...actions.map((a) => a.title))
      .then((picked) => actions.find((a) => a.title === picked)?.run())
      .then(undefined, (e) => this.log.error('Error action failed', e))
      .then(() => this.showing.delete(message));
  }
}

export function isCancellation(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) return true;
  if (error instanceof VideoGenApiError) return error.kind === 'aborted';
  return error instanceof Error && error.name === 'AbortError';
}

function openBaseUrlSetting(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'videogen.apiBaseUrl');
}
