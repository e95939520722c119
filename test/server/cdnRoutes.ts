// What a CDN and an object store would serve: signed media (with HLS playlists re-signed per request),
// public previews, and pre-signed upload PUTs. Errors are small XML bodies, like S3/R2/CloudFront.
import type { OutgoingHttpHeaders } from 'node:http';
import type { Exchange } from './http';
import { contentTypeOf, rewritePlaylist, RENDITIONS, type MediaAsset, type RenditionName } from './media';
import type { StoredFile } from './model';
import type { FileService } from './service';
import type { UploadSpool } from './spool';
import type { ServerUrls, SignatureCheck } from './urls';

export interface CdnDeps {
  service: FileService;
  urls: ServerUrls;
  spool: UploadSpool;
  maxUploadBytes: number;
}

const SIGNATURE_MESSAGES: Readonly<Record<Exclude<SignatureCheck, 'valid'>, string>> = {
  missing: 'Request is missing its signature (expires, sig).',
  expired: 'Request has expired.',
  forged: 'The request signature we calculated does not match the signature you provided.',
};

/** Serves the request if its path is a CDN path; false otherwise. */
export async function handleCdn(ex: Exchange, deps: CdnDeps): Promise<boolean> {
  const [root, ...rest] = ex.pathname.split('/').slice(1);
  switch (root) {
    case 'media':
      if (allowMethods(ex, 'GET', 'HEAD')) serveSignedMedia(ex, deps, rest);
      return true;
    case 'public':
      if (allowMethods(ex, 'GET', 'HEAD')) servePublicDownload(ex, deps, rest);
      return true;
    case 'public-hls':
      if (allowMethods(ex, 'GET', 'HEAD')) servePublicHls(ex, deps, rest);
      return true;
    case 'upload':
      if (allowMethods(ex, 'PUT')) await receiveUpload(ex, deps, rest);
      return true;
    default:
      return false;
  }
}

function allowMethods(ex: Exchange, ...methods: string[]): boolean {
  if (methods.includes(ex.method)) return true;
  ex.sendXmlError(405, 'MethodNotAllowed', `The specified method is not allowed against this resource.`, { Allow: methods.join(', ') });
  return false;
}

function notFound(ex: Exchange): void {
  ex.sendXmlError(404, 'NoSuchKey', 'The specified key does not exist.');
}

// ---- signed media: /media/<fileId>/<rendition>.<ext>, /media/<fileId>/hls.m3u8, /media/<fileId>/hls/<segment> ----

function serveSignedMedia(ex: Exchange, deps: CdnDeps, [fileId, name, segment, ...extra]: string[]): void {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const check = deps.urls.checkMedia(ex.pathname, ex.url.searchParams, nowSeconds);
  if (check !== 'valid') return ex.sendXmlError(403, 'AccessDenied', SIGNATURE_MESSAGES[check]);
  const file = fileId ? deps.service.store.get(fileId) : undefined;
  if (!file || !name || extra.length > 0) return notFound(ex);
  const expires = Number(ex.url.searchParams.get('expires'));
  const cache = { 'Cache-Control': `private, max-age=${Math.max(0, expires - nowSeconds)}` };
  if (name === 'hls' && segment !== undefined) {
    const asset = readyAsset(file, 'hls') && file.media?.hlsSegments.get(decode(segment));
    return asset ? serveAsset(ex, asset, cache) : notFound(ex);
  }
  if (segment !== undefined) return notFound(ex);
  const [rendition, extension] = splitName(name);
  const asset = rendition ? readyAsset(file, rendition) : undefined;
  if (!rendition || !asset || asset.extension !== extension) return notFound(ex);
  if (rendition === 'hls') {
    return servePlaylist(ex, asset, (uri) => deps.urls.hlsSegment(file.fileId, uri, expires), cache);
  }
  const downloadName = ex.url.searchParams.get('download');
  serveAsset(ex, asset, { ...cache, 'Content-Disposition': downloadName === null ? undefined : attachment(downloadName) });
}

function splitName(name: string): [RenditionName | undefined, string] {
  const dot = name.indexOf('.');
  const rendition = name.slice(0, dot) as RenditionName;
  return dot > 0 && RENDITIONS.includes(rendition) ? [rendition, name.slice(dot + 1)] : [undefined, ''];
}

function readyAsset(file: StoredFile, rendition: RenditionName): MediaAsset | undefined {
  return file.sourceStatus[rendition] === 'ready' ? file.media?.renditions[rendition] : undefined;
}

// ---- public previews: /public/<fileId>/download.<ext>, /public-hls/<playbackId>.m3u8 (+ /<segment>) ----

const PUBLIC_CACHE = { 'Cache-Control': 'public, max-age=60' };

function servePublicDownload(ex: Exchange, deps: CdnDeps, [fileId, name, ...extra]: string[]): void {
  const file = fileId ? deps.service.store.get(fileId) : undefined;
  const asset = file?.isPublicPreviewEnabled ? readyAsset(file, 'download') : undefined;
  if (!asset || extra.length > 0 || name !== `download.${asset.extension}`) return notFound(ex);
  serveAsset(ex, asset, PUBLIC_CACHE);
}

function servePublicHls(ex: Exchange, deps: CdnDeps, [first, segment, ...extra]: string[]): void {
  const playbackId = segment === undefined ? first?.replace(/\.m3u8$/, '') : first;
  const file = playbackId ? deps.service.store.byPlayback(playbackId) : undefined;
  const playlist = file ? readyAsset(file, 'hls') : undefined;
  if (!file || !playlist || !playbackId || extra.length > 0) return notFound(ex);
  if (segment === undefined) {
    if (first !== `${playbackId}.m3u8`) return notFound(ex);
    return servePlaylist(ex, playlist, (uri) => deps.urls.publicHlsSegment(playbackId, uri), PUBLIC_CACHE);
  }
  const asset = file.media?.hlsSegments.get(decode(segment));
  return asset ? serveAsset(ex, asset, PUBLIC_CACHE) : notFound(ex);
}

// ---- uploads: PUT /upload/<fileId>?expires=&sig= ----

async function receiveUpload(ex: Exchange, deps: CdnDeps, [fileId, ...extra]: string[]): Promise<void> {
  const check = deps.urls.checkUpload(ex.pathname, ex.url.searchParams, Math.floor(Date.now() / 1000));
  if (check !== 'valid') return ex.sendXmlError(403, 'AccessDenied', SIGNATURE_MESSAGES[check]);
  const file = fileId ? deps.service.store.get(fileId) : undefined;
  if (!file || extra.length > 0) return notFound(ex);
  const body = await deps.spool.receive(ex.req, deps.maxUploadBytes);
  if (body === 'tooLarge') {
    return ex.sendXmlError(413, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size (${deps.maxUploadBytes} bytes).`, { Connection: 'close' });
  }
  const replaced = file.upload?.body;
  if (!deps.service.receiveUpload(file, body)) {
    deps.spool.discard(body);
    return ex.sendXmlError(409, 'InvalidRequest', 'This upload has already been processed.');
  }
  if (replaced) deps.spool.discard(replaced);
  ex.send(200, '', { ETag: `"${body.md5}"` });
}

// ---- bytes ----

function servePlaylist(ex: Exchange, playlist: MediaAsset, segmentUrl: (uri: string) => string, headers: OutgoingHttpHeaders): void {
  const text = rewritePlaylist(playlist.bytes().toString('utf8'), segmentUrl);
  ex.send(200, text, { ...headers, 'Content-Type': contentTypeOf('m3u8') });
}

/** Sends an asset with ETag, single-range support (206/416) and CORS/CORP headers for cross-origin webviews. */
function serveAsset(ex: Exchange, asset: MediaAsset, headers: OutgoingHttpHeaders): void {
  const size = asset.byteLength;
  const etag = asset.etag();
  const common: OutgoingHttpHeaders = {
    ...headers,
    'Content-Type': asset.contentType,
    'Accept-Ranges': 'bytes',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    ETag: etag,
  };
  if (ex.req.headers['if-none-match'] === etag) return ex.send(304, '', common);
  const ifRange = ex.req.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseRange(ex.req.headers.range, size) : undefined;
  if (range === 'unsatisfiable') {
    return ex.send(416, '', { ...common, 'Content-Type': 'text/plain', 'Content-Range': `bytes */${size}` });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const status = range ? 206 : 200;
  const rangeHeaders = range ? { ...common, 'Content-Range': `bytes ${start}-${end}/${size}` } : common;
  if (asset.open && size > 0) return ex.sendStream(status, () => asset.open!(start, end), end - start + 1, rangeHeaders);
  ex.send(status, range ? asset.bytes().subarray(start, end + 1) : asset.bytes(), rangeHeaders);
}

/** A single `bytes=` range (first-last, first-, -suffix). Multiple or malformed ranges are ignored (full 200). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? Infinity : Number(match[2]);
  if (last < start) return undefined; // syntactically invalid: ignored
  return start >= size ? 'unsatisfiable' : { start, end: Math.min(last, size - 1) };
}

/** Content-Disposition for a download name: a quoted ASCII fallback and the exact UTF-8 name (RFC 6266/8187). */
function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
