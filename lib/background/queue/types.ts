/**
 * The request queue every Upwork API call in the worker goes through: one queue per account, all
 * sharing the browser's one throttle (Upwork counts 10 requests in any 1,000 ms per IP, and
 * 40,000 a day per API key), with de-duplication, coalescing into GraphQL-alias batches,
 * cancellation, 429 slow-down and retries. Work DESCRIPTIONS (kind, key, priority) are persisted
 * per account so a restarted MV3 worker can finish them.
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
  /**
   * Work that only means something to the caller waiting for it (sign-in's account lookup, a
   * connection test): never written to storage, never resumed, sent without waiting for a write.
   */
  ephemeral?: boolean;
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
  /** Today's count could not be read or saved (plain words): background work waits meanwhile. */
  budgetProblem: string | null;
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
   * Resolves once the stored state (today's counts, unfinished work) is read and any resume has
   * queued its work: a status taken after it is true for a worker that has just started.
   */
  settled(): Promise<void>;
  /**
   * Re-enqueues work persisted by a previous worker instance (MV3 stops idle workers after ~30 s).
   * Resolves once it is queued (not done) with how many keys were taken up; kinds not registered are dropped.
   */
  resume(): Promise<number>;
  /**
   * Rate and burst are user settings (the settings own them). They apply to the whole throttle from
   * the next dispatch, pulled back to Upwork's limits (rate ≤ 10/s, burst ≤ 10).
   */
  setLimits(limits: { ratePerSecond: number; burst: number }): void;
  /** Resolves when nothing is queued or in flight and all state is written (tests, keep-alive decisions). */
  idle(): Promise<void>;
}

/**
 * A tiny async key-value store. browserQueueStorage() keeps the daily counts in the worker's
 * IndexedDB (they must outlive a browser restart) and the rest in storage.session.
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
