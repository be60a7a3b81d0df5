import type { Locator, Page } from '@playwright/test';
import { sandboxFetch } from '../../sandbox/client';
import type { Sandbox } from '../../sandbox/server';
import { SEARCH_TILE } from './both/steps';
import { expect, test } from './fixtures';

/**
 * Client stats on every tile although the API's search is not the page's: the sandbox runs with
 * its divergence on (its default), so the page's own query through the API returns a minority of
 * the page's jobs, and feeds have no query at all. Every tile must still show its client's hires,
 * jobs posted, spend and rating, within a few requests; a tile whose lookup failed says so (one
 * held back by a 429 is faults-api.spec.ts's storm, on every tile of a search).
 */

const FEED_TILE = 'section[data-ev-opening_uid]';
const stat = (scope: Locator, key: string) => scope.locator(`[data-loupe-stat="${key}"] .loupe-stat-value`);

function clientOf(sandbox: Sandbox, jobId: string) {
  const job = sandbox.dataset.jobs.find((j) => j.id === jobId);
  const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
  if (!client) throw new Error(`job ${jobId} is not in the sandbox dataset`);
  return client;
}

/** GraphQL requests that looked for tile stats (the mirrored search and the lookups). */
function tileRequests(sandbox: Sandbox): string[] {
  return sandbox.requestLog
    .filter((entry) => entry.path === '/graphql' && entry.status === 200)
    .map((entry) => `${entry.operationName} x${entry.aliasCount}`)
    .filter((op) => /^(JobSearch|JobLookups|JobDetails)/.test(op));
}

/** Every tile shows the sandbox's hires, jobs posted, spend and rating for its client. */
async function expectEveryTileHasItsStats(page: Page, sandbox: Sandbox, tileSelector: string, idAttribute: string): Promise<number> {
  const tiles = page.locator(tileSelector);
  const count = await tiles.count();
  expect(count).toBeGreaterThan(0);
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]')).toHaveCount(count, { timeout: 20_000 });
  for (let i = 0; i < count; i++) {
    const tile = tiles.nth(i);
    const client = clientOf(sandbox, (await tile.getAttribute(idAttribute)) ?? '');
    const panel = tile.locator('loupe-tile-panel');
    await expect(stat(panel, 'hires')).toHaveText(client.totalHires.toLocaleString('en-US'));
    await expect(stat(panel, 'jobsPosted')).toHaveText(client.totalPostedJobs.toLocaleString('en-US'));
    const spent = client.hasFinancialPrivacy ? 'hidden by the client' : `$${Math.round(client.totalSpent).toLocaleString('en-US')}`;
    // What Upwork's tile says word for word ("$0 spent", "No reviews yet"), the strip leaves out.
    const ownText = async (selector: string) => ((await tile.locator(selector).allTextContents())[0] ?? '').replace(/\s+/g, ' ').trim();
    if ((await ownText('[data-test="total-spent"]')) === `${spent} spent`) await expect(stat(panel, 'spent')).toHaveCount(0);
    else await expect(stat(panel, 'spent')).toHaveText(spent);
    if (client.rating !== null && client.totalReviews > 0) {
      await expect(stat(panel, 'rating')).toContainText(client.rating.toFixed(2).replace(/\.?0+$/, ''));
    } else if ((await ownText('[data-test="total-feedback"]')) === 'No reviews yet') {
      await expect(stat(panel, 'rating')).toHaveCount(0);
    } else {
      await expect(stat(panel, 'rating')).toHaveText('No reviews yet');
    }
    if (client.totalPostedJobs > 0 && client.totalHires > client.totalPostedJobs) {
      await expect(stat(panel, 'hiresPerJob')).toContainText('hires per job');
      await expect(stat(panel, 'hireRate')).toHaveCount(0);
    }
  }
  return count;
}

test.describe('divergent API search', () => {
  // Each test checks four numbers on every tile of a page: more steps than the default budget allows on a busy machine.
  test.describe.configure({ timeout: 180_000 });
  test.beforeEach(async ({ signIn, sandbox }) => {
    await signIn();
    sandbox.clearLog();
  });

  test('a search page with filters in its URL: every tile gets its client stats in at most two lookup requests, then none', async ({
    context,
    sandbox,
  }) => {
    const url = 'https://www.upwork.com/nx/search/jobs/?payment_verified=1&contractor_tier=2,3&sort=recency&per_page=20';
    const page = await context.newPage();
    await page.goto(url);
    const count = await expectEveryTileHasItsStats(page, sandbox, SEARCH_TILE, 'data-ev-job-uid');
    expect(count).toBe(20);
    const cold = tileRequests(sandbox);
    // Precise lookups by title, no mirrored search (its ranking is not the page's): one request, or
    // two when the page's tiles reached Loupe in two bursts.
    expect(cold.every((op) => op.startsWith('JobLookups'))).toBe(true);
    expect(cold.length).toBeLessThanOrEqual(2);
    sandbox.clearLog();
    await page.reload();
    await expectEveryTileHasItsStats(page, sandbox, SEARCH_TILE, 'data-ev-job-uid');
    expect(tileRequests(sandbox)).toEqual([]);
  });

  test('every find-work feed (best matches, most recent, my feed, saved jobs): every tile gets its client stats', async ({
    context,
    sandbox,
  }) => {
    // One after another in one browser, as a user moves between the feed's tabs: a job already
    // seen on an earlier feed comes from the cache, so each feed costs at most its own lookups.
    const page = await context.newPage();
    for (const feed of ['best-matches', 'most-recent', 'my-feed', 'saved-jobs']) {
      sandbox.clearLog();
      await page.goto(`https://www.upwork.com/nx/find-work/${feed}`);
      await expectEveryTileHasItsStats(page, sandbox, FEED_TILE, 'data-ev-opening_uid');
      expect(tileRequests(sandbox).length, feed).toBeLessThanOrEqual(3);
    }
  });

  test('the job slider over a feed: the list under it gets its stats', async ({ context, sandbox }) => {
    const id = sandbox.dataset.jobs.find((job) => job.saved)?.id as string;
    const page = await context.newPage();
    await page.goto(`https://www.upwork.com/nx/find-work/saved-jobs/details/~02${id}`);
    await expect(page.locator('.air3-slider-content')).toBeVisible();
    await expectEveryTileHasItsStats(page, sandbox, FEED_TILE, 'data-ev-opening_uid');
  });

  test('a 2026-markup search page has the alert button and the export bar; the older markup too', async ({ context }) => {
    const page = await context.newPage();
    for (const path of ['/nx/search/jobs/?q=react', '/ab/jobs/search/?q=react']) {
      await page.goto(`https://www.upwork.com${path}`);
      await expect(page.locator('loupe-save-search button[data-loupe-action="save-search"]')).toHaveText('Alert me about new “react” jobs');
      await expect(page.locator('loupe-page-export')).toContainText('jobs on this page');
    }
    await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
    await expect(page.locator('section.card-list-container[data-ev-sublocation="search_results"]')).toHaveCount(1);
  });

  test('a tile whose lookup failed shows its own error with Retry; the others have their stats', async ({ context, sandbox }) => {
    // The feed's ids straight from the sandbox's page, so nothing is cached before the fault.
    const html = await (await sandboxFetch(sandbox, 'https://www.upwork.com/nx/find-work/best-matches')).text();
    const ids = [...html.matchAll(/data-ev-opening_uid="(\d+)"/g)].map((match) => match[1] as string);
    // A tile whose title no other tile's title fits inside: its lookup fails and no other's does.
    const words = (id: string) =>
      new Set(
        sandbox.dataset.jobs
          .find((job) => job.id === id)
          ?.title.toLowerCase()
          .split(/[^\p{L}\p{N}]+/u),
      );
    const target = ids.find((id) => ids.every((other) => other === id || ![...words(other)].every((word) => words(id).has(word))));
    if (!target) throw new Error('every tile on the feed shares its title words with another');
    sandbox.setFaults({ failSearchesFor: [target] });
    const fresh = await context.newPage();
    await fresh.goto('https://www.upwork.com/nx/find-work/best-matches');
    const failed = fresh.locator(`${FEED_TILE}[data-ev-opening_uid="${target}"] loupe-tile-panel`);
    await expect(failed).toHaveAttribute('data-loupe-state', 'error', { timeout: 20_000 });
    await expect(failed.locator('[data-loupe-section="client-stats"]')).toContainText('The search service timed out');
    await expect(fresh.locator('loupe-tile-panel[data-loupe-state="ready"]')).toHaveCount(ids.length - 1);
    sandbox.resetFaults();
    await failed.getByRole('button', { name: /Ask Loupe again/ }).click();
    await expect(failed).toHaveAttribute('data-loupe-state', 'ready');
    await expect(stat(failed, 'hires')).toHaveText(clientOf(sandbox, target).totalHires.toLocaleString('en-US'));
  });
});
