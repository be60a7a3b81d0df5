/**
 * What a page feature is, and what it is handed. A feature is one folder under lib/features/ (see
 * the README's Layout section); the runner (runner.ts) starts it when the page matches and stops it
 * when the page no longer does.
 *
 * `init(ctx)` gets `ctx.signal`: pass it to every listener, observer and island; it aborts when the
 * route no longer matches, the user switches the feature off, or the feature fails. A feature that
 * throws (or whose `ctx.waitFor(landmark)` times out) is switched off for this page alone and named
 * in the health report with the landmark's selectors. Nothing throws into the page.
 *
 * The page's services come with `ctx`, so a feature imports neither storage nor messaging:
 *   ctx.settings.load(onChange) -> the user's settings, block list and notes (read once per page).
 *   ctx.send(type, payload)     -> a message to the worker (only the page's own messages).
 *   ctx.notices                 -> one line at the top of the page, shared by every feature.
 *   ctx.views                   -> the rich overlays (cards), passed in by the content script.
 *   ctx.tiles                   -> the job tiles (search, feeds, the list under the slider), see tiles/handle.ts:
 *     ctx.tiles.subscribe(ctx, { onTile(tile), onJob(tile, job), onError(tile, error) })
 *     - onTile: once per tile element (present and added later by infinite scroll or re-renders).
 *     - onJob: the tile's JobSummary (null when the API doesn't know the job); the hub fetches for all
 *       subscribers with one 'jobs.forTiles' message per batch, so adding a tile feature costs no requests.
 *     - tile.section(id, {order}) -> an element inside the tile's one Loupe panel (shadow root) to render into;
 *       tile.badge(id, text, {tone, title}) -> a small badge in the panel's badge row;
 *       tile.titleSlot(id, {order}) -> a chip-sized element beside the tile's title, or null (then use a section);
 *       tile.setHidden(bool) / tile.setDimmed(bool) -> hide or dim the whole tile (filters, block list).
 *       All of it is undone when the subscriber's signal aborts.
 * `routeKey(url)` decides when a running feature restarts: by default on any path or query change;
 * tile features (defineTileFeature) share a constant one so the list and its panels survive the
 * slider opening over it.
 */

import { jobIdFromUrl } from '../upwork/site/ids';
import type { LandmarkName } from '../upwork/site/selectors';
import { isFindWorkFeed, isJobDetails, isJobSearch, isJobSlider, type PageKind } from '../upwork/site/urls';
import type { Send } from './send';
import type { FeatureSettings } from './settings';
import type { TileHub } from './tiles/hub';
import type { PageNotices } from './ui/notice';
import type { OverlayViews } from './views';

export type UrlDetector = (url: URL) => boolean;

export interface Feature {
  /** Stable id: the storage key of its on/off switch and its name in logs and health reports. */
  id: string;
  /** For the options page: the switch's words, and the id of the settings section that shows it (and the feature's editor, if any). */
  title: string;
  description: string;
  section: string;
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

/**
 * A feature of one job: its page and the slider that shows it over a list. `init` gets the job's
 * numeric id; an old-style ~01 link has none, and then the feature has nothing to ask about.
 */
export function defineJobPageFeature(
  feature: Omit<Feature, 'include' | 'exclude' | 'routeKey' | 'init'> & { init(ctx: FeatureContext, jobId: string): void | Promise<void> },
): Feature {
  return {
    ...feature,
    include: [isJobDetails, isJobSlider],
    init(ctx) {
      const id = jobIdFromUrl(ctx.url.href);
      return id ? feature.init(ctx, id) : undefined;
    },
  };
}

export function matches(feature: Feature, url: URL): boolean {
  return feature.include.some((detect) => detect(url)) && !(feature.exclude ?? []).some((detect) => detect(url));
}
