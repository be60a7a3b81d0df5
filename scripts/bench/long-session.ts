import type { Page } from '@playwright/test';
import { launchWithExtension } from '../../testkit/extension';
import { buildExtension, onSignedInPage } from './chromium';
import { sleep } from './measure';
import { settled, TILE } from './tile-stats';
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

/** Clicks "Load more" until `tiles` tiles; `ready` waits for each batch. Resolves with each batch's time, the page load's first. */
async function grow(page: Page, tiles: number, ready: (count: number) => Promise<void>): Promise<number[]> {
  const batches: number[] = [];
  let started = Date.now();
  await page.goto(`https://www.upwork.com/nx/search/jobs/?q=&per_page=${BATCH}`);
  await ready(BATCH);
  batches.push(Date.now() - started);
  while ((await page.locator(TILE).count()) < tiles) {
    const more = page.locator('[data-test="load-more"]');
    if ((await more.count()) === 0) break;
    const before = await page.locator(TILE).count();
    started = Date.now();
    await more.click();
    await page.waitForFunction(
      ({ selector, before }) => document.querySelectorAll(selector).length > before,
      { selector: TILE, before },
      { polling: 100 },
    );
    await ready(await page.locator(TILE).count());
    batches.push(Date.now() - started);
  }
  return batches;
}

/**
 * The floor under Loupe's batches: the same growth in a Chromium without Loupe, each batch timed
 * until the page has drawn its new tiles. What the page itself needs per batch as it grows.
 */
async function pageAlone(context: BenchContext): Promise<number[]> {
  const browser = await launchWithExtension({ extensionDir: null, args: context.sandbox.chromiumArgs });
  try {
    const page = await browser.newPage();
    return await grow(page, TILES, () => nextFrame(page));
  } finally {
    await browser.close();
  }
}

const notes: string[] = [];

export const longSessionScenario: BenchScenario = {
  name: `(10) a long session: ${TILES} tiles by infinite scroll, then ${NAVIGATIONS} in-page navigations`,
  notes,
  async run(context: BenchContext) {
    const { dir } = await buildExtension(context);
    const alone = await pageAlone(context);
    await onSignedInPage(context, dir, async (page) => {
      const batches = await grow(page, TILES, (count) => settled(page, count));
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

      // The page load's batch also loads the page: the flat goal compares the "Load more" batches.
      const first = batches[1] ?? 0;
      const last = batches[batches.length - 1] ?? 0;
      const ratio = first > 0 ? last / first : 0;
      const tick = (ok: boolean) => (ok ? '✓' : '✗');
      const [aloneFirst, aloneLast] = [alone[1] ?? 0, alone[alone.length - 1] ?? 0];
      const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
      notes.push(
        '',
        `(10) A long session in real Chromium: a search page grown to ${tiles} tiles in ${batches.length} loads of ${BATCH}, then ${NAVIGATIONS} in-page navigations (search, job pages, profiles):`,
        `  time per batch of ${BATCH} new tiles, "Load more" → panels settled: first ${first} ms, last ${last} ms, last ÷ first ${ratio.toFixed(2)} (goal ≤ ${FLAT_GOAL} ${tick(ratio <= FLAT_GOAL)}); the page load's ${BATCH} then every batch: ${batches.join(', ')} ms`,
        `  the floor, the same growth without Loupe (each batch until the page drew its new tiles): first ${aloneFirst} ms, last ${aloneLast} ms, last ÷ first ${aloneFirst > 0 ? (aloneLast / aloneFirst).toFixed(2) : '–'}; every batch: ${alone.join(', ')} ms`,
        `  Loupe's own part of a batch (with − without): first ${first - aloneFirst} ms, last ${last - aloneLast} ms`,
        `  ${NAVIGATIONS} navigations took ${navMs} ms; back on a search page: ${panels} Loupe panels for ${tilesNow} tiles, ${orphans} outside a tile (goal 0 ${tick(orphans === 0 && panels <= tilesNow)})`,
        `  the page's JS heap (page scripts and Loupe's content script together): ${mb(grown)} at ${tiles} tiles, ${mb(after)} after the navigations, ${mb(afterGc)} after a forced GC (goal ≤ ${mb(HEAP_GOAL_BYTES)} ${tick(afterGc <= HEAP_GOAL_BYTES)})`,
      );
    });
    return [];
  },
};
