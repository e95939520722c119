// The sample library: entries of library.json (or --library FILE, or POST /__admin/files) and the stored
// files built from them. See README.md for the entry format.
import { readFileSync } from 'node:fs';
import { FILE_SCOPES, FILE_TYPES, type KnownFileScope, type KnownFileType, type KnownSourceStatus, type TranscriptWord } from '../../src/api/models';
import { newPlaybackId, StableIds } from './ids';
import { RENDITIONS, type MediaSet, type RenditionName } from './media';
import type { AnalysisLoadingState, AnalysisState, StoredFile, WireTranscript } from './model';

export type UrlState = 'fresh' | 'expired' | 'none';

export interface LibraryEntry {
  displayName: string;
  /** Defaults to the media set's type; must agree with it. */
  type: KnownFileType | null;
  scope: KnownFileScope;
  description: string | null;
  /** Plain text; word timings come from the media manifest when the words match, else are spread evenly. */
  transcript: string | null;
  /** A media set of media/manifest.json; may be null only for a file that is still processing. */
  media: string | null;
  sourceToolType: string | null;
  // Optional state of the file when the server starts:
  urls: UrlState;
  processing: boolean;
  failedRenditions: RenditionName[];
  publicPreview: boolean;
  archived: boolean;
  createdBy: 'self' | 'teammate';
  hideFromUi: boolean;
  analysis: AnalysisLoadingState | null;
  updatedMinutesAgo: number | null;
}

export class LibraryError extends Error {}

const ANALYSIS_STATES: readonly AnalysisLoadingState[] = ['UNATTEMPTED', 'LOADING', 'FULFILLED', 'REJECTED'];
const ENTRY_FIELDS = ['displayName', 'type', 'scope', 'description', 'transcript', 'media', 'sourceToolType', 'urls', 'processing',
  'failedRenditions', 'publicPreview', 'archived', 'createdBy', 'hideFromUi', 'analysis', 'updatedMinutesAgo'];

export function loadLibraryFile(file: string, catalog: ReadonlyMap<string, MediaSet>): LibraryEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LibraryError(`cannot read library ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new LibraryError(`library ${file} must be a non-empty JSON array of entries`);
  return raw.map((entry, i) => {
    try {
      return parseLibraryEntry(entry, catalog);
    } catch (error) {
      throw new LibraryError(`library ${file}, entry ${i}: ${(error as Error).message}`);
    }
  });
}

/** Validates one entry; throws a LibraryError naming the bad field. */
export function parseLibraryEntry(raw: unknown, catalog: ReadonlyMap<string, MediaSet>): LibraryEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new LibraryError('an entry must be a JSON object');
  const input = raw as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !ENTRY_FIELDS.includes(key));
  if (unknown.length > 0) throw new LibraryError(`unknown field(s): ${unknown.join(', ')}`);
  const read = fieldReader(input);
  const displayName = read.string('displayName');
  if (!displayName) throw new LibraryError('"displayName" is required');
  const processing = read.boolean('processing') ?? false;
  const media = read.string('media');
  const mediaSet = media === null ? undefined : catalog.get(media);
  if (media !== null && !mediaSet) throw new LibraryError(`unknown media set "${media}" (known: ${[...catalog.keys()].join(', ')})`);
  if (!mediaSet && !processing) throw new LibraryError('"media" is required unless "processing" is true');
  const type = read.oneOf('type', FILE_TYPES);
  if (type && mediaSet && type !== mediaSet.type) throw new LibraryError(`"type" ${type} does not match media "${media}" (${mediaSet.type})`);
  return {
    displayName,
    type: type ?? mediaSet?.type ?? null,
    scope: read.oneOf('scope', FILE_SCOPES) ?? 'GLOBAL',
    description: read.string('description'),
    transcript: read.string('transcript'),
    media,
    sourceToolType: read.string('sourceToolType'),
    urls: read.oneOf('urls', ['fresh', 'expired', 'none'] as const) ?? 'fresh',
    processing,
    failedRenditions: read.list('failedRenditions', RENDITIONS) ?? [],
    publicPreview: read.boolean('publicPreview') ?? false,
    archived: read.boolean('archived') ?? false,
    createdBy: read.oneOf('createdBy', ['self', 'teammate'] as const) ?? 'self',
    hideFromUi: read.boolean('hideFromUi') ?? false,
    analysis: read.oneOf('analysis', ANALYSIS_STATES),
    updatedMinutesAgo: read.number('updatedMinutesAgo'),
  };
}

function fieldReader(input: Record<string, unknown>) {
  const present = (key: string): unknown => (input[key] === undefined ? null : input[key]);
  const fail = (key: string, expected: string): never => {
    throw new LibraryError(`"${key}" must be ${expected}, got ${JSON.stringify(input[key])}`);
  };
  return {
    string(key: string): string | null {
      const value = present(key);
      return value === null || typeof value === 'string' ? value : fail(key, 'a string or null');
    },
    boolean(key: string): boolean | null {
      const value = present(key);
      return value === null || typeof value === 'boolean' ? value : fail(key, 'a boolean');
    },
    number(key: string): number | null {
      const value = present(key);
      return value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0) ? value : fail(key, 'a number ≥ 0');
    },
    oneOf<T extends string>(key: string, allowed: readonly T[]): T | null {
      const value = present(key);
      return value === null || allowed.includes(value as T) ? (value as T | null) : fail(key, `one of ${allowed.join(', ')}`);
    },
    list<T extends string>(key: string, allowed: readonly T[]): T[] | null {
      const value = present(key);
      if (value === null) return null;
      return Array.isArray(value) && value.every((item) => allowed.includes(item as T)) ? (value as T[]) : fail(key, `an array of ${allowed.join(', ')}`);
    },
  };
}

// ---- stored files ----

export interface LibraryBuild {
  catalog: ReadonlyMap<string, MediaSet>;
  nowMs: number;
  urlLifetimeSeconds: number;
}

const MINUTES_BETWEEN_ENTRIES = 53;
const MINUTES_BETWEEN_COPIES = 11;

/** `count` files cycling through the entries; copies are named "Name (2)", "Name (3)"... Ids are stable. */
export function buildLibrary(entries: readonly LibraryEntry[], count: number, build: LibraryBuild): StoredFile[] {
  const factories = entries.map((entry) => fileFactory(entry, build));
  const ids = new StableIds(entries.map((entry) => entry.displayName).join('\n'));
  const files: StoredFile[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const entry = entries[index % entries.length];
    const copy = Math.floor(index / entries.length);
    const displayName = copy === 0 ? entry.displayName : `${entry.displayName} (${copy + 1})`;
    files[index] = factories[index % entries.length]({
      fileId: ids.nextFileId(),
      displayName,
      updatedAt: updatedAt(entries, index, build.nowMs),
    });
  }
  return files;
}

function updatedAt(entries: readonly LibraryEntry[], index: number, nowMs: number): number {
  const originals = entries.length;
  const minutesAgo = index < originals
    ? entries[index].updatedMinutesAgo ?? 5 + index * MINUTES_BETWEEN_ENTRIES
    : 60 + originals * MINUTES_BETWEEN_ENTRIES + Math.floor((index - originals) / 2) * MINUTES_BETWEEN_COPIES; // pairs tie on purpose
  return nowMs - Math.round(minutesAgo * 60_000);
}

export interface FileIdentity {
  fileId: string;
  displayName: string;
  updatedAt: number;
}

export type FileFactory = (identity: FileIdentity) => StoredFile;

/** Makes files of one entry; what its copies share (media, transcript, states) is computed once here. */
export function fileFactory(entry: LibraryEntry, build: LibraryBuild): FileFactory {
  const media = entry.media === null ? null : build.catalog.get(entry.media) ?? null;
  const analysis = analysisOf(entry);
  const analysed = analysis.analysisLoadingState === 'FULFILLED';
  const timed = media?.type === 'VIDEO' || media?.type === 'AUDIO';
  const transcript = analysed && entry.transcript && media && timed ? timedTranscript(entry.transcript, media) : null;
  const sourceStatus = entry.processing ? allSources('pending') : sourceStatusOf(media, entry.failedRenditions);
  const signedUntil = signedUntilOf(entry.urls, build);
  return ({ fileId, displayName, updatedAt }) => ({
    fileId,
    type: entry.processing ? null : entry.type,
    scope: entry.scope,
    displayName,
    description: analysed ? entry.description : null,
    transcript,
    durationSeconds: entry.processing ? null : media?.durationSeconds ?? null,
    media,
    sourceStatus: { ...sourceStatus },
    signedUntil: entry.processing ? null : signedUntil,
    isPublicPreviewEnabled: entry.publicPreview,
    publicPlaybackId: entry.publicPreview && sourceStatus.hls === 'ready' ? newPlaybackId() : null,
    sourceToolType: entry.sourceToolType,
    analysis,
    createdBySelf: entry.createdBy === 'self',
    hideFromUi: entry.hideFromUi,
    archived: entry.archived,
    updatedAt,
    upload: null,
  });
}

export function allSources(status: KnownSourceStatus): Record<RenditionName, KnownSourceStatus> {
  return { download: status, preview: status, thumbnail: status, hls: status };
}

/** failed for the renditions listed as failed, ready for the others the media has, skipped for the rest. */
export function sourceStatusOf(media: MediaSet | null, failed: readonly RenditionName[] = []): Record<RenditionName, KnownSourceStatus> {
  const status = allSources('skipped');
  for (const rendition of RENDITIONS) {
    if (failed.includes(rendition)) status[rendition] = 'failed';
    else if (media?.renditions[rendition]) status[rendition] = 'ready';
  }
  return status;
}

function signedUntilOf(urls: UrlState, build: LibraryBuild): number | null {
  const nowSeconds = Math.floor(build.nowMs / 1000);
  if (urls === 'fresh') return nowSeconds + build.urlLifetimeSeconds;
  if (urls === 'expired') return nowSeconds - 3 * 86_400;
  return null;
}

function analysisOf(entry: LibraryEntry): AnalysisState {
  const state = entry.analysis ?? (entry.scope === 'TEMPORARY' ? 'UNATTEMPTED' : entry.processing ? 'LOADING' : 'FULFILLED');
  return analysisState(state);
}

export function analysisState(state: AnalysisLoadingState): AnalysisState {
  switch (state) {
    case 'FULFILLED': return { analysisLoadingState: state, analysisProgressPercentage: 100 };
    case 'REJECTED': return { analysisLoadingState: state, analysisProgressPercentage: 0 };
    case 'LOADING': return { analysisLoadingState: state, analysisProgressPercentage: 40, analysisAttemptIndex: 0 };
    case 'UNATTEMPTED': return { analysisLoadingState: state, analysisProgressPercentage: 0, analysisAttemptIndex: 0 };
  }
}

/** The October transcript object for `text`, using the media's real word timings when they are for the same words. */
function timedTranscript(text: string, media: MediaSet): WireTranscript {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const known = media.words;
  if (known && known.length === words.length && known.every((timed, i) => timed.word === words[i])) {
    return { languageCode: 'en', words: known.map((timed) => ({ ...timed })) };
  }
  return { languageCode: 'en', words: spreadEvenly(words, media.durationSeconds ?? words.length * 0.4) };
}

function spreadEvenly(words: readonly string[], durationSeconds: number): TranscriptWord[] {
  const slot = durationSeconds / Math.max(1, words.length);
  const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;
  return words.map((word, i) => ({ word, startSeconds: round(i * slot), endSeconds: round((i + 0.9) * slot) }));
}
