import * as vscode from 'vscode';
import { VideoGenApiError } from './api';
import { withoutQueryStrings } from './api/errors';
import type { Log } from './log';
import { BadBaseUrlError, NoApiKeyError, type ApiSession } from './session';
import { RateLimitState } from './status/rateLimits';

/** What can fix a failure; each surface (notification, preview, view message) offers the ones it can show. */
export type ErrorFix = 'setApiKey' | 'openSettings' | 'retry' | 'showLog';

export interface ClassifiedError {
  /** One sentence for people, with no request path, cursor or signed URL in it. */
  message: string;
  fixes: ErrorFix[];
  /** The API refused the key: the views switch to their "fix your key" state. */
  keyRefused: boolean;
  /** Worth trying again later as it is (rate limit, network, server). */
  transient: boolean;
  /** VideoGen could not be reached or did not answer in time: every request fails alike until it is back. */
  unreachable?: boolean;
  /** For a rate limit: when it resets (epoch ms), if the server said. */
  retryAtMs?: number;
  /** For a rate limit: the hourly budget that ran out, named for people (see rateLimitedWhat). */
  budget?: string;
}

/**
 * The one place that turns a failure into words and fixes. Notifications, the Files view's message and welcome
 * content, and the preview all word errors through this.
 */
export function classifyError(error: unknown, nowMs: number = Date.now()): ClassifiedError {
  const classified = classifyUnshortened(error, nowMs);
  return { ...classified, message: withoutQueryStrings(classified.message) };
}

function classifyUnshortened(error: unknown, nowMs: number): ClassifiedError {
  if (error instanceof NoApiKeyError) return plain(error.message, ['setApiKey']);
  if (error instanceof BadBaseUrlError) return plain(error.message, ['openSettings']);
  if (!(error instanceof VideoGenApiError)) return plain(error instanceof Error ? error.message : String(error), ['showLog']);
  const requestId = error.requestId ? ` ${vscode.l10n.t('(request {0})', error.requestId)}` : '';
  if (error.status === 401) {
    return { message: vscode.l10n.t('VideoGen refused the API key: {0}', error.message), fixes: ['setApiKey'], keyRefused: true, transient: false };
  }
  if (error.status === 403) return plain(vscode.l10n.t('The API key may not do this: {0}', error.message) + requestId, ['showLog']);
  if (error.status === 404) return fileGone();
  if (error.status === 429) return rateLimited(error, nowMs);
  if (error.kind === 'network' || error.kind === 'timeout') return { ...transient(error.message), unreachable: true };
  if (error.kind === 'malformed_response') {
    return transient(vscode.l10n.t('VideoGen sent an answer the extension cannot read ({0}). Details are in the log.', malformedDetail(error.message)) + requestId);
  }
  if ((error.status ?? 0) >= 500) return transient(vscode.l10n.t('VideoGen had a problem ({0}): {1}', error.status ?? '', error.message) + requestId);
  return plain(error.message + requestId, ['showLog']);
}

/** A file the library no longer has: a 404, or the store saying it was removed. */
export function fileGone(): ClassifiedError {
  return plain(vscode.l10n.t('This file is no longer in your VideoGen library. It may have been archived or deleted.'), ['retry']);
}

function plain(message: string, fixes: ErrorFix[]): ClassifiedError {
  return { message, fixes, keyRefused: false, transient: false };
}

function transient(message: string): ClassifiedError {
  return { message, fixes: ['retry', 'showLog'], keyRefused: false, transient: true };
}

/** "…: files[3].fileId is missing" without the "Malformed response from GET /v1/files?cursor=…" part. */
function malformedDetail(message: string): string {
  const colon = message.indexOf(': ');
  return colon >= 0 ? message.slice(colon + 2) : message;
}

/** The hourly budget a request counts against (contract §4.3), named for people. */
export function rateLimitedWhat(error: Pick<VideoGenApiError, 'method' | 'path'>): string {
  const path = (error.path ?? '').split('?')[0] ?? '';
  if (path.endsWith('/hydrate')) return vscode.l10n.t('signing media links (hydrate)');
  if (path === '/v1/files/search') return vscode.l10n.t('search');
  if (path === '/v1/files/upload') return vscode.l10n.t('uploads');
  if (path === '/v1/files' && error.method === 'GET') return vscode.l10n.t('listing files');
  return vscode.l10n.t('file requests');
}

function rateLimited(error: VideoGenApiError, nowMs: number): ClassifiedError {
  const what = rateLimitedWhat(error);
  const base = { fixes: ['retry', 'showLog'] as ErrorFix[], keyRefused: false, transient: true, budget: what };
  if (error.retryAfterMs === null) return { ...base, message: vscode.l10n.t("VideoGen's hourly limit for {0} was reached. Try again later.", what) };
  const retryAtMs = nowMs + error.retryAfterMs;
  const at = new Date(retryAtMs).toLocaleTimeString(vscode.env.language, { hour: 'numeric', minute: '2-digit' });
  return { ...base, retryAtMs, message: vscode.l10n.t("VideoGen's limit for {0} was reached until {1} ({2}).", what, at, waitLabel(error.retryAfterMs)) };
}

/** "in 30 s", "in 4 min". */
function waitLabel(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? vscode.l10n.t('in {0} s', seconds) : vscode.l10n.t('in {0} min', Math.ceil(seconds / 60));
}

/** The one notification key of every "VideoGen is unreachable" failure. */
const UNREACHABLE = 'unreachable';

interface Action {
  title: string;
  run(): unknown;
}

/**
 * Shows a failure as one notification with the fixes that apply, and a log line; marks the key refused when it
 * was. The same message is not shown again while it is still on screen.
 */
export class ErrorReporter {
  private readonly showing = new Set<string>();
  /** The budgets a 429 said are exhausted, from every failure noted here (the status bar shows them). */
  readonly rateLimits = new RateLimitState();

  constructor(
    private readonly session: ApiSession,
    private readonly log: Log,
  ) {
    // Budgets are per key and API: another connection starts with its own.
    session.onDidChange(() => this.rateLimits.clear());
    // A 429 the client waits out still tells the user at once what is limited, and until when (the status bar).
    session.onDidWaitToRetry(({ error, delayMs }) => {
      if (error.status === 429) this.rateLimits.record(rateLimitedWhat(error), Date.now() + delayMs);
    });
  }

  /** Classifies, logs and applies the side effects, without a notification (a view shows it itself). */
  note(error: unknown, what: string): ClassifiedError {
    this.log.error(what, error);
    const classified = classifyError(error);
    if (classified.keyRefused) this.session.markUnauthorized();
    if (classified.budget !== undefined) this.rateLimits.record(classified.budget, classified.retryAtMs);
    return { ...classified, message: this.log.scrub(classified.message) };
  }

  /** Reports `error` (ignores cancellations). `retry` adds a "Retry" action for transient failures. */
  report(error: unknown, what: string, retry?: () => unknown): void {
    if (isCancellation(error)) return;
    const classified = this.note(error, what);
    const message = classified.keyRefused || error instanceof BadBaseUrlError ? classified.message : `${what}: ${classified.message}`;
    // While VideoGen is unreachable every action fails alike: one notification says so, not one per action.
    const key = classified.unreachable === true ? UNREACHABLE : message;
    this.show(key, message, classified.fixes.flatMap((fix) => this.actionFor(fix, retry)));
  }

  private actionFor(fix: ErrorFix, retry: (() => unknown) | undefined): Action[] {
    switch (fix) {
      case 'setApiKey':
        return [{ title: vscode.l10n.t('Set API Key'), run: () => vscode.commands.executeCommand('videogen.setApiKey') }];
      case 'openSettings':
        return [{ title: vscode.l10n.t('Open Settings'), run: openBaseUrlSetting }];
      case 'retry':
        return retry ? [{ title: vscode.l10n.t('Retry'), run: retry }] : [];
      case 'showLog':
        return [{ title: vscode.l10n.t('Show Log'), run: () => this.log.show() }];
    }
  }

  private show(key: string, message: string, actions: Action[]): void {
    if (this.showing.has(key)) return;
    this.showing.add(key);
    vscode.window
      .showErrorMessage(message, ...actions.map((a) => a.title))
      .then((picked) => actions.find((a) => a.title === picked)?.run())
      .then(undefined, (e) => this.log.error('Error action failed', e))
      .then(() => this.showing.delete(key));
  }
}

export function isCancellation(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) return true;
  if (error instanceof VideoGenApiError) return error.kind === 'aborted';
  return error instanceof Error && error.name === 'AbortError';
}

export function openBaseUrlSetting(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'videogen.apiBaseUrl');
}
