import { testTiming } from '../../helpers/test-build';
import type { ResponseOf } from '../../messaging/contract';
import { type LoupeError, toLoupeError } from '../../messaging/errors';
import { queryMatch } from '../../upwork/site/selectors';
import { mirrorQueryFor } from '../../upwork/site/urls';
import type { Send } from '../send';

/**
 * When and how the hub asks the worker for its tiles' jobs: tiles found in one burst go in one
 * 'jobs.forTiles' message (at most 100 ids, the ones on screen first), the first scan right away,
 * later ones after a short wait; a batch the worker cancelled is asked once more. What the answers
 * mean for each tile is the hub's.
 */
export interface LookupHost {
  signal: AbortSignal;
  send: Send;
  currentUrl: () => URL;
  /** Wait after a tile appears before asking, so an infinite-scroll burst goes in one message. */
  debounceMs?: number;
  /** The job's answer (or its failure) is known: nothing to ask. */
  settled(jobId: string): boolean;
  /** The tile elements showing a job. */
  tilesOf(jobId: string): Element[];
  /** Where the batch starts in the list on screen. */
  positionOf(ids: string[]): number;
  answered(ids: string[], answer: ResponseOf<'jobs.forTiles'>): void;
  failed(ids: string[], failure: LoupeError): void;
}

const MAX_IDS_PER_MESSAGE = 100;
const MAX_WAIT_MS = 250;

export class TileLookups {
  private readonly pending = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly cancelledOnce = new Set<string>();
  private firstBatchSent = false;
  private firstFlushQueued = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;

  constructor(private readonly host: LookupHost) {}

  want(jobId: string): void {
    if (this.host.settled(jobId) || this.inFlight.has(jobId) || this.pending.has(jobId)) return;
    if (this.pending.size === 0) this.firstPendingAt = performance.now();
    this.pending.add(jobId);
    this.schedule();
  }

  /** The hub has the answer for this job: it may be asked again later (a retry). */
  landed(jobId: string): void {
    this.inFlight.delete(jobId);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (!this.firstBatchSent) {
      // Tiles already on the page arrive in one synchronous scan: ask right after it, in the same task.
      if (!this.firstFlushQueued) {
        this.firstFlushQueued = true;
        queueMicrotask(() => this.flush());
      }
      return;
    }
    clearTimeout(this.timer);
    const waited = performance.now() - this.firstPendingAt;
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.host.debounceMs ?? 50, MAX_WAIT_MS - waited)));
  }

  private flush(): void {
    this.timer = undefined;
    if (this.host.signal.aborted || this.pending.size === 0) return;
    this.firstBatchSent = true;
    const ids = this.visibleFirst([...this.pending]);
    this.pending.clear();
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_MESSAGE) void this.request(ids.slice(i, i + MAX_IDS_PER_MESSAGE));
  }

  /** Tiles in the viewport go first: the worker looks them up in the order asked. */
  private visibleFirst(ids: string[]): string[] {
    const height = window.innerHeight || document.documentElement.clientHeight;
    const visible = new Set<string>();
    for (const id of ids) {
      for (const element of this.host.tilesOf(id)) {
        const box = element.getBoundingClientRect();
        if (box.bottom > 0 && box.top < height && box.height > 0) visible.add(id);
      }
    }
    return [...ids.filter((id) => visible.has(id)), ...ids.filter((id) => !visible.has(id))];
  }

  /** Each tile's title as the page shows it: the worker looks the job up by it. */
  private titlesOf(ids: string[]): Record<string, string> {
    const titles: Record<string, string> = {};
    for (const id of ids) {
      const element = this.host.tilesOf(id)[0];
      const link = element && queryMatch(element, 'jobTileTitleLink')?.element;
      const title = link?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 500);
      if (title) titles[id] = title;
    }
    return titles;
  }

  private async request(ids: string[]): Promise<void> {
    for (const id of ids) this.inFlight.add(id);
    const query = mirrorQueryFor(this.host.currentUrl(), this.host.positionOf(ids), ids.length);
    const titles = this.titlesOf(ids);
    let answer: ResponseOf<'jobs.forTiles'>;
    try {
      testTiming('loupe:tiles-requested', { count: ids.length });
      answer = await this.host.send('jobs.forTiles', {
        ids,
        ...(query ? { query } : {}),
        ...(Object.keys(titles).length > 0 ? { titles } : {}),
      });
    } catch (error) {
      if (this.host.signal.aborted) return;
      const failure = toLoupeError(error);
      if (failure.code === 'cancelled' && !this.cancelledOnce.has(ids[0] as string)) {
        // Cancelled by the worker, not by us (we are still live): ask once more.
        for (const id of ids) {
          this.inFlight.delete(id);
          this.cancelledOnce.add(id);
        }
        for (const id of ids) this.want(id);
        return;
      }
      this.host.failed(ids, failure);
      return;
    }
    if (this.host.signal.aborted) return;
    testTiming('loupe:tiles-answered', { count: ids.length });
    this.host.answered(ids, answer);
  }
}
