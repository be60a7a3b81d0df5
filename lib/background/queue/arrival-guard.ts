/**
 * Upwork counts a request when it ARRIVES, and arrivals can bunch: a slow connection or a busy
 * server delays one request while the next comes straight through. Loupe cannot see arrival times,
 * only that a request arrived after it was sent and before its answer came back. So each request
 * is taken to hold Upwork's window from its send until 1,000 ms after its answer (for as long as no
 * answer has come), and a new one goes only while fewer than 10 hold it.
 *
 * Why that is enough: take any 1,000 ms in which Upwork counted requests, and among them the one
 * sent last. When it was sent, every other one was either still unanswered or answered after it
 * arrived, less than 1,000 ms before the end of that span, so less than 1,000 ms before this send:
 * all of them still held the window, so there were at most 9, and Upwork counted at most 10.
 */

export const UPWORK_WINDOW_MS = 1000;
export const UPWORK_PER_WINDOW = 10;

export class ArrivalGuard {
  private next = 0;
  /** Requests still holding the window: when their answer came, or null while it has not. */
  private readonly holding = new Map<number, number | null>();

  /** Answered times (null: no answer yet) as a stopped worker left them. */
  constructor(restored: readonly (number | null)[] = [], now = 0) {
    // A stopped worker's requests reached Upwork before it stopped, or never will.
    for (const answeredAt of restored) this.holding.set(this.next++, answeredAt ?? now);
  }

  /** Milliseconds until one more request may go: 0 now, Infinity until an answer comes. */
  waitMs(now: number): number {
    this.release(now);
    const excess = this.holding.size - (UPWORK_PER_WINDOW - 1);
    if (excess <= 0) return 0;
    const frees = [...this.holding.values()]
      .filter((answeredAt): answeredAt is number => answeredAt !== null)
      .map((answeredAt) => answeredAt + UPWORK_WINDOW_MS)
      .sort((a, b) => a - b);
    const freeAt = frees[excess - 1];
    return freeAt === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(freeAt - now));
  }

  /** Records a send; returns its id for answered(). */
  sent(): number {
    const id = this.next++;
    this.holding.set(id, null);
    return id;
  }

  /** Its answer (or failure) came back: from now on the request surely has arrived. */
  answered(id: number, now: number): void {
    if (this.holding.has(id)) this.holding.set(id, now);
  }

  snapshot(now: number): (number | null)[] {
    this.release(now);
    return [...this.holding.values()];
  }

  private release(now: number): void {
    for (const [id, answeredAt] of this.holding) {
      if (answeredAt !== null && answeredAt + UPWORK_WINDOW_MS <= now) this.holding.delete(id);
    }
  }
}
