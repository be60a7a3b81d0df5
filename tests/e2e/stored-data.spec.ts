import type { Page } from '@playwright/test';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { apiStatus, contentScriptWorld, graphqlEntries, readStorage, stopWorkers, writeStorage } from './support/security';
import { openSignedIn } from './support/session';

/**
 * The worker relies on what it keeps in storage: today's request count, the signed-in account and
 * its organization, the refresh token, saved searches and their alert groups. In Chromium a
 * content script a page subverted is refused every read and write of both areas; where a content
 * script could write them (Firefox has no such switch), the worker checks what it reads back.
 */

type Alarm = { name: string; periodInMinutes?: number };
type AccountView = { activeOrganizationId: string | null; organizations: { id: string }[] };

async function alarms(page: Page): Promise<Alarm[]> {
  return page.evaluate(() => (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<Alarm[]> } } }).chrome.alarms.getAll());
}

async function account(page: Page): Promise<AccountView> {
  const reply = (await sendFromExtensionPage(page, 'auth.details', {})) as { ok: boolean; data: { account: AccountView | null } };
  expect(reply.ok).toBe(true);
  expect(reply.data.account).not.toBeNull();
  return reply.data.account as AccountView;
}

const FAST = Array.from({ length: 50 }, (_, i) => ({ id: `fast${i}`, name: `Fast ${i}`, query: 'a', intervalMinutes: 1, enabled: true }));

test('a subverted content script can neither read nor change what the worker relies on', async ({ context, signIn, openExtensionPage }) => {
  test.setTimeout(120_000); // sign-in, an alert check, a page and a worker restart in one test
  const options = await openSignedIn({ signIn, openExtensionPage }, 'options.html');
  expect(await sendFromExtensionPage(options, 'alerts.saveSearch', { query: 'react' })).toMatchObject({ ok: true });
  expect(await sendFromExtensionPage(options, 'alerts.pollNow', {})).toMatchObject({ ok: true });
  const before = await apiStatus(options);
  expect(before.queue.requestsToday).toBeGreaterThan(0);
  const stored = await readStorage(options, null);
  const mine = await account(options);

  const page = await context.newPage();
  const inLoupe = await contentScriptWorld(context, page);
  await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect(page.locator('html')).toHaveAttribute('data-loupe', 'connected');

  const attempt = (area: 'local' | 'session', call: string) =>
    inLoupe<string>(`Promise.resolve().then(() => chrome.storage.${area}.${call}).then(() => 'done', () => 'refused')`);
  const outcomes = {
    savedSearches: await attempt('local', `set(${JSON.stringify({ savedSearches: { searches: FAST } })})`),
    account: await attempt('local', `set(${JSON.stringify({ 'loupe.auth.account': { ...mine, activeOrganizationId: 'someone-elses' } })})`),
    alertGroup: await attempt(
      'local',
      `set(${JSON.stringify({ alertsSeen: { bySearch: {}, notified: [], groups: { g: { jobIds: [], url: 'https://evil.example/', at: 1 } } } })})`,
    ),
    throttle: await attempt('session', `set(${JSON.stringify({ 'loupe.throttle': { sends: [], holds: [], slowdown: null, daily: {} } })})`),
    refreshToken: await attempt('local', `remove('loupe.auth.refreshToken')`),
    readLocal: await attempt('local', 'get(null)'),
    readSession: await attempt('session', 'get(null)'),
  };
  expect(outcomes).toEqual({
    savedSearches: 'refused',
    account: 'refused',
    alertGroup: 'refused',
    throttle: 'refused',
    refreshToken: 'refused',
    readLocal: 'refused',
    readSession: 'refused',
  });

  // What the page needs still comes from the worker, and says nothing about the account.
  const state = await inLoupe<{ ok: boolean; data: unknown }>(`chrome.runtime.sendMessage({ loupe: 1, type: 'power.state', payload: {} })`);
  expect(state.ok).toBe(true);
  expect(JSON.stringify(state.data)).not.toMatch(/@|email|organization/i);

  // A restarted worker reads everything back as it was: still signed in, today's count kept.
  await stopWorkers(context, options);
  expect((await apiStatus(options)).signedIn).toBe(true);
  await expect.poll(async () => (await apiStatus(options)).queue.requestsToday).toBeGreaterThanOrEqual(before.queue.requestsToday);
  expect((await account(options)).activeOrganizationId).toBe(mine.activeOrganizationId);
  const now = await readStorage(options, ['savedSearches', 'alertsSeen']);
  expect(now.savedSearches).toEqual(stored.savedSearches);
  expect(now.alertsSeen).toEqual(stored.alertsSeen);
  const scheduled = await alarms(options);
  expect(scheduled.filter((alarm) => alarm.name.startsWith('alert:'))).toHaveLength(1);
});

test('stored data written behind the worker’s back (as a Firefox content script could) is checked when read', async ({
  signIn,
  openExtensionPage,
  sandbox,
  context,
}) => {
  test.setTimeout(90_000);
  const options = await openSignedIn({ signIn, openExtensionPage }, 'options.html');
  const mine = await account(options);
  await writeStorage(options, {
    savedSearches: { searches: FAST.slice(0, 3) },
    'loupe.auth.account': { ...mine, activeOrganizationId: 'someone-elses-organization' },
  });
  await stopWorkers(context, options);
  // The stop may come before the old worker saw the write: a fresh worker reads it at start.
  expect(await sendFromExtensionPage(options, 'ping', { from: 'options' })).toMatchObject({ ok: true });

  // Alarms: never more often than Loupe's 5-minute minimum, whatever the stored interval says.
  await expect.poll(async () => (await alarms(options)).filter((alarm) => alarm.name.startsWith('alert:')).length).toBe(3);
  expect((await alarms(options)).every((alarm) => (alarm.periodInMinutes ?? 0) >= 5)).toBe(true);

  // Organization: one that is not among the account's own is never sent to Upwork.
  sandbox.clearLog();
  expect(await sendFromExtensionPage(options, 'alerts.pollNow', {})).toMatchObject({ ok: true });
  const sent = graphqlEntries(sandbox);
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((entry) => entry.tenantId === 'someone-elses-organization')).toEqual([]);
});
