import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { QueueStorage, QueueTimers } from './types';

/**
 * What the queue keeps across worker restarts. Two records:
 * - the session record (storage.session): the bucket, any 429 slow-down, and DESCRIPTIONS of
 *   unfinished work. Written before new work is sent, so nothing queued is lost.
 * - the daily record (storage.local, per API key): today's request count, which must survive a
 *   browser restart.
 */

export const SESSION_KEY = 'loupe.queue.session';
export const DAILY_KEY_PREFIX = 'loupe.queue.daily.';

export function dailyKey(accountKey: string): string {
  return `${DAILY_KEY_PREFIX}${accountKey}`;
}

const workSchema = z.object({
  kind: z.string().min(1),
  key: z.string(),
  priority: z.enum(['now', 'background']),
});
export type WorkDescription = z.infer<typeof workSchema>;

const sessionSchema = z.object({
  bucket: z.object({ tokens: z.number(), at: z.number() }),
  slowdown: z
    .object({ until: z.number(), factor: z.number().positive().max(1), strikes: z.number().int().nonnegative() })
    .nullable()
    .catch(null),
  // One malformed description is dropped alone; the rest of the work survives.
  work: z.array(z.unknown()).catch([]),
});
export type SessionRecord = {
  bucket: { tokens: number; at: number };
  slowdown: z.infer<typeof sessionSchema>['slowdown'];
  work: WorkDescription[];
};

const dailySchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), count: z.number().int().nonnegative() });
export type DailyRecord = z.infer<typeof dailySchema>;

export function parseSessionRecord(value: unknown): SessionRecord | null {
  const parsed = sessionSchema.safeParse(value);
  if (!parsed.success) return null;
  const work = parsed.data.work.flatMap((item) => {
    const one = workSchema.safeParse(item);
    return one.success ? [one.data] : [];
  });
  return { bucket: parsed.data.bucket, slowdown: parsed.data.slowdown, work };
}

export function parseDailyRecord(value: unknown): DailyRecord | null {
  const parsed = dailySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
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
      } catch (error) {
        // Storage failing must not stop requests; the worst case is work redone after a restart.
        console.warn(`Loupe could not save ${this.key}:`, error);
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

/** The extension's storage: the daily count in storage.local, the rest in storage.session (local where there is none). */
export function browserQueueStorage(): QueueStorage {
  const areaFor = (key: string) =>
    key.startsWith(DAILY_KEY_PREFIX) ? browser.storage.local : (browser.storage.session ?? browser.storage.local);
  return {
    async get(key) {
      const items = await areaFor(key).get(key);
      return items[key];
    },
    async set(key, value) {
      await areaFor(key).set({ [key]: value });
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
