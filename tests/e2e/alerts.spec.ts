import type { Page } from '@playwright/test';
import { serviceWorkerOf } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';

/**
 * Job alerts in real Chromium against the sandbox, which posts new jobs on demand: they
 * pause when signed out or over 95% of the day's budget, and resume by themselves. That a search
 * saved from a search page notifies once per new job and leaves blocked clients out runs in
 * Chromium and Firefox alike: tests/e2e/both/alerts-popup.spec.ts.
 * The checks are started with 'alerts.pollNow' (Playwright cannot fire chrome.alarms); that an
 * alarm runs the very same check is covered by tests/unit/alerts/service.test.ts.
 */

/** The few extension APIs these tests read inside the worker (Playwright runs the callbacks there). */
declare const chrome: {
  alarms: { getAll(): Promise<{ name: string; periodInMinutes?: number }[]> };
  storage: { local: { get(keys: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};

interface Reply<T> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string };
}
interface PollResult {
  searchId: string;
  outcome: string;
  newJobs: number;
  message: string | null;
}
interface AlertsListData {
  searches: { id: string; name: string; query: string }[];
  feed: { jobId: string; read: boolean; job: { title: string } }[];
  unread: number;
  paused: { reason: string; message: string } | null;
}

/** A word no seeded or earlier-added job has, so each test sees only its own jobs. */
function uniqueWord(): string {
  return `zq${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

async function send<T>(page: Page, type: string, payload: unknown): Promise<Reply<T>> {
  return (await sendFromExtensionPage(page, type, payload)) as Reply<T>;
}

/** Signs in and saves a search for a word no job has yet; returns the popup and the word. */
async function popupWithNewAlert(signedInPage: (path: string) => Promise<Page>): Promise<{ popup: Page; word: string }> {
  const popup = await signedInPage('popup.html');
  const word = uniqueWord();
  expect(await send(popup, 'alerts.saveSearch', { query: `react ${word}` })).toMatchObject({ ok: true, data: { created: true } });
  return { popup, word };
}

async function pollNow(page: Page): Promise<PollResult[]> {
  const reply = await send<{ results: PollResult[] }>(page, 'alerts.pollNow', {});
  expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true });
  return reply.data.results;
}

async function alertsList(page: Page): Promise<AlertsListData> {
  const reply = await send<AlertsListData>(page, 'alerts.list', {});
  expect(reply.ok).toBe(true);
  return reply.data;
}

test('alerts pause while signed out, say why, and resume after sign-in with the jobs posted meanwhile', async ({
  sandbox,
  signIn,
  signedInPage,
}) => {
  const { popup, word } = await popupWithNewAlert(signedInPage);

  expect(await send(popup, 'auth.signOut', {})).toMatchObject({ ok: true });
  sandbox.clearLog();
  // The query names two of the title's three words: the API's search finds these jobs whatever the
  // sandbox's divergence (a title with four words would be found only by chance of its job id).
  const posted = sandbox.addJobs(2, { title: `React ${word} away` });
  const [paused] = await pollNow(popup);
  expect(paused).toMatchObject({ outcome: 'paused' });
  expect(paused?.message).toContain('not signed in');
  expect(sandbox.requestLog.filter((entry) => entry.operationName === 'JobSearch')).toHaveLength(0);
  expect((await alertsList(popup)).paused).toMatchObject({ reason: 'signed-out' });
  await popup.reload();
  await expect(popup.getByTestId('alerts-paused')).toContainText('not signed in');

  await signIn();
  expect((await alertsList(popup)).paused).toBeNull();
  expect(await pollNow(popup)).toEqual([expect.objectContaining({ outcome: 'checked', newJobs: 2 })]);
  expect((await alertsList(popup)).feed.map((entry) => entry.jobId).sort()).toEqual(posted.map((job) => job.id).sort());
  await popup.reload();
  await expect(popup.getByTestId('alerts-paused')).toHaveCount(0);
  await expect(popup.getByTestId('feed-entry')).toHaveCount(2);
});

test('over 95% of the daily budget pauses alerts while the search page is still annotated', async ({
  context,
  worker,
  sandbox,
  signedInPage,
}) => {
  const { popup, word } = await popupWithNewAlert(signedInPage);
  expect(await pollNow(popup)).toEqual([expect.objectContaining({ outcome: 'checked' })]);

  // Loupe's own count is what pauses: set today's count per API key where the queue keeps it (the
  // worker's IndexedDB, 'loupe-queue' / 'state' / 'loupe.queue.daily'), then restart the worker so it reads it.
  const setDailyCount = (count: number) =>
    worker.evaluate(
      ([n, day]) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('loupe-queue');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('state', 'readwrite').objectStore('state');
            const read = store.get('loupe.queue.daily');
            read.onsuccess = () => {
              const counts = (read.result ?? {}) as Record<string, { day: string; count: number }>;
              for (const key of Object.keys(counts)) counts[key] = { day, count: n };
              store.put(counts, 'loupe.queue.daily').onsuccess = () => resolve(Object.keys(counts).length);
            };
          };
        }),
      [count, new Date().toISOString().slice(0, 10)] as const,
    );
  await expect.poll(() => setDailyCount(38_000)).toBeGreaterThan(0);
  const cdp = await context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');

  sandbox.clearLog();
  sandbox.addJobs(1, { title: `React ${word} over budget` });
  const [paused] = await pollNow(popup);
  expect(paused).toMatchObject({ outcome: 'paused' });
  expect(paused?.message).toContain('95%');
  expect(sandbox.requestLog.filter((entry) => entry.operationName === 'JobSearch')).toHaveLength(0);
  expect((await alertsList(popup)).paused).toMatchObject({ reason: 'budget' });
  await serviceWorkerOf(context);

  // What the user looks at still gets data: the search page's tiles are annotated.
  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]').first()).toBeVisible();
  const tiles = await page.locator('article[data-ev-job-uid]').count();
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]')).toHaveCount(tiles);

  await popup.reload();
  await expect(popup.getByTestId('alerts-paused')).toHaveAttribute('data-reason', 'budget');
  await expect(popup.getByTestId('requests-today')).toContainText(/38,0\d\d of 40,000/);
  await expect(popup.getByTestId('budget-warning')).toContainText('95%');
});

test('the options page adds, edits, mutes and deletes saved searches, and keeps intervals of at least 5 minutes', async ({
  worker,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html#/alerts');
  const section = options.getByTestId('saved-searches');
  await section.getByLabel('Search words').fill('svelte');
  await section.getByLabel('Job type').selectOption('FIXED');
  await section.getByLabel('At most').fill('10');
  const interval = section.getByLabel('Check every').last();
  await interval.fill('3');
  await section.getByRole('button', { name: 'Save search' }).click();
  // The browser's own form check refuses it (min 5) and says so next to the field; nothing is saved.
  expect(await interval.evaluate((input) => (input as HTMLInputElement).validity.rangeUnderflow)).toBe(true);
  await expect(section.getByTestId('saved-search-item')).toHaveCount(0);

  await interval.fill('30');
  await section.getByRole('button', { name: 'Save search' }).click();
  const item = section.getByTestId('saved-search-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('fixed price, ≤ 10 proposals');
  const alarms = () =>
    worker.evaluate(async () => (await chrome.alarms.getAll()).map((alarm) => `${alarm.name.split(':')[0]}:${alarm.periodInMinutes}`));
  await expect.poll(alarms).toEqual(['alert:30']);

  await item.getByLabel('Check every').fill('10');
  await item.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByTestId('saved-searches-notice')).toContainText('Saved');
  await expect.poll(alarms).toEqual(['alert:10']);
  await item.getByLabel('Mute notifications').check();
  await expect(item.getByLabel('Mute notifications')).toBeChecked();
  await item.getByRole('switch').uncheck();
  await expect.poll(alarms).toEqual([]);

  options.once('dialog', (dialog) => void dialog.accept());
  await item.getByRole('button', { name: 'Delete' }).click();
  await expect(section.getByTestId('saved-search-item')).toHaveCount(0);
});
