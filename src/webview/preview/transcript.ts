// The transcript: timed words are buttons that seek the media, and the word being spoken is highlighted.
// The words form one toolbar (WAI-ARIA toolbar pattern): a single tab stop, on the word last chosen or being
// spoken; arrow keys, Home and End move between words (roving tabindex); Enter or Space jumps to the word.

import type { PreviewModel, PreviewStrings } from '../../preview/protocol';
import { el, replaceChildren } from './dom';

type Transcript = NonNullable<PreviewModel['transcript']>;
type TranscriptWord = Transcript['words'][number];

/** A word stays highlighted through the short pause after it. */
const LINGER_SECONDS = 0.75;

export class TranscriptView {
  readonly element = el('section', { className: 'transcript' });
  private words: TranscriptWord[] = [];
  private buttons: HTMLButtonElement[] = [];
  private currentIndex = -1;
  private shown = '';

  constructor(
    private readonly strings: PreviewStrings,
    private readonly seek: (seconds: number) => void,
  ) {
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  update(model: PreviewModel | null): void {
    const transcript = model?.transcript ?? null;
    const seekable = model?.kind === 'video' || model?.kind === 'audio';
    const signature = JSON.stringify([transcript, seekable]);
    if (signature === this.shown) return;
    this.shown = signature;
    this.element.hidden = transcript === null || (transcript.words.length === 0 && transcript.text.trim() === '');
    if (!transcript || this.element.hidden) return;
    const heading = el('h2', { attrs: { id: 'transcript-heading' } }, this.strings.labels.transcript);
    const timed = seekable && transcript.words.length > 0;
    const body = timed ? this.renderWords(transcript.words) : this.renderText(transcript);
    body.setAttribute('aria-labelledby', 'transcript-heading');
    if (transcript.languageCode) body.lang = transcript.languageCode;
    const hint = timed ? el('p', { className: 'hint', attrs: { id: 'transcript-hint' } }, this.strings.transcriptHint) : null;
    replaceChildren(this.element, heading, hint, body);
  }

  /** Highlights the word spoken at `seconds`; scrolls it into view while playing. */
  highlight(seconds: number, playing: boolean): void {
    const index = this.wordAt(seconds);
    if (index === this.currentIndex) return;
    this.buttons[this.currentIndex]?.classList.remove('is-current');
    this.buttons[this.currentIndex]?.removeAttribute('aria-current');
    this.currentIndex = index;
    const button = this.buttons[index];
    if (!button) return;
    button.classList.add('is-current');
    button.setAttribute('aria-current', 'true');
    if (this.element.contains(document.activeElement)) return; // never move the stop away from where the user is
    this.focusWord(index, false); // Tab into the transcript lands on the word being spoken
    if (playing) button.scrollIntoView({ block: 'nearest' });
  }

  private renderWords(words: TranscriptWord[]): HTMLElement {
    this.words = words;
    this.currentIndex = -1;
    this.buttons = words.map((word, index) => {
      const button = el('button', { className: 'word', attrs: { type: 'button', tabindex: index === 0 ? '0' : '-1' } }, word.word);
      button.addEventListener('click', () => {
        this.focusWord(index, false);
        this.seek(word.startSeconds);
      });
      return button;
    });
    const paragraph = el('p', { className: 'words', attrs: { role: 'toolbar', 'aria-describedby': 'transcript-hint' } });
    this.buttons.forEach((button, index) => paragraph.append(...(index > 0 ? [' ', button] : [button])));
    return paragraph;
  }

  private renderText(transcript: Transcript): HTMLElement {
    this.words = [];
    this.buttons = [];
    this.currentIndex = -1;
    const text = transcript.text.trim() || transcript.words.map((w) => w.word).join(' ');
    return el('p', { className: 'text' }, text);
  }

  /** Last word starting at or before `seconds`, if it has not ended long ago (words are sorted by start). */
  private wordAt(seconds: number): number {
    let low = 0;
    let high = this.words.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.words[middle].startSeconds <= seconds) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found >= 0 && seconds <= this.words[found].endSeconds + LINGER_SECONDS ? found : -1;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const from = this.buttons.indexOf(event.target as HTMLButtonElement);
    if (from < 0) return;
    const last = this.buttons.length - 1;
    const to: Record<string, number> = { ArrowRight: from + 1, ArrowDown: from + 1, ArrowLeft: from - 1, ArrowUp: from - 1, Home: 0, End: last };
    const target = to[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.focusWord(Math.max(0, Math.min(last, target)), true);
  }

  private focusWord(index: number, focus: boolean): void {
    this.buttons.forEach((button, i) => button.setAttribute('tabindex', i === index ? '0' : '-1'));
    if (focus) this.buttons[index]?.focus();
  }
}
