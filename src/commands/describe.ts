import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import { inertText } from './text';

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

export function typeIcon(type: FileInfo['type']): vscode.ThemeIcon {
  switch (type) {
    case null:
      return new vscode.ThemeIcon('loading~spin');
    case 'IMAGE':
      return new vscode.ThemeIcon('file-media');
    case 'VIDEO':
      return new vscode.ThemeIcon('device-camera-video');
    case 'AUDIO':
      return new vscode.ThemeIcon('unmute');
    case 'PDF':
      return new vscode.ThemeIcon('file-pdf');
    default:
      return new vscode.ThemeIcon('file');
  }
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 7 days", "in 3 hours", "in 5 minutes", in the UI language. */
export function relativeExpiry(expiresAtMs: number, nowMs: number = Date.now()): string {
  const remaining = Math.max(0, expiresAtMs - nowMs);
  const [unit, size] = UNITS.find(([, ms]) => remaining >= ms) ?? UNITS[UNITS.length - 1]!;
  const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'always' });
  return format.format(Math.max(1, Math.floor(remaining / size)), unit);
}

/** "Nov 27, 2026, 3:04 PM", in the UI language. */
export function expiryDate(expiresAtMs: number): string {
  return new Date(expiresAtMs).toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
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
