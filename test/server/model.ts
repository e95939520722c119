// The server's stored file record and the October wire shapes it is rendered to (contract §2).
import type { KnownFileScope, KnownFileType, KnownSourceStatus, TranscriptWord } from '../../src/api/models';
import type { MediaSet, RenditionName } from './media';
import type { SpooledBody } from './spool';

export type AnalysisLoadingState = 'UNATTEMPTED' | 'LOADING' | 'FULFILLED' | 'REJECTED';

export interface AnalysisState {
  analysisLoadingState: AnalysisLoadingState;
  analysisProgressPercentage: number;
  /** Only present while UNATTEMPTED or LOADING. */
  analysisAttemptIndex?: number;
}

export interface WireTranscript {
  languageCode: string | null;
  words: TranscriptWord[];
}

export interface PendingUpload {
  requestedType: KnownFileType | null;
  /** Unix seconds. */
  uploadUrlExpiresAt: number;
  /** The PUT's body, on disk; null until it arrived. */
  body: SpooledBody | null;
  /** A pre-computed transcript sent with the upload; applied when processing finishes. */
  transcript: WireTranscript | null;
}

export interface StoredFile {
  readonly fileId: string;
  type: KnownFileType | null;
  readonly scope: KnownFileScope;
  readonly displayName: string;
  description: string | null;
  transcript: WireTranscript | null;
  durationSeconds: number | null;
  media: MediaSet | null;
  sourceStatus: Record<RenditionName, KnownSourceStatus>;
  /** Unix seconds until which the last-signed URLs of the ready sources are valid; null = never hydrated. */
  signedUntil: number | null;
  isPublicPreviewEnabled: boolean;
  /** Set once public preview is on and the file has an HLS rendition to stream. */
  publicPlaybackId: string | null;
  /** Set for tool-generated files; their sourceToolExecutionId is derived from the fileId. */
  readonly sourceToolType: string | null;
  analysis: AnalysisState;
  /** Created by the calling key's user (selfOnly); false = a teammate's file. */
  readonly createdBySelf: boolean;
  readonly hideFromUi: boolean;
  archived: boolean;
  /** Milliseconds; the list order key. Change it only through FileStore.touch(). */
  updatedAt: number;
  /** Present for files created by POST /v1/files/upload until their processing finishes. */
  upload: PendingUpload | null;
}

export interface WireFileSource {
  status: KnownSourceStatus;
  url: string | null;
  expiresAt: number | null;
  width: number | null;
  height: number | null;
  fileBytes: number | null;
}

export interface WireFileInfo {
  fileId: string;
  type: KnownFileType | null;
  scope: KnownFileScope;
  displayName: string;
  description: string | null;
  durationSeconds: number | null;
  transcript: WireTranscript | null;
  transcriptText: string | null;
  downloadUrl: string | null;
  downloadUrlExpiresAt: number | null;
  thumbnailUrl: string | null;
  thumbnailUrlExpiresAt: number | null;
  thumbnailSource: WireFileSource;
  previewSource: WireFileSource;
  downloadSource: WireFileSource;
  hlsSource: WireFileSource;
  isPublicPreviewEnabled: boolean;
  staticPublicPreviewSource: WireFileSource | null;
  publicHlsUrl: string | null;
  publicPlaybackId: string | null;
  sourceToolType?: string;
  sourceToolExecutionId?: string;
  fileAnalysisMetadata: AnalysisState;
}

export function isAnalysed(file: StoredFile): boolean {
  return file.analysis.analysisLoadingState === 'FULFILLED';
}

export function transcriptText(transcript: WireTranscript | null): string | null {
  return transcript ? transcript.words.map((w) => w.word).join(' ') : null;
}
