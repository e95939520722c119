// Pure facts about a file, derived from its FileInfo: states, groups, menu words, sizes and durations, and which
// URLs may be used. Every view words a file from these (src/files/wording.ts); no vscode import.

import { describeInsecureTransport } from '../api/baseUrl';
import { isSourceUsable } from '../api/freshness';
import { formatDuration } from './time';
import { FILE_TYPES, SOURCE_KINDS, type FileInfo, type FileSource, type KnownFileType } from '../api/models';

/** The sections of the grouped view, in display order. */
export const FILE_GROUPS = ['images', 'videos', 'audio', 'other'] as const;
export type FileGroup = (typeof FILE_GROUPS)[number];

export function groupOf(file: FileInfo): FileGroup {
  switch (file.type) {
    case 'IMAGE':
      return 'images';
    case 'VIDEO':
      return 'videos';
    case 'AUDIO':
      return 'audio';
    default:
      return 'other';
  }
}

export function isKnownType(type: string | null): type is KnownFileType {
  return type !== null && (FILE_TYPES as readonly string[]).includes(type);
}

/** "the source exists with status ready" — its URL may still need hydration. */
export function isReady(source: FileSource | null): source is FileSource {
  return source?.status === 'ready';
}

export interface FileStates {
  /** The type is not known yet, or a rendition is still being produced. */
  processing: boolean;
  /** At least one rendition failed. */
  failed: boolean;
  /** Failed and nothing usable was produced. */
  unusable: boolean;
  temporary: boolean;
  public: boolean;
}

export function statesOf(file: FileInfo): FileStates {
  const sources = SOURCE_KINDS.map((kind) => file[kind]).filter((s): s is FileSource => s !== null);
  const failed = sources.some((s) => s.status === 'failed');
  const anyReady = sources.some((s) => s.status === 'ready');
  return {
    processing: file.type === null || sources.some((s) => s.status === 'pending'),
    failed,
    unusable: failed && !anyReady,
    temporary: file.scope === 'TEMPORARY',
    public: file.isPublicPreviewEnabled,
  };
}

/**
 * Space-separated words starting with `file`; package.json menus match them with `\b...\b` regexes:
 * `file <type> hasDownload hasPreview hasThumbnail hasHls public publicHls processing failed temporary`.
 */
export function contextValueOf(file: FileInfo): string {
  const states = statesOf(file);
  const words = ['file'];
  if (isKnownType(file.type)) words.push(file.type.toLowerCase());
  else if (file.type !== null) words.push('otherType');
  if (isReady(file.downloadSource)) words.push('hasDownload');
  if (isReady(file.previewSource)) words.push('hasPreview');
  if (isReady(file.thumbnailSource)) words.push('hasThumbnail');
  if (isReady(file.hlsSource)) words.push('hasHls');
  if (states.public) words.push('public');
  if (states.public && file.publicHlsUrl) words.push('publicHls');
  if (states.processing) words.push('processing');
  if (states.failed) words.push('failed');
  if (states.temporary) words.push('temporary');
  return words.join(' ');
}

export { formatDuration } from './time';

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units, as file managers on macOS and the web do: 1.5 MB = 1,500,000 bytes. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${BYTE_UNITS[unit]}`;
}

function positive(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

/** Pixel size of the original (download), else of the preview. */
export function dimensionsOf(file: FileInfo): { width: number; height: number } | undefined {
  for (const source of [file.downloadSource, file.previewSource]) {
    if (positive(source?.width) && positive(source?.height)) return { width: source.width, height: source.height };
  }
  return undefined;
}

export function sizeOf(file: FileInfo): number | undefined {
  const bytes = file.downloadSource?.fileBytes;
  return positive(bytes) ? bytes : undefined;
}

export function durationOf(file: FileInfo): number | undefined {
  if (file.type !== 'VIDEO' && file.type !== 'AUDIO') return undefined;
  return positive(file.durationSeconds) ? file.durationSeconds : undefined;
}

/** `1920×1080`: the one way dimensions are written. */
export function formatDimensions(dimensions: { width: number; height: number }): string {
  return `${dimensions.width}×${dimensions.height}`;
}

/** Type-specific facts, in the order every view shows them: `0:08`, `1920×1080`, `2.1 MB`. */
export function factsOf(file: FileInfo): string[] {
  const facts: string[] = [];
  const duration = durationOf(file);
  if (duration !== undefined) facts.push(formatDuration(duration));
  const dimensions = file.type === 'AUDIO' ? undefined : dimensionsOf(file);
  if (dimensions) facts.push(formatDimensions(dimensions));
  const size = sizeOf(file);
  if (size !== undefined) facts.push(formatBytes(size));
  return facts;
}

/** "GENERATE_IMAGE" → "Generate image": an API enum value shown as words. */
export function humanizeEnum(value: string): string {
  const words = value.toLowerCase().replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Media may come from https, or from plain http on a loopback address (the local development server). */
export function isAllowedMediaUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && describeInsecureTransport(parsed) === null;
}

/** The URL of a source if it can be used now: ready, not about to expire, and over an allowed transport. */
export function usableUrl(source: FileSource | null | undefined, nowMs: number = Date.now()): string | null {
  return isSourceUsable(source, nowMs) && isAllowedMediaUrl(source.url) ? source.url : null;
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
