import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  browserQueueStorage,
  dailyKey,
  memoryQueueStorage,
  parseSessionRecord,
  SESSION_KEY,
} from '../../../lib/background/queue/persistence';
import { ApiError } from '../../../lib/upwork/api/errors';
import { maxInAnyWindow } from './fake-upwork';
import { countingStorage, setup, useFakeClock, watch } from './helpers';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

/** What MV3 does to an idle worker: every timer and pending request of the old instance is gone. */
function stopWorker(): void {
  const now = Date.now();
  vi.clearAllTimers(); // this also winds the fake clock back to its start
  vi.setSystemTime(now);
}

const keys = (count: number, prefix = 'f') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('restart', () => {
  it('finishes all persisted work after a restart without exceeding 10 requests in any second', async () => {
    const first = setup({ latencyMs: 300 });
    for (const key of keys(40)) watch(first.queue.enqueue('freelancer', key, { priority: 'background' }));
    await vi.advanceTimersByTimeAsync(1500);
    const doneBefore = first.answered.length;
    expect(doneBefore).toBeGreaterThan(5);
    stopWorker();

    // Same instant, same storage, same Upwork: a fresh worker.
    const second = setup({}, first.storage, first);
    const resumed = await second.queue.resume();
    expect(resumed).toBeGreaterThanOrEqual(40 - doneBefore);
    expect(resumed).toBeLessThan(40);
    await vi.runAllTimersAsync();
    await second.queue.idle();

    expect(new Set(second.answered)).toEqual(new Set(keys(40).map((key) => `freelancer:${key}`)));
    expect(first.server.rejected429).toBe(0);
    expect(maxInAnyWindow(first.server.arrivals())).toBeLessThanOrEqual(10);
    expect(parseSessionRecord(await first.storage.get(SESSION_KEY))?.work).toEqual([]);
  });

  it('starts a worker that stopped mid-work from an empty bucket', async () => {
    const first = setup({ latencyMs: 300 });
    for (const key of keys(10)) watch(first.queue.enqueue('freelancer', key, { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(260); // bucket used up, requests on the wire
    stopWorker();
    const restartedAt = Date.now();
    const second = setup({}, first.storage, first);
    await second.queue.resume();
    await vi.runAllTimersAsync();
    const afterRestart = first.server.arrivals().filter((time) => time >= restartedAt);
    expect(afterRestart[0]).toBe(restartedAt + 125);
  });

  it('trusts the bucket saved when the worker was idle', async () => {
    const first = setup();
    watch(first.queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    await first.queue.idle();
    await vi.advanceTimersByTimeAsync(5000);
    stopWorker();
    const restartedAt = Date.now();
    const second = setup({}, first.storage, first);
    for (const key of keys(3)) watch(second.queue.enqueue('freelancer', key, { priority: 'now' }));
    await vi.runAllTimersAsync();
    // A full bucket of 2 was saved up; the third waits for a token.
    expect(first.server.arrivals().slice(1)).toEqual([restartedAt, restartedAt, restartedAt + 125]);
  });

  it('keeps a 429 pause across a restart', async () => {
    const first = setup();
    first.server.failNext(1, () => new ApiError('rate-limited', 'Upwork says: too many requests.', { status: 429, retryAfterMs: 10_000 }));
    watch(first.queue.enqueue('freelancer', 'f1', { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(500);
    const refusedAt = first.server.arrivals()[0] ?? Number.NaN;
    stopWorker();
    const second = setup({}, first.storage, first);
    expect(await second.queue.resume()).toBe(1);
    expect(second.queue.status().slowedUntil).toBe(refusedAt + 10_000);
    await vi.runAllTimersAsync();
    expect(first.server.arrivals()[1]).toBeGreaterThanOrEqual(refusedAt + 10_000);
    expect(second.answered).toEqual(['freelancer:f1']);
  });

  it('does not lose persisted work when new work arrives before resume()', async () => {
    const first = setup({ latencyMs: 300 });
    for (const key of keys(6)) watch(first.queue.enqueue('freelancer', key, { priority: 'background' }));
    await vi.advanceTimersByTimeAsync(0);
    stopWorker();
    const second = setup({}, first.storage, first);
    const fresh = watch(second.queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(0); // its description is written first
    expect(await second.queue.resume()).toBe(6);
    await vi.runAllTimersAsync();
    expect(fresh.value).toEqual({ kind: 'me', key: 'me' });
    expect(second.answered.sort()).toEqual(['me:me', ...keys(6).map((key) => `freelancer:${key}`)].sort());
  });

  it('drops stored work of kinds nobody registered and malformed descriptions', async () => {
    const storage = memoryQueueStorage({
      [SESSION_KEY]: {
        bucket: { tokens: 0, at: Date.now() },
        slowdown: null,
        work: [{ kind: 'retired', key: 'x', priority: 'now' }, { kind: 'me', key: 'me', priority: 'now' }, { nonsense: true }],
      },
    });
    const { queue, answered } = setup({}, storage);
    expect(await queue.resume()).toBe(1);
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(answered).toEqual(['me:me']);
    expect(parseSessionRecord(await storage.get(SESSION_KEY))?.work).toEqual([]);
  });

  it('starts cautiously from unreadable stored state', async () => {
    const storage = memoryQueueStorage({ [SESSION_KEY]: 'garbage', [dailyKey('key-1')]: { day: 'yesterday', count: -3 } });
    const { queue, server } = setup({}, storage);
    watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(1);
    expect(queue.status().requestsToday).toBe(1);
  });
});

describe('writes', () => {
  it('describes new work in one write before sending it, and writes little while busy', async () => {
    const storage = countingStorage();
    const { queue, server } = setup({}, storage);
    for (const key of keys(20)) watch(queue.enqueue('freelancer', key, { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.writes.get(SESSION_KEY)).toBe(1);
    expect(parseSessionRecord(await storage.get(SESSION_KEY))?.work).toHaveLength(20);
    expect(server.calls).toHaveLength(0); // the bucket starts empty: nothing has gone yet
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(server.calls).toHaveLength(20);
    // 20 requests over ~2.5 s: a handful of writes, not one per request.
    expect(storage.writes.get(SESSION_KEY)).toBeLessThanOrEqual(5);
    expect(storage.writes.get(dailyKey('key-1'))).toBeLessThanOrEqual(4);
    expect(await storage.get(dailyKey('key-1'))).toEqual({ day: '2025-03-01', count: 20 });
  });

  it('keeps the daily count in storage.local and the rest in storage.session', async () => {
    const storage = browserQueueStorage();
    await storage.set(dailyKey('key-1'), { day: '2025-03-01', count: 3 });
    await storage.set(SESSION_KEY, { bucket: { tokens: 1, at: 0 }, slowdown: null, work: [] });
    expect(await fakeBrowser.storage.local.get(dailyKey('key-1'))).toEqual({ [dailyKey('key-1')]: { day: '2025-03-01', count: 3 } });
    expect(await fakeBrowser.storage.session.get(SESSION_KEY)).toEqual({
      [SESSION_KEY]: { bucket: { tokens: 1, at: 0 }, slowdown: null, work: [] },
    });
    expect(await storage.get(SESSION_KEY)).toEqual({ bucket: { tokens: 1, at: 0 }, slowdown: null, work: [] });
  });

  it('runs on the extension storage end to end', async () => {
    const storage = browserQueueStorage();
    const { queue } = setup({}, storage);
    const outcome = watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(outcome.value).toEqual({ kind: 'me', key: 'me' });
    expect(await storage.get(dailyKey('key-1'))).toEqual({ day: '2025-03-01', count: 1 });
  });
});
