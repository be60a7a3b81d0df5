// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { observe, onRemovals, waitForElement } from '../../../lib/helpers/observe';

/** Lets MutationObserver deliver its batch. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function tile(id: string): HTMLElement {
  const article = document.createElement('article');
  article.dataset.id = id;
  article.className = 'tile';
  return article;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('observe', () => {
  it('calls back for elements present now, synchronously, once each', () => {
    document.body.append(tile('a'), tile('b'));
    const seen: string[] = [];
    const controller = new AbortController();
    observe('.tile', (element) => seen.push((element as HTMLElement).dataset.id ?? ''), { signal: controller.signal });
    expect(seen).toEqual(['a', 'b']);
    controller.abort();
  });

  it('calls back for elements added later, including ones nested in an added subtree, exactly once', async () => {
    const seen: string[] = [];
    const controller = new AbortController();
    observe('.tile', (element) => seen.push((element as HTMLElement).dataset.id ?? ''), { signal: controller.signal });
    const list = document.createElement('div');
    list.append(tile('c'), tile('d'));
    document.body.append(list);
    document.body.append(tile('e'));
    await settle();
    expect(seen).toEqual(['c', 'd', 'e']);
    // Moving an element re-adds it: still once.
    const moved = list.firstElementChild as HTMLElement;
    document.body.append(moved);
    await settle();
    expect(seen).toEqual(['c', 'd', 'e']);
    controller.abort();
  });

  it('stops when the signal aborts', async () => {
    const seen: string[] = [];
    const controller = new AbortController();
    observe('.tile', (element) => seen.push((element as HTMLElement).dataset.id ?? ''), { signal: controller.signal });
    controller.abort();
    document.body.append(tile('late'));
    await settle();
    expect(seen).toEqual([]);
  });

  it('shares one observer between subscriptions and keeps the others going when one stops', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const one = new AbortController();
    const two = new AbortController();
    observe('.tile', (element) => first.push((element as HTMLElement).dataset.id ?? ''), { signal: one.signal });
    observe('article', (element) => second.push((element as HTMLElement).dataset.id ?? ''), { signal: two.signal });
    document.body.append(tile('x'));
    await settle();
    one.abort();
    document.body.append(tile('y'));
    await settle();
    expect(first).toEqual(['x']);
    expect(second).toEqual(['x', 'y']);
    two.abort();
  });

  it('a throwing callback does not stop the others', async () => {
    const seen: string[] = [];
    const controller = new AbortController();
    const errors = console.error;
    console.error = () => {};
    try {
      observe(
        '.tile',
        () => {
          throw new Error('boom');
        },
        { signal: controller.signal },
      );
      observe('.tile', (element) => seen.push((element as HTMLElement).dataset.id ?? ''), { signal: controller.signal });
      document.body.append(tile('z'));
      await settle();
    } finally {
      console.error = errors;
    }
    expect(seen).toEqual(['z']);
    controller.abort();
  });

  it('watches inside a given root only', async () => {
    const inside = document.createElement('section');
    const outside = document.createElement('section');
    document.body.append(inside, outside);
    const seen: string[] = [];
    const controller = new AbortController();
    observe('.tile', (element) => seen.push((element as HTMLElement).dataset.id ?? ''), { signal: controller.signal, root: inside });
    inside.append(tile('in'));
    outside.append(tile('out'));
    await settle();
    expect(seen).toEqual(['in']);
    controller.abort();
  });
});

describe('waitForElement and onRemovals', () => {
  it('resolves with the first match, now or later', async () => {
    const controller = new AbortController();
    const waiting = waitForElement('.late', { signal: controller.signal });
    const element = document.createElement('p');
    element.className = 'late';
    document.body.append(element);
    await expect(waiting).resolves.toBe(element);
  });

  it('rejects when the signal aborts first', async () => {
    const controller = new AbortController();
    const waiting = waitForElement('.never', { signal: controller.signal });
    controller.abort(new Error('navigated away'));
    await expect(waiting).rejects.toThrow('navigated away');
  });

  it('reports batches that removed nodes', async () => {
    const removed: number[] = [];
    const controller = new AbortController();
    const child = tile('gone');
    document.body.append(child);
    await settle();
    onRemovals(() => removed.push(1), { signal: controller.signal });
    document.body.append(tile('added'));
    await settle();
    expect(removed).toEqual([]);
    child.remove();
    await settle();
    expect(removed).toEqual([1]);
    controller.abort();
  });
});
