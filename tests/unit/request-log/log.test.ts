import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { busiestWindow, createRequestLog } from '../../../lib/background/request-log/log';
import { createRequesterTally } from '../../../lib/background/request-log/requesters';
import { indexedDbRequestLogStore, KEEP_MS } from '../../../lib/background/request-log/store';
import type { SentRequest } from '../../../lib/upwork/api/client';

const DAY = 24 * 60 * 60_000;
const NOON = Date.parse('2026-11-20T12:00:00Z');

function sent(at: number, overrides: Partial<SentRequest> = {}): SentRequest {
  return {
    at,
    operation: 'JobDetails',
    lookups: 3,
    status: 200,
    outcome: 'ok',
    bytes: 100,
    durationMs: 20,
    requestedBy: ['page'],
    counted: true,
    ...overrides,
  };
}

describe('the request log', () => {
  it('keeps 7 days, newest first, and drops the oldest beyond the row bound', async () => {
    const store = indexedDbRequestLogStore(new IDBFactory());
    await store.add([sent(NOON - 8 * DAY), sent(NOON - 2 * DAY), sent(NOON - 1000), sent(NOON)]);
    await store.prune(NOON - KEEP_MS, 10);
    expect((await store.page(null, 10)).map((row) => row.at)).toEqual([NOON, NOON - 1000, NOON - 2 * DAY]);
    await store.prune(NOON - KEEP_MS, 2);
    const left = await store.page(null, 10);
    expect(left.map((row) => row.at)).toEqual([NOON, NOON - 1000]);
    expect((await store.page(left[0]?.id ?? null, 10)).map((row) => row.at)).toEqual([NOON - 1000]);
  });

  it('totals the UTC day against the budget and the per-second limit', async () => {
    const clock = { now: NOON };
    const log = createRequestLog({ store: indexedDbRequestLogStore(new IDBFactory()), now: () => clock.now, setTimer: () => undefined });
    const midnight = NOON - 12 * 60 * 60_000;
    log.record(sent(midnight - 1)); // yesterday
    for (let i = 0; i < 6; i++) log.record(sent(NOON - 2000 + i * 150, { requestedBy: i % 2 ? ['alert'] : ['page', 'watchlist'] }));
    log.record(sent(NOON - 100, { status: 429, outcome: 'rate-limited' }));
    log.record(sent(NOON - 50, { operation: 'Token renewal', counted: false, lookups: 0 }));
    const { today, days } = await log.summary();
    expect(today).toMatchObject({ day: '2026-11-20', requests: 7, signInRequests: 1, failed: 1, dailyBudget: 40_000, limitPerSecond: 10 });
    expect(today.busiestSecond).toBe(6); // 6 requests 150 ms apart fit in one second; the 7th is 1,150 ms after the first
    expect(today.byRequester).toEqual({ page: 4, alert: 3, watchlist: 3, account: 0, unfinished: 0 });
    expect(days).toHaveLength(7);
    expect(days[1]).toMatchObject({ day: '2026-11-19', requests: 1 });
  });

  it('finds the busiest window', () => {
    expect(busiestWindow([], 1000)).toBe(0);
    expect(busiestWindow([0, 999, 1000, 1001, 1999], 1000)).toBe(3); // 999, 1000, 1001 (1999 is a whole second after 999)
  });

  it('names everyone waiting for the keys a request carries, and only while they wait', async () => {
    const tally = createRequesterTally();
    let release: () => void = () => undefined;
    const waiting = tally.during('jobDetail', '1', 'watchlist', () => new Promise<void>((resolve) => (release = resolve)));
    const alsoWaiting = tally.during('jobDetail', '2', 'page', () => new Promise<void>(() => undefined));
    expect(tally.of('jobDetail', ['1', '2'])).toEqual(['page', 'watchlist']);
    expect(tally.of('search', ['1'])).toEqual(['unfinished']);
    release();
    await waiting;
    expect(tally.of('jobDetail', ['1'])).toEqual(['unfinished']);
    void alsoWaiting;
  });
});
