// VideoGen file references in text: a bare `vg_file_…` id, the web app's media page, or a URL of the library that
// carries the id (a public preview copy, a signed rendition). Used by "Open File by ID or URL…" and by anything that
// finds ids in text. No vscode import.

import type { FileInfo } from '../api/models';

/** `vg_file_` + 22 base62 characters (16 bytes, as VideoGen's own codec writes them). */
export const FILE_ID_PATTERN = /vg_file_[0-9A-Za-z]{22}/;
const WHOLE_FILE_ID = new RegExp(`^${FILE_ID_PATTERN.source}$`);
const FILE_ID_IN_TEXT = new RegExp(`(?<![0-9A-Za-z_])${FILE_ID_PATTERN.source}(?![0-9A-Za-z_])`, 'g');

/** The file's page in the VideoGen web app. */
export const APP_MEDIA_PAGE = 'https://app.videogen.io/media';

export function isFileId(value: string): boolean {
  return WHOLE_FILE_ID.test(value);
}

/** The web app page of a file: what "Open in VideoGen" opens (never a signed media URL). */
export function appMediaUrl(fileId: string): string {
  return `${APP_MEDIA_PAGE}?storageFileId=${encodeURIComponent(fileId)}`;
}

/** How a reference named its file. */
export type FileRefForm = 'id' | 'appLink' | 'libraryUrl';

export type FileRefParse =
  | { readonly ok: true; readonly fileId: string; readonly form: FileRefForm }
  | { readonly ok: false; readonly reason: FileRefProblem };

/**
 * - `empty`: nothing typed.
 * - `malformedId`: starts like an id but is not `vg_file_` + 22 base62 characters.
 * - `noFileInUrl`: a URL that names no file (e.g. a public HLS stream, which carries a playback id).
 * - `notAReference`: neither an id nor a URL.
 */
export type FileRefProblem = 'empty' | 'malformedId' | 'noFileInUrl' | 'notAReference';

const QUOTES = /^[\s"'`‘’“”<]+|[\s"'`‘’“”>]+$/g;

/** Reads what a user pasted: an id, an app media link, or a URL with the id in its path; quotes and spaces tolerated. */
export function parseFileRef(input: string): FileRefParse {
  const text = input.replace(QUOTES, '');
  if (text === '') return { ok: false, reason: 'empty' };
  if (isFileId(text)) return { ok: true, fileId: text, form: 'id' };
  const url = parseHttpUrl(text);
  if (!url) return { ok: false, reason: /^vg_file_/i.test(text) ? 'malformedId' : 'notAReference' };
  const fromQuery = url.searchParams.get('storageFileId');
  if (fromQuery !== null) {
    return isFileId(fromQuery.trim()) ? { ok: true, fileId: fromQuery.trim(), form: 'appLink' } : { ok: false, reason: 'malformedId' };
  }
  const fromPath = fileIdInPath(url);
  return fromPath ? { ok: true, fileId: fromPath, form: 'libraryUrl' } : { ok: false, reason: 'noFileInUrl' };
}

/** Every distinct file id in a text, in order of first appearance (ids inside longer words are not ids). */
export function findFileIds(text: string): string[] {
  return [...new Set(text.match(FILE_ID_IN_TEXT) ?? [])];
}

/** An id at a place in a text: `start` and `end` are UTF-16 offsets, as VS Code's `positionAt` takes them. */
export interface FileIdAt {
  readonly fileId: string;
  readonly start: number;
  readonly end: number;
}

/** Every occurrence of a file id in a text, in order (ids inside longer words are not ids). */
export function findFileIdsAt(text: string): FileIdAt[] {
  return [...text.matchAll(FILE_ID_IN_TEXT)].map((match) => ({ fileId: match[0], start: match.index, end: match.index + match[0].length }));
}

function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A path segment that is an id, or whose name before its extension is: `/public/vg_file_…/download.mp4`, `/vg_file_….mp4`. */
function fileIdInPath(url: URL): string | undefined {
  for (const segment of url.pathname.split('/')) {
    const name = safeDecode(segment).replace(/\.[0-9A-Za-z]+$/, '');
    if (isFileId(name)) return name;
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The file a public URL of the library belongs to, among `files` (the store): a public HLS stream carries a playback
 * id, not the file id, so only a file already known can be matched. Query and fragment are ignored.
 */
export function fileWithPublicUrl(files: Iterable<FileInfo>, url: string): FileInfo | undefined {
  const withoutQuery = url.trim().split(/[?#]/)[0] ?? '';
  for (const file of files) {
    if (file.publicHlsUrl !== null && file.publicHlsUrl.split(/[?#]/)[0] === withoutQuery) return file;
    if (file.publicPlaybackId !== null && withoutQuery.includes(file.publicPlaybackId)) return file;
  }
  return undefined;
}
