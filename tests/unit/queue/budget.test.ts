import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DailyCounter, utcDay } from '../../../lib/background/queue/daily-counter';
import { DAILY_KEY, memoryQueueStorage } from '../../../lib/background/queue/persistence';
import { errorKind, START, setup, useFakeClock, watch } from './helpers';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('DailyCounter', () => {
  it('counts per UTC day and starts again after midnight UTC', () => {
    const beforeMidnight = Date.parse('2025-03-01T23:59:59.000Z');
    const counter = new DailyCounter(100, { day: '2025-03-01', count: 41 }, beforeMidnight);
    counter.add(beforeMidnight);
    expect(counter.count(beforeMidnight)).toBe(42);
    expect(counter.count(beforeMidnight + 1000)).toBe(0);
    expect(utcDay(beforeMidnight + 1000)).toBe('2025-03-02');
  });

  it("ignores yesterday's stored count and a clock set back a day", () => {
    const noon = Date.parse('2025-03-02T12:00:00.000Z');
    expect(new DailyCounter(100, { day: '2025-03-01', count: 99 }, noon).count(noon)).toBe(0);
    const counter = new DailyCounter(100, { day: '2025-03-02', count: 99 }, noon);
    expect(counter.count(noon - 24 * 3600_000)).toBe(99);
  });

  it('warns at 80%, holds background work at 95% and all work at 100%', () => {
    const at = (count: number) => new DailyCounter(100, { day: utcDay(START), count }, START);
    expect(at(79).warning(START)).toBe(false);
    expect(at(80).warning(START)).toBe(true);
    expect(at(94).allows('background', START)).toBe(true);
    expect(at(95).allows('background', START)).toBe(false);
    expect(at(99).allows('now', START)).toBe(true);
    expect(at(100).allows('now', START)).toBe(false);
  });
});

describe('daily budget in the queue', () => {
  const storedCount = (count: number) => memoryQueueStorage({ [DAILY_KEY]: { 'key-1': { day: utcDay(START), count } } });

  it('raises the warning when a request crosses 80% and saves the count', async () => {
    const { queue, storage } = setup({ dailyLimit: 100 }, storedCount(79));
    await vi.advanceTimersByTimeAsync(0); // the stored count is read
    expect(queue.status()).toMatchObject({ requestsToday: 79, dailyWarning: false });
    watch(queue.enqueue('me', 'me', { priority: 'background' }));
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(queue.status()).toMatchObject({ requestsToday: 80, dailyWarning: true, backgroundPaused: false });
    expect(await storage.get(DAILY_KEY)).toEqual({ 'key-1': { day: '2025-03-01', count: 80 } });
  });

  it("refuses background work from 95% while 'now' work goes on until 100%", async () => {
    const { queue, server } = setup({ dailyLimit: 100 }, storedCount(93));
    const background = ['b1', 'b2', 'b3'].map((key) => watch(queue.enqueue('freelancer', key, { priority: 'background' })));
    await vi.runAllTimersAsync();
    // b1 and b2 take the count to 95; b3 was queued and is refused before it is sent.
    expect(server.calls.map((call) => call.keys[0])).toEqual(['b1', 'b2']);
    expect(errorKind(background[2] ?? { settled: false })).toBe('budget-exhausted');
    expect(queue.status()).toMatchObject({ requestsToday: 95, backgroundPaused: true });
    expect(queue.status().lastError?.message).toMatch(/95% of today's 100 Upwork requests.*background checks wait until midnight UTC/);

    const lateBackground = watch(queue.enqueue('freelancer', 'b4', { priority: 'background' }));
    const now = Array.from({ length: 6 }, (_, i) => watch(queue.enqueue('freelancer', `n${i}`, { priority: 'now' })));
    await vi.runAllTimersAsync();
    expect(errorKind(lateBackground)).toBe('budget-exhausted');
    expect(now.slice(0, 5).every((outcome) => outcome.value !== undefined)).toBe(true);
    expect(errorKind(now[5] ?? { settled: false })).toBe('budget-exhausted');
    expect(queue.status().requestsToday).toBe(100);
    expect(server.calls).toHaveLength(7);
  });

  it('lets a background caller share a request already on the wire even when paused', async () => {
    const { queue, server } = setup({ dailyLimit: 100, latencyMs: 500 }, storedCount(94));
    const first = watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(200);
    expect(queue.status().backgroundPaused).toBe(true);
    const rider = watch(queue.enqueue('me', 'me', { priority: 'background' }));
    await vi.runAllTimersAsync();
    expect(first.value).toEqual(rider.value);
    expect(server.calls).toHaveLength(1);
  });

  it('counts separately per API key', async () => {
    const storage = storedCount(100);
    const { queue } = setup({ dailyLimit: 100, accountKey: 'key-2' }, storage);
    const outcome = watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(outcome.value).toEqual({ kind: 'me', key: 'me' });
    await queue.idle();
    expect(await storage.get(DAILY_KEY)).toEqual({ 'key-1': { day: '2025-03-01', count: 100 }, 'key-2': { day: '2025-03-01', count: 1 } });
  });
});

describe('a daily count that cannot be read or saved', () => {
  /** Memory storage whose daily record fails to read or to save while `broken` says so. */
  function flaky(count: number, broken: { read: boolean; write: boolean }) {
    const inner = memoryQueueStorage({ [DAILY_KEY]: { 'key-1': { day: utcDay(START), count } } });
    return {
      ...inner,
      get: (key: string) => (key === DAILY_KEY && broken.read ? Promise.reject(new Error('IndexedDB is closed')) : inner.get(key)),
      set: (key: string, value: unknown) =>
        key === DAILY_KEY && broken.write ? Promise.reject(new Error('QuotaExceededError')) : inner.set(key, value),
    };
  }

  it('says so in plain words and holds background work until the save works again', async () => {
    const broken = { read: false, write: true };
    const { queue, storage } = setup({ dailyLimit: 100 }, flaky(10, broken));
    watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(queue.status()).toMatchObject({ requestsToday: 11, backgroundPaused: true });
    expect(queue.status().budgetProblem).toMatch(/could not save today’s request count.*job alerts wait/);
    const background = watch(queue.enqueue('freelancer', 'f1', { priority: 'background' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(errorKind(background)).toBe('budget-exhausted');

    broken.write = false;
    await vi.advanceTimersByTimeAsync(60_000); // the save is tried again by itself
    expect(queue.status()).toMatchObject({ requestsToday: 11, backgroundPaused: false, budgetProblem: null });
    expect(await storage.get(DAILY_KEY)).toEqual({ 'key-1': { day: utcDay(START), count: 11 } });
  });

  it('never starts the day again from 0 when the stored count was unreadable', async () => {
    const broken = { read: true, write: false };
    const storage = flaky(90, broken);
    const { queue } = setup({ dailyLimit: 100 }, storage);
    watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(queue.status().budgetProblem).toMatch(/could not read today’s request count/);
    expect(queue.status().backgroundPaused).toBe(true);
    // Still unreadable: the count started from 0 is not written over the stored 90.
    expect(await storage.data.get(DAILY_KEY)).toEqual({ 'key-1': { day: utcDay(START), count: 90 } });

    broken.read = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queue.status()).toMatchObject({ requestsToday: 91, budgetProblem: null });
    expect(await storage.get(DAILY_KEY)).toEqual({ 'key-1': { day: utcDay(START), count: 91 } });
  });
});
