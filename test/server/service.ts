// The Files domain: what each endpoint does to the stored files, independent of HTTP.
import type { KnownFileType, KnownSourceStatus } from '../../src/api/models';
import { ApiError } from './errors';
import { isWellFormedFileId, newFileId, newPlaybackId } from './ids';
import { analysisState, allSources, buildLibrary, fileFactory, sourceStatusOf, type LibraryEntry } from './library';
import { SpooledAsset, type MediaAsset, type MediaSet, type RenditionName } from './media';
import { isAnalysed, type StoredFile, type WireFileInfo, type WireTranscript } from './model';
import { renderFile } from './render';
import { SearchIndex, type SearchHit } from './search';
import { imageDimensions, sniffMedia } from './sniff';
import type { SpooledBody } from './spool';
import { FileStore, type ListPosition, type Page } from './store';
import type { ServerUrls } from './urls';

export const UPLOAD_URL_LIFETIME_SECONDS = 900;

export interface ServiceOptions {
  catalog: ReadonlyMap<string, MediaSet>;
  library: readonly LibraryEntry[];
  fileCount: number;
  urlLifetimeSeconds: number;
  processingDelayMs: number;
  /** How long after enable-public-preview a streamable file's playback id appears (contract §1.7); 0: at once. */
  publicPlaybackDelayMs: number;
}

export interface ListQuery {
  limit: number;
  after: ListPosition | undefined;
  selfOnly: boolean;
  includeExportFiles: boolean;
  includeProjectFiles: boolean;
}

export interface UploadRequest {
  displayName: string;
  type: KnownFileType | null;
  isTemporary: boolean;
  hideFromUi: boolean;
  transcript: WireTranscript | null;
}

/** Extensions for types that must be declared on upload because bytes do not reveal them. */
const UNSNIFFED_EXTENSIONS: Partial<Record<KnownFileType, string>> = { LOTTIE: 'json', TEXT: 'txt' };

const seconds = (ms: number): number => Math.floor(ms / 1000);

export class FileService {
  readonly store = new FileStore();
  private readonly searchIndex = new SearchIndex(this.store, (file) => isAnalysed(file) && file.scope !== 'TEMPORARY');
  private readonly processing = new Map<string, NodeJS.Timeout>();
  /** Playback ids still being "registered" after enable-public-preview answered, by file id. */
  private readonly pendingPlayback = new Map<string, NodeJS.Timeout>();
  /** Changed at run time by POST /__admin/settings; reset restores the configured value. */
  publicPlaybackDelayMs = 0;

  constructor(
    private readonly options: ServiceOptions,
    private readonly urls: ServerUrls,
  ) {
    this.reset(Date.now());
  }

  /** Back to the initial library (same ids), cancelling uploads in progress. */
  reset(nowMs: number): void {
    this.cancelProcessing();
    this.publicPlaybackDelayMs = this.options.publicPlaybackDelayMs;
    this.store.replaceAll(buildLibrary(this.options.library, this.options.fileCount, this.libraryBuild(nowMs)));
  }

  dispose(): void {
    this.cancelProcessing();
  }

  render(file: StoredFile): WireFileInfo {
    return renderFile(file, this.urls);
  }

  /** The file with this id: 400 invalid_id if malformed, 404 not_found if unknown. Archived files are found. */
  find(fileId: string): StoredFile {
    const shown = JSON.stringify(fileId.length > 80 ? `${fileId.slice(0, 80)}…` : fileId);
    if (!isWellFormedFileId(fileId)) throw new ApiError(400, 'invalid_id', `${shown} is not a valid file id (expected vg_file_...).`);
    const file = this.store.get(fileId);
    if (!file) throw new ApiError(404, 'not_found', `File ${shown} was not found.`);
    return file;
  }

  /** Standalone files (GLOBAL, TEMPORARY, ENTITY) plus PROJECT/EXPORT files when asked; never archived ones. */
  list(query: ListQuery): Page {
    return this.store.page(query.after, query.limit, (file) =>
      !file.archived &&
      (file.scope !== 'PROJECT' || query.includeProjectFiles) &&
      (file.scope !== 'EXPORT' || query.includeExportFiles) &&
      (!query.selfOnly || file.createdBySelf));
  }

  /** Analysed, non-temporary, non-archived files by descending similarity. */
  search(query: string, numResults: number, selfOnly: boolean): SearchHit[] {
    return this.searchIndex.search(query, numResults, (file) => !file.archived && (!selfOnly || file.createdBySelf));
  }

  /** Re-signs every ready source. Signing does not change the file, so its list position stays. */
  hydrate(file: StoredFile, nowMs: number): void {
    const hasReadySource = Object.values(file.sourceStatus).includes('ready');
    if (hasReadySource) file.signedUntil = seconds(nowMs) + this.options.urlLifetimeSeconds;
  }

  archive(file: StoredFile, nowMs: number): void {
    if (file.archived) return;
    file.archived = true;
    this.store.touch(file, nowMs);
  }

  /** The playback id comes with the answer, or `publicPlaybackDelayMs` later, as VideoGen's background processing does. */
  enablePublicPreview(file: StoredFile, nowMs: number): void {
    if (file.isPublicPreviewEnabled) return;
    file.isPublicPreviewEnabled = true;
    if (this.publicPlaybackDelayMs === 0) this.assignPlaybackIdIfStreamable(file);
    else this.assignPlaybackIdLater(file);
    this.store.touch(file, nowMs);
  }

  disablePublicPreview(file: StoredFile, nowMs: number): void {
    if (!file.isPublicPreviewEnabled) return;
    file.isPublicPreviewEnabled = false;
    clearTimeout(this.pendingPlayback.get(file.fileId));
    this.pendingPlayback.delete(file.fileId);
    this.store.setPlaybackId(file, null);
    this.store.touch(file, nowMs);
  }

  createUpload(request: UploadRequest, nowMs: number): { file: StoredFile; uploadUrl: string } {
    const uploadUrlExpiresAt = seconds(nowMs) + UPLOAD_URL_LIFETIME_SECONDS;
    const file: StoredFile = {
      fileId: newFileId(),
      type: null,
      scope: request.isTemporary ? 'TEMPORARY' : 'GLOBAL',
      displayName: request.displayName,
      description: null,
      transcript: null,
      durationSeconds: null,
      media: null,
      sourceStatus: allSources('pending'),
      signedUntil: null,
      isPublicPreviewEnabled: false,
      publicPlaybackId: null,
      sourceToolType: null,
      analysis: analysisState('UNATTEMPTED'),
      createdBySelf: true,
      hideFromUi: request.hideFromUi,
      archived: false,
      updatedAt: nowMs,
      upload: { requestedType: request.type, uploadUrlExpiresAt, body: null, transcript: request.transcript },
    };
    this.store.add(file);
    return { file, uploadUrl: this.urls.upload(file.fileId, uploadUrlExpiresAt) };
  }

  /** Takes an uploaded body and (re)starts processing. False if the file is no longer waiting for bytes. */
  receiveUpload(file: StoredFile, body: SpooledBody): boolean {
    if (!file.upload) return false;
    file.upload.body = body;
    clearTimeout(this.processing.get(file.fileId));
    const timer = setTimeout(() => {
      this.processing.delete(file.fileId);
      this.finishProcessing(file, Date.now());
    }, this.options.processingDelayMs);
    timer.unref();
    this.processing.set(file.fileId, timer);
    return true;
  }

  /** Adds one file built from a library entry (POST /__admin/files), with a random id, at the top of the list. */
  addFromEntry(entry: LibraryEntry, nowMs: number): StoredFile {
    const file = fileFactory(entry, this.libraryBuild(nowMs))({ fileId: newFileId(), displayName: entry.displayName, updatedAt: nowMs });
    this.store.add(file);
    return file;
  }

  /** Makes every stored signed URL expired, and every URL handed out so far invalid. */
  expireAllUrls(nowMs: number): number {
    let expired = 0;
    for (const file of this.store.all()) {
      if (file.signedUntil !== null && file.signedUntil >= seconds(nowMs)) {
        file.signedUntil = seconds(nowMs) - 1;
        expired++;
      }
    }
    this.urls.mediaSigner.rotate();
    return expired;
  }

  private finishProcessing(file: StoredFile, nowMs: number): void {
    const upload = file.upload;
    if (!upload?.body) return;
    file.upload = null;
    const sniffed = sniffMedia(upload.body.head);
    const type = upload.requestedType ?? sniffed?.type;
    if (!type || upload.body.size === 0) {
      file.sourceStatus = allSources('failed');
      file.analysis = analysisState('REJECTED');
    } else {
      file.type = type;
      file.media = uploadedMedia(upload.body, type, sniffed?.extension ?? UNSNIFFED_EXTENSIONS[type] ?? 'bin');
      file.sourceStatus = uploadedSourceStatus(file.media);
      if (type === 'AUDIO' || type === 'VIDEO') file.transcript = upload.transcript;
      if (file.scope !== 'TEMPORARY') {
        file.analysis = analysisState('FULFILLED');
        file.description = describeUpload(file.displayName, type, file.media.renditions.download);
      }
      if (file.isPublicPreviewEnabled) this.assignPlaybackIdIfStreamable(file);
    }
    this.store.touch(file, nowMs);
    this.store.markContentChanged();
  }

  private assignPlaybackIdLater(file: StoredFile): void {
    clearTimeout(this.pendingPlayback.get(file.fileId));
    const timer = setTimeout(() => {
      this.pendingPlayback.delete(file.fileId);
      if (!file.isPublicPreviewEnabled) return;
      this.assignPlaybackIdIfStreamable(file);
      this.store.touch(file, Date.now());
    }, this.publicPlaybackDelayMs);
    timer.unref();
    this.pendingPlayback.set(file.fileId, timer);
  }

  private assignPlaybackIdIfStreamable(file: StoredFile): void {
    const streamable = (file.type === 'VIDEO' || file.type === 'AUDIO') && file.sourceStatus.hls === 'ready';
    if (streamable && !file.publicPlaybackId) this.store.setPlaybackId(file, newPlaybackId());
  }

  private cancelProcessing(): void {
    for (const timer of [...this.processing.values(), ...this.pendingPlayback.values()]) clearTimeout(timer);
    this.processing.clear();
    this.pendingPlayback.clear();
  }

  private libraryBuild(nowMs: number) {
    return { catalog: this.options.catalog, nowMs, urlLifetimeSeconds: this.options.urlLifetimeSeconds };
  }
}

/** Uploads are served as uploaded: this server does not transcode, so previews are the original bytes. */
function uploadedMedia(body: SpooledBody, type: KnownFileType, extension: string): MediaSet {
  const size = type === 'IMAGE' ? imageDimensions(body.head, extension) : undefined;
  const original = new SpooledAsset(body, extension, size?.width ?? null, size?.height ?? null);
  const renditions: Partial<Record<RenditionName, MediaAsset>> = { download: original };
  if (type === 'IMAGE' || type === 'VIDEO' || type === 'AUDIO') renditions.preview = original;
  if (type === 'IMAGE') renditions.thumbnail = original;
  return { type, durationSeconds: null, words: null, renditions, hlsSegments: new Map() };
}

/** Without a transcoder, a video's thumbnail and a video's or audio's HLS rendition fail. */
function uploadedSourceStatus(media: MediaSet): Record<RenditionName, KnownSourceStatus> {
  const status = sourceStatusOf(media);
  if (media.type === 'VIDEO') status.thumbnail = 'failed';
  if (media.type === 'VIDEO' || media.type === 'AUDIO') status.hls = 'failed';
  return status;
}

function describeUpload(displayName: string, type: KnownFileType, download: MediaAsset | undefined): string {
  const size = download?.width && download.height ? `, ${download.width}×${download.height} px` : '';
  const format = download && download.extension !== 'bin' ? `${download.extension.toUpperCase()} ` : '';
  return `Uploaded ${format}${type.toLowerCase()} "${displayName}"${size}.`;
}
