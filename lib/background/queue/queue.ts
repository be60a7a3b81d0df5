import { ApiError } from '../../upwork/api/errors';
import { gatherWaitMs, pickBatch } from './batcher';
import { CoalescedWriter, parseWorkRecord, type WorkDescription, workKey } from './persistence';
import { type Attempts, accountChanged, afterFailure, budgetError, internalFailureMessage, noAttempts, rateLimitedMessage } from './policy';
import { createThrottle, type Throttle } from './throttle';
import type { BatchKind, EnqueueOptions, Priority, QueueStatus, QueueStorage, QueueTimers, RequestQueue } from './types';

/**
 * One account's queue, wiring the parts: the browser's throttle (send window, 429 slow-down, daily
 * budget per API key), the batcher, the retry policy and the persisted work descriptions. Here
 * live only the line itself: priorities, de-duplication, cancellation and resuming.
 */

/** Unhurried writes (finished work) wait this long to be written together. */
const WRITE_DELAY_MS = 1000;

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
  /** Its description is in storage (or it needs none), so it may be sent. */
  saved: boolean;
  /** When it could first have been sent: a batchable key waits a moment from then for mates. */
  readyAt: number;
  attempts: Attempts;
}

const RANK: Record<Priority, number> = { now: 0, background: 1 };

export interface RequestQueueOptions {
  /** The account whose work this is: its descriptions are stored under it, and resumed only for it. */
  accountKey: string;
  /** The API key (client id) whose daily budget this queue spends; default accountKey. */
  budgetKey?: string;
  storage: QueueStorage;
  /** The browser's one throttle, shared by every queue; by default the queue makes its own from the three options below. */
  throttle?: Throttle;
  /** Default DEFAULT_LIMITS (throttle.ts). */
  ratePerSecond?: number;
  burst?: number;
  /** Default 40,000 (UPWORK_LIMITS.requestsPerDay). */
  dailyLimit?: number;
  /** Asked right before each send: false means another account is signed in now, and the work is dropped. */
  stillCurrent?: () => Promise<boolean>;
  /** Requests on the wire at once; default 6 (a browser's per-host connection count). */
  maxConcurrent?: number;
  /** Default Date.now. */
  now?: () => number;
  /** Default the global setTimeout/clearTimeout. */
  timers?: QueueTimers;
  /** Default Math.random; used for backoff jitter. */
  random?: () => number;
}

export function createRequestQueue(options: RequestQueueOptions): RequestQueue {
  const now = options.now ?? (() => Date.now());
  const timers: QueueTimers = options.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const random = options.random ?? Math.random;
  const { storage, accountKey } = options;
  const budgetKey = options.budgetKey ?? accountKey;
  const maxConcurrent = options.maxConcurrent ?? 6;
  const throttle =
    options.throttle ??
    createThrottle({
      storage,
      ratePerSecond: options.ratePerSecond,
      burst: options.burst,
      dailyLimit: options.dailyLimit,
      now,
      timers,
      random,
    });

  const kinds = new Map<string, BatchKind<unknown>>();
  const entries = new Map<string, Entry>();
  let dormant: WorkDescription[] = [];
  let resuming: Promise<number> = Promise.resolve(0);
  let seq = 0;
  let requestsInFlight = 0;
  let timer: unknown = null;
  let loaded = false;
  let lastError: QueueStatus['lastError'] = null;
  let idleWaiters: (() => void)[] = [];

  const ready = load();
  const workWriter = new CoalescedWriter(storage, workKey(accountKey), workSnapshot, timers, WRITE_DELAY_MS, ready);
  throttle.subscribe(() => pump());

  async function load(): Promise<void> {
    try {
      const [, work] = await Promise.all([throttle.ready, storage.get(workKey(accountKey))]);
      dormant = parseWorkRecord(work);
    } catch (error) {
      console.warn('Loupe could not read unfinished requests; starting with none.', error);
    }
    loaded = true;
    pump();
  }

  function workSnapshot(): { work: WorkDescription[] } {
    const live = [...entries.values()]
      .filter((entry) => !kinds.get(entry.kind)?.ephemeral)
      .map((entry) => ({ kind: entry.kind, key: entry.key, priority: priorityOf(entry) }));
    return { work: [...live, ...dormant] };
  }

  function priorityOf(entry: Entry): Priority {
    if (entry.resumedAs === 'now') return 'now';
    for (const caller of entry.callers) if (caller.priority === 'now') return 'now';
    return 'background';
  }

  const isWanted = (entry: Entry) => entry.callers.size > 0 || entry.resumedAs !== null;

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
      const ready = readyEntries(t);
      const head = ready[0];
      if (!head) {
        wakeAt(earliestRetry());
        break;
      }
      if (requestsInFlight >= maxConcurrent) break; // a finishing request pumps again
      const kind = kinds.get(head.kind);
      const batch = pickBatch(head, ready, kind?.maxBatch ?? 1);
      const wait = Math.max(throttle.waitMs(t), gatherWaitMs(head.readyAt, batch.length, kind?.maxBatch ?? 1, t));
      if (wait > 0) {
        // An infinite wait ends with an answer: every finishing request pumps again.
        if (Number.isFinite(wait)) wakeAt(t + wait);
        break;
      }
      dispatch(head, batch, t);
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

  const queued = () => [...entries.values()].filter((entry) => entry.batch === null);

  function readyEntries(t: number): Entry[] {
    return queued()
      .filter((entry) => entry.saved && entry.notBefore <= t)
      .sort((a, b) => RANK[priorityOf(a)] - RANK[priorityOf(b)] || a.seq - b.seq);
  }

  function earliestRetry(): number | null {
    const waiting = queued().filter((entry) => entry.saved);
    return waiting.length === 0 ? null : Math.min(...waiting.map((entry) => entry.notBefore));
  }

  function dispatch(head: Entry, keys: Entry[], t: number): void {
    const kind = kinds.get(head.kind);
    if (!kind) {
      // Unreachable (entries exist only for registered kinds), but never leave a caller hanging.
      finish(head, (caller) => caller.reject(new Error(`Loupe's request queue has no request kind "${head.kind}".`)));
      return;
    }
    const batch: Batch = { controller: new AbortController(), entries: keys };
    for (const entry of batch.entries) entry.batch = batch;
    requestsInFlight += 1;
    const sent = keys.map((entry) => entry.key);
    throttle
      .take(budgetKey, t) // stored before the request leaves
      .then(async (answered) => {
        try {
          if (!(await (options.stillCurrent?.() ?? true))) throw accountChanged();
          return await kind.run(sent, batch.controller.signal);
        } finally {
          answered();
        }
      })
      .then(
        (results) => deliver(batch, results),
        (error: unknown) => fail(batch, error, t),
      )
      .catch((error: unknown) => console.error('Loupe request queue failed to settle a request:', error))
      .finally(() => {
        requestsInFlight -= 1;
        pump();
      });
  }

  function refuseOverBudget(t: number): void {
    if (!throttle.daily(budgetKey, t).backgroundPaused) return;
    for (const entry of queued()) {
      if (throttle.allows(budgetKey, priorityOf(entry), t)) continue;
      const { limit, problem } = throttle.daily(budgetKey, t);
      const error = budgetError(priorityOf(entry), limit, problem);
      lastError = { message: error.message, at: t };
      finish(entry, (caller) => caller.reject(error));
    }
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

  function fail(batch: Batch, error: unknown, sentAt: number): void {
    const t = now();
    const live = batch.entries.filter((entry) => entries.get(entry.id) === entry);
    if (live.length === 0) return; // aborted because everyone went away
    if (!(error instanceof ApiError)) {
      lastError = { message: internalFailureMessage(error), at: t };
      for (const entry of live) finish(entry, (caller) => caller.reject(error));
      return;
    }
    if (error.kind !== 'renewed') lastError = { message: error.message, at: t };
    if (error.kind === 'rate-limited') {
      const slowdown = throttle.rateLimited(t, error.details.retryAfterMs, sentAt);
      lastError = { message: rateLimitedMessage(slowdown.until - t), at: t };
    }
    for (const entry of live) {
      const decision = afterFailure(error, entry.attempts, t, random);
      if ('reject' in decision) finish(entry, (caller) => caller.reject(decision.reject));
      else requeue(entry, decision.retryAt);
    }
  }

  function requeue(entry: Entry, notBefore: number): void {
    entry.batch = null;
    entry.notBefore = notBefore;
    entry.readyAt = Number.NEGATIVE_INFINITY; // its batch-mates are chosen afresh, without waiting
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
    workWriter.later();
  }

  function settleIfIdle(): void {
    if (entries.size > 0 || requestsInFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    void Promise.all([workWriter.soon(), throttle.flush()]).then(() => {
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
      readyAt: now(),
      attempts: noAttempts(),
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

  async function enqueue<T>(kindName: string, key: string, { priority, signal }: EnqueueOptions): Promise<T> {
    await ready;
    if (signal?.aborted) throw new ApiError('cancelled', 'The request was cancelled.');
    const kind = kinds.get(kindName);
    if (!kind) throw new Error(`Loupe's request queue has no request kind "${kindName}".`);
    const t = now();
    let entry = entries.get(`${kindName}\u0000${key}`);
    // Joining work that is going anyway costs nothing; anything else must fit today's budget.
    const goingAnyway = entry !== undefined && (entry.batch !== null || throttle.allows(budgetKey, priorityOf(entry), t));
    if (!goingAnyway && !throttle.allows(budgetKey, priority, t)) {
      const { limit, problem } = throttle.daily(budgetKey, t);
      const error = budgetError(priority, limit, problem);
      lastError = { message: error.message, at: t };
      throw error;
    }
    const isNew = entry === undefined;
    entry ??= addEntry(kindName, key, null);
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

    if (isNew && !kind.ephemeral) {
      // Describe the work in storage before it may be sent, so a restart cannot lose it.
      void workWriter.soon().then(() => {
        target.saved = true;
        target.readyAt = now();
        queueMicrotask(pump); // after every key this write covered is marked, so they can go together
      });
    } else {
      target.saved = true;
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
        return kind && !kind.ephemeral && !(await kind.alreadyDone?.(work.key).catch(() => false)) ? work : null;
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
    workWriter.later(); // drops descriptions of kinds nobody registered
    pump();
    return resumed;
  }

  return {
    register(kind) {
      if (!(kind.maxBatch >= 1)) throw new RangeError(`maxBatch of "${kind.kind}" must be at least 1`);
      kinds.set(kind.kind, kind as BatchKind<unknown>);
    },

    enqueue,

    async settled() {
      await ready;
      await resuming;
    },

    resume() {
      resuming = resumeDormant();
      return resuming;
    },

    status() {
      const t = now();
      const all = [...entries.values()];
      const limits = throttle.limits();
      const daily = throttle.daily(budgetKey, t);
      return {
        queued: all.filter((entry) => entry.batch === null).length,
        inFlight: all.filter((entry) => entry.batch !== null).length,
        ratePerSecond: limits.ratePerSecond,
        currentRate: throttle.currentRate(t),
        burst: limits.burst,
        recentRate: throttle.recentRate(t),
        requestsToday: daily.count,
        dailyLimit: daily.limit,
        dailyWarning: daily.warning,
        backgroundPaused: daily.backgroundPaused,
        budgetProblem: daily.problem,
        slowedUntil: throttle.slowedUntil(t),
        lastError,
      };
    },

    setLimits(next) {
      throttle.setLimits(next);
    },

    async idle() {
      await ready;
      await resuming;
      if (entries.size === 0 && requestsInFlight === 0) {
        await Promise.all([workWriter.flush(), throttle.flush()]);
        return;
      }
      await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
