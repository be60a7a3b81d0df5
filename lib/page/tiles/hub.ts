import { observe, onRemovals } from '../../helpers/observe';
import { testMark, testTiming } from '../../helpers/test-build';
import type { MessageType, RequestOf, ResponseOf } from '../../messaging/contract';
import { LoupeError, toLoupeError } from '../../messaging/errors';
import type { JobDetail, JobSummary } from '../../upwork/model';
import { jobIdFromAttribute, jobIdFromUrl } from '../../upwork/site/ids';
import { anySelector, queryMatch } from '../../upwork/site/selectors';
import { mirrorQueryFor } from '../../upwork/site/urls';
import { type PageNotices, SIGNED_OUT_NOTICE } from '../ui/notice';
import { TileLook } from './look';
import { type BadgeTone, TilePanel } from './panel';
import { TileTitleSlots } from './title-slots';

/**
 * The job tiles on the page, shared by every tile feature: one observer finds tiles (present and
 * added later), one batched 'jobs.forTiles' message per burst fetches their jobs for all
 * subscribers, and one panel per tile holds what each feature adds. See feature.ts for the API
 * summary.
 */

/** The messages a page may send (see lib/messaging/messages/{page,power}.ts). */
export type PageMessage =
  | 'jobs.forTiles'
  | 'jobs.detail'
  | 'freelancer.byKey'
  | 'page.reportHealth'
  | `power.${string}`
  | `watchlist.${string}`
  | 'alerts.saveSearch'
  | 'dossier.forJobs'
  | 'dossier.clientJobs';

export type Send = <T extends Extract<MessageType, PageMessage>>(type: T, payload: RequestOf<T>) => Promise<ResponseOf<T>>;

export interface TileHandle {
  /** The tile element on the page (read it, don't restructure it). */
  readonly element: Element;
  readonly jobId: string;
  /** This subscriber's hold on this tile: aborts when the feature stops, the list goes away or the tile leaves the page. */
  readonly signal: AbortSignal;
  /** undefined while loading, null when the API has no client stats for the job. */
  readonly job: JobSummary | null | undefined;
  /** When `job` is null: what the job's detail still says about the client (country, zone, payment), if anything. */
  readonly clientBasics: JobDetail['client'] | undefined;
  /** When `job` is null: the API's search no longer lists the job (it closed or is private). */
  readonly notListed: boolean;
  /** An element inside the tile's Loupe panel, created on first use, removed when `signal` aborts. */
  section(id: string, options?: { order?: number }): HTMLElement;
  removeSection(id: string): void;
  /**
   * A chip-sized element beside the tile's title (its own island, right after the title link),
   * created on first use, removed when `signal` aborts; null when the tile's title can't be found
   * (use a section instead).
   */
  titleSlot(id: string, options?: { order?: number }): HTMLElement | null;
  removeTitleSlot(id: string): void;
  /**
   * A layer over the tile to paint on (keyword highlights): a zero-size element in the panel's
   * closed root, absolutely placed at the panel's top left; children place themselves relative to
   * it and let pointer events through. `css` is added to the panel's root once.
   */
  layer(id: string, css: string): HTMLElement;
  removeLayer(id: string): void;
  /** A small badge in the panel's badge row; `text` null removes it. */
  badge(id: string, text: string | null, options?: { tone?: BadgeTone; title?: string }): void;
  /** Hides the whole tile while any subscriber asks to (filters, block list). */
  setHidden(hidden: boolean): void;
  /** Dims the whole tile while any subscriber asks to. */
  setDimmed(dimmed: boolean): void;
  /** Asks the worker again for this tile's job (after an error). */
  retry(): void;
}

export interface TileSubscriber {
  onTile?(tile: TileHandle): void;
  onJob?(tile: TileHandle, job: JobSummary | null): void;
  onError?(tile: TileHandle, error: LoupeError): void;
}

/** What a subscriber needs from its feature: a lifetime and a way to report its own failure. */
export interface SubscriberOwner {
  id: string;
  signal: AbortSignal;
  fail(error: unknown): void;
}

export interface TileHubOptions {
  signal: AbortSignal;
  send: Send;
  currentUrl: () => URL;
  notices: () => PageNotices;
  landmark: (name: string, matched: boolean) => void;
  /** Wait after a tile appears before asking, so an infinite-scroll burst goes in one message. */
  debounceMs?: number;
}

interface TileRecord {
  element: Element;
  jobId: string;
  panel: TilePanel | undefined;
  title: TileTitleSlots | undefined;
  hiddenBy: Set<string>;
  dimmedBy: Set<string>;
  delivered: boolean;
  look: TileLook;
  /** Aborts when the tile leaves the page (or the hub stops): its panel and handles go with it. */
  life: AbortController;
}

interface Subscription {
  owner: SubscriberOwner;
  subscriber: TileSubscriber;
  handles: WeakMap<TileRecord, TileHandle>;
}

const MAX_IDS_PER_MESSAGE = 100;
/** Said on a tile whose lookup waits behind Upwork's 429 slow-down; the hub asks again by itself. */
export const LIMITED_MESSAGE = 'Upwork is limiting requests; stats in a moment.';
const MAX_WAIT_MS = 250;

/** A tile's numeric job id: its uid attributes first, then the ciphertext in its title link. */
export function tileJobId(tile: Element): { id: string | null; via: string } {
  for (const attribute of ['data-ev-job-uid', 'data-ev-opening_uid']) {
    const id = jobIdFromAttribute(tile.getAttribute(attribute));
    if (id) return { id, via: attribute };
  }
  const link = queryMatch(tile, 'jobTileTitleLink');
  const href = link?.element.getAttribute('href');
  if (href) {
    const id = jobIdFromUrl(href);
    if (id) return { id, via: link?.selector ?? 'link' };
  }
  const inner = tile.querySelector('[data-ev-job-uid], [data-ev-opening_uid]');
  const innerId = jobIdFromAttribute(inner?.getAttribute('data-ev-job-uid') ?? inner?.getAttribute('data-ev-opening_uid'));
  return { id: innerId, via: 'inner uid' };
}

export class TileHub {
  private readonly records: TileRecord[] = [];
  private readonly byElement = new WeakMap<Element, TileRecord>();
  private readonly byJob = new Map<string, Set<TileRecord>>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly jobs = new Map<string, JobSummary | null>();
  private readonly basics = new Map<string, JobDetail['client']>();
  private readonly notListed = new Set<string>();
  private readonly errors = new Map<string, LoupeError>();
  private readonly pending = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly cancelledOnce = new Set<string>();
  private started = false;
  private firstBatchSent = false;
  private firstFlushQueued = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  private annotated = 0;

  constructor(private readonly options: TileHubOptions) {
    options.signal.addEventListener('abort', () => this.teardown(), { once: true });
  }

  /** Registers a tile feature; replays tiles and jobs already known. */
  subscribe(owner: SubscriberOwner, subscriber: TileSubscriber): void {
    if (this.options.signal.aborted || owner.signal.aborted) return;
    const subscription: Subscription = { owner, subscriber, handles: new WeakMap() };
    this.subscriptions.add(subscription);
    owner.signal.addEventListener('abort', () => this.subscriptions.delete(subscription), { once: true });
    for (const record of this.records) {
      this.announce(subscription, record);
      const known = this.jobs.get(record.jobId);
      if (known !== undefined) this.call(subscription, () => subscription.subscriber.onJob?.(this.handle(subscription, record), known));
    }
    this.start();
    if (subscriber.onJob) for (const record of this.records) this.want(record.jobId);
  }

  /** How many tiles have received their job data (or learnt there is none). */
  get annotatedCount(): number {
    return this.annotated;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    observe(anySelector('jobTile'), (element) => this.found(element), { signal: this.options.signal });
    onRemovals(() => this.prune(), { signal: this.options.signal });
  }

  private found(element: Element): void {
    // Some builds nest one tile landmark inside another: the outermost is the tile.
    if (element.parentElement?.closest(anySelector('jobTile'))) return;
    const { id, via } = tileJobId(element);
    this.options.landmark('jobTile', true);
    this.options.landmark('jobTileId', id !== null);
    if (!id) {
      console.warn('[loupe] a job tile carries no job id (tried data-ev-job-uid, data-ev-opening_uid, the title link)');
      return;
    }
    if (via !== 'data-ev-job-uid' && via !== 'data-ev-opening_uid') this.options.landmark('jobTileTitleLink', true);
    const record: TileRecord = {
      element,
      jobId: id,
      panel: undefined,
      title: undefined,
      hiddenBy: new Set(),
      dimmedBy: new Set(),
      delivered: false,
      look: new TileLook(element as HTMLElement),
      life: new AbortController(),
    };
    this.records.push(record);
    this.byElement.set(element, record);
    let sameJob = this.byJob.get(id);
    if (!sameJob) {
      sameJob = new Set();
      this.byJob.set(id, sameJob);
    }
    sameJob.add(record);
    testMark(element as HTMLElement, 'loupeTile', id);
    for (const subscription of [...this.subscriptions]) this.announce(subscription, record);
    const known = this.jobs.get(id);
    if (known !== undefined) this.deliverTo(record, known);
    else if ([...this.subscriptions].some((s) => s.subscriber.onJob)) this.want(id);
  }

  /** Forgets tiles that left the page (a re-render, a shorter list): nothing of theirs outlives them. */
  private prune(): void {
    let kept = 0;
    for (const record of this.records) {
      if (record.element.isConnected) {
        this.records[kept++] = record;
        continue;
      }
      record.life.abort();
      record.look.dispose();
      record.panel?.destroy();
      record.panel = undefined;
      record.title?.destroy();
      record.title = undefined;
      this.byJob.get(record.jobId)?.delete(record);
      testMark(record.element as HTMLElement, 'loupeTile', null);
    }
    this.records.length = kept;
  }

  private announce(subscription: Subscription, record: TileRecord): void {
    const handle = this.handle(subscription, record);
    this.call(subscription, () => subscription.subscriber.onTile?.(handle));
  }

  private handle(subscription: Subscription, record: TileRecord): TileHandle {
    const existing = subscription.handles.get(record);
    if (existing) return existing;
    const { owner } = subscription;
    const hub = this;
    const ownedSections = new Set<string>();
    const ownedBadges = new Set<string>();
    const ownedSlots = new Set<string>();
    const handle: TileHandle = {
      element: record.element,
      jobId: record.jobId,
      signal: AbortSignal.any([owner.signal, record.life.signal]),
      get job() {
        return hub.jobs.get(record.jobId);
      },
      get clientBasics() {
        return hub.basics.get(record.jobId);
      },
      get notListed() {
        return hub.notListed.has(record.jobId);
      },
      section(id, options) {
        ownedSections.add(id);
        return hub.panel(record).section(id, options?.order);
      },
      removeSection(id) {
        ownedSections.delete(id);
        record.panel?.removeSection(id);
      },
      titleSlot(id, options) {
        record.title ??= new TileTitleSlots(record.element, record.jobId, hub.options.signal);
        const slot = record.title.slot(id, options?.order);
        if (slot) ownedSlots.add(id);
        return slot;
      },
      removeTitleSlot(id) {
        ownedSlots.delete(id);
        record.title?.remove(id);
      },
      layer(id, css) {
        ownedSections.add(`layer:${id}`);
        return hub.panel(record).layer(id, css);
      },
      removeLayer(id) {
        ownedSections.delete(`layer:${id}`);
        record.panel?.removeSection(`layer:${id}`);
      },
      badge(id, text, options) {
        if (text === null) ownedBadges.delete(id);
        else ownedBadges.add(id);
        if (text !== null || record.panel) hub.panel(record).badge(id, text, options);
      },
      setHidden(hidden) {
        hub.flag(record, 'hiddenBy', owner.id, hidden);
      },
      setDimmed(dimmed) {
        hub.flag(record, 'dimmedBy', owner.id, dimmed);
      },
      retry() {
        hub.notListed.delete(record.jobId);
        hub.errors.delete(record.jobId);
        hub.jobs.delete(record.jobId);
        hub.want(record.jobId);
      },
    };
    // On the handle's signal, not the owner's: a tile that left the page must not stay reachable from a live feature.
    handle.signal.addEventListener(
      'abort',
      () => {
        for (const id of ownedSections) record.panel?.removeSection(id);
        for (const id of ownedBadges) record.panel?.badge(id, null);
        for (const id of ownedSlots) record.title?.remove(id);
        this.flag(record, 'hiddenBy', owner.id, false);
        this.flag(record, 'dimmedBy', owner.id, false);
        if (record.panel?.isEmpty) {
          record.panel.destroy();
          record.panel = undefined;
        }
      },
      { once: true },
    );
    subscription.handles.set(record, handle);
    return handle;
  }

  private panel(record: TileRecord): TilePanel {
    if (!record.panel) {
      record.panel = new TilePanel(record.element, record.jobId, this.options.signal);
      record.panel.setState(this.stateOf(record.jobId));
    }
    return record.panel;
  }

  private flag(record: TileRecord, kind: 'hiddenBy' | 'dimmedBy', ownerId: string, on: boolean): void {
    const set = record[kind];
    if (on) set.add(ownerId);
    else set.delete(ownerId);
    record.look.set(record.hiddenBy.size > 0, record.dimmedBy.size > 0);
  }

  private stateOf(jobId: string): string {
    const code = this.errors.get(jobId)?.code;
    if (code) return code === 'signed-out' ? 'signed-out' : code === 'rate-limited' ? 'limited' : 'error';
    const job = this.jobs.get(jobId);
    return job === undefined ? 'loading' : job === null ? 'missing' : 'ready';
  }

  private want(jobId: string): void {
    if (this.jobs.has(jobId) || this.errors.has(jobId) || this.inFlight.has(jobId) || this.pending.has(jobId)) return;
    if (this.pending.size === 0) this.firstPendingAt = performance.now();
    this.pending.add(jobId);
    this.schedule();
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
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.options.debounceMs ?? 50, MAX_WAIT_MS - waited)));
  }

  private flush(): void {
    this.timer = undefined;
    if (this.options.signal.aborted || this.pending.size === 0) return;
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
      for (const record of this.byJob.get(id) ?? []) {
        const box = record.element.getBoundingClientRect();
        if (box.bottom > 0 && box.top < height && box.height > 0) visible.add(id);
      }
    }
    return [...ids.filter((id) => visible.has(id)), ...ids.filter((id) => !visible.has(id))];
  }

  /** Each tile's title as the page shows it: the worker looks the job up by it. */
  private titlesOf(ids: string[]): Record<string, string> {
    const titles: Record<string, string> = {};
    for (const id of ids) {
      const record = [...(this.byJob.get(id) ?? [])][0];
      const link = record && queryMatch(record.element, 'jobTileTitleLink')?.element;
      const title = link?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 500);
      if (title) titles[id] = title;
    }
    return titles;
  }

  private async request(ids: string[]): Promise<void> {
    for (const id of ids) this.inFlight.add(id);
    const query = mirrorQueryFor(this.options.currentUrl(), this.positionOf(ids), ids.length);
    const titles = this.titlesOf(ids);
    try {
      testTiming('loupe:tiles-requested', { count: ids.length });
      const answer = await this.options.send('jobs.forTiles', {
        ids,
        ...(query ? { query } : {}),
        ...(Object.keys(titles).length > 0 ? { titles } : {}),
      });
      if (this.options.signal.aborted) return;
      testTiming('loupe:tiles-answered', { count: ids.length });
      const byId = new Map(answer.jobs.map((job) => [job.id, job]));
      for (const [id, client] of Object.entries(answer.partial ?? {})) this.basics.set(id, client);
      for (const id of answer.notFound ?? []) this.notListed.add(id);
      const failed = new Map(Object.entries(answer.errors ?? {}).map(([id, error]) => [id, new LoupeError(error.code, error.message)]));
      const limited = new Set(answer.limited?.ids ?? []);
      for (const id of limited) failed.set(id, new LoupeError('rate-limited', LIMITED_MESSAGE));
      for (const id of ids) {
        this.inFlight.delete(id);
        const failure = byId.has(id) ? undefined : failed.get(id);
        if (failure) {
          this.fail(id, failure);
          continue;
        }
        const job = byId.get(id) ?? null;
        this.jobs.set(id, job);
        for (const record of this.byJob.get(id) ?? []) this.deliverTo(record, job);
      }
      if (answer.limited && limited.size > 0) this.askAgainAt([...limited], answer.limited.retryAt);
      this.markAnnotated();
    } catch (error) {
      if (this.options.signal.aborted) return;
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
      if (failure.code === 'signed-out') this.options.notices().show(SIGNED_OUT_NOTICE.id, SIGNED_OUT_NOTICE.text);
      for (const id of ids) {
        this.inFlight.delete(id);
        this.fail(id, failure);
      }
    }
  }

  private fail(id: string, failure: LoupeError): void {
    this.errors.set(id, failure);
    for (const record of this.byJob.get(id) ?? []) {
      record.panel?.setState(this.stateOf(id));
      for (const subscription of [...this.subscriptions]) {
        const handle = this.handle(subscription, record);
        this.call(subscription, () => subscription.subscriber.onError?.(handle, failure));
      }
    }
  }

  /** Tiles held back by a 429: asked again once the queue sends again (the answers wait in the worker's cache). */
  private askAgainAt(ids: string[], retryAt: number): void {
    const timer = setTimeout(
      () => {
        for (const id of ids) {
          if (this.errors.get(id)?.code !== 'rate-limited') continue;
          this.errors.delete(id);
          this.want(id);
        }
      },
      Math.max(250, retryAt - Date.now() + 100),
    );
    this.options.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  }

  /** Where the batch starts in the list on screen: infinite scroll appends later pages under the same URL. */
  private positionOf(ids: string[]): number {
    const wanted = new Set(ids);
    const onScreen = this.records.filter((record) => record.element.isConnected);
    const index = onScreen.findIndex((record) => wanted.has(record.jobId));
    return Math.max(0, index);
  }

  private deliverTo(record: TileRecord, job: JobSummary | null): void {
    record.panel?.setState(this.stateOf(record.jobId));
    if (!record.delivered) {
      record.delivered = true;
      this.annotated += 1;
    }
    for (const subscription of [...this.subscriptions]) {
      const handle = this.handle(subscription, record);
      this.call(subscription, () => subscription.subscriber.onJob?.(handle, job));
    }
  }

  /** Benchmarks and tests read when the last tile got its data (test builds only). */
  private markAnnotated(): void {
    const root = document.documentElement;
    testMark(root, 'loupeTilesAnnotated', String(this.annotated));
    testMark(root, 'loupeTilesAnnotatedAt', performance.now().toFixed(1));
    testTiming('loupe:tiles-annotated', { count: this.annotated });
  }

  private call(subscription: Subscription, fn: () => void): void {
    if (subscription.owner.signal.aborted) return;
    try {
      fn();
    } catch (error) {
      subscription.owner.fail(error);
    }
  }

  private teardown(): void {
    clearTimeout(this.timer);
    for (const record of this.records) {
      testMark(record.element as HTMLElement, 'loupeTile', null);
      record.look.dispose();
    }
    this.records.length = 0;
    this.byJob.clear();
    this.subscriptions.clear();
  }
}
