import type { Locator, Page } from '@playwright/test';
import { formatMoney } from '../../lib/helpers/format';
import type { Sandbox } from '../../sandbox/server';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';

/**
 * Loupe's page annotations in real Chromium against the sandbox's upwork.com: what the panels say
 * must be the sandbox's data, each tile annotated once through infinite scroll and SPA
 * navigation, and broken landmarks or a signed-out user handled quietly.
 */

type ClientRecord = Sandbox['dataset']['clients'][number];
type JobRecord = Sandbox['dataset']['jobs'][number];

function jobAndClient(sandbox: Sandbox, id: string): { job: JobRecord; client: ClientRecord } {
  const job = sandbox.dataset.jobs.find((j) => j.id === id);
  const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
  if (!job || !client) throw new Error(`job ${id} is not in the sandbox dataset`);
  return { job, client };
}

const stat = (scope: Locator, key: string) => scope.locator(`[data-loupe-stat="${key}"] .loupe-stat-value`);

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

/** The panel shows the sandbox's numbers for this tile's client. */
async function expectClientStats(tile: Locator, sandbox: Sandbox, id: string): Promise<void> {
  const { job, client } = jobAndClient(sandbox, id);
  const panel = tile.locator('loupe-tile-panel');
  await expect(stat(panel, 'hires')).toHaveText(client.totalHires.toLocaleString('en-US'));
  await expect(stat(panel, 'jobsPosted')).toHaveText(client.totalPostedJobs.toLocaleString('en-US'));
  if (client.totalPostedJobs > 0 && client.totalHires <= client.totalPostedJobs) {
    await expect(stat(panel, 'hireRate')).toHaveText(`${Math.round((client.totalHires / client.totalPostedJobs) * 100)}%`);
  } else if (client.totalPostedJobs > 0) {
    // More hires than jobs is no rate: hires per job, never a hire rate above 100 %.
    await expect(stat(panel, 'hiresPerJob')).toHaveText(
      `${(client.totalHires / client.totalPostedJobs).toFixed(2).replace(/\.?0+$/, '')} hires per job`,
    );
  }
  if (client.hasFinancialPrivacy) await expect(stat(panel, 'spent')).toHaveText('hidden by the client');
  else await expect(stat(panel, 'spent')).toHaveText(formatMoney(client.totalSpent));
  await expect(stat(panel, 'payment')).toHaveText(client.paymentVerified ? '✓ Payment verified' : 'Payment not verified');
  if (client.rating !== null && client.totalReviews > 0) {
    await expect(stat(panel, 'rating')).toContainText(`(${client.totalReviews.toLocaleString('en-US')} review`);
    await expect(stat(panel, 'rating')).toContainText(client.rating.toFixed(2).replace(/\.?0+$/, ''));
  }
  if (client.country) await expect(stat(panel, 'location')).toContainText(client.country.name);
  if (job.totalApplicants !== null) await expect(stat(panel, 'proposals')).toHaveText(String(job.totalApplicants));
  if (client.timezone) await expect(stat(panel, 'localTime')).toHaveText(/^\d{1,2}:\d{2} [AP]M$/);
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

  test('search tiles show the client stats the sandbox holds', async ({ context, sandbox }) => {
    const page = await context.newPage();
    await page.goto('https://www.upwork.com/nx/search/jobs/');
    const ids = await expectEachTileAnnotatedOnce(page, 'article[data-ev-job-uid]', 'data-ev-job-uid');
    for (const id of ids) await expectClientStats(page.locator(`article[data-ev-job-uid="${id}"]`), sandbox, id);
    await expect(page.locator('html')).toHaveAttribute('data-loupe-tiles-annotated', String(ids.length));
    const marks = await page.evaluate(() => performance.getEntriesByName('loupe:tiles-annotated').length);
    expect(marks).toBeGreaterThan(0);
  });

  test('feeds are annotated, and infinite scroll and SPA navigation annotate new tiles exactly once', async ({ context, sandbox }) => {
    const page = await context.newPage();
    await page.goto('https://www.upwork.com/nx/find-work/most-recent');
    const feedTile = 'section[data-ev-opening_uid]';
    const first = await expectEachTileAnnotatedOnce(page, feedTile, 'data-ev-opening_uid');
    await expectClientStats(page.locator(`${feedTile}[data-ev-opening_uid="${first[0]}"]`), sandbox, first[0] as string);

    await page.locator('[data-test="load-more"]').click();
    await expect(page.locator(feedTile)).toHaveCount(first.length * 2);
    const grown = await expectEachTileAnnotatedOnce(page, feedTile, 'data-ev-opening_uid');
    const added = grown.at(-1) as string;
    await expectClientStats(page.locator(`${feedTile}[data-ev-opening_uid="${added}"]`), sandbox, added);

    // SPA navigation to another feed: a new list, no panel left from the old one.
    await page.locator('[data-test="tab-best-matches"]').click();
    await expect(page).toHaveURL(/\/nx\/find-work\/best-matches$/);
    await expect(page.locator(feedTile)).toHaveCount(10);
    await expectEachTileAnnotatedOnce(page, feedTile, 'data-ev-opening_uid', true);
    await expect(page.locator('loupe-tile-panel')).toHaveCount(10);

    // And a search through the page's own form (SPA): search tiles, annotated once.
    await page.goto('https://www.upwork.com/nx/search/jobs/');
    await expectEachTileAnnotatedOnce(page, 'article[data-ev-job-uid]', 'data-ev-job-uid');
    await page.locator('[data-test="search-input"]').fill('react');
    await page.locator('[data-test="search-input"]').press('Enter');
    await expect(page).toHaveURL(/\?q=react$/);
    await expectEachTileAnnotatedOnce(page, 'article[data-ev-job-uid]', 'data-ev-job-uid');
  });

  test('a job page shows the client activity; the slider does too and the list keeps its panels', async ({ context, sandbox }) => {
    const page = await context.newPage();
    await page.goto('https://www.upwork.com/nx/search/jobs/');
    const ids = await expectEachTileAnnotatedOnce(page, 'article[data-ev-job-uid]', 'data-ev-job-uid');
    const id = ids[0] as string;
    const { job } = jobAndClient(sandbox, id);

    await page.locator(`article[data-ev-job-uid="${id}"] [data-test="job-tile-title-link"]`).click();
    await expect(page).toHaveURL(new RegExp(`/nx/search/jobs/details/~02${id}`));
    const card = page.locator('.air3-slider-content loupe-job-activity');
    await expect(card).toHaveAttribute('data-loupe-state', 'ready');
    await expect(card.locator('[data-loupe-stat="invitesSent"] dd')).toHaveText(String(job.activity.invitesSent));
    await expect(card.locator('[data-loupe-stat="interviewing"] dd')).toHaveText(String(job.activity.interviewing));
    await expect(card.locator('[data-loupe-stat="hired"] dd')).toHaveText(
      job.personsToHire ? `${job.activity.hired} of ${job.personsToHire}` : String(job.activity.hired),
    );
    await expect(page.locator('loupe-tile-panel')).toHaveCount(ids.length);

    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/nx\/search\/jobs\/$/);
    await expect(page.locator('loupe-job-activity')).toHaveCount(0);
    await expect(page.locator('loupe-tile-panel')).toHaveCount(ids.length);

    await page.goto(`https://www.upwork.com/jobs/~02${id}`);
    const pageCard = page.locator('loupe-job-activity');
    await expect(pageCard).toHaveAttribute('data-loupe-state', 'ready');
    await expect(pageCard.locator('[data-loupe-stat="invitesSent"] dd')).toHaveText(String(job.activity.invitesSent));
    // Placed just before "About the client" (other Loupe sections, such as notes, may sit between).
    const nextPageElement = await pageCard.evaluate((host) => {
      let next = host.nextElementSibling;
      while (next?.tagName.toLowerCase().startsWith('loupe-')) next = next.nextElementSibling;
      return next?.getAttribute('data-test');
    });
    expect(nextPageElement).toBe('about-client-container');
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

  test('a freelancer profile shows the track record, and hidden values stay hidden', async ({ context, sandbox }) => {
    const open = sandbox.dataset.freelancers.find((f) => !f.hideEarnings && !f.hideJss && f.jobSuccessScore !== null);
    const hidden = sandbox.dataset.freelancers.find((f) => f.hideEarnings);
    expect(open && hidden).toBeTruthy();
    if (!open || !hidden) return;
    const page = await context.newPage();
    await page.goto(`https://www.upwork.com/freelancers/${open.profileKey}`);
    const card = page.locator('loupe-profile-stats');
    await expect(card).toHaveAttribute('data-loupe-state', 'ready');
    await expect(card.locator('[data-loupe-stat="jss"] dd')).toHaveText(`${Math.round(open.jobSuccessScore ?? 0)}%`);
    await expect(card.locator('[data-loupe-stat="earnings"] dd')).toHaveText(formatMoney(open.totalEarnings));
    await expect(card.locator('[data-loupe-stat="jobs"] dd')).toHaveText(
      (open.totalHourlyJobs + open.totalFixedJobs).toLocaleString('en-US'),
    );
    await expect(card.locator('[data-loupe-stat="rate"] dd')).toContainText(String(open.hourlyRate));

    await page.goto(`https://www.upwork.com/freelancers/${hidden.profileKey}`);
    const hiddenCard = page.locator('loupe-profile-stats');
    await expect(hiddenCard).toHaveAttribute('data-loupe-state', 'ready');
    await expect(hiddenCard.locator('[data-loupe-stat="earnings"] dd')).toHaveText('hidden by the freelancer');
    await expect(hiddenCard).not.toContainText(formatMoney(hidden.totalEarnings));
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

test('signed out: one quiet sign-in line per page, no per-tile noise', async ({ context }) => {
  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/');
  const notice = page.locator('loupe-notice[data-loupe-notice="signed-out"]');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Sign in to Loupe to see client stats');
  await expect(page.locator('[data-loupe-section="client-stats"]')).toHaveCount(0);
  await page.locator('[data-test="load-more"]').click();
  await expect(page.locator('article[data-ev-job-uid]')).toHaveCount(20);
  await expect(page.locator('article[data-loupe-tile]')).toHaveCount(20);
  await expect(notice).toHaveCount(1);
});
