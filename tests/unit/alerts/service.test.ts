import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readAlertsState } from '../../../lib/alerts/store';
import { listenForAlerts } from '../../../lib/background/alerts/instance';
import { PAUSE_WORDS } from '../../../lib/background/alerts/service';
import { savedSearchesDoc, settingsDoc } from '../../../lib/settings/store';
import { freshWorldEachTest, harness, START, settle } from './harness';

const MINUTE = 60_000;

freshWorldEachTest();

const notifications = async () =>
  Object.entries(await fakeBrowser.notifications.getAll()) as [string, { title: string; message: string }][];
const badge = () => fakeBrowser.action.getBadgeText({});

async function saveReact(h: ReturnType<typeof harness>, extra: { intervalMinutes?: number } = {}) {
  const { search } = await h.alerts.saveSearch({ query: 'react', ...extra });
  return search.id;
}

describe('job alerts: checks', () => {
  it('saves one alarm per search at its interval and finds only jobs posted after the search was saved', async () => {
    const h = harness();
    h.upwork.post('React audit (old)', -120);
    const id = await saveReact(h);
    expect(await fakeBrowser.alarms.getAll()).toEqual([expect.objectContaining({ name: `alert:${id}`, periodInMinutes: 15 })]);

    const first = await settle(h.alerts.check(id, 'alarm'));
    expect(first).toMatchObject({ outcome: 'checked', newJobs: 0 });
    expect(h.upwork.searches[0]).toMatchObject({ filter: { searchExpression_eq: 'react' }, sort: [{ field: 'RECENCY' }] });

    await vi.advanceTimersByTimeAsync(MINUTE);
    const posted = [h.upwork.post('React dashboard'), h.upwork.post('React native app'), h.upwork.post('Vue only')];
    const second = await settle(h.alerts.check(id, 'alarm'));
    expect(second).toMatchObject({ outcome: 'checked', newJobs: 2 });
    const list = await h.alerts.list();
    expect(list.feed.map((entry) => entry.jobId).sort()).toEqual([posted[0]?.id, posted[1]?.id].sort());
    expect(list.unread).toBe(2);

    // One notification per job, with the job's title; seen jobs never notify again.
    const shown = await notifications();
    expect(shown.map(([nid]) => nid).sort()).toEqual([`loupe-job-${posted[0]?.id}`, `loupe-job-${posted[1]?.id}`].sort());
    expect(shown.map(([, n]) => n.title).sort()).toEqual(['React dashboard', 'React native app']);
    expect(await badge()).toBe('2');
    await fakeBrowser.notifications.clear(shown[0]?.[0] ?? '');
    expect(await settle(h.alerts.check(id, 'manual'))).toMatchObject({ newJobs: 0 });
    expect(await notifications()).toHaveLength(1);
    expect(h.upwork.searches).toHaveLength(3); // "check now" asks Upwork again: no 2-minute reuse for alerts
  });

  it('an alarm runs the same check as "check now"', async () => {
    const h = harness();
    listenForAlerts(h.alerts);
    const id = await saveReact(h);
    h.upwork.post('React widget', 1);
    await fakeBrowser.alarms.onAlarm.trigger({ name: `alert:${id}`, scheduledTime: Date.now(), periodInMinutes: 15 });
    await settle(
      new Promise<void>((resolve) => {
        const poll = async () => ((await readAlertsState()).feed.length > 0 ? resolve() : setTimeout(poll, 50));
        void poll();
      }),
    );
    expect((await readAlertsState()).feed.map((entry) => entry.job.title)).toEqual(['React widget']);
    expect(h.upwork.searches).toHaveLength(1);
    // Alarms that are not Loupe's are left alone.
    expect(await h.alerts.onAlarm({ name: 'something-else' })).toBeNull();
  });

  it('groups many new jobs into one notification, and a click opens Upwork and marks them read', async () => {
    const h = harness();
    listenForAlerts(h.alerts);
    const id = await saveReact(h);
    for (let i = 0; i < 7; i++) h.upwork.post(`React job ${i}`, 1 + i);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ newJobs: 7 });
    const shown = await notifications();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.[1].title).toBe('7 new jobs for “react”');
    expect(await badge()).toBe('7');

    await fakeBrowser.notifications.onClicked.trigger(shown[0]?.[0] ?? '');
    await settle(
      new Promise<void>((resolve) => {
        const poll = async () => ((await readAlertsState()).feed.every((entry) => entry.read) ? resolve() : setTimeout(poll, 50));
        void poll();
      }),
    );
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain('https://www.upwork.com/nx/search/jobs/?q=react&sort=recency');
    expect(await badge()).toBe('');
  });

  it('a click on one job’s notification opens that job and marks it read; the badge counts what is left', async () => {
    const h = harness();
    const id = await saveReact(h);
    const [a, b] = [h.upwork.post('React one', 1), h.upwork.post('React two', 2)];
    await settle(h.alerts.check(id, 'alarm'));
    await h.alerts.onNotificationClicked(`loupe-job-${a?.id}`);
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).toContain(`https://www.upwork.com/jobs/~02${a?.id}`);
    const list = await h.alerts.list();
    expect(list.feed.find((entry) => entry.jobId === a?.id)?.read).toBe(true);
    expect(list.feed.find((entry) => entry.jobId === b?.id)?.read).toBe(false);
    expect(await badge()).toBe('1');
    expect(await h.alerts.markRead()).toBe(0);
    expect(await badge()).toBe('');
  });

  it('a muted search still records new jobs but shows no notification', async () => {
    const h = harness();
    const id = await saveReact(h);
    await h.alerts.updateSearch({ id, muted: true });
    h.upwork.post('React quiet', 1);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ newJobs: 1 });
    expect(await notifications()).toHaveLength(0);
    expect(await badge()).toBe('1');
  });

  it('applies the user’s rules: a job they hide is not alerted', async () => {
    const h = harness();
    const settings = await settingsDoc.get();
    await settingsDoc.write({
      ...settings,
      rules: { ...settings.rules, minClientSpend: { enabled: true, action: 'hide', amount: 1_000 } },
    });
    const id = await saveReact(h);
    h.upwork.post('React cheap client', 1, 10);
    const kept = h.upwork.post('React good client', 2, 50_000);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ newJobs: 1 });
    expect((await h.alerts.list()).feed.map((entry) => entry.jobId)).toEqual([kept.id]);
  });
});

describe('job alerts: pauses and backoff', () => {
  it('pauses while signed out, with the reason, and resumes by itself at the next alarm after sign-in', async () => {
    const h = harness();
    const id = await saveReact(h);
    h.signedIn.value = false;
    h.upwork.post('React while away', 1);
    expect(await h.alerts.check(id, 'alarm')).toMatchObject({ outcome: 'paused', message: PAUSE_WORDS['signed-out'] });
    expect(h.upwork.searches).toHaveLength(0);
    expect((await h.alerts.list()).paused).toMatchObject({ reason: 'signed-out' });
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1); // the alarm stays

    h.signedIn.value = true;
    expect((await h.alerts.list()).paused).toBeNull();
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ outcome: 'checked', newJobs: 1 });
    expect((await readAlertsState()).paused).toBeNull();
  });

  it('pauses at 95% of the daily budget without sending anything, and resumes after midnight UTC', async () => {
    // Limit 20: background work stops at 19. One check fits (18 -> 19), the next is refused by the queue.
    const h = harness({ dailyLimit: 20, usedToday: 18 });
    const id = await saveReact(h);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ outcome: 'checked' });
    h.upwork.post('React over budget', 1);
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ outcome: 'paused', message: PAUSE_WORDS.budget });
    expect(await settle(h.alerts.check(id, 'manual'))).toMatchObject({ outcome: 'paused' }); // "check now" obeys the budget too
    expect(h.upwork.searches).toHaveLength(1);
    expect((await h.alerts.list()).paused).toMatchObject({ reason: 'budget' });

    // The alarm keeps firing; after midnight UTC the count starts again and the check goes through.
    const midnight = Date.parse('2025-03-02T00:00:00.000Z');
    await vi.advanceTimersByTimeAsync(midnight - Date.now() + MINUTE);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ outcome: 'checked', newJobs: 1 });
    expect((await h.alerts.list()).paused).toBeNull();
    expect(START).toBeLessThan(midnight);
  });

  it('backs off after repeated errors: skips alarms until the wait is over, then recovers', async () => {
    const h = harness();
    const id = await saveReact(h);
    h.upwork.failWith = 'Upwork had a problem';
    const first = await settle(h.alerts.check(id, 'alarm'));
    expect(first).toMatchObject({ outcome: 'failed' });
    expect(first.message).toContain('Upwork had a problem');
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    const before = Date.now();
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ outcome: 'failed' }); // 2nd failure: wait 2 intervals
    const status = (await h.alerts.list()).searches[0]?.status;
    expect(status).toMatchObject({ failures: 2, lastError: 'Upwork answered with an error: Upwork had a problem' });
    expect(status?.retryAt).toBeGreaterThanOrEqual(before + 30 * MINUTE);
    expect(status?.retryAt).toBeLessThanOrEqual(Date.now() + 30 * MINUTE);
    const asked = h.upwork.searches.length + 0;

    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    expect(await h.alerts.check(id, 'alarm')).toMatchObject({ outcome: 'backing-off' });
    h.upwork.failWith = null;
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    expect(await settle(h.alerts.check(id, 'alarm'))).toMatchObject({ outcome: 'checked' });
    expect((await h.alerts.list()).searches[0]?.status).toMatchObject({ failures: 0, lastError: null, retryAt: null });
    expect(h.upwork.searches.length).toBe(asked + 1);
  });
});

describe('job alerts: saved searches', () => {
  it('saves the same search once, keeps intervals of at least 5 minutes, and re-times the alarm on change', async () => {
    const h = harness();
    const first = await h.alerts.saveSearch({ query: 'react' });
    const again = await h.alerts.saveSearch({ query: ' React ' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, search: { id: first.search.id } });
    expect((await savedSearchesDoc.get()).searches).toHaveLength(1);

    await h.alerts.updateSearch({ id: first.search.id, intervalMinutes: 2 });
    expect((await fakeBrowser.alarms.getAll())[0]).toMatchObject({ periodInMinutes: 5 });
    await h.alerts.updateSearch({ id: first.search.id, enabled: false });
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(0);
    await h.alerts.saveSearch({ query: 'react' }); // asking again switches it back on
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
    await h.alerts.deleteSearch(first.search.id);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(0);
    expect((await h.alerts.list()).searches).toEqual([]);
  });

  it('removes alarms whose search is gone, e.g. after a backup without it was restored', async () => {
    const h = harness();
    const id = await saveReact(h);
    await fakeBrowser.alarms.create('alert:ghost', { periodInMinutes: 5 });
    await h.alerts.syncAlarms();
    expect((await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name)).toEqual([`alert:${id}`]);
  });
});
