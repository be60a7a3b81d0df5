import type { Dataset } from '../data/schema';
import { html, type SafeHtml } from './html';

/**
 * Everything a page needs to render. `attr`/`cls` drop a landmark when the dropLandmarks fault
 * names it, the way an Upwork redesign renames a data-test attribute and breaks selectors.
 */
export interface PageContext {
  dataset: Dataset;
  startedAt: number;
  now: number;
  drop: ReadonlySet<string>;
  attr(name: string, value: string): SafeHtml;
  cls(...names: string[]): string;
}

/** Landmarks that the dropLandmarks fault knows by name (attribute values, or the attribute name for id carriers). */
export const LANDMARKS = [
  'card-list-container',
  'search_results',
  'job-tile-list',
  'JobTile',
  'data-ev-job-uid',
  'job-tile-title-link',
  'job-pubilshed-date',
  'job-type-label',
  'experience-level',
  'is-fixed-price',
  'token',
  'payment-verified',
  'total-feedback',
  'total-spent',
  'location',
  'proposals-tier',
  'job-description-text',
  'job_feed_tile',
  'data-ev-opening_uid',
  'job-tile-title',
  'client-country',
  'about-client-container',
  'client-spend',
  'client-hires',
  'client-job-posting-stats',
  'client-hourly-rate',
  'client-activity-items',
  'ca-item',
  'air3-slider-content',
] as const;

/** Attributes whose value is an id: the landmark is named by the attribute itself. */
const ID_ATTRIBUTES = new Set(['data-ev-job-uid', 'data-ev-opening_uid']);

export function createPageContext(dataset: Dataset, startedAt: number, dropLandmarks: readonly string[]): PageContext {
  const drop = new Set(dropLandmarks);
  return {
    dataset,
    startedAt,
    now: Date.now(),
    drop,
    attr(name, value) {
      const landmark = ID_ATTRIBUTES.has(name) ? name : value;
      return drop.has(landmark) ? html`` : html` ${name}="${value}"`;
    },
    cls(...names) {
      return names.filter((n) => !drop.has(n)).join(' ');
    },
  };
}
