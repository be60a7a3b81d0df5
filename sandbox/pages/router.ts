import { findJob } from '../data/search';
import type { PageContext } from './context';
import { renderJobPage } from './detail-page';
import { FEEDS, type FeedName, renderFeedPage } from './feed-page';
import { renderHomePage, renderNotFound } from './home-page';
import { jobDetailBody } from './job-detail';
import type { PageResult } from './layout';
import { renderProfilePage } from './profile-page';
import { renderSearchPage } from './search-page';

const isFeed = (name: string): name is FeedName => Object.hasOwn(FEEDS, name);

/** A list page with the job's slider open over it (Upwork's …/details/~02… routes). */
function withSlider(ctx: PageContext, list: PageResult, id: string, path: string): PageResult {
  const found = findJob(ctx.dataset, id);
  if (!found) return renderNotFound(path);
  return { ...list, title: found.job.title || list.title, slider: jobDetailBody(ctx, found.job, found.client) };
}

type Route = [RegExp, (ctx: PageContext, url: URL, groups: string[]) => PageResult | null];

const ROUTES: Route[] = [
  [/^\/$/, (ctx) => renderHomePage(ctx)],
  [/^\/nx\/search\/jobs\/?$/, (ctx, url) => renderSearchPage(ctx, url)],
  // The older search route keeps the older list markup, so both stay covered.
  [/^\/ab\/jobs\/search\/?$/, (ctx, url) => renderSearchPage(ctx, url, 'older')],
  [
    /^\/nx\/search\/jobs\/details\/~02(\d+)\/?$/,
    (ctx, url, [id]) => withSlider(ctx, renderSearchPage(ctx, url), id as string, url.pathname),
  ],
  [/^\/nx\/find-work\/?$/, (ctx, url) => renderFeedPage(ctx, 'best-matches', url)],
  [/^\/nx\/find-work\/([a-z-]+)\/?$/, (ctx, url, [feed]) => (isFeed(feed as string) ? renderFeedPage(ctx, feed as FeedName, url) : null)],
  [
    /^\/nx\/find-work\/([a-z-]+)\/details\/~02(\d+)\/?$/,
    (ctx, url, [feed, id]) =>
      isFeed(feed as string)
        ? withSlider(ctx, renderFeedPage(ctx, feed as FeedName, new URL('https://www.upwork.com/')), id as string, url.pathname)
        : null,
  ],
  [/^\/(?:jobs|freelance-jobs\/apply)\/(?:[^/]*_)?~02(\d+)\/?$/, (ctx, url, [id]) => renderJobPage(ctx, id as string, url.pathname)],
  [/^\/freelancers\/(~01[0-9a-zA-Z]+)\/?$/, (ctx, url, [key]) => renderProfilePage(ctx, key as string, url.pathname)],
];

/** Which page a www.upwork.com URL shows; unknown paths get a 404 page. */
export function resolvePage(ctx: PageContext, url: URL): PageResult {
  for (const [pattern, render] of ROUTES) {
    const match = pattern.exec(url.pathname);
    const page = match ? render(ctx, url, match.slice(1)) : null;
    if (page) return page;
  }
  return renderNotFound(url.pathname);
}
