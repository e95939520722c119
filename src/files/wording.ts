// How a file is worded and drawn everywhere (tree rows and tooltips, preview details, pickers, messages): type
// names, codicons, state words, the facts line and the tooltip. Strings from the API are hostile: they only ever
// reach the UI as plain text, through `appendUntrusted`, or made inert by src/files/safeText.ts.

import * as vscode from 'vscode';
import type { FileInfo, KnownFileType } from '../api/models';
import { factsOf, humanizeEnum, isKnownType, statesOf, type FileGroup } from './facts';
import { inertText, untrustedMarkdown } from './safeText';

/** The one codicon per type; groups use the icon of their type. */
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
  images: TYPE_ICONS.IMAGE,
  videos: TYPE_ICONS.VIDEO,
  audio: TYPE_ICONS.AUDIO,
  other: 'files',
};

/** "Video", "Image"…; "Processing" while the type is unknown; an unknown future type as the API spells it (made inert). */
export function typeLabel(type: FileInfo['type']): string {
  switch (type) {
    case null:
      return vscode.l10n.t('Processing');
    case 'IMAGE':
      return vscode.l10n.t('Image');
    case 'VIDEO':
      return vscode.l10n.t('Video');
    case 'AUDIO':
      return vscode.l10n.t('Audio');
    case 'PDF':
      return vscode.l10n.t('PDF');
    case 'SLIDESHOW':
      return vscode.l10n.t('Slideshow');
    case 'TEXT':
      return vscode.l10n.t('Text');
    case 'LOTTIE':
      return vscode.l10n.t('Lottie animation');
    default:
      return inertText(type);
  }
}

/** Plural type names for the filter picker and the view's filter description: "Images", "Videos"… */
export function pluralTypeLabel(type: KnownFileType): string {
  switch (type) {
    case 'IMAGE':
      return vscode.l10n.t('Images');
    case 'VIDEO':
      return vscode.l10n.t('Videos');
    case 'AUDIO':
      return vscode.l10n.t('Audio');
    case 'PDF':
      return vscode.l10n.t('PDFs');
    case 'SLIDESHOW':
      return vscode.l10n.t('Slideshows');
    case 'TEXT':
      return vscode.l10n.t('Text');
    case 'LOTTIE':
      return vscode.l10n.t('Lottie animations');
  }
}

/** How a scope is worded everywhere (tooltips, preview details); an unknown future scope as the API spells it. */
export function scopeLabel(scope: string): string {
  switch (scope) {
    case 'GLOBAL':
      return vscode.l10n.t('Library');
    case 'PROJECT':
      return vscode.l10n.t('Project');
    case 'EXPORT':
      return vscode.l10n.t('Export');
    case 'TEMPORARY':
      return vscode.l10n.t('Temporary (kept at least 24 hours)');
    case 'ENTITY':
      return vscode.l10n.t('Entity');
    default:
      return inertText(scope);
  }
}

/** The tool that made a file, in words: "Text to speech" for `TEXT_TO_SPEECH`. */
export function sourceToolLabel(sourceToolType: string): string {
  return inertText(humanizeEnum(sourceToolType));
}

/** The codicon of a type, without state (pickers). */
export function typeCodicon(type: FileInfo['type']): vscode.ThemeIcon {
  if (type === null) return new vscode.ThemeIcon('loading~spin');
  return new vscode.ThemeIcon(isKnownType(type) ? TYPE_ICONS[type] : 'file');
}

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

/** A group row for screen readers: "Videos, 6 files" (a count alone says nothing about what is counted). */
export function groupAccessibilityLabel(group: FileGroup, count: number, more: boolean): string {
  const files = more ? vscode.l10n.t('{0} files loaded so far, more available', count) : count === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', count);
  return `${groupLabel(group)}, ${files}`;
}

/** The codicon of a file, coloured by state: a spinner while processing, an error when nothing usable exists. */
export function codiconOf(file: FileInfo): vscode.ThemeIcon {
  const states = statesOf(file);
  if (states.unusable) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (states.processing) return new vscode.ThemeIcon('loading~spin');
  const icon = typeCodicon(file.type);
  return states.failed ? new vscode.ThemeIcon(icon.id, new vscode.ThemeColor('list.warningForeground')) : icon;
}

/** The public copy and, for video and audio that stream, the embed playback id: both exist only once ready. */
function publicPreviewProgress(file: FileInfo): 'ready' | 'preparingCopy' | 'preparingPlayer' {
  const copy = file.staticPublicPreviewSource;
  if (copy?.status !== 'ready' || !copy.url) return copy?.status === 'failed' ? 'ready' : 'preparingCopy';
  const streams = (file.type === 'VIDEO' || file.type === 'AUDIO') && file.hlsSource?.status !== 'failed' && file.hlsSource?.status !== 'skipped';
  return streams && file.publicPlaybackId === null ? 'preparingPlayer' : 'ready';
}

/** The public-preview state in words, for the preview's details and the tooltip. */
export function publicPreviewState(file: FileInfo): string {
  if (!file.isPublicPreviewEnabled) return vscode.l10n.t('Off');
  switch (publicPreviewProgress(file)) {
    case 'preparingCopy':
      return vscode.l10n.t('On: VideoGen is preparing the public copy');
    case 'preparingPlayer':
      return vscode.l10n.t('On: anyone with the link can open it; the embed player is still being prepared');
    case 'ready':
      return vscode.l10n.t('On: anyone with the link can open it');
  }
}

/** What an open preview says once its file was archived from this window. */
export function archivedNotice(file: FileInfo | undefined): string {
  return file
    ? vscode.l10n.t('{0} was archived: it is no longer in your VideoGen library.', `“${labelOf(file)}”`)
    : vscode.l10n.t('This file was archived: it is no longer in your VideoGen library.');
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

/** `Video · 0:08 · 1920×1080 · 2.1 MB`: a file in a picker or a message. */
export function typeAndFactsOf(file: FileInfo): string {
  return [typeLabel(file.type), ...factsOf(file)].join(' · ');
}

/** For screen readers: name, kind, facts and states in one sentence. */
export function accessibilityLabelOf(file: FileInfo): string {
  return [labelOf(file), typeLabel(file.type), ...factsOf(file), ...badgesOf(file)].join(', ');
}

/** Appends API text so it renders literally (see `untrustedMarkdown`). */
export function appendUntrusted(markdown: vscode.MarkdownString, text: string): void {
  markdown.appendMarkdown(untrustedMarkdown(text));
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
  if (states.public) lines.push(`$(globe) ${vscode.l10n.t('Public preview: {0}', publicPreviewState(file))}`);
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
  appendUntrusted(md, summaryOf(file).join(' · '));
  md.appendMarkdown('\n\n');
  const states = stateLines(file);
  if (states.length > 0) md.appendMarkdown(`${states.join('  \n')}\n\n`);
  if (file.description) {
    const description = file.description.length > MAX_TOOLTIP_DESCRIPTION ? `${file.description.slice(0, MAX_TOOLTIP_DESCRIPTION)}…` : file.description;
    appendUntrusted(md, description);
    md.appendMarkdown('\n\n');
  }
  md.appendMarkdown('---\n\n');
  if (file.sourceToolType) appendField(md, vscode.l10n.t('Source tool'), sourceToolLabel(file.sourceToolType));
  appendField(md, vscode.l10n.t('File ID'), file.fileId, true);
  return md;
}

/** `Video · Library · 0:08 · 1920×1080 · 2.1 MB`. */
function summaryOf(file: FileInfo): string[] {
  return [typeLabel(file.type), scopeLabel(file.scope), ...factsOf(file)];
}
