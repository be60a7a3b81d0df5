import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { openSignedIn, type SignInFixtures } from './support/session';

/**
 * The toolbar popup (issue 8): account and organization, the API status, the page-health line, the
 * job-alert feed with a client panel per job, and the way to the options page; it
 * paints from storage without waiting on the network, and works from the keyboard.
 */

declare const chrome: { storage: { local: { get(keys: string): Promise<Record<string, unknown>> } } };

interface Reply<T> {
  ok: boolean;
  data: T;
}

/** Saves a search for a word no other job has, posts `count` jobs for it and checks once. */
async function feedWithJobs(page: Page, sandbox: Sandbox, count: number) {
  // The popup's feed is under test, not the API's search: let the alert's search find every job posted.
  sandbox.setSearchDivergence(false);
  const word = `zp${Date.now().toString(36)}`;
  expect(await sendFromExtensionPage(page, 'alerts.saveSearch', { query: `react ${word}` })).toMatchObject({ ok: true });
  const posted = sandbox.addJobs(count, { title: `React ${word} popup job` });
  const reply = (await sendFromExtensionPage(page, 'alerts.pollNow', {})) as Reply<{ results: { newJobs: number }[] }>;
  expect(reply.data.results[0]?.newJobs).toBe(count);
  return posted;
}

/** Signs in, then fills the feed with `count` jobs from the options page; returns that page and the jobs. */
async function signedInWithFeed(fixtures: SignInFixtures, sandbox: Sandbox, count: number) {
  const setup = await openSignedIn(fixtures, 'options.html');
  return { setup, posted: await feedWithJobs(setup, sandbox, count) };
}

// Open bug: the popup's page-health line says no Upwork page was open although the search page was
// annotated (the health report itself arrives: annotate.spec.ts reads it). Everything else here passes.
test('shows the account and organization, the API status, page health, and the feed with a client panel per job', async ({
  context,
  sandbox,
  signIn,
  openExtensionPage,
}) => {
  await signIn();
  // A search page first, so the content script has reported how the page landmarks matched.
  const upwork = await context.newPage();
  await upwork.goto('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect(upwork.locator('loupe-tile-panel[data-loupe-state="ready"]').first()).toBeVisible();

  const setup = await openExtensionPage('options.html');
  const posted = await feedWithJobs(setup, sandbox, 2);

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('worker-status')).toHaveText(/^Loupe \d+\.\d+\.\d+ is running\.$/);
  const user = sandbox.dataset.user;
  await expect(popup.getByTestId('account-name')).toHaveText(user.name);
  const picker = popup.getByTestId('organization-select');
  for (const organization of user.organizations) await expect(picker.locator(`option[value="${organization.id}"]`)).toHaveCount(1);

  const status = popup.getByTestId('status-panel');
  await expect(status.getByTestId('requests-today')).toHaveText(/^[1-9]\d* of 40,000$/);
  await expect(status.getByTestId('queue-length')).toHaveText(/^\d+ waiting, \d+ on the way$/);
  await expect(status.getByTestId('cache-hits')).toHaveText(/^\d+ hits, \d+ misses/);
  await expect(status.getByTestId('last-error')).toHaveText('No problems talking to Upwork.');
  await expect(popup.getByTestId('page-health')).toContainText('landmarks found');

  const entries = popup.getByTestId('feed-entry');
  await expect(entries).toHaveCount(2);
  for (const job of posted) {
    const entry = popup.locator(`[data-testid="feed-entry"][data-job-id="${job.id}"]`);
    await expect(entry).toHaveAttribute('data-read', 'false');
    await expect(entry.getByRole('button')).toHaveText(job.title);
    const client = sandbox.dataset.clients.find((candidate) => candidate.id === job.clientId);
    await expect(entry.locator('[data-loupe-stat="payment"]')).toHaveText(
      client?.paymentVerified ? '✓ Payment verified' : 'Payment not verified',
    );
    await expect(entry.locator('[data-loupe-stat="hires"]')).toHaveText(`Hires ${client?.totalHires.toLocaleString('en-US')}`);
  }
  await expect(popup.getByTestId('unread-count')).toHaveText('(2 new)');
  await expect(popup.getByTestId('saved-search')).toHaveCount(1);
  // Feature switches live in the settings (design.spec.ts), not in the popup.
  await expect(popup.locator('[data-feature]')).toHaveCount(0);
});

test('works from the keyboard: open a job from the feed (marked read), open the options', async ({
  context,
  sandbox,
  signIn,
  openExtensionPage,
}) => {
  const {
    setup,
    posted: [job],
  } = await signedInWithFeed({ openExtensionPage, signIn }, sandbox, 1);
  const popup = await openExtensionPage('popup.html');
  const title = popup.getByTestId('feed-entry').getByRole('button');
  await expect(title).toBeVisible();

  // Tab reaches the job: every control on the way is a real button, link or input.
  let reached = false;
  for (let presses = 0; presses < 40 && !reached; presses++) {
    await popup.keyboard.press('Tab');
    reached = await title.evaluate((element) => element === document.activeElement);
  }
  expect(reached).toBe(true);
  const opened = context.waitForEvent('page');
  await popup.keyboard.press('Enter');
  const jobPage = await opened;
  await jobPage.waitForLoadState('domcontentloaded');
  expect(jobPage.url()).toBe(`https://www.upwork.com/jobs/~02${job?.id}`);
  const list = (await sendFromExtensionPage(setup, 'alerts.list', {})) as Reply<{
    feed: { jobId: string; read: boolean }[];
    unread: number;
  }>;
  expect(list.data.feed.find((entry) => entry.jobId === job?.id)?.read).toBe(true);
  expect(list.data.unread).toBe(0);

  await setup.close(); // an open options tab would only be focused, not opened
  const optionsOpened = context.waitForEvent('page');
  await popup.getByTestId('open-options').focus();
  await popup.keyboard.press('Enter');
  expect((await optionsOpened).url()).toMatch(/\/options\.html$/);
});

test('paints the feed from storage without waiting on Upwork, even when the API is slow', async ({
  context,
  sandbox,
  signIn,
  openExtensionPage,
}) => {
  const { setup } = await signedInWithFeed({ openExtensionPage, signIn }, sandbox, 3);
  sandbox.setFaults({ latencyMs: 5_000 });

  const popup = await context.newPage();
  const started = Date.now();
  await popup.goto(`chrome-extension://${new URL(setup.url()).host}/popup.html`);
  await expect(popup.getByTestId('feed-entry')).toHaveCount(3, { timeout: 2_500 });
  await expect(popup.getByTestId('account-name')).toBeVisible({ timeout: 2_500 });
  await expect(popup.getByTestId('requests-today')).toBeVisible({ timeout: 2_500 });
  const feedShownMs = Date.now() - started;
  const paint = await popup.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  console.log(
    `popup: first contentful paint ${paint?.toFixed(0)} ms, feed + account + status shown ${feedShownMs} ms after navigation (API latency 5 s)`,
  );
  expect(feedShownMs).toBeLessThan(2_500);
});
