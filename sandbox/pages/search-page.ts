import {
  DEFAULT_PAGE_SIZE,
  type IntRange,
  MAX_PAGE_SIZE,
  type SearchHit,
  type SearchPage,
  type SortField,
  searchJobs,
} from '../data/search';
import type { PageContext } from './context';
import { number } from './format';
import { html, type SafeHtml } from './html';
import { searchTile } from './job-tile';
import type { PageResult } from './layout';

export const PAGE_SIZES = [10, 20, 50] as const;

export interface SearchParams {
  q: string;
  page: number;
  perPage: number;
  /** The page's filter parameters and sort, kept as the URL gave them (t, amount, hourly_rate, …). */
  filters: [string, string][];
}

/** URL parameters of Upwork's search page that filter or sort the list. */
const FILTER_PARAMS = [
  't',
  'amount',
  'hourly_rate',
  'contractor_tier',
  'client_hires',
  'proposals',
  'payment_verified',
  'location',
  'sort',
];

export function readSearchParams(url: URL): SearchParams {
  const perPage = Number(url.searchParams.get('per_page'));
  const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10);
  return {
    q: url.searchParams.get('q') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
    perPage: (PAGE_SIZES as readonly number[]).includes(perPage) ? perPage : DEFAULT_PAGE_SIZE,
    filters: FILTER_PARAMS.flatMap((name) => {
      const value = url.searchParams.get(name);
      return value ? [[name, value] as [string, string]] : [];
    }),
  };
}

export function searchUrl(p: SearchParams, page = p.page, path = '/nx/search/jobs/'): string {
  const query = new URLSearchParams();
  if (p.q) query.set('q', p.q);
  for (const [name, value] of p.filters) query.set(name, value);
  if (page > 1) query.set('page', String(page));
  if (p.perPage !== DEFAULT_PAGE_SIZE) query.set('per_page', String(p.perPage));
  const qs = query.toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

/** `201-`, `100-499`, `0`: one ticked range; several are comma-separated and any may match. */
function ranges(value: string | undefined): IntRange[] {
  return (value ?? '')
    .split(',')
    .map((part) => /^(\d*)-?(\d*)$/.exec(part.trim()))
    .filter((m): m is RegExpExecArray => m !== null && (m[1] !== '' || m[2] !== ''))
    .map((m) => ({
      rangeStart: m[1] ? Number(m[1]) : null,
      rangeEnd: m[0].includes('-') ? (m[2] ? Number(m[2]) : null) : Number(m[1]),
    }));
}

const inAny = (value: number, list: IntRange[]) =>
  list.length === 0 || list.some((r) => (r.rangeStart == null || value >= r.rangeStart) && (r.rangeEnd == null || value <= r.rangeEnd));

const TIERS: Record<string, string> = { '1': 'ENTRY_LEVEL', '2': 'INTERMEDIATE', '3': 'EXPERT' };
const SORTS: Record<string, SortField> = {
  recency: 'RECENCY',
  relevance: 'RELEVANCE',
  client_total_charge: 'CLIENT_TOTAL_CHARGE',
  client_rating: 'CLIENT_RATING',
};

/** The page's own reading of its filters (as Upwork's page applies them), apart from the API's. */
function pageFilter(p: SearchParams): (hit: SearchHit) => boolean {
  const f = new Map(p.filters);
  const types = (f.get('t') ?? '')
    .split(',')
    .filter(Boolean)
    .map((t) => (t === '0' ? 'HOURLY' : 'FIXED'));
  const tiers = (f.get('contractor_tier') ?? '')
    .split(',')
    .map((t) => TIERS[t])
    .filter(Boolean);
  const amount = ranges(f.get('amount'));
  const hourly = ranges(f.get('hourly_rate'));
  const hires = ranges(f.get('client_hires'));
  const proposals = ranges(f.get('proposals'));
  const places = (f.get('location') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  return ({ job, client }) =>
    (types.length === 0 || types.includes(job.jobType)) &&
    (tiers.length === 0 || tiers.includes(job.experienceLevel)) &&
    (amount.length === 0 ||
      (job.jobType === 'FIXED' && inAny(job.fixedBudget ?? 0, amount)) ||
      (job.jobType === 'HOURLY' && hourly.length > 0)) &&
    (hourly.length === 0 ||
      (job.jobType === 'HOURLY' && inAny(job.hourlyMax ?? job.hourlyMin ?? 0, hourly)) ||
      (job.jobType === 'FIXED' && amount.length > 0)) &&
    inAny(client.totalHires, hires) &&
    inAny(job.totalApplicants ?? 0, proposals) &&
    (f.get('payment_verified') !== '1' || client.paymentVerified) &&
    (places.length === 0 || places.includes((client.country?.name ?? '').toLowerCase()));
}

/**
 * The page's list: its query and URL filters, in its sort (newest first by default). With the
 * sandbox's search divergence off, this is exactly the API's search for the same query.
 */
export function searchPageHits(ctx: PageContext, p: SearchParams): SearchPage {
  const sort = SORTS[(new Map(p.filters).get('sort') ?? '').split(/[\s+]/)[0] ?? ''] ?? 'RECENCY';
  const all = searchJobs(ctx.dataset, { searchExpression_eq: p.q, pagination_eq: { first: MAX_PAGE_SIZE, after: '0' } }, sort);
  const everything = all.totalCount > MAX_PAGE_SIZE ? allHits(ctx, p.q, sort, all.totalCount) : all.hits;
  const kept = everything.filter(pageFilter(p));
  const offset = (p.page - 1) * p.perPage;
  const hits = kept.slice(offset, offset + p.perPage);
  return {
    totalCount: kept.length,
    hits,
    hasNextPage: offset + p.perPage < kept.length,
    endCursor: hits.length > 0 ? String(offset + hits.length) : null,
  };
}

function allHits(ctx: PageContext, q: string, sort: SortField, total: number): SearchHit[] {
  const hits: SearchHit[] = [];
  for (let after = 0; after < total; after += MAX_PAGE_SIZE) {
    hits.push(
      ...searchJobs(ctx.dataset, { searchExpression_eq: q, pagination_eq: { first: MAX_PAGE_SIZE, after: String(after) } }, sort).hits,
    );
  }
  return hits;
}

/** The 2026 list (section.card-list-container) on /nx/search/jobs/; the older one on the older /ab/jobs/search/ route. */
export type SearchMarkup = '2026' | 'older';

export function searchTiles(ctx: PageContext, p: SearchParams, path = '/nx/search/jobs/'): { tiles: SafeHtml; nextUrl: string | null } {
  const result = searchPageHits(ctx, p);
  const detailQuery = searchUrl(p).replace(/^[^?]*/, '');
  return {
    tiles: html`${result.hits.map(({ job, client }) => searchTile(ctx, job, client, `/nx/search/jobs/details/~02${job.id}${detailQuery}`))}`,
    nextUrl: result.hasNextPage ? searchUrl(p, p.page + 1, path) : null,
  };
}

function tileList(ctx: PageContext, markup: SearchMarkup, tiles: SafeHtml): SafeHtml {
  return markup === '2026'
    ? html`<section class="${ctx.cls('card-list-container')} tile-list"${ctx.attr('data-ev-sublocation', 'search_results')}>${tiles}</section>`
    : html`<section class="${ctx.cls('job-tile-list')} tile-list"${ctx.attr('data-test', 'job-tile-list')}>${tiles}</section>`;
}

export function renderSearchPage(ctx: PageContext, url: URL, markup: SearchMarkup = '2026'): PageResult {
  const p = readSearchParams(url);
  const path = markup === '2026' ? '/nx/search/jobs/' : '/ab/jobs/search/';
  const result = searchPageHits(ctx, p);
  const { tiles, nextUrl } = searchTiles(ctx, p, path);
  const pages = Math.max(1, Math.ceil(result.totalCount / p.perPage));
  const main = html`<div class="search-page">
  <form class="search-form" action="/nx/search/jobs/" method="get" role="search">
    <input type="search" name="q" value="${p.q}" placeholder="Search for jobs" aria-label="Search for jobs" data-test="search-input">
    <select name="per_page" aria-label="Jobs per page">${[10, 20, 50].map(
      (n) => html`<option value="${n}"${n === p.perPage ? html` selected` : ''}>${n} per page</option>`,
    )}</select>
    <button type="submit">Search</button>
  </form>
  <p class="results-count" data-test="results-count">${number(result.totalCount)} jobs found</p>
  ${tileList(ctx, markup, tiles)}
  ${nextUrl ? html`<button type="button" class="load-more" data-test="load-more" data-next="${nextUrl}">Load more jobs</button>` : ''}
  <div class="scroll-sentinel" data-test="scroll-sentinel"></div>
  <nav class="pagination" aria-label="Pages" data-test="pagination">${p.page > 1 ? html`<a href="${searchUrl(p, p.page - 1)}" rel="prev">Previous</a>` : ''}
    <span>Page ${p.page} of ${pages}</span>
    ${nextUrl ? html`<a href="${nextUrl}" rel="next">Next</a>` : ''}</nav>
</div>`;
  return { status: 200, title: p.q ? `${p.q} - Job search` : 'Job search', main, listUrl: searchUrl(p, p.page, path) };
}
