// Which local files can be uploaded, and as what: the type and Content-Type from the file extension. The
// Explorer menu's `when` clause, the file dialog's filters and the pre-flight check all derive from this table.
// No vscode import.

import type { KnownFileType } from '../api/models';

export type UploadableType = Extract<KnownFileType, 'IMAGE' | 'VIDEO' | 'AUDIO' | 'PDF'>;

/**
 * Media the library takes from an editor, by lower-case extension. LOTTIE and TEXT are left out on purpose: a
 * `.json` or `.txt` is rarely meant as library media, and LOTTIE must be declared explicitly (contract §2.3).
 */
const MEDIA_TYPES: Readonly<Record<string, { type: UploadableType; contentType: string }>> = {
  png: { type: 'IMAGE', contentType: 'image/png' },
  jpg: { type: 'IMAGE', contentType: 'image/jpeg' },
  jpeg: { type: 'IMAGE', contentType: 'image/jpeg' },
  gif: { type: 'IMAGE', contentType: 'image/gif' },
  webp: { type: 'IMAGE', contentType: 'image/webp' },
  avif: { type: 'IMAGE', contentType: 'image/avif' },
  bmp: { type: 'IMAGE', contentType: 'image/bmp' },
  mp4: { type: 'VIDEO', contentType: 'video/mp4' },
  m4v: { type: 'VIDEO', contentType: 'video/x-m4v' },
  mov: { type: 'VIDEO', contentType: 'video/quicktime' },
  webm: { type: 'VIDEO', contentType: 'video/webm' },
  mkv: { type: 'VIDEO', contentType: 'video/x-matroska' },
  mp3: { type: 'AUDIO', contentType: 'audio/mpeg' },
  wav: { type: 'AUDIO', contentType: 'audio/wav' },
  m4a: { type: 'AUDIO', contentType: 'audio/mp4' },
  aac: { type: 'AUDIO', contentType: 'audio/aac' },
  ogg: { type: 'AUDIO', contentType: 'audio/ogg' },
  opus: { type: 'AUDIO', contentType: 'audio/ogg' },
  flac: { type: 'AUDIO', contentType: 'audio/flac' },
  pdf: { type: 'PDF', contentType: 'application/pdf' },
};

export interface UploadMediaType {
  type: UploadableType;
  contentType: string;
}

/** A file the API would not take as media; thrown before anything is sent. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(
    readonly fileName: string,
    /** Lower-case, without the dot; '' when the name has none. */
    readonly extension: string,
  ) {
    super(extension === '' ? `${fileName} has no file extension to tell its media type` : `.${extension} files are not accepted as VideoGen media`);
  }
}

/** The extension of a file name, lower-case, without the dot ('' for none, and for names like ".env"). */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The type and Content-Type of a file by its name. @throws UnsupportedMediaTypeError */
export function mediaTypeOf(fileName: string): UploadMediaType {
  const extension = extensionOf(fileName);
  const known = Object.prototype.hasOwnProperty.call(MEDIA_TYPES, extension) ? MEDIA_TYPES[extension] : undefined;
  if (!known) throw new UnsupportedMediaTypeError(fileName, extension);
  return { ...known };
}

/** The type of in-memory bytes by MIME type (a pasted image): the extension that MIME type is known by. */
export function mediaTypeOfMime(mimeType: string): UploadMediaType | undefined {
  const wanted = mimeType.split(';')[0].trim().toLowerCase();
  const entry = Object.values(MEDIA_TYPES).find((known) => known.contentType === wanted);
  return entry ? { ...entry } : undefined;
}

/** An extension that names `mimeType` (for a pasted image without a file name): 'png' for image/png. */
export function extensionForMime(mimeType: string): string | undefined {
  const wanted = mimeType.split(';')[0].trim().toLowerCase();
  return Object.entries(MEDIA_TYPES).find(([, known]) => known.contentType === wanted)?.[0];
}

/** Every accepted extension, grouped by type, in table order. */
export function acceptedExtensions(): Readonly<Record<UploadableType, readonly string[]>> {
  const grouped: Record<UploadableType, string[]> = { IMAGE: [], VIDEO: [], AUDIO: [], PDF: [] };
  for (const [extension, { type }] of Object.entries(MEDIA_TYPES)) grouped[type].push(extension);
  return grouped;
}

/** The `resourceExtname` regex of the Explorer menu's `when` clause (package.json must carry exactly this). */
export function resourceExtnameRegex(): string {
  const all = Object.values(acceptedExtensions()).flat();
  return `/^\\.(${all.join('|')})$/i`;
}
