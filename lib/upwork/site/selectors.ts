/**
 * Every upwork.com landmark Loupe relies on, in one place. Upwork's markup changes several times a
 * year: each landmark lists selectors newest first, and the first one that matches wins. When none
 * match, health.ts records the landmark as missing so the popup can say so.
 */

/** What a page reports beside its landmarks: whether its tiles carried the job id Loupe reads. */
export const TILE_SIGNALS = ['jobTileId'] as const;

export const landmarks = {
  /** One job in a search result list or a find-work feed. */
  jobTile: [
    'article[data-ev-job-uid]',
    '[data-test="JobTile"]',
    'section[data-ev-sublocation="job_feed_tile"]',
    '[data-test="job-tile"]',
    '[data-ev-opening_uid]',
  ],
  /** The title link inside a tile; its href ends in the job ciphertext `~02…`. */
  jobTileTitleLink: [
    '[data-test="job-tile-title-link"]',
    '[data-test="job-tile-title"] a',
    'h2.job-tile-title a',
    'h3.job-tile-title a',
    '.job-tile-title a',
    'a[href*="/jobs/"]',
  ],
  /** The list that holds the tiles (infinite scroll appends to it). */
  tileList: [
    'section.card-list-container[data-ev-sublocation="search_results"]',
    '[data-ev-sublocation="search_results"]',
    '[data-test="job-tile-list"]',
    '[data-test="job-feed-list"]',
    '[data-test="jobs-list"]',
    '[data-test="feed-jobs"]',
    '.job-tile-list',
  ],
  tilePublishedDate: ['[data-test="job-pubilshed-date"]', '[data-test="job-published-date"]', '[data-test="posted-on"]'],
  tileJobType: ['[data-test="job-type-label"]', '[data-test="job-type"]'],
  tileExperienceLevel: ['[data-test="experience-level"]', '[data-test="contractor-tier"]'],
  tileFixedPrice: ['[data-test="is-fixed-price"]', '[data-test="budget"]'],
  tileSkill: ['[data-test="token"]', '.air3-token'],
  tileDescription: ['[data-test="job-description-text"]', '[data-test="UpCLineClamp JobDescription"]', '.job-tile-description'],
  tilePaymentVerified: ['[data-test="payment-verified"]', '[data-test="payment-verification-status"]'],
  tileClientFeedback: ['[data-test="total-feedback"]', '[data-test="client-feedback"]'],
  tileClientSpent: ['[data-test="total-spent"]', '[data-test="client-spendings"]'],
  tileClientCountry: ['[data-test="location"]', '[data-test="client-country"]'],
  tileProposals: ['[data-test="proposals-tier"]', '[data-test="proposals"]'],
  loadMore: ['[data-test="load-more"]', 'button[data-ev-label="load_more"]'],
  /** The job page's "About the client" box (was AboutClientUser). */
  aboutClient: [
    '[data-test="about-client-container"]',
    '[data-test="AboutClientUser"]',
    '[data-test="about-client"]',
    '.cfe-about-client-v2',
  ],
  clientSpend: ['[data-qa="client-spend"]'],
  clientHires: ['[data-qa="client-hires"]'],
  clientJobPostingStats: ['[data-qa="client-job-posting-stats"]'],
  clientHourlyRate: ['[data-qa="client-hourly-rate"]'],
  clientActivityItems: ['.client-activity-items .ca-item', '[data-test="client-activity-item"]'],
  /** The panel a job opens in over a list. */
  sliderContent: ['.air3-slider-content', '[data-test="slider-content"]', '.job-details-slider'],
  /** Where a profile annotation goes: profiles have no stable landmarks, so the page's main region. */
  profileMain: ['main', '[role="main"]', '#main'],
  /** Vanity profile URLs have no key; the canonical link may. */
  canonicalUrl: ['link[rel="canonical"]', 'meta[property="og:url"]'],
  theme: ['html[theme]'],
} as const satisfies Record<string, readonly string[]>;

export type LandmarkName = keyof typeof landmarks;

export function selectorsOf(name: LandmarkName): readonly string[] {
  return landmarks[name];
}

/** All of a landmark's selectors as one selector list, for watching elements that may appear under any of them. */
export function anySelector(name: LandmarkName): string {
  return landmarks[name].join(', ');
}

export interface Match<E extends Element = Element> {
  element: E;
  /** The selector that matched, to tell when a fallback is carrying the page. */
  selector: string;
}

/** The first element of a landmark, trying its selectors newest first. */
export function queryMatch(root: ParentNode, name: LandmarkName): Match | null {
  for (const selector of landmarks[name]) {
    const element = root.querySelector(selector);
    if (element) return { element, selector };
  }
  return null;
}

export function query(root: ParentNode, name: LandmarkName): Element | null {
  return queryMatch(root, name)?.element ?? null;
}

/** Every element of a landmark, from the first selector that matches anything (fallbacks never mix). */
export function queryAll(root: ParentNode, name: LandmarkName): Element[] {
  for (const selector of landmarks[name]) {
    const found = [...root.querySelectorAll(selector)];
    if (found.length > 0) return found;
  }
  return [];
}

/** Which of a landmark's selectors `element` satisfies, or null. */
export function matchingSelector(element: Element, name: LandmarkName): string | null {
  return landmarks[name].find((selector) => element.matches(selector)) ?? null;
}
