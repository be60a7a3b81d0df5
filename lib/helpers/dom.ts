/**
 * `h(tag, props, ...children)`: builds DOM elements for Loupe's overlays, the one UI technology of
 * the content script (the popup and options page use React; the page overlays stay small).
 *
 * - Text is always text: strings and numbers become Text nodes; there is no way to pass HTML.
 * - Props set attributes (`class`, `title`, `role`, `aria`, `data`…) or a few form properties.
 * - Every `on` handler runs only for a trusted event (a real user's click, key or submit): a page
 *   script that reaches a Loupe element cannot press it. Handlers are removed when `signal` aborts.
 *
 *   const star = h('button', { class: 'loupe-star', type: 'button', aria: { pressed: 'false' }, on: { click: toggle } }, '☆');
 *   section.replaceChildren(h('div', { class: 'loupe-row' }, star, ' Watch'));
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handlers = { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };

export interface Props {
  class?: string;
  id?: string;
  title?: string;
  role?: string;
  type?: string;
  hidden?: boolean;
  disabled?: boolean;
  /** `<label for>` */
  for?: string;
  /** `<details open>` */
  open?: boolean;
  rows?: number;
  maxLength?: number;
  value?: string;
  /** `aria-*` attributes, without the prefix. */
  aria?: Record<string, string>;
  /** `data-*` attributes, camelCase like `dataset`. */
  data?: Record<string, string | undefined>;
  /** Event handlers: called only for trusted (user) events. */
  on?: Handlers;
  /** Removes the handlers when it aborts. */
  signal?: AbortSignal;
}

/** Wraps a handler so it ignores events a script made up (`element.click()`, `dispatchEvent`). */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) applyProps(element, props);
  append(element, children);
  return element;
}

/** Appends children (flattening arrays, skipping null/false) as nodes; strings become Text. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child as Node);
  }
}

function applyProps(element: HTMLElement, props: Props): void {
  if (props.class) element.className = props.class;
  if (props.id) element.id = props.id;
  if (props.title) element.title = props.title;
  if (props.role) element.setAttribute('role', props.role);
  if (props.type) element.setAttribute('type', props.type);
  if (props.for) element.setAttribute('for', props.for);
  if (props.hidden) element.hidden = true;
  if (props.disabled) element.toggleAttribute('disabled', true);
  if (props.open) element.toggleAttribute('open', true);
  if (props.rows !== undefined) element.setAttribute('rows', String(props.rows));
  if (props.maxLength !== undefined) element.setAttribute('maxlength', String(props.maxLength));
  if (props.value !== undefined) (element as HTMLInputElement).value = props.value;
  for (const [name, value] of Object.entries(props.aria ?? {})) element.setAttribute(`aria-${name}`, value);
  for (const [name, value] of Object.entries(props.data ?? {})) if (value !== undefined) element.dataset[name] = value;
  for (const [type, handler] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, trusted(handler as (event: Event) => void), { signal: props.signal });
  }
}
