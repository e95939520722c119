import * as vscode from 'vscode';
import type { FileInfo, SourceKind } from '../api';
import { usableUrl } from '../files/facts';
import type { App } from '../app';
import { typeLabel } from '../files/wording';

/** The URLs of a file that commands hand out. The first four are signed (they expire); the public ones never do. */
export type UrlKind = 'download' | 'preview' | 'thumbnail' | 'hls' | 'publicPreview' | 'publicHls';
type SignedUrlKind = Extract<UrlKind, 'download' | 'preview' | 'thumbnail' | 'hls'>;

const SOURCE_OF: Readonly<Record<SignedUrlKind, SourceKind>> = {
  download: 'downloadSource',
  preview: 'previewSource',
  thumbnail: 'thumbnailSource',
  hls: 'hlsSource',
};

export interface FoundUrl {
  found: true;
  url: string;
  /** Epoch ms; null for the permanent public URLs. */
  expiresAtMs: number | null;
  /** The file the URL was read from (hydrated when hydration was needed). */
  file: FileInfo;
}

/**
 * Why a file has no such URL:
 * skipped/failed/pending: the rendition's status; absent: no such rendition; notStreamable: HLS of a non-A/V file;
 * publicPreviewOff: public preview must be turned on first; publicPending: on, but the public copy is not ready yet.
 */
export type MissingReason = 'skipped' | 'failed' | 'pending' | 'absent' | 'notStreamable' | 'publicPreviewOff' | 'publicPending';

export interface MissingUrl {
  found: false;
  reason: MissingReason;
  file: FileInfo;
}

export type UrlLookup = FoundUrl | MissingUrl;

export function isSignedKind(kind: UrlKind): kind is SignedUrlKind {
  return kind in SOURCE_OF;
}

function isStreamable(file: FileInfo): boolean {
  return file.type === 'VIDEO' || file.type === 'AUDIO';
}

function usableSignedUrl(file: FileInfo, kind: SignedUrlKind): FoundUrl | undefined {
  const source = file[SOURCE_OF[kind]];
  const url = usableUrl(source);
  if (url === null || !source) return undefined;
  return { found: true, url, expiresAtMs: source.expiresAt === null ? null : source.expiresAt * 1000, file };
}

/** Whether hydrating could produce the URL: a missing, pending or expiring ready source may be re-signed. */
function mayHydrate(file: FileInfo, kind: SignedUrlKind): boolean {
  const status = file[SOURCE_OF[kind]]?.status;
  return status !== 'skipped' && status !== 'failed' && !(kind === 'hls' && file.type !== null && !isStreamable(file));
}

const STATUS_REASONS: ReadonlyMap<string, MissingReason> = new Map<string, MissingReason>([
  ['skipped', 'skipped'],
  ['failed', 'failed'],
  ['pending', 'pending'],
]);

function missingSignedUrl(file: FileInfo, kind: SignedUrlKind): MissingUrl {
  const status = file[SOURCE_OF[kind]]?.status;
  if (kind === 'hls' && file.type !== null && !isStreamable(file)) return { found: false, reason: 'notStreamable', file };
  return { found: false, reason: (status !== undefined && STATUS_REASONS.get(status)) || 'absent', file };
}

function publicUrl(file: FileInfo, kind: 'publicPreview' | 'publicHls'): UrlLookup {
  if (!file.isPublicPreviewEnabled) return { found: false, reason: 'publicPreviewOff', file };
  if (kind === 'publicHls') {
    if (file.publicHlsUrl !== null) return { found: true, url: file.publicHlsUrl, expiresAtMs: null, file };
    return { found: false, reason: isStreamable(file) || file.type === null ? 'publicPending' : 'notStreamable', file };
  }
  const source = file.staticPublicPreviewSource;
  if (source?.status === 'ready' && source.url !== null) return { found: true, url: source.url, expiresAtMs: null, file };
  return { found: false, reason: source?.status === 'failed' ? 'failed' : 'publicPending', file };
}

/** A public copy still being prepared may be ready by now: the file is fetched again (and the views updated). */
async function lookUpPublicUrl(app: App, file: FileInfo, kind: 'publicPreview' | 'publicHls', signal?: AbortSignal): Promise<UrlLookup> {
  const known = publicUrl(file, kind);
  if (known.found || known.reason !== 'publicPending') return known;
  const [fresh] = app.store.put(await (await app.session.requireClient()).getFile(file.fileId, signal));
  return publicUrl(fresh!, kind);
}

/**
 * The URL of `kind` for `file`. A signed URL already usable (ready, expiring in more than 60 s) is used as is;
 * otherwise the file comes from the session's HydratedFileCache, which hydrates when needed, shares requests and
 * puts the fresher file in the store (so every view shows it).
 * Public URLs are read from `file` as given, unless it says the public copy is still being prepared.
 */
export async function lookUpUrl(app: App, file: FileInfo, kind: UrlKind, signal?: AbortSignal): Promise<UrlLookup> {
  if (!isSignedKind(kind)) return lookUpPublicUrl(app, file, kind, signal);
  const listed = usableSignedUrl(file, kind);
  if (listed) return listed;
  if (!mayHydrate(file, kind)) return missingSignedUrl(file, kind);
  const hydrated = await (await app.session.hydratedFiles()).get(file.fileId, signal); // the cache tells the store
  return usableSignedUrl(hydrated, kind) ?? missingSignedUrl(hydrated, kind);
}

/** What each kind is called in messages: "download URL", "thumbnail URL"… */
export function urlKindName(kind: UrlKind): string {
  switch (kind) {
    case 'download':
      return vscode.l10n.t('download URL');
    case 'preview':
      return vscode.l10n.t('preview URL');
    case 'thumbnail':
      return vscode.l10n.t('thumbnail URL');
    case 'hls':
      return vscode.l10n.t('HLS URL');
    case 'publicPreview':
      return vscode.l10n.t('public preview URL');
    case 'publicHls':
      return vscode.l10n.t('public HLS URL');
  }
}

/** A sentence saying why `missing.file` has no URL of `kind`; `name` is the file's quoted, message-safe name. */
export function missingUrlMessage(missing: MissingUrl, kind: UrlKind, name: string): string {
  const what = urlKindName(kind);
  switch (missing.reason) {
    case 'skipped':
      return vscode.l10n.t('{0} has no {1}: VideoGen makes none for files of this type ({2}).', name, what, typeLabel(missing.file.type));
    case 'failed':
      return vscode.l10n.t('{0} has no {1}: VideoGen failed to produce it.', name, what);
    case 'pending':
      return vscode.l10n.t('The {0} of {1} is not ready yet: VideoGen is still processing the file. Try again in a moment.', what, name);
    case 'notStreamable':
      return vscode.l10n.t('{0} has no {1}: only video and audio files are streamed.', name, what);
    case 'publicPreviewOff':
      return vscode.l10n.t(
        'Public preview is off for {0}, so it has no {1}. Turning it on publishes a permanent copy that anyone with the link can open.',
        name,
        what,
      );
    case 'publicPending':
      return vscode.l10n.t('The {0} of {1} is not ready yet: VideoGen is still preparing the public copy. Try again in a moment.', what, name);
    case 'absent':
      return vscode.l10n.t('{0} has no {1}.', name, what);
  }
}
