import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHealthStore, createPageHandlers } from '../../../lib/background/handlers/page';
import { createStatusHandlers } from '../../../lib/background/handlers/status';
import { apiStatusSchema } from '../../../lib/messaging/messages/status';
import { createRouter } from '../../../lib/messaging/router';
import { readThrottleSettings } from '../../../lib/settings/throttle';
import { ACCOUNT, contentScript, envelope, identity, popup, realService, tokensFor } from './support';

/** status.get and the page messages over ONE real service, behind the real router. */
function routeWith(options: Parameters<typeof realService>[0] = {}) {
  const tokens = options.tokens ?? tokensFor(ACCOUNT);
  const real = realService({ ...options, tokens });
  const handlers = {
    ...createPageHandlers({ service: () => real.service, health: createHealthStore() }),
    ...createStatusHandlers({ service: () => real.service, tokens, throttle: readThrottleSettings }),
  };
  return { ...real, route: createRouter(handlers, identity) };
}

async function status(route: ReturnType<typeof routeWith>['route']) {
  const reply = await route(envelope('status.get', {}), popup);
  if (!reply.ok) throw new Error(`status.get failed: ${reply.error.message}`);
  return apiStatusSchema.parse(reply.data);
}

describe('status.get', () => {
  it('answers signed out with nothing sent and the throttle settings the user chose', async () => {
    await fakeBrowser.storage.local.set({ throttle: { ratePerSecond: 5, burst: 3 } });
    const { route, requests } = routeWith({ tokens: tokensFor(null) });
    const view = await status(route);
    expect(view.signedIn).toBe(false);
    expect(view.queue).toMatchObject({ queued: 0, inFlight: 0, ratePerSecond: 5, burst: 3, requestsToday: 0, dailyLimit: 40_000 });
    expect(view.lastError).toBeNull();
    expect(requests).toHaveLength(0);
  });

  it('counts requests, cache hits and the last 429 after real lookups', async () => {
    // Upwork refuses the first request (Retry-After: 0), then answers.
    const { route, requests } = routeWith({ answers: [{ status: 429, retryAfter: '0' }] });
    const first = await route(envelope('jobs.detail', { id: '21' }), contentScript(4));
    expect(first).toMatchObject({ ok: true, data: { job: { id: '21' } } });
    const again = await route(envelope('jobs.detail', { id: '21' }), contentScript(4));
    expect(again).toMatchObject({ ok: true, data: { job: { id: '21' } } });
    expect(requests.map((request) => request.operationName)).toEqual(['JobDetails', 'JobDetails']);

    const view = await status(route);
    expect(view.signedIn).toBe(true);
    expect(view.queue).toMatchObject({ queued: 0, inFlight: 0, ratePerSecond: 9.5, burst: 10, requestsToday: 2 });
    expect(view.queue.recentRate).toBeCloseTo(0.2);
    expect(view.cache).toMatchObject({ hits: 1, misses: 1, entries: 1, disabledReason: null });
    expect(view.lastError?.message).toMatch(/too many requests/i);
    expect(view.lastError?.at).toBeGreaterThan(0);
    // Nothing secret rides along, not even the account key.
    const raw = JSON.stringify(await route(envelope('status.get', {}), popup));
    expect(raw).not.toContain('secret-access-token');
    expect(raw).not.toContain(ACCOUNT);
  });

  it('is for extension pages only', async () => {
    const { route } = routeWith();
    const reply = await route(envelope('status.get', {}), contentScript(4));
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('has a strict schema: an extra field is refused', async () => {
    const { route } = routeWith({ tokens: tokensFor(null) });
    const view = await status(route);
    expect(apiStatusSchema.safeParse({ ...view, token: 'x' }).success).toBe(false);
    expect(apiStatusSchema.safeParse({ ...view, queue: { ...view.queue, accountKey: ACCOUNT } }).success).toBe(false);
  });
});
