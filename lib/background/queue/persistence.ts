import { createStore, get, set } from 'idb-keyval';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { DailyCount } from './daily-counter';
import type { QueueStorage, QueueTimers } from './types';

/**
 * What the throttle and the queues keep across worker restarts. Everything read back is checked:
 * in Firefox content scripts can reach extension storage, so a record may have been tampered with.
 * - the throttle record (storage.session, one for the browser): recent sends and answers, any 429
 *   slow-down, today's counts per API key. Written before each send and after each answer, so a
 *   fresh worker knows exactly what may still count in Upwork's window.
 * - the daily record (the worker's IndexedDB, which content scripts cannot open): today's count
 *   per API key, which must outlive a browser restart.
 * - one work record per account (storage.session): DESCRIPTIONS of unfinished work, written before
 *   new work is sent, so nothing queued is lost and nothing resumes under another account.
 */

export const THROTTLE_KEY = 'loupe.throttle';
export const DAILY_KEY = 'loupe.queue.daily';
export const WORK_KEY_PREFIX = 'loupe.queue.work.';

export function workKey(accountKey: string): string {
  return `${WORK_KEY_PREFIX}${accountKey}`;
}

const MAX_KEYS = 50;
const MAX_WORK = 10_000;

const workSchema = z.object({
  kind: z.string().min(1).max(100),
  key: z.string().max(10_000),
  priority: z.enum(['now', 'background']),
});
export type WorkDescription = z.infer<typeof workSchema>;

const dailyCountSchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), count: z.number().int().nonnegative() });
/** Today's count per API key (client id). */
export type DailyCounts = Record<string, DailyCount>;

const slowdownSchema = z.object({
  until: z.number().finite(),
  factor: z.number().positive().max(1),
  strikes: z.number().int().nonnegative(),
});

const throttleSchema = z.object({
  sends: z.array(z.number().finite()).max(100).catch([]),
  holds: z.array(z.number().finite().nullable()).max(100).catch([]),
  slowdown: slowdownSchema.nullable().catch(null),
  daily: z.unknown(),
});
export interface ThrottleRecord {
  /** Recent send times (the rate setting's window). */
  sends: number[];
  /** Requests still holding Upwork's window: when their answer came, null while none had. */
  holds: (number | null)[];
  slowdown: z.infer<typeof slowdownSchema> | null;
  daily: DailyCounts;
}

/** Each key's count is checked alone; a malformed one is dropped (the other copy may still hold it: see mergeDaily). */
export function parseDailyCounts(value: unknown): DailyCounts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const counts: DailyCounts = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_KEYS)) {
    const parsed = dailyCountSchema.safeParse(item);
    if (parsed.success && key.length <= 300) counts[key] = parsed.data;
  }
  return counts;
}

/**
 * Send times from the future (a tampered record, a clock set back) are taken as sent now: they
 * still hold the window, but never longer than one window.
 */
export function parseThrottleRecord(value: unknown, now: number): ThrottleRecord | null {
  const parsed = throttleSchema.safeParse(value);
  if (!parsed.success) return null;
  return {
    sends: parsed.data.sends.map((time) => Math.min(time, now)),
    holds: parsed.data.holds.map((time) => (time === null ? null : Math.min(time, now))),
    slowdown: parsed.data.slowdown,
    daily: parseDailyCounts(parsed.data.daily),
  };
}

/** The higher of two counts for the same day: the record written before each send, or the durable copy. */
export function mergeDaily(a: DailyCounts, b: DailyCounts): DailyCounts {
  const merged: DailyCounts = { ...a };
  for (const [key, count] of Object.entries(b)) {
    const other = merged[key];
    if (!other || count.day > other.day || (count.day === other.day && count.count > other.count)) merged[key] = count;
  }
  return merged;
}

export function parseWorkRecord(value: unknown): WorkDescription[] {
  const work = z
    .object({ work: z.array(z.unknown()).max(MAX_WORK) })
    .catch({ work: [] })
    .parse(value);
  // One malformed description is dropped alone; the rest of the work survives.
  return work.work.flatMap((item) => {
    const one = workSchema.safeParse(item);
    return one.success ? [one.data] : [];
  });
}

/**
 * Writes one record, coalescing changes: everything changed in the same turn goes out in one
 * write (`soon`), and unhurried changes wait up to `delayMs` for company (`later`).
 */
export class CoalescedWriter {
  private chain: Promise<void>;
  private pending: Promise<void> | null = null;
  private timer: unknown = null;

  constructor(
    private readonly storage: QueueStorage,
    private readonly key: string,
    private readonly snapshot: () => unknown,
    private readonly timers: QueueTimers,
    private readonly delayMs: number,
    /** Writes wait for this (the first load), so nothing overwrites state not read yet. */
    after: Promise<unknown>,
    /** Told after every write whether it was stored (the daily count must not fail unseen). */
    private readonly saved: (ok: boolean) => void = () => undefined,
  ) {
    this.chain = after.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Resolves once a write that includes every change made so far has finished (or failed). */
  soon(): Promise<void> {
    this.cancelTimer();
    if (this.pending) return this.pending;
    const write = this.chain.then(async () => {
      this.pending = null; // changes from here on need another write
      try {
        await this.storage.set(this.key, this.snapshot());
        this.saved(true);
      } catch (error) {
        // Storage failing must not stop requests; the worst case is work redone after a restart.
        console.warn(`Loupe could not save ${this.key}:`, error);
        this.saved(false);
      }
    });
    this.pending = write;
    this.chain = write;
    return write;
  }

  later(): void {
    if (this.pending || this.timer !== null) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.soon();
    }, this.delayMs);
  }

  /** Writes what `later` was holding back, then resolves when every write has finished. */
  flush(): Promise<void> {
    if (this.timer !== null) return this.soon();
    return this.chain;
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

let queueStore: ReturnType<typeof createStore> | undefined;

/**
 * The extension's storage: the daily counts in the worker's IndexedDB, the rest in storage.session
 * (which the worker sets to trusted contexts; local where there is no session area).
 */
export function browserQueueStorage(): QueueStorage {
  const area = () => browser.storage.session ?? browser.storage.local;
  return {
    async get(key) {
      if (key === DAILY_KEY) {
        queueStore ??= createStore('loupe-queue', 'state');
        return get(key, queueStore);
      }
      const items = await area().get(key);
      return items[key];
    },
    async set(key, value) {
      if (key === DAILY_KEY) {
        queueStore ??= createStore('loupe-queue', 'state');
        return set(key, value, queueStore);
      }
      await area().set({ [key]: value });
    },
  };
}

/** In-memory storage with the same async shape, for tests and tools. Values are copied as storage would. */
export function memoryQueueStorage(initial: Record<string, unknown> = {}): QueueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial).map(([key, value]) => [key, structuredClone(value)]));
  return {
    data,
    async get(key) {
      return structuredClone(data.get(key));
    },
    async set(key, value) {
      data.set(key, structuredClone(value));
    },
  };
}
