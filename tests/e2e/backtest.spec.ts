import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { expect, test } from './fixtures';

/**
 * The rules editor's backtest in real Chromium: the jobs a search page showed are replayed through
 * the draft rules on every edit, the jobs the user starred are counted apart, and one click lists
 * a rule's jobs.
 */

const TILE = 'article[data-ev-job-uid]';

function spendOf(sandbox: Sandbox, jobId: string): number | null {
  const job = sandbox.dataset.jobs.find((j) => j.id === jobId);
  const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
  if (!client) throw new Error(`job ${jobId} is not in the sandbox dataset`);
  return client.hasFinancialPrivacy ? null : client.totalSpent;
}

async function tileIds(page: Page): Promise<string[]> {
  await expect(page.locator(TILE).first()).toBeAttached();
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]')).toHaveCount(await page.locator(TILE).count());
  return page.locator(TILE).evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-ev-job-uid') ?? ''));
}

test('editing a rule changes what the backtest says it would have hidden, starred jobs included', async ({
  context,
  sandbox,
  signIn,
  openExtensionPage,
}) => {
  test.slow(); // sign-in, a search page and the options page
  await signIn();
  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/');
  const ids = await tileIds(page);
  const spends = [...new Set(ids.map((id) => spendOf(sandbox, id)).filter((spend): spend is number => spend !== null))].sort(
    (a, b) => a - b,
  );
  const threshold = spends[Math.floor(spends.length / 2)] as number;
  const caught = ids.filter((id) => {
    const spend = spendOf(sandbox, id);
    return spend !== null && spend < threshold;
  });
  expect(caught.length).toBeGreaterThan(0);
  expect(caught.length).toBeLessThan(ids.length);

  // The user stars one job the rule will catch.
  const starredId = caught[0] as string;
  const star = page.locator(`${TILE}[data-ev-job-uid="${starredId}"] loupe-tile-panel [data-loupe-star="${starredId}"]`);
  await star.click();
  await expect(star).toHaveText('★ Watching');

  const options = await openExtensionPage('options.html#/rules');
  const total = options.getByTestId('rules-backtest-total');
  await expect(total).toContainText(`Of the last ${ids.length} jobs you saw (in the past 24 hours), these rules would hide 0 and dim 0.`);

  await options.getByTestId('rule-minClientSpend-enabled').check();
  await options.getByTestId('rule-minClientSpend-amount').fill(String(threshold));
  await expect(total).toContainText(`these rules would hide ${caught.length} and dim 0, including 1 you starred or opened.`);
  await expect(options.getByTestId('backtest-minClientSpend-hidden')).toHaveText(String(caught.length));

  await options.getByTestId('backtest-minClientSpend-list').click();
  const listed = await options
    .getByTestId('backtest-jobs')
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-job')));
  expect(listed.sort()).toEqual([...caught].sort());
  await expect(options.getByTestId('backtest-jobs').locator(`li[data-job="${starredId}"]`)).toContainText('(starred)');

  // Dimming instead of hiding moves the count across.
  await options.getByTestId('rule-minClientSpend-action').selectOption('dim');
  await expect(total).toContainText(`these rules would hide 0 and dim ${caught.length}`);
});
