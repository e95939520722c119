// Dead references: a warning on each id in a visible document that the API answers 404 for, or that this window
// archived. Checks go through app.lookup (queued, deduplicated, bounded per minute window-wide) and only for ids
// with no answer yet; the store's changes (an archive, a removal, a file that joined) redraw at once, with no request.

import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { App } from '../app';
import { SECTION } from '../config';
import { classifyError, isCancellation } from '../errors';
import { findFileIdsAt, type FileIdAt } from '../files/fileRefs';
import type { LookupResult } from '../files/lookup';
import { changedFileId } from '../files/store';
import { isCheckable } from './documents';

export const CHECK_FILES_SETTING = 'references.checkFiles';
export const DIAGNOSTIC_SOURCE = 'VideoGen';
export const MISSING_CODE = 'missingFile';
export const ARCHIVED_CODE = 'archivedFile';

/** Typing pauses this long before a document is read again. */
const TYPING_DEBOUNCE_MS = 500;
/** Answers older than this are asked again while their document is visible. */
export const RECHECK_AFTER_MS = 30 * 60_000;
/** After a network failure or a 429, no check is sent for this long (or until the limit resets, if later). */
const PAUSE_AFTER_FAILURE_MS = 5 * 60_000;

interface Tracked {
  readonly document: vscode.TextDocument;
  ids: FileIdAt[];
  /** Aborted when the document closes: its checks still waiting for budget are dropped. */
  controller: AbortController;
}

export function isOurDiagnostic(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && (diagnostic.code === MISSING_CODE || diagnostic.code === ARCHIVED_CODE);
}

export class ReferenceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('videogen');
  private readonly tracked = new Map<string, Tracked>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly recheckTimer: ReturnType<typeof setInterval>;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntilMs = 0;
  private failureNoted = false;

  constructor(private readonly app: App) {
    this.disposables.push(
      this.collection,
      vscode.window.onDidChangeVisibleTextEditors(() => {
        this.untrackTabless();
        this.scheduleVisible(0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.isVisible(e.document)) this.schedule(e.document, TYPING_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.untrack(document.uri)),
      // VS Code closes a document's model some time after its last tab: the warnings go with the tab.
      vscode.window.tabGroups.onDidChangeTabs(() => this.untrackTabless()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${CHECK_FILES_SETTING}`)) this.onSettingChanged();
      }),
      toDisposable(app.store.onDidChange((changes) => this.redrawFiles(new Set(changes.map(changedFileId))))),
      app.session.onDidChange(() => this.restart()),
    );
    this.recheckTimer = setInterval(() => this.scheduleVisible(0, RECHECK_AFTER_MS), RECHECK_AFTER_MS);
    this.scheduleVisible(0);
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration(SECTION).get<boolean>(CHECK_FILES_SETTING) ?? true;
  }

  private isVisible(document: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((editor) => editor.document === document);
  }

  private scheduleVisible(delayMs: number, maxAgeMs?: number): void {
    for (const document of new Set(vscode.window.visibleTextEditors.map((editor) => editor.document))) this.schedule(document, delayMs, maxAgeMs);
  }

  private schedule(document: vscode.TextDocument, delayMs: number, maxAgeMs?: number): void {
    if (!this.enabled() || !isCheckable(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.check(document, maxAgeMs).catch((error: unknown) => this.app.log.warn(`Could not check the VideoGen references of ${document.uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`));
      }, delayMs),
    );
  }

  /** Reads the document's ids, draws what is known, and asks about the rest (nothing without a key). */
  private async check(document: vscode.TextDocument, maxAgeMs: number | undefined): Promise<void> {
    if (document.isClosed || !this.enabled()) return;
    const tracked = this.track(document);
    tracked.ids = findFileIdsAt(document.getText());
    this.draw(tracked);
    const distinct = [...new Set(tracked.ids.map((id) => id.fileId))];
    const toAsk = maxAgeMs === undefined ? distinct.filter((id) => this.app.lookup.peek(id) === undefined) : distinct;
    if (toAsk.length === 0 || Date.now() < this.pausedUntilMs) return;
    if (!(await this.app.session.client())) return;
    const signal = tracked.controller.signal;
    await Promise.all(
      toAsk.map((fileId) =>
        this.app.lookup.check([fileId], { signal, maxAgeMs }).then(
          () => {
            this.failureNoted = false;
            this.redrawFiles(new Set([fileId]));
          },
          (error) => this.failed(error, signal),
        ),
      ),
    );
  }

  /** A network failure or a 429 is never a "not found": the id stays unanswered, checks pause, and it is logged once. */
  private failed(error: unknown, signal: AbortSignal): void {
    if (signal.aborted || isCancellation(error)) return;
    const retryAtMs = classifyError(error).retryAtMs ?? 0;
    this.pausedUntilMs = Math.max(Date.now() + PAUSE_AFTER_FAILURE_MS, retryAtMs);
    if (!this.failureNoted) {
      this.failureNoted = true;
      this.app.errors.note(error, 'VideoGen file references could not be checked; checks pause for a while');
    }
    for (const tracked of this.tracked.values()) this.dropPending(tracked);
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.scheduleVisible(0), this.pausedUntilMs - Date.now());
  }

  private track(document: vscode.TextDocument): Tracked {
    const key = document.uri.toString();
    let tracked = this.tracked.get(key);
    if (!tracked) {
      tracked = { document, ids: [], controller: manyListeners(new AbortController()) };
      this.tracked.set(key, tracked);
    }
    return tracked;
  }

  /** Checks still waiting for budget are dropped; a fresh controller serves the next ones. */
  private dropPending(tracked: Tracked): void {
    tracked.controller.abort();
    tracked.controller = manyListeners(new AbortController());
  }

  private untrack(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.tracked.get(key)?.controller.abort();
    this.tracked.delete(key);
    this.collection.delete(uri);
  }

  private untrackTabless(): void {
    const open = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs.flatMap((tab) => tabUris(tab.input))));
    for (const tracked of [...this.tracked.values()]) {
      const uri = tracked.document.uri;
      if (!open.has(uri.toString()) && !this.isVisible(tracked.document)) this.untrack(uri);
    }
  }

  private redrawFiles(fileIds: ReadonlySet<string>): void {
    for (const tracked of this.tracked.values()) {
      if (tracked.ids.some((id) => fileIds.has(id.fileId))) this.draw(tracked);
    }
  }

  private draw(tracked: Tracked): void {
    if (tracked.document.isClosed) return;
    const diagnostics = tracked.ids.flatMap((id) => {
      const diagnostic = diagnosticFor(id, this.app.lookup.peek(id.fileId), tracked.document);
      return diagnostic ? [diagnostic] : [];
    });
    this.collection.set(tracked.document.uri, diagnostics);
  }

  private onSettingChanged(): void {
    if (this.enabled()) {
      this.pausedUntilMs = 0;
      this.failureNoted = false;
      this.scheduleVisible(0);
      return;
    }
    for (const uri of [...this.tracked.values()].map((t) => t.document.uri)) this.untrack(uri);
    this.collection.clear();
  }

  /** Another key or API (another library): every warning goes, and visible documents are read again. */
  private restart(): void {
    for (const uri of [...this.tracked.values()].map((t) => t.document.uri)) this.untrack(uri);
    this.collection.clear();
    this.pausedUntilMs = 0;
    this.failureNoted = false;
    this.scheduleVisible(0);
  }

  dispose(): void {
    clearInterval(this.recheckTimer);
    clearTimeout(this.resumeTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const tracked of this.tracked.values()) tracked.controller.abort();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function diagnosticFor(id: FileIdAt, result: LookupResult | undefined, document: vscode.TextDocument): vscode.Diagnostic | undefined {
  if (result === undefined || result.kind === 'found') return undefined;
  const range = new vscode.Range(document.positionAt(id.start), document.positionAt(id.end));
  const message =
    result.kind === 'missing'
      ? vscode.l10n.t('VideoGen file not found: {0}', id.fileId)
      : vscode.l10n.t('VideoGen file not found: {0} was archived, it is no longer in your library', id.fileId);
  const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = result.kind === 'missing' ? MISSING_CODE : ARCHIVED_CODE;
  return diagnostic;
}

/** Every id of a document waits on its document's signal: many listeners are expected. */
function manyListeners(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

function tabUris(input: unknown): string[] {
  if (input instanceof vscode.TabInputText) return [input.uri.toString()];
  if (input instanceof vscode.TabInputTextDiff) return [input.original.toString(), input.modified.toString()];
  if (input instanceof vscode.TabInputNotebook) return [input.uri.toString()];
  return [];
}

function toDisposable(subscription: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => subscription.dispose());
}
