// Media bytes the server serves: the committed sample media (shared by every library file that names
// the same set) and uploaded bytes. Sample files are read once, lazily, and kept in memory; uploads stay on disk.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { KnownFileType, TranscriptWord } from '../../src/api/models';
import type { SpooledBody } from './spool';

export type RenditionName = 'download' | 'preview' | 'thumbnail' | 'hls';
export const RENDITIONS: readonly RenditionName[] = ['download', 'preview', 'thumbnail', 'hls'];

export interface MediaAsset {
  readonly extension: string;
  readonly contentType: string;
  readonly byteLength: number;
  readonly width: number | null;
  readonly height: number | null;
  bytes(): Buffer;
  etag(): string;
  /** Bytes `start`–`end` (inclusive) as a stream, for assets not held in memory (uploads). */
  open?(start: number, end: number): Readable;
}

export interface MediaSet {
  readonly type: KnownFileType;
  readonly durationSeconds: number | null;
  /** Word timings of the speech in the media, when known. */
  readonly words: readonly TranscriptWord[] | null;
  readonly renditions: Readonly<Partial<Record<RenditionName, MediaAsset>>>;
  /** Segments of the HLS rendition, by the file name its playlist uses. */
  readonly hlsSegments: ReadonlyMap<string, MediaAsset>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', ts: 'video/mp2t',
  m3u8: 'application/vnd.apple.mpegurl', mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', m4a: 'audio/mp4',
  pdf: 'application/pdf', json: 'application/json', txt: 'text/plain; charset=utf-8', bin: 'application/octet-stream',
};

export function contentTypeOf(extension: string): string {
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

abstract class BaseAsset implements MediaAsset {
  private cachedEtag: string | undefined;
  abstract readonly byteLength: number;
  constructor(readonly extension: string, readonly width: number | null, readonly height: number | null) {}
  get contentType(): string {
    return contentTypeOf(this.extension);
  }
  abstract bytes(): Buffer;
  etag(): string {
    this.cachedEtag ??= `"${createHash('sha1').update(this.bytes()).digest('hex').slice(0, 20)}"`;
    return this.cachedEtag;
  }
}

class DiskAsset extends BaseAsset {
  readonly byteLength: number;
  private cached: Buffer | undefined;
  constructor(private readonly file: string, width: number | null, height: number | null) {
    super(extensionOf(file), width, height);
    this.byteLength = statSync(file).size;
  }
  bytes(): Buffer {
    this.cached ??= readFileSync(this.file);
    return this.cached;
  }
}

/** An uploaded body on disk (spool.ts): streamed when served, never held in memory. */
export class SpooledAsset extends BaseAsset {
  constructor(private readonly body: SpooledBody, extension: string, width: number | null, height: number | null) {
    super(extension, width, height);
  }
  get byteLength(): number {
    return this.body.size;
  }
  bytes(): Buffer {
    return readFileSync(this.body.file);
  }
  override etag(): string {
    return `"${this.body.md5}"`;
  }
  open(start: number, end: number): Readable {
    return createReadStream(this.body.file, { start, end });
  }
}

function extensionOf(file: string): string {
  const extension = path.extname(file).slice(1).toLowerCase();
  return extension === 'jpeg' ? 'jpg' : extension;
}

// ---- the committed sample media (media/manifest.json, written by make-media.sh) ----

interface ManifestRendition { file: string; width: number | null; height: number | null }
interface ManifestSet {
  type: KnownFileType;
  durationSeconds: number | null;
  words?: TranscriptWord[];
  renditions: Partial<Record<RenditionName, ManifestRendition>>;
}

export function loadMediaCatalog(mediaDir: string): ReadonlyMap<string, MediaSet> {
  const manifest = JSON.parse(readFileSync(path.join(mediaDir, 'manifest.json'), 'utf8')) as { sets: Record<string, ManifestSet> };
  const catalog = new Map<string, MediaSet>();
  for (const [name, set] of Object.entries(manifest.sets)) catalog.set(name, mediaSetFromManifest(mediaDir, set));
  return catalog;
}

function mediaSetFromManifest(mediaDir: string, set: ManifestSet): MediaSet {
  const renditions: Partial<Record<RenditionName, MediaAsset>> = {};
  for (const name of RENDITIONS) {
    const rendition = set.renditions[name];
    if (rendition) renditions[name] = new DiskAsset(path.join(mediaDir, rendition.file), rendition.width, rendition.height);
  }
  const playlist = set.renditions.hls;
  return {
    type: set.type,
    durationSeconds: set.durationSeconds,
    words: set.words ?? null,
    renditions,
    hlsSegments: playlist ? loadHlsSegments(path.join(mediaDir, playlist.file)) : new Map(),
  };
}

function loadHlsSegments(playlistFile: string): Map<string, MediaAsset> {
  const segments = new Map<string, MediaAsset>();
  for (const uri of playlistUris(readFileSync(playlistFile, 'utf8'))) {
    segments.set(uri, new DiskAsset(path.join(path.dirname(playlistFile), uri), null, null));
  }
  return segments;
}

/** The URI lines of an HLS playlist (every non-empty line that is not a tag or comment). */
export function playlistUris(playlist: string): string[] {
  return playlist.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/** The playlist with each URI line replaced by `rewrite(uri)`. */
export function rewritePlaylist(playlist: string, rewrite: (uri: string) => string): string {
  return playlist
    .split('\n')
    .map((line) => (line.trim() === '' || line.startsWith('#') ? line : rewrite(line.trim())))
    .join('\n');
}
