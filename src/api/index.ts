// Public surface of the VideoGen API client. Plain Node: nothing here may import vscode.

export * from './models';
export { VideoGenApiError, isVideoGenApiError, type ApiErrorKind, type VideoGenApiErrorInit } from './errors';
export {
  VideoGenClient,
  buildUserAgent,
  clampInteger,
  DEFAULT_TIMEOUT_MS,
  MAX_PAGE_SIZE,
  MAX_SEARCH_RESULTS,
  type RequestLogEntry,
  type RequestLogger,
  type RetryWait,
  type VideoGenClientOptions,
} from './client';
export { DEFAULT_BASE_URL, isLoopbackHostname, validateBaseUrl, type BaseUrlValidation } from './baseUrl';
export {
  EXPIRY_MARGIN_SECONDS,
  expiryMarginSeconds,
  learnUrlLifetime,
  resetExpiryMargin,
  earliestExpiryMs,
  isHydratedFileFresh,
  isSourceUsable,
  needsHydration,
} from './freshness';
export { HydratedFileCache, type HydratedFileCacheOptions, type HydratingClient } from './hydratedFiles';
export {
  parseFileInfo,
  parseFilePage,
  parseFileUpload,
  parseJsonBody,
  parseSearchResults,
  type ParseContext,
} from './parse';
export {
  DEFAULT_RETRY_OPTIONS,
  parseRateLimitResetMs,
  parseRetryAfterMs,
  type RetryOptions,
} from './retry';
export {
  UploadProcessingError,
  processingState,
  type UploadData,
  type UploadFileOptions,
  type UploadPhase,
  type UploadProgress,
} from './upload';
export {
  isPublicPreviewReady,
  PUBLIC_PREVIEW_POLL_INTERVAL_MS,
  PUBLIC_PREVIEW_TIMEOUT_MS,
  PublicPreviewFailedError,
  PublicPreviewOffError,
  PublicPreviewTimeoutError,
  waitForPublicPreview,
  type WaitForPublicPreviewOptions,
} from './publicPreview';
