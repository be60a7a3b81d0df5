import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHealthStore, createPageHandlers } from '../../../lib/background/handlers/page';
import { createTabSignals } from '../../../lib/background/tab-signals';
import { createRouter } from '../../../lib/messaging/router';
import { contentScript, envelope, identity, popup, realService } from './support';

const tab = { id: 1 } as never;

describe('tab signals', () => {
  it('aborts a tab’s signal when the tab closes, and only that tab’s', async () => {
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const five = signals.signalFor(5);
    const six = signals.signalFor(6);
    expect(signals.signalFor(5)).toBe(five);
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    expect(five.aborted).toBe(true);
    expect(six.aborted).toBe(false);
    const fresh = signals.signalFor(5);
    expect(fresh).not.toBe(five);
    expect(fresh.aborted).toBe(false);
    signals.dispose();
  });

  it('aborts when the tab loads another page, not on other updates', async () => {
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const signal = signals.signalFor(7);
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'complete' }, tab);
    await fakeBrowser.tabs.onUpdated.trigger(7, { title: 'Jobs' }, tab);
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, tab); // a reload: the same page comes back and wants the same answers
    expect(signal.aborted).toBe(false);
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading', url: 'https://www.upwork.com/nx/find-work/' }, tab);
    expect(signal.aborted).toBe(true);
    expect(signals.size()).toBe(0);
    signals.dispose();
  });

  it('cancels a lookup still waiting in the queue when its tab closes, without sending it again', async () => {
    // Upwork answers the first request with 429 and Retry-After 60: the lookup waits in the queue.
    const real = realService({ answers: [{ status: 429, retryAfter: '60' }] });
    const signals = createTabSignals(fakeBrowser.tabs as never);
    const route = createRouter(createPageHandlers({ service: () => real.service, health: createHealthStore() }), identity, {
      signalForTab: (tabId) => signals.signalFor(tabId),
    });
    const pending = route(envelope('jobs.detail', { id: '31' }), contentScript(9));
    await until(() => real.queue()?.status().slowedUntil != null);
    expect(real.queue()?.status().queued).toBe(1);

    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false });
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: expect.any(String) } });
    expect(real.queue()?.status().queued).toBe(0);
    expect(real.requests).toHaveLength(1);
    signals.dispose();
  });

  it('gives no signal to messages from outside a tab (the popup)', async () => {
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
      { signalForTab: (tabId) => signals.signalFor(tabId) },
    );
    await route(envelope('ping', { from: 'popup' }), popup);
    await route(envelope('ping', { from: 'content' }), contentScript(3));
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toBe(signals.signalFor(3));
    signals.dispose();
  });
});

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
