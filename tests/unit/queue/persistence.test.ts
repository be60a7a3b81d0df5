import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  browserQueueStorage,
  DAILY_KEY,
  memoryQueueStorage,
  parseThrottleRecord,
  parseWorkRecord,
  THROTTLE_KEY,
  workKey,
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
    // Once settled, the fresh worker's status counts the resumed work and today's requests, not zeros.
    await second.queue.settled();
    const status = second.queue.status();
    expect(status.queued + status.inFlight).toBe(resumed);
    expect(status.requestsToday).toBeGreaterThanOrEqual(doneBefore);
    await vi.runAllTimersAsync();
    await second.queue.idle();

    expect(new Set(second.answered)).toEqual(new Set(keys(40).map((key) => `freelancer:${key}`)));
    expect(first.server.rejected429).toBe(0);
    expect(maxInAnyWindow(first.server.arrivals())).toBeLessThanOrEqual(10);
    expect(parseWorkRecord(await first.storage.get(workKey('key-1')))).toEqual([]);
  });

  it('a worker stopped mid-burst waits for the window its predecessor filled', async () => {
    const first = setup({ latencyMs: 300 });
    for (const key of keys(10)) watch(first.queue.enqueue('freelancer', key, { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(260); // six on the wire, the window's other four not yet sent
    const firstSend = first.server.arrivals()[0] as number;
    stopWorker();
    const second = setup({}, first.storage, first);
    await second.queue.resume();
    for (const key of keys(12, 'g')) watch(second.queue.enqueue('freelancer', key, { priority: 'now' }));
    await vi.runAllTimersAsync();
    const arrivals = first.server.arrivals();
    // Four more fit the window the first worker opened; the next waits until its sends leave it.
    expect(arrivals.filter((time) => time < firstSend + 1000)).toHaveLength(10);
    expect(maxInAnyWindow(arrivals)).toBeLessThanOrEqual(10);
  });

  it('a worker started after a quiet second sends a full burst at once', async () => {
    const first = setup();
    watch(first.queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    await first.queue.idle();
    await vi.advanceTimersByTimeAsync(5000);
    stopWorker();
    const restartedAt = Date.now();
    const second = setup({}, first.storage, first);
    for (const key of keys(12)) watch(second.queue.enqueue('freelancer', key, { priority: 'now' }));
    await vi.runAllTimersAsync();
    const after = first.server.arrivals().slice(1);
    // Ten at once (six, then four as the first answers come back 50 ms later); the 11th waits for the window.
    expect(after.slice(0, 10).every((time) => time <= restartedAt + 50)).toBe(true);
    expect(after[10]).toBeGreaterThanOrEqual(restartedAt + 1000);
    expect(maxInAnyWindow(after)).toBeLessThanOrEqual(10);
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
    for (const key of keys(16)) watch(first.queue.enqueue('freelancer', key, { priority: 'background' }));
    await vi.advanceTimersByTimeAsync(0);
    stopWorker();
    const second = setup({}, first.storage, first);
    const fresh = watch(second.queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(0); // its description is written first
    expect(await second.queue.resume()).toBe(16);
    await vi.runAllTimersAsync();
    expect(fresh.value).toEqual({ kind: 'me', key: 'me' });
    expect(second.answered.filter((key) => key.startsWith('freelancer')).sort()).toEqual(
      keys(16)
        .map((key) => `freelancer:${key}`)
        .sort(),
    );
  });

  it("resumes only the account's own work: another account's stays where it is", async () => {
    const storage = memoryQueueStorage({
      [workKey('key-1')]: { work: [{ kind: 'me', key: 'mine', priority: 'now' }] },
      [workKey('key-2')]: { work: [{ kind: 'me', key: 'theirs', priority: 'now' }] },
    });
    const { queue, answered } = setup({ accountKey: 'key-1' }, storage);
    expect(await queue.resume()).toBe(1);
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(answered).toEqual(['me:mine']);
    expect(parseWorkRecord(await storage.get(workKey('key-2')))).toHaveLength(1);
  });

  it('drops stored work of kinds nobody registered and malformed descriptions', async () => {
    const storage = memoryQueueStorage({
      [workKey('key-1')]: {
        work: [{ kind: 'retired', key: 'x', priority: 'now' }, { kind: 'me', key: 'me', priority: 'now' }, { nonsense: true }],
      },
    });
    const { queue, answered } = setup({}, storage);
    expect(await queue.resume()).toBe(1);
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(answered).toEqual(['me:me']);
    expect(parseWorkRecord(await storage.get(workKey('key-1')))).toEqual([]);
  });

  it('starts cautiously from unreadable stored state: as if a full window had just been sent', async () => {
    const storage = memoryQueueStorage({ [THROTTLE_KEY]: 'garbage', [DAILY_KEY]: { 'key-1': { day: 'yesterday', count: -3 } } });
    const startedAt = Date.now();
    const { queue, server } = setup({}, storage);
    watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(server.arrivals()[0]).toBeGreaterThanOrEqual(startedAt + 1000);
    expect(queue.status().requestsToday).toBe(1);
  });

  it('reads a tampered record no further than it can be trusted', () => {
    const now = Date.parse('2025-03-01T12:00:00.000Z');
    const record = parseThrottleRecord(
      {
        sends: [now - 100, now + 3_600_000],
        slowdown: { until: 'never' },
        daily: { k: { day: '2025-03-01', count: -1 }, j: { day: '2025-03-01', count: 7 } },
      },
      now,
    );
    // A send "in the future" holds the window for one window from now, not for an hour.
    expect(record).toEqual({ sends: [now - 100, now], holds: [], slowdown: null, daily: { j: { day: '2025-03-01', count: 7 } } });
  });
});

describe('writes', () => {
  it('describes new work in one write before sending it, and stores each send before it leaves', async () => {
    const storage = countingStorage();
    const { queue, server } = setup({}, storage);
    const storedBeforeSend: number[] = [];
    queue.register({
      kind: 'probe',
      maxBatch: 1,
      async run([key = '']) {
        const record = parseThrottleRecord(await storage.get(THROTTLE_KEY), Date.now());
        storedBeforeSend.push(record?.sends.length ?? 0);
        return new Map([[key, key]]);
      },
    });
    for (const key of keys(20)) watch(queue.enqueue('freelancer', key, { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.writes.get(workKey('key-1'))).toBe(1);
    expect(parseWorkRecord(await storage.get(workKey('key-1')))).toHaveLength(20);
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(server.calls).toHaveLength(20);
    // 20 requests over ~2 s: a handful of work writes, not one per request.
    expect(storage.writes.get(workKey('key-1'))).toBeLessThanOrEqual(5);
    expect(storage.writes.get(DAILY_KEY)).toBeLessThanOrEqual(4);
    expect(await storage.get(DAILY_KEY)).toEqual({ 'key-1': { day: '2025-03-01', count: 20 } });

    for (const key of keys(3, 'p')) watch(queue.enqueue('probe', key, { priority: 'now' }));
    await vi.runAllTimersAsync();
    // Each probe found its own send (the 21st, 22nd, 23rd overall, at most 10 kept) already stored.
    expect(storedBeforeSend).toEqual([10, 10, 10]);
    expect((await storage.get(THROTTLE_KEY)) as { daily: unknown }).toMatchObject({ daily: { 'key-1': { count: 23 } } });
  });

  it('keeps the daily counts in IndexedDB, out of content scripts’ reach, and the rest in storage.session', async () => {
    vi.useRealTimers(); // fake-indexeddb runs on real timers
    const storage = browserQueueStorage();
    const { queue } = setup({ latencyMs: 1 }, storage);
    const outcome = watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await queue.idle();
    expect(outcome.value).toEqual({ kind: 'me', key: 'me' });
    expect(await storage.get(DAILY_KEY)).toEqual({ 'key-1': { day: new Date().toISOString().slice(0, 10), count: 1 } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    const session = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(session).sort()).toEqual([THROTTLE_KEY, workKey('key-1')].sort());
  });
});
