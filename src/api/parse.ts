// Wire JSON -> normalised models (models.ts).
// Lenient about content (July/October shapes, "" / 0 / null for empty values, unknown enum values,
// extra fields, missing optional fields) and strict about structure the client cannot work without
// (fileId, files/results arrays, hasMore, status of a source, ...). Structural problems become a
// VideoGenApiError of kind 'malformed_response' naming the offending path, never a TypeError.

import { VideoGenApiError, isRecord } from './errors';
import type {
  FileAnalysisMetadata,
  FileInfo,
  FilePage,
  FileSource,
  FileUpload,
  SearchResult,
  Transcript,
  TranscriptWord,
} from './models';

/** Which response is being parsed, for the error message ("Malformed response from GET /v1/files: ..."). */
export interface ParseContext {
  method: string;
  path: string;
  status?: number | null;
  requestId?: string | null;
}

/** Internal: a structural problem at a JSON path; converted to VideoGenApiError at the public boundary. */
class ShapeProblem extends Error {}

function fail(path: string, problem: string): never {
  throw new ShapeProblem(path === '' ? `body ${problem}` : `${path} ${problem}`);
}

function toApiError(problem: string, context: ParseContext | undefined): VideoGenApiError {
  const where = context ? ` from ${context.method} ${context.path}` : '';
  return new VideoGenApiError({
    kind: 'malformed_response',
    message: `Malformed response${where}: ${problem}`,
    status: context?.status ?? null,
    requestId: context?.requestId ?? null,
    method: context?.method,
    path: context?.path,
  });
}

function withContext<T>(context: ParseContext | undefined, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ShapeProblem) throw toApiError(error.message, context);
    throw error;
  }
}

/** JSON.parse with a readable error for empty bodies and HTML error pages. */
export function parseJsonBody(text: string, context?: ParseContext, contentType?: string | null): unknown {
  // A test for any non-blank character instead of trim(): a page is ~0.5 MB, and trim() would copy it.
  if (!/\S/.test(text)) throw toApiError('body is empty (expected JSON)', context);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const looksLikeHtml = /^\s*</.test(text);
    const typeHint = contentType ? `content-type ${contentType}, ` : '';
    const start = JSON.stringify(text.trimStart().slice(0, 40));
    const what = looksLikeHtml ? 'looks like an HTML page' : 'invalid JSON';
    throw toApiError(`body is not JSON (${what}; ${typeHint}starts with ${start})`, context);
  }
}

export function parseFilePage(json: unknown, context?: ParseContext): FilePage {
  return withContext(context, () => {
    const body = requireObject(json, '');
    const files = requireArray(body, 'files', '');
    const hasMore = body.hasMore;
    if (typeof hasMore !== 'boolean') fail(join('', 'hasMore'), describeProblem(hasMore, 'a boolean'));
    const cursor = nonEmptyString(body.nextCursor);
    if (hasMore && cursor === null) fail('nextCursor', 'is missing although hasMore is true');
    return {
      files: files.map((file, index) => readFileInfo(file, 'files', index)),
      hasMore,
      nextCursor: hasMore ? cursor : null,
    };
  });
}

export function parseSearchResults(json: unknown, context?: ParseContext): SearchResult[] {
  return withContext(context, () => {
    const body = requireObject(json, '');
    return requireArray(body, 'results', '').map((item, index) => {
      const path = `results[${index}]`;
      const result = requireObject(item, path);
      const similarity = result.similarity;
      if (typeof similarity !== 'number' || !Number.isFinite(similarity)) {
        fail(join(path, 'similarity'), describeProblem(similarity, 'a number'));
      }
      return { similarity, file: readFileInfo(result.file, join(path, 'file')) };
    });
  });
}

/** A single FileInfo (get, hydrate, archive, public preview). Also unwraps the old `{ file: {...} }` envelope. */
export function parseFileInfo(json: unknown, context?: ParseContext): FileInfo {
  return withContext(context, () => {
    const body = requireObject(json, '');
    if (body.fileId === undefined && isRecord(body.file)) return readFileInfo(body.file, 'file');
    return readFileInfo(body, '');
  });
}

export function parseFileUpload(json: unknown, context?: ParseContext): FileUpload {
  return withContext(context, () => {
    const body = requireObject(json, '');
    return { fileId: requireString(body, 'fileId', ''), uploadUrl: requireString(body, 'uploadUrl', '') };
  });
}

/**
 * `path` names the file in error messages, `files` + `index` naming `files[index]`. Paths are only put together
 * when something fails: a page has 200 files of six sources each, and building their paths cost a quarter of the
 * parse.
 */
function readFileInfo(value: unknown, path: string, index?: number): FileInfo {
  if (!isRecord(value) || typeof value.fileId !== 'string' || value.fileId === '') {
    const at = itemPath(path, index);
    requireString(requireObject(value, at), 'fileId', at);
  }
  const wire = value as Record<string, unknown> & { fileId: string };
  return {
    fileId: wire.fileId,
    type: nonEmptyString(wire.type),
    // `scope` is required by the spec, but MCP-shaped payloads (E14) omit it; GLOBAL is the scope of
    // uploads and standalone files, which is what those payloads describe.
    scope: nonEmptyString(wire.scope) ?? 'GLOBAL',
    displayName: typeof wire.displayName === 'string' ? wire.displayName : '',
    description: nonEmptyString(wire.description),
    // July examples put 0 in durationSeconds of images: 0 means "no duration".
    durationSeconds: positiveNumber(wire.durationSeconds),
    transcript: readTranscript(wire.transcript, wire.transcriptText),
    downloadSource: withRootUrl(readSource(wire.downloadSource, path, index, 'downloadSource'), wire.downloadUrl, wire.downloadUrlExpiresAt),
    previewSource: readSource(wire.previewSource, path, index, 'previewSource'),
    thumbnailSource: withRootUrl(readSource(wire.thumbnailSource, path, index, 'thumbnailSource'), wire.thumbnailUrl, wire.thumbnailUrlExpiresAt),
    hlsSource: readSource(wire.hlsSource, path, index, 'hlsSource'),
    isPublicPreviewEnabled: wire.isPublicPreviewEnabled === true,
    staticPublicPreviewSource: readSource(wire.staticPublicPreviewSource, path, index, 'staticPublicPreviewSource'),
    publicHlsUrl: nonEmptyString(wire.publicHlsUrl),
    publicPlaybackId: nonEmptyString(wire.publicPlaybackId),
    sourceToolType: nonEmptyString(wire.sourceToolType),
    sourceToolExecutionId: nonEmptyString(wire.sourceToolExecutionId),
    fileAnalysisMetadata: readAnalysisMetadata(wire.fileAnalysisMetadata),
  };
}

function itemPath(path: string, index: number | undefined): string {
  return index === undefined ? path : `${path}[${index}]`;
}

/** The source at `key` of the file at `path` (+ `index`, as for readFileInfo). */
function readSource(value: unknown, path: string, index: number | undefined, key: string): FileSource | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value) || typeof value.status !== 'string' || value.status === '') {
    const at = join(itemPath(path, index), key);
    requireString(requireObject(value, at), 'status', at);
  }
  const wire = value as Record<string, unknown> & { status: string };
  // A source already in the normalised shape (every response of a current server) is kept as it is: a page holds
  // up to a thousand sources, and copying each one costs more than reading it (a field a newer server adds rides along).
  if (isNormalisedSource(wire)) return wire;
  return {
    status: wire.status,
    url: nonEmptyString(wire.url),
    expiresAt: positiveNumber(wire.expiresAt),
    width: positiveNumber(wire.width),
    height: positiveNumber(wire.height),
    fileBytes: positiveNumber(wire.fileBytes),
  };
}

function isNormalisedSource(wire: Record<string, unknown>): wire is Record<string, unknown> & FileSource {
  return (
    (wire.url === null || (typeof wire.url === 'string' && wire.url !== '')) &&
    isPositiveOrNull(wire.expiresAt) &&
    isPositiveOrNull(wire.width) &&
    isPositiveOrNull(wire.height) &&
    isPositiveOrNull(wire.fileBytes)
  );
}

function isPositiveOrNull(value: unknown): boolean {
  return value === null || positiveNumber(value) !== null;
}

/**
 * October responses repeat the download and thumbnail URLs at the root (`downloadUrl`, `thumbnailUrl` and their
 * `…ExpiresAt`). They are folded into the matching source here, once, so that no caller needs a fallback: a root
 * URL fills a source that has none (or stands in for a missing source); a source's own URL wins.
 */
function withRootUrl(source: FileSource | null, rootUrl: unknown, rootExpiresAt: unknown): FileSource | null {
  const url = nonEmptyString(rootUrl);
  if (url === null || source?.url) return source;
  if (source && source.status !== 'ready' && source.status !== 'pending') return source;
  const expiresAt = positiveNumber(rootExpiresAt);
  if (source) return { ...source, status: 'ready', url, expiresAt };
  return { status: 'ready', url, expiresAt, width: null, height: null, fileBytes: null };
}

/** October: `transcript` object + `transcriptText`; July: `transcript` string. */
function readTranscript(transcript: unknown, transcriptText: unknown): Transcript | null {
  const plainText = nonEmptyString(transcriptText);
  if (typeof transcript === 'string') {
    const text = plainText ?? transcript;
    return text.trim() === '' ? null : { languageCode: null, words: [], text };
  }
  if (isRecord(transcript)) {
    const words = Array.isArray(transcript.words) ? readWords(transcript.words) : [];
    const text = plainText ?? words.map((word) => word.word).join(' ');
    if (words.length === 0 && text === '') return null;
    return { languageCode: nonEmptyString(transcript.languageCode), words, text };
  }
  return plainText === null ? null : { languageCode: null, words: [], text: plainText };
}

/**
 * The well-formed words, in order. Malformed ones are dropped instead of failing the whole file (a transcript is
 * decoration); when every word is well formed (the usual case) the wire's array and words are kept as they are.
 */
function readWords(wire: unknown[]): TranscriptWord[] {
  let firstBad = 0;
  while (firstBad < wire.length && isWord(wire[firstBad])) firstBad++;
  if (firstBad === wire.length) return wire as TranscriptWord[];
  const words = wire.slice(0, firstBad) as TranscriptWord[];
  for (let i = firstBad + 1; i < wire.length; i++) {
    const value = wire[i];
    if (isWord(value)) words.push(value);
  }
  return words;
}

function isWord(value: unknown): value is TranscriptWord {
  if (!isRecord(value)) return false;
  return typeof value.startSeconds === 'number' && typeof value.endSeconds === 'number' && typeof value.word === 'string';
}

function readAnalysisMetadata(value: unknown): FileAnalysisMetadata | null {
  if (!isRecord(value)) return null;
  const state = nonEmptyString(value.analysisLoadingState);
  if (state === null) return null;
  const progress = value.analysisProgressPercentage;
  const attempt = value.analysisAttemptIndex;
  return {
    analysisLoadingState: state,
    analysisProgressPercentage: typeof progress === 'number' && Number.isFinite(progress) ? progress : 0,
    analysisAttemptIndex: typeof attempt === 'number' && Number.isInteger(attempt) && attempt >= 0 ? attempt : null,
  };
}

// --- small readers -------------------------------------------------------------------------------

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describeProblem(value: unknown, expected: string): string {
  if (value === undefined || value === null) return 'is missing';
  return `is not ${expected} (got ${Array.isArray(value) ? 'array' : typeof value})`;
}

function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (path === '') fail('', `is not a JSON object (got ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value})`);
  return fail(path, describeProblem(value, 'an object'));
}

function requireArray(container: Record<string, unknown>, key: string, path: string): unknown[] {
  const value = container[key];
  if (Array.isArray(value)) return value;
  return fail(join(path, key), describeProblem(value, 'an array'));
}

function requireString(container: Record<string, unknown>, key: string, path: string): string {
  const value = container[key];
  if (typeof value === 'string' && value !== '') return value;
  if (value === '') fail(join(path, key), 'is empty');
  return fail(join(path, key), describeProblem(value, 'a string'));
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Sizes, durations and timestamps: 0, negatives and non-numbers all mean "unknown". */
function positiveNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
