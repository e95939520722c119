// The completion items of one file: its id, and (outside strings) the language's Insert as… snippet when that
// needs no signed URL. Names from the API are hostile: labels are plain text made inert, documentation is the
// file's untrusted tooltip (src/files/wording.ts).

import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import { SnippetFormatError, type SnippetFormat } from '../insert';
import { defaultInsertFormat, insertTarget, offeredFormats, snippetsOf, type InsertUrls } from '../references/referenceText';
import { inertText } from '../files/safeText';
import { labelOf, tooltipOf, typeAndFactsOf } from '../files/wording';
import { isFileId } from '../files/fileRefs';
import { sortTextOf } from './ordering';
import type { CompletionSpot } from './spot';

/** Runs after an item is accepted: records the insertion (src/commands/table.ts). */
export const NOTE_INSERTED_COMMAND = 'videogen.completion.noteInserted';

export class FileCompletionItem extends vscode.CompletionItem {
  constructor(
    label: vscode.CompletionItemLabel,
    kind: vscode.CompletionItemKind,
    readonly fileId: string,
    /** The snippet inserted, for the documentation; undefined for the id item. */
    readonly snippet?: { readonly text: string; readonly languageId: string },
  ) {
    super(label, kind);
  }
}

/** What the items of one spot share. */
export interface ItemPlace {
  readonly document: vscode.TextDocument;
  readonly position: vscode.Position;
  readonly spot: CompletionSpot;
}

function rangeOf(place: ItemPlace): { inserting: vscode.Range; replacing: vscode.Range } {
  const line = place.position.line;
  const start = new vscode.Position(line, place.spot.start);
  return { inserting: new vscode.Range(start, place.position), replacing: new vscode.Range(start, new vscode.Position(line, place.spot.end)) };
}

/**
 * What VS Code's fuzzy filter matches against the typed text. After `vg_file_` the id; inside a string with words
 * typed, those words first (the provider kept only files matching them, or that search found): every item then
 * scores the same, so `sortText` keeps the order; else the name and id.
 */
function filterTextOf(place: ItemPlace, name: string, fileId: string): string {
  const typed = place.spot.typed;
  if (typed.startsWith('vg_file_')) return fileId;
  return typed.trim() === '' ? `${name} ${fileId}` : `${typed} ${name} ${fileId}`;
}

function common(item: FileCompletionItem, place: ItemPlace, rank: number, variant: 0 | 1, name: string): FileCompletionItem {
  item.range = rangeOf(place);
  item.sortText = sortTextOf(rank, variant);
  item.filterText = filterTextOf(place, name, item.fileId);
  item.command = { command: NOTE_INSERTED_COMMAND, title: vscode.l10n.t('Note the inserted file'), arguments: [item.fileId] };
  return item;
}

/** The id item of a file the store knows. */
export function idItem(file: FileInfo, place: ItemPlace, rank: number): FileCompletionItem {
  const name = inertText(labelOf(file)) || file.fileId;
  const item = new FileCompletionItem({ label: name, description: typeAndFactsOf(file) }, vscode.CompletionItemKind.File, file.fileId);
  item.detail = typeAndFactsOf(file);
  item.insertText = file.fileId;
  return common(item, place, rank, 0, labelOf(file));
}

/** The id item of a pinned or recent id the store does not know yet: resolved when focused. */
export function unresolvedIdItem(fileId: string, place: ItemPlace, rank: number): FileCompletionItem | undefined {
  if (!isFileId(fileId)) return undefined;
  const item = new FileCompletionItem({ label: fileId, description: vscode.l10n.t('VideoGen file') }, vscode.CompletionItemKind.File, fileId);
  item.insertText = fileId;
  return common(item, place, rank, 0, fileId);
}

/** The permanent public URL when public preview is on and its copy is ready: the one URL a snippet may carry. */
function permanentUrls(file: FileInfo): InsertUrls | undefined {
  const source = file.staticPublicPreviewSource;
  if (!file.isPublicPreviewEnabled || source?.status !== 'ready' || !source.url) return undefined;
  return new Map([[file.fileId, { found: true, url: source.url, expiresAtMs: null, file }]]);
}

/**
 * The format of the snippet item: the language's Insert as… default (or the user's), else the language's best fit,
 * when it adds something to the bare id and its text needs no signed URL.
 */
function snippetFormatOf(languageId: string, file: FileInfo): { format: SnippetFormat; urls: InsertUrls | undefined } | undefined {
  const urls = permanentUrls(file);
  const candidates = [defaultInsertFormat(languageId, [file]), offeredFormats(languageId, [file])[0]];
  const format = candidates.find((f): f is SnippetFormat => f !== undefined && f.id !== 'id' && (f.reference === 'id' || urls !== undefined));
  return format && { format, urls: format.reference === 'url' ? urls : undefined };
}

/**
 * The snippet item: only outside string literals, where a whole reference (a quoted id, a Markdown image…) fits; in
 * a string it would nest quotes or markup inside the literal.
 */
export function snippetItem(file: FileInfo, place: ItemPlace, rank: number): FileCompletionItem | undefined {
  if (place.spot.inString) return undefined;
  const languageId = place.document.languageId;
  const chosen = snippetFormatOf(languageId, file);
  if (!chosen) return undefined;
  let text: string;
  try {
    [text] = snippetsOf(chosen.format, [file], chosen.urls, insertTarget(place.document, 1)) as [string];
  } catch (error) {
    if (error instanceof SnippetFormatError) return undefined;
    throw error;
  }
  const insertAs = vscode.l10n.t('Insert as {0}', chosen.format.label);
  const name = inertText(labelOf(file)) || file.fileId;
  const item = new FileCompletionItem({ label: name, description: insertAs }, vscode.CompletionItemKind.Snippet, file.fileId, { text, languageId });
  item.detail = `${insertAs} · ${typeAndFactsOf(file)}`;
  item.insertText = text;
  return common(item, place, rank, 1, labelOf(file));
}

/** The documentation: the snippet (as code, so it stays text), then the file's tooltip with its thumbnail. */
export function documentationOf(item: FileCompletionItem, file: FileInfo, thumbnail: string | undefined): vscode.MarkdownString {
  const tooltip = tooltipOf(file, thumbnail);
  if (!item.snippet) return tooltip;
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendCodeblock(item.snippet.text, item.snippet.languageId);
  md.appendMarkdown(tooltip.value);
  return md;
}

/** The documentation of an id that is not (or no longer) part of the library. */
export function goneDocumentation(kind: 'archived' | 'missing'): vscode.MarkdownString {
  return new vscode.MarkdownString(kind === 'archived' ? vscode.l10n.t('This file was archived: it is no longer in your VideoGen library.') : vscode.l10n.t('Not in your VideoGen library.'));
}
