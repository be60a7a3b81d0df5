import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { blockClientOfJob, deleteNote, saveNote, unblockClient } from '../../../lib/power/actions';
import { defaultSettings } from '../../../lib/settings/schema';
import {
  blockListDoc,
  notesDoc,
  pageSampleDoc,
  readPowerData,
  readSettingsHealth,
  seenJobsDoc,
  settingsDoc,
  writePowerData,
} from '../../../lib/settings/store';
import { makeJob } from '../power/job-fixture';
import { corrupt } from './corrupt';

describe('settings store', () => {
  it('round-trips settings through storage', async () => {
    const settings = defaultSettings();
    settings.score.weights.rating = 9;
    await settingsDoc.write(settings);
    expect(await settingsDoc.get()).toEqual(settings);
  });

  it('refuses to write an invalid value, in words, and leaves storage alone', async () => {
    const bad = corrupt(defaultSettings(), ['rules', 'minClientSpend', 'amount'], -5);
    await expect(settingsDoc.write(bad)).rejects.toThrow('settings.rules.minClientSpend.amount: must be at least 0, got -5');
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('one corrupt stored field falls back alone and shows up in the health list until saved again', async () => {
    const stored = corrupt(defaultSettings(), ['score', 'workStartHour'], 'nine');
    stored.score.weights.rating = 7;
    await fakeBrowser.storage.local.set({ settings: stored, settings$: { v: 2 } });
    const { value, issues } = await settingsDoc.read();
    expect(value.score.weights.rating).toBe(7);
    expect(value.score.workStartHour).toBe(9);
    expect(issues.map((i) => i.path)).toEqual(['settings.score.workStartHour']);
    expect((await readSettingsHealth()).map((i) => i.message)).toEqual([
      'Your “Job score: your working hours start” setting was unreadable and was reset to its default.',
    ]);
    await settingsDoc.write(value);
    expect(await readSettingsHealth()).toEqual([]);
  });

  it('notifies watchers with parsed values', async () => {
    const seen: number[] = [];
    const unwatch = settingsDoc.watch((s) => seen.push(s.rules.maxProposals.max));
    const next = defaultSettings();
    next.rules.maxProposals.max = 33;
    await settingsDoc.write(next);
    await new Promise((resolve) => setTimeout(resolve, 0));
    unwatch();
    expect(seen).toEqual([33]);
  });

  it('writes all four items in one storage call, with version marks', async () => {
    const data = await readPowerData();
    data.notes.entries.push({ target: 'job', key: '1', text: 'n', tags: [], label: '', updatedAt: 1 });
    data.blockList.clients.push({ clientId: 'org-1', label: '', reason: '', addedAt: 1 });
    const calls: string[][] = [];
    const original = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = async (items: Record<string, unknown>) => {
      calls.push(Object.keys(items).sort());
      return original(items);
    };
    try {
      await writePowerData(data);
    } finally {
      fakeBrowser.storage.local.set = original;
    }
    expect(calls).toEqual([['blockList', 'blockList$', 'notes', 'notes$', 'savedSearches', 'savedSearches$', 'settings', 'settings$']]);
    expect(await readPowerData()).toEqual(data);
  });
});

describe('page actions', () => {
  it('blocks and unblocks the client of a job by its id, labelled for the list', async () => {
    expect(await blockClientOfJob(makeJob())).toBe(false);
    expect(await blockClientOfJob(makeJob({}, { companyUid: 'org-7' }), 'rude', 1_000)).toBe(true);
    expect((await blockListDoc.get()).clients).toEqual([
      { clientId: 'org-7', label: 'Client in Berlin, Germany · $12,000 spent · 10 jobs posted', reason: 'rude', addedAt: 1_000 },
    ]);
    await unblockClient('org-7');
    expect((await blockListDoc.get()).clients).toEqual([]);
  });

  it('saves and deletes notes', async () => {
    await saveNote({ target: 'client', key: 'org-1', text: 'Good', tags: 'fast' }, 5);
    expect((await notesDoc.get()).entries).toHaveLength(1);
    await deleteNote('client', 'org-1');
    expect((await notesDoc.get()).entries).toHaveLength(0);
  });

  it('reads a damaged seen list entry by entry', async () => {
    await fakeBrowser.storage.local.set({ seenJobs: [['1', 5], 'junk', ['2', -1], ['3', 7]] });
    expect(await seenJobsDoc.get()).toEqual([
      ['1', 5],
      ['3', 7],
    ]);
  });
});

describe('page sample (for the rules preview)', () => {
  it('keeps at most 100 jobs with short descriptions, and is ignored after 24 hours', async () => {
    const jobs = Array.from({ length: 120 }, (_, i) => makeJob({ id: String(1000 + i), description: 'x'.repeat(9_000) }));
    await pageSampleDoc.write({ url: 'https://www.upwork.com/nx/search/jobs/?q=react', title: 'React jobs', at: 1_000, jobs });
    const sample = await pageSampleDoc.get(2_000);
    expect(sample?.jobs).toHaveLength(100);
    expect(sample?.jobs[0]?.description).toHaveLength(5_000);
    expect(await pageSampleDoc.get(1_000 + 24 * 3_600_000 + 1)).toBeNull();
  });

  it('reads a damaged sample as none', async () => {
    await fakeBrowser.storage.local.set({ pageSample: { url: 1, jobs: 'no' } });
    expect(await pageSampleDoc.get()).toBeNull();
  });
});

describe('a stored list longer than Loupe saves', () => {
  const groups = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `h${i}`, name: `Group ${i}`, color: 'blue' as const, terms: `word${i}`, enabled: true }));

  it('is kept whole and named, a save that grows it is refused in words, and removing entries works', async () => {
    await settingsDoc.write(defaultSettings());
    const raw = (await fakeBrowser.storage.local.get('settings')).settings as Record<string, unknown>;
    await fakeBrowser.storage.local.set({ settings: { ...raw, highlights: groups(14) } });

    const read = await settingsDoc.read();
    expect(read.value.highlights).toHaveLength(14);
    expect(read.issues.map((issue) => issue.message)).toEqual([
      '“Highlight groups” holds 14 entries, more than the 12 Loupe can save. All of them are kept; remove some before you add more.',
    ]);

    // Saving another field keeps all 14; adding a 15th is refused and changes nothing.
    await settingsDoc.update((current) => ({ ...current, score: { ...current.score, weights: { ...current.score.weights, rating: 9 } } }));
    expect(((await fakeBrowser.storage.local.get('settings')).settings as { highlights: unknown[] }).highlights).toHaveLength(14);
    await expect(
      settingsDoc.update((current) => ({ ...current, highlights: [...current.highlights, ...groups(15).slice(14)] })),
    ).rejects.toThrow('settings.highlights: must be at most 12 entries');
    expect(((await fakeBrowser.storage.local.get('settings')).settings as { highlights: unknown[] }).highlights).toHaveLength(14);

    await settingsDoc.update((current) => ({ ...current, highlights: current.highlights.slice(1) }));
    expect((await settingsDoc.get()).highlights.map((group) => group.id)).toEqual(
      groups(14)
        .slice(1)
        .map((group) => group.id),
    );
  });
});
