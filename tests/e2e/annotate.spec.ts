import type { Page } from '@playwright/test';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';

/**
 * Loupe's page annotations in real Chromium against the sandbox's upwork.com: markup in Upwork's
 * text, broken landmarks and the page theme. The panels showing the sandbox's data on search
 * pages, feeds, job pages, the slider and profiles, and the signed-out line, run in Chromium and
 * Firefox alike: tests/e2e/both/pages.spec.ts.
 */

/**
 * Every tile on the page carries exactly one Loupe panel, for its own job, and it has loaded
 * ("missing" is a loaded panel too: a feed Loupe can't mirror with a search may lack stats).
 */
async function expectEachTileAnnotatedOnce(page: Page, tileSelector: string, idAttribute: string, allowMissing = false): Promise<string[]> {
  const tiles = page.locator(tileSelector);
  const count = await tiles.count();
  expect(count).toBeGreaterThan(0);
  const loaded = allowMissing
    ? 'loupe-tile-panel:is([data-loupe-state="ready"], [data-loupe-state="missing"])'
    : 'loupe-tile-panel[data-loupe-state="ready"]';
  await expect(page.locator(loaded)).toHaveCount(count);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const tile = tiles.nth(i);
    const id = (await tile.getAttribute(idAttribute)) ?? '';
    ids.push(id);
    await expect(tile.locator('loupe-tile-panel')).toHaveCount(1);
    await expect(tile.locator('loupe-tile-panel')).toHaveAttribute('data-loupe-job', id);
  }
  return ids;
}

async function healthReports(openExtensionPage: (path: string) => Promise<Page>) {
  const page = await openExtensionPage('popup.html');
  const reply = (await sendFromExtensionPage(page, 'page.health', {})) as {
    ok: boolean;
    data: { reports: { page: string; landmarks: Record<string, boolean>; disabledFeatures: string[] }[] };
  };
  await page.close();
  expect(reply.ok).toBe(true);
  return reply.data.reports;
}

test.describe('signed in', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn();
  });

  test('Upwork text with markup in it shows as text', async ({ context, sandbox }) => {
    const [job] = sandbox.addJobs(1, {
      title: '<img src=x onerror="document.title=`pwned`"> Fix <b>bold</b>',
      screeningQuestions: ['<b>Are you bold?</b>', '<script>document.title="pwned"</script>'],
    });
    const page = await context.newPage();
    await page.goto(`https://www.upwork.com/jobs/~02${job?.id}`);
    const card = page.locator('loupe-job-activity');
    await expect(card).toHaveAttribute('data-loupe-state', 'ready');
    const list = card.locator('[data-loupe-list="screeningQuestions"]');
    await expect(list.locator('li').first()).toHaveText('<b>Are you bold?</b>');
    await expect(list.locator('li').nth(1)).toHaveText('<script>document.title="pwned"</script>');
    expect(await card.evaluate((host) => host.shadowRoot?.querySelectorAll('b, script, img').length)).toBe(0);
    expect(await page.title()).not.toBe('pwned');
  });

  test('a dropped landmark switches off only what needs it, and the health report names it', async ({
    context,
    sandbox,
    openExtensionPage,
  }) => {
    sandbox.setFaults({ dropLandmarks: ['about-client-container', 'data-ev-job-uid'] });
    const page = await context.newPage();
    // Search tiles lost their uid: the fallbacks (data-test="JobTile", the title link's ~02 id) carry them.
    await page.goto('https://www.upwork.com/nx/search/jobs/');
    await expectEachTileAnnotatedOnce(page, '[data-test="JobTile"]', 'data-loupe-tile');

    const id = (await page.locator('[data-test="JobTile"]').first().getAttribute('data-loupe-tile')) as string;
    await page.goto(`https://www.upwork.com/jobs/~02${id}`);
    // Every feature that needs "About the client" goes off (the activity card, the job-page notes and the watch star), and only those.
    await expect(page.locator('html')).toHaveAttribute(
      'data-loupe-features-off',
      'job-detail-activity job-page-notes watch-star-job-page',
      {
        timeout: 15_000,
      },
    );
    await expect(page.locator('loupe-job-activity')).toHaveCount(0);
    await expect
      .poll(async () => (await healthReports(openExtensionPage)).find((r) => r.page === 'job-details'), { timeout: 10_000 })
      .toMatchObject({
        landmarks: { aboutClient: false },
        disabledFeatures: ['job-detail-activity', 'job-page-notes', 'watch-star-job-page'],
      });
  });

  test('panels follow the page theme', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://www.upwork.com/nx/search/jobs/');
    const panel = page.locator('loupe-tile-panel').first();
    await expect(panel).toHaveAttribute('data-loupe-state', 'ready');
    const before = (await page.locator('html').getAttribute('theme')) === 'dark' ? 'dark' : 'light';
    // The theme sits on the island's root element inside its shadow root, not on the host the page sees.
    const root = panel.locator('.loupe-root');
    await expect(root).toHaveAttribute('data-theme', before);
    await page.locator('[data-test="theme-toggle"]').click();
    await expect(root).toHaveAttribute('data-theme', before === 'dark' ? 'light' : 'dark');
  });
});
