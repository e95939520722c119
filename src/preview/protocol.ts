// The messages between the preview host (src/preview) and its webview (src/webview/preview).
// Shared by both sides: no vscode and no DOM imports here.

import type { TranscriptWord } from '../api/models';

/** How the webview shows a file. */
export type MediaKind = 'image' | 'video' | 'audio' | 'other';

/** The FileInfo sources a preview can play or show. */
export type MediaSourceName = 'previewSource' | 'downloadSource' | 'hlsSource';
/** A signed URL the webview loads and can report failing: the media's, or the thumbnail's. */
export type LoadedSourceName = MediaSourceName | 'thumbnailSource';

/** One URL the webview may try for the main media element, in order of preference. */
export interface MediaCandidate {
  source: MediaSourceName;
  /** A signed URL valid for at least another minute when it was sent. */
  url: string;
  /** Container MIME type guessed from the URL's extension, for canPlayType(); null when unknown. */
  mimeType: string | null;
  /** Set by the host when this source failed even with a freshly signed URL (codec, HLS...). */
  unplayable: boolean;
}

/** Buttons of the toolbar; each runs the command of the same name with the file. */
export const FILE_ACTIONS = [
  'copyFileId',
  'insertFileId',
  'copyDownloadUrl',
  'copyPreviewUrl',
  'copyHlsUrl',
  'copyPublicPreviewUrl',
  'copyPublicLink',
  'enablePublicPreview',
  'disablePublicPreview',
  'openInVideoGen',
  'saveToWorkspace',
] as const;
export type FileAction = (typeof FILE_ACTIONS)[number];

/** Buttons of an error message. */
export const RECOVERY_ACTIONS = ['retry', 'setApiKey', 'showLog'] as const;
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

export type PreviewAction = FileAction | RecoveryAction;

/** One line of the details list, already worded and formatted by the host. */
export interface DetailRow {
  label: string;
  value: string;
  /**
   * Long text (wraps, keeps line breaks), the file ID (monospace, selectable as a whole), or the duration, which
   * the page shows the way its media player does, so the two never disagree.
   */
  role?: 'description' | 'fileId' | 'duration';
  /** The duration row's value in seconds, as the API gives it. */
  seconds?: number;
}

/** Everything the webview shows about a file. Strings from the API are data: render them as text only. */
export interface PreviewModel {
  fileId: string;
  displayName: string;
  kind: MediaKind;
  details: DetailRow[];
  /** Timed words when the API gave them, else plain text; null when there is no transcript. */
  transcript: { languageCode: string | null; words: TranscriptWord[]; text: string } | null;
  candidates: MediaCandidate[];
  /** Signed thumbnail (poster for video, picture for other types); null when none is usable. */
  thumbnailUrl: string | null;
  /** True while VideoGen is still processing the file (type unknown or renditions pending). */
  processing: boolean;
  /** The toolbar buttons that apply to this file. */
  actions: FileAction[];
}

export type PreviewStatus =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'error'; message: string; actions: RecoveryAction[] }
  /** Something the user did changed what the panel shows (the file was archived): said, not an error. */
  | { kind: 'notice'; message: string };

/** Localised UI text, sent once per webview load (the webview has no l10n of its own). */
export interface PreviewStrings {
  loading: string;
  actions: Record<PreviewAction, string>;
  /** Tooltips of the toolbar buttons. */
  actionHints: Record<FileAction, string>;
  labels: {
    transcript: string;
    details: string;
    toolbar: string;
  };
  transcriptHint: string;
  processing: string;
  noMedia: string;
  /** {0}: the format, e.g. "MP4". */
  unsupportedFormat: string;
  mediaFailed: string;
  imageAlt: string;
}

export type HostToWebview =
  | { type: 'init'; strings: PreviewStrings; file: PreviewModel | null; status: PreviewStatus }
  | { type: 'update'; file: PreviewModel | null; status: PreviewStatus };

export type WebviewToHost =
  | { type: 'ready' }
  /** The media element or the thumbnail failed with `url` (MediaError code, or null for <img>). */
  | { type: 'mediaError'; source: LoadedSourceName; url: string; code: number | null }
  | { type: 'action'; action: PreviewAction };

/** What the webview keeps in vscode.setState(): enough to restore the panel after a reload or restart. */
export interface PreviewWebviewState {
  fileId: string;
  currentTime?: number;
}

const LOADED_SOURCES: readonly string[] = ['previewSource', 'downloadSource', 'hlsSource', 'thumbnailSource'];
const ALL_ACTIONS: readonly string[] = [...FILE_ACTIONS, ...RECOVERY_ACTIONS];

/** Validates a message from the webview; anything else is dropped. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'action':
      return isOneOf(value.action, ALL_ACTIONS) ? { type: 'action', action: value.action as PreviewAction } : undefined;
    case 'mediaError': {
      const { source, url, code } = value;
      if (!isOneOf(source, LOADED_SOURCES) || typeof url !== 'string') return undefined;
      return { type: 'mediaError', source: source as LoadedSourceName, url, code: typeof code === 'number' ? code : null };
    }
    default:
      return undefined;
  }
}

/** Validates the state VS Code hands back when it restores a panel. */
export function parseWebviewState(value: unknown): PreviewWebviewState | undefined {
  if (!isObject(value) || typeof value.fileId !== 'string' || value.fileId === '') return undefined;
  const currentTime = typeof value.currentTime === 'number' && Number.isFinite(value.currentTime) ? value.currentTime : undefined;
  return currentTime === undefined ? { fileId: value.fileId } : { fileId: value.fileId, currentTime };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isOneOf(value: unknown, allowed: readonly string[]): value is string {
  return typeof value === 'string' && allowed.includes(value);
}
