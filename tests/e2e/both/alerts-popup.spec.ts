import type { Sandbox } from '../../../sandbox/server';
import type { LoupeBrowser, LoupePage } from '../../../testkit/driver';
import { expect, test } from './fixtures';
import { openSignedIn, signIn, testId } from './steps';

/**
 * Job alerts and the toolbar popup in each browser: a search saved from a search page alerts once
 * per new job with a notification and a count on the toolbar button (Chrome's `action`, Firefox
 * MV2's `browserAction`), blocked clients stay out, and the popup shows the account, the API
 * status and the feed. Checks are started with 'alerts.pollNow' (tests cannot fire alarms); that
 * an alarm runs the same check is covered by tests/unit/alerts/service.test.ts.
 */

interface Reply<T> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string };
}
interface PollResult {
  outcome: string;
  newJobs: number;
}
interface AlertsListData {
  searches: { id: string; name: string; query: string }[];
  feed: { jobId: string }[];
  unread: number;
}

/** A word no seeded or earlier-added job has, so each test sees only its own jobs. */
function uniqueWord(): string {
  return `zq${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

async function pollNow(page: LoupePage): Promise<PollResult[]> {
  const reply = (await page.send('alerts.pollNow', {})) as Reply<{ results: PollResult[] }>;
  expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true });
  return reply.data.results;
}

async function alertsList(page: LoupePage): Promise<AlertsListData> {
  const reply = (await page.send('alerts.list', {})) as Reply<AlertsListData>;
  expect(reply.ok).toBe(true);
  return reply.data;
}

async function saveFromSearchPage(loupe: LoupeBrowser, query: string): Promise<LoupePage> {
  const page = await loupe.openPage(`https://www.upwork.com/nx/search/jobs/?q=${encodeURIComponent(query)}`);
  const label = `Alert me about new “${query}” jobs`;
  await expect.poll(() => page.text(['loupe-save-search', 'button'])).toBe(label);
  await page.clickButton(label, 'loupe-save-search');
  await expect.poll(() => page.text(['loupe-save-search', '[role="status"]'])).toContain('Saved: Loupe checks');
  return page;
}

test('a search saved from a search page alerts once per new job, and leaves out blocked clients', async ({ loupe, sandbox }) => {
  await signIn(loupe);
  const word = uniqueWord();
  const query = `react ${word}`;
  const searchPage = await saveFromSearchPage(loupe, query);
  const popup = await loupe.openExtensionPage('popup.html');
  expect((await alertsList(popup)).searches).toEqual([expect.objectContaining({ query, name: query })]);
  // Clicking again on the same search saves nothing new.
  await searchPage.reload();
  await searchPage.clickButton(`Alert me about new “${query}” jobs`, 'loupe-save-search');
  await expect.poll(() => searchPage.text(['loupe-save-search', '[role="status"]'])).toContain('Already saved');
  expect((await alertsList(popup)).searches).toHaveLength(1);

  // Nothing posted yet since the search was saved: the matching backlog is not "new".
  expect(await pollNow(popup)).toEqual([expect.objectContaining({ outcome: 'checked', newJobs: 0 })]);

  const posted = sandbox.addJobs(3, { title: `React ${word} dashboard` });
  expect(await pollNow(popup)).toEqual([expect.objectContaining({ outcome: 'checked', newJobs: 3 })]);
  const list = await alertsList(popup);
  expect(list.feed.map((entry) => entry.jobId).sort()).toEqual(posted.map((job) => job.id).sort());
  expect(list.unread).toBe(3);
  expect((await loupe.notificationIds()).sort()).toEqual(posted.map((job) => `loupe-job-${job.id}`).sort());
  expect(await loupe.badgeText()).toBe('3');

  // Once per job: a second check finds nothing new and shows nothing again.
  await loupe.clearNotifications();
  expect(await pollNow(popup)).toEqual([expect.objectContaining({ newJobs: 0 })]);
  expect(await loupe.notificationIds()).toEqual([]);

  // Block a client (by the API's client id, as the block button on a job records it), then it posts.
  const blocked = sandbox.dataset.clients[1];
  const other = sandbox.dataset.clients.find((client) => client.id !== blocked?.id && client.paymentVerified);
  if (!blocked || !other) throw new Error('the sandbox dataset needs two clients');
  const options = await loupe.openExtensionPage('options.html#/block-list');
  const editor = testId('blocklist-editor');
  await options.fill([editor, testId('blocklist-add-id')], `org-${blocked.id}`);
  await options.click([editor, testId('blocklist-add')]);
  await expect.poll(() => options.text([editor, testId('blocklist-table')])).toContain(`org-${blocked.id}`);
  const fromBlocked = sandbox.addJobs(2, { title: `React ${word} blocked`, clientId: blocked.id });
  const fromOther = sandbox.addJobs(1, { title: `React ${word} welcome`, clientId: other.id });
  expect(await pollNow(popup)).toEqual([expect.objectContaining({ outcome: 'checked', newJobs: 1 })]);
  const after = await alertsList(popup);
  expect(after.feed.map((entry) => entry.jobId)).toContain(fromOther[0]?.id);
  for (const job of fromBlocked) expect(after.feed.map((entry) => entry.jobId)).not.toContain(job.id);
  expect(await loupe.notificationIds()).toEqual([`loupe-job-${fromOther[0]?.id}`]);
});

/** Saves a search for a word no other job has, posts `count` jobs for it and checks once. */
async function feedWithJobs(page: LoupePage, sandbox: Sandbox, count: number) {
  // The popup's feed is under test, not the API's search: let the alert's search find every job posted.
  sandbox.setSearchDivergence(false);
  const word = `zp${Date.now().toString(36)}`;
  expect(await page.send('alerts.saveSearch', { query: `react ${word}` })).toMatchObject({ ok: true });
  const posted = sandbox.addJobs(count, { title: `React ${word} popup job` });
  expect((await pollNow(page))[0]?.newJobs).toBe(count);
  return posted;
}

test('the popup shows the account and organization, the API status, page health, and the feed with a client panel per job', async ({
  loupe,
  sandbox,
}) => {
  const setup = await openSignedIn(loupe, 'options.html');
  // A search page first, so the content script has reported how the page landmarks matched.
  const upwork = await loupe.openPage('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect.poll(() => upwork.count('loupe-tile-panel[data-loupe-state="ready"]')).toBeGreaterThan(0);
  const posted = await feedWithJobs(setup, sandbox, 2);

  const popup = await loupe.openExtensionPage('popup.html');
  await expect.poll(() => popup.text(testId('worker-status'))).toMatch(/^Loupe \d+\.\d+\.\d+ is running\.$/);
  const user = sandbox.dataset.user;
  await expect.poll(() => popup.text(testId('account-name'))).toBe(user.name);
  expect(await popup.attributes(`${testId('organization-select')} option`, 'value')).toEqual(
    expect.arrayContaining(user.organizations.map((o) => o.id)),
  );

  const status = testId('status-panel');
  await expect.poll(() => popup.text([status, testId('requests-today')])).toMatch(/^[1-9]\d* of 40,000$/);
  expect(await popup.text([status, testId('queue-length')])).toMatch(/^\d+ waiting, \d+ on the way$/);
  expect(await popup.text([status, testId('cache-hits')])).toMatch(/^\d+ hits, \d+ misses/);
  expect(await popup.text([status, testId('last-error')])).toBe('No problems talking to Upwork.');
  await expect.poll(() => popup.text(testId('page-health'))).toContain('landmarks found');

  await expect.poll(() => popup.count(testId('feed-entry'))).toBe(2);
  for (const job of posted) {
    const entry = `${testId('feed-entry')}[data-job-id="${job.id}"]`;
    expect(await popup.attribute(entry, 'data-read')).toBe('false');
    expect(await popup.text([entry, 'button'])).toBe(job.title);
    const client = sandbox.dataset.clients.find((candidate) => candidate.id === job.clientId);
    await expect
      .poll(() => popup.text([entry, '[data-loupe-stat="payment"]']))
      .toBe(client?.paymentVerified ? '✓ Payment verified' : 'Payment not verified');
    expect(await popup.text([entry, '[data-loupe-stat="hires"]'])).toBe(`Hires ${client?.totalHires.toLocaleString('en-US')}`);
  }
  expect(await popup.text(testId('unread-count'))).toBe('(2 new)');
  expect(await popup.count(testId('saved-search'))).toBe(1);
  // Feature switches live in the settings, not in the popup.
  expect(await popup.count('[data-feature]')).toBe(0);
});
