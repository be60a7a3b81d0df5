import { basename } from 'node:path';
import { formatMoney } from '../../../lib/helpers/format';
import { expect, test } from './fixtures';
import { expectClientStats, expectEachTileAnnotatedOnce, FEED_TILE, jobAndClient, SEARCH_TILE, signIn } from './steps';

/**
 * Loupe on the sandbox's upwork.com pages, in each browser: the panels say what the sandbox's data
 * says, each tile is annotated once through infinite scroll and SPA navigation, job pages, the
 * slider and freelancer profiles get their cards, and a signed-out user sees one quiet line.
 */

test.describe('signed in', () => {
  test.beforeEach(async ({ loupe }) => {
    await signIn(loupe);
  });

  test('search tiles show the client stats the sandbox holds', async ({ loupe, sandbox }) => {
    const page = await loupe.openPage('https://www.upwork.com/nx/search/jobs/');
    const ids = await expectEachTileAnnotatedOnce(page, SEARCH_TILE, 'data-ev-job-uid');
    for (const id of ids) await expectClientStats(page, `${SEARCH_TILE}[data-ev-job-uid="${id}"]`, sandbox, id);
    await expect.poll(() => page.attribute('html', 'data-loupe-tiles-annotated')).toBe(String(ids.length));
    expect(await page.evaluate(() => performance.getEntriesByName('loupe:tiles-annotated').length, null)).toBeGreaterThan(0);
  });

  test('feeds are annotated, and infinite scroll and SPA navigation annotate new tiles exactly once', async ({ loupe, sandbox }) => {
    const page = await loupe.openPage('https://www.upwork.com/nx/find-work/most-recent');
    const tileOf = (id: string) => `${FEED_TILE}[data-ev-opening_uid="${id}"]`;
    const first = await expectEachTileAnnotatedOnce(page, FEED_TILE, 'data-ev-opening_uid');
    await expectClientStats(page, tileOf(first[0] as string), sandbox, first[0] as string);

    await page.click('[data-test="load-more"]');
    await expect.poll(() => page.count(FEED_TILE)).toBe(first.length * 2);
    const grown = await expectEachTileAnnotatedOnce(page, FEED_TILE, 'data-ev-opening_uid');
    const added = grown.at(-1) as string;
    await expectClientStats(page, tileOf(added), sandbox, added);

    // SPA navigation to another feed: a new list, no panel left from the old one.
    await page.click('[data-test="tab-best-matches"]');
    await expect.poll(() => page.url()).toMatch(/\/nx\/find-work\/best-matches$/);
    await expect.poll(() => page.count(FEED_TILE)).toBe(10);
    await expectEachTileAnnotatedOnce(page, FEED_TILE, 'data-ev-opening_uid', true);
    expect(await page.count('loupe-tile-panel')).toBe(10);

    // And a search through the page's own form (SPA): search tiles, annotated once.
    await page.goto('https://www.upwork.com/nx/search/jobs/');
    await expectEachTileAnnotatedOnce(page, SEARCH_TILE, 'data-ev-job-uid');
    await page.fill('[data-test="search-input"]', 'react');
    await page.press('Enter');
    await expect.poll(() => page.url()).toMatch(/\?q=react$/);
    await expectEachTileAnnotatedOnce(page, SEARCH_TILE, 'data-ev-job-uid');
  });

  test('a job page shows the client activity; the slider does too and the list keeps its panels', async ({ loupe, sandbox }) => {
    const page = await loupe.openPage('https://www.upwork.com/nx/search/jobs/');
    const ids = await expectEachTileAnnotatedOnce(page, SEARCH_TILE, 'data-ev-job-uid');
    const id = ids[0] as string;
    const { job } = jobAndClient(sandbox, id);
    const hired = job.personsToHire ? `${job.activity.hired} of ${job.personsToHire}` : String(job.activity.hired);

    await page.click(`${SEARCH_TILE}[data-ev-job-uid="${id}"] [data-test="job-tile-title-link"]`);
    await expect.poll(() => page.url()).toMatch(new RegExp(`/nx/search/jobs/details/~02${id}`));
    const card = '.air3-slider-content loupe-job-activity';
    await expect.poll(() => page.attribute(card, 'data-loupe-state')).toBe('ready');
    expect(await page.text([card, '[data-loupe-stat="invitesSent"] dd'])).toBe(String(job.activity.invitesSent));
    expect(await page.text([card, '[data-loupe-stat="interviewing"] dd'])).toBe(String(job.activity.interviewing));
    expect(await page.text([card, '[data-loupe-stat="hired"] dd'])).toBe(hired);
    expect(await page.count('loupe-tile-panel')).toBe(ids.length);

    await page.press('Escape');
    await expect.poll(() => page.url()).toMatch(/\/nx\/search\/jobs\/$/);
    await expect.poll(() => page.count('loupe-job-activity')).toBe(0);
    expect(await page.count('loupe-tile-panel')).toBe(ids.length);

    await page.goto(`https://www.upwork.com/jobs/~02${id}`);
    await expect.poll(() => page.attribute('loupe-job-activity', 'data-loupe-state')).toBe('ready');
    expect(await page.text(['loupe-job-activity', '[data-loupe-stat="invitesSent"] dd'])).toBe(String(job.activity.invitesSent));
    // Placed just before "About the client" (other Loupe sections, such as notes, may sit between).
    const nextPageElement = await page.evaluate(() => {
      let next = document.querySelector('loupe-job-activity')?.nextElementSibling;
      while (next?.tagName.toLowerCase().startsWith('loupe-')) next = next.nextElementSibling;
      return next?.getAttribute('data-test');
    }, null);
    expect(nextPageElement).toBe('about-client-container');

    // How the working-hours overlap was worked out: the client's zone as the sandbox's Upwork gives it, yours, the hours assumed.
    const zoned = ids.map((other) => jobAndClient(sandbox, other)).find(({ client }) => client.timezone);
    if (!zoned) throw new Error('the sandbox search page needs a client with a time zone');
    await page.goto(`https://www.upwork.com/jobs/~02${zoned.job.id}`);
    await expect.poll(() => page.attribute('loupe-job-activity', 'data-loupe-state')).toBe('ready');
    const how = await page.text(['loupe-job-activity', '[data-loupe-list="overlapHow"]']);
    expect(how).toContain('How the overlap is worked out');
    expect(how).toContain(`Client’s time zone: ${zoned.client.timezone}`);
    expect(how).toContain('Your time zone: ');
    expect(how).toContain('Working hours are taken as 9:00–17:00 on both sides');
    expect(how).toMatch(/Result: (\d+(\.\d+)? h when both of you|no hour when both of you)/);
  });

  test('a freelancer profile shows the track record, and hidden values stay hidden', async ({ loupe, sandbox }) => {
    const open = sandbox.dataset.freelancers.find((f) => !f.hideEarnings && !f.hideJss && f.jobSuccessScore !== null);
    const hidden = sandbox.dataset.freelancers.find((f) => f.hideEarnings);
    if (!open || !hidden) throw new Error('the sandbox dataset needs a freelancer with open and one with hidden earnings');
    const card = 'loupe-profile-stats';
    const value = (key: string) => [card, `[data-loupe-stat="${key}"] dd`];

    const page = await loupe.openPage(`https://www.upwork.com/freelancers/${open.profileKey}`);
    await expect.poll(() => page.attribute(card, 'data-loupe-state')).toBe('ready');
    expect(await page.text(value('jss'))).toBe(`${Math.round(open.jobSuccessScore ?? 0)}%`);
    expect(await page.text(value('earnings'))).toBe(formatMoney(open.totalEarnings));
    expect(await page.text(value('jobs'))).toBe((open.totalHourlyJobs + open.totalFixedJobs).toLocaleString('en-US'));
    expect(await page.text(value('rate'))).toContain(String(open.hourlyRate));

    await page.goto(`https://www.upwork.com/freelancers/${hidden.profileKey}`);
    await expect.poll(() => page.attribute(card, 'data-loupe-state')).toBe('ready');
    expect(await page.text(value('earnings'))).toBe('hidden by the freelancer');
    expect(await page.text(card)).not.toContain(formatMoney(hidden.totalEarnings));
  });

  test('a freelancer profile flags risks in words: a long break, a low Job Success Score, no verified identity', async ({
    loupe,
    sandbox,
  }) => {
    const risky = sandbox.dataset.freelancers.find(
      (f) => (f.lastWorkedDaysAgo ?? 0) > 120 && !f.idVerified && !f.hideJss && f.jobSuccessScore !== null && f.jobSuccessScore < 80,
    );
    const steady = sandbox.dataset.freelancers.find(
      (f) => f.lastWorkedDaysAgo !== null && f.lastWorkedDaysAgo < 60 && f.idVerified && !f.hideJss && (f.jobSuccessScore ?? 0) >= 90,
    );
    if (!risky || !steady) throw new Error('the sandbox dataset needs a freelancer with every risk and one with none');
    const card = 'loupe-profile-stats';
    const row = (key: string) => [card, `[data-loupe-stat="${key}"]`];

    const page = await loupe.openPage(`https://www.upwork.com/freelancers/${risky.profileKey}`);
    await expect.poll(() => page.attribute(card, 'data-loupe-state')).toBe('ready');
    expect(await page.text([...row('lastWorked'), 'dd'])).toMatch(/^⚠ \d+ (months?|years?) ago, a long break$/);
    expect(await page.text([...row('jss'), 'dd'])).toBe(`⚠ ${risky.jobSuccessScore}%, low`);
    expect(await page.text([...row('idVerified'), 'dd'])).toBe('⚠ not verified');
    for (const key of ['lastWorked', 'jss', 'idVerified']) expect(await page.attribute(row(key), 'data-tone')).toBe('warn');
    expect(await page.attribute(row('lastWorked'), 'title')).toContain('more than 90 days');

    await page.goto(`https://www.upwork.com/freelancers/${steady.profileKey}`);
    await expect.poll(() => page.attribute(card, 'data-loupe-state')).toBe('ready');
    expect(await page.text(card)).not.toContain('⚠');
    expect(await page.text([...row('idVerified'), 'dd'])).toBe('✓ verified');
  });

  test('the page exports its jobs as CSV, saved by the background through the downloads API', async ({ loupe }) => {
    const page = await loupe.openPage('https://www.upwork.com/nx/search/jobs/');
    const ids = await expectEachTileAnnotatedOnce(page, SEARCH_TILE, 'data-ev-job-uid');
    const bar = 'loupe-page-export';
    await expect.poll(() => page.text([bar, '[role="status"]'])).toBe(`${ids.length} jobs on this page`);
    const file = await loupe.download(() => page.clickButton('Export CSV', bar));
    await expect.poll(() => page.text([bar, '[role="status"]'])).toBe(`Exported ${ids.length} jobs.`);
    // Firefox keeps the name Loupe gave; Playwright's Chromium saves every download under a generated one.
    if (loupe.name === 'firefox') expect(basename(file.path)).toMatch(/^loupe-jobs-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = file.text.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^Job id,Link,Title,/);
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(ids);
  });
});

test('signed out: one quiet sign-in line per page, no per-tile noise', async ({ loupe }) => {
  const page = await loupe.openPage('https://www.upwork.com/nx/search/jobs/');
  const notice = 'loupe-notice[data-loupe-notice="signed-out"]';
  await expect.poll(() => page.count(notice)).toBe(1);
  await expect.poll(() => page.text(notice)).toContain('Sign in to Loupe to see client stats');
  expect(await page.count('[data-loupe-section="client-stats"]')).toBe(0);
  await page.click('[data-test="load-more"]');
  await expect.poll(() => page.count(SEARCH_TILE)).toBe(20);
  await expect.poll(() => page.count('article[data-loupe-tile]')).toBe(20);
  expect(await page.count(notice)).toBe(1);
});
