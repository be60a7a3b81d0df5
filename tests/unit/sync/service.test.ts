import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveNote } from '../../../lib/power/actions';
import { createSyncService, LOCAL_DEBOUNCE_MS, storageDeps } from '../../../lib/sync/service';
import { syncLedgerItem, writePrefs } from '../../../lib/sync/state';
import { FakeSyncArea } from './fake-sync-area';

afterEach(() => {
  vi.useRealTimers();
});

const prefs = { settings: false, rules: false, score: false, highlights: false, blockList: false, notes: true, savedSearches: false };

describe('the worker’s sync service', () => {
  it('turns a burst of edits into one write to the sync area', async () => {
    const area = new FakeSyncArea();
    await writePrefs(prefs);
    const service = createSyncService(storageDeps(area));
    const runs = [];
    for (let i = 0; i < 5; i++) {
      await saveNote({ target: 'client', key: `c${i}`, text: `note ${i}`, tags: [] });
      runs.push(service.request(LOCAL_DEBOUNCE_MS));
    }
    const results = await Promise.all(runs);
    expect(new Set(results).size).toBe(1);
    expect(area.writeTimes).toHaveLength(1);
    expect(JSON.stringify(await area.get(null))).toContain('note 4');
  });

  it('comes back by itself when the write limits held changes back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const area = new FakeSyncArea();
    await writePrefs(prefs);
    const alarms: number[] = [];
    const service = createSyncService(storageDeps(area), (at) => alarms.push(at));
    // Fill the minute's budget with earlier writes (as another run would have).
    const now = Date.now();
    await syncLedgerItem.setValue({ device: 'device-1', known: {}, writes: Array.from({ length: 60 }, (_, i) => now - 30_000 + i) });
    await saveNote({ target: 'client', key: 'c1', text: 'held back', tags: [] });
    const first = service.request(0);
    await vi.advanceTimersByTimeAsync(0);
    expect((await first)?.retryAt).toBeGreaterThan(now);
    expect(area.writeTimes).toHaveLength(0);
    // The wait is longer than a worker may live: an alarm, not a timer.
    expect(alarms).toHaveLength(1);
    vi.setSystemTime((alarms[0] ?? 0) + 1);
    const second = service.request(0);
    await vi.advanceTimersByTimeAsync(0);
    expect((await second)?.pushed).toEqual(['loupe.notes.0']);
  });
});
