import { browser } from 'wxt/browser';

/**
 * One AbortSignal per tab that messages come from, aborted when that tab closes or loads another
 * page: whatever the old page asked for and is still waiting in the throttle queue then stops
 * (nobody is left to show it). The next message from the tab gets a fresh signal.
 *
 * Works without the "tabs" permission: onRemoved and onUpdated fire for every tab, and
 * changeInfo.url is visible for upwork.com tabs thanks to the host permission. Same-document route
 * changes (the search list opening the job slider) are not a page load, so tiles still on screen
 * keep their lookups.
 */

type Listener<A extends unknown[]> = {
  addListener(callback: (...args: A) => void): void;
  removeListener(callback: (...args: A) => void): void;
};

/** The two tab events used (browser.tabs in the worker, fakeBrowser.tabs in tests). */
export interface TabEvents {
  onRemoved: Listener<[tabId: number, removeInfo: unknown]>;
  onUpdated: Listener<[tabId: number, changeInfo: { status?: string; url?: string }, tab: unknown]>;
}

export interface TabSignals {
  /** The live signal for a tab (one shared by every message from the page now in it). */
  signalFor(tabId: number): AbortSignal;
  /** Tabs with a signal still open (tests, leak checks). */
  size(): number;
  dispose(): void;
}

export function createTabSignals(events: TabEvents = browser.tabs as unknown as TabEvents): TabSignals {
  const controllers = new Map<number, AbortController>();

  function abort(tabId: number, reason: string): void {
    const controller = controllers.get(tabId);
    if (!controller) return;
    controllers.delete(tabId);
    controller.abort(new DOMException(reason, 'AbortError'));
  }

  const onRemoved = (tabId: number) => abort(tabId, 'The tab was closed.');
  const onUpdated = (tabId: number, changeInfo: { status?: string; url?: string }) => {
    // A new document is loading in the tab: the page that asked is gone.
    if (changeInfo.status === 'loading' && changeInfo.url !== undefined) abort(tabId, 'The tab loaded another page.');
  };
  events.onRemoved.addListener(onRemoved);
  events.onUpdated.addListener(onUpdated);

  return {
    signalFor(tabId) {
      let controller = controllers.get(tabId);
      if (!controller) {
        controller = new AbortController();
        controllers.set(tabId, controller);
      }
      return controller.signal;
    },
    size: () => controllers.size,
    dispose() {
      events.onRemoved.removeListener(onRemoved);
      events.onUpdated.removeListener(onUpdated);
      controllers.clear();
    },
  };
}
