import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetLoupeItemsForTests, runMigrationsHere } from '../../../lib/settings/items';
import { migrateBlockListV1toV2, migrateNotesV1toV2, migrateSettingsV1toV2 } from '../../../lib/settings/migrations';
import { blockListDoc, notesDoc, readSettingsHealth, settingsDoc } from '../../../lib/settings/store';

/** What the 0.0.x prototype stored (version 1 marks, v1 shapes). */
async function seedVersion1(values: Record<string, unknown>): Promise<void> {
  const withMarks: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    withMarks[key] = value;
    withMarks[`${key}$`] = { v: 1 };
  }
  await fakeBrowser.storage.local.set(withMarks);
}

const v1Notes: Record<string, unknown> = {
  'org-1': 'Pays on time, wants daily updates',
  'org-2': '',
  'org-3': 'Line one\nLine two, with "quotes" and émojis 🎉',
  'org-4': 12345,
  'org-5': 'x'.repeat(50_000),
};

describe('migrations (pure)', () => {
  it('settings v1 → v2: minSpend text becomes a number on the spend rule', () => {
    expect(
      migrateSettingsV1toV2({
        minSpend: '$1,500',
        paymentVerifiedOnly: true,
        excludeKeywords: ['wordpress', 'data entry'],
        dimInsteadOfHide: true,
      }),
    ).toEqual({
      rules: {
        minClientSpend: { enabled: true, action: 'dim', amount: 1_500 },
        paymentVerified: { enabled: true, action: 'dim' },
        excludeKeywords: { enabled: true, action: 'dim', terms: 'wordpress, "data entry"' },
      },
    });
  });
  it('settings: leaves a v2 value untouched (a value written without a version mark)', () => {
    const v2 = { rules: { minClientSpend: { enabled: true, action: 'hide', amount: 5 } } };
    expect(migrateSettingsV1toV2(v2)).toBe(v2);
  });
  it('block list v1 string[] → v2 entries with ids', () => {
    expect(migrateBlockListV1toV2(['org-1', 'org-2', 'org-1', 7, ''])).toEqual({
      clients: [
        { clientId: 'org-1', label: '', reason: '', addedAt: 0 },
        { clientId: 'org-2', label: '', reason: '', addedAt: 0 },
      ],
    });
    const v2 = { clients: [] };
    expect(migrateBlockListV1toV2(v2)).toBe(v2);
  });
  it('notes v1 → v2 keeps every note', () => {
    const migrated = migrateNotesV1toV2(v1Notes) as { entries: Array<{ key: string; text: string }> };
    expect(migrated.entries.map((e) => [e.key, e.text])).toEqual([
      ['org-1', v1Notes['org-1']],
      ['org-2', ''],
      ['org-3', v1Notes['org-3']],
      ['org-4', '12345'],
      ['org-5', v1Notes['org-5']],
    ]);
  });
});

/** What the worker's start does: stored v1 values are migrated and written once. */
async function workerStartsOn(values: Record<string, unknown>): Promise<void> {
  await seedVersion1(values);
  runMigrationsHere();
}

describe('migrations through WXT storage, in the worker', () => {
  beforeEach(() => {
    forgetLoupeItemsForTests();
  });

  it('an update from v1 keeps every note, and marks the items as v2', async () => {
    await workerStartsOn({ notes: v1Notes });
    const { value, issues } = await notesDoc.read();
    expect(issues).toEqual([]);
    expect(value.entries).toHaveLength(Object.keys(v1Notes).length);
    for (const [key, text] of Object.entries(v1Notes)) {
      const note = value.entries.find((entry) => entry.key === key);
      expect(note).toMatchObject({ target: 'client', text: typeof text === 'string' ? text : String(text), tags: [] });
    }
    const raw = await fakeBrowser.storage.local.get(['notes', 'notes$']);
    expect(raw.notes$).toEqual({ v: 2 });
    expect(Array.isArray((raw.notes as { entries: unknown }).entries)).toBe(true);
  });

  it('migrates settings and the block list, and reports an unparseable v1 amount', async () => {
    await workerStartsOn({ settings: { minSpend: 'a thousand', paymentVerifiedOnly: true }, blockList: ['org-9'] });
    const settings = await settingsDoc.read();
    expect(settings.value.rules.paymentVerified).toEqual({ enabled: true, action: 'hide' });
    expect(settings.value.rules.minClientSpend).toEqual({ enabled: true, action: 'hide', amount: 1_000 });
    expect(settings.issues.map((i) => i.path)).toEqual(['settings.rules.minClientSpend.amount']);
    expect((await blockListDoc.get()).clients.map((c) => c.clientId)).toEqual(['org-9']);
    expect(await readSettingsHealth()).toEqual([
      {
        path: 'settings.rules.minClientSpend.amount',
        label: 'Rules: Minimum client spend: amount',
        message: 'Your “Rules: Minimum client spend: amount” setting was unreadable and was reset to its default.',
      },
    ]);
  });

  it('running again on migrated data changes nothing', async () => {
    await workerStartsOn({ notes: v1Notes });
    const first = await notesDoc.get();
    forgetLoupeItemsForTests();
    // Even with the version mark lost, a v2 value passes through the v1 → v2 step unchanged.
    await fakeBrowser.storage.local.remove('notes$');
    forgetLoupeItemsForTests();
    runMigrationsHere();
    expect(await notesDoc.get()).toEqual(first);
  });

  it('a fresh install reads defaults and writes v2 marks', async () => {
    runMigrationsHere();
    expect((await settingsDoc.read()).issues).toEqual([]);
    await settingsDoc.update((s) => ({ ...s, rules: { ...s.rules, maxProposals: { enabled: true, action: 'hide', max: 5 } } }));
    expect(await fakeBrowser.storage.local.get('settings$')).toEqual({ settings$: { v: 2 } });
  });
});

describe('a page, the popup or the options page (not the worker)', () => {
  beforeEach(() => {
    forgetLoupeItemsForTests();
  });

  it('reads v1 values as v2 in memory and never writes a migration', async () => {
    await seedVersion1({ notes: v1Notes, blockList: ['org-9'], settings: { paymentVerifiedOnly: true } });
    const before = await fakeBrowser.storage.local.get(null);
    expect((await notesDoc.get()).entries).toHaveLength(Object.keys(v1Notes).length);
    expect((await blockListDoc.get()).clients.map((c) => c.clientId)).toEqual(['org-9']);
    expect((await settingsDoc.get()).rules.paymentVerified).toEqual({ enabled: true, action: 'hide' });
    await new Promise((resolve) => setTimeout(resolve, 20)); // anything WXT would write has landed
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);

    // The worker's own start migrates, once.
    runMigrationsHere();
    await notesDoc.get();
    expect(await fakeBrowser.storage.local.get('notes$')).toEqual({ notes$: { v: 2 } });
  });
});
