import { ApiError } from '../../upwork/api/errors';
import { type Attempts, noAttempts } from './policy';
import type { Priority } from './types';

/**
 * The queue's line: one entry per (kind, key) with everyone waiting for it (de-duplication), in
 * priority then arrival order, and how its callers are settled, cancelled and forgotten. What
 * goes out when, and what a failure means, is the queue's (queue.ts).
 */

export interface Caller {
  priority: Priority;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Removes the abort listener. */
  release(): void;
}

export interface Batch {
  controller: AbortController;
  entries: Entry[];
}

/** One (kind, key) and everyone waiting for it. */
export interface Entry {
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
  /** Settles once its description is in storage (at once when it needs none): it leaves only after that. */
  described: Promise<void>;
  /** When it could first have been sent: a batchable key waits a moment from then for mates. */
  readyAt: number;
  attempts: Attempts;
}

const RANK: Record<Priority, number> = { now: 0, background: 1 };

export function priorityOf(entry: Entry): Priority {
  if (entry.resumedAs === 'now') return 'now';
  for (const caller of entry.callers) if (caller.priority === 'now') return 'now';
  return 'background';
}

const isWanted = (entry: Entry) => entry.callers.size > 0 || entry.resumedAs !== null;

export const cancelled = () => new ApiError('cancelled', 'The request was cancelled.');

export class Line {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;

  /** `changed` is told whenever an entry leaves, so the stored work descriptions follow. */
  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  all(): Entry[] {
    return [...this.entries.values()];
  }

  find(kind: string, key: string): Entry | undefined {
    return this.entries.get(`${kind}\u0000${key}`);
  }

  /** Still in line (not finished, dropped or replaced since). */
  holds(entry: Entry): boolean {
    return this.entries.get(entry.id) === entry;
  }

  add(kind: string, key: string, resumedAs: Priority | null): Entry {
    const entry: Entry = {
      id: `${kind}\u0000${key}`,
      kind,
      key,
      seq: this.seq++,
      callers: new Set(),
      resumedAs,
      batch: null,
      notBefore: 0,
      described: Promise.resolve(),
      readyAt: this.now(),
      attempts: noAttempts(),
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /** Work a stopped worker left: joins the entry already in line for it, or takes a place of its own. */
  resume(kind: string, key: string, priority: Priority): void {
    const existing = this.find(kind, key);
    if (!existing) this.add(kind, key, priority);
    else if (existing.resumedAs !== 'now') existing.resumedAs = priority;
  }

  /** Entries not on the wire. */
  queued(): Entry[] {
    return this.all().filter((entry) => entry.batch === null);
  }

  /** What may be sent at `t`, first in line first. */
  ready(t: number): Entry[] {
    return this.queued()
      .filter((entry) => entry.notBefore <= t)
      .sort((a, b) => RANK[priorityOf(a)] - RANK[priorityOf(b)] || a.seq - b.seq);
  }

  earliestRetry(): number | null {
    const waiting = this.queued();
    return waiting.length === 0 ? null : Math.min(...waiting.map((entry) => entry.notBefore));
  }

  /**
   * One more caller for `entry`; its promise settles with the entry. When `signal` aborts, the
   * caller leaves (rejected as cancelled) and `onLeft` is told if that freed a place in line.
   */
  join<T>(entry: Entry, priority: Priority, signal: AbortSignal | undefined, onLeft: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (this.leave(entry, caller)) onLeft();
      };
      const caller: Caller = {
        priority,
        resolve: (value) => resolve(value as T),
        reject,
        release: () => signal?.removeEventListener('abort', onAbort),
      };
      entry.callers.add(caller);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Settles every caller of an entry and forgets it. */
  finish(entry: Entry, settle: (caller: Caller) => void): void {
    for (const caller of entry.callers) {
      caller.release();
      settle(caller);
    }
    entry.callers.clear();
    this.forget(entry);
  }

  forget(entry: Entry): void {
    if (this.holds(entry)) this.entries.delete(entry.id);
    this.changed();
  }

  /** Back in line after a failed send, not before `notBefore`; forgotten if nobody wants it any more. */
  requeue(entry: Entry, notBefore: number): void {
    entry.batch = null;
    entry.notBefore = notBefore;
    entry.readyAt = Number.NEGATIVE_INFINITY; // its batch-mates are chosen afresh, without waiting
    if (!isWanted(entry)) this.forget(entry);
  }

  /** Hands each entry of an answered batch its own result. */
  deliver(batch: Batch, results: Map<string, unknown>): void {
    for (const entry of batch.entries) {
      if (!this.holds(entry)) continue; // dropped while in flight: nobody waits
      const value = results.get(entry.key);
      if (value instanceof Error) this.finish(entry, (caller) => caller.reject(value));
      else if (!results.has(entry.key))
        this.finish(entry, (caller) =>
          caller.reject(new ApiError('invalid-data', `Upwork's answer left out ${entry.kind} "${entry.key}". Try again later.`)),
        );
      else this.finish(entry, (caller) => caller.resolve(value));
    }
  }

  /** A caller gives up; true when that dropped unsent work, so something else may go. */
  private leave(entry: Entry, caller: Caller): boolean {
    if (!entry.callers.delete(caller)) return false;
    caller.release();
    caller.reject(cancelled());
    if (isWanted(entry) || !this.holds(entry)) return false;
    const batch = entry.batch;
    if (batch === null) {
      this.forget(entry); // never sent
      return true;
    }
    if (batch.entries.every((mate) => !isWanted(mate))) {
      // Nobody wants any key of this request any more: stop it, and let new callers start afresh.
      for (const mate of batch.entries) this.forget(mate);
      batch.controller.abort();
    }
    return false;
  }
}
