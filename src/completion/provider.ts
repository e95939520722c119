// Completion of library files in every language: inside string literals and after `vg_file_`. Known files come
// at once (pinned, recently inserted, listed); what is typed inside a string is also searched, debounced, the
// superseded search cancelled, within the typing share of the search budget. Anywhere else it answers nothing.

import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { delay } from '../async/abort';
import { abortOnCancel } from '../cancellation';
import { isCancellation } from '../errors';
import { TypingSearchBudgetError } from '../files/search';
import { labelOf } from '../files/wording';
import { documentationOf, FileCompletionItem, goneDocumentation, idItem, snippetItem, unresolvedIdItem, type ItemPlace } from './items';
import { firstOf, MAX_LISTED, orderCandidates, type Candidate } from './ordering';
import { completionSpotAt, matchesTyped, searchQueryOf, type CompletionSpot } from './spot';

/** Quiet time after a keystroke before its text is searched. */
export const SEARCH_DEBOUNCE_MS = 250;
/** Search results offered. */
export const SEARCH_RESULTS = 20;

export class FileCompletionProvider implements vscode.CompletionItemProvider<FileCompletionItem> {
  /** The search of the latest request: a newer request supersedes (aborts) it, whatever VS Code cancels. */
  private latestSearch: AbortController | undefined;
  /** While the typing budget is used up: no search is tried before this time. */
  private pausedUntilMs = 0;
  /** The library's first page, asked once per store generation (connection) when completion finds the window has not listed the library. */
  private firstPage: { generation: number; listed: Promise<void> } | undefined;

  constructor(private readonly app: App) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList<FileCompletionItem> | undefined> {
    const spot = completionSpotAt(document.lineAt(position.line).text, position.character, document.languageId);
    if (!spot) return undefined;
    await this.listFirstPage();
    const query = searchQueryOf(spot);
    const found = query === undefined ? [] : await this.searchWhileTyping(query, token);
    if (token.isCancellationRequested) return undefined;
    const place: ItemPlace = { document, position, spot };
    const items = this.candidates(spot, found).flatMap((candidate, rank) => this.itemsOf(candidate, place, rank));
    // Inside a string the typed text is searched: VS Code asks again as the user types.
    return new vscode.CompletionList(items, spot.inString);
  }

  async resolveCompletionItem(item: FileCompletionItem, token: vscode.CancellationToken): Promise<FileCompletionItem> {
    const controller = abortOnCancel(token);
    try {
      const result = this.app.lookup.peek(item.fileId) ?? (await this.app.lookup.resolve(item.fileId, controller.signal));
      if (result.kind !== 'found') {
        item.documentation = goneDocumentation(result.kind);
        return item;
      }
      item.documentation = documentationOf(item, result.file, await this.thumbnailOf(result.file));
      return item;
    } catch (error) {
      if (!isCancellation(error)) this.app.errors.note(error, vscode.l10n.t('Could not look up {0}', item.fileId));
      return item;
    } finally {
      controller.dispose();
    }
  }

  private async thumbnailOf(file: FileInfo): Promise<string | undefined> {
    await this.app.thumbnails.load(file);
    return this.app.thumbnails.dataUri(file.fileId);
  }

  private candidates(spot: CompletionSpot, found: readonly FileInfo[]): Candidate[] {
    const store = this.app.store;
    // Known files that do not match the words typed in a string are left out (their filter text starts with them).
    const typed = spot.inString && !spot.typed.startsWith('vg_file_') ? spot.typed : '';
    const matches = (fileId: string): boolean => {
      const file = store.get(fileId);
      return matchesTyped(typed, file ? labelOf(file) : '', fileId);
    };
    return orderCandidates({
      pinned: this.app.remembered.pinned().filter(matches),
      recent: this.app.remembered.recentlyInserted().filter(matches),
      listed: firstOf(store.values(), MAX_LISTED).map((file) => file.fileId).filter(matches),
      found: found.map((file) => file.fileId),
    });
  }

  private itemsOf(candidate: Candidate, place: ItemPlace, rank: number): FileCompletionItem[] {
    const known = this.app.lookup.peek(candidate.fileId);
    if (!known) {
      const unresolved = unresolvedIdItem(candidate.fileId, place, rank);
      return unresolved ? [unresolved] : [];
    }
    if (known.kind !== 'found') return [];
    const snippet = snippetItem(known.file, place, rank);
    return snippet ? [idItem(known.file, place, rank), snippet] : [idItem(known.file, place, rank)];
  }

  /**
   * When the window has not listed the library yet (the Files view was never opened; the few files a document's ids
   * made known do not count), the library's first page, as the view would list it: once per connection, shared
   * while in flight, tried again after a failure.
   */
  private async listFirstPage(): Promise<void> {
    if (this.app.store.hasListing || !this.mayConnect()) return;
    const generation = this.app.store.generation;
    if (this.firstPage?.generation !== generation) this.firstPage = { generation, listed: this.listPage(generation) };
    await this.firstPage.listed;
  }

  private async listPage(generation: number): Promise<void> {
    try {
      const client = await this.app.session.client();
      if (!client) return;
      const page = (await client.listFiles({ limit: MAX_LISTED })).files;
      // A page of the connection before a change is not this library's.
      if (this.app.store.generation === generation) this.app.store.put(page, { fromListing: true });
    } catch (error) {
      if (this.firstPage?.generation === generation) this.firstPage = undefined;
      if (!isCancellation(error)) this.app.errors.note(error, vscode.l10n.t('Could not list the library for completion'));
    }
  }

  /** The files search finds for `query` after the debounce, or none (superseded, cancelled, paused or failed). */
  private async searchWhileTyping(query: string, token: vscode.CancellationToken): Promise<FileInfo[]> {
    this.latestSearch?.abort();
    if (Date.now() < this.pausedUntilMs || !this.mayConnect()) return [];
    const controller = abortOnCancel(token);
    this.latestSearch = controller.controller;
    try {
      await delay(SEARCH_DEBOUNCE_MS, controller.signal);
      const found = await this.app.search.search(query, { numResults: SEARCH_RESULTS, signal: controller.signal, purpose: 'typing' });
      return found.map((hit) => hit.file);
    } catch (error) {
      if (error instanceof TypingSearchBudgetError) this.pause(error.retryAtMs);
      else if (!isCancellation(error) && !controller.signal.aborted) this.app.errors.note(error, vscode.l10n.t('Search while typing failed'));
      return [];
    } finally {
      if (this.latestSearch === controller.controller) this.latestSearch = undefined;
      controller.dispose();
    }
  }

  /** A key that was refused, or no key at all, is not asked with. */
  private mayConnect(): boolean {
    return !this.app.session.stateIsKnown || this.app.session.state === 'ready';
  }

  private pause(untilMs: number): void {
    const first = this.pausedUntilMs < Date.now();
    this.pausedUntilMs = untilMs;
    if (first) this.app.log.info(`Completion: search while typing paused until ${new Date(untilMs).toLocaleTimeString()} (its share of the hourly search limit is used up); known files are still suggested`);
  }
}
