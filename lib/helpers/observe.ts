/**
 * DOM that appears later (infinite scroll, SPA routes, sliders) without polling: one shared
 * MutationObserver per root feeds every subscription, so fifty features watching the page cost
 * one observer, not fifty. MutationObserver already delivers records in one microtask batch; we
 * match selectors once per batch, only against the subtrees that were added.
 */

export interface ObserveOptions {
  signal: AbortSignal;
  /** Where to look; defaults to the document. */
  root?: Document | Element | ShadowRoot;
}

interface Subscription {
  selector: string;
  callback: (element: Element) => void;
  seen: WeakSet<Element>;
}

interface RootWatcher {
  observer: MutationObserver;
  subscriptions: Set<Subscription>;
  removalListeners: Set<() => void>;
}

const watchers = new WeakMap<Node, RootWatcher>();

function safeCall(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    // A failing subscriber must not stop the others or throw into the page's mutation batch.
    console.error('[loupe] observer callback failed', error);
  }
}

function deliver(subscription: Subscription, element: Element): void {
  if (subscription.seen.has(element)) return;
  subscription.seen.add(element);
  safeCall(() => subscription.callback(element));
}

function scan(subscription: Subscription, subtree: ParentNode): void {
  if (subtree instanceof Element && subtree.matches(subscription.selector)) deliver(subscription, subtree);
  for (const element of subtree.querySelectorAll(subscription.selector)) deliver(subscription, element);
}

function watcherFor(root: Node): RootWatcher {
  let watcher = watchers.get(root);
  if (watcher) return watcher;
  const subscriptions = new Set<Subscription>();
  const removalListeners = new Set<() => void>();
  const observer = new MutationObserver((records) => {
    const added = new Set<Element>();
    let removed = false;
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) added.add(node);
      if (record.removedNodes.length > 0) removed = true;
    }
    // Skip subtrees whose ancestor was added in the same batch: scanning the ancestor covers them.
    const tops = [...added].filter((element) => element.isConnected && !hasAddedAncestor(element, added));
    for (const subscription of [...subscriptions]) for (const element of tops) scan(subscription, element);
    if (removed) for (const listener of [...removalListeners]) safeCall(listener);
  });
  observer.observe(root, { childList: true, subtree: true });
  watcher = { observer, subscriptions, removalListeners };
  watchers.set(root, watcher);
  return watcher;
}

function hasAddedAncestor(element: Element, added: Set<Element>): boolean {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) if (added.has(parent)) return true;
  return false;
}

function release(root: Node, watcher: RootWatcher): void {
  if (watcher.subscriptions.size > 0 || watcher.removalListeners.size > 0) return;
  watcher.observer.disconnect();
  watchers.delete(root);
}

/**
 * Calls `callback` once per element matching `selector`: synchronously for those present now,
 * then for each one added later (once per mutation batch). Stops when `signal` aborts.
 */
export function observe(selector: string, callback: (element: Element) => void, { signal, root = document }: ObserveOptions): void {
  if (signal.aborted) return;
  const subscription: Subscription = { selector, callback, seen: new WeakSet() };
  const watcher = watcherFor(root);
  watcher.subscriptions.add(subscription);
  signal.addEventListener(
    'abort',
    () => {
      watcher.subscriptions.delete(subscription);
      release(root, watcher);
    },
    { once: true },
  );
  scan(subscription, root);
}

/** Calls `callback` after each mutation batch under `root` that removed nodes (to notice our UI being dropped by a re-render). */
export function onRemovals(callback: () => void, { signal, root = document }: ObserveOptions): void {
  if (signal.aborted) return;
  const watcher = watcherFor(root);
  watcher.removalListeners.add(callback);
  signal.addEventListener(
    'abort',
    () => {
      watcher.removalListeners.delete(callback);
      release(root, watcher);
    },
    { once: true },
  );
}

/** Resolves with the first element matching `selector` (now or later); rejects when `signal` aborts. */
export function waitForElement(selector: string, { signal, root = document }: ObserveOptions): Promise<Element> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const done = new AbortController();
    const onAbort = () => {
      done.abort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    observe(
      selector,
      (element) => {
        if (done.signal.aborted) return;
        done.abort();
        signal.removeEventListener('abort', onAbort);
        resolve(element);
      },
      { signal: done.signal, root },
    );
  });
}
