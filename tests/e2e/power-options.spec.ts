import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { showSection } from './support/options';

/**
 * The power-tools settings on the real options page: rules saved to storage, a backup downloaded
 * and imported back, a bad file refused field by field with nothing changed, a corrupt stored
 * field named in the health notice.
 */

/** chrome.storage.local as seen from the options page (typed here: the e2e project has no chrome types). */
type Local = {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  clear(): Promise<void>;
};
type WithChrome = { chrome: { storage: { local: Local } } };

async function storageOf(page: Page, keys: string[]): Promise<Record<string, unknown>> {
  return page.evaluate((k) => (globalThis as unknown as WithChrome).chrome.storage.local.get(k), keys);
}

test('rules are saved to storage and a corrupt field is named, then repaired', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html#/rules');
  await page.getByTestId('rule-minClientSpend-enabled').check();
  await page.getByTestId('rule-minClientSpend-amount').fill('2500');
  await page.getByTestId('rule-excludeKeywords-enabled').check();
  await page.getByTestId('rule-excludeKeywords-terms').fill('wordpress, "data entry"');
  await page.getByTestId('rules-save').click();
  await expect(page.getByTestId('rules-status')).toHaveText('Saved.');
  const { settings } = (await storageOf(page, ['settings'])) as { settings: { rules: Record<string, Record<string, unknown>> } };
  expect(settings.rules.minClientSpend).toEqual({ enabled: true, action: 'hide', amount: 2500 });
  expect(settings.rules.excludeKeywords).toMatchObject({ enabled: true, terms: 'wordpress, "data entry"' });

  // Damage one field behind the page's back: it falls back alone and the page says which.
  await page.evaluate(async () => {
    const { settings: stored } = (await (globalThis as unknown as WithChrome).chrome.storage.local.get('settings')) as {
      settings: { score: { workStartHour: unknown } };
    };
    stored.score.workStartHour = 'nine';
    await (globalThis as unknown as WithChrome).chrome.storage.local.set({ settings: stored });
  });
  await page.reload();
  await expect(page.getByTestId('settings-health')).toContainText('Your “Job score: your working hours start” setting was unreadable');
  await expect(page.getByTestId('rule-minClientSpend-amount')).toHaveValue('2500');
  await showSection(page, 'score');
  await page.getByTestId('score-work-start').fill('8');
  await page.getByTestId('score-save').click();
  await expect(page.getByTestId('settings-health')).toHaveCount(0);
});

test('a backup downloads, and imports back by merging', async ({ openExtensionPage }, testInfo) => {
  const page = await openExtensionPage('options.html');
  await page.evaluate(() =>
    (globalThis as unknown as WithChrome).chrome.storage.local.set({
      notes: { entries: [{ target: 'client', key: 'org-1', text: 'Pays on time', tags: ['good'], label: 'Client in Oslo', updatedAt: 1 }] },
      notes$: { v: 2 },
      blockList: { clients: [{ clientId: 'org-2', label: 'Client in Lima', reason: '', addedAt: 1 }] },
      blockList$: { v: 2 },
    }),
  );
  await page.reload();
  await showSection(page, 'block-list');
  await expect(page.getByTestId('blocklist-table')).toContainText('Client in Lima');
  await showSection(page, 'backup');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup').click()]);
  expect(download.suggestedFilename()).toMatch(/^loupe-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath('backup.json');
  await download.saveAs(file);
  const backup = JSON.parse(await readFile(file, 'utf8'));
  expect(backup).toMatchObject({ format: 'loupe-backup', version: 2, notes: { entries: [{ key: 'org-1', text: 'Pays on time' }] } });

  // Start over, then bring the backup back.
  await page.evaluate(() => (globalThis as unknown as WithChrome).chrome.storage.local.clear());
  await page.reload();
  await showSection(page, 'block-list');
  await expect(page.getByTestId('blocklist-empty')).toBeVisible();
  await showSection(page, 'backup');
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toContainText('You now have 1 note, 1 blocked client and 0 saved searches.');
  await showSection(page, 'block-list');
  await expect(page.getByTestId('blocklist-table')).toContainText('Client in Lima');
  await showSection(page, 'notes');
  await expect(page.getByTestId('notes-list')).toContainText('Client in Oslo');
});

test('a bad file is refused field by field and changes nothing', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html#/rules');
  await page.getByTestId('rule-maxProposals-enabled').check();
  await page.getByTestId('rules-save').click();
  await expect(page.getByTestId('rules-status')).toHaveText('Saved.');
  await showSection(page, 'backup');
  const before = await storageOf(page, ['settings', 'notes', 'blockList', 'savedSearches']);

  await page.getByTestId('import-file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'loupe-backup',
        version: 2,
        settings: { rules: { minClientSpend: { amount: 'abc' } } },
        notes: { entries: [{ target: 'client', text: 'no key' }] },
      }),
    ),
  });
  await page.getByTestId('import-mode-replace').check();
  await page.getByTestId('import-run').click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('Nothing was imported');
  await expect(errors.locator('li')).toHaveText([
    'settings.rules.minClientSpend.amount: expected a number, got "abc"',
    'notes.entries[0]: lacks the id that identifies it',
  ]);

  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(6 * 1024 * 1024, 32) });
  await page.getByTestId('import-run').click();
  await expect(errors.locator('li')).toHaveText(['(the whole file): The file is 6 MB; Loupe reads backups up to 5 MB.']);

  await page.getByTestId('import-file').setInputFiles({
    name: 'newer.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"loupe-backup","version":3}'),
  });
  await page.getByTestId('import-run').click();
  await expect(errors.locator('li')).toHaveText([
    'version: This backup was made by a newer Loupe (backup version 3). Update Loupe, then import it again.',
  ]);

  expect(await storageOf(page, ['settings', 'notes', 'blockList', 'savedSearches'])).toEqual(before);
});

type Alarm = { name: string; periodInMinutes?: number };

async function alertAlarms(page: Page): Promise<Alarm[]> {
  const all = await page.evaluate(() =>
    (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<Alarm[]> } } }).chrome.alarms.getAll(),
  );
  return all.filter((alarm) => alarm.name.startsWith('alert:'));
}

test('a backup’s job alerts are listed with their intervals and check nothing until the user turns them on', async ({
  openExtensionPage,
}) => {
  const page = await openExtensionPage('options.html');
  await showSection(page, 'backup');
  const searches = [
    { id: 'hostile1', name: 'Anything', query: 'a', intervalMinutes: 5, enabled: true },
    { id: 'hostile2', name: 'Everything', query: 'e', intervalMinutes: 120, enabled: true },
    { id: 'quiet', name: 'Quiet one', query: 'q', intervalMinutes: 60, enabled: false },
  ];
  await page.getByTestId('import-file').setInputFiles({
    name: 'alerts.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'loupe-backup', version: 2, savedSearches: { searches } })),
  });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toContainText('3 saved searches');
  await expect(page.getByTestId('import-alert')).toHaveText([
    'Anything: every 5 minutes',
    'Everything: every 2 hours',
    'Quiet one: every hour (off in the file too)',
  ]);
  const stored = (await storageOf(page, ['savedSearches'])).savedSearches as { searches: { enabled: boolean }[] };
  expect(stored.searches.map((search) => search.enabled)).toEqual([false, false, false]);
  // The worker has seen the write (it reschedules on every change) and set no alarm.
  await page.waitForTimeout(500);
  expect(await alertAlarms(page)).toEqual([]);

  await page.getByTestId('import-alerts-on').click();
  await expect(page.getByTestId('import-alerts-status')).toHaveText('Turned on 2 job alerts.');
  await expect
    .poll(async () => (await alertAlarms(page)).map((alarm) => [alarm.name, alarm.periodInMinutes]).sort())
    .toEqual([
      ['alert:hostile1', 5],
      ['alert:hostile2', 120],
    ]);
});
