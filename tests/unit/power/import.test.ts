import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backupToJson, makeBackup } from '../../../lib/power/export';
import { checkBackupFile, checkBackupText, checkBackupValue, IMPORT_MAX_DEPTH, importBackup, planImport } from '../../../lib/power/import';
import { defaultsOf } from '../../../lib/settings/fields';
import { defaultSettings, type SavedSearch, savedSearchSpec } from '../../../lib/settings/schema';
import { type PowerData, readPowerData, writePowerData } from '../../../lib/settings/store';

const envelope = { format: 'loupe-backup', version: 2 };

function errorsOf(value: unknown): string[] {
  const check = typeof value === 'string' ? checkBackupText(value) : checkBackupValue(value);
  if (check.ok) throw new Error('expected the check to fail');
  return check.errors.map((e) => `${e.path}: ${e.message}`);
}

function sampleData(): PowerData {
  const settings = defaultSettings();
  settings.rules.minClientSpend = { enabled: true, action: 'hide', amount: 800 };
  settings.highlights = [{ id: 'h1', name: 'Stack', color: 'blue', terms: 'react', enabled: true }];
  return {
    settings,
    notes: { entries: [{ target: 'client', key: 'org-1', text: 'Mine', tags: ['a'], label: 'Client in Oslo', updatedAt: 10 }] },
    blockList: { clients: [{ clientId: 'org-2', label: '', reason: '', addedAt: 5 }] },
    savedSearches: {
      searches: [
        {
          id: 's1',
          name: 'React',
          query: 'react',
          filters: { ...defaultsOf(savedSearchSpec).filters, verifiedPaymentOnly: true },
          intervalMinutes: 15,
          enabled: true,
          muted: false,
          createdAt: 1,
        },
      ],
    },
  };
}

describe('checking a backup', () => {
  it('accepts a file Loupe exported', () => {
    expect(checkBackupText(backupToJson(makeBackup(sampleData(), new Date()))).ok).toBe(true);
  });

  it('accepts a partial file (only the fields it sets)', () => {
    expect(checkBackupValue({ ...envelope, settings: { rules: { maxProposals: { max: 3 } } } }).ok).toBe(true);
  });

  it('refuses garbage in words', () => {
    expect(errorsOf('not json {')[0]).toMatch(/^\(the whole file\): The file is not valid JSON/);
    expect(errorsOf('[1,2,3]')).toEqual(['(the whole file): The file does not hold a Loupe backup (expected an object).']);
    expect(errorsOf('null')).toHaveLength(1);
    expect(errorsOf({ hello: 'world' })).toEqual(['format: This is not a Loupe backup (expected format "loupe-backup", got null).']);
  });

  it('reports each wrong field with its path', () => {
    const errors = errorsOf({
      ...envelope,
      settings: {
        rules: { minClientSpend: { amount: 'abc' }, maxProposals: { max: -1 }, minRating: { action: 'explode' } },
        score: { weights: { rating: 2.5 } },
        highlights: [{ id: 'h', color: 'red' }],
        extra: true,
      },
      notes: { entries: [{ target: 'client', text: 'no key' }] },
    });
    expect(errors).toEqual([
      'settings.rules.minClientSpend.amount: expected a number, got "abc"',
      'settings.rules.minRating.action: expected one of "hide", "dim", got "explode"',
      'settings.rules.maxProposals.max: must be at least 0, got -1',
      'settings.score.weights.rating: expected a whole number, got 2.5',
      'settings.highlights[0].color: expected one of "yellow", "green", "blue", "pink", "orange", "purple", got "red"',
      'settings.extra: is not a field Loupe knows',
      'notes.entries[0]: lacks the id that identifies it',
    ]);
  });

  it('names an unknown version clearly', () => {
    expect(errorsOf({ format: 'loupe-backup', version: 3 })).toEqual([
      'version: This backup was made by a newer Loupe (backup version 3). Update Loupe, then import it again.',
    ]);
    expect(errorsOf({ format: 'loupe-backup', version: 'two' })).toEqual([
      'version: Loupe cannot read backup version "two"; it reads version 2.',
    ]);
  });

  it('refuses a 10 MB file fast, from its size alone', async () => {
    const big = new Blob([' '.repeat(10 * 1024 * 1024)]);
    let read = false;
    const spy = Object.assign(big, {
      text: () => {
        read = true;
        return Promise.resolve('');
      },
    });
    const parse = vi.spyOn(JSON, 'parse');
    const started = performance.now();
    const check = await checkBackupFile(spy);
    expect(performance.now() - started).toBeLessThan(100);
    expect(read).toBe(false);
    expect(check).toEqual({
      ok: false,
      errors: [{ path: '(the whole file)', message: 'The file is 10 MB; Loupe reads backups up to 5 MB.' }],
    });
    const text = `{"format":"loupe-backup","version":2,"x":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const textStarted = performance.now();
    expect(checkBackupText(text).ok).toBe(false);
    expect(performance.now() - textStarted).toBeLessThan(100);
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses prototype-pollution keys, wherever they are', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = `{"format":"loupe-backup","version":2,"settings":{"rules":{"${key}":{"polluted":true}}}}`;
      expect(errorsOf(text)).toEqual([`settings.rules.${key}: this key is not allowed in a Loupe file`]);
    }
    expect(errorsOf('{"__proto__":{"x":1},"format":"loupe-backup","version":2}')).toEqual([
      '__proto__: this key is not allowed in a Loupe file',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses deep nesting and huge strings before parsing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(errorsOf(deep)).toEqual([
      `(the whole file): The file is nested more than ${IMPORT_MAX_DEPTH} levels deep; a Loupe backup never is.`,
    ]);
    const huge = JSON.stringify({ ...envelope, notes: { entries: [{ target: 'job', key: '1', text: 'x'.repeat(200_000) }] } });
    expect(errorsOf(huge)).toEqual(['(the whole file): A text in the file is longer than 100,000 characters.']);
    // Brackets inside strings do not count as nesting.
    expect(
      checkBackupValue(
        JSON.parse(
          JSON.stringify({ ...envelope, settings: { rules: { excludeKeywords: { terms: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' } } } }),
        ),
      ).ok,
    ).toBe(true);
    expect(
      checkBackupText(
        JSON.stringify({ ...envelope, settings: { rules: { excludeKeywords: { terms: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"{{' } } } }),
      ).ok,
    ).toBe(true);
  });
});

describe('planning an import', () => {
  const current = sampleData();

  it('merge: imported settings win per field, lists are united', () => {
    const check = checkBackupValue({
      ...envelope,
      settings: { rules: { maxProposals: { enabled: true, max: 4 } } },
      notes: {
        entries: [
          { target: 'client', key: 'org-1', text: 'Theirs', tags: ['b'], updatedAt: 20 },
          { target: 'job', key: '9', text: 'New' },
        ],
      },
      blockList: { clients: [{ clientId: 'org-3' }] },
    });
    if (!check.ok) throw new Error(JSON.stringify(check.errors));
    const next = planImport(current, check.backup, 'merge');
    expect(next.settings.rules.maxProposals).toEqual({ enabled: true, action: 'hide', max: 4 });
    expect(next.settings.rules.minClientSpend.amount).toBe(800);
    expect(next.settings.highlights).toEqual(current.settings.highlights);
    expect(next.notes.entries.map((n) => [n.key, n.text, n.tags])).toEqual([
      ['org-1', 'Theirs\n\nMine', ['b', 'a']],
      ['9', 'New', []],
    ]);
    expect(next.blockList.clients.map((c) => c.clientId)).toEqual(['org-2', 'org-3']);
    expect(next.savedSearches).toEqual(current.savedSearches);
  });

  it('replace: sections in the file replace yours, missing settings take defaults', () => {
    const check = checkBackupValue({
      ...envelope,
      settings: { rules: { maxProposals: { enabled: true, max: 4 } } },
      notes: { entries: [] },
    });
    if (!check.ok) throw new Error('unexpected');
    const next = planImport(current, check.backup, 'replace');
    expect(next.settings.rules.minClientSpend).toEqual(defaultSettings().rules.minClientSpend);
    expect(next.settings.rules.maxProposals.max).toBe(4);
    expect(next.notes.entries).toEqual([]);
    expect(next.blockList).toEqual(current.blockList);
  });
});

describe('importing', () => {
  it('writes a good file and reports what it holds', async () => {
    await writePowerData(sampleData());
    const incoming = sampleData();
    incoming.notes.entries = [{ target: 'job', key: '77', text: 'x', tags: [], label: '', updatedAt: 1 }];
    const outcome = await importBackup(backupToJson(makeBackup(incoming, new Date())), 'merge');
    expect(outcome).toEqual({
      ok: true,
      summary: {
        mode: 'merge',
        sections: ['settings', 'notes', 'blockList', 'savedSearches'],
        notes: 2,
        blockedClients: 1,
        savedSearches: 1,
        alerts: [], // the user's own search, unchanged, keeps its switch
      },
    });
    expect((await readPowerData()).notes.entries.map((n) => n.key)).toEqual(['org-1', '77']);
  });

  it('brings a file’s job alerts in switched off, whatever the file says', async () => {
    const incoming = sampleData();
    incoming.savedSearches.searches = [
      { ...(incoming.savedSearches.searches[0] as SavedSearch), id: 'fast', intervalMinutes: 5, enabled: true },
    ];
    for (const mode of ['merge', 'replace'] as const) {
      const outcome = await importBackup(backupToJson(makeBackup(incoming, new Date())), mode);
      expect(outcome.ok && outcome.summary.alerts).toEqual([{ id: 'fast', name: 'React', intervalMinutes: 5, wantedOn: true }]);
      expect((await readPowerData()).savedSearches.searches.map((search) => [search.id, search.enabled])).toEqual([['fast', false]]);
    }
  });

  it('a bad file changes nothing', async () => {
    await writePowerData(sampleData());
    const before = await fakeBrowser.storage.local.get(null);
    const outcome = await importBackup(
      JSON.stringify({ ...envelope, settings: { rules: { minClientSpend: { amount: 'abc' } } }, notes: { entries: [] } }),
      'replace',
    );
    expect(outcome.ok).toBe(false);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });
});

describe('import validator properties', () => {
  const jsonValue = fc.jsonValue({ maxDepth: 6 });
  const backupish = fc.record(
    {
      format: fc.oneof(fc.constant('loupe-backup'), fc.string()),
      version: fc.oneof(fc.constant(2), jsonValue),
      settings: jsonValue,
      notes: fc.oneof(
        jsonValue,
        fc.record({ entries: fc.array(fc.dictionary(fc.constantFrom('target', 'key', 'text', 'tags', '__proto__'), jsonValue)) }),
      ),
      blockList: jsonValue,
      savedSearches: jsonValue,
    },
    { requiredKeys: [] },
  );

  it('never throws on arbitrary JSON: either ok or a non-empty list of path errors', () => {
    fc.assert(
      fc.property(fc.oneof(jsonValue, backupish), (value) => {
        const check = checkBackupText(JSON.stringify(value) ?? 'null');
        if (!check.ok) {
          expect(check.errors.length).toBeGreaterThan(0);
          for (const error of check.errors) {
            expect(typeof error.path).toBe('string');
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => checkBackupText(text)).not.toThrow();
      }),
    );
  });

  it('never changes storage when the file is invalid', async () => {
    await writePowerData(sampleData());
    const before = await fakeBrowser.storage.local.get(null);
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonValue, backupish), fc.constantFrom('merge' as const, 'replace' as const), async (value, mode) => {
        const text = JSON.stringify(value) ?? 'null';
        if (checkBackupText(text).ok) return;
        const outcome = await importBackup(text, mode);
        expect(outcome.ok).toBe(false);
        expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});
