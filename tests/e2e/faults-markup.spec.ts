import type { Page } from '@playwright/test';
import { LANDMARKS } from '../../sandbox/pages/context';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { pageErrors } from './support/security';

/**
 * Upwork's markup changing under Loupe: each landmark the sandbox's pages carry removed in turn.
 * The page stays whole; Loupe annotates through its fallbacks or stands a feature down and says
 * which landmark it missed.
 */

type Landmark = (typeof LANDMARKS)[number];

/** The sandbox's landmarks from `first` through `last`, in the order sandbox/pages/context.ts lists them. */
function landmarksFrom(first: Landmark, last: Landmark): Landmark[] {
  return LANDMARKS.slice(LANDMARKS.indexOf(first), LANDMARKS.indexOf(last) + 1);
}

/** The sandbox's landmark names (sandbox/pages/context.ts LANDMARKS), by the page that carries them. */
const LANDMARK_PAGES: Record<string, Landmark[]> = {
  search: landmarksFrom('card-list-container', 'job-description-text'),
  feed: [...landmarksFrom('job_feed_tile', 'client-country'), 'job-description-text', 'token'],
  job: landmarksFrom('about-client-container', 'ca-item'),
  slider: ['air3-slider-content', 'about-client-container'],
};

/** Tiles counted by classes no landmark drop removes, so the page's own list can be checked whole. */
const PAGE_TILES = { search: 'section.tile-list > article', feed: '.feed-list > section.job-feed-tile' } as const;

interface Outcome {
  landmark: string;
  page: string;
  annotated: boolean;
  featuresOff: string[];
}

/** Waits until Loupe has either annotated what it should or switched the feature off, then checks the page is whole. */
async function settle(page: Page, kind: keyof typeof LANDMARK_PAGES, landmark: string, errors: string[]): Promise<Outcome> {
  const off = async () => ((await page.locator('html').getAttribute('data-loupe-features-off')) ?? '').split(' ').filter(Boolean);
  let annotated = false;
  if (kind === 'search' || kind === 'feed') {
    const tiles = page.locator(PAGE_TILES[kind]);
    const count = await tiles.count();
    expect(count, `${landmark}: the page's own tiles`).toBeGreaterThan(0);
    const ready = page.locator('loupe-tile-panel[data-loupe-state="ready"]');
    await expect
      .poll(async () => (await ready.count()) === count || (await off()).includes('job-tile-client-panel'), {
        message: `${landmark}: tiles annotated or the feature switched off`,
        timeout: 15_000,
      })
      .toBe(true);
    annotated = (await ready.count()) === count;
    expect(await page.locator(`${PAGE_TILES[kind]}[style*="display: none"]`).count(), `${landmark}: no tile hidden`).toBe(0);
  } else {
    const ready = page.locator('loupe-job-activity[data-loupe-state="ready"]');
    await expect
      .poll(async () => (await ready.count()) === 1 || (await off()).includes('job-detail-activity'), {
        message: `${landmark}: the activity card shown or switched off`,
        timeout: 15_000,
      })
      .toBe(true);
    annotated = (await ready.count()) === 1;
  }
  await expect(page.locator('html')).toHaveAttribute('data-loupe', 'connected');
  expect(errors, `${landmark}: page errors`).toEqual([]);
  return { landmark, page: kind, annotated, featuresOff: await off() };
}

test.describe('Upwork’s markup changed', () => {
  test('each landmark removed in turn: the page stays whole, Loupe annotates through fallbacks or stands down and says which', async ({
    context,
    openExtensionPage,
    signIn,
    sandbox,
  }) => {
    test.setTimeout(180_000);
    await signIn();
    const popup = await openExtensionPage('popup.html');
    const healthOfThisTab = async () =>
      (
        (await sendFromExtensionPage(popup, 'page.health', {})) as {
          data: { reports: { url: string; landmarks: Record<string, boolean>; disabledFeatures: string[] }[] };
        }
      ).data.reports.find((report) => report.url === page.url());
    const page = await context.newPage();
    const errors = pageErrors(page);
    const jobId = sandbox.dataset.jobs[0]?.id as string;
    const outcomes: Outcome[] = [];
    for (const [kind, names] of Object.entries(LANDMARK_PAGES) as [keyof typeof LANDMARK_PAGES, string[]][]) {
      for (const landmark of names) {
        sandbox.setFaults({ dropLandmarks: [landmark] });
        if (kind === 'search')
          await page.goto(`https://www.upwork.com/nx/search/jobs/?q=${landmark === 'is-fixed-price' ? 'design' : 'react'}`);
        if (kind === 'feed') await page.goto('https://www.upwork.com/nx/find-work/most-recent');
        if (kind === 'job') await page.goto(`https://www.upwork.com/jobs/~02${jobId}`);
        if (kind === 'slider') await page.goto(`https://www.upwork.com/nx/search/jobs/details/~02${jobId}`);
        const outcome = await settle(page, kind, landmark, errors);
        outcomes.push(outcome);
        if (outcome.featuresOff.length > 0) {
          // A feature that stood down is in the popup's health line, with the landmark it missed.
          await expect
            .poll(healthOfThisTab, { message: `${landmark}: health report`, timeout: 10_000 })
            .toMatchObject({ disabledFeatures: expect.arrayContaining(outcome.featuresOff) });
          const report = await healthOfThisTab();
          expect(Object.values(report?.landmarks ?? {}), `${landmark}: a landmark reported missing`).toContain(false);
        }
      }
    }
    sandbox.resetFaults();

    const summary = Object.fromEntries(
      outcomes.map((o) => [`${o.page}:${o.landmark}`, o.annotated ? 'annotated' : `off: ${o.featuresOff.join(' ')}`]),
    );
    // Fallback selectors carry the tiles and the job page through every change but the one box the card hangs on.
    for (const [key, result] of Object.entries(summary)) {
      if (key === 'job:about-client-container') expect(result, key).toMatch(/^off: .*job-detail-activity/);
      else expect(result, key).toBe('annotated');
    }
  });
});
