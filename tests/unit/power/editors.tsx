/**
 * The options editors mounted with React in happy-dom, as their tests (the power tools' here, each
 * feature's editor in its folder) share it: mount, find, type and click the way a user does.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import { settle } from '../page/support';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

export async function mount(element: React.ReactElement): Promise<void> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(element));
  await act(() => settle());
}

export const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => container.querySelector(`[data-testid="${id}"]`) as T;

/** Types into a React-controlled field the way a user does (React tracks the native value setter). */
export async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
export async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
  await act(() => settle());
}

/** A clean page before each test, the editor unmounted after it. */
export function withEditors(): void {
  beforeEach(() => {
    document.body.replaceChildren();
  });
  afterEach(async () => {
    await act(async () => root.unmount());
  });
}

/** The element the last editor was mounted in. */
export function shown(): HTMLElement {
  return container;
}
