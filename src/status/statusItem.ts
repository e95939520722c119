// The VideoGen status-bar item: the connection (or what is wrong with it), an exhausted rate limit with its reset
// time, and uploads in progress; a click opens what helps in that state. It only reflects what the session, the
// error reporter and the uploads already know: it never connects or requests anything itself.

import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../api';
import { readSettings } from '../config';
import type { ErrorReporter } from '../errors';
import type { ApiSession } from '../session';
import type { UploadActivity } from '../upload';
import type { RateLimitNotice } from './rateLimits';

export const STATUS_ITEM_ID = 'videogen.status';

/** What the item shows; tests read it through the test hooks. */
export interface StatusView {
  text: string;
  tooltip: string;
  /** The accessible sentence (screen readers). */
  label: string;
  command: string;
  arguments?: unknown[];
  /** A theme colour id for the background, when the state needs attention. */
  background?: 'statusBarItem.warningBackground' | 'statusBarItem.errorBackground';
}

export class ConnectionStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];
  private redrawTimer: NodeJS.Timeout | undefined;
  private shown: StatusView | undefined;

  constructor(
    private readonly session: ApiSession,
    private readonly errors: ErrorReporter,
    private readonly uploads: UploadActivity,
  ) {
    this.item.name = vscode.l10n.t('VideoGen Connection');
    this.disposables.push(
      this.item,
      session.onDidChangeState(() => this.render()),
      session.onDidChange(() => this.render()),
      errors.rateLimits.onDidChange(() => this.render()),
      uploads.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('videogen.apiBaseUrl')) this.render();
      }),
    );
    this.render();
    this.item.show();
  }

  /** What the item shows now. */
  get view(): StatusView {
    return this.shown ?? this.describe();
  }

  private render(): void {
    const view = this.describe();
    this.shown = view;
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.accessibilityInformation = { label: view.label, role: 'button' };
    this.item.command = { title: view.label, command: view.command, arguments: view.arguments };
    this.item.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
    this.scheduleRedraw();
  }

  private describe(): StatusView {
    const uploading = this.uploads.inProgress;
    if (uploading > 0) return uploadsView(uploading);
    const connected = !this.session.stateIsKnown || this.session.state === 'ready';
    const limits = this.errors.rateLimits.active();
    if (connected && limits.length > 0) return rateLimitView(limits);
    return this.connectionView();
  }

  private connectionView(): StatusView {
    const target = connectionTarget();
    if (!this.session.stateIsKnown) {
      return { text: `$(cloud) ${target.short}`, tooltip: vscode.l10n.t('VideoGen: {0}', target.full), label: vscode.l10n.t('VideoGen, {0}. Show the log.', target.full), command: 'videogen.showLog' };
    }
    switch (this.session.state) {
      case 'noKey': {
        const tooltip = vscode.l10n.t('No VideoGen API key is set. Click to set one.');
        return { text: `$(key) ${target.short}`, tooltip, label: tooltip, command: 'videogen.setApiKey' };
      }
      case 'unauthorized': {
        const tooltip = vscode.l10n.t('VideoGen refused the API key. Click to set another one.');
        return { text: `$(error) ${target.short}`, tooltip, label: tooltip, command: 'videogen.setApiKey', background: 'statusBarItem.errorBackground' };
      }
      case 'badBaseUrl': {
        const tooltip = vscode.l10n.t('The setting videogen.apiBaseUrl cannot be used. Click to open it.');
        return { text: `$(warning) ${target.short}`, tooltip, label: tooltip, command: 'workbench.action.openSettings', arguments: ['videogen.apiBaseUrl'], background: 'statusBarItem.warningBackground' };
      }
      case 'ready': {
        const tooltip = vscode.l10n.t('Connected to VideoGen at {0}. Click to show the log.', target.full);
        return { text: `$(cloud) ${target.short}`, tooltip, label: tooltip, command: 'videogen.showLog' };
      }
    }
  }

  /** Redraws when a rate limit runs out (the next end), so "limited until" never outlives the limit. */
  private scheduleRedraw(): void {
    clearTimeout(this.redrawTimer);
    const next = this.errors.rateLimits.nextChangeMs();
    if (next === undefined) return;
    this.redrawTimer = setTimeout(() => this.render(), Math.max(0, next - Date.now()) + 50);
    this.redrawTimer.unref?.();
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** "VideoGen" for the default API; the host (and port) of another one, such as the local server. */
function connectionTarget(): { short: string; full: string } {
  const configured = readSettings().apiBaseUrl.replace(/\/+$/, '');
  if (configured === DEFAULT_BASE_URL) return { short: 'VideoGen', full: new URL(DEFAULT_BASE_URL).host };
  let host = configured;
  try {
    host = new URL(configured).host;
  } catch {
    // An unusable setting is shown as written (the badBaseUrl state says why).
  }
  return { short: vscode.l10n.t('VideoGen ({0})', host), full: configured };
}

function uploadsView(count: number): StatusView {
  const label = count === 1 ? vscode.l10n.t('Uploading 1 file to VideoGen. Click to show the progress.') : vscode.l10n.t('Uploading {0} files to VideoGen. Click to show the progress.', count);
  return { text: `$(sync~spin) ${vscode.l10n.t('VideoGen: {0} uploading', count)}`, tooltip: label, label, command: 'notifications.showList' };
}

function rateLimitView(limits: readonly RateLimitNotice[]): StatusView {
  const latest = limits[0];
  const at = latest.untilMs === undefined ? undefined : resetTime(latest.untilMs);
  const budgets = limits.map((limit) => limit.budget).join(', ');
  const text = at === undefined ? vscode.l10n.t('VideoGen: rate-limited') : vscode.l10n.t('VideoGen: {0} limited until {1}', latest.budget, at);
  const tooltip =
    at === undefined
      ? vscode.l10n.t("VideoGen's hourly limit for {0} was reached. Click to show the log.", budgets)
      : vscode.l10n.t("VideoGen's hourly limit for {0} was reached; it resets at {1}. Click to show the log.", budgets, at);
  return { text: `$(watch) ${text}`, tooltip, label: tooltip, command: 'videogen.showLog', background: 'statusBarItem.warningBackground' };
}

/** "5:40 AM"; with the seconds when the limit ends within two minutes ("5:40:12 AM"), as a short wait is counted in those. */
function resetTime(untilMs: number): string {
  const soon = untilMs - Date.now() < 120_000;
  return new Date(untilMs).toLocaleTimeString(vscode.env.language, { hour: 'numeric', minute: '2-digit', ...(soon ? { second: '2-digit' } : {}) });
}
