import type { Priority } from './types';

/**
 * Requests sent today with one API key. Upwork allows 40,000 a day per key; Loupe counts its own
 * and stops before Upwork would (and maybe disable the key). The day is the UTC day.
 */

export interface DailyCount {
  /** YYYY-MM-DD in UTC. */
  day: string;
  count: number;
}

export const WARNING_SHARE = 0.8;
export const BACKGROUND_STOP_SHARE = 0.95;

/** Why a count may be too low: the stored one was unreadable, or the latest one was not saved. */
export type CountTrouble = 'unread' | 'unsaved' | null;
/** A failed save of the daily count is tried again this often, even with no new request. */
export const DAILY_RETRY_MS = 60_000;

export function countTroubleWords(trouble: CountTrouble): string | null {
  if (trouble === null) return null;
  const what =
    trouble === 'unread'
      ? 'Loupe could not read today’s request count, so it cannot tell how much of the daily limit is used'
      : 'Loupe could not save today’s request count, so a restart could lose it';
  return `${what}: job alerts wait until it can; the pages you open still get data.`;
}

export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export class DailyCounter {
  private state: DailyCount;

  constructor(
    private readonly limit: number,
    stored: DailyCount | null,
    now: number,
  ) {
    this.state = stored && stored.day === utcDay(now) ? { ...stored } : { day: utcDay(now), count: 0 };
  }

  get dailyLimit(): number {
    return this.limit;
  }

  count(now: number): number {
    this.rollOver(now);
    return this.state.count;
  }

  add(now: number): void {
    this.rollOver(now);
    this.state.count += 1;
  }

  /** May one more request of this priority go today? 'now' work may use the budget to the end. */
  allows(priority: Priority, now: number): boolean {
    const used = this.count(now);
    return priority === 'now' ? used < this.limit : used < this.limit * BACKGROUND_STOP_SHARE;
  }

  warning(now: number): boolean {
    return this.count(now) >= this.limit * WARNING_SHARE;
  }

  backgroundPaused(now: number): boolean {
    return !this.allows('background', now);
  }

  /** Adds requests counted before this counter started (a stored count read late). */
  addEarlier(earlier: DailyCount, now: number): void {
    this.rollOver(now);
    if (earlier.day === this.state.day) this.state.count += earlier.count;
  }

  snapshot(now: number): DailyCount {
    this.rollOver(now);
    return { ...this.state };
  }

  private rollOver(now: number): void {
    const day = utcDay(now);
    // Only move forward: a clock set back a day must not hand out a fresh budget.
    if (day > this.state.day) this.state = { day, count: 0 };
  }
}
