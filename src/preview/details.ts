import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import { dimensionsOf, durationOf, formatBytes, formatDimensions, formatDuration, sizeOf } from '../files/facts';
import { publicPreviewState, scopeLabel, sourceToolLabel, typeLabel } from '../files/wording';
import type { DetailRow } from './protocol';

/** The details list of a preview, worded and formatted as everywhere else (src/files). */
export function previewDetails(file: FileInfo): DetailRow[] {
  const t = vscode.l10n.t;
  const dimensions = file.type === 'AUDIO' ? undefined : dimensionsOf(file);
  const duration = durationOf(file);
  const size = sizeOf(file);
  const rows: (DetailRow | null)[] = [
    { label: t('Name'), value: file.displayName },
    { label: t('Type'), value: typeLabel(file.type) },
    { label: t('Scope'), value: scopeLabel(file.scope) },
    dimensions ? { label: t('Dimensions'), value: formatDimensions(dimensions) } : null,
    duration !== undefined ? { label: t('Duration'), value: formatDuration(duration), role: 'duration', seconds: duration } : null,
    size !== undefined ? { label: t('Size'), value: formatBytes(size) } : null,
    file.sourceToolType ? { label: t('Source tool'), value: sourceToolLabel(file.sourceToolType) } : null,
    { label: t('Public preview'), value: publicPreviewState(file) },
    file.description ? { label: t('Description'), value: file.description, role: 'description' } : null,
    { label: t('File ID'), value: file.fileId, role: 'fileId' },
  ];
  return rows.filter((row): row is DetailRow => row !== null);
}
