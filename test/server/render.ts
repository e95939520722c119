// Renders a stored file as the October `FileInfo` wire object. Sources carry the *last-signed* URLs:
// the URL is a pure function of (file, rendition, signedUntil), so "returning the stored URL" needs no storage.
import { toolExecutionIdFor } from './ids';
import { RENDITIONS, type RenditionName } from './media';
import { transcriptText, type StoredFile, type WireFileInfo, type WireFileSource } from './model';
import type { ServerUrls } from './urls';

export function renderFile(file: StoredFile, urls: ServerUrls): WireFileInfo {
  const sources = Object.fromEntries(RENDITIONS.map((r) => [r, renderSource(file, r, urls)])) as Record<RenditionName, WireFileSource>;
  const wire: WireFileInfo = {
    fileId: file.fileId,
    type: file.type,
    scope: file.scope,
    displayName: file.displayName,
    description: file.description,
    durationSeconds: file.durationSeconds,
    transcript: file.transcript,
    transcriptText: transcriptText(file.transcript),
    downloadUrl: sources.download.url,
    downloadUrlExpiresAt: sources.download.url === null ? null : sources.download.expiresAt,
    thumbnailUrl: sources.thumbnail.url,
    thumbnailUrlExpiresAt: sources.thumbnail.url === null ? null : sources.thumbnail.expiresAt,
    thumbnailSource: sources.thumbnail,
    previewSource: sources.preview,
    downloadSource: sources.download,
    hlsSource: sources.hls,
    isPublicPreviewEnabled: file.isPublicPreviewEnabled,
    staticPublicPreviewSource: renderPublicSource(file, urls),
    publicHlsUrl: file.publicPlaybackId === null ? null : urls.publicHls(file.publicPlaybackId),
    publicPlaybackId: file.publicPlaybackId,
    fileAnalysisMetadata: file.analysis,
  };
  // Only tool-generated files carry these (contract §2.1).
  if (file.sourceToolType !== null) {
    wire.sourceToolType = file.sourceToolType;
    wire.sourceToolExecutionId = toolExecutionIdFor(file.fileId);
  }
  return wire;
}

function renderSource(file: StoredFile, rendition: RenditionName, urls: ServerUrls): WireFileSource {
  const status = file.sourceStatus[rendition];
  const asset = file.media?.renditions[rendition];
  if (status !== 'ready' || !asset) return emptySource(status);
  const expires = file.signedUntil;
  const url = expires === null ? null : urls.rendition(file.fileId, rendition, asset.extension, expires, downloadName(file, rendition, asset.extension));
  return {
    status,
    url,
    expiresAt: expires,
    width: asset.width,
    height: asset.height,
    fileBytes: rendition === 'hls' ? null : asset.byteLength,
  };
}

function renderPublicSource(file: StoredFile, urls: ServerUrls): WireFileSource | null {
  if (!file.isPublicPreviewEnabled) return null;
  const asset = file.media?.renditions.download;
  if (file.sourceStatus.download !== 'ready' || !asset) return emptySource('pending');
  return {
    status: 'ready',
    url: urls.publicDownload(file.fileId, asset.extension),
    expiresAt: null,
    width: asset.width,
    height: asset.height,
    fileBytes: asset.byteLength,
  };
}

function emptySource(status: WireFileSource['status']): WireFileSource {
  return { status, url: null, expiresAt: null, width: null, height: null, fileBytes: null };
}

/** The `download=` name of download URLs (served as Content-Disposition: attachment). */
function downloadName(file: StoredFile, rendition: RenditionName, extension: string): string | undefined {
  if (rendition !== 'download') return undefined;
  return file.displayName.toLowerCase().endsWith(`.${extension}`) ? file.displayName : `${file.displayName}.${extension}`;
}
