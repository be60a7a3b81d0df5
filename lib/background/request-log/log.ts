import type { Requester, SentRequest } from '../../upwork/api/client';
import { UPWORK_LIMITS } from '../../upwork/endpoints';
import { KEEP_MS, type LoggedRequest, MAX_ROWS, type RequestLogStore } from './store';

/**
 * Every request Loupe sent to Upwork in the last 7 days, as the GraphQL client and the sign-in
 * code report them. Reports are buffered and written together (a burst of tile lookups costs one
 * transaction), and the day's totals are read back from what was written.
 */

const DAY_MS = 24 * 60 * 60_000;
const WRITE_DELAY_MS = 250;
/** Old rows are dropped at most this often. */
const PRUNE_EVERY_MS = 60 * 60_000;

export interface DayTotals {
  /** YYYY-MM-DD, UTC (Upwork's daily budget runs on the UTC day). */
  day: string;
  /** Requests that count against the daily budget (GraphQL). */
  requests: number;
  /** Requests to the sign-in endpoint (new or renewed access), outside the daily budget; not named "token", which replies never carry. */
  signInRequests: number;
  failed: number;
  bytes: number;
}

export interface RequestLogSummary {
  today: DayTotals & {
    dailyBudget: number;
    /** Most budget-counted requests sent within any one second today. */
    busiestSecond: number;
    limitPerSecond: number;
    byRequester: Record<Requester, number>;
  };
  /** The 7 UTC days the log covers, newest first. */
  days: DayTotals[];
}

export interface RequestLog {
  /** Never throws and never waits: called from the middle of sending. */
  record(sent: SentRequest): void;
  /** Newest first; pass the last row's id as `before` for the next page. */
  page(before: number | null, limit: number): Promise<LoggedRequest[]>;
  summary(): Promise<RequestLogSummary>;
  /** Writes what is buffered now. */
  flush(): Promise<void>;
}

export interface RequestLogOptions {
  store: RequestLogStore;
  now?: () => number;
  dailyBudget?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
}

export const utcDayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The most timestamps (sorted ascending) that fall within any window of `windowMs`. */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function emptyDay(day: string): DayTotals {
  return { day, requests: 0, signInRequests: 0, failed: 0, bytes: 0 };
}

export function createRequestLog(options: RequestLogOptions): RequestLog {
  const { store } = options;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  let buffer: SentRequest[] = [];
  let scheduled = false;
  let writing: Promise<void> = Promise.resolve();
  let lastPrune = 0;

  function flush(): Promise<void> {
    scheduled = false;
    const rows = buffer;
    buffer = [];
    const t = now();
    const prune = t - lastPrune >= PRUNE_EVERY_MS;
    if (prune) lastPrune = t;
    // One write at a time, in order; a failed write loses its rows but never stops sending.
    writing = writing
      .then(async () => {
        await store.add(rows);
        if (prune) await store.prune(t - KEEP_MS, MAX_ROWS);
      })
      .catch((error: unknown) => console.warn('Loupe could not write its request log:', error));
    return writing;
  }

  return {
    record(sent) {
      buffer.push(sent);
      if (scheduled) return;
      scheduled = true;
      setTimer(() => void flush(), WRITE_DELAY_MS);
    },

    async page(before, limit) {
      await flush();
      const cutoff = now() - KEEP_MS;
      return (await store.page(before, limit)).filter((row) => row.at >= cutoff);
    },

    async summary() {
      await flush();
      const t = now();
      const rows = await store.since(t - 6 * DAY_MS - (t % DAY_MS));
      const days = new Map<string, DayTotals>();
      for (let back = 0; back < 7; back++) {
        const day = utcDayOf(t - back * DAY_MS);
        days.set(day, emptyDay(day));
      }
      const today = utcDayOf(t);
      const byRequester: Record<Requester, number> = { page: 0, alert: 0, watchlist: 0, account: 0, unfinished: 0 };
      const todayTimes: number[] = [];
      for (const row of rows) {
        const totals = days.get(utcDayOf(row.at));
        if (!totals) continue;
        if (row.counted) totals.requests++;
        else totals.signInRequests++;
        if (row.outcome !== 'ok') totals.failed++;
        totals.bytes += row.bytes;
        if (totals.day === today && row.counted) {
          todayTimes.push(row.at);
          for (const who of new Set(row.requestedBy)) byRequester[who] = (byRequester[who] ?? 0) + 1;
        }
      }
      return {
        today: {
          ...(days.get(today) as DayTotals),
          dailyBudget: options.dailyBudget ?? UPWORK_LIMITS.requestsPerDay,
          busiestSecond: busiestWindow(todayTimes, 1000),
          limitPerSecond: UPWORK_LIMITS.requestsPerSecond,
          byRequester,
        },
        days: [...days.values()],
      };
    },

    flush,
  };
}
