import { ApiError } from '../../upwork/api/errors';
import { gatherWaitMs, pickBatch } from './batcher';
import { type Clock, clockOf } from './clock';
import { type Batch, cancelled, type Entry, Line, priorityOf } from './line';
import { CoalescedWriter, parseWorkRecord, type WorkDescription, workKey } from './persistence';
import { accountChanged, afterFailure, budgetError, internalFailureMessage, rateLimitedMessage } from './policy';
import { createThrottle, type Throttle, type ThrottleOptions } from './throttle';
import type { BatchKind, EnqueueOptions, Priority, QueueStatus, QueueStorage, RequestQueue } from './types';

/**
 * One account's queue, wiring the parts: the browser's throttle (send window, 429 slow-down, daily
 * budget per API key), the line (line.ts: priorities, de-duplication, cancellation), the batcher,
 * the retry policy and the persisted work descriptions. Here live only when work goes, what its
 * answer or failure means, and resuming.
 */

/** Unhurried writes (finished work) wait this long to be written together. */
const WRITE_DELAY_MS = 1000;

export interface RequestQueueOptions extends Partial<Clock>, Pick<ThrottleOptions, 'ratePerSecond' | 'burst' | 'dailyLimit'> {
  /** The account whose work this is: its descriptions are stored under it, and resumed only for it. */
  accountKey: string;
  /** The API key (client id) whose daily budget this queue spends; default accountKey. */
  budgetKey?: string;
  storage: QueueStorage;
  /** The browser's one throttle, shared by every queue; by default the queue makes its own from the throttle options. */
  throttle?: Throttle;
  /** Asked right before each send: false means another account is signed in now, and the work is dropped. */
  stillCurrent?: () => Promise<boolean>;
  /** Requests on the wire at once; default 6 (a browser's per-host connection count). */
  maxConcurrent?: number;
}

export function createRequestQueue(options: RequestQueueOptions): RequestQueue {
  const { now, timers, random } = clockOf(options);
  const { storage, accountKey } = options;
  const budgetKey = options.budgetKey ?? accountKey;
  const maxConcurrent = options.maxConcurrent ?? 6;
  const throttle = options.throttle ?? createThrottle({ ...options, now, timers, random });

  const kinds = new Map<string, BatchKind<unknown>>();
  const line = new Line(now, () => workWriter.later());
  let dormant: WorkDescription[] = [];
  let resuming: Promise<number> = Promise.resolve(0);
  let requestsInFlight = 0;
  let timer: unknown = null;
  let turnTimer: unknown = null;
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
    const live = line
      .all()
      .filter((entry) => !kinds.get(entry.kind)?.ephemeral)
      .map((entry) => ({ kind: entry.kind, key: entry.key, priority: priorityOf(entry) }));
    return { work: [...live, ...dormant] };
  }

  /** Everything enqueued in one turn is in line before any of it goes, so 'now' work goes first. */
  function pumpAfterThisTurn(): void {
    if (turnTimer !== null) return;
    turnTimer = timers.setTimeout(() => {
      turnTimer = null;
      pump();
    }, 0);
  }

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
      const ready = line.ready(t);
      const head = ready[0];
      if (!head) {
        wakeAt(line.earliestRetry());
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

  function dispatch(head: Entry, keys: Entry[], t: number): void {
    const kind = kinds.get(head.kind);
    if (!kind) {
      // Unreachable (entries exist only for registered kinds), but never leave a caller hanging.
      line.finish(head, (caller) => caller.reject(new Error(`Loupe's request queue has no request kind "${head.kind}".`)));
      return;
    }
    const batch: Batch = { controller: new AbortController(), entries: keys };
    for (const entry of batch.entries) entry.batch = batch;
    requestsInFlight += 1;
    const sent = keys.map((entry) => entry.key);
    // The send is stored, and every key's description too, before the request leaves.
    Promise.all([throttle.take(budgetKey, t), ...keys.map((entry) => entry.described)])
      .then(async ([answered]) => {
        try {
          if (!(await (options.stillCurrent?.() ?? true))) throw accountChanged();
          return await kind.run(sent, batch.controller.signal);
        } finally {
          answered();
        }
      })
      .then(
        (results) => line.deliver(batch, results),
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
    for (const entry of line.queued()) {
      if (throttle.allows(budgetKey, priorityOf(entry), t)) continue;
      const error = overBudget(priorityOf(entry), t);
      line.finish(entry, (caller) => caller.reject(error));
    }
  }

  /** Today's budget refuses work of this priority: the error its callers get, which is also the queue's last. */
  function overBudget(priority: Priority, t: number): ApiError {
    const { limit, problem } = throttle.daily(budgetKey, t);
    const error = budgetError(priority, limit, problem);
    lastError = { message: error.message, at: t };
    return error;
  }

  function fail(batch: Batch, error: unknown, sentAt: number): void {
    const t = now();
    const live = batch.entries.filter((entry) => line.holds(entry));
    if (live.length === 0) return; // aborted because everyone went away
    if (!(error instanceof ApiError)) {
      lastError = { message: internalFailureMessage(error), at: t };
      for (const entry of live) line.finish(entry, (caller) => caller.reject(error));
      return;
    }
    if (error.kind !== 'renewed') lastError = { message: error.message, at: t };
    if (error.kind === 'rate-limited') {
      const slowdown = throttle.rateLimited(t, error.details.retryAfterMs, sentAt);
      lastError = { message: rateLimitedMessage(slowdown.until - t), at: t };
    }
    for (const entry of live) {
      const decision = afterFailure(error, entry.attempts, t, random);
      if ('reject' in decision) line.finish(entry, (caller) => caller.reject(decision.reject));
      else line.requeue(entry, decision.retryAt);
    }
  }

  function settleIfIdle(): void {
    if (line.size > 0 || requestsInFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    void Promise.all([workWriter.soon(), throttle.flush()]).then(() => {
      for (const resolve of waiters) resolve();
    });
  }

  async function enqueue<T>(kindName: string, key: string, { priority, signal }: EnqueueOptions): Promise<T> {
    await ready;
    if (signal?.aborted) throw cancelled();
    const kind = kinds.get(kindName);
    if (!kind) throw new Error(`Loupe's request queue has no request kind "${kindName}".`);
    const t = now();
    let entry = line.find(kindName, key);
    // Joining work that is going anyway costs nothing; anything else must fit today's budget.
    const goingAnyway = entry !== undefined && (entry.batch !== null || throttle.allows(budgetKey, priorityOf(entry), t));
    if (!goingAnyway && !throttle.allows(budgetKey, priority, t)) throw overBudget(priority, t);
    const isNew = entry === undefined;
    entry ??= line.add(kindName, key, null);
    const target = entry;
    const result = line.join<T>(target, priority, signal, pump);

    // Described in storage before it may leave (dispatch waits for this write), but in line at once:
    // the write runs beside the batch's gathering and the send's own write, not before them.
    if (isNew && !kind.ephemeral) target.described = workWriter.soon();
    pumpAfterThisTurn();
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
      line.resume(work.kind, work.key, work.priority);
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
      const limits = throttle.limits();
      const daily = throttle.daily(budgetKey, t);
      const queued = line.queued().length;
      return {
        queued,
        inFlight: line.size - queued,
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
      if (line.size === 0 && requestsInFlight === 0) {
        await Promise.all([workWriter.flush(), throttle.flush()]);
        return;
      }
      await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
