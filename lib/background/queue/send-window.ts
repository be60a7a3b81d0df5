/**
 * Upwork refuses the 11th request from one IP within any 1,000 ms: a strict sliding window. This
 * schedules against that window on Loupe's own send times: at most `capacity` sends in any
 * `windowMs`. Nothing sent for a window means a full burst may go at once; while busy, each send
 * waits for the one `capacity` sends earlier to leave the window.
 */

/** Upwork counts arrivals, not sends: a request that left on time can arrive late and a later one early. */
export const ARRIVAL_MARGIN_MS = 50;
export const UPWORK_WINDOW_MS = 1000;
/** Upwork's count per window: the most sends any setting may let through in one. */
export const MAX_CAPACITY = 10;

export interface WindowLimits {
  /** Sends allowed in one window (the burst after a quiet spell). */
  capacity: number;
  windowMs: number;
}

/**
 * The window for a rate setting: `capacity` sends per capacity/rate seconds, never shorter than
 * Upwork's 1,000 ms plus the arrival margin, so Upwork never counts more than `capacity` ≤ 10 in
 * any 1,000 ms. Capacity 1 is plain pacing (used while recovering from a 429), one send every
 * 1/rate s but never closer than a tenth of that longer window.
 */
export function windowFor(ratePerSecond: number, capacity: number): WindowLimits {
  const paced = (capacity * 1000) / ratePerSecond;
  const shortest = UPWORK_WINDOW_MS + ARRIVAL_MARGIN_MS;
  return { capacity, windowMs: Math.max(capacity === 1 ? shortest / MAX_CAPACITY : shortest, paced) };
}

export class SendWindow {
  /** Send times, oldest first. The last MAX_CAPACITY are kept whatever the capacity, so raising it never forgets a send. */
  private sends: number[];

  constructor(
    private limits: WindowLimits,
    sends: readonly number[] = [],
  ) {
    assertLimits(limits);
    this.sends = [...sends].sort((a, b) => a - b).slice(-MAX_CAPACITY);
  }

  get capacity(): number {
    return this.limits.capacity;
  }

  get windowMs(): number {
    return this.limits.windowMs;
  }

  /** Milliseconds until one more send fits; 0 when it fits now. */
  waitMs(now: number): number {
    const { capacity, windowMs } = this.limits;
    if (this.sends.length < capacity) return 0;
    const oldest = this.sends[this.sends.length - capacity] as number;
    return Math.max(0, Math.ceil(oldest + windowMs - now));
  }

  take(now: number): void {
    this.sends.push(now);
    if (this.sends.length > MAX_CAPACITY) this.sends.splice(0, this.sends.length - MAX_CAPACITY);
  }

  /** Replaces the history with sends read back from storage. */
  reset(sends: readonly number[]): void {
    this.sends = [...sends].sort((a, b) => a - b).slice(-MAX_CAPACITY);
  }

  /** Sends recorded at `planned` actually left at `actual` (later): the window counts from the later time. */
  restamp(planned: number, actual: number): void {
    if (actual <= planned) return;
    this.sends = this.sends.map((time) => (time === planned ? actual : time)).sort((a, b) => a - b);
  }

  setLimits(limits: WindowLimits): void {
    assertLimits(limits);
    this.limits = limits;
  }

  /** The sends kept, oldest first, for persisting. */
  snapshot(): number[] {
    return [...this.sends];
  }
}

function assertLimits({ capacity, windowMs }: WindowLimits): void {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)
    throw new RangeError(`Capacity must be a whole number from 1 to ${MAX_CAPACITY}, got ${capacity}`);
  // Ten sends, or one send ten times over, must span more than Upwork's window.
  if (!((windowMs * MAX_CAPACITY) / capacity > UPWORK_WINDOW_MS) || !Number.isFinite(windowMs))
    throw new RangeError(`Window too short for ${capacity} sends: ${windowMs} ms`);
}
