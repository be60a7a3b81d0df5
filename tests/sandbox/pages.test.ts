import { describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/client';
import { graphql, signedInSandbox } from './helpers';

const env = signedInSandbox();

async function page(path: string): Promise<{ status: number; html: string }> {
  const response = await sandboxFetch(env.sandbox, `https://www.upwork.com${path}`);
  return { status: response.status, html: await response.text() };
}
const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);

async function apiSearchIds(q: string, first: number, after: string): Promise<string[]> {
  const answer = await graphql(
    env.sandbox,
    env.token,
    'query($f: MarketplaceJobPostingsSearchFilter) { marketplaceJobPostingsSearch(marketPlaceJobFilter: $f) { edges { node { id } } } }',
    { f: { searchExpression_eq: q, pagination_eq: { first, after } } },
  );
  const data = answer.json().data as { marketplaceJobPostingsSearch: { edges: { node: { id: string } }[] } };
  return data.marketplaceJobPostingsSearch.edges.map((e) => e.node.id);
}

describe('job search page', () => {
  it.each([
    ['react', 1, 10],
    ['', 1, 10],
    ['we', 2, 20],
    ['', 3, 20],
    ['typescript', 1, 50],
  ])('q=%j page %i per_page %i shows the API search page, in order', async (q, pageNumber, perPage) => {
    const { status, html } = await page(`/nx/search/jobs/?q=${encodeURIComponent(q)}&page=${pageNumber}&per_page=${perPage}`);
    expect(status).toBe(200);
    const ids = all(html, /<article[^>]*data-ev-job-uid="(\d+)"[^>]*data-test="JobTile"/g);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(await apiSearchIds(q, perPage, String((pageNumber - 1) * perPage)));
  });

  it('uses the 2026 list markup on /nx/search/jobs/ and the older one on the older /ab/jobs/search/ route', async () => {
    const current = (await page('/nx/search/jobs/?q=react')).html;
    expect(current).toMatch(/<section class="card-list-container tile-list" data-ev-sublocation="search_results">/);
    expect(current).not.toContain('data-test="job-tile-list"');
    const older = (await page('/ab/jobs/search/?q=react')).html;
    expect(older).toContain('data-test="job-tile-list"');
    expect(older).not.toContain('card-list-container');
    const ids = (html: string) => all(html, /data-ev-job-uid="(\d+)"/g);
    expect(ids(older)).toEqual(ids(current));
  });

  it('filters by the URL parameters of Upwork’s page, as the page defines them', async () => {
    const { html } = await page('/nx/search/jobs/?t=1&amount=500-&payment_verified=1&client_hires=1-9&per_page=50');
    const ids = all(html, /data-ev-job-uid="(\d+)"/g);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const job = env.sandbox.dataset.jobs.find((j) => j.id === id);
      const client = env.sandbox.dataset.clients.find((c) => c.id === job?.clientId);
      expect(job?.jobType).toBe('FIXED');
      expect(job?.fixedBudget ?? 0).toBeGreaterThanOrEqual(500);
      expect(client?.paymentVerified).toBe(true);
      expect(client?.totalHires).toBeGreaterThanOrEqual(1);
      expect(client?.totalHires).toBeLessThanOrEqual(9);
    }
  });

  it('carries every tile landmark, links with the ciphertext, and the list', async () => {
    const { html } = await page('/nx/search/jobs/');
    expect(html).toContain('data-ev-sublocation="search_results"');
    const tiles = html.split('<article').slice(1);
    expect(tiles).toHaveLength(10);
    for (const tile of tiles) {
      const id = /data-ev-job-uid="(\d+)"/.exec(tile)?.[1];
      expect(tile).toMatch(new RegExp(`data-test="job-tile-title-link" href="/jobs/[^"]*_~02${id}/"`));
      for (const landmark of [
        'job-pubilshed-date',
        'job-type-label',
        'experience-level',
        'payment-verified',
        'total-feedback',
        'location',
        'proposals-tier',
        'job-description-text',
      ]) {
        expect(tile).toContain(`data-test="${landmark}"`);
      }
    }
  });

  it('escapes HTML-looking titles and descriptions', async () => {
    const { html } = await page('/nx/search/jobs/?q=onerror');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Image gallery fix');
    expect(html).not.toContain('<b>bold</b>');
  });

  it('matches the client numbers of the API on a tile', async () => {
    const job = env.sandbox.dataset.jobs.find((j) => {
      const c = env.sandbox.dataset.clients.find((x) => x.id === j.clientId);
      return c && c.totalSpent > 1_000_000 && !c.hasFinancialPrivacy;
    });
    const { html } = await page(`/nx/search/jobs/?q=${encodeURIComponent(job?.title ?? '')}&per_page=50`);
    const tile = html.split('<article').find((t) => t.includes(`data-ev-job-uid="${job?.id}"`)) ?? '';
    expect(tile).toMatch(/data-test="total-spent"><strong>\$12M\+<\/strong> spent/);
  });
});

describe('other pages', () => {
  it('renders the find-work feeds with feed tiles', async () => {
    for (const path of ['/nx/find-work/', '/nx/find-work/best-matches', '/nx/find-work/most-recent', '/nx/find-work/saved-jobs']) {
      const { status, html } = await page(path);
      expect(status).toBe(200);
      const ids = all(html, /<section[^>]*data-ev-sublocation="job_feed_tile"[^>]*data-ev-opening_uid="(\d+)"/g);
      expect(ids.length).toBeGreaterThan(0);
      expect(html).toContain('class="job-tile-title"');
      expect(html).toContain('data-test="client-country"');
    }
    const saved = all((await page('/nx/find-work/saved-jobs')).html, /data-ev-opening_uid="(\d+)"/g);
    expect(saved.every((id) => env.sandbox.dataset.jobs.find((j) => j.id === id)?.saved)).toBe(true);
  });

  it('renders a job detail with the client box and activity, by either URL', async () => {
    const job = env.sandbox.dataset.jobs.find((j) => j.screeningQuestions.length > 0) ?? env.sandbox.dataset.jobs[0];
    const client = env.sandbox.dataset.clients.find((c) => c.id === job?.clientId);
    for (const path of [`/jobs/Some-slug_~02${job?.id}/`, `/jobs/~02${job?.id}`]) {
      const { status, html } = await page(path);
      expect(status).toBe(200);
      expect(html).toContain('data-test="about-client-container"');
      expect(html).toContain(`${client?.totalHires.toLocaleString('en-US')} hires`);
      expect(html).toContain('data-qa="client-job-posting-stats"');
      expect(html).toMatch(/class="client-activity-items"[\s\S]*class="ca-item"/);
      expect(html).toContain('class="screening-questions"');
    }
  });

  it('opens the slider on details routes, over the list', async () => {
    const id = env.sandbox.dataset.jobs[0]?.id;
    const search = await page(`/nx/search/jobs/details/~02${id}?q=`);
    expect(search.html).toContain('class="air3-slider-content');
    expect(search.html).toContain('data-ev-sublocation="search_results"');
    const feed = await page(`/nx/find-work/best-matches/details/~02${id}`);
    expect(feed.html).toContain('class="air3-slider-content');
    const data = (await (
      await sandboxFetch(
        env.sandbox,
        `https://www.upwork.com/__sandbox/page-data?url=${encodeURIComponent(`/nx/search/jobs/details/~02${id}?q=react`)}`,
      )
    ).json()) as {
      slider: string;
      listUrl: string;
    };
    expect(data.listUrl).toBe('/nx/search/jobs/?q=react');
    expect(data.slider).toContain('about-client-container');
  });

  it('renders a freelancer profile, a dark theme, a home page and 404s', async () => {
    const f = env.sandbox.dataset.freelancers[0];
    const profile = await page(`/freelancers/${f?.profileKey}`);
    expect(profile.status).toBe(200);
    expect(profile.html).toContain(f?.firstName ?? '');
    expect((await page('/nx/search/jobs/?theme=dark')).html).toContain('<html lang="en" theme="dark">');
    expect((await page('/')).html).toContain('href="/nx/find-work/best-matches"');
    for (const path of ['/nope', '/jobs/~021', '/freelancers/~01000000000000000000', '/nx/find-work/unknown'])
      expect((await page(path)).status).toBe(404);
  });

  it('serves the client script and styles', async () => {
    const script = await sandboxFetch(env.sandbox, 'https://www.upwork.com/__sandbox/assets/app.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('pushState');
  });
});
