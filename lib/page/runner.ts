/**
 * Starts and stops the page features (feature.ts) as upwork.com's SPA navigates: one runner per
 * content script, holding the page's services (settings, tiles, notices) that every feature shares.
 */
import { messageOf } from '../helpers/format';
import { observe } from '../helpers/observe';
import { TEST_BUILD, testMark } from '../helpers/test-build';
import { type HealthSnapshot, PageHealth } from '../upwork/site/health';
import { anySelector, type LandmarkName, queryMatch, selectorsOf } from '../upwork/site/selectors';
import { isJobSlider, isJobTileList, pageKind } from '../upwork/site/urls';
import { type Feature, type FeatureContext, matches } from './feature';
import type { Send } from './send';
import { PageSettings } from './settings';
import { TileHub } from './tiles/hub';
import { PageNotices } from './ui/notice';
import type { OverlayViews } from './views';
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
    this.enter(url);
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

  /**
   * On a page with job tiles, asks for the tiles' jobs before the features start (see
   * TileHub.prefetch). With every tile feature switched off that costs the page's one lookup
   * anyway: the switches are not known yet, and waiting for them is what this saves.
   */
  prefetchTiles(url: URL): void {
    if (this.options.signal.aborted || !hasTiles(url)) return;
    this.enter(url);
    this.tileHub().prefetch();
  }

  /** `url` is where the page is now; a new path or query is a new page (its own health, notices and lifetime). */
  private enter(url: URL): void {
    this.url = url;
    const pageKey = url.pathname + url.search;
    if (pageKey !== this.pageKey) this.newPage(url, pageKey);
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
      const reason = messageOf(error);
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

function routeKeyOf(feature: Feature, url: URL): string {
  return feature.routeKey ? feature.routeKey(url) : url.pathname + url.search;
}
