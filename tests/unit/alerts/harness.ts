import { createStore } from 'idb-keyval';
import { afterEach, beforeEach, vi } from 'vitest';
import { type Alerts, createAlerts } from '../../../lib/background/alerts/service';
import { createApiService } from '../../../lib/background/api-service';
import { createResponseCache } from '../../../lib/background/cache';
import { createRequestQueue, memoryQueueStorage, type QueueStorage } from '../../../lib/background/queue';
import { utcDay } from '../../../lib/background/queue/daily-counter';
import { DAILY_KEY } from '../../../lib/background/queue/persistence';
import { forgetLoupeItemsForTests } from '../../../lib/settings/items';
import { createGraphQLClient, type FetchLike } from '../../../lib/upwork/api/client';
import type { TokenSource } from '../../../lib/upwork/api/token-source';
import { rawSearch, rawSearchNode } from '../api/raw-fixtures';

/**
 * Job alerts over the real parts: the real ApiService, request queue (with its daily budget) and
 * response cache, sending real GraphQL documents to a small fake of Upwork's search (a list of
 * jobs it filters by words and sorts newest first). Storage, alarms, notifications and the badge
 * are WXT's fake browser. Time is fake (Date and timers; IndexedDB's own scheduling stays real).
 */

export const START = Date.parse('2025-03-01T12:00:00.000Z');
export const ACCOUNT = 'client:user';

export function useFakeTime(): void {
  vi.useFakeTimers({ now: START, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
}

/** Each test starts with no Loupe storage and on the fake clock, and leaves the real clock behind. */
export function freshWorldEachTest(): void {
  beforeEach(() => {
    forgetLoupeItemsForTests();
    useFakeTime();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

export interface FakeJob {
  id: string;
  title: string;
  publishedAt: number;
  spent?: number;
}

export interface FakeUpworkSearch {
  jobs: FakeJob[];
  /** Variables of every JobSearch that reached "Upwork". */
  searches: Record<string, unknown>[];
  /** When set, every request answers with this GraphQL error (HTTP 200, errors[]). */
  failWith: string | null;
  post(title: string, minutesFromNow?: number, spent?: number): FakeJob;
}

let nextId = 3_000_000_000_000_000_000n;

export function fakeUpworkSearch(): FakeUpworkSearch & { fetch: FetchLike } {
  const state: FakeUpworkSearch = {
    jobs: [],
    searches: [],
    failWith: null,
    post(title, minutesFromNow = 0, spent = 5_000) {
      nextId += 17n;
      const job = { id: String(nextId), title, publishedAt: Date.now() + minutesFromNow * 60_000, spent };
      state.jobs.push(job);
      return job;
    },
  };
  const fetch: FetchLike = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { operationName?: string; variables?: Record<string, unknown> };
    const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
    if (state.failWith) return json({ data: null, errors: [{ message: state.failWith }] });
    if (body.operationName !== 'JobSearch') return json({ data: null, errors: [{ message: `unexpected ${body.operationName}` }] });
    state.searches.push(body.variables ?? {});
    const filter = (body.variables?.filter ?? {}) as { searchExpression_eq?: string; pagination_eq?: { first: number } };
    const words = (filter.searchExpression_eq ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const found = state.jobs
      .filter((job) => words.every((word) => job.title.toLowerCase().includes(word)))
      .sort((a, b) => b.publishedAt - a.publishedAt)
      .slice(0, filter.pagination_eq?.first ?? 10);
    return json({
      data: rawSearch(
        found.map((job) =>
          rawSearchNode(
            { id: job.id, ciphertext: `~02${job.id}`, title: job.title, publishedDateTime: new Date(job.publishedAt).toISOString() },
            { totalSpent: { rawValue: String(job.spent ?? 0), currency: 'USD' } },
          ),
        ),
      ),
    });
  };
  return Object.assign(state, { fetch });
}

let databases = 0;

export interface Harness {
  alerts: Alerts;
  upwork: ReturnType<typeof fakeUpworkSearch>;
  signedIn: { value: boolean };
  queueStorage: QueueStorage;
}

/** `usedToday`: requests already counted today for this account (the queue's persisted daily record). */
export function harness(options: { dailyLimit?: number; usedToday?: number } = {}): Harness {
  const upwork = fakeUpworkSearch();
  const signedIn = { value: true };
  const tokens: TokenSource = {
    getAccessToken: async () => 'token',
    refreshAfterUnauthorized: async () => 'token',
    getTenantId: async () => null,
    getAccountKey: async () => (signedIn.value ? ACCOUNT : null),
  };
  const queueStorage = memoryQueueStorage(
    options.usedToday ? { [DAILY_KEY]: { [ACCOUNT]: { day: utcDay(Date.now()), count: options.usedToday } } } : {},
  );
  const service = createApiService({
    client: createGraphQLClient({ fetch: upwork.fetch, tokens }),
    queue: createRequestQueue({ accountKey: ACCOUNT, storage: queueStorage, dailyLimit: options.dailyLimit }),
    cache: createResponseCache({ store: createStore(`loupe-alerts-test-${++databases}`, 'entries'), setTimer: () => undefined }),
    tokens,
  });
  const alerts = createAlerts({ service: () => service, tokens });
  return { alerts, upwork, signedIn, queueStorage };
}

/** Runs fake time forward until the promise settles (the queue waits for tokens on timers). */
export async function settle<T>(promise: Promise<T>, stepMs = 50, maxSteps = 400): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let step = 0; !done && step < maxSteps; step++) await vi.advanceTimersByTimeAsync(stepMs);
  return promise;
}
