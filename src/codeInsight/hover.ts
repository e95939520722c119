// The hover over a VideoGen reference in any text: what the file is (thumbnail, name, type and facts) and what can be
// done with it. Nothing is fetched until a hover asks; the store answers when it knows the file.

import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { abortOnCancel } from '../cancellation';
import { isCancellation } from '../errors';
import { factsOf, isReady, usableUrl } from '../files/facts';
import { fileWithPublicUrl } from '../files/fileRefs';
import type { LookupResult } from '../files/lookup';
import { untrustedMarkdown } from '../files/safeText';
import { archivedNotice, badgesOf, labelOf, typeLabel } from '../files/wording';
import { usableThumbnailUrl } from '../thumbnails/cache';
import { referenceAt } from './references';

/** The commands a hover may run: its links are trusted for these and nothing else. */
export const HOVER_COMMANDS = [
  'videogen.openPreview',
  'videogen.copyPublicPreviewUrl',
  'videogen.copyDownloadUrl',
  'videogen.insertAs',
  'videogen.openInVideoGen',
  'videogen.setApiKey',
] as const;
type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** Thumbnails are sized by height; low enough that the links below fit in the editor's hover (about 250 px high). */
const IMAGE_HEIGHT = 96;
/** A hover waits this long for a thumbnail still downloading; the next hover shows it. */
const THUMBNAIL_WAIT_MS = 2_000;
/**
 * VS Code cuts hover Markdown at 100,000 characters: a longer data URI would break the image and what follows it.
 * A thumbnail too large to inline is shown from its (https) URL instead, while that is valid.
 */
const MAX_DATA_URI_LENGTH = 80_000;
/** Lines longer than this (minified bundles) are not searched for references under the pointer. */
const MAX_LINE_LENGTH = 20_000;

export class ReferenceHoverProvider implements vscode.HoverProvider {
  constructor(private readonly app: App) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    if (line.length > MAX_LINE_LENGTH) return undefined;
    const reference = referenceAt(line, position.character);
    if (!reference) return undefined;
    const fileId = reference.kind === 'id' ? reference.fileId : (reference.fileId ?? fileWithPublicUrl(this.app.store.values(), reference.url)?.fileId);
    if (fileId === undefined) return undefined; // a public stream of a file this window has not seen: nothing to say
    const range = new vscode.Range(position.line, reference.start, position.line, reference.end);
    const { signal } = abortOnCancel(token);
    try {
      const contents = await this.contentsFor(fileId, signal, reference.kind === 'url');
      return contents && !token.isCancellationRequested ? new vscode.Hover(contents, range) : undefined;
    } catch (error) {
      if (token.isCancellationRequested || isCancellation(error)) return undefined;
      const classified = this.app.errors.note(error, `Could not look up ${fileId} for a hover`);
      return new vscode.Hover(lookupFailedMarkdown(classified.message), range);
    }
  }

  /** `showId`: the reference is a URL, so the id is not in the text already. */
  private async contentsFor(fileId: string, signal: AbortSignal, showId: boolean): Promise<vscode.MarkdownString | undefined> {
    const known = this.app.lookup.peek(fileId);
    if (!known && !(await this.app.session.client())) return noConnectionMarkdown(this.app.session.state);
    const result: LookupResult = known ?? (await this.app.lookup.resolve(fileId, signal));
    switch (result.kind) {
      case 'found':
        return fileMarkdown(result.file, await this.thumbnailSource(result.file, signal), { showId });
      case 'archived':
        return archivedMarkdown(fileId, result.file);
      case 'missing':
        return missingMarkdown(fileId);
    }
  }

  /** A `data:` URI of the cached thumbnail (never a file path, which does not render under Remote). */
  private async thumbnailSource(file: FileInfo, signal: AbortSignal): Promise<string | undefined> {
    if (!isReady(file.thumbnailSource)) return undefined;
    if (!this.app.thumbnails.peek(file.fileId)) await within(this.app.thumbnails.load(file), THUMBNAIL_WAIT_MS, signal);
    const dataUri = await this.app.thumbnails.dataUri(file.fileId);
    if (dataUri !== undefined && dataUri.length <= MAX_DATA_URI_LENGTH) return dataUri;
    return dataUri === undefined ? undefined : usableThumbnailUrl(file);
  }
}

/** Hover Markdown whose links may run the hover's commands and nothing else; API text in it stays text. */
function hoverMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  return md;
}

function commandLink(label: string, command: HoverCommand, args: readonly unknown[], title: string): string {
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
  return `[${label}](${uri} "${title.replace(/"/g, "'")}")`;
}

/** The `vg_file_…` id: checked by the pattern, so it is safe inside backticks. */
function idLine(fileId: string): string {
  return `\`${fileId}\` · VideoGen`;
}

/**
 * Thumbnail, name, `Video · 0:08 · 1920×1080 · 2.1 MB · public`, and the actions. Kept short: the editor's hover is
 * about 250 px high, and VS Code adds the link's own "(ctrl + click)" line under it.
 */
export function fileMarkdown(file: FileInfo, imageSrc: string | undefined, { showId = false } = {}): vscode.MarkdownString {
  const md = hoverMarkdown();
  if (imageSrc) md.appendMarkdown(`![${vscode.l10n.t('Thumbnail')}](${imageSrc}|height=${IMAGE_HEIGHT})\n\n`);
  md.appendMarkdown(`**${untrustedMarkdown(labelOf(file).replace(/[\r\n]+/g, ' '))}**\n\n`);
  md.appendMarkdown(`${untrustedMarkdown([typeLabel(file.type), ...factsOf(file), ...badgesOf(file)].join(' · '))}\n\n`);
  if (showId) md.appendMarkdown(`${idLine(file.fileId)}\n\n`);
  md.appendMarkdown(actionLinks(file).join(' · '));
  return md;
}

function actionLinks(file: FileInfo): string[] {
  const id = [file.fileId];
  const links = [commandLink(`$(open-preview) ${vscode.l10n.t('Preview')}`, 'videogen.openPreview', id, vscode.l10n.t('Open the preview'))];
  const copy = copyUrlLink(file);
  if (copy) links.push(copy);
  links.push(commandLink(`$(insert) ${vscode.l10n.t('Insert as…')}`, 'videogen.insertAs', id, vscode.l10n.t('Insert a reference at the cursor')));
  links.push(commandLink(`$(link-external) ${vscode.l10n.t('Open in VideoGen')}`, 'videogen.openInVideoGen', id, vscode.l10n.t('Open the file in the VideoGen web app')));
  return links;
}

/** The permanent public URL when public preview is on, else a signed download URL (which expires). */
function copyUrlLink(file: FileInfo): string | undefined {
  const label = `$(copy) ${vscode.l10n.t('Copy URL')}`;
  if (file.isPublicPreviewEnabled && usableUrl(file.staticPublicPreviewSource) !== null) {
    return commandLink(label, 'videogen.copyPublicPreviewUrl', [file.fileId], vscode.l10n.t('Copy the permanent public URL'));
  }
  if (isReady(file.downloadSource)) return commandLink(label, 'videogen.copyDownloadUrl', [file.fileId], vscode.l10n.t('Copy a signed download URL (it expires)'));
  return undefined;
}

export function archivedMarkdown(fileId: string, file: FileInfo | undefined): vscode.MarkdownString {
  const md = hoverMarkdown();
  md.appendMarkdown(`$(archive) ${untrustedMarkdown(archivedNotice(file))}\n\n`);
  md.appendMarkdown(idLine(fileId));
  return md;
}

export function missingMarkdown(fileId: string): vscode.MarkdownString {
  const md = hoverMarkdown();
  md.appendMarkdown(`$(warning) ${untrustedMarkdown(vscode.l10n.t('{0} is not in your VideoGen library.', fileId))}\n\n`);
  md.appendMarkdown(untrustedMarkdown(vscode.l10n.t('The API knows no such file for this API key: it may have been deleted, or belong to another team.')));
  return md;
}

function noConnectionMarkdown(state: string): vscode.MarkdownString {
  const md = hoverMarkdown();
  if (state === 'badBaseUrl') {
    md.appendMarkdown(untrustedMarkdown(vscode.l10n.t('VideoGen: the setting videogen.apiBaseUrl is invalid, so this file cannot be looked up.')));
    return md;
  }
  md.appendMarkdown(`${untrustedMarkdown(vscode.l10n.t('VideoGen: set an API key to see what this file is.'))} `);
  md.appendMarkdown(commandLink(`$(key) ${vscode.l10n.t('Set API Key')}`, 'videogen.setApiKey', [], vscode.l10n.t('Set your VideoGen API key')));
  return md;
}

function lookupFailedMarkdown(message: string): vscode.MarkdownString {
  const md = hoverMarkdown();
  md.appendMarkdown(`$(warning) ${untrustedMarkdown(vscode.l10n.t('VideoGen could not look up this file: {0}', message))}`);
  return md;
}

/** Waits for `promise` at most `ms`, or until `signal` aborts; never rejects. */
function within(promise: Promise<unknown>, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    promise.then(done, done);
  });
}
