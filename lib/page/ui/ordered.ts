/** A child a container keeps in order: lower `order` first. */
export interface OrderedChild {
  element: HTMLElement;
  order: number;
}

/** Puts `child` into `parent` before the first of `siblings` (on the page) with a higher order. */
export function insertInOrder(parent: Element, child: OrderedChild, siblings: Iterable<OrderedChild>): void {
  const next = [...siblings].filter((other) => other.order > child.order && other.element.isConnected).sort((a, b) => a.order - b.order)[0];
  parent.insertBefore(child.element, next?.element ?? null);
}
