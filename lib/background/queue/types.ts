/**
 * The throttle queue every Upwork API call in the worker goes through: one token bucket for the
 * whole worker (Upwork counts 10 requests/s per IP), a daily budget per API key (40,000/day),
 * de-duplication, coalescing into GraphQL-alias batches, cancellation, 429 slow-down and retries.
 * Work DESCRIPTIONS (kind, key, priority) are persisted so a restarted MV3 worker can finish them.
 */

/** 'now' = what the user is looking at; 'background' = alert polling and other unattended work. */
export type Priority = 'now' | 'background';

/** One family of requests the queue knows how to send, e.g. 'jobDetail' or 'search'. */
export interface BatchKind<T> {
  /** Unique name; persisted with unfinished work, so keep it stable across versions. */
  kind: string;
  /** 1 = never coalesced; >1 = queued keys of this kind go out together as ONE request (GraphQL aliases). */
  maxBatch: number;
  /**
   * Sends ONE HTTP request for these keys (never more: the queue spends one token per run).
   * Per-key failures (a job that does not exist) go in the map as an Error; a key missing from the
   * map fails as 'invalid-data'. Request-level failures are thrown as ApiError (429, 401, 5xx, …).
   * Results should also land wherever they are kept (the cache): work resumed after a worker
   * restart has no caller waiting for it.
   */
  run(keys: string[], signal: AbortSignal): Promise<Map<string, T | Error>>;
  /**
   * For work resumed after a restart: true when its answer was already kept (the previous worker
   * finished it but stopped before noting so), so it is dropped instead of being sent again.
   */
  alreadyDone?(key: string): Promise<boolean>;
}

export interface EnqueueOptions {
  priority: Priority;
  /** When it aborts, this caller's promise rejects with ApiError('cancelled'); the request goes only if someone still wants it. */
  signal?: AbortSignal;
}

export interface QueueStatus {
  /** Keys waiting to be sent. */
  queued: number;
  /** Keys whose request is on the wire. */
  inFlight: number;
  /** The configured rate (requests per second). */
  ratePerSecond: number;
  /** The rate in force now: lower than the configured one while recovering from a 429. */
  currentRate: number;
  burst: number;
  /** Requests actually sent per second, measured over the last 10 s. */
  recentRate: number;
  /** Requests sent today (UTC day) with this API key. */
  requestsToday: number;
  dailyLimit: number;
  /** At least 80% of the daily limit used. */
  dailyWarning: boolean;
  /** At least 95% used: background work is refused, only what the user is looking at still goes. */
  backgroundPaused: boolean;
  /** Nothing is sent before this time (epoch ms) after Upwork answered 429; null when not paused. */
  slowedUntil: number | null;
  /** The last request-level failure, in plain words. */
  lastError: { message: string; at: number } | null;
}

export interface RequestQueue {
  /** Call for every kind before enqueue()/resume(). Registering a kind twice replaces it. */
  register<T>(kind: BatchKind<T>): void;
  /**
   * Resolves with the key's result. Identical (kind, key) work that is queued or in flight is sent
   * once and every caller gets the result. Rejects with ApiError (including 'cancelled' and
   * 'budget-exhausted').
   */
  enqueue<T>(kind: string, key: string, options: EnqueueOptions): Promise<T>;
  status(): QueueStatus;
  /**
   * Re-enqueues work persisted by a previous worker instance (MV3 stops idle workers after ~30 s).
   * Resolves once it is queued (not done) with how many keys were taken up; kinds not registered are dropped.
   */
  resume(): Promise<number>;
  /**
   * Rate and burst are user settings (the settings own them; pass them again to a new queue). They
   * apply from the next dispatch and are pulled back so that rate + burst ≤ 10 (Upwork's limit per second).
   */
  setLimits(limits: { ratePerSecond: number; burst: number }): void;
  /** Resolves when nothing is queued or in flight and all state is written (tests, keep-alive decisions). */
  idle(): Promise<void>;
}

/**
 * A tiny async key-value store. browserQueueStorage() keeps the daily count in storage.local (it
 * must outlive a browser restart) and the bucket and unfinished work in storage.session.
 */
export interface QueueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** The clock and timers, injectable so tests run on fake time. */
export interface QueueTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RequestQueueOptions {
  /** Which API key the daily budget belongs to (Upwork counts 40,000 a day per key). */
  accountKey: string;
  storage: QueueStorage;
  /** Default 8: with burst 2, never more than 10 requests in any closed 1,000 ms window. Pulled back so rate + burst ≤ 10. */
  ratePerSecond?: number;
  /** Default 2. */
  burst?: number;
  /** Default 40,000 (UPWORK_LIMITS.requestsPerDay). */
  dailyLimit?: number;
  /** Requests on the wire at once; default 6 (a browser's per-host connection count). */
  maxConcurrent?: number;
  /** Default Date.now. */
  now?: () => number;
  /** Default the global setTimeout/clearTimeout. */
  timers?: QueueTimers;
  /** Default Math.random; used for backoff jitter. */
  random?: () => number;
}
