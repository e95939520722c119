// Pure rules about signed-URL freshness (contract §6.1, §6.2). All expiresAt values are Unix seconds.

import { SOURCE_KINDS, type FileInfo, type FileSource } from './models';

/** The official helpers treat a URL expiring within this many seconds as already expired. */
export const EXPIRY_MARGIN_SECONDS = 60;
/** A margin never takes more than this share of the lifetime the server signs URLs for. */
const MAX_MARGIN_SHARE_OF_LIFETIME = 0.25;

let marginSeconds = EXPIRY_MARGIN_SECONDS;

/**
 * The margin in force: 60 s, or a quarter of the URL lifetime the server was last seen to sign for when that is
 * shorter. A server signing URLs for 30 s would otherwise hand out URLs that are "expired" the moment they arrive,
 * and every use would hydrate again.
 */
export function expiryMarginSeconds(): number {
  return marginSeconds;
}

/**
 * Learns the signing lifetime from a freshly hydrated file (its URLs were signed just now): the earliest expiry
 * minus the time the answer arrived.
 */
export function learnUrlLifetime(file: FileInfo, receivedAtMs: number): void {
  const expiry = earliestExpiryMs(file);
  if (expiry === null || expiry <= receivedAtMs) return;
  const lifetimeSeconds = (expiry - receivedAtMs) / 1000;
  marginSeconds = Math.min(EXPIRY_MARGIN_SECONDS, Math.max(1, lifetimeSeconds * MAX_MARGIN_SHARE_OF_LIFETIME));
}

/** Back to the documented 60 s (a new connection, or between tests). */
export function resetExpiryMargin(): void {
  marginSeconds = EXPIRY_MARGIN_SECONDS;
}

/** A source whose URL can be handed out now: ready, has a URL, and not expiring within the margin. */
export function isSourceUsable(
  source: FileSource | null | undefined,
  nowMs: number = Date.now(),
  margin: number = marginSeconds,
): source is FileSource & { url: string } {
  if (!source || source.status !== 'ready' || source.url === null) return false;
  return source.expiresAt === null || source.expiresAt > nowMs / 1000 + margin;
}

/**
 * The v2 SDKs' getHydratedFile rule: hydrate when any non-null source among thumbnail/preview/download/hls
 * is pending, or ready without a URL, or ready and expiring within the margin (60 s, see expiryMarginSeconds);
 * or when no source is ready with a URL.
 */
export function needsHydration(file: FileInfo, nowMs: number = Date.now()): boolean {
  const deadlineSeconds = nowMs / 1000 + marginSeconds;
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

/** Earliest expiry (epoch ms) among the file's ready signed URLs; null if none expires. */
export function earliestExpiryMs(file: FileInfo): number | null {
  const expiries: number[] = [];
  for (const kind of SOURCE_KINDS) {
    const source = file[kind];
    if (source?.status === 'ready' && source.url !== null && source.expiresAt !== null) expiries.push(source.expiresAt);
  }
  return expiries.length === 0 ? null : Math.min(...expiries) * 1000;
}

/** True while every signed URL of a hydrated file stays valid for more than the margin. */
export function isHydratedFileFresh(file: FileInfo, nowMs: number = Date.now()): boolean {
  if (needsHydration(file, nowMs)) return false;
  const expiry = earliestExpiryMs(file);
  return expiry === null || expiry > nowMs + marginSeconds * 1000;
}
