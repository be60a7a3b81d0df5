import type { Page } from '@playwright/test';
import { buildExtension, onSignedInPage } from './chromium';
import { sleep } from './measure';
import type { BenchContext, BenchScenario } from './types';

/**
 * Client stats on every tile when Upwork's API search is not the page's (the sandbox's divergence,
 * on by default): a 50-tile search page whose own query through the API returns a minority of its
 * jobs, and a best-matches feed scrolled to 50 tiles ("Load more" four times, as a user would).
 * For each, in a fresh profile: the share of tiles showing hires, jobs posted, spend and rating,
 * the API requests the page cost cold and again on a reload (warm), and the time from navigation
 * to the last tile settled. Then the same with the divergence off, for comparison.
 */

const TILES = 50;
const SEARCH_URL = `https://www.upwork.com/nx/search/jobs/?q=&per_page=${TILES}`;
const FEED_URL = 'https://www.upwork.com/nx/find-work/best-matches';
const COLD_REQUESTS_GOAL = 3;
const SHARE_GOAL = 1;
/** After the last tile: time for late requests (a background refresh) to land in the log. */
const SETTLE_MS = 300;
export const TILE = 'article[data-ev-job-uid], section[data-ev-opening_uid]';

/** Every tile's panel has left "loading" and "held back by a 429" (test builds mark each panel's state). */
export async function settled(page: Page, tiles: number): Promise<void> {
  await page.waitForFunction(
    ({ selector, tiles }) => {
      const panels = [...document.querySelectorAll('loupe-tile-panel')];
      return (
        document.querySelectorAll(selector).length >= tiles &&
        panels.length >= tiles &&
        panels.every((panel) => !['loading', 'limited'].includes(panel.getAttribute('data-loupe-state') ?? 'loading'))
      );
    },
    { selector: TILE, tiles },
    // Every 100 ms, not every frame: on a page of 1,000 tiles a check per frame cost the page more than Loupe did.
    { timeout: 60_000, polling: 100 },
  );
}

/**
 * Goes to the page and, on a feed, loads more as each batch settles, until TILES tiles (or the
 * feed's end). Resolves with when each load began (the page's own, then each "Load more").
 */
async function load(page: Page, url: string, reload: boolean): Promise<number[]> {
  const loads = [Date.now()];
  if (reload) await page.reload();
  else await page.goto(url);
  for (;;) {
    const count = await page.locator(TILE).count();
    await settled(page, count);
    const more = page.locator('[data-test="load-more"]');
    if (count >= TILES || (await more.count()) === 0) return loads;
    loads.push(Date.now());
    await more.click();
    await page.waitForFunction(({ selector, count }) => document.querySelectorAll(selector).length > count, { selector: TILE, count });
  }
}

/** Tiles whose panel shows all four numbers a tile should show. */
function withFullStats(page: Page): Promise<number> {
  return page
    .locator('loupe-tile-panel[data-loupe-state="ready"]')
    .evaluateAll(
      (panels) =>
        panels.filter((panel) =>
          ['hires', 'jobsPosted', 'spent', 'rating'].every((key) => panel.shadowRoot?.querySelector(`[data-loupe-stat="${key}"]`)),
        ).length,
    );
}

interface Visit {
  tiles: number;
  withStats: number;
  requests: number;
  /** Loads of the list (1 on a search page; the first batch and each "Load more" on a feed). */
  loads: number;
  /** The most requests any one load cost. */
  mostPerLoad: number;
  ms: number;
}

async function visit(context: BenchContext, page: Page, url: string, reload: boolean): Promise<Visit> {
  const since = Date.now();
  const loads = await load(page, url, reload);
  const ms = Date.now() - since;
  await sleep(SETTLE_MS);
  const at = context.sandbox.requestLog.filter((entry) => entry.path === '/graphql' && entry.at >= since).map((entry) => entry.at);
  const perLoad = loads.map((start, i) => at.filter((time) => time >= start && time < (loads[i + 1] ?? Number.POSITIVE_INFINITY)).length);
  return {
    tiles: await page.locator(TILE).count(),
    withStats: await withFullStats(page),
    requests: at.length,
    loads: loads.length,
    mostPerLoad: Math.max(...perLoad),
    ms,
  };
}

async function session(context: BenchContext, dir: string, url: string): Promise<{ cold: Visit; warm: Visit }> {
  return onSignedInPage(context, dir, async (page) => {
    const cold = await visit(context, page, url, false);
    // A reload shows the first batch again; on a feed, scrolling on asks for the rest from the cache.
    const warm = await visit(context, page, url, true);
    return { cold, warm };
  });
}

const tick = (ok: boolean) => (ok ? '✓' : '✗');

function line(label: string, divergent: boolean, { cold, warm }: { cold: Visit; warm: Visit }): string {
  const share = cold.tiles === 0 ? 0 : cold.withStats / cold.tiles;
  const goals = divergent;
  const shareCell = `${cold.withStats} of ${cold.tiles} = ${Math.round(share * 100)}%${goals ? ` (goal 100% ${tick(share >= SHARE_GOAL)})` : ''}`;
  // A feed comes in loads of 10 as the user scrolls: the goal holds for each load.
  const perLoad = cold.loads > 1 ? ` in ${cold.loads} loads, at most ${cold.mostPerLoad} per load` : '';
  const coldCell = `${cold.requests}${perLoad}${goals ? ` (≤ ${COLD_REQUESTS_GOAL}${perLoad ? ' per load' : ''} ${tick(cold.mostPerLoad <= COLD_REQUESTS_GOAL)})` : ''}`;
  const warmCell = `${warm.requests}${goals ? ` (goal 0 ${tick(warm.requests === 0)})` : ''}`;
  return `| ${label} | ${divergent ? 'on' : 'off'} | ${shareCell} | ${coldCell} | ${warmCell} | ${cold.ms} ms | ${warm.ms} ms |`;
}

const notes: string[] = [];

export const tileStatsScenario: BenchScenario = {
  name: '(9) client stats on every tile when the API search is not the page',
  notes,
  async run(context) {
    const { dir } = await buildExtension(context);
    const lines: string[] = [];
    try {
      for (const divergent of [true, false]) {
        context.sandbox.setSearchDivergence(divergent);
        lines.push(line(`search page, ${TILES} tiles`, divergent, await session(context, dir, SEARCH_URL)));
        lines.push(line(`best-matches feed, ${TILES} tiles`, divergent, await session(context, dir, FEED_URL)));
      }
    } finally {
      context.sandbox.setSearchDivergence(true);
    }
    notes.push(
      '',
      '(9) Client stats on every tile, real Chromium, a fresh profile per page (the divergence off only for comparison):',
      '| page | divergence | tiles with hires, jobs posted, spend and rating | API requests, cold | warm (reload) | cold: navigation → last tile settled | warm |',
      '|---|---|---|---|---|---|---|',
      ...lines,
      '  The feed is scrolled to 50 tiles with its "Load more" button, each batch once the one before settled: its times',
      '  include four page fetches. A feed has no query to mirror and the API cannot see a batch before the page shows it,',
      '  so each load costs its own lookup request: the goal of at most 3 requests holds for each load.',
    );
    return [];
  },
};
