/** Retry delays and the whole-queue slow-down after Upwork answers 429. Pure functions of time. */

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from
 * several keys spread out but never come back immediately. `attempt` counts from 1.
 */
export function backoffMs(attempt: number, random: () => number, baseMs = 1000, maxMs = 60_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export interface Slowdown {
  /** Nothing is sent before this time (epoch ms). */
  until: number;
  /** Share of the configured rate allowed right after `until`; it climbs back to 1 over RECOVERY_MS. */
  factor: number;
  /** 429s in a row (a new one while still recovering counts as another). */
  strikes: number;
}

/** How long after a pause the rate takes to climb back from `factor` to the full rate. */
export const RECOVERY_MS = 30_000;
const FIRST_FACTOR = 0.5;
const MIN_FACTOR = 0.125;

/** The slow-down after a 429 at `now`, given the one in force (if any). */
export function slowDown(previous: Slowdown | null, now: number, retryAfterMs: number | undefined, random: () => number): Slowdown {
  const ongoing = previous !== null && !hasRecovered(previous, now);
  const strikes = ongoing ? previous.strikes + 1 : 1;
  const factor = ongoing ? Math.max(MIN_FACTOR, previous.factor / 2) : FIRST_FACTOR;
  const pause = retryAfterMs !== undefined && retryAfterMs >= 0 ? retryAfterMs : backoffMs(strikes, random);
  // Two 429s from one burst must not shorten a pause already promised.
  const until = Math.max(now + pause, ongoing ? previous.until : 0);
  return { until, factor, strikes };
}

/** Share of the configured rate allowed at `now`: 0 while paused, then a linear climb back to 1. */
export function rateFactor(slowdown: Slowdown | null, now: number): number {
  if (slowdown === null) return 1;
  if (now < slowdown.until) return 0;
  const progress = Math.min(1, (now - slowdown.until) / RECOVERY_MS);
  return slowdown.factor + (1 - slowdown.factor) * progress;
}

export function hasRecovered(slowdown: Slowdown, now: number): boolean {
  return now >= slowdown.until + RECOVERY_MS;
}
