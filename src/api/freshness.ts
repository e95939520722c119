// Pure rules about signed-URL freshness (contract §6.1, §6.2). All expiresAt values are Unix seconds.

import { SOURCE_KINDS, type FileInfo, type FileSource } from './models';

/** The official helpers treat a URL expiring within this many seconds as already expired. */
export const EXPIRY_MARGIN_SECONDS = 60;

/** A source whose URL can be handed out now: ready, has a URL, and not expiring within the margin. */
export function isSourceUsable(
  source: FileSource | null | undefined,
  nowMs: number = Date.now(),
  marginSeconds: number = EXPIRY_MARGIN_SECONDS,
): source is FileSource & { url: string } {
  if (!source || source.status !== 'ready' || source.url === null) return false;
  return source.expiresAt === null || source.expiresAt > nowMs / 1000 + marginSeconds;
}

/**
 * The v2 SDKs' getHydratedFile rule: hydrate when any non-null source among thumbnail/preview/download/hls
 * is pending, or ready without a URL, or ready and expiring within 60 s; or when no source is ready with a URL.
 */
export function needsHydration(file: FileInfo, nowMs: number = Date.now()): boolean {
  const deadlineSeconds = nowMs / 1000 + EXPIRY_MARGIN_SECONDS;
  let anyReadyWithUrl = false;
  for (const kind of SOURCE_KINDS) {
    const source = file[kind];
    if (source === null) continue;
    if (source.status === 'pending') return true;
    if (source.status !== 'ready') continue;
    if (source.url === null) return true;
    if (source.expiresAt !== null && source.expiresAt <= deadlineSeconds) return true;
    anyReadyWithUrl = true;
  }
  return !anyReadyWithUrl;
}

/** Earliest expiry (epoch ms) among the file's ready signed URLs, including the root convenience URLs; null if none expires. */
export function earliestExpiryMs(file: FileInfo): number | null {
  const expiries: number[] = [];
  for (const kind of SOURCE_KINDS) {
    const source = file[kind];
    if (source?.status === 'ready' && source.url !== null && source.expiresAt !== null) expiries.push(source.expiresAt);
  }
  if (file.downloadUrl !== null && file.downloadUrlExpiresAt !== null) expiries.push(file.downloadUrlExpiresAt);
  if (file.thumbnailUrl !== null && file.thumbnailUrlExpiresAt !== null) expiries.push(file.thumbnailUrlExpiresAt);
  return expiries.length === 0 ? null : Math.min(...expiries) * 1000;
}

/** True while every signed URL of a hydrated file stays valid for more than the margin. */
export function isHydratedFileFresh(file: FileInfo, nowMs: number = Date.now()): boolean {
  if (needsHydration(file, nowMs)) return false;
  const expiry = earliestExpiryMs(file);
  return expiry === null || expiry > nowMs + EXPIRY_MARGIN_SECONDS * 1000;
}
