import type { Page } from '@playwright/test';
import { launchWithExtension } from '../../testkit/extension';
import { buildExtension, onSignedInPage } from './chromium';
import { median, sleep } from './measure';
import { settled, TILE } from './tile-stats';
import { countReached, smallChangeCost } from './trace';
import type { BenchContext, BenchScenario } from './types';

/**
 * A long day on one tab: a search page grown by "Load more" to 1,000 tiles in batches of 50, then
 * 30 in-page (SPA) navigations between the search, job pages and freelancer profiles, as the
 * sandbox's own links do them. It reports how long each batch takes to get its panels (the last
 * against the first), the page's JavaScript heap after the session and after a forced GC (the
 * page's own scripts and Loupe's content script share that heap, so it is an upper bound for
 * Loupe), and whether any Loupe panel outlived its tile.
 */

const BATCH = 50;
const TILES = 1_000;
const NAVIGATIONS = 30;
const FLAT_GOAL = 1.2;
const HEAP_GOAL_BYTES = 10e6;

/** Follows an in-page link the way the sandbox's app does for a click on one of its own links. */
async function navigateInPage(page: Page, path: string): Promise<void> {
  await page.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    document.body.append(link);
    link.click();
    link.remove();
  }, path);
  await page.waitForFunction((href) => location.pathname + location.search === href, path);
}

async function heapBytes(page: Page, collect: boolean): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (collect) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Resolves once the page has drawn a frame: its new tiles are laid out and painted. */
function nextFrame(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/**
 * Clicks "Load more" in the page and resolves with the tile count once it grew (-1 when there is
 * no button). Native DOM calls only: Playwright's locators walk every open shadow root (test
 * builds open Loupe's, two per tile), so at 1,000 tiles they cost the page ~300 ms a batch more
 * with Loupe than without, and that is the bench's cost, not Loupe's.
 */
async function loadMore(page: Page, before: number): Promise<number> {
  // A string, not a function: the bench's TypeScript loader would wrap a function's inner names in a helper the page lacks.
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const button = document.querySelector('[data-test="load-more"]');
    if (!button) return resolve(-1);
    const observer = new MutationObserver(() => {
      const count = document.querySelectorAll(${JSON.stringify(TILE)}).length;
      if (count <= ${before}) return;
      observer.disconnect();
      resolve(count);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error('"Load more" brought no tiles within 30 s'));
    }, 30000);
    button.click();
  })`);
}

/**
 * Clicks "Load more" until `tiles` tiles; `ready` waits for each batch, and `check` (untimed) looks
 * at it once it is ready. Resolves with each batch's time, the page load's first.
 */
async function grow(
  page: Page,
  tiles: number,
  ready: (count: number) => Promise<void>,
  check: (count: number) => Promise<void> = async () => {},
): Promise<number[]> {
  const batches: number[] = [];
  let started = Date.now();
  await page.goto(`https://www.upwork.com/nx/search/jobs/?q=&per_page=${BATCH}`);
  await ready(BATCH);
  batches.push(Date.now() - started);
  await check(BATCH);
  let count = await page.locator(TILE).count();
  while (count < tiles) {
    started = Date.now();
    const grown = await loadMore(page, count);
    if (grown < 0) break;
    count = grown;
    await ready(count);
    batches.push(Date.now() - started);
    await check(count);
  }
  return batches;
}

/**
 * The floor under Loupe's batches: the same growth in a Chromium without Loupe, each batch timed
 * until the page has drawn its new tiles. What the page itself needs per batch as it grows.
 */
async function pageAlone(context: BenchContext): Promise<{ batches: number[]; frameAt: Map<number, number> }> {
  const browser = await launchWithExtension({ extensionDir: null, args: context.sandbox.chromiumArgs });
  try {
    const page = await browser.newPage();
    // One small layout change costs the browser more the longer the page: measured at the first batch and the last.
    const frameAt = new Map<number, number>();
    const batches = await grow(
      page,
      TILES,
      () => nextFrame(page),
      async (count) => {
        if (count === BATCH || count >= TILES) frameAt.set(count, await smallChangeCost(page, TILE));
      },
    );
    return { batches, frameAt };
  } finally {
    await browser.close();
  }
}

/** The median of the first three "Load more" batches (after the page load's) and of the last three. */
function ends(batches: number[]): [number, number] {
  const loads = batches.slice(1);
  return [median(loads.slice(0, 3)), median(loads.slice(-3))];
}

const notes: string[] = [];

export const longSessionScenario: BenchScenario = {
  name: `(10) a long session: ${TILES} tiles by infinite scroll, then ${NAVIGATIONS} in-page navigations`,
  notes,
  async run(context: BenchContext) {
    const { dir } = await buildExtension(context);
    const { batches: alone, frameAt } = await pageAlone(context);
    await onSignedInPage(context, dir, async (page) => {
      // Each batch is timed to the hub's count of annotated tiles (test builds write it on <html>),
      // then every panel is checked once, untimed: a check of 1,000 panels every 100 ms took the
      // page ~20 ms each time, more with every batch, and would be counted as Loupe's.
      const cdp = await page.context().newCDPSession(page);
      const batches = await grow(
        page,
        TILES,
        (count) => countReached(cdp, 'loupeTilesAnnotated', count, 60_000),
        (count) => settled(page, count),
      );
      const tiles = await page.locator(TILE).count();
      const grown = await heapBytes(page, false);

      const jobs = context.sandbox.dataset.jobs;
      const freelancers = context.sandbox.dataset.freelancers;
      const stops = Array.from({ length: NAVIGATIONS }, (_, i) =>
        i % 3 === 0
          ? `/nx/search/jobs/?q=${['react', 'design', 'python'][i % 9 === 0 ? 0 : i % 2]}`
          : i % 3 === 1
            ? `/jobs/~02${jobs[i]?.id}`
            : `/freelancers/${freelancers[i % freelancers.length]?.profileKey}`,
      );
      const navStarted = Date.now();
      for (const stop of stops) {
        await navigateInPage(page, stop);
        if (stop.startsWith('/nx/search')) await settled(page, await page.locator(TILE).count());
        else await sleep(300);
      }
      const navMs = Date.now() - navStarted;
      await navigateInPage(page, `/nx/search/jobs/?q=&per_page=${BATCH}`);
      await settled(page, await page.locator(TILE).count());
      const panels = await page.locator('loupe-tile-panel').count();
      const tilesNow = await page.locator(TILE).count();
      const orphans = await page
        .locator('loupe-tile-panel')
        .evaluateAll((hosts, selector) => hosts.filter((host) => !host.closest(selector)).length, TILE);
      const after = await heapBytes(page, false);
      const afterGc = await heapBytes(page, true);

      // The page load's batch also loads the page: the flat goal compares the "Load more" batches,
      // the median of the first three against the median of the last three (one batch alone swings
      // by ±30 % with the sandbox's answer times on a 2-core machine).
      const [first, last] = ends(batches);
      const ratio = first > 0 ? last / first : 0;
      const tick = (ok: boolean) => (ok ? '✓' : '✗');
      const [aloneFirst, aloneLast] = ends(alone);
      const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
      notes.push(
        '',
        `(10) A long session in real Chromium: a search page grown to ${tiles} tiles in ${batches.length} loads of ${BATCH}, then ${NAVIGATIONS} in-page navigations (search, job pages, profiles):`,
        `  time per batch of ${BATCH} new tiles, "Load more" → panels settled: first three ${first} ms, last three ${last} ms (medians), last ÷ first ${ratio.toFixed(2)} (goal ≤ ${FLAT_GOAL} ${tick(ratio <= FLAT_GOAL)}); the page load's ${BATCH} then every batch: ${batches.join(', ')} ms`,
        `  the floor, the same growth without Loupe (each batch until the page drew its new tiles): first three ${aloneFirst} ms, last three ${aloneLast} ms, last ÷ first ${aloneFirst > 0 ? (aloneLast / aloneFirst).toFixed(2) : '–'}; every batch: ${alone.join(', ')} ms`,
        `  Loupe's own part of a batch (with − without): first ${first - aloneFirst} ms, last ${last - aloneLast} ms`,
        `  the browser's cost of one frame that changes layout a little (a word added to the last tile, without Loupe): ${[...frameAt].map(([tiles, cost]) => `${cost.toFixed(1)} ms at ${tiles} tiles`).join(', ')}; ` +
          "Loupe's batch changes layout in several frames (panels drawn, answers handed out, features' follow-ups), and each costs that much",
        `  ${NAVIGATIONS} navigations took ${navMs} ms; back on a search page: ${panels} Loupe panels for ${tilesNow} tiles, ${orphans} outside a tile (goal 0 ${tick(orphans === 0 && panels <= tilesNow)})`,
        `  the page's JS heap (page scripts and Loupe's content script together): ${mb(grown)} at ${tiles} tiles, ${mb(after)} after the navigations, ${mb(afterGc)} after a forced GC (goal ≤ ${mb(HEAP_GOAL_BYTES)} ${tick(afterGc <= HEAP_GOAL_BYTES)})`,
      );
    });
    return [];
  },
};
