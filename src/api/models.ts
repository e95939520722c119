// Typed models of VideoGen's Files API (see docs/videogen-api.md §2).
// These are the *normalised* shapes the client hands out: every documented wire variant
// (July and October specs, "" / 0 / null for empty sources, transcript as string or object)
// is folded into one form by parse.ts, so callers never branch on API history.

export const FILE_TYPES = ['IMAGE', 'VIDEO', 'AUDIO', 'PDF', 'SLIDESHOW', 'TEXT', 'LOTTIE'] as const;
/** A known file type, or an unknown future value kept as its string. */
export type KnownFileType = (typeof FILE_TYPES)[number];
export type FileType = KnownFileType | (string & { readonly __unknownFileType?: never });

export const FILE_SCOPES = ['GLOBAL', 'PROJECT', 'EXPORT', 'TEMPORARY', 'ENTITY'] as const;
export type KnownFileScope = (typeof FILE_SCOPES)[number];
export type FileScope = KnownFileScope | (string & { readonly __unknownFileScope?: never });

export const SOURCE_STATUSES = ['pending', 'ready', 'failed', 'skipped'] as const;
export type KnownSourceStatus = (typeof SOURCE_STATUSES)[number];
export type SourceStatus = KnownSourceStatus | (string & { readonly __unknownSourceStatus?: never });

export type SourceKind = 'downloadSource' | 'previewSource' | 'thumbnailSource' | 'hlsSource';
export const SOURCE_KINDS: readonly SourceKind[] = ['downloadSource', 'previewSource', 'thumbnailSource', 'hlsSource'];

export interface FileSource {
  status: SourceStatus;
  /** Signed URL; null when absent, empty, or not yet hydrated. */
  url: string | null;
  /** Unix seconds; null when the URL never expires or is unknown. */
  expiresAt: number | null;
  width: number | null;
  height: number | null;
  fileBytes: number | null;
}

export interface TranscriptWord {
  startSeconds: number;
  endSeconds: number;
  word: string;
}

export interface Transcript {
  languageCode: string | null;
  /** Timed words; empty when the API only gave plain text. */
  words: TranscriptWord[];
  /** Plain text: transcriptText, the July string, or the words joined. */
  text: string;
}

export type AnalysisLoadingState = 'UNATTEMPTED' | 'LOADING' | 'FULFILLED' | 'REJECTED' | (string & {});

export interface FileAnalysisMetadata {
  analysisLoadingState: AnalysisLoadingState;
  analysisProgressPercentage: number;
  analysisAttemptIndex: number | null;
}

export interface FileInfo {
  fileId: string;
  /** null while the file is still processing. */
  type: FileType | null;
  /** 'GLOBAL' when the payload omits it (MCP-shaped payloads such as contract E14). */
  scope: FileScope;
  /** '' when the payload omits it. */
  displayName: string;
  description: string | null;
  /** null for images and when the payload says 0. */
  durationSeconds: number | null;
  transcript: Transcript | null;
  /** The root `downloadUrl`/`thumbnailUrl` of October responses are folded into these two by parsing. */
  downloadSource: FileSource | null;
  previewSource: FileSource | null;
  thumbnailSource: FileSource | null;
  hlsSource: FileSource | null;
  isPublicPreviewEnabled: boolean;
  staticPublicPreviewSource: FileSource | null;
  publicHlsUrl: string | null;
  publicPlaybackId: string | null;
  sourceToolType: string | null;
  sourceToolExecutionId: string | null;
  fileAnalysisMetadata: FileAnalysisMetadata | null;
}

export interface FilePage {
  files: FileInfo[];
  hasMore: boolean;
  nextCursor: string | null;
}

export interface SearchResult {
  similarity: number;
  file: FileInfo;
}

export interface FileUpload {
  fileId: string;
  uploadUrl: string;
}

export interface ListFilesOptions {
  limit?: number;
  cursor?: string;
  includeExportFiles?: boolean;
  includeProjectFiles?: boolean;
  selfOnly?: boolean;
}

export interface SearchFilesOptions {
  query: string;
  numResults?: number;
  selfOnly?: boolean;
}

export interface CreateFileUploadOptions {
  displayName: string;
  type?: KnownFileType;
  isTemporary?: boolean;
  hideFromUi?: boolean;
}
