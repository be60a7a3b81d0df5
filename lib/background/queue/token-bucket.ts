/**
 * A token bucket on an injected clock: `capacity` tokens at most, refilled at `rate` per second.
 * In any closed window of L ms it lets through at most capacity + rate·L/1000 requests, so with
 * the defaults (8/s, burst 2) never more than 10 in any 1,000 ms, which is Upwork's per-second limit.
 */

export interface BucketState {
  tokens: number;
  /** When `tokens` was counted (epoch ms). */
  at: number;
}

// Floating point can leave 0.9999999999 tokens after exactly the right wait; a nanotoken is no burst.
const EPSILON = 1e-9;

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private rate: number,
    private capacity: number,
    state: BucketState,
  ) {
    assertLimits(rate, capacity);
    this.tokens = clamp(state.tokens, 0, capacity);
    this.at = state.at;
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  get burst(): number {
    return this.capacity;
  }

  /** Tokens available at `now` (fractional). */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** Milliseconds until one whole token is available; 0 when one is there now. */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1 - EPSILON) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }

  /** Spends one token if there is one. */
  tryTake(now: number): boolean {
    if (this.waitMs(now) > 0) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  /**
   * Empties the bucket and lets nothing accrue before `until`, e.g. after Upwork said 429: nothing
   * saved up during the pause may burst out when it ends.
   */
  pauseUntil(now: number, until: number): void {
    this.refill(now);
    this.tokens = 0;
    this.at = Math.max(this.at, until);
  }

  /**
   * Changes rate and capacity from `now` on. Time already elapsed is credited at the old rate, which
   * errs on the slow side while a slowed-down rate recovers upwards.
   */
  setLimits(now: number, rate: number, capacity: number): void {
    assertLimits(rate, capacity);
    this.refill(now);
    this.rate = rate;
    this.capacity = capacity;
    this.tokens = Math.min(this.tokens, capacity);
  }

  snapshot(now: number): BucketState {
    this.refill(now);
    return { tokens: this.tokens, at: this.at };
  }

  private refill(now: number): void {
    // A clock that steps back (system time change) refills nothing rather than taking tokens away.
    if (now <= this.at) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) * this.rate) / 1000);
    this.at = now;
  }
}

function assertLimits(rate: number, capacity: number): void {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`Rate must be a positive number, got ${rate}`);
  if (!(capacity >= 1) || !Number.isFinite(capacity)) throw new RangeError(`Burst must be at least 1, got ${capacity}`);
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

/**
 * Rate and burst that keep every closed 1,000 ms window at or under `perSecondCap` requests
 * (capacity + rate ≤ cap). Settings outside that are pulled back rather than refused: Upwork may
 * disable a key that goes over its limit.
 */
export function safeLimits(ratePerSecond: number, burst: number, perSecondCap: number): { ratePerSecond: number; burst: number } {
  const rate = Number.isFinite(ratePerSecond) && ratePerSecond > 0 ? Math.min(ratePerSecond, perSecondCap - 1) : perSecondCap - 2;
  const maxBurst = Math.max(1, Math.floor(perSecondCap - rate));
  const wholeBurst = Number.isFinite(burst) ? Math.floor(burst) : 1;
  return { ratePerSecond: rate, burst: Math.min(maxBurst, Math.max(1, wholeBurst)) };
}
