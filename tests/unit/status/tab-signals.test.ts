import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHealthStore, createPageHandlers } from '../../../lib/background/handlers/page';
import { createTabSignals } from '../../../lib/background/tab-signals';
import { createRouter } from '../../../lib/messaging/router';
import { contentScript, envelope, identity, popup, realService } from './support';

const removeInfo = { windowId: 1, isWindowClosing: false };

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('tab signals', () => {
  it('aborts a tab’s signal when the tab closes, and only that tab’s', async () => {
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const five = signals.signalFor({ tabId: 5, documentId: 'A' });
    const six = signals.signalFor({ tabId: 6, documentId: 'B' });
    expect(signals.signalFor({ tabId: 5, documentId: 'A' })).toBe(five);
    await fakeBrowser.tabs.onRemoved.trigger(5, removeInfo);
    expect(five?.aborted).toBe(true);
    expect(six?.aborted).toBe(false);
    const fresh = signals.signalFor({ tabId: 5, documentId: 'C' });
    expect(fresh).not.toBe(five);
    expect(fresh?.aborted).toBe(false);
    signals.dispose();
  });

  it('keeps the signal across route changes of one page, and aborts it when another page in the tab speaks', async () => {
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const list = signals.signalFor({ tabId: 7, documentId: 'search-page' });
    // The job slider opens over the list (pushState): same document, the tiles still want their answers.
    expect(signals.signalFor({ tabId: 7, documentId: 'search-page' })).toBe(list);
    // A page being prerendered in the tab is not on screen yet: it cancels nothing.
    expect(signals.signalFor({ tabId: 7, documentId: 'next-page', documentLifecycle: 'prerender' })).toBeUndefined();
    expect(list?.aborted).toBe(false);
    // A full load: the new document's first message ends the old page's waits.
    const next = signals.signalFor({ tabId: 7, documentId: 'next-page' });
    expect(list?.aborted).toBe(true);
    expect(next?.aborted).toBe(false);
    expect(signals.size()).toBe(1);
    signals.dispose();
  });

  it('a page leaving the tab, or kept in the back-forward cache, cancels its own waits and never the page on screen', () => {
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const old = signals.signalFor({ tabId: 8, documentId: 'page-1' });
    const next = signals.signalFor({ tabId: 8, documentId: 'page-2', documentLifecycle: 'active' });
    expect(old?.aborted).toBe(true);
    // page-1's last message as it unloads arrives after page-2's first: page-2 keeps waiting for its lookups.
    expect(signals.signalFor({ tabId: 8, documentId: 'page-1', documentLifecycle: 'pending_deletion' })?.aborted).toBe(true);
    expect(signals.signalFor({ tabId: 8, documentId: 'page-1', documentLifecycle: 'cached' })?.aborted).toBe(true);
    expect(next?.aborted).toBe(false);
    expect(signals.signalFor({ tabId: 8, documentId: 'page-2', documentLifecycle: 'active' })).toBe(next);
    // The page on screen itself going into the back-forward cache ends its waits.
    expect(signals.signalFor({ tabId: 8, documentId: 'page-2', documentLifecycle: 'cached' })?.aborted).toBe(true);
    expect(next?.aborted).toBe(true);
    // Back from the cache, it is the page on screen again.
    expect(signals.signalFor({ tabId: 8, documentId: 'page-2', documentLifecycle: 'active' })?.aborted).toBe(false);
    signals.dispose();
  });

  it('cancels a lookup still waiting in the queue when its tab closes, without sending it again', async () => {
    // Upwork answers the first request with 429 and Retry-After 60: the lookup waits in the queue.
    const real = realService({ answers: [{ status: 429, retryAfter: '60' }] });
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const route = createRouter(createPageHandlers({ service: () => real.service, health: createHealthStore() }), identity, {
      signalForTab: (sender) => signals.signalFor(sender),
    });
    const pending = route(envelope('jobs.detail', { id: '31' }), { ...contentScript(9), documentId: 'doc-9' } as never);
    await until(() => real.queue()?.status().slowedUntil != null);
    expect(real.queue()?.status().queued).toBe(1);

    await fakeBrowser.tabs.onRemoved.trigger(9, removeInfo);
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: expect.any(String) } });
    expect(real.queue()?.status().queued).toBe(0);
    expect(real.requests).toHaveLength(1);
    signals.dispose();
  });

  it('hands the sender’s document to the registry, and gives no signal outside a tab (the popup)', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const route = createRouter(
      {
        ping: (request, context) => {
          seen.push(context.signal);
          return { pong: true as const, version: '1', receivedFrom: request.from };
        },
      },
      identity,
      { signalForTab: (sender) => signals.signalFor(sender) },
    );
    await route(envelope('ping', { from: 'popup' }), popup);
    await route(envelope('ping', { from: 'content' }), { ...contentScript(3), documentId: 'first' } as never);
    await route(envelope('ping', { from: 'content' }), { ...contentScript(3), documentId: 'second' } as never);
    expect(seen[0]).toBeUndefined();
    expect(seen[1]?.aborted).toBe(true);
    expect(seen[2]).toBe(signals.signalFor({ tabId: 3, documentId: 'second' }));
    signals.dispose();
  });
});
