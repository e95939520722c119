// Title, status line (loading, errors with their fix) and the toolbar of file actions.

import { FILE_ACTIONS, type PreviewAction, type PreviewModel, type PreviewStatus, type PreviewStrings } from '../../preview/protocol';
import { button, el, replaceChildren } from './dom';

export class HeaderView {
  readonly element = el('header', { className: 'header' });
  private readonly title = el('h1', { className: 'title' });
  private readonly status = el('div', { className: 'status', attrs: { role: 'status' } });
  private readonly toolbar: HTMLElement;
  private shownActions = '';

  constructor(
    private readonly strings: PreviewStrings,
    private readonly run: (action: PreviewAction) => void,
  ) {
    this.toolbar = el('div', { className: 'toolbar', attrs: { role: 'group', 'aria-label': strings.labels.toolbar } });
    this.element.append(this.title, this.toolbar, this.status);
  }

  update(model: PreviewModel | null, status: PreviewStatus): void {
    this.title.textContent = model?.displayName ?? '';
    this.updateToolbar(model);
    this.updateStatus(status);
  }

  private updateToolbar(model: PreviewModel | null): void {
    const actions = FILE_ACTIONS.filter((action) => model?.actions.includes(action));
    const signature = actions.join();
    if (signature === this.shownActions) return; // rebuilding would drop keyboard focus
    this.shownActions = signature;
    this.toolbar.hidden = actions.length === 0;
    replaceChildren(
      this.toolbar,
      ...actions.map((action) => {
        const element = button(this.strings.actions[action], () => this.run(action), 'button button-secondary');
        element.title = this.strings.actionHints[action];
        return element;
      }),
    );
  }

  private updateStatus(status: PreviewStatus): void {
    this.status.className = `status status-${status.kind}`;
    if (status.kind === 'ready') return replaceChildren(this.status);
    if (status.kind === 'loading') return replaceChildren(this.status, el('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), this.strings.loading);
    if (status.kind === 'notice') return replaceChildren(this.status, el('p', { className: 'status-message' }, status.message));
    const buttons = status.actions.map((action, index) =>
      button(this.strings.actions[action], () => this.run(action), index === 0 ? 'button button-primary' : 'button button-secondary'),
    );
    replaceChildren(this.status, el('p', { className: 'status-message' }, status.message), buttons.length ? el('div', { className: 'status-actions' }, ...buttons) : null);
  }
}
