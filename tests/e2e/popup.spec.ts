import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { openSignedIn, type SignInFixtures } from './support/session';

/**
 * The toolbar popup in Chromium: it paints from storage without waiting on the network,
 * and works from the keyboard. What it shows (account and organization, the API status, the
 * page-health line, the feed with a client panel per job) runs in Chromium and Firefox alike:
 * tests/e2e/both/alerts-popup.spec.ts.
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
