// The media area: picks which signed URL to play, swaps in re-signed URLs without losing the position,
// reports failures to the host, and explains in words when nothing can be played.

import type { LoadedSourceName, MediaCandidate, MediaSourceName, PreviewModel, PreviewStatus, PreviewStrings } from '../../preview/protocol';
import { button, el, replaceChildren } from './dom';
import { format, formatName } from './format';

type MediaElement = HTMLVideoElement | HTMLAudioElement;

export interface StageHost {
  reportMediaError(source: LoadedSourceName, url: string, code: number | null): void;
  openInVideoGen(): void;
  /** Called on playback progress, for the transcript and the saved state. */
  timeChanged(seconds: number, playing: boolean): void;
  /** Called when the media element learns (or loses) its duration. */
  durationChanged(seconds: number): void;
}

type Choice = { candidate: MediaCandidate } | { message: string; offerApp: boolean };

export class MediaStage {
  readonly element = el('div', { className: 'stage' });
  private media: MediaElement | HTMLImageElement | undefined;
  /** fileId and kind of the element in `media`; a different file or kind gets a new element. */
  private mediaKey = '';
  /** The source and URL the element was last given. */
  private current: { source: MediaSourceName; url: string } | undefined;
  /** A re-signed URL for the current source, used when the playing element next fails. */
  private pendingUrl: string | undefined;
  /** The element failed and the host was asked for new URLs. */
  private awaitingHost = false;
  private frame = 0;

  constructor(
    private readonly strings: PreviewStrings,
    private readonly host: StageHost,
    private startTime: number,
  ) {}

  update(model: PreviewModel | null, status: PreviewStatus): void {
    if (status.kind === 'error') this.element.classList.remove('is-recovering'); // the status line says why
    if (!model) return this.showMessage(status.kind === 'loading' ? this.strings.loading : '', false, null);
    const choice = this.choose(model, status);
    if ('message' in choice) return this.showMessage(choice.message, choice.offerApp && model.actions.includes('openInVideoGen'), model.thumbnailUrl);
    if (model.kind === 'image') this.showImage(model, choice.candidate);
    else this.showMedia(model, choice.candidate);
  }

  /** The playing element, for seeking from the transcript. */
  seek(seconds: number): void {
    if (this.media instanceof HTMLMediaElement) this.media.currentTime = seconds;
  }

  private choose(model: PreviewModel, status: PreviewStatus): Choice {
    const usable = model.candidates.filter((c) => !c.unplayable);
    const playable = model.kind === 'image' ? usable : usable.filter((c) => canPlay(model.kind, c.mimeType));
    if (playable[0]) return { candidate: playable[0] };
    if (usable.length > 0) {
      const formats = [...new Set(usable.map((c) => (c.mimeType ? formatName(c.mimeType) : '?')))].join(', ');
      return { message: format(this.strings.unsupportedFormat, formats), offerApp: true };
    }
    if (model.candidates.length > 0) return { message: this.strings.mediaFailed, offerApp: true };
    if (status.kind === 'loading') return { message: this.strings.loading, offerApp: false };
    if (model.processing) return { message: this.strings.processing, offerApp: false };
    if (status.kind === 'error') return { message: '', offerApp: false };
    return { message: this.strings.noMedia, offerApp: true };
  }

  private showImage(model: PreviewModel, candidate: MediaCandidate): void {
    const image = this.mount(model, () => this.createImage(model)) as HTMLImageElement;
    const loaded = image.complete && image.naturalWidth > 0;
    if (!this.awaitingHost && this.current?.source === candidate.source && (this.current.url === candidate.url || loaded)) return;
    this.current = { source: candidate.source, url: candidate.url };
    this.awaitingHost = false;
    image.src = candidate.url;
  }

  private showMedia(model: PreviewModel, candidate: MediaCandidate): void {
    const media = this.mount(model, () => this.createMedia(model)) as MediaElement;
    if (media instanceof HTMLVideoElement && model.thumbnailUrl && media.poster !== model.thumbnailUrl) media.poster = model.thumbnailUrl;
    const sameSource = this.current?.source === candidate.source;
    if (sameSource && this.current?.url === candidate.url && !this.awaitingHost) return;
    if (sameSource && !this.awaitingHost && !media.error && !media.paused) {
      this.pendingUrl = candidate.url; // swapping now would interrupt playback; the old URL keeps working until it fails
      return;
    }
    this.load(media, candidate.source, candidate.url);
  }

  /** Gives the element a URL, keeping its position and play state (a re-signed URL is the same media). */
  private load(media: MediaElement, source: MediaSourceName, url: string): void {
    const resumeAt = media.currentTime || this.startTime;
    const resume = !media.paused && !media.ended;
    this.current = { source, url };
    this.pendingUrl = undefined;
    this.awaitingHost = false;
    this.element.classList.remove('is-recovering');
    media.src = url;
    if (resumeAt > 0) media.currentTime = resumeAt;
    this.startTime = 0;
    if (resume) media.play().catch(() => undefined);
  }

  private mount(model: PreviewModel, create: () => MediaElement | HTMLImageElement): MediaElement | HTMLImageElement {
    const key = `${model.fileId}:${model.kind}`;
    if (this.media && this.mediaKey === key && this.media.isConnected) return this.media;
    this.host.durationChanged(NaN); // until the new element knows its own
    this.media = create();
    this.mediaKey = key;
    this.current = undefined;
    this.pendingUrl = undefined;
    this.awaitingHost = false;
    replaceChildren(this.element, this.media, el('p', { className: 'stage-note', attrs: { 'aria-hidden': 'true' } }, this.strings.loading));
    this.element.className = `stage stage-${model.kind}`;
    return this.media;
  }

  private createImage(model: PreviewModel): HTMLImageElement {
    const image = el('img', { className: 'media', attrs: { alt: format(this.strings.imageAlt, model.displayName) } });
    image.addEventListener('error', () => this.onError(null));
    return image;
  }

  private createMedia(model: PreviewModel): MediaElement {
    const media = el(model.kind === 'video' ? 'video' : 'audio', {
      className: 'media',
      attrs: { controls: '', preload: 'metadata', 'aria-label': model.displayName },
    });
    if (media instanceof HTMLVideoElement) media.playsInline = true;
    media.addEventListener('error', () => this.onError(media));
    for (const event of ['timeupdate', 'seeked', 'pause', 'ended']) media.addEventListener(event, () => this.reportTime(media));
    media.addEventListener('play', () => this.followPlayback(media));
    media.addEventListener('durationchange', () => this.host.durationChanged(media.duration));
    return media;
  }

  private onError(media: MediaElement | null): void {
    if (!this.current) return;
    if (media && this.pendingUrl) return this.load(media, this.current.source, this.pendingUrl);
    this.awaitingHost = true;
    this.element.classList.add('is-recovering');
    this.host.reportMediaError(this.current.source, this.current.url, media?.error?.code ?? null);
  }

  /** timeupdate fires only about four times a second: follow every frame while playing, for the transcript. */
  private followPlayback(media: MediaElement): void {
    cancelAnimationFrame(this.frame);
    const tick = (): void => {
      this.reportTime(media);
      if (!media.paused && !media.ended && media.isConnected) this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  private reportTime(media: MediaElement): void {
    this.host.timeChanged(media.currentTime, !media.paused && !media.ended);
  }

  private showMessage(message: string, offerApp: boolean, thumbnailUrl: string | null): void {
    cancelAnimationFrame(this.frame);
    this.host.durationChanged(NaN);
    this.media = undefined;
    this.mediaKey = '';
    this.current = undefined;
    this.element.className = 'stage stage-message';
    const thumbnail = thumbnailUrl ? el('img', { className: 'thumbnail', attrs: { alt: '', src: thumbnailUrl } }) : null;
    // Decoration only: no broken-image icon. The host re-signs a refused URL once (it may have been revoked).
    thumbnail?.addEventListener('error', () => {
      thumbnail.hidden = true;
      this.host.reportMediaError('thumbnailSource', thumbnailUrl ?? '', null);
    });
    const open = offerApp ? button(this.strings.actions.openInVideoGen, () => this.host.openInVideoGen(), 'button button-primary') : null;
    replaceChildren(this.element, thumbnail, message ? el('p', { className: 'stage-text' }, message) : null, open);
  }
}

const probes: Partial<Record<'video' | 'audio', MediaElement>> = {};

/** False only when the browser says it cannot play the container; unknown types are tried. */
function canPlay(kind: PreviewModel['kind'], mimeType: string | null): boolean {
  if (mimeType === null || (kind !== 'video' && kind !== 'audio')) return true;
  const probe = (probes[kind] ??= document.createElement(kind));
  return probe.canPlayType(mimeType) !== '';
}
