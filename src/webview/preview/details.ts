// The details list: rows worded by the host. Every value from the API is set as text.

import type { DetailRow, PreviewModel, PreviewStrings } from '../../preview/protocol';
import { el, replaceChildren } from './dom';
import { formatDuration } from '../../files/time';

const ROLE_CLASS = { description: 'description', fileId: 'file-id', duration: 'duration' } as const;

/** The media's own length is trusted over the API's only this close to it (a cut preview rendition is not the file). */
const SAME_MEDIA_SECONDS = 1;

export class DetailsView {
  readonly element = el('aside', { className: 'details' });
  private readonly list = el('dl');
  private rows: DetailRow[] = [];
  /** The playing element's duration, once it knows it. */
  private mediaSeconds: number | null = null;

  constructor(strings: PreviewStrings) {
    this.element.append(el('h2', {}, strings.labels.details), this.list);
  }

  update(model: PreviewModel | null): void {
    this.element.hidden = model === null;
    if (!model) return;
    this.rows = model.details;
    this.render();
  }

  /** The media element's duration (NaN or Infinity while unknown or streaming). */
  mediaDurationChanged(seconds: number): void {
    const known = Number.isFinite(seconds) ? seconds : null;
    if (known === this.mediaSeconds) return;
    this.mediaSeconds = known;
    this.render();
  }

  private render(): void {
    replaceChildren(
      this.list,
      ...this.rows.flatMap((row) => [el('dt', {}, row.label), el('dd', { className: row.role ? ROLE_CLASS[row.role] : '' }, this.valueOf(row))]),
    );
  }

  /** The duration as the player beside it shows it: its own length when that is this file's, else the API's. */
  private valueOf(row: DetailRow): string {
    if (row.role !== 'duration' || row.seconds === undefined) return row.value;
    const media = this.mediaSeconds;
    return formatDuration(media !== null && Math.abs(media - row.seconds) <= SAME_MEDIA_SECONDS ? media : row.seconds);
  }
}
