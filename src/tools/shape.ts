// What the language-model tools tell a model about library files: JSON with ids, names, types, descriptions and
// facts. Never a signed URL (they expire and grant access to whoever holds them) and never the API key: a file is
// named by its id and its page in the VideoGen web app, and its permanent public URL is given only when the file has
// public preview on. Names and descriptions from the API are data inside JSON strings, never instructions or markup.
// No vscode import.

import type { FileInfo } from '../api/models';
import { dimensionsOf, durationOf, sizeOf, statesOf } from '../files/facts';
import { appMediaUrl } from '../files/fileRefs';

/** Longest description (characters) in search results; details give up to DETAIL_TEXT_LENGTH. */
const SEARCH_DESCRIPTION_LENGTH = 300;
const DETAIL_TEXT_LENGTH = 4000;

export const DEFAULT_SEARCH_COUNT = 10;
export const MAX_SEARCH_COUNT = 50;

function clipped(text: string | null | undefined, length: number): string | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const chars = Array.from(text.trim());
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : chars.join('');
}

export interface SearchHit {
  id: string;
  name: string;
  type: string | null;
  description: string | null;
  durationSeconds: number | null;
  similarity: number;
}

/** One search result for a model: what it needs to pick a file and pass its id on. */
export function searchHit(file: FileInfo, similarity: number): SearchHit {
  return {
    id: file.fileId,
    name: file.displayName,
    type: file.type,
    description: clipped(file.description, SEARCH_DESCRIPTION_LENGTH),
    durationSeconds: durationOf(file) ?? null,
    similarity: Math.round(similarity * 1000) / 1000,
  };
}

/** How many results to ask the search for: more than wanted when a type filter will drop some. */
export function searchRequestSize(count: number, filtered: boolean): number {
  return filtered ? Math.min(100, count * 4) : count;
}

/** The `count` input: a whole number in 1–MAX_SEARCH_COUNT, DEFAULT_SEARCH_COUNT when absent or not a number. */
export function searchCount(count: unknown): number {
  if (typeof count !== 'number' || !Number.isFinite(count)) return DEFAULT_SEARCH_COUNT;
  return Math.min(MAX_SEARCH_COUNT, Math.max(1, Math.round(count)));
}

export interface FileDetails {
  id: string;
  name: string;
  type: string | null;
  status: 'ready' | 'processing' | 'failed';
  description: string | null;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  sizeBytes: number | null;
  scope: string;
  transcript: string | null;
  /** The file's page in the VideoGen web app (needs a signed-in browser; grants nothing by itself). */
  appUrl: string;
  publicPreview: boolean;
  /** The permanent public URL: only when public preview is on and its copy is ready. */
  publicUrl: string | null;
  /** The public HLS stream of a video or audio file with public preview on. */
  publicHlsUrl: string | null;
}

/** A file's details for a model, without any signed URL. */
export function fileDetails(file: FileInfo): FileDetails {
  const states = statesOf(file);
  const dimensions = file.type === 'AUDIO' ? undefined : dimensionsOf(file);
  const publicSource = file.isPublicPreviewEnabled ? file.staticPublicPreviewSource : null;
  return {
    id: file.fileId,
    name: file.displayName,
    type: file.type,
    status: states.unusable ? 'failed' : states.processing ? 'processing' : 'ready',
    description: clipped(file.description, DETAIL_TEXT_LENGTH),
    durationSeconds: durationOf(file) ?? null,
    width: dimensions?.width ?? null,
    height: dimensions?.height ?? null,
    sizeBytes: sizeOf(file) ?? null,
    scope: file.scope,
    transcript: clipped(file.transcript?.text, DETAIL_TEXT_LENGTH),
    appUrl: appMediaUrl(file.fileId),
    publicPreview: file.isPublicPreviewEnabled,
    publicUrl: publicSource?.status === 'ready' && publicSource.url ? publicSource.url : null,
    publicHlsUrl: file.isPublicPreviewEnabled ? file.publicHlsUrl : null,
  };
}

/** JSON a model reads: two-space indented, so a person reading the tool output in chat can too. */
export function toolJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
