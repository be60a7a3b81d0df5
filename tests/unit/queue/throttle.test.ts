import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAILY_KEY, memoryQueueStorage } from '../../../lib/background/queue/persistence';
import { createRequestQueue } from '../../../lib/background/queue/queue';
import { createThrottle } from '../../../lib/background/queue/throttle';
import { apiKeyOf } from '../../../lib/background/requests';
import { createFakeUpwork, maxInAnyWindow } from './fake-upwork';
import { errorKind, START, useFakeClock, watch } from './helpers';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Two accounts in one browser: one throttle (Upwork counts per IP), one queue each, each queue
 * charging its account's API key. `current` is the account signed in now.
 */
function twoAccounts(accounts: [string, string], options: { dailyLimit?: number; latencyMs?: number } = {}) {
  const storage = memoryQueueStorage();
  const server = createFakeUpwork({ latencyMs: options.latencyMs ?? 200 });
  const throttle = createThrottle({ storage, dailyLimit: options.dailyLimit, random: () => 0.5 });
  const state = { current: accounts[0] };
  const queues = accounts.map((accountKey) => {
    const queue = createRequestQueue({
      accountKey,
      budgetKey: apiKeyOf(accountKey),
      storage,
      throttle,
      random: () => 0.5,
      stillCurrent: async () => state.current === accountKey,
    });
    queue.register(server.kind('jobDetail', 10, (key) => ({ accountKey, key })));
    queue.register(server.kind('freelancer', 1, (key) => ({ accountKey, key })));
    return queue;
  }) as [ReturnType<typeof createRequestQueue>, ReturnType<typeof createRequestQueue>];
  return { storage, server, throttle, state, queues };
}

const keys = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('one throttle for the browser', () => {
  it('two accounts’ queues together never pass 10 requests in any 1,000 ms', async () => {
    const { server, state, queues } = twoAccounts(['client-a:alice', 'client-b:bob']);
    const outcomes = [
      ...keys(40, 'a').map((key) => watch(queues[0].enqueue('freelancer', key, { priority: 'now' }))),
      ...keys(40, 'b').map((key) => watch(queues[1].enqueue('freelancer', key, { priority: 'background' }))),
    ];
    await vi.advanceTimersByTimeAsync(1500);
    state.current = 'client-b:bob'; // an account switch in the middle
    await vi.runAllTimersAsync();
    expect(maxInAnyWindow(server.arrivals())).toBeLessThanOrEqual(10);
    expect(server.rejected429).toBe(0);
    expect(outcomes.every((outcome) => outcome.settled)).toBe(true);
  });

  it('drops work queued for an account no longer signed in, instead of sending it with the new token', async () => {
    const { server, state, queues } = twoAccounts(['client-a:alice', 'client-a:bob']);
    for (const key of keys(10, 'busy')) watch(queues[1].enqueue('freelancer', key, { priority: 'now' }));
    const stale = watch(queues[0].enqueue('freelancer', 'old', { priority: 'now' }));
    state.current = 'client-a:bob';
    await vi.runAllTimersAsync();
    expect(errorKind(stale)).toBe('unauthorized');
    expect(server.calls.flatMap((call) => call.keys)).not.toContain('old');
  });

  it('two accounts on one API key share its daily budget', async () => {
    const { server, state, queues, storage, throttle } = twoAccounts(['client-a:alice', 'client-a:bob'], { dailyLimit: 20 });
    const first = keys(12, 'a').map((key) => watch(queues[0].enqueue('freelancer', key, { priority: 'now' })));
    await vi.runAllTimersAsync();
    state.current = 'client-a:bob';
    const second = keys(12, 'b').map((key) => watch(queues[1].enqueue('freelancer', key, { priority: 'now' })));
    await vi.runAllTimersAsync();
    expect(first.every((outcome) => outcome.value !== undefined)).toBe(true);
    expect(second.filter((outcome) => outcome.value !== undefined)).toHaveLength(8);
    expect(second.filter((outcome) => errorKind(outcome) === 'budget-exhausted')).toHaveLength(4);
    expect(server.calls).toHaveLength(20);
    expect(queues[0].status().requestsToday).toBe(20);
    expect(queues[1].status().requestsToday).toBe(20);
    await throttle.flush();
    expect(await storage.get(DAILY_KEY)).toEqual({ 'client-a': { day: '2025-03-01', count: 20 } });
  });

  it('accounts of different API keys keep budgets apart but share the window', async () => {
    const { server, state, queues } = twoAccounts(['client-a:alice', 'client-b:bob'], { dailyLimit: 5 });
    const a = keys(5, 'a').map((key) => watch(queues[0].enqueue('freelancer', key, { priority: 'now' })));
    await vi.advanceTimersByTimeAsync(10);
    state.current = 'client-b:bob';
    const b = keys(6, 'b').map((key) => watch(queues[1].enqueue('freelancer', key, { priority: 'now' })));
    await vi.runAllTimersAsync();
    expect([...a, ...b.slice(0, 5)].every((outcome) => outcome.value !== undefined)).toBe(true);
    expect(errorKind(b[5] ?? { settled: false })).toBe('budget-exhausted');
    expect(queues[0].status().requestsToday).toBe(5);
    expect(queues[1].status().requestsToday).toBe(5);
    // Ten between them fill one window.
    expect(maxInAnyWindow(server.arrivals())).toBe(10);
  });

  it('one 429 slows every queue down', async () => {
    const { server, queues, throttle } = twoAccounts(['client-a:alice', 'client-b:bob'], { latencyMs: 20 });
    await throttle.ready;
    throttle.rateLimited(Date.now(), 2000); // as if the other queue had met a 429
    const b = watch(queues[0].enqueue('freelancer', 'b', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(b.settled).toBe(true);
    expect(server.arrivals()[0]).toBeGreaterThanOrEqual(START + 2000);
  });
});

describe('requests that arrive bunched', () => {
  it('never lets Upwork count 11 in 1,000 ms, even when early requests reach it late and later ones at once', async () => {
    const queue = createRequestQueue({ accountKey: 'k', storage: memoryQueueStorage() });
    const arrivals: number[] = [];
    let sent = 0;
    queue.register<string>({
      kind: 'slow-start',
      maxBatch: 1,
      async run([key = '']) {
        // The first ten crawl through a busy connection for 600 ms; the rest arrive at once.
        const delay = sent++ < 10 ? 600 : 0;
        await new Promise((resolve) => setTimeout(resolve, delay));
        arrivals.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 20));
        return new Map([[key, key]]);
      },
    });
    const outcomes = keys(40, 'k').map((key) => watch(queue.enqueue<string>('slow-start', key, { priority: 'now' })));
    await vi.runAllTimersAsync();
    expect(outcomes.every((outcome) => outcome.value !== undefined)).toBe(true);
    // The sandbox's count: arrivals less than 1,000 ms apart share a window.
    const busiest = Math.max(...arrivals.map((at) => arrivals.filter((other) => other <= at && at - other < 1000).length));
    expect(busiest).toBeLessThanOrEqual(10);
  });
});
