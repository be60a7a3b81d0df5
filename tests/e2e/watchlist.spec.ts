import type { Page, Worker } from '@playwright/test';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';

/**
 * The watchlist in real Chromium against the sandbox, whose clock and job activity the
 * test moves: a watched job's client comes back and the user gets one notification; a hire ends the
 * watch. Rounds are started with 'watchlist.checkNow' (Playwright cannot fire chrome.alarms); the
 * alarm runs the very same round.
 */

declare const chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } };

interface Reply<T> {
  ok: boolean;
  data: T;
  error?: { message: string };
}

async function checkNow(page: Page) {
  const reply = (await sendFromExtensionPage(page, 'watchlist.checkNow', {})) as Reply<{ checked: number; events: number }>;
  expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true });
  return reply.data;
}

const watchNotifications = (worker: Worker) =>
  worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).filter((id) => id.startsWith('loupe-watch-')));

test('a watched job: the client comes back (one notification), then a hire ends the watch', async ({
  sandbox,
  worker,
  signedInPage,
  openExtensionPage,
}) => {
  test.slow(); // sign-in, four check rounds and three page loads
  const [job] = sandbox.addJobs(1, { title: 'Watch me: a Shopify theme fix' });
  const id = job?.id as string;
  const options = await signedInPage('options.html#/watchlist');
  expect(await sendFromExtensionPage(options, 'watchlist.add', { id, title: 'from the page' })).toMatchObject({ ok: true });

  expect(await checkNow(options)).toEqual({ checked: 1, events: 0, paused: null }); // where things stand
  sandbox.advanceClock(90);
  sandbox.changeJob({ id, clientActive: true });
  expect(await checkNow(options)).toMatchObject({ checked: 1, events: 1 });
  await expect.poll(() => watchNotifications(worker)).toHaveLength(1);
  expect(await checkNow(options)).toMatchObject({ checked: 1, events: 0 }); // nothing new: no second notification
  expect(await watchNotifications(worker)).toHaveLength(1);

  await options.reload();
  const watched = options.locator(`[data-testid="watched-job"][data-job="${id}"]`);
  await expect(watched).toContainText('Watch me: a Shopify theme fix'); // the API's title replaced the page's
  await expect(watched.locator('[data-kind="client-active"]')).toHaveText(/The client was active again/);
  await expect(options.getByTestId('watchlist-interval')).toContainText('1 watched job = 1 request per check');

  const activity = sandbox.dataset.jobs.find((posted) => posted.id === id)?.activity;
  sandbox.changeJob({ id, hired: (activity?.hired ?? 0) + 1, interviewing: (activity?.interviewing ?? 0) + 2 });
  expect(await checkNow(options)).toMatchObject({ checked: 1, events: 2 });
  await options.reload();
  await expect(watched).toHaveAttribute('data-stopped', 'hired');
  await expect(watched.locator('[data-kind="hired"]')).toBeVisible();

  const sent = sandbox.requestLog.filter((entry) => entry.operationName === 'JobDetails').length;
  expect(await checkNow(options)).toEqual({ checked: 0, events: 0, paused: null });
  expect(sandbox.requestLog.filter((entry) => entry.operationName === 'JobDetails')).toHaveLength(sent); // no longer asked

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('watchlist-panel').locator('[data-kind="hired"]')).toBeVisible();
});

test('nothing is checked while signed out', async ({ sandbox, openExtensionPage }) => {
  const [job] = sandbox.addJobs(1);
  const options = await openExtensionPage('options.html#/watchlist');
  expect(await sendFromExtensionPage(options, 'watchlist.add', { id: job?.id as string })).toMatchObject({ ok: true });
  sandbox.clearLog();
  const result = await checkNow(options);
  expect(result).toMatchObject({ checked: 0, paused: expect.stringContaining('signed out') });
  expect(sandbox.requestLog).toHaveLength(0);
});

test('the star on a tile watches the job; a page script cannot press it', async ({ context, sandbox, openExtensionPage, signIn }) => {
  test.slow(); // sign-in, a search page and the options page
  await signIn();
  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/');
  const tile = page.locator('article[data-ev-job-uid]').first();
  const id = (await tile.getAttribute('data-ev-job-uid')) as string;
  const star = tile.locator(`loupe-tile-panel [data-loupe-star="${id}"]`);
  await expect(star).toHaveText('☆ Watch');

  // A page script's click is not a person's: nothing changes.
  await star.evaluate((button) => (button as HTMLButtonElement).click());
  const options = await openExtensionPage('options.html#/watchlist');
  const watched = async () =>
    ((await sendFromExtensionPage(options, 'watchlist.which', { ids: [id] })) as Reply<{ watched: string[] }>).data.watched;
  expect(await watched()).toEqual([]);

  await star.click();
  await expect(star).toHaveText('★ Watching');
  expect(await watched()).toEqual([id]);
  const title = sandbox.dataset.jobs.find((job) => job.id === id)?.title as string;
  await options.reload();
  await expect(options.locator(`[data-testid="watched-job"][data-job="${id}"]`)).toContainText(title);
});
