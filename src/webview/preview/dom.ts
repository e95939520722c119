// DOM building without innerHTML: every string becomes a text node, so API data stays inert text.

export type Child = Node | string | null | undefined | false;

export interface ElementProps {
  className?: string;
  /** Attributes set with setAttribute; never `style` or event handlers. */
  attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function button(label: string, onClick: () => void, className = 'button'): HTMLButtonElement {
  const element = el('button', { className, attrs: { type: 'button' } }, label);
  element.addEventListener('click', onClick);
  return element;
}
