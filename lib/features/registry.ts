/**
 * Loupe's page features and the runner that starts and stops them as upwork.com's SPA navigates.
 *
 * Adding a feature (power tools too):
 *   1. Write one module that exports `defineFeature({ id, title, description, include: [isJobSearch, …], init(ctx) })`.
 *   2. Add it to the list in lib/features/index.ts. The options page's on/off switches come from that list.
 * `init(ctx)` gets `ctx.signal`: pass it to every listener, observer and island; it aborts when the
 * route no longer matches, the user switches the feature off, or the feature fails. A feature that
 * throws (or whose `ctx.waitFor(landmark)` times out) is switched off for this page alone and named
 * in the health report with the landmark's selectors. Nothing throws into the page.
 *
 * Extension points for job tiles (search, feeds, the list under the slider) — `ctx.tiles`, see tiles/hub.ts:
 *   ctx.tiles.subscribe(ctx, { onTile(tile), onJob(tile, job), onError(tile, error) })
 *   - onTile: once per tile element (present and added later by infinite scroll or re-renders).
 *   - onJob: the tile's JobSummary (null when the API doesn't know the job); the hub fetches for all
 *     subscribers with one 'jobs.forTiles' message per batch, so adding a tile feature costs no requests.
 *   - tile.section(id, {order}) -> an element inside the tile's one Loupe panel (shadow root) to render into;
 *     tile.badge(id, text, {tone, title}) -> a small badge in the panel's badge row;
 *     tile.titleSlot(id, {order}) -> a chip-sized element beside the tile's title, or null (then use a section);
 *     tile.setHidden(bool) / tile.setDimmed(bool) -> hide or dim the whole tile (filters, block list).
 *     All of it is undone when the subscriber's signal aborts.
 * `routeKey(url)` decides when a running feature restarts: by default on any path or query change;
 * tile features return a constant so the list (and its panels) survive the slider opening over it.
 */
import { observe } from '../helpers/observe';
import { TEST_BUILD, testMark } from '../helpers/test-build';
import { type HealthSnapshot, PageHealth } from '../upwork/site/health';
import { anySelector, type LandmarkName, queryMatch, selectorsOf } from '../upwork/site/selectors';
import { isFindWorkFeed, isJobSearch, isJobSlider, isJobTileList, type PageKind, pageKind } from '../upwork/site/urls';
import { type FeatureSettings, PageSettings } from './power-state';
import { type Send, TileHub } from './tiles/hub';
import { PageNotices } from './ui/notice';
import type { OverlayViews } from './views';

export type UrlDetector = (url: URL) => boolean;

export interface Feature {
  /** Stable id: the storage key of its on/off switch and its name in logs and health reports. */
  id: string;
  /** For the options page. */
  title: string;
  description: string;
  include: readonly UrlDetector[];
  exclude?: readonly UrlDetector[];
  /** Running features restart when this changes between navigations (default: path + query). */
  routeKey?: (url: URL) => string;
  init(ctx: FeatureContext): void | Promise<void>;
}

export interface FeatureContext {
  readonly id: string;
  readonly signal: AbortSignal;
  /** The URL the feature started on. */
  readonly url: URL;
  readonly page: PageKind;
  /** The URL now (it changes under features that survive navigation). */
  currentUrl(): URL;
  readonly views: OverlayViews;
  readonly notices: PageNotices;
  readonly tiles: TileHub;
  /** The user's settings, block list and notes, read once per page and followed as they change. */
  readonly settings: FeatureSettings;
  readonly send: Send;
  /** First element of a landmark, waiting for the SPA to render it; rejects with LandmarkMissingError after the timeout. */
  waitFor(name: LandmarkName, options?: { root?: Document | Element | ShadowRoot; timeoutMs?: number }): Promise<Element>;
  /** Records whether a landmark was found, for the health report. */
  landmark(name: LandmarkName | string, matched: boolean): void;
  /** Switches this feature off for this page (logs and reports why). */
  fail(error: unknown): void;
  now(): Date;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}

/**
 * A feature of the job-tile lists (search, find-work feeds, the list under the slider). The list
 * outlives the slider opening over it and in-list navigations, so the feature keeps its work and
 * only annotates new tiles.
 */
export function defineTileFeature(feature: Omit<Feature, 'include' | 'exclude' | 'routeKey'>): Feature {
  return { ...feature, include: [isJobSearch, isFindWorkFeed, isJobSlider], routeKey: () => 'job-tile-lists' };
}

export class LandmarkMissingError extends Error {
  constructor(
    readonly landmark: LandmarkName,
    readonly selectors: readonly string[],
  ) {
    super(`landmark "${landmark}" not found (tried ${selectors.join(' | ')})`);
    this.name = 'LandmarkMissingError';
  }
}

/** A feature's own `signal.reason` when it was switched off after failing. */
class FeatureStopped extends Error {
  override name = 'AbortError';
}

export interface RunnerOptions {
  features: readonly Feature[];
  views: OverlayViews;
  send: Send;
  /** The content script's lifetime (WXT ctx.signal). */
  signal: AbortSignal;
  /** The page's one copy of the user's data (made from `send` when not given). */
  settings?: PageSettings;
  isEnabled: (id: string) => boolean;
  reportHealth: (snapshot: HealthSnapshot) => void;
  landmarkTimeoutMs?: number;
  healthDelayMs?: number;
  now?: () => Date;
}

interface Running {
  controller: AbortController;
  key: string;
  href: string;
  failed: boolean;
}

/** Tiles live on lists; the slider opens over a list, which stays. */
function hasTiles(url: URL): boolean {
  return isJobTileList(url) || isJobSlider(url);
}

export class FeatureRunner {
  private readonly running = new Map<string, Running>();
  private url: URL | undefined;
  private pageKey = '';
  private pageController = new AbortController();
  private pageHealth: PageHealth | undefined;
  private pageNotices = new PageNotices(this.pageController.signal);
  private hub: { hub: TileHub; controller: AbortController } | undefined;
  private readonly settings: PageSettings;

  constructor(private readonly options: RunnerOptions) {
    this.settings = options.settings ?? new PageSettings(options.send, options.signal);
    options.signal.addEventListener('abort', () => this.stopAll(), { once: true });
  }

  /** Call on start and on every SPA navigation. */
  navigate(url: URL): void {
    if (this.options.signal.aborted) return;
    this.url = url;
    const pageKey = url.pathname + url.search;
    if (pageKey !== this.pageKey) this.newPage(url, pageKey);
    if (this.hub && !hasTiles(url)) {
      this.hub.controller.abort();
      this.hub = undefined;
    }
    for (const feature of this.options.features) {
      const wanted = this.options.isEnabled(feature.id) && matches(feature, url);
      const entry = this.running.get(feature.id);
      const key = routeKeyOf(feature, url);
      // A feature that failed retries on a new URL, never on the same one.
      const stale = entry && (!wanted || entry.key !== key || (entry.failed && entry.href !== url.href));
      if (entry && stale) {
        entry.controller.abort();
        this.running.delete(feature.id);
      }
      if (wanted && !this.running.has(feature.id)) this.start(feature, url, key);
    }
    this.markDocument();
  }

  /** Re-evaluates which features run (after the on/off switches changed). */
  refresh(): void {
    if (this.url) this.navigate(this.url);
  }

  /** Ids of the features running on this page (not failed). */
  get active(): string[] {
    return [...this.running].filter(([, entry]) => !entry.failed).map(([id]) => id);
  }

  get health(): PageHealth | undefined {
    return this.pageHealth;
  }

  private newPage(url: URL, pageKey: string): void {
    this.pageHealth?.flush();
    this.pageController.abort();
    this.pageController = new AbortController();
    this.pageNotices = new PageNotices(this.pageController.signal);
    this.pageKey = pageKey;
    this.pageHealth = new PageHealth(pageKind(url), url.href.slice(0, 2_000), this.options.reportHealth, this.options.healthDelayMs);
  }

  private tileHub(): TileHub {
    if (!this.hub) {
      const controller = new AbortController();
      this.options.signal.addEventListener('abort', () => controller.abort(), { once: true });
      const hub = new TileHub({
        signal: controller.signal,
        send: this.options.send,
        currentUrl: () => this.url ?? new URL(location.href),
        notices: () => this.pageNotices,
        landmark: (name, matched) => this.pageHealth?.landmark(name, matched),
      });
      this.hub = { hub, controller };
    }
    return this.hub.hub;
  }

  private start(feature: Feature, url: URL, key: string): void {
    const controller = new AbortController();
    const entry: Running = { controller, key, href: url.href, failed: false };
    this.running.set(feature.id, entry);
    const fail = (error: unknown) => {
      if (controller.signal.aborted) return;
      entry.failed = true;
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`[loupe] feature "${feature.id}" is off on this page: ${reason}`);
      this.pageHealth?.disable(feature.id, reason);
      controller.abort(new FeatureStopped(reason));
      this.markDocument();
    };
    const runner = this;
    const timeoutMs = this.options.landmarkTimeoutMs ?? 6_000;
    const ctx: FeatureContext = {
      id: feature.id,
      signal: controller.signal,
      url,
      page: pageKind(url),
      currentUrl: () => runner.url ?? url,
      views: this.options.views,
      get notices() {
        return runner.pageNotices;
      },
      get tiles() {
        return runner.tileHub();
      },
      settings: this.settings.forFeature(controller.signal),
      send: this.options.send,
      waitFor: (name, options) => this.waitFor(name, controller.signal, options?.root ?? document, options?.timeoutMs ?? timeoutMs),
      landmark: (name, matched) => this.pageHealth?.landmark(name, matched),
      fail,
      now: this.options.now ?? (() => new Date()),
    };
    try {
      const result = feature.init(ctx);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  private waitFor(name: LandmarkName, signal: AbortSignal, root: Document | Element | ShadowRoot, timeoutMs: number): Promise<Element> {
    const now = queryMatch(root, name);
    if (now) {
      this.pageHealth?.landmark(name, true);
      return Promise.resolve(now.element);
    }
    return new Promise((resolve, reject) => {
      const done = new AbortController();
      const finish = () => {
        clearTimeout(timer);
        done.abort();
      };
      const timer = setTimeout(() => {
        finish();
        this.pageHealth?.landmark(name, false);
        reject(new LandmarkMissingError(name, selectorsOf(name)));
      }, timeoutMs);
      signal.addEventListener(
        'abort',
        () => {
          finish();
          reject(signal.reason);
        },
        { once: true, signal: done.signal },
      );
      observe(
        anySelector(name),
        (element) => {
          finish();
          this.pageHealth?.landmark(name, true);
          resolve(element);
        },
        { signal: done.signal, root },
      );
    });
  }

  private stopAll(): void {
    for (const entry of this.running.values()) entry.controller.abort();
    this.running.clear();
    this.hub?.controller.abort();
    this.hub = undefined;
    this.pageController.abort();
    this.pageHealth?.cancel();
  }

  /** Which features run, on <html>, for tests (test builds only: the page must not learn which features the user runs). */
  private markDocument(): void {
    if (!TEST_BUILD) return;
    const root = document.documentElement;
    testMark(root, 'loupeFeatures', this.active.join(' '));
    const off = [...this.running].filter(([, entry]) => entry.failed).map(([id]) => id);
    testMark(root, 'loupeFeaturesOff', off.length > 0 ? off.join(' ') : null);
  }
}

export function matches(feature: Feature, url: URL): boolean {
  return feature.include.some((detect) => detect(url)) && !(feature.exclude ?? []).some((detect) => detect(url));
}

function routeKeyOf(feature: Feature, url: URL): string {
  return feature.routeKey ? feature.routeKey(url) : url.pathname + url.search;
}
