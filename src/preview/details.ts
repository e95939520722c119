import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import { scopeLabel, typeLabel } from '../commands/describe';
import { dimensionsOf, durationOf, formatBytes, formatDuration, sizeOf } from '../tree/fileFacts';
import type { DetailRow } from './protocol';

/** The details list of a preview, worded and formatted like the tree's descriptions and tooltips. */
export function previewDetails(file: FileInfo): DetailRow[] {
  const t = vscode.l10n.t;
  const dimensions = file.type === 'AUDIO' ? undefined : dimensionsOf(file);
  const duration = durationOf(file);
  const size = sizeOf(file);
  const rows: (DetailRow | null)[] = [
    { label: t('Name'), value: file.displayName },
    { label: t('Type'), value: typeLabel(file.type) },
    { label: t('Scope'), value: scopeLabel(file.scope) },
    dimensions ? { label: t('Dimensions'), value: `${dimensions.width}×${dimensions.height}` } : null,
    duration !== undefined ? { label: t('Duration'), value: formatDuration(duration), role: 'duration', seconds: duration } : null,
    size !== undefined ? { label: t('Size'), value: formatBytes(size) } : null,
    file.sourceToolType ? { label: t('Source tool'), value: humanize(file.sourceToolType) } : null,
    file.description ? { label: t('Description'), value: file.description, role: 'description' } : null,
    { label: t('File ID'), value: file.fileId, role: 'fileId' },
  ];
  return rows.filter((row): row is DetailRow => row !== null);
}

/** "GENERATE_IMAGE" → "Generate image": API enum values shown as words. */
function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
