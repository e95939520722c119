// The preview page: builds the layout once the host has sent its strings, then renders every update.

import type { HostToWebview, LoadedSourceName, PreviewModel, PreviewStatus, PreviewStrings } from '../../preview/protocol';
import { el, replaceChildren } from './dom';
import { DetailsView } from './details';
import { HeaderView } from './header';
import { MediaStage } from './stage';
import { TranscriptView } from './transcript';
import type { VsCodeApi } from './vscodeApi';

/** Saving the position on every frame would be wasteful; this is plenty to restore it after a reload. */
const SAVE_INTERVAL_MS = 1000;

interface Views {
  header: HeaderView;
  stage: MediaStage;
  transcript: TranscriptView;
  details: DetailsView;
}

export class PreviewApp {
  private views: Views | undefined;
  private fileId: string | undefined;
  private lastSave = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {}

  receive(message: HostToWebview): void {
    if (message.type === 'init' && !this.views) this.views = this.build(message.strings);
    if (this.views) this.render(this.views, message.file, message.status);
  }

  private build(strings: PreviewStrings): Views {
    const saved = this.api.getState();
    const stage = new MediaStage(
      strings,
      {
        reportMediaError: (source: LoadedSourceName, url: string, code: number | null) => this.api.postMessage({ type: 'mediaError', source, url, code }),
        openInVideoGen: () => this.api.postMessage({ type: 'action', action: 'openInVideoGen' }),
        timeChanged: (seconds: number, playing: boolean) => this.onTime(seconds, playing),
        durationChanged: (seconds: number) => this.views?.details.mediaDurationChanged(seconds),
      },
      saved?.currentTime ?? 0,
    );
    const views: Views = {
      header: new HeaderView(strings, (action) => this.api.postMessage({ type: 'action', action })),
      stage,
      transcript: new TranscriptView(strings, (seconds) => stage.seek(seconds)),
      details: new DetailsView(strings),
    };
    const main = el('div', { className: 'layout' }, el('div', { className: 'primary' }, views.stage.element, views.transcript.element), views.details.element);
    replaceChildren(this.root, views.header.element, main);
    return views;
  }

  private render(views: Views, file: PreviewModel | null, status: PreviewStatus): void {
    if (file && file.fileId !== this.fileId) {
      this.fileId = file.fileId;
      this.save(this.api.getState()?.fileId === file.fileId ? (this.api.getState()?.currentTime ?? 0) : 0);
    }
    this.root.setAttribute('aria-busy', String(status.kind === 'loading'));
    views.header.update(file, status);
    views.stage.update(file, status);
    views.transcript.update(file);
    views.details.update(file);
  }

  private onTime(seconds: number, playing: boolean): void {
    this.views?.transcript.highlight(seconds, playing);
    const now = Date.now();
    if (!playing || now - this.lastSave >= SAVE_INTERVAL_MS) {
      this.lastSave = now;
      this.save(seconds);
    }
  }

  private save(currentTime: number): void {
    if (this.fileId) this.api.setState({ fileId: this.fileId, currentTime });
  }
}
