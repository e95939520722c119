// The details list: rows worded by the host. Every value from the API is set as text.

import type { PreviewModel, PreviewStrings } from '../../preview/protocol';
import { el, replaceChildren } from './dom';

const ROLE_CLASS = { description: 'description', fileId: 'file-id' } as const;

export class DetailsView {
  readonly element = el('aside', { className: 'details' });
  private readonly list = el('dl');

  constructor(strings: PreviewStrings) {
    this.element.append(el('h2', {}, strings.labels.details), this.list);
  }

  update(model: PreviewModel | null): void {
    this.element.hidden = model === null;
    if (!model) return;
    replaceChildren(
      this.list,
      ...model.details.flatMap((row) => [el('dt', {}, row.label), el('dd', { className: row.role ? ROLE_CLASS[row.role] : '' }, row.value)]),
    );
  }
}
