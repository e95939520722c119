// How a file looks in the tree: icon, description, tooltip. Strings from the API are hostile: they only
// ever reach the UI as TreeItem text or through `appendUntrusted`.

import * as vscode from 'vscode';
import type { FileInfo, KnownFileType } from '../api/models';
import { scopeLabel, typeLabel } from '../commands/describe';
import { dimensionsOf, durationOf, factsOf, formatBytes, formatDuration, isKnownType, sizeOf, statesOf } from './fileFacts';
import type { FileGroup } from './nodes';

const TYPE_ICONS: Readonly<Record<KnownFileType, string>> = {
  IMAGE: 'file-media',
  VIDEO: 'device-camera-video',
  AUDIO: 'unmute',
  PDF: 'file-pdf',
  SLIDESHOW: 'preview',
  TEXT: 'note',
  LOTTIE: 'sparkle',
};

const GROUP_ICONS: Readonly<Record<FileGroup, string>> = {
  images: 'file-media',
  videos: 'device-camera-video',
  audio: 'unmute',
  other: 'files',
};

/** The label shown for a file: its display name, or its id when the name is empty. */
export function labelOf(file: FileInfo): string {
  return file.displayName.trim() === '' ? file.fileId : file.displayName;
}

export function groupLabel(group: FileGroup): string {
  switch (group) {
    case 'images':
      return vscode.l10n.t('Images');
    case 'videos':
      return vscode.l10n.t('Videos');
    case 'audio':
      return vscode.l10n.t('Audio');
    case 'other':
      return vscode.l10n.t('Other');
  }
}

export function groupIcon(group: FileGroup): vscode.ThemeIcon {
  return new vscode.ThemeIcon(GROUP_ICONS[group]);
}

/** The codicon of a file, coloured by state: a spinner while processing, an error when nothing usable exists. */
export function codiconOf(file: FileInfo): vscode.ThemeIcon {
  const states = statesOf(file);
  if (states.unusable) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (states.processing) return new vscode.ThemeIcon('loading~spin');
  const id = isKnownType(file.type) ? TYPE_ICONS[file.type] : 'file';
  return states.failed ? new vscode.ThemeIcon(id, new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(id);
}

/** Short state words for the description, in order of importance. */
export function badgesOf(file: FileInfo): string[] {
  const states = statesOf(file);
  const badges: string[] = [];
  if (states.unusable) badges.push(vscode.l10n.t('failed'));
  else if (states.failed) badges.push(vscode.l10n.t('rendition failed'));
  if (states.processing && !states.unusable) badges.push(vscode.l10n.t('processing'));
  if (states.temporary) badges.push(vscode.l10n.t('temporary'));
  if (states.public) badges.push(vscode.l10n.t('public'));
  return badges;
}

/** `0:08 · 1920×1080 · 2.1 MB · public`. */
export function descriptionOf(file: FileInfo): string {
  return [...factsOf(file), ...badgesOf(file)].join(' · ');
}

/** For screen readers: name, kind, facts and states in one sentence. */
export function accessibilityLabelOf(file: FileInfo): string {
  const kind = isKnownType(file.type) ? typeLabel(file.type) : vscode.l10n.t('file');
  return [labelOf(file), kind, ...factsOf(file), ...badgesOf(file)].join(', ');
}

/**
 * Appends API text so it renders literally: `appendText` escapes Markdown syntax, and the HTML-significant
 * characters are turned into entities first (raw HTML is off, but `&lt;` typed in a name must stay `&lt;`).
 */
export function appendUntrusted(markdown: vscode.MarkdownString, text: string): void {
  markdown.appendText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/**
 * Like `appendUntrusted`, for prose that must wrap: `appendText` turns every space into `&nbsp;`, which keeps a
 * long description on one line in a hover. Whitespace runs are collapsed first, so turning each (single)
 * `&nbsp;` back into a space cannot start a code block. An `&nbsp;` typed in the text was already `&amp;nbsp;`.
 */
export function appendUntrustedProse(markdown: vscode.MarkdownString, text: string): void {
  const start = markdown.value.length;
  appendUntrusted(markdown, text.replace(/[ \t]+/g, ' '));
  markdown.value = markdown.value.slice(0, start) + markdown.value.slice(start).replace(/&nbsp;/g, ' ');
}

const MAX_TOOLTIP_DESCRIPTION = 600;

const SAFE_CODE = /^[A-Za-z0-9_.:-]+$/;

function appendCode(markdown: vscode.MarkdownString, text: string): void {
  if (SAFE_CODE.test(text)) markdown.appendMarkdown(`\`${text}\``);
  else appendUntrusted(markdown, text);
}

function stateLines(file: FileInfo): string[] {
  const states = statesOf(file);
  const lines: string[] = [];
  if (states.unusable) lines.push(vscode.l10n.t('$(error) Processing failed: no rendition is available.'));
  else if (states.failed) lines.push(vscode.l10n.t('$(warning) Some renditions failed.'));
  if (states.processing && !states.unusable) lines.push(vscode.l10n.t('$(loading~spin) Still processing.'));
  if (states.public) lines.push(vscode.l10n.t('$(globe) Public preview is on.'));
  return lines;
}

/** A `Label: value` line with a hostile value. */
function appendField(markdown: vscode.MarkdownString, label: string, value: string, code = false): void {
  markdown.appendMarkdown(`${label}: `);
  if (code) appendCode(markdown, value);
  else appendUntrusted(markdown, value);
  markdown.appendMarkdown('  \n');
}

/** Tooltip thumbnails are sized by height, so portrait and landscape images take the same room. */
const TOOLTIP_IMAGE_HEIGHT = 144;

/**
 * The rich tooltip: thumbnail, name, a summary line, states, description, source tool and file id.
 * `imageSrc` is a `file:` or `data:` URI of the cached thumbnail. Raw HTML stays off and the string is not
 * trusted, so nothing in it can run a command.
 */
export function tooltipOf(file: FileInfo, imageSrc: string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = false;
  md.supportHtml = false;
  if (imageSrc) md.appendMarkdown(`![${vscode.l10n.t('Thumbnail')}](${imageSrc}|height=${TOOLTIP_IMAGE_HEIGHT})\n\n`);
  md.appendMarkdown('**');
  appendUntrusted(md, labelOf(file).replace(/[\r\n]+/g, ' '));
  md.appendMarkdown('**\n\n');
  appendUntrustedProse(md, summaryOf(file).join(' · '));
  md.appendMarkdown('\n\n');
  const states = stateLines(file);
  if (states.length > 0) md.appendMarkdown(`${states.join('  \n')}\n\n`);
  if (file.description) {
    const description = file.description.length > MAX_TOOLTIP_DESCRIPTION ? `${file.description.slice(0, MAX_TOOLTIP_DESCRIPTION)}…` : file.description;
    appendUntrustedProse(md, description);
    md.appendMarkdown('\n\n');
  }
  md.appendMarkdown('---\n\n');
  if (file.sourceToolType) appendField(md, vscode.l10n.t('Source tool'), file.sourceToolType, true);
  appendField(md, vscode.l10n.t('File ID'), file.fileId, true);
  return md;
}

/** `Video · Library · 0:08 · 1920 × 1080 · 2.1 MB`. */
function summaryOf(file: FileInfo): string[] {
  const kind = file.type === null ? vscode.l10n.t('Type not known yet') : typeLabel(file.type);
  const parts = [kind, scopeLabel(file.scope)];
  const duration = durationOf(file);
  if (duration !== undefined) parts.push(formatDuration(duration));
  const dimensions = file.type === 'AUDIO' ? undefined : dimensionsOf(file);
  if (dimensions) parts.push(`${dimensions.width} × ${dimensions.height}`);
  const size = sizeOf(file);
  if (size !== undefined) parts.push(formatBytes(size));
  return parts;
}
