import { ApiError } from '../../upwork/api/errors';
import { UPWORK_LIMITS } from '../../upwork/endpoints';
import { backoffMs, hasRecovered, rateFactor, type Slowdown, slowDown } from './backoff';
import { DailyCounter } from './daily-counter';
import {
  CoalescedWriter,
  dailyKey,
  parseDailyRecord,
  parseSessionRecord,
  SESSION_KEY,
  type SessionRecord,
  type WorkDescription,
} from './persistence';
import { safeLimits, TokenBucket } from './token-bucket';
import type { BatchKind, EnqueueOptions, Priority, QueueStatus, QueueTimers, RequestQueue, RequestQueueOptions } from './types';

/** 5xx and network failures: tries after the first before the callers get the error. */
const MAX_SERVER_RETRIES = 3;
/** 429s one key may meet before its callers get the error (each one also slows the whole queue down). */
const MAX_RATE_LIMITED = 8;
/** One renewal per send is normal; a second means the fresh token was refused too. */
const MAX_RENEWALS = 2;
const SERVER_RETRY_BASE_MS = 500;
/** Unhurried writes (finished work, the daily count) wait this long to be written together. */
const WRITE_DELAY_MS = 1000;
const RECENT_WINDOW_MS = 10_000;

interface Caller {
  priority: Priority;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Removes the abort listener. */
  release(): void;
}

interface Batch {
  controller: AbortController;
  entries: Entry[];
}

/** One (kind, key) and everyone waiting for it. */
interface Entry {
  id: string;
  kind: string;
  key: string;
  /** Enqueue order; a retried entry keeps its place. */
  seq: number;
  callers: Set<Caller>;
  /** Resumed after a restart: nobody waits for it, but it must still be done. */
  resumedAs: Priority | null;
  batch: Batch | null;
  /** Not sent before this time (retry backoff). */
  notBefore: number;
  /** Its description is in storage, so it may be sent. */
  saved: boolean;
  serverFailures: number;
  /** Sends refused with 401 and renewed; bounded so a token that never works cannot loop. */
  renewals: number;
  rateLimited: number;
}

const RANK: Record<Priority, number> = { now: 0, background: 1 };

export function createRequestQueue(options: RequestQueueOptions): RequestQueue {
  const now = options.now ?? (() => Date.now());
  const timers: QueueTimers = options.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const random = options.random ?? Math.random;
  const storage = options.storage;
  const maxConcurrent = options.maxConcurrent ?? 6;
  let limits = safeLimits(options.ratePerSecond ?? 8, options.burst ?? 2, UPWORK_LIMITS.requestsPerSecond);

  const kinds = new Map<string, BatchKind<unknown>>();
  const entries = new Map<string, Entry>();
  let dormant: WorkDescription[] = [];
  let resuming: Promise<number> = Promise.resolve(0);
  let seq = 0;
  let requestsInFlight = 0;
  let timer: unknown = null;
  let loaded = false;
  let slowdown: Slowdown | null = null;
  let lastError: QueueStatus['lastError'] = null;
  const recentDispatches: number[] = [];
  let idleWaiters: (() => void)[] = [];

  // Until the stored state is read, assume the worst: an empty bucket and nothing counted yet.
  let bucket = new TokenBucket(limits.ratePerSecond, limits.burst, { tokens: 0, at: now() });
  let daily = new DailyCounter(options.dailyLimit ?? UPWORK_LIMITS.requestsPerDay, null, now());

  const ready = load();
  const sessionWriter = new CoalescedWriter(storage, SESSION_KEY, sessionSnapshot, timers, WRITE_DELAY_MS, ready);
  const dailyWriter = new CoalescedWriter(
    storage,
    dailyKey(options.accountKey),
    () => daily.snapshot(now()),
    timers,
    WRITE_DELAY_MS,
    ready,
  );

  async function load(): Promise<void> {
    try {
      const [session, count] = await Promise.all([storage.get(SESSION_KEY), storage.get(dailyKey(options.accountKey))]);
      restore(parseSessionRecord(session));
      daily = new DailyCounter(daily.dailyLimit, parseDailyRecord(count), now());
    } catch (error) {
      console.warn('Loupe could not read the request queue state; starting from a cautious empty bucket.', error);
    }
    loaded = true;
    pump();
  }

  function restore(record: SessionRecord | null): void {
    const t = now();
    slowdown = record?.slowdown && !hasRecovered(record.slowdown, t) ? record.slowdown : null;
    dormant = record?.work ?? [];
    // The bucket record is exact only if it was written with no work outstanding: every dispatch
    // happens after a write that lists its work. Otherwise requests may have gone out after the
    // write, so start empty, which keeps any window across the restart within the limit.
    const trusted = record !== null && record.work.length === 0;
    const state = trusted ? record.bucket : { tokens: 0, at: Math.max(t, record?.bucket.at ?? 0) };
    bucket = new TokenBucket(limits.ratePerSecond, limits.burst, state);
  }

  function sessionSnapshot(): SessionRecord {
    const live = [...entries.values()].map((entry) => ({ kind: entry.kind, key: entry.key, priority: priorityOf(entry) }));
    return { bucket: bucket.snapshot(now()), slowdown, work: [...live, ...dormant] };
  }

  function priorityOf(entry: Entry): Priority {
    if (entry.resumedAs === 'now') return 'now';
    for (const caller of entry.callers) if (caller.priority === 'now') return 'now';
    return 'background';
  }

  function isWanted(entry: Entry): boolean {
    return entry.callers.size > 0 || entry.resumedAs !== null;
  }

  // ---- dispatch ---------------------------------------------------------------------------

  /** Sends whatever may go now, then sets ONE timer for the moment the next thing may go. */
  function pump(): void {
    if (!loaded) return;
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    for (;;) {
      const t = now();
      refuseOverBudget(t);
      const head = nextReady(t);
      if (!head) {
        wakeAt(earliestRetry());
        break;
      }
      if (requestsInFlight >= maxConcurrent) break; // a finishing request pumps again
      if (slowdown && hasRecovered(slowdown, t)) {
        slowdown = null;
        sessionWriter.later();
      }
      const factor = rateFactor(slowdown, t);
      if (factor === 0 && slowdown) {
        wakeAt(slowdown.until);
        break;
      }
      const rate = limits.ratePerSecond * factor;
      if (bucket.ratePerSecond !== rate || bucket.burst !== limits.burst) bucket.setLimits(t, rate, limits.burst);
      const wait = bucket.waitMs(t);
      if (wait > 0) {
        wakeAt(t + wait);
        break;
      }
      bucket.tryTake(t);
      dispatch(head, t);
    }
    settleIfIdle();
  }

  function wakeAt(time: number | null): void {
    if (time === null) return;
    timer = timers.setTimeout(
      () => {
        timer = null;
        pump();
      },
      Math.max(0, time - now()),
    );
  }

  function queued(): Entry[] {
    return [...entries.values()].filter((entry) => entry.batch === null);
  }

  function byPriorityThenAge(a: Entry, b: Entry): number {
    return RANK[priorityOf(a)] - RANK[priorityOf(b)] || a.seq - b.seq;
  }

  function readyEntries(t: number): Entry[] {
    return queued()
      .filter((entry) => entry.saved && entry.notBefore <= t)
      .sort(byPriorityThenAge);
  }

  function nextReady(t: number): Entry | undefined {
    return readyEntries(t)[0];
  }

  function earliestRetry(): number | null {
    const waiting = queued().filter((entry) => entry.saved);
    return waiting.length === 0 ? null : Math.min(...waiting.map((entry) => entry.notBefore));
  }

  function dispatch(head: Entry, t: number): void {
    const kind = kinds.get(head.kind);
    if (!kind) {
      // Unreachable (entries exist only for registered kinds), but never leave a caller hanging.
      finish(head, (caller) => caller.reject(new Error(`Loupe's request queue has no request kind "${head.kind}".`)));
      return;
    }
    const mates = readyEntries(t).filter((entry) => entry !== head && entry.kind === head.kind);
    const batch: Batch = { controller: new AbortController(), entries: [head, ...mates].slice(0, Math.max(1, kind.maxBatch)) };
    for (const entry of batch.entries) entry.batch = batch;
    requestsInFlight += 1;
    countRequest(t);

    const keys = batch.entries.map((entry) => entry.key);
    Promise.resolve()
      .then(() => kind.run(keys, batch.controller.signal))
      .then(
        (results) => deliver(batch, results),
        (error: unknown) => fail(batch, error),
      )
      .catch((error: unknown) => console.error('Loupe request queue failed to settle a request:', error))
      .finally(() => {
        requestsInFlight -= 1;
        pump();
      });
  }

  function countRequest(t: number): void {
    const wasWarning = daily.warning(t);
    const wasPaused = daily.backgroundPaused(t);
    daily.add(t);
    // Crossing a threshold is worth an immediate write; plain counting can wait for company.
    if (daily.warning(t) !== wasWarning || daily.backgroundPaused(t) !== wasPaused) void dailyWriter.soon();
    else dailyWriter.later();
    recentDispatches.push(t);
    while (recentDispatches.length > 0 && (recentDispatches[0] ?? t) <= t - RECENT_WINDOW_MS) recentDispatches.shift();
  }

  function refuseOverBudget(t: number): void {
    if (!daily.backgroundPaused(t)) return;
    for (const entry of queued()) {
      if (daily.allows(priorityOf(entry), t)) continue;
      const error = budgetError(priorityOf(entry));
      lastError = { message: error.message, at: t };
      finish(entry, (caller) => caller.reject(error));
    }
  }

  function budgetError(priority: Priority): ApiError {
    const limit = daily.dailyLimit.toLocaleString('en-US');
    return priority === 'background'
      ? new ApiError(
          'budget-exhausted',
          `Loupe has used 95% of today's ${limit} Upwork requests for this API key, so background checks wait until midnight UTC. Pages you look at still get data.`,
        )
      : new ApiError(
          'budget-exhausted',
          `Loupe has used all ${limit} of today's Upwork requests for this API key. Data comes back after midnight UTC.`,
        );
  }

  // ---- results ----------------------------------------------------------------------------

  function deliver(batch: Batch, results: Map<string, unknown>): void {
    for (const entry of batch.entries) {
      if (entries.get(entry.id) !== entry) continue; // dropped while in flight: nobody waits
      const value = results.get(entry.key);
      if (value instanceof Error) finish(entry, (caller) => caller.reject(value));
      else if (!results.has(entry.key))
        finish(entry, (caller) =>
          caller.reject(new ApiError('invalid-data', `Upwork's answer left out ${entry.kind} "${entry.key}". Try again later.`)),
        );
      else finish(entry, (caller) => caller.resolve(value));
    }
  }

  function fail(batch: Batch, error: unknown): void {
    const t = now();
    const live = batch.entries.filter((entry) => entries.get(entry.id) === entry);
    if (live.length === 0) return; // aborted because everyone went away
    if (!(error instanceof ApiError)) {
      const message = error instanceof Error ? error.message : String(error);
      lastError = { message: `Something went wrong inside Loupe: ${message}`, at: t };
      for (const entry of live) finish(entry, (caller) => caller.reject(error));
      return;
    }
    if (error.kind === 'renewed') {
      // The sign-in was renewed after a 401: send again at once, but through the bucket.
      for (const entry of live) {
        entry.renewals += 1;
        if (entry.renewals > MAX_RENEWALS)
          finish(entry, (caller) =>
            caller.reject(new ApiError('unauthorized', 'Upwork keeps refusing your sign-in. Please sign in again.')),
          );
        else requeue(entry, t);
      }
      return;
    }
    lastError = { message: error.message, at: t };

    if (error.kind === 'rate-limited') {
      slowdown = slowDown(slowdown, t, error.details.retryAfterMs, random);
      bucket.pauseUntil(t, slowdown.until);
      const seconds = Math.ceil((slowdown.until - t) / 1000);
      lastError = {
        message: `Upwork said Loupe sent too many requests, so Loupe paused for ${seconds} s and is sending more slowly.`,
        at: t,
      };
      for (const entry of live) {
        entry.rateLimited += 1;
        if (entry.rateLimited > MAX_RATE_LIMITED) finish(entry, (caller) => caller.reject(error));
        else requeue(entry, t);
      }
      void sessionWriter.soon();
      return;
    }
    if (error.retryable) {
      for (const entry of live) {
        entry.serverFailures += 1;
        if (entry.serverFailures > MAX_SERVER_RETRIES) finish(entry, (caller) => caller.reject(error));
        else requeue(entry, t + backoffMs(entry.serverFailures, random, SERVER_RETRY_BASE_MS));
      }
      return;
    }
    for (const entry of live) finish(entry, (caller) => caller.reject(error));
  }

  function requeue(entry: Entry, notBefore: number): void {
    entry.batch = null;
    entry.notBefore = notBefore;
    if (!isWanted(entry)) forget(entry);
  }

  /** Settles every caller of an entry and forgets it. */
  function finish(entry: Entry, settle: (caller: Caller) => void): void {
    for (const caller of entry.callers) {
      caller.release();
      settle(caller);
    }
    entry.callers.clear();
    forget(entry);
  }

  function forget(entry: Entry): void {
    if (entries.get(entry.id) === entry) entries.delete(entry.id);
    sessionWriter.later();
  }

  function settleIfIdle(): void {
    if (entries.size > 0 || requestsInFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    // Written at once: a record with no work outstanding is the one a restart may trust.
    void Promise.all([sessionWriter.soon(), dailyWriter.flush()]).then(() => {
      for (const resolve of waiters) resolve();
    });
  }

  // ---- callers ----------------------------------------------------------------------------

  function addEntry(kind: string, key: string, resumedAs: Priority | null): Entry {
    const entry: Entry = {
      id: `${kind}\u0000${key}`,
      kind,
      key,
      seq: seq++,
      callers: new Set(),
      resumedAs,
      batch: null,
      notBefore: 0,
      saved: false,
      serverFailures: 0,
      renewals: 0,
      rateLimited: 0,
    };
    entries.set(entry.id, entry);
    return entry;
  }

  function cancel(entry: Entry, caller: Caller): void {
    if (!entry.callers.delete(caller)) return;
    caller.release();
    caller.reject(new ApiError('cancelled', 'The request was cancelled.'));
    if (isWanted(entry) || entries.get(entry.id) !== entry) return;
    const batch = entry.batch;
    if (batch === null) {
      forget(entry); // never sent
      pump();
      return;
    }
    if (batch.entries.every((mate) => !isWanted(mate))) {
      // Nobody wants any key of this request any more: stop it, and let new callers start afresh.
      for (const mate of batch.entries) forget(mate);
      batch.controller.abort();
    }
  }

  async function enqueue<T>(kind: string, key: string, { priority, signal }: EnqueueOptions): Promise<T> {
    await ready;
    if (signal?.aborted) throw new ApiError('cancelled', 'The request was cancelled.');
    if (!kinds.has(kind)) throw new Error(`Loupe's request queue has no request kind "${kind}".`);
    const t = now();
    let entry = entries.get(`${kind}\u0000${key}`);
    // Joining work that is going anyway costs nothing; anything else must fit today's budget.
    const goingAnyway = entry !== undefined && (entry.batch !== null || daily.allows(priorityOf(entry), t));
    if (!goingAnyway && !daily.allows(priority, t)) {
      const error = budgetError(priority);
      lastError = { message: error.message, at: t };
      throw error;
    }
    const isNew = entry === undefined;
    entry ??= addEntry(kind, key, null);
    const target = entry;

    const result = new Promise<T>((resolve, reject) => {
      const onAbort = () => cancel(target, caller);
      const caller: Caller = {
        priority,
        resolve: (value) => resolve(value as T),
        reject,
        release: () => signal?.removeEventListener('abort', onAbort),
      };
      target.callers.add(caller);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

    if (isNew) {
      // Describe the work in storage before it may be sent, so a restart cannot lose it.
      void sessionWriter.soon().then(() => {
        target.saved = true;
        pump();
      });
    } else {
      pump(); // a 'now' caller may have moved a background key ahead
    }
    return result;
  }

  /** Re-queues work a stopped worker left, except what its kind says was already done. */
  async function resumeDormant(): Promise<number> {
    await ready;
    // Ask every kind first, then add all at once, so resumed keys still go out in shared batches.
    const wanted = await Promise.all(
      dormant.map(async (work) => {
        const kind = kinds.get(work.kind);
        return kind && !(await kind.alreadyDone?.(work.key).catch(() => false)) ? work : null;
      }),
    );
    let resumed = 0;
    for (const work of wanted) {
      if (!work) continue;
      const existing = entries.get(`${work.kind}\u0000${work.key}`);
      if (existing) {
        if (existing.resumedAs !== 'now') existing.resumedAs = work.priority;
      } else {
        addEntry(work.kind, work.key, work.priority).saved = true; // already in storage
      }
      resumed += 1;
    }
    dormant = [];
    sessionWriter.later(); // drops descriptions of kinds nobody registered
    pump();
    return resumed;
  }

  return {
    register(kind) {
      if (!(kind.maxBatch >= 1)) throw new RangeError(`maxBatch of "${kind.kind}" must be at least 1`);
      kinds.set(kind.kind, kind as BatchKind<unknown>);
    },

    enqueue,

    resume() {
      resuming = resumeDormant();
      return resuming;
    },

    status() {
      const t = now();
      const all = [...entries.values()];
      const windowStart = t - RECENT_WINDOW_MS;
      const recent = recentDispatches.filter((time) => time > windowStart).length;
      return {
        queued: all.filter((entry) => entry.batch === null).length,
        inFlight: all.filter((entry) => entry.batch !== null).length,
        ratePerSecond: limits.ratePerSecond,
        currentRate: limits.ratePerSecond * rateFactor(slowdown, t),
        burst: limits.burst,
        recentRate: recent / (RECENT_WINDOW_MS / 1000),
        requestsToday: daily.count(t),
        dailyLimit: daily.dailyLimit,
        dailyWarning: daily.warning(t),
        backgroundPaused: daily.backgroundPaused(t),
        slowedUntil: slowdown && slowdown.until > t ? slowdown.until : null,
        lastError,
      };
    },

    setLimits(next) {
      limits = safeLimits(next.ratePerSecond, next.burst, UPWORK_LIMITS.requestsPerSecond);
      pump();
    },

    async idle() {
      await ready;
      await resuming;
      if (entries.size === 0 && requestsInFlight === 0) {
        await Promise.all([sessionWriter.flush(), dailyWriter.flush()]);
        return;
      }
      await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
