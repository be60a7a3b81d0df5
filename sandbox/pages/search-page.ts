import { DEFAULT_PAGE_SIZE, searchJobs } from '../data/search';
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
}

export function readSearchParams(url: URL): SearchParams {
  const perPage = Number(url.searchParams.get('per_page'));
  const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10);
  return {
    q: url.searchParams.get('q') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
    perPage: (PAGE_SIZES as readonly number[]).includes(perPage) ? perPage : DEFAULT_PAGE_SIZE,
  };
}

export function searchUrl(p: SearchParams, page = p.page): string {
  const query = new URLSearchParams();
  if (p.q) query.set('q', p.q);
  if (page > 1) query.set('page', String(page));
  if (p.perPage !== DEFAULT_PAGE_SIZE) query.set('per_page', String(p.perPage));
  const qs = query.toString();
  return `/nx/search/jobs/${qs ? `?${qs}` : ''}`;
}

/**
 * The same call the API gets for `searchExpression_eq = q`, default sort (RECENCY),
 * `first = per_page`, `after = (page - 1) * per_page`: one API search mirrors the page.
 */
export function searchPageHits(ctx: PageContext, p: SearchParams) {
  return searchJobs(ctx.dataset, {
    searchExpression_eq: p.q,
    pagination_eq: { first: p.perPage, after: String((p.page - 1) * p.perPage) },
  });
}

export function searchTiles(ctx: PageContext, p: SearchParams): { tiles: SafeHtml; nextUrl: string | null } {
  const result = searchPageHits(ctx, p);
  const detailQuery = searchUrl(p).replace(/^[^?]*/, '');
  return {
    tiles: html`${result.hits.map(({ job, client }) => searchTile(ctx, job, client, `/nx/search/jobs/details/~02${job.id}${detailQuery}`))}`,
    nextUrl: result.hasNextPage ? searchUrl(p, p.page + 1) : null,
  };
}

export function renderSearchPage(ctx: PageContext, url: URL): PageResult {
  const p = readSearchParams(url);
  const result = searchPageHits(ctx, p);
  const { tiles, nextUrl } = searchTiles(ctx, p);
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
  <section class="${ctx.cls('job-tile-list')} tile-list"${ctx.attr('data-test', 'job-tile-list')}>${tiles}</section>
  ${nextUrl ? html`<button type="button" class="load-more" data-test="load-more" data-next="${nextUrl}">Load more jobs</button>` : ''}
  <div class="scroll-sentinel" data-test="scroll-sentinel"></div>
  <nav class="pagination" aria-label="Pages" data-test="pagination">${p.page > 1 ? html`<a href="${searchUrl(p, p.page - 1)}" rel="prev">Previous</a>` : ''}
    <span>Page ${p.page} of ${pages}</span>
    ${nextUrl ? html`<a href="${nextUrl}" rel="next">Next</a>` : ''}</nav>
</div>`;
  return { status: 200, title: p.q ? `${p.q} - Job search` : 'Job search', main, listUrl: searchUrl(p) };
}
