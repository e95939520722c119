// How a reference to library files is written into a document: which format (the language's best fit or the
// `videogen.insert.defaultFormat` setting), which URL a URL format gets, and the text for one or many files and
// cursors. Shared by "Insert as…" (src/commands/insertAs.ts) and paste/drop into the editor (src/paste).

import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { readSettings } from '../config';
import { appliesTo, defaultFormatFor, formatsFor, joinedText, joinSnippets, renderSnippet, SnippetFormatError, type Quote, type SnippetFormat, type UrlUse } from '../insert';
import { expiryDate, relativeExpiry } from './expiry';
import { lookUpUrl, missingUrlMessage, type FoundUrl, type MissingUrl } from './fileUrls';
import { quotedName } from '../files/safeText';
import { publicLinkOf, publishThen } from './publishing';

/**
 * The URL "Insert as…" uses for a file: the permanent public preview URL when public preview is on, else a
 * signed URL (hydrated when needed), which expires. A link gets the preview URL, which the browser shows (the
 * download URL is served as an attachment: clicking it would download the file); anything else, and a link to
 * a file without a preview rendition, gets the download URL, the best rendition.
 */
async function insertUrl(app: App, file: FileInfo, use: UrlUse, signal?: AbortSignal): Promise<FoundUrl | MissingUrl> {
  if (file.isPublicPreviewEnabled) {
    const permanent = await lookUpUrl(app, file, 'publicPreview', signal);
    if (permanent.found) return permanent;
  }
  if (use === 'link') {
    const inline = await lookUpUrl(app, file, 'preview', signal);
    if (inline.found) return inline;
  }
  return lookUpUrl(app, file, 'download', signal);
}

export type InsertUrls = ReadonlyMap<string, FoundUrl | MissingUrl>;

export async function insertUrls(app: App, files: readonly FileInfo[], use: UrlUse, signal?: AbortSignal): Promise<InsertUrls> {
  const lookups = await Promise.all(files.map((file) => insertUrl(app, file, use, signal)));
  return new Map(lookups.map((lookup, i) => [files[i]!.fileId, lookup]));
}

export const useOf = (format: SnippetFormat): UrlUse => format.urlUse ?? 'embed';

const QUOTE_STYLE_SECTION: ReadonlyMap<string, string> = new Map([
  ['typescript', 'typescript'],
  ['typescriptreact', 'typescript'],
  ['javascript', 'javascript'],
  ['javascriptreact', 'javascript'],
]);

/** The user's `typescript|javascript.preferences.quoteStyle` for string literals; undefined means the language's default. */
function preferredQuote(document: vscode.TextDocument): Quote | undefined {
  const section = QUOTE_STYLE_SECTION.get(document.languageId);
  if (!section) return undefined;
  const style = vscode.workspace.getConfiguration(section, document).get<string>('preferences.quoteStyle');
  return style === 'single' ? "'" : style === 'double' ? '"' : undefined;
}

/** Formats that fit the language and every file. */
export function offeredFormats(languageId: string, files: readonly FileInfo[]): SnippetFormat[] {
  return formatsFor(languageId, files[0]!).filter((format) => files.every((file) => appliesTo(format, file)));
}

export function earliestSignedExpiry(urls: InsertUrls): number | undefined {
  const expiries = [...urls.values()].flatMap((u) => (u.found && u.expiresAtMs !== null ? [u.expiresAtMs] : []));
  return expiries.length > 0 ? Math.min(...expiries) : undefined;
}


/** Where the snippets go: the document's language, the user's quote style, and how many cursors. */
export interface InsertTarget {
  languageId: string;
  quote: Quote | undefined;
  cursors: number;
}

export function insertTarget(document: vscode.TextDocument, cursors: number): InsertTarget {
  return { languageId: document.languageId, quote: preferredQuote(document), cursors };
}

/** N files at N cursors: one file per cursor, as VS Code pastes N lines at N cursors. */
export function isOnePerCursor(files: readonly FileInfo[], target: InsertTarget): boolean {
  return files.length > 1 && files.length === target.cursors;
}

/** The snippet of every file, in order. Throws SnippetFormatError; a file without its URL makes a URL format throw. */
export function snippetsOf(format: SnippetFormat, files: readonly FileInfo[], urls: InsertUrls | undefined, target: InsertTarget): string[] {
  return files.map((file) => {
    const url = urls?.get(file.fileId);
    const found = url?.found ? url : undefined;
    return renderSnippet(format.id, { file, url: found?.url, urlExpires: found?.expiresAtMs != null, languageId: target.languageId, quote: target.quote });
  });
}

/** What goes in: one snippet per cursor when each cursor gets a file, else the lines of the joined snippets (src/insert/join.ts). */
export function piecesToInsert(format: SnippetFormat, files: readonly FileInfo[], snippets: string[], target: InsertTarget): string[] {
  return isOnePerCursor(files, target) ? snippets : joinSnippets(format, target.languageId, snippets);
}

/**
 * After inserting signed URLs: says when they stop working, and offers to turn public preview on. That button
 * publishes the files, waits until their permanent URLs are ready, and puts those in place of the signed ones.
 */
export function warnSignedUrls(app: App, document: vscode.TextDocument, format: SnippetFormat, files: readonly FileInfo[], urls: InsertUrls, target: InsertTarget): void {
  const expiry = earliestSignedExpiry(urls);
  if (expiry === undefined) return;
  const signed = files.filter((file) => {
    const url = urls.get(file.fileId);
    return url?.found && url.expiresAtMs !== null;
  });
  const message =
    signed.length === 1
      ? vscode.l10n.t(
          'The URL inserted for {0} is signed: it stops working {1} ({2}). Insert the file ID, or turn on public preview for a permanent URL.',
          quotedName(signed[0]!.displayName),
          relativeExpiry(expiry),
          expiryDate(expiry),
        )
      : vscode.l10n.t(
          'The {0} URLs inserted are signed: the first stops working {1} ({2}). Insert file IDs, or turn on public preview for permanent URLs.',
          signed.length,
          relativeExpiry(expiry),
          expiryDate(expiry),
        );
  const enable = vscode.l10n.t('Enable Public Preview');
  void vscode.window.showWarningMessage(message, enable).then((picked) => {
    if (picked !== enable) return;
    return publishThen(app, signed, (ready) => usePermanentUrls(document, format, ready, urls, target));
  });
}

/**
 * Replaces, in `document`, the signed URL of each file as the format wrote it (escaped for the language) with its
 * permanent public URL written the same way. Text the user changed since is left alone.
 */
async function usePermanentUrls(document: vscode.TextDocument, format: SnippetFormat, files: readonly FileInfo[], urls: InsertUrls, target: InsertTarget): Promise<void> {
  const text = document.getText();
  const edit = new vscode.WorkspaceEdit();
  let replaced = 0;
  for (const file of files) {
    const signed = urls.get(file.fileId);
    if (!signed?.found) continue;
    const [written, permanent] = writtenDifference(format, file, signed.url, publicLinkOf(file), target);
    for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + written.length)) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + written.length)), permanent);
      replaced++;
    }
  }
  if (replaced === 0 || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Public preview is on, but the inserted signed URLs were not found in {0} any more: insert the files again for permanent URLs.', vscode.workspace.asRelativePath(document.uri)));
    return;
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Replaced {0} signed URLs with permanent public URLs', replaced), 4000);
}

/**
 * What differs between the snippet written with the signed URL and with the permanent one: the URL as the format
 * escapes it. When that spans lines (a URL used twice in a multi-line snippet), the plain URLs.
 */
function writtenDifference(format: SnippetFormat, file: FileInfo, signedUrl: string, permanentUrl: string, target: InsertTarget): [string, string] {
  const render = (url: string, urlExpires: boolean): string => renderSnippet(format.id, { file, url, urlExpires, languageId: target.languageId, quote: target.quote });
  const before = render(signedUrl, true);
  const after = render(permanentUrl, false);
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const written = before.slice(start, before.length - end);
  const permanent = after.slice(start, after.length - end);
  return written === '' || /[\r\n]/.test(written) ? [signedUrl, permanentUrl] : [written, permanent];
}

/**
 * The format used without asking: the `videogen.insert.defaultFormat` one for the language when it fits every
 * file, else the language's built-in default (an ID format, which fits every file).
 */
export function defaultInsertFormat(languageId: string, files: readonly FileInfo[]): SnippetFormat {
  const formats = offeredFormats(languageId, files);
  const configured = defaultFormatFor(languageId, files[0]!, readSettings().insertDefaultFormat);
  if (formats.includes(configured)) return configured;
  return formats.find((format) => format.reference === 'id') ?? defaultFormatFor(languageId, files[0]!);
}

/**
 * What goes in at the cursors for `files` in `format` (see piecesToInsert), or undefined after saying why nothing
 * can: a URL format without a URL for some file, or a format that cannot represent a file.
 */
export function renderReference(format: SnippetFormat, files: readonly FileInfo[], urls: InsertUrls | undefined, target: InsertTarget): string[] | undefined {
  const missing = files.map((file) => urls?.get(file.fileId)).find((u): u is MissingUrl => u !== undefined && !u.found);
  if (missing) {
    void vscode.window.showWarningMessage(missingUrlMessage(missing, 'download', quotedName(missing.file.displayName)));
    return undefined;
  }
  try {
    return piecesToInsert(format, files, snippetsOf(format, files, urls, target), target);
  } catch (error) {
    if (!(error instanceof SnippetFormatError)) throw error;
    void vscode.window.showWarningMessage(vscode.l10n.t('Cannot insert as {0}: {1}', format.label, error.message));
    return undefined;
  }
}

/** The text of a reference: one per cursor when each cursor gets its own file, else one for every cursor. */
export interface ReferenceText {
  readonly perCursor: boolean;
  readonly texts: readonly string[];
}

/**
 * What "Insert as…" inserts for `files` in `document` with `cursors` cursors in its default format, without asking:
 * the same format, URL (and signed-URL warning) and joining. Undefined after saying why there is nothing to insert.
 * Rejects when a URL lookup fails.
 */
export async function defaultReferenceText(
  app: App,
  document: vscode.TextDocument,
  cursors: number,
  files: readonly FileInfo[],
  signal?: AbortSignal,
): Promise<ReferenceText | undefined> {
  const target = insertTarget(document, cursors);
  const format = defaultInsertFormat(target.languageId, files);
  const urls = format.reference === 'url' ? await insertUrls(app, files, useOf(format), signal) : undefined;
  const pieces = renderReference(format, files, urls, target);
  if (!pieces) return undefined;
  if (urls) warnSignedUrls(app, document, format, files, urls, target);
  return isOnePerCursor(files, target) ? { perCursor: true, texts: pieces } : { perCursor: false, texts: [joinedText(pieces)] };
}
