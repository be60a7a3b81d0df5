import { DEFAULT_LIMITS, type ThrottleLimits } from '../../settings/throttle';
import { UPWORK_LIMITS } from '../../upwork/endpoints';
import { ArrivalGuard } from './arrival-guard';
import { hasRecovered, rateFactor, type Slowdown, slowDown } from './backoff';
import { type Clock, clockOf } from './clock';
import { type CountTrouble, countTroubleWords, DAILY_RETRY_MS, DailyCounter } from './daily-counter';
import {
  CoalescedWriter,
  DAILY_KEY,
  type DailyCounts,
  mergeDaily,
  parseDailyCounts,
  parseThrottleRecord,
  THROTTLE_KEY,
  type ThrottleRecord,
} from './persistence';
import { MAX_CAPACITY, SendWindow, windowFor } from './send-window';
import type { Priority, QueueStorage } from './types';

/**
 * The browser's one throttle. Upwork limits requests per IP (10 in any 1,000 ms) and counts a
 * budget per API key (40,000 a UTC day), so every queue of every account shares this: one send
 * window, one 429 slow-down, and one daily count per API key. Its state is written before each
 * send, so a worker stopped and started again knows exactly what went out in the last second.
 */

/** Settings outside Upwork's limits are pulled back rather than refused: Upwork may disable a key that goes over. */
export function safeLimits(ratePerSecond: unknown, burst: unknown): ThrottleLimits {
  const rate =
    typeof ratePerSecond === 'number' && Number.isFinite(ratePerSecond) && ratePerSecond > 0
      ? Math.min(ratePerSecond, UPWORK_LIMITS.requestsPerSecond)
      : DEFAULT_LIMITS.ratePerSecond;
  const whole = typeof burst === 'number' && Number.isFinite(burst) ? Math.floor(burst) : DEFAULT_LIMITS.burst;
  return { ratePerSecond: rate, burst: Math.min(MAX_CAPACITY, Math.max(1, whole)) };
}

export interface ThrottleOptions extends Partial<Clock> {
  storage: QueueStorage;
  ratePerSecond?: number;
  burst?: number;
  /** Default 40,000 (UPWORK_LIMITS.requestsPerDay). */
  dailyLimit?: number;
}

export interface DailyStatus {
  count: number;
  limit: number;
  warning: boolean;
  backgroundPaused: boolean;
  /** Today's count could not be read or saved, in plain words; background work waits meanwhile. */
  problem: string | null;
}

export interface Throttle {
  /** Settles once the stored state is read; nothing may be sent before. */
  readonly ready: Promise<void>;
  /** Milliseconds until one more request may go (0 = now): the window and any 429 pause. */
  waitMs(now: number): number;
  /**
   * Counts one request against the window and `budgetKey`'s day, and resolves once that is stored:
   * only then may the request leave. Call the function it resolves with when the answer (or a
   * failure) comes back.
   */
  take(budgetKey: string, now: number): Promise<() => void>;
  allows(budgetKey: string, priority: Priority, now: number): boolean;
  daily(budgetKey: string, now: number): DailyStatus;
  /**
   * Upwork answered 429 to a request sent at `sentAt`: pause everyone, then pace without bursts
   * until recovered. Requests sent before the last 429 came back are the same mistake, not a new one.
   */
  rateLimited(now: number, retryAfterMs: number | undefined, sentAt?: number): Slowdown;
  setLimits(limits: ThrottleLimits): void;
  limits(): ThrottleLimits;
  /** The rate in force: lower than the setting while recovering from a 429. */
  currentRate(now: number): number;
  slowedUntil(now: number): number | null;
  /** Requests sent per second over the last 10 s, by every queue. */
  recentRate(now: number): number;
  /** Told when limits change or an answer comes, so waiting queues look again. */
  subscribe(listener: () => void): () => void;
  /** Resolves when every change is stored. */
  flush(): Promise<void>;
}

/** Unhurried writes (the durable daily copy) wait this long to be written together. */
const DAILY_WRITE_DELAY_MS = 1000;
const RECENT_WINDOW_MS = 10_000;
/** Restored send times are moved this much later: the record is written just before the send leaves. */
const WRITE_SLACK_MS = 20;

export function createThrottle(options: ThrottleOptions): Throttle {
  const { now, timers, random } = clockOf(options);
  const dailyLimit = options.dailyLimit ?? UPWORK_LIMITS.requestsPerDay;
  const { storage } = options;
  let limits = safeLimits(options.ratePerSecond, options.burst);
  // Until the stored state is read, assume a full window was just sent.
  const window = new SendWindow(
    windowFor(limits.ratePerSecond, limits.burst),
    Array.from({ length: MAX_CAPACITY }, () => now()),
  );
  let slowdown: Slowdown | null = null;
  /** When the last 429 that counted came back. */
  let lastStrikeAt = Number.NEGATIVE_INFINITY;
  let stored: DailyCounts = {};
  let loaded = false;
  const counters = new Map<string, DailyCounter>();
  let guard = new ArrivalGuard(
    Array.from({ length: MAX_CAPACITY }, () => null),
    now(),
  );
  const recent: number[] = [];
  const listeners = new Set<() => void>();

  const ready = load().finally(() => {
    loaded = true;
  });
  let trouble: CountTrouble = null;
  let retry: unknown = null;
  const writer = new CoalescedWriter(storage, THROTTLE_KEY, snapshot, timers, 0, ready);
  // While the stored count is unreadable, each write reads it again first (and is skipped if it
  // still cannot): a count started from 0 must never replace a higher one.
  const dailyStorage: QueueStorage = {
    get: (key) => storage.get(key),
    async set(key) {
      if (trouble === 'unread') addEarlierCounts(parseDailyCounts(await storage.get(DAILY_KEY)));
      await storage.set(key, dailySnapshot());
    },
  };
  const dailyWriter = new CoalescedWriter(dailyStorage, DAILY_KEY, dailySnapshot, timers, DAILY_WRITE_DELAY_MS, ready, dailySaved);

  function addEarlierCounts(durable: DailyCounts): void {
    const t = now();
    for (const [key, count] of Object.entries(durable)) {
      const found = counters.get(key);
      if (found) found.addEarlier(count, t);
      else stored = mergeDaily(stored, { [key]: count });
    }
    trouble = null;
  }

  function dailySaved(ok: boolean): void {
    const before = trouble;
    trouble = ok ? null : (trouble ?? 'unsaved');
    if (trouble !== before) notify();
    if (ok || retry !== null) return;
    retry = timers.setTimeout(() => {
      retry = null;
      void dailyWriter.soon();
    }, DAILY_RETRY_MS);
  }

  async function load(): Promise<void> {
    const t = now();
    let raw: unknown;
    let durable: DailyCounts = {};
    try {
      [raw, durable] = await Promise.all([storage.get(THROTTLE_KEY), storage.get(DAILY_KEY).then(parseDailyCounts)]);
    } catch (error) {
      console.warn('Loupe could not read the throttle state; starting as if a full window was just sent.', error);
      trouble = 'unread';
      return;
    }
    const record = parseThrottleRecord(raw, t);
    stored = mergeDaily(record?.daily ?? {}, durable);
    // No record at all: nothing was sent in this browser session, so a full burst may go at once.
    // A record that does not parse keeps the cautious start (a full window sent just now).
    if (record === null && raw !== undefined) return;
    slowdown = record?.slowdown && !hasRecovered(record.slowdown, t) ? record.slowdown : null;
    window.reset((record?.sends ?? []).map((time) => time + WRITE_SLACK_MS));
    guard = new ArrivalGuard(record?.holds ?? [], t);
  }

  function counter(budgetKey: string): DailyCounter {
    let found = counters.get(budgetKey);
    // Asked before the stored counts are read (a status call): answer without keeping it.
    if (!loaded) return found ?? new DailyCounter(dailyLimit, stored[budgetKey] ?? null, now());
    if (!found) {
      found = new DailyCounter(dailyLimit, stored[budgetKey] ?? null, now());
      counters.set(budgetKey, found);
    }
    return found;
  }

  function dailySnapshot(): DailyCounts {
    const t = now();
    const counts: DailyCounts = { ...stored };
    for (const [key, found] of counters) counts[key] = found.snapshot(t);
    return counts;
  }

  function snapshot(): ThrottleRecord {
    return { sends: window.snapshot(), holds: guard.snapshot(now()), slowdown, daily: dailySnapshot() };
  }

  function notify(): void {
    for (const listener of listeners) listener();
  }

  function recovering(t: number): boolean {
    if (slowdown && hasRecovered(slowdown, t)) {
      slowdown = null;
      void writer.soon();
    }
    return slowdown !== null;
  }

  function applyWindow(t: number): void {
    const next = recovering(t)
      ? windowFor(limits.ratePerSecond * Math.max(rateFactor(slowdown, t), 0.01), 1)
      : windowFor(limits.ratePerSecond, limits.burst);
    if (next.capacity !== window.capacity || next.windowMs !== window.windowMs) window.setLimits(next);
  }

  return {
    ready,

    waitMs(t) {
      if (slowdown && t < slowdown.until) return slowdown.until - t;
      applyWindow(t);
      return Math.max(window.waitMs(t), guard.waitMs(t));
    },

    take(budgetKey, t) {
      window.take(t);
      const id = guard.sent();
      const daily = counter(budgetKey);
      const before = { warning: daily.warning(t), paused: daily.backgroundPaused(t) };
      daily.add(t);
      recent.push(t);
      while (recent.length > 0 && (recent[0] as number) <= t - RECENT_WINDOW_MS) recent.shift();
      // Crossing a threshold is worth writing the durable copy at once; plain counting can wait.
      if (daily.warning(t) !== before.warning || daily.backgroundPaused(t) !== before.paused) void dailyWriter.soon();
      else dailyWriter.later();
      return writer.soon().then(() => {
        window.restamp(t, now());
        return () => {
          guard.answered(id, now());
          void writer.soon();
          // A queue waiting on this answer (another account's, say) may go in 1,000 ms: let it look.
          queueMicrotask(notify);
        };
      });
    },

    // An unknown or unsaved count is treated as too high for background work.
    allows: (budgetKey, priority, t) => counter(budgetKey).allows(priority, t) && (priority === 'now' || trouble === null),

    daily(budgetKey, t) {
      const found = counter(budgetKey);
      return {
        count: found.count(t),
        limit: dailyLimit,
        warning: found.warning(t),
        backgroundPaused: found.backgroundPaused(t) || trouble !== null,
        problem: countTroubleWords(trouble),
      };
    },

    rateLimited(t, retryAfterMs, sentAt) {
      if (slowdown && sentAt !== undefined && sentAt < lastStrikeAt) return slowdown;
      slowdown = slowDown(slowdown, t, retryAfterMs, random);
      lastStrikeAt = t;
      void writer.soon();
      return slowdown;
    },

    setLimits(next) {
      limits = safeLimits(next.ratePerSecond, next.burst);
      notify();
    },

    limits: () => ({ ...limits }),

    currentRate: (t) => limits.ratePerSecond * rateFactor(slowdown, t),

    slowedUntil: (t) => (slowdown && slowdown.until > t ? slowdown.until : null),

    recentRate(t) {
      return recent.filter((time) => time > t - RECENT_WINDOW_MS).length / (RECENT_WINDOW_MS / 1000);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async flush() {
      await Promise.all([writer.flush(), dailyWriter.flush()]);
    },
  };
}
