import { browser } from 'wxt/browser';

/**
 * One AbortSignal per page a tab shows, aborted when that page goes away: the tab closes, or a new
 * document in the tab sends its first message. Whatever the old page asked for and is still
 * waiting in the throttle queue then stops (nobody is left to show it).
 *
 * Pages are told apart by MessageSender.documentId, which stays the same across same-document
 * route changes. That matters on upwork.com: opening a job in the slider over the search list is a
 * pushState, which Chrome reports as tabs.onUpdated {status: 'loading', url} just like a real page
 * load, while the tiles it must not cancel are still on screen. Works without the "tabs"
 * permission (onRemoved fires for every tab).
 */

type Listener<A extends unknown[]> = {
  addListener(callback: (...args: A) => void): void;
  removeListener(callback: (...args: A) => void): void;
};

/** The tab event used (browser.tabs in the worker, fakeBrowser.tabs in tests). */
export interface TabEvents {
  onRemoved: Listener<[tabId: number, removeInfo: unknown]>;
}

/** Who is asking: the tab, and (Chrome ≥ 106, Firefox) which document in it. */
export interface TabSender {
  tabId: number;
  documentId?: string;
  /**
   * 'prerender' documents are not on screen yet, 'pending_deletion' and 'cached' (back-forward cache)
   * ones no longer are: none of them may cancel the page that is.
   */
  documentLifecycle?: string;
}

export interface TabSignals {
  /** The live signal for the page now in the tab, shared by every message from it; undefined for a prerendering page. */
  signalFor(sender: TabSender): AbortSignal | undefined;
  /** Tabs with a live signal (tests, leak checks). */
  size(): number;
  dispose(): void;
}

interface PageSignal {
  documentId: string | undefined;
  controller: AbortController;
}

export function createTabSignals(events: TabEvents = browser.tabs as unknown as TabEvents): TabSignals {
  const pages = new Map<number, PageSignal>();

  function abort(tabId: number, reason: string): void {
    const page = pages.get(tabId);
    if (!page) return;
    pages.delete(tabId);
    page.controller.abort(new DOMException(reason, 'AbortError'));
  }

  const onRemoved = (tabId: number) => abort(tabId, 'The tab was closed.');
  events.onRemoved.addListener(onRemoved);

  return {
    signalFor({ tabId, documentId, documentLifecycle }) {
      if (documentLifecycle === 'prerender') return undefined;
      const current = pages.get(tabId);
      // A page on its way out still sends (a last flush as it unloads), sometimes after the next
      // page's first message: its waits end now, and the page on screen keeps its own.
      if (documentLifecycle === 'pending_deletion' || documentLifecycle === 'cached') {
        if (current && documentId !== undefined && current.documentId === documentId) abort(tabId, 'The page left the tab.');
        return AbortSignal.abort(new DOMException('The page left the tab.', 'AbortError'));
      }
      if (current) {
        if (documentId === undefined || current.documentId === documentId) return current.controller.signal;
        if (current.documentId === undefined) {
          current.documentId = documentId; // the first sender that says which document it is
          return current.controller.signal;
        }
        abort(tabId, 'The tab loaded another page.');
      }
      const page: PageSignal = { documentId, controller: new AbortController() };
      pages.set(tabId, page);
      return page.controller.signal;
    },
    size: () => pages.size,
    dispose() {
      events.onRemoved.removeListener(onRemoved);
      pages.clear();
    },
  };
}
