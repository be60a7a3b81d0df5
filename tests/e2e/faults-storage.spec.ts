import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchWithExtension } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import {
  askForTilesOneByOne,
  expectEveryTile,
  expectNeverLimited,
  expectNoHarm,
  newestJobs,
  openPage,
  type Reply,
  SEARCH,
} from './support/faults';
import { showSection } from './support/options';
import {
  apiStatus,
  expectUserDataIntact,
  graphqlEntries,
  LOUPE_ID,
  loupeWorker,
  pageErrors,
  readStorage,
  USER_DATA,
  writeStorage,
} from './support/security';

/**
 * Loupe's own storage going wrong: a corrupt settings item, reckless throttle settings, a full
 * cache, an update from version-1 data. The page keeps working, the user is told what was reset,
 * and notes and block list survive.
 */

test.describe('storage goes wrong', () => {
  test('a corrupt settings item: the page still works, the options page names what was reset, notes and block list untouched', async ({
    context,
    options,
  }) => {
    await showSection(options, 'rules');
    const page = await context.newPage();
    const errors = pageErrors(page);
    const damaged = ['{{{ not json', 42, ['a', 'list'], { rules: 'garbage', score: { workStartHour: 'nine', weights: { rating: 'ten' } } }];
    for (const corrupt of damaged) {
      await writeStorage(options, { settings: corrupt });
      await page.goto(SEARCH);
      await expectEveryTile(page, 'ready');
      await options.reload();
      await expect(options.getByTestId('rules-save')).toBeVisible();
      expect(await readStorage(options, ['notes', 'blockList'])).toEqual({ notes: USER_DATA.notes, blockList: USER_DATA.blockList });
    }
    // The last one damaged single fields: each falls back alone and is named.
    const health = options.getByTestId('settings-health');
    await expect(health).toContainText('“Job score: your working hours start” setting was unreadable and was reset to its default');
    // Saving again repairs it.
    await showSection(options, 'score');
    await options.getByTestId('score-work-start').fill('8');
    await options.getByTestId('score-save').click();
    await showSection(options, 'rules');
    await options.reload();
    await expect(options.getByTestId('rules-save')).toBeVisible();
    await expect(options.getByTestId('settings-health')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('corrupt or reckless throttle settings never push Loupe over Upwork’s limit', async ({ options, sandbox }) => {
    const newest = newestJobs(sandbox, 24);
    const settings: unknown[] = [
      // Each value allowed alone, together twice Upwork's limit: the queue pulls them back to rate + burst ≤ 10.
      { ratePerSecond: 10, burst: 10 },
      { ratePerSecond: 1_000_000, burst: 1_000_000 },
      'garbage',
      { ratePerSecond: -5, burst: null },
    ];
    for (const [round, throttle] of settings.entries()) {
      await writeStorage(options, { throttle });
      sandbox.clearLog();
      const replies = (await askForTilesOneByOne(
        options,
        newest.map((job) => job.id),
        { q: `throttle round ${round}` },
      )) as Reply[];
      expect(replies.every((reply) => reply.ok)).toBe(true);
      expect(graphqlEntries(sandbox).length).toBeGreaterThanOrEqual(24);
      expectNeverLimited(sandbox);
    }
    await expectUserDataIntact(options);
  });

  test('a full cache: data keeps coming straight from Upwork and the popup says the cache is off', async ({
    context,
    options,
    openExtensionPage,
    sandbox,
  }) => {
    // The browser's storage for Loupe is full: every write to the cache's IndexedDB fails the way
    // Chrome fails it (QuotaExceededError). Chrome does not enforce quota overrides on extension
    // origins, so the failure is injected at IndexedDB's door in the worker; the sealing key's
    // database is spared.
    const worker = await loupeWorker(context);
    await worker.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.transaction.db.name === 'loupe-cache') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    const { page, errors } = await openPage(context, SEARCH);
    await expectEveryTile(page, 'ready');
    await expect
      .poll(async () => (await apiStatus(options)).cache.disabledReason, { timeout: 10_000 })
      .toBe("Loupe's cache is off: the browser's storage for Loupe is full.");
    const popup = await openExtensionPage('popup.html');
    await expect(popup.getByTestId('cache-hits')).toContainText("off: Loupe's cache is off");
    // Later pages still get their data, from Upwork.
    sandbox.clearLog();
    await page.goto('https://www.upwork.com/nx/search/jobs/?q=python');
    await expectEveryTile(page, 'ready');
    expect(graphqlEntries(sandbox).length).toBeGreaterThan(0);
    await expectNoHarm(sandbox, options, errors);
  });

  test('an extension update migrates version-1 settings, notes and block list, losing none', async ({ sandbox }) => {
    // The same profile, first with this build, then with a copy of it numbered as a newer version:
    // Chrome sees the same extension id with a higher version, which is what an update is.
    const root = mkdtempSync(join(tmpdir(), 'loupe-update-'));
    const next = join(root, 'next');
    cpSync(EXTENSION_DIR, next, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(next, 'manifest.json'), 'utf8')) as { version: string };
    manifest.version = '99.0.0';
    writeFileSync(join(next, 'manifest.json'), JSON.stringify(manifest));
    const profile = join(root, 'profile');
    const optionsUrl = `chrome-extension://${LOUPE_ID}/options.html`;

    const before = await launchWithExtension({ args: sandbox.chromiumArgs, userDataDir: profile });
    try {
      await loupeWorker(before);
      const page = await before.newPage();
      await page.goto(optionsUrl);
      expect(await sendFromExtensionPage(page, 'auth.configure', { clientId: 'loupe-demo' })).toMatchObject({ ok: true });
      expect(await sendFromExtensionPage(page, 'auth.signIn', {})).toMatchObject({ ok: true });
      // What Loupe's first prototype stored: version-1 shapes under version-1 marks.
      await writeStorage(page, {
        settings: { minSpend: '$1,500', paymentVerifiedOnly: true, excludeKeywords: ['wordpress', 'data entry'], dimInsteadOfHide: true },
        settings$: { v: 1 },
        blockList: ['client-a', 'client-b', 'client-a'],
        blockList$: { v: 1 },
        notes: { 'client-a': 'Slow to pay <b>twice</b>', 'client-c': 'Great client' },
        notes$: { v: 1 },
      });
    } finally {
      await before.close();
    }

    const after = await launchWithExtension({ args: sandbox.chromiumArgs, userDataDir: profile, extensionDir: next });
    try {
      await loupeWorker(after);
      const page = await after.newPage();
      const errors = pageErrors(page);
      await page.goto(optionsUrl);
      expect(await sendFromExtensionPage(page, 'ping', { from: 'options' })).toMatchObject({ ok: true, data: { version: '99.0.0' } });
      await showSection(page, 'rules');
      await expect(page.getByTestId('rule-minClientSpend-enabled')).toBeChecked();
      await expect(page.getByTestId('rule-minClientSpend-amount')).toHaveValue('1500');
      await showSection(page, 'notes');
      await expect(page.getByTestId('notes-list')).toContainText('Slow to pay <b>twice</b>');
      await expect(page.getByTestId('notes-list')).toContainText('Great client');
      await showSection(page, 'block-list');
      await expect(page.getByTestId('blocklist-table')).toContainText('client-a');
      await expect(page.getByTestId('blocklist-table')).toContainText('client-b');
      await expect(page.getByTestId('settings-health')).toHaveCount(0);
      const stored = (await readStorage(page, null)) as Record<
        string,
        { v?: number; rules?: Record<string, unknown>; entries?: unknown[]; clients?: unknown[] }
      >;
      expect(stored.settings$?.v).toBe(2);
      expect(stored.settings?.rules?.minClientSpend).toEqual({ enabled: true, action: 'dim', amount: 1500 });
      expect(stored.settings?.rules?.paymentVerified).toEqual({ enabled: true, action: 'dim' });
      expect(stored.notes?.entries).toHaveLength(2);
      expect(stored.blockList?.clients).toHaveLength(2);
      // Still signed in after the update: the sealed refresh token and its key survived.
      expect(await sendFromExtensionPage(page, 'auth.status', {})).toMatchObject({ ok: true, data: { state: 'signed-in' } });
      expect(errors).toEqual([]);
    } finally {
      await after.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
