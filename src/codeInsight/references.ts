// Where VideoGen references sit in a text: ids, and URLs that name a file. Pure (no vscode import), so the hover,
// the links and the diagnostics share one reading of a document and the unit tests check it in plain Node.

import { findFileIdsAt, parseFileRef, type FileIdAt } from '../files/fileRefs';

/** An http(s) URL in running text: it ends at whitespace, quotes, brackets or angle brackets. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'`<>()[\]{}]+/g;
/** Punctuation that ends a sentence rather than the URL ("see https://…/x.mp4."). */
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

export interface UrlAt {
  readonly url: string;
  readonly start: number;
  readonly end: number;
}

/** What a hover found under the pointer: an id, or a URL with the id it names (or, for a public stream, none yet). */
export type ReferenceAt =
  | { readonly kind: 'id'; readonly fileId: string; readonly start: number; readonly end: number }
  | { readonly kind: 'url'; readonly url: string; readonly fileId: string | undefined; readonly start: number; readonly end: number };

/** Every http(s) URL in a text, with trailing sentence punctuation left out. */
export function findUrlsAt(text: string): UrlAt[] {
  return [...text.matchAll(URL_IN_TEXT)].map((match) => {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    return { url, start: match.index, end: match.index + url.length };
  });
}

/**
 * The reference at `offset` of a line: a URL that names a VideoGen file (an app media link, a public preview copy,
 * a signed rendition, or a public HLS stream, which carries a playback id instead of the file id), else an id.
 */
export function referenceAt(line: string, offset: number): ReferenceAt | undefined {
  const within = (r: { start: number; end: number }): boolean => offset >= r.start && offset <= r.end;
  const url = findUrlsAt(line).find(within);
  if (url) {
    const parsed = parseFileRef(url.url);
    if (parsed.ok) return { kind: 'url', url: url.url, fileId: parsed.fileId, start: url.start, end: url.end };
    if (parsed.reason === 'noFileInUrl' && isPublicStreamUrl(url.url)) return { kind: 'url', url: url.url, fileId: undefined, start: url.start, end: url.end };
  }
  const id = findFileIdsAt(line).find(within);
  return id ? { kind: 'id', ...id } : undefined;
}

/** A public HLS playlist (`…/<playbackId>.m3u8`): the file is found among known files by its playback id. */
function isPublicStreamUrl(url: string): boolean {
  return /\.m3u8(?:$|[?#])/i.test(url);
}

/**
 * The ids that become Ctrl/Cmd-click links: those outside URLs, which VS Code already makes links of (two links
 * over the same text would fight over the click).
 */
export function linkableIds(text: string): FileIdAt[] {
  const urls = findUrlsAt(text);
  return findFileIdsAt(text).filter((id) => !urls.some((url) => id.start >= url.start && id.end <= url.end));
}
