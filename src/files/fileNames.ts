// Local file names for library files: a display name is hostile text, and the name must be valid on Windows, macOS
// and Linux alike (a workspace is shared through git). No vscode import.

import type { FileInfo } from '../api/models';
import { parseUrl } from './facts';

/** Bytes of UTF-8 a file name may take on common file systems (ext4, APFS, NTFS in UTF-16 units is more lenient). */
export const MAX_FILE_NAME_BYTES = 255;
/** Room kept for " (12)" and the temporary download suffix. */
const NAME_BUDGET_BYTES = MAX_FILE_NAME_BYTES - 40;

const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  IMAGE: 'png',
  VIDEO: 'mp4',
  AUDIO: 'mp3',
  PDF: 'pdf',
  TEXT: 'txt',
  LOTTIE: 'json',
  SLIDESHOW: 'pdf',
};

/** Extensions that say what a media file is: a display name ending in another one gets the real one instead. */
const MEDIA_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'svg', 'tif', 'tiff', 'heic',
  'mp4', 'mov', 'm4v', 'webm', 'mkv', 'avi',
  'mp3', 'wav', 'm4a', 'aac', 'ogg', 'oga', 'flac', 'opus',
  'pdf', 'txt', 'json', 'lottie',
]);

// Reserved on Windows whatever the extension ("nul.txt" too); compared without case.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Forbidden on Windows (and "/" everywhere), plus every control character; bidi controls would disguise the extension.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The extension of the bytes `downloadSource` serves: from the `download=` name the URL asks the browser to save as,
 * else from the URL's path, else from the file's type. Lowercase, without the dot; '' when nothing says.
 */
export function downloadExtension(file: FileInfo, url: string | null = file.downloadSource?.url ?? null): string {
  const parsed = url === null ? null : parseUrl(url);
  const fromName = extensionOf(parsed?.searchParams.get('download') ?? '');
  if (fromName !== '') return fromName;
  const fromPath = extensionOf(parsed ? decodeURIComponentSafe(parsed.pathname.split('/').pop() ?? '') : '');
  if (fromPath !== '') return fromPath;
  return (file.type !== null && EXTENSION_BY_TYPE[file.type]) || '';
}

/**
 * A name for saving `displayName` with `extension`: every character that some OS refuses becomes `_`, leading dots
 * (hidden files) and trailing dots or spaces (dropped by Windows) go, a reserved device name gets a `_` in front, the
 * extension is the real one, and the whole fits 255 bytes. Never empty: `fallback` (the file ID) stands in.
 */
export function safeFileName(displayName: string, extension: string, fallback: string): string {
  const ext = extensionOf(`x.${extension}`);
  let stem = clean(displayName);
  const current = extensionOf(stem);
  if (current !== '' && (current === ext || MEDIA_EXTENSIONS.has(current))) stem = stem.slice(0, -(current.length + 1));
  stem = truncateUtf8(clean(stem), NAME_BUDGET_BYTES - (ext === '' ? 0 : ext.length + 1));
  stem = clean(stem);
  if (stem === '') stem = clean(fallback) || 'file';
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  return ext === '' ? stem : `${stem}.${ext}`;
}

/** `name (n).ext`: the "Keep Both" name, numbered like file managers do. */
export function numberedName(fileName: string, n: number): string {
  const ext = extensionOf(fileName);
  const stem = ext === '' ? fileName : fileName.slice(0, -(ext.length + 1));
  return ext === '' ? `${stem} (${n})` : `${stem} (${n}).${ext}`;
}

/** The first of `name`, `name (1)`, `name (2)`… that `taken` does not hold (compared without case, as Windows and macOS do). */
export function firstFreeName(fileName: string, taken: (name: string) => boolean): string {
  if (!taken(fileName)) return fileName;
  for (let n = 1; ; n++) {
    const candidate = numberedName(fileName, n);
    if (!taken(candidate)) return candidate;
  }
}

function clean(name: string): string {
  return name
    .normalize('NFC')
    .replace(FORBIDDEN, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
}

/** Lowercase extension of a name (letters and digits, at most 8), or ''. */
function extensionOf(name: string): string {
  const match = /\.([0-9A-Za-z]{1,8})$/.exec(name);
  return match && match.index > 0 ? match[1]!.toLowerCase() : '';
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
