import type { FileInfo } from '../../src/api/models';

/** A normalised FileInfo with every optional field empty: an image in the GLOBAL scope unless overridden. */
export function makeFileInfo(overrides: Partial<FileInfo> = {}): FileInfo {
  return {
    fileId: 'vg_file_test',
    type: 'IMAGE',
    scope: 'GLOBAL',
    displayName: 'test',
    description: null,
    durationSeconds: null,
    transcript: null,
    downloadSource: null,
    previewSource: null,
    thumbnailSource: null,
    hlsSource: null,
    isPublicPreviewEnabled: false,
    staticPublicPreviewSource: null,
    publicHlsUrl: null,
    publicPlaybackId: null,
    sourceToolType: null,
    sourceToolExecutionId: null,
    fileAnalysisMetadata: null,
    ...overrides,
  };
}
