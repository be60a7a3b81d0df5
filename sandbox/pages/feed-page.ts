import type { ClientRecord, JobRecord } from '../data/schema';
import type { PageContext } from './context';
import { html } from './html';
import { feedTile } from './job-tile';
import type { PageResult } from './layout';

export const FEEDS = {
  'best-matches': 'Best Matches',
  'most-recent': 'Most Recent',
  'my-feed': 'My Feed',
  'saved-jobs': 'Saved Jobs',
} as const;
export type FeedName = keyof typeof FEEDS;
export const FEED_PAGE_SIZE = 10;

/** The demo freelancer's skills: best matches are the postings that ask for one of them. */
const PROFILE_SKILLS = new Set(['React', 'TypeScript', 'JavaScript', 'Node.js', 'GraphQL', 'Chrome Extension']);

function feedJobs(ctx: PageContext, feed: FeedName): { job: JobRecord; client: ClientRecord }[] {
  const clients = new Map(ctx.dataset.clients.map((c) => [c.id, c]));
  const jobs = [...ctx.dataset.jobs]
    .filter((j) => {
      if (feed === 'saved-jobs') return j.saved;
      if (feed === 'best-matches' || feed === 'my-feed') return j.skills.some((s) => PROFILE_SKILLS.has(s));
      return true;
    })
    .sort((a, b) => a.publishedMinutesAgo - b.publishedMinutesAgo);
  return jobs.flatMap((job) => {
    const client = clients.get(job.clientId);
    return client ? [{ job, client }] : [];
  });
}

export function feedUrl(feed: FeedName, page = 1): string {
  return `/nx/find-work/${feed}${page > 1 ? `?page=${page}` : ''}`;
}

export function renderFeedPage(ctx: PageContext, feed: FeedName, url: URL): PageResult {
  const pageNumber = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const all = feedJobs(ctx, feed);
  const slice = all.slice((pageNumber - 1) * FEED_PAGE_SIZE, pageNumber * FEED_PAGE_SIZE);
  const next = pageNumber * FEED_PAGE_SIZE < all.length ? feedUrl(feed, pageNumber + 1) : null;
  const main = html`<div class="find-work">
  <h1>Jobs you might like</h1>
  <nav class="feed-tabs" aria-label="Job feeds">${(['best-matches', 'most-recent', 'saved-jobs'] as const).map(
    (f) => html`<a href="${feedUrl(f)}"${f === feed ? html` aria-current="page"` : ''} data-test="tab-${f}">${FEEDS[f]}</a>`,
  )}</nav>
  ${all.length === 0 ? html`<p class="empty" data-test="feed-empty">No jobs here yet.</p>` : ''}
  <div class="tile-list feed-list" data-test="job-feed-list">${slice.map(({ job, client }) =>
    feedTile(ctx, job, client, `/nx/find-work/${feed}/details/~02${job.id}`),
  )}</div>
  ${next ? html`<button type="button" class="load-more" data-test="load-more" data-next="${next}">Load more jobs</button>` : ''}
  <div class="scroll-sentinel" data-test="scroll-sentinel"></div>
</div>`;
  return { status: 200, title: `${FEEDS[feed]} - Find work`, main, listUrl: feedUrl(feed) };
}
