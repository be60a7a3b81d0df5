import { expect, type Page } from '@playwright/test';
import type { Sandbox } from '../../../sandbox/server';
import { SEARCH_TILE } from '../both/steps';

/** The client's total spend as the sandbox knows it; null when the client hides it. */
export function spendOf(sandbox: Sandbox, jobId: string): number | null {
  const job = sandbox.dataset.jobs.find((j) => j.id === jobId);
  const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
  if (!client) throw new Error(`job ${jobId} is not in the sandbox dataset`);
  return client.hasFinancialPrivacy ? null : client.totalSpent;
}

/**
 * Waits until every tile's panel has its data (hidden tiles included), then lists the tiles' job
 * ids. A tile that never gets there is named with its panel's state ('loading', 'limited', 'error'…).
 * `settled`: the panel states that count as done ('missing': the API's lookups found no such job).
 */
export async function tileIds(page: Page, settled: readonly string[] = ['ready']): Promise<string[]> {
  await expect(page.locator(SEARCH_TILE).first()).toBeAttached();
  await expect
    .poll(() =>
      page.locator(SEARCH_TILE).evaluateAll(
        (tiles, done) =>
          tiles.flatMap((tile) => {
            const state = tile.querySelector('loupe-tile-panel')?.getAttribute('data-loupe-state') ?? 'no panel';
            return done.includes(state) ? [] : [`${tile.getAttribute('data-ev-job-uid')}: ${state}`];
          }),
        [...settled],
      ),
    )
    .toEqual([]);
  return page.locator(SEARCH_TILE).evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-ev-job-uid') ?? ''));
}

/** Opens the search page that shows every job, and lists its tiles' job ids once each has its data. */
export async function searchPageIds(page: Page): Promise<string[]> {
  await page.goto('https://www.upwork.com/nx/search/jobs/');
  return tileIds(page);
}

/**
 * The middle of the page's known client spends, and the jobs whose client spent less: a "spent at
 * least" rule at that threshold catches some of the page's jobs but not all.
 */
export function splitBySpend(sandbox: Sandbox, ids: readonly string[]): { threshold: number; below: string[] } {
  const spends = [...new Set(ids.map((id) => spendOf(sandbox, id)).filter((spend): spend is number => spend !== null))].sort(
    (a, b) => a - b,
  );
  const threshold = spends[Math.floor(spends.length / 2)] as number;
  const below = ids.filter((id) => {
    const spend = spendOf(sandbox, id);
    return spend !== null && spend < threshold;
  });
  expect(below.length).toBeGreaterThan(0);
  expect(below.length).toBeLessThan(ids.length);
  return { threshold, below };
}
