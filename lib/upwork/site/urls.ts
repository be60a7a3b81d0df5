/**
 * Which upwork.com page a URL is, as pure functions. Each detector sits next to the real URL
 * shapes it must match (exported for tests, which also check that no detector matches another's
 * examples). Paths are matched without locale or trailing-slash noise.
 */

import type { PageSearch } from './page-search';
import { pageSearchOf } from './search-url';

type UrlLike = URL | string;

const ORIGIN = 'https://www.upwork.com';

function toUrl(url: UrlLike): URL {
  return typeof url === 'string' ? new URL(url, ORIGIN) : url;
}

function path(url: UrlLike): string {
  const pathname = toUrl(url).pathname;
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

/** A job ciphertext in a path segment: `~02` + digits (also older `~01` + hex). */
const CIPHER = '~0[12][0-9a-zA-Z]+';

export const jobSearchExamples = [
  'https://www.upwork.com/nx/search/jobs/?q=react',
  'https://www.upwork.com/nx/search/jobs/?q=react%20native&page=2&per_page=20',
  'https://www.upwork.com/nx/search/jobs/',
  'https://www.upwork.com/nx/search/jobs?q=python&sort=recency',
  'https://www.upwork.com/nx/jobs/search/?q=vue',
  'https://www.upwork.com/ab/jobs/search/?q=logo',
];
export function isJobSearch(url: UrlLike): boolean {
  return /^\/(nx\/search\/jobs|nx\/jobs\/search|ab\/jobs\/search)$/.test(path(url));
}

export type FeedKind = 'best-matches' | 'most-recent' | 'my-feed' | 'saved-jobs';
export const findWorkFeedExamples = [
  'https://www.upwork.com/nx/find-work/best-matches',
  'https://www.upwork.com/nx/find-work/most-recent',
  'https://www.upwork.com/nx/find-work/my-feed',
  'https://www.upwork.com/nx/find-work/saved-jobs',
  'https://www.upwork.com/nx/find-work/',
  'https://www.upwork.com/nx/s/find-work/best-matches',
  'https://www.upwork.com/nx/s/find-work/most-recent/',
  'https://www.upwork.com/nx/s/find-work/saved-jobs?page=2',
];
/** Which find-work feed, or null. The bare /nx/find-work/ lands on best matches. */
export function findWorkFeed(url: UrlLike): FeedKind | null {
  const match = /^\/nx\/(?:s\/)?find-work(?:\/(best-matches|most-recent|my-feed|saved-jobs))?$/.exec(path(url));
  if (!match) return null;
  return (match[1] as FeedKind | undefined) ?? 'best-matches';
}
export function isFindWorkFeed(url: UrlLike): boolean {
  return findWorkFeed(url) !== null;
}

export const jobDetailsExamples = [
  'https://www.upwork.com/jobs/Senior-React-Developer_~022024696422907076268/',
  'https://www.upwork.com/jobs/Senior-React-Developer_~022024696422907076268?referrer_url_path=find_work_home',
  'https://www.upwork.com/jobs/~022024696422907076268',
  'https://www.upwork.com/freelance-jobs/apply/Logo-design-for-bakery_~021999888777666555444/',
  'https://www.upwork.com/jobs/Old-style-job_~01a1b2c3d4e5f6a7b8/',
];
export function isJobDetails(url: UrlLike): boolean {
  return new RegExp(`^/(jobs|freelance-jobs/apply)/([^/]*_)?${CIPHER}$`).test(path(url));
}

export const jobSliderExamples = [
  'https://www.upwork.com/nx/search/jobs/details/~022024696422907076268',
  'https://www.upwork.com/nx/search/jobs/details/~022024696422907076268?q=react&pageTitle=Job%20Details',
  'https://www.upwork.com/nx/find-work/best-matches/details/~022024696422907076268',
  'https://www.upwork.com/nx/find-work/details/~022024696422907076268',
  'https://www.upwork.com/nx/s/find-work/most-recent/details/~022024696422907076268/',
];
/** The job slider: a job opened over a search or feed list (the list stays underneath). */
export function isJobSlider(url: UrlLike): boolean {
  return new RegExp(`^/nx/((search/jobs)|((s/)?find-work(/[a-z-]+)?))/details/${CIPHER}$`).test(path(url));
}

export const freelancerProfileExamples = [
  'https://www.upwork.com/freelancers/~01abc123def456ghi7',
  'https://www.upwork.com/freelancers/~01abc123def456ghi7/',
  'https://www.upwork.com/freelancers/~01abc123def456ghi7?viewMode=1&s=1110580755107926016',
  'https://www.upwork.com/freelancers/janedoe',
  'https://www.upwork.com/o/profiles/users/~01abc123def456ghi7/',
];
/** A freelancer's profile; vanity URLs (/freelancers/<name>) count but carry no key. */
export function isFreelancerProfile(url: UrlLike): boolean {
  return /^\/(freelancers\/(~01[0-9a-zA-Z]+|[A-Za-z0-9][\w-]*)|o\/profiles\/users\/_?~01[0-9a-zA-Z]+)$/.test(path(url));
}

/** Pages that show a list of job tiles (the slider keeps its list underneath). */
export function isJobTileList(url: UrlLike): boolean {
  return isJobSearch(url) || isFindWorkFeed(url);
}

export type PageKind = 'job-search' | 'find-work-feed' | 'job-details' | 'job-slider' | 'freelancer-profile' | 'other';

export function pageKind(url: UrlLike): PageKind {
  if (isJobSearch(url)) return 'job-search';
  if (isFindWorkFeed(url)) return 'find-work-feed';
  if (isJobSlider(url)) return 'job-slider';
  if (isJobDetails(url)) return 'job-details';
  if (isFreelancerProfile(url)) return 'freelancer-profile';
  return 'other';
}

export const otherPageExamples = [
  'https://www.upwork.com/',
  'https://www.upwork.com/nx/find-work/proposals',
  'https://www.upwork.com/ab/proposals/',
  'https://www.upwork.com/nx/wm/workroom/12345',
  'https://www.upwork.com/freelancers/settings/profile/extra',
  'https://www.upwork.com/jobs/',
  'https://www.upwork.com/nx/search/talent/?q=react',
  'https://www.upwork.com/messages/rooms/room_abc',
];

/**
 * The API search that mirrors a batch of tiles: the page's own search (query, filters, sort),
 * shifted by where the batch sits in the list (infinite scroll appends the next page under the
 * same URL). Most recent is a search for everything, newest first; other feeds have no search to
 * mirror (undefined): their tiles are looked up one by one.
 */
export function mirrorQueryFor(url: UrlLike, position: number, count: number): PageSearch | undefined {
  const base: PageSearch | undefined = isJobSearch(url)
    ? pageSearchOf(toUrl(url))
    : findWorkFeed(url) === 'most-recent'
      ? { offset: 0, pageSize: 10, sort: 'RECENCY' }
      : undefined;
  if (!base) return undefined;
  const pageSize = Math.min(100, Math.max(base.pageSize ?? 10, Math.ceil(count / 10) * 10));
  return { ...base, offset: Math.min(5_000, (base.offset ?? 0) + position), pageSize };
}

/** The job's own page on upwork.com: its ciphertext when known, else `~02` + the numeric id, which is what newer jobs have. */
export function jobUrl(jobId: string, ciphertext = ''): string {
  const key = ciphertext.startsWith('~') ? ciphertext : `~02${jobId}`;
  return `${ORIGIN}/jobs/${encodeURIComponent(key)}`;
}

/** Upwork's search for a saved search's words, newest first: where a grouped notification leads. */
export function searchUrl(query: string): string {
  const params = new URLSearchParams();
  if (query.trim()) params.set('q', query.trim());
  params.set('sort', 'recency');
  return `${ORIGIN}/nx/search/jobs/?${params}`;
}

/**
 * The address a notification click may open: only pages on https://www.upwork.com/. A grouped
 * notification's address is kept in storage, which a content script can write where the browser
 * cannot shut it out (Firefox), so it is checked again right before a tab opens.
 */
export function upworkAddressOrNull(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  const plainOrigin = url.protocol === 'https:' && url.hostname === 'www.upwork.com' && url.port === '';
  return plainOrigin && url.username === '' && url.password === '' ? url.href : null;
}
