import { observe, onRemovals } from '../../helpers/observe';
import { testMark, testTiming } from '../../helpers/test-build';
import type { ResponseOf } from '../../messaging/contract';
import { LoupeError } from '../../messaging/errors';
import type { JobDetail, JobSummary } from '../../upwork/model';
import { jobIdFromAttribute, jobIdFromUrl } from '../../upwork/site/ids';
import { anySelector, queryMatch } from '../../upwork/site/selectors';
import type { Send } from '../send';
import { type PageNotices, SIGNED_OUT_NOTICE } from '../ui/notice';
import type { SubscriberOwner, TileHandle, TileSubscriber } from './handle';
import { TileLook } from './look';
import { TileLookups } from './lookups';
import { TilePanel } from './panel';
import { Slices } from './slices';
import { TileTitleSlots } from './title-slots';

/**
 * The job tiles on the page, shared by every tile feature: one observer finds tiles (present and
 * added later), one batched 'jobs.forTiles' message per burst fetches their jobs for all
 * subscribers (lookups.ts), and one panel per tile holds what each feature adds. What features see
 * is in handle.ts (summed up in feature.ts). The hub stays one class of about 490 lines: its parts
 * (tile records, answers, errors, held tiles, panels, subscriptions) are one state that every
 * method reads and writes, and splitting it further would only pass that state around.
 */

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
  /** Tiles this subscriber was told of, and the job each last received: nothing arrives twice or before its tile. */
  told: WeakMap<TileRecord, JobSummary | null | undefined>;
}

/**
 * How long a tile waits for its answer before its panels are drawn without it. A tile the page
 * adds later (infinite scroll, a new search) waits long: on a page of hundreds of tiles every
 * frame that changes layout costs the browser tens of milliseconds. The page's first tiles wait
 * only for an answer from the worker's memory (a few milliseconds): one that needs Upwork takes a
 * round trip, and "loading" panels drawn meanwhile cost nothing the page waits for.
 */
const HOLD_MS = 300;
const FIRST_HOLD_MS = 50;

/** Said on a tile whose lookup waits behind Upwork's 429 slow-down; the hub asks again by itself. */
export const LIMITED_MESSAGE = 'Upwork is limiting requests; stats in a moment.';

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
  private started = false;
  /** The tiles on the page when the hub started have been found (see `hold`). */
  private scanned = false;
  private readonly held = new Map<TileRecord, { timer: ReturnType<typeof setTimeout>; introduce: (() => void)[] }>();
  /** Tiles' jobs are asked for before any feature subscribed (see `prefetch`). */
  private prefetching = false;
  private annotated = 0;
  /** The count the last `markAnnotated` wrote. */
  private marked = -1;

  private readonly lookups: TileLookups;
  /** Drawing and delivering, a slice at a time (slices.ts); lookups are asked for before any of it. */
  private readonly slices: Slices;

  constructor(private readonly options: TileHubOptions) {
    options.signal.addEventListener('abort', () => this.teardown(), { once: true });
    this.slices = new Slices(options.signal);
    this.lookups = new TileLookups({
      ...options,
      settled: (id) => this.jobs.has(id) || this.errors.has(id),
      tilesOf: (id) => [...(this.byJob.get(id) ?? [])].map((record) => record.element),
      positionOf: (ids) => this.positionOf(ids),
      answered: (ids, answer) => this.answered(ids, answer),
      failed: (ids, failure) => this.failed(ids, failure),
    });
  }

  /** Registers a tile feature; replays tiles and jobs already known. */
  subscribe(owner: SubscriberOwner, subscriber: TileSubscriber): void {
    if (this.options.signal.aborted || owner.signal.aborted) return;
    const subscription: Subscription = { owner, subscriber, handles: new WeakMap(), told: new WeakMap() };
    this.subscriptions.add(subscription);
    owner.signal.addEventListener('abort', () => this.subscriptions.delete(subscription), { once: true });
    for (const record of this.records) {
      const introduce = () => this.introduce(subscription, record);
      const held = this.held.get(record);
      if (held) held.introduce.push(introduce);
      else this.slices.push(introduce);
    }
    if (this.records.length > 0) this.slices.push(() => this.markAnnotated());
    this.start();
    if (subscriber.onJob) for (const record of this.records) this.want(record.jobId);
  }

  /**
   * Finds the page's tiles and asks for their jobs now, before any feature subscribed: the content
   * script does this while it waits for the user's settings, so the worker's round trip to Upwork
   * overlaps that wait. Features that subscribe later get the answers as they do any known job.
   */
  prefetch(): void {
    if (this.options.signal.aborted) return;
    this.prefetching = true;
    this.start();
  }

  /** How many tiles a feature has been handed the job of (or told there is none). */
  get annotatedCount(): number {
    return this.annotated;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    observe(anySelector('jobTile'), (element) => this.found(element), { signal: this.options.signal });
    this.scanned = true;
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
    // The lookup is asked for first (the scan's end sends it); the tile's panels are drawn meanwhile.
    const known = this.jobs.get(id);
    const asked = known === undefined && (this.prefetching || [...this.subscriptions].some((s) => s.subscriber.onJob));
    if (asked) this.want(id);
    const subscriptions = [...this.subscriptions];
    const introduce = () => {
      for (const subscription of subscriptions) this.introduce(subscription, record);
      if (known !== undefined && !record.life.signal.aborted) {
        this.deliverTo(record, known);
        this.markAnnotated();
      }
    };
    // A tile waits a moment for its answer, so its panels are drawn once, with it: a "loading"
    // panel first is a second drawing and one more frame that changes layout. See HOLD_MS.
    if (asked) this.hold(record, introduce, this.scanned ? HOLD_MS : FIRST_HOLD_MS);
    else this.slices.push(introduce);
  }

  /** Draws `record`'s panels (`introduce`, and what subscribers add meanwhile) once its answer or error is in, or after `ms`. */
  private hold(record: TileRecord, introduce: () => void, ms: number): void {
    const timer = setTimeout(() => this.release(record), ms);
    this.held.set(record, { timer, introduce: [introduce] });
  }

  private release(record: TileRecord): void {
    const held = this.held.get(record);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(record);
    for (const introduce of held.introduce) this.slices.push(introduce);
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
    if (subscription.told.has(record)) return;
    subscription.told.set(record, undefined);
    const handle = this.handle(subscription, record);
    this.call(subscription, () => subscription.subscriber.onTile?.(handle));
  }

  /** A failed lookup, to a subscriber told of the tile; one told later hears of it with the tile (see `introduce`). */
  private tellError(subscription: Subscription, record: TileRecord, failure: LoupeError): void {
    if (!subscription.told.has(record)) return;
    const handle = this.handle(subscription, record);
    this.call(subscription, () => subscription.subscriber.onError?.(handle, failure));
  }

  /** A tile to one subscriber, with what is already known of its job: the answer, or why there is none. */
  private introduce(subscription: Subscription, record: TileRecord): void {
    if (record.life.signal.aborted) return;
    this.announce(subscription, record);
    const known = this.jobs.get(record.jobId);
    const failure = this.errors.get(record.jobId);
    if (known !== undefined) {
      this.feed(subscription, record, known);
      this.countAnnotated(record);
    } else if (failure) this.tellError(subscription, record, failure);
  }

  /** A tile counts as annotated once a feature has its job: a prefetched answer nobody subscribed to yet shows nowhere. */
  private countAnnotated(record: TileRecord): void {
    if (record.delivered) return;
    if (![...this.subscriptions].some((subscription) => subscription.told.get(record) !== undefined)) return;
    record.delivered = true;
    this.annotated += 1;
  }

  /** Hands a tile's job to one subscriber that was told of the tile, unless it already has this very answer. */
  private feed(subscription: Subscription, record: TileRecord, job: JobSummary | null): void {
    if (!subscription.told.has(record) || subscription.told.get(record) === job) return;
    subscription.told.set(record, job);
    const handle = this.handle(subscription, record);
    this.call(subscription, () => subscription.subscriber.onJob?.(handle, job));
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
    this.lookups.want(jobId);
  }

  /** One batch's answer, tile by tile. */
  private answered(ids: string[], answer: ResponseOf<'jobs.forTiles'>): void {
    const byId = new Map(answer.jobs.map((job) => [job.id, job]));
    for (const [id, client] of Object.entries(answer.partial ?? {})) this.basics.set(id, client);
    for (const id of answer.notFound ?? []) this.notListed.add(id);
    const failed = new Map(Object.entries(answer.errors ?? {}).map(([id, error]) => [id, new LoupeError(error.code, error.message)]));
    const limited = new Set(answer.limited?.ids ?? []);
    for (const id of limited) failed.set(id, new LoupeError('rate-limited', LIMITED_MESSAGE));
    for (const id of ids) {
      this.lookups.landed(id);
      const failure = byId.has(id) ? undefined : failed.get(id);
      if (failure) {
        this.fail(id, failure);
        continue;
      }
      const job = byId.get(id) ?? null;
      this.jobs.set(id, job);
      for (const record of this.byJob.get(id) ?? []) {
        this.release(record);
        this.slices.push(() => {
          if (!record.life.signal.aborted) this.deliverTo(record, job);
        });
      }
    }
    if (answer.limited && limited.size > 0) this.askAgainAt([...limited], answer.limited.retryAt);
    this.slices.push(() => this.markAnnotated());
  }

  /** A whole batch failed. */
  private failed(ids: string[], failure: LoupeError): void {
    if (failure.code === 'signed-out') this.options.notices().show(SIGNED_OUT_NOTICE.id, SIGNED_OUT_NOTICE.text);
    for (const id of ids) {
      this.lookups.landed(id);
      this.fail(id, failure);
    }
  }

  private fail(id: string, failure: LoupeError): void {
    this.errors.set(id, failure);
    for (const record of this.byJob.get(id) ?? []) {
      this.release(record);
      record.panel?.setState(this.stateOf(id));
      for (const subscription of [...this.subscriptions]) this.tellError(subscription, record, failure);
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
    for (const subscription of [...this.subscriptions]) this.feed(subscription, record, job);
    this.countAnnotated(record);
  }

  /** Benchmarks and tests read when the last tile got its data (test builds only); once per new count. */
  private markAnnotated(): void {
    if (this.annotated === this.marked) return;
    this.marked = this.annotated;
    testMark(document.documentElement, 'loupeTilesAnnotated', String(this.annotated));
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
    this.lookups.stop();
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
    for (const record of this.records) {
      testMark(record.element as HTMLElement, 'loupeTile', null);
      record.look.dispose();
    }
    this.records.length = 0;
    this.byJob.clear();
    this.subscriptions.clear();
  }
}
