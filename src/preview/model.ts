// FileInfo → what the preview webview shows. Pure: no vscode import, so it is unit-testable.

import type { FileInfo, FileSource } from '../api/models';
import { isAllowedMediaUrl, isReady, parseUrl, statesOf, usableUrl } from '../files/facts';
import type { DetailRow, FileAction, MediaCandidate, MediaKind, MediaSourceName, PreviewModel } from './protocol';

const KIND_BY_TYPE: Readonly<Record<string, MediaKind>> = { IMAGE: 'image', VIDEO: 'video', AUDIO: 'audio' };

/** Which sources feed the media element, best first (contract §2.1: preview = 720p video / resized image). */
const CANDIDATE_ORDER: Readonly<Record<MediaKind, readonly MediaSourceName[]>> = {
  image: ['previewSource', 'downloadSource'],
  video: ['previewSource', 'downloadSource', 'hlsSource'],
  audio: ['downloadSource', 'previewSource', 'hlsSource'],
  other: [],
};

const HLS_MIME = 'application/vnd.apple.mpegurl';
const MIME_BY_EXTENSION: Readonly<Record<string, { video: string; audio: string }>> = {
  mp4: { video: 'video/mp4', audio: 'audio/mp4' },
  m4v: { video: 'video/mp4', audio: 'audio/mp4' },
  m4a: { video: 'audio/mp4', audio: 'audio/mp4' },
  mov: { video: 'video/quicktime', audio: 'video/quicktime' },
  webm: { video: 'video/webm', audio: 'audio/webm' },
  ogv: { video: 'video/ogg', audio: 'video/ogg' },
  ogg: { video: 'audio/ogg', audio: 'audio/ogg' },
  oga: { video: 'audio/ogg', audio: 'audio/ogg' },
  opus: { video: 'audio/ogg', audio: 'audio/ogg' },
  mp3: { video: 'audio/mpeg', audio: 'audio/mpeg' },
  wav: { video: 'audio/wav', audio: 'audio/wav' },
  flac: { video: 'audio/flac', audio: 'audio/flac' },
  aac: { video: 'audio/aac', audio: 'audio/aac' },
  m3u8: { video: HLS_MIME, audio: HLS_MIME },
};

export function mediaKindOf(file: Pick<FileInfo, 'type'>): MediaKind {
  return (file.type !== null && KIND_BY_TYPE[file.type]) || 'other';
}

/**
 * Builds the webview model from a hydrated file. Only URLs usable now (ready, not expiring within the
 * margin, https or loopback http) are handed out. `unplayable` lists sources that failed with fresh URLs.
 */
export function toPreviewModel(
  file: FileInfo,
  details: DetailRow[],
  unplayable: ReadonlySet<MediaSourceName> = new Set(),
  nowMs = Date.now(),
): PreviewModel {
  const kind = mediaKindOf(file);
  return {
    fileId: file.fileId,
    displayName: file.displayName,
    kind,
    details,
    transcript: file.transcript && { languageCode: file.transcript.languageCode, words: file.transcript.words, text: file.transcript.text },
    candidates: mediaCandidates(file, kind, unplayable, nowMs),
    thumbnailUrl: usableUrl(file.thumbnailSource, nowMs),
    processing: statesOf(file).processing,
    actions: availableActions(file, nowMs),
  };
}

/**
 * A resized image preview narrower than this would be drawn blurred or small in an editor (a wide editor on a
 * 2× display is about 2,000 device pixels): the original is shown instead, unless it is too big to load quickly.
 */
const SHARP_IMAGE_WIDTH = 1920;
const MAX_ORIGINAL_IMAGE_BYTES = 25_000_000;

/** The original image first when the resized preview is known to be smaller than it and too small to look sharp. */
function imageOrder(file: FileInfo): readonly MediaSourceName[] {
  const preview = file.previewSource;
  const original = file.downloadSource;
  const previewIsSmall = preview?.width != null && original?.width != null && preview.width < original.width && preview.width < SHARP_IMAGE_WIDTH;
  const originalIsLight = original?.fileBytes == null || original.fileBytes <= MAX_ORIGINAL_IMAGE_BYTES;
  return previewIsSmall && originalIsLight ? ['downloadSource', 'previewSource'] : CANDIDATE_ORDER.image;
}

function mediaCandidates(file: FileInfo, kind: MediaKind, unplayable: ReadonlySet<MediaSourceName>, nowMs: number): MediaCandidate[] {
  const candidates: MediaCandidate[] = [];
  for (const source of kind === 'image' ? imageOrder(file) : CANDIDATE_ORDER[kind]) {
    const url = usableUrl(file[source], nowMs);
    if (url === null) continue;
    const mimeType = source === 'hlsSource' ? HLS_MIME : guessMimeType(url, kind);
    candidates.push({ source, url, mimeType, unplayable: unplayable.has(source) });
  }
  return candidates;
}

function availableActions(file: FileInfo, nowMs: number): FileAction[] {
  const has = (source: FileSource | null): boolean => usableUrl(source, nowMs) !== null;
  const publicPreview = file.isPublicPreviewEnabled && has(file.staticPublicPreviewSource);
  const conditional: [FileAction, boolean][] = [
    ['copyDownloadUrl', has(file.downloadSource)],
    ['copyPreviewUrl', has(file.previewSource)],
    ['copyHlsUrl', has(file.hlsSource)],
    ['copyPublicPreviewUrl', publicPreview],
    // with public preview on, Copy Public Preview URL copies the same permanent link
    ['copyPublicLink', !file.isPublicPreviewEnabled],
    ['enablePublicPreview', !file.isPublicPreviewEnabled],
    ['disablePublicPreview', file.isPublicPreviewEnabled],
    ['saveToWorkspace', isReady(file.downloadSource)],
  ];
  // Every file has its page in the web app.
  return ['copyFileId', 'insertFileId', ...conditional.filter(([, ok]) => ok).map(([action]) => action), 'openInVideoGen'];
}

/** scheme://host[:port] of an allowed media URL, for the CSP; null for anything else. */
export function mediaOrigin(url: string): string | null {
  return isAllowedMediaUrl(url) ? (parseUrl(url)?.origin ?? null) : null;
}

/** Every URL the webview may load for this model. */
export function modelUrls(model: PreviewModel): string[] {
  const urls = model.candidates.map((c) => c.url);
  if (model.thumbnailUrl !== null) urls.push(model.thumbnailUrl);
  return urls;
}

/**
 * Every signed URL of a file, fresh or not. Used before hydration to predict the CSP origins:
 * re-signed URLs normally keep their host, so the page need not be rebuilt when they arrive.
 */
export function allFileUrls(file: FileInfo): string[] {
  const sources = [file.downloadSource, file.previewSource, file.thumbnailSource, file.hlsSource];
  const urls = sources.map((s) => s?.url ?? null);
  return urls.filter((url): url is string => url !== null && url !== '');
}

export function guessMimeType(url: string, kind: MediaKind): string | null {
  if (kind !== 'video' && kind !== 'audio') return null;
  const path = parseUrl(url)?.pathname ?? '';
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && MIME_BY_EXTENSION[extension]?.[kind]) || null;
}
