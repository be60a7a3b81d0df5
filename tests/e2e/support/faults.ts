import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Sandbox } from '../../../sandbox/server';
import { SEARCH_TILE } from '../both/steps';
import { expectNoRequestOverLimit, expectUserDataIntact, graphqlEntries, pageErrors } from './security';

/**
 * What the fault suites share: opening a page with its errors collected, asking for tiles, reading
 * a tile panel's state and words, and what every fault must leave as it was.
 */

export const SEARCH = 'https://www.upwork.com/nx/search/jobs/?q=react';

export type Reply = { ok: boolean; data?: unknown; error?: { code: string; message: string } };
export type Chrome = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

/** What Upwork's API says, in Loupe's words, when it answers with a 5xx. */
export const UPWORK_TROUBLE = /Upwork.s API is having trouble \(HTTP 50\d\)\. Loupe will try again shortly\./;

/** Opens `url` in a new tab, collecting the page's uncaught errors from the start. */
export async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(url);
  return { page, errors };
}

/** What every fault must leave as it was: Upwork's limit kept, the user's data intact, the page unbroken. */
export async function expectNoHarm(sandbox: Sandbox, options: Page, errors: string[]): Promise<void> {
  expectNoRequestOverLimit(sandbox);
  await expectUserDataIntact(options);
  expect(errors).toEqual([]);
}

/** No second over Upwork's limit, and so never a 429 from it. */
export function expectNeverLimited(sandbox: Sandbox): void {
  expectNoRequestOverLimit(sandbox);
  expect(graphqlEntries(sandbox).some((entry) => entry.status === 429)).toBe(false);
}

/** The `count` most recently posted jobs of the sandbox's dataset. */
export function newestJobs(sandbox: Sandbox, count: number) {
  return [...sandbox.dataset.jobs].sort((a, b) => a.publishedMinutesAgo - b.publishedMinutesAgo).slice(0, count);
}

/**
 * Asks for each job's tile data at once, each as its own one-job search page (so each is its own
 * request), from an extension page. With `whenLost: 'report'` a caller whose worker went away gets
 * `{ lost }` in its place; with 'throw' any such loss fails the whole call.
 */
export function askForTilesOneByOne(
  page: Page,
  ids: string[],
  { q, whenLost = 'throw' }: { q?: string; whenLost?: 'throw' | 'report' } = {},
): Promise<(Reply | { lost: string })[]> {
  return page.evaluate(
    ({ list, q, whenLost }) =>
      Promise.allSettled(
        list.map((id, offset) =>
          (globalThis as unknown as Chrome).chrome.runtime.sendMessage({
            loupe: 1,
            type: 'jobs.forTiles',
            payload: { ids: [id], query: q === undefined ? { offset, pageSize: 1 } : { q, offset, pageSize: 1 } },
          }),
        ),
      ).then((outcomes) =>
        outcomes.map((outcome) => {
          if (outcome.status === 'fulfilled') return outcome.value as Reply;
          if (whenLost === 'throw') throw outcome.reason;
          return { lost: String(outcome.reason) };
        }),
      ),
    { list: ids, q, whenLost },
  );
}

/**
 * Waits until Loupe has marked the page's tiles, each has its panel, and none is still loading. A
 * tile waits a moment for its answer before its panel is drawn, so "no panel loading" alone would
 * hold at once.
 */
export async function untilSettled(page: Page, timeout: number): Promise<void> {
  const unsettled = () =>
    page.locator('[data-loupe-tile]').evaluateAll((tiles) => {
      if (tiles.length === 0) return -1;
      return tiles.filter((tile) => {
        const state = tile.querySelector<HTMLElement>('loupe-tile-panel')?.dataset.loupeState;
        return state === undefined || state === 'loading';
      }).length;
    });
  await expect.poll(unsettled, { timeout }).toBe(0);
}

/** Presses a tile's “Ask Loupe again” button. */
export async function askAgain(tile: Locator): Promise<void> {
  await tile
    .locator('loupe-tile-panel')
    .getByRole('button', { name: /Ask Loupe again/ })
    .click();
}

/** The tile panels' states, e.g. { ready: 9, error: 1 }. */
export async function panelStates(page: Page): Promise<Record<string, number>> {
  return page.locator('loupe-tile-panel').evaluateAll((hosts) => {
    const counts: Record<string, number> = {};
    for (const host of hosts) {
      const state = (host as HTMLElement).dataset.loupeState ?? 'none';
      counts[state] = (counts[state] ?? 0) + 1;
    }
    return counts;
  });
}

/** What a tile's Loupe section says, as the user reads it. */
export function sectionText(tile: Locator): Promise<string> {
  return tile.locator('loupe-tile-panel').evaluate((host) => host.shadowRoot?.textContent ?? '');
}

export async function expectEveryTile(page: Page, state: string, timeout = 15_000): Promise<number> {
  const count = await page.locator(SEARCH_TILE).count();
  expect(count).toBeGreaterThan(0);
  await expect(page.locator(`loupe-tile-panel[data-loupe-state="${state}"]`)).toHaveCount(count, { timeout });
  return count;
}

export function requestsBetween(sandbox: Sandbox, from: number, to: number) {
  return graphqlEntries(sandbox).filter((entry) => entry.at >= from && entry.at < to);
}
