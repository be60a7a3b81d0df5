import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { seenItem } from '../../../lib/alerts/store';
import { upworkAddressOrNull } from '../../../lib/upwork/site/urls';
import { freshWorldEachTest, harness, settle } from './harness';

/**
 * In Firefox a content script can still write storage.local, so what the
 * alerts worker reads there is checked before it schedules or opens anything.
 */

freshWorldEachTest();

describe('saved searches written behind the worker’s back', () => {
  it('never become alarms faster than every 5 minutes, nor more than 50 of them', async () => {
    const h = harness();
    const searches = Array.from({ length: 80 }, (_, i) => ({
      id: `s${i}`,
      name: `Search ${i}`,
      query: 'react',
      intervalMinutes: [1, 0.01, -5, 4.9][i % 4],
      enabled: true,
    }));
    await fakeBrowser.storage.local.set({ savedSearches: { searches } });
    await h.alerts.syncAlarms();
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms.length).toBeLessThanOrEqual(50);
    for (const alarm of alarms) expect(alarm.periodInMinutes).toBeGreaterThanOrEqual(5);
  });
});

describe('a grouped notification’s address', () => {
  it.each([
    'https://evil.example/phish',
    'javascript:alert(1)',
    'https://www.upwork.com.evil.example/',
    'https://user:pass@www.upwork.com/',
    'http://www.upwork.com/nx/search/jobs/',
    'https://www.upwork.com:8443/',
    'not a url',
  ])('refuses %s', (address) => {
    expect(upworkAddressOrNull(address)).toBeNull();
  });

  it('accepts Upwork’s own pages', () => {
    expect(upworkAddressOrNull('https://www.upwork.com/nx/search/jobs/?q=react&sort=recency')).toBe(
      'https://www.upwork.com/nx/search/jobs/?q=react&sort=recency',
    );
  });

  it('opens no tab when the stored address was changed to another site, and still marks the jobs read', async () => {
    const h = harness();
    const { search } = await h.alerts.saveSearch({ query: 'react' });
    const posted = Array.from({ length: 6 }, (_, i) => h.upwork.post(`React ${i}`, i + 1).id);
    await settle(h.alerts.check(search.id, 'alarm'));
    const seen = (await seenItem.getValue()) as { groups: Record<string, { url: string; jobIds: string[] }> };
    // This check's group, by its jobs: the id alone says nothing about which check made it.
    const groupId = Object.keys(seen.groups).find((id) => posted.every((job) => seen.groups[id]?.jobIds.includes(job)));
    expect(groupId).toBeDefined();
    for (const group of Object.values(seen.groups)) group.url = 'https://evil.example/phish';
    await seenItem.setValue(seen);

    await h.alerts.onNotificationClicked(groupId as string);
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).not.toContain('https://evil.example/phish');
    expect((await h.alerts.list()).feed.every((entry) => entry.read)).toBe(true);
  });
});
