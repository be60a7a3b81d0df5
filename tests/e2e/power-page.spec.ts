import { SEARCH_TILE as TILE } from './both/steps';
import { expect, test } from './fixtures';
import { saveSettings } from './support/options';
import { searchPageIds, splitBySpend, tileIds } from './support/spend';

/**
 * The power tools on the sandbox's upwork.com in real Chromium: rules hide tiles with a stub that
 * brings them back, scores show their breakdown on focus, keywords are marked, notes persist,
 * and seen jobs are remembered. The CSV export runs in both browsers: tests/e2e/both/pages.spec.ts.
 */

type WithChrome = { chrome: { storage: { local: { get(keys: string): Promise<Record<string, unknown>> } } } };

/** Hidden tiles: an inline style and nothing else (no attribute tells the page why). */
const HIDDEN = `${TILE}[style*="display: none"]`;

test.describe('power tools on Upwork pages', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn();
  });

  test('a spend rule hides exactly the jobs it should, each with a stub that shows it again', async ({
    context,
    sandbox,
    openExtensionPage,
  }) => {
    const probe = await context.newPage();
    const ids = await searchPageIds(probe);
    await probe.close();
    const { threshold, below: expectedHidden } = splitBySpend(sandbox, ids);

    await saveSettings(openExtensionPage, (s) => {
      s.rules.minClientSpend = { enabled: true, action: 'hide', amount: threshold };
    });
    const page = await context.newPage();
    await searchPageIds(page);
    await expect(page.locator(HIDDEN)).toHaveCount(expectedHidden.length);
    const hiddenIds = await page.locator(HIDDEN).evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-ev-job-uid')));
    expect(hiddenIds.sort()).toEqual([...expectedHidden].sort());
    // One row above the list counts them; no line per hidden job.
    const row = page.locator('loupe-hidden-jobs');
    await expect(row).toContainText(`${expectedHidden.length} job${expectedHidden.length === 1 ? '' : 's'} hidden by your rules:`);
    await expect(row).toContainText(`Minimum client spend ${expectedHidden.length}`);
    await expect(page.locator('loupe-filter-stub')).toHaveCount(0);
    await row.getByRole('button', { name: 'Show' }).click();
    await expect(page.locator(HIDDEN)).toHaveCount(0);
    await expect(page.locator('loupe-filter-stub')).toHaveCount(expectedHidden.length);
    await expect(row).toContainText('shown although your rules hide them');

    // Each shown job says why it was hidden, and can go back alone.
    const first = expectedHidden[0] as string;
    const stub = page.locator(`loupe-filter-stub[data-loupe-stub="${first}"]`);
    await expect(stub).toContainText('Shown although: Client spent less than');
    await stub.getByRole('button', { name: 'Hide again' }).click();
    await expect(page.locator(`${TILE}[data-ev-job-uid="${first}"]`)).toBeHidden();
    await expect(row).toContainText('1 job hidden by your rules');

    // Switching the rule off on the options page shows everything again, live.
    await saveSettings(openExtensionPage, () => {});
    await expect(page.locator(HIDDEN)).toHaveCount(0);
    await expect(page.locator('loupe-filter-stub')).toHaveCount(0);
    await expect(page.locator('loupe-hidden-jobs')).toHaveCount(0);

    // The rules editor counts, before saving, what a draft rule would hide on this list.
    const options = await openExtensionPage('options.html#/rules');
    await expect(options.getByTestId('rules-live-count')).toContainText(`would hide 0 and dim 0 of ${ids.length} jobs`);
    await options.getByTestId('rule-minClientSpend-enabled').check();
    await options.getByTestId('rule-minClientSpend-amount').fill(String(threshold));
    await expect(options.getByTestId('rules-live-count')).toContainText(
      `would hide ${expectedHidden.length} and dim 0 of ${ids.length} jobs`,
    );
  });

  test('scores show their breakdown on focus, keywords are marked, notes persist', async ({ context, sandbox, openExtensionPage }) => {
    const probe = await context.newPage();
    const ids = await searchPageIds(probe);
    await probe.close();
    // The first tile whose title has a plain word to highlight (other specs may add markup-only titles on top).
    const plainWord = (id: string) =>
      sandbox.dataset.jobs
        .find((job) => job.id === id)
        ?.title.split(/\s+/)
        .find((w) => /^[A-Za-z]{4,}$/.test(w));
    const jobId = ids.find((id) => plainWord(id)) as string;
    const word = plainWord(jobId) as string;
    expect(word).toBeTruthy();
    await saveSettings(openExtensionPage, (s) => {
      s.highlights = [{ id: 'g1', name: 'Mine', color: 'green', terms: word, enabled: true }];
    });

    const page = await context.newPage();
    await searchPageIds(page);
    const tile = page.locator(`${TILE}[data-ev-job-uid="${jobId}"]`);
    // The score is a chip right after the title link, in the title's heading; not in the panel.
    const score = tile.locator('h2.job-tile-title > [data-test="job-tile-title-link"] + loupe-tile-title [data-loupe-slot="score"]');
    await expect(tile.locator('loupe-tile-panel [data-loupe-section="score"]')).toHaveCount(0);
    const button = score.getByRole('button', { name: /^Score \d+\/100$/ });
    await expect(button).toBeVisible();
    const breakdown = score.locator('.loupe-score-breakdown');
    await expect(breakdown).toBeHidden();
    const layout = () =>
      page.evaluate(() => ({
        tiles: [...document.querySelectorAll('article[data-ev-job-uid]')].map((t) => t.getBoundingClientRect().top),
        width: document.documentElement.scrollWidth,
      }));
    const closed = await layout();
    await button.focus();
    await expect(breakdown).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    const total = Number((await button.textContent())?.match(/\d+/)?.[0]);
    expect(await score.getAttribute('data-score')).toBe(String(total));
    const points = await breakdown.locator('.loupe-score-points').allTextContents();
    expect(points).toHaveLength(8);
    expect(points.reduce((sum, text) => sum + Number(text.split('/')[0]), 0)).toBe(total);
    // It floats over the page: no tile moves, no sideways scroll, and it reaches past the title.
    expect(await layout()).toEqual(closed);
    const [listBox, chipBox] = [await breakdown.boundingBox(), await button.boundingBox()];
    expect(listBox && chipBox && listBox.y >= chipBox.y + chipBox.height).toBe(true);
    await button.blur();
    await expect(breakdown).toBeHidden();
    await button.hover();
    await expect(breakdown).toBeVisible();
    await page.mouse.move(0, 0);
    await expect(breakdown).toBeHidden();

    // A page script's click does nothing; a person's click pins it open (touch has no hover), Escape closes it.
    await button.evaluate((element) => (element as HTMLElement).click());
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(button).toHaveAttribute('aria-controls', (await breakdown.getAttribute('id')) as string);
    await page.mouse.move(0, 0);
    await button.blur();
    await expect(breakdown).toBeVisible();
    await button.focus();
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.blur();
    await expect(breakdown).toBeHidden();

    // The older feed markup (an h3 title) gets the chip beside its title too.
    await page.goto('https://www.upwork.com/nx/find-work/most-recent');
    const feedTile = page.locator('section[data-ev-opening_uid]').first();
    await expect(feedTile.locator('h3 > a + loupe-tile-title').getByRole('button', { name: /^Score \d+\/100$/ })).toBeVisible();
    await searchPageIds(page);

    // Painted in the tile panel's own root, over the word: the title's text stays the page's.
    await expect(tile.locator('loupe-tile-panel .loupe-layer .loupe-hl[data-color="green"]').first()).toBeAttached();
    await expect(tile.locator('mark')).toHaveCount(0);
    const box = await tile.locator('loupe-tile-panel .loupe-layer .loupe-hl').first().boundingBox();
    const title = await tile.locator('[data-test="job-tile-title-link"]').boundingBox();
    expect(box && title && box.y >= title.y - 1 && box.y + box.height <= title.y + title.height + 1, 'the box sits on the title').toBe(
      true,
    );

    // A job note, saved from the tile, survives a reload.
    const notes = tile.locator('loupe-tile-panel [data-loupe-section="notes"]');
    await notes.getByRole('button', { name: 'Note or block ▾' }).click();
    await notes.getByRole('button', { name: 'Note on job' }).click();
    await notes.getByLabel('Your note on this job').fill('Asked about the deadline');
    await notes.getByLabel('Tags (comma-separated)').fill('follow-up');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await expect(notes.locator('[data-loupe-note="job"]')).toContainText('Asked about the deadline');
    await page.reload();
    await expect(page.locator(`${TILE}[data-ev-job-uid="${jobId}"] loupe-tile-panel [data-loupe-note="job"]`)).toContainText('follow-up');
  });

  test('blocking a client from one tile hides all of its jobs; unblocking in the settings brings them back', async ({
    context,
    sandbox,
    openExtensionPage,
  }) => {
    const page = await context.newPage();
    const ids = await searchPageIds(page);
    const clientOf = (id: string) => sandbox.dataset.jobs.find((job) => job.id === id)?.clientId;
    const target = clientOf(ids[0] as string);
    const sameClient = ids.filter((id) => clientOf(id) === target);
    const notes = page.locator(`${TILE}[data-ev-job-uid="${ids[0]}"] loupe-tile-panel [data-loupe-section="notes"]`);
    await notes.getByRole('button', { name: 'Note or block ▾' }).click();
    await notes.getByRole('button', { name: 'Block client' }).click();
    await expect(page.locator(HIDDEN)).toHaveCount(sameClient.length);
    await expect(page.locator('loupe-hidden-jobs')).toContainText(`Blocked clients ${sameClient.length}`);

    // Everywhere else too: that client's jobs on later result pages come up hidden.
    const elsewhere = sandbox.dataset.jobs.find((job) => job.clientId === target && !ids.includes(job.id));
    if (!elsewhere) throw new Error(`the sandbox gave client ${target} no job beyond the first page`);
    const other = await context.newPage();
    let found = false;
    for (let pageNumber = 1; pageNumber <= 10 && !found; pageNumber++) {
      await other.goto(`https://www.upwork.com/nx/search/jobs/?q=&per_page=50&page=${pageNumber}`);
      // A later result page may hold a job the API's lookups cannot find (the sandbox keeps a few,
      // one with no title among them): its tile says so, and that is done too.
      await tileIds(other, ['ready', 'missing']);
      found = (await other.locator(`${TILE}[data-ev-job-uid="${elsewhere.id}"]`).count()) > 0;
    }
    expect(found, `job ${elsewhere.id} of the blocked client is on one of the first 10 result pages`).toBe(true);
    await expect(other.locator(`${TILE}[data-ev-job-uid="${elsewhere.id}"]`)).toBeHidden();
    await expect(other.locator('loupe-hidden-jobs')).toContainText('Blocked clients');
    await other.close();

    const options = await openExtensionPage('options.html#/block-list');
    const row = options.getByTestId('blocklist-row');
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: /^Unblock / }).click();
    await expect(options.getByTestId('blocklist-empty')).toBeVisible();
    await expect(page.locator(HIDDEN)).toHaveCount(0);
  });

  test('jobs seen once are marked seen on the next visit', async ({ context, openExtensionPage }) => {
    const page = await context.newPage();
    const ids = await searchPageIds(page);
    const first = page.locator(`${TILE}[data-ev-job-uid="${ids[0]}"] loupe-tile-panel [data-loupe-badge="seen"]`);
    await expect(first).toHaveText('New');
    const options = await openExtensionPage('options.html');
    await expect
      .poll(async () => {
        const { seenJobs } = await options.evaluate(() => (globalThis as unknown as WithChrome).chrome.storage.local.get('seenJobs'));
        return ((seenJobs as [string, number][] | undefined) ?? []).map(([id]) => id);
      })
      .toContain(ids[0]);
    await page.reload();
    await expect(page.locator(`${TILE}[data-ev-job-uid="${ids[0]}"] loupe-tile-panel [data-loupe-badge="seen"]`)).toHaveText(
      'Seen just now',
    );
  });
});
