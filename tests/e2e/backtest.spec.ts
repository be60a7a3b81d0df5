import { SEARCH_TILE as TILE } from './both/steps';
import { expect, test } from './fixtures';
import { searchPageIds, splitBySpend } from './support/spend';

/**
 * The rules editor's backtest in real Chromium: the jobs a search page showed are replayed through
 * the draft rules on every edit, the jobs the user starred are counted apart, and one click lists
 * a rule's jobs.
 */

test('editing a rule changes what the backtest says it would have hidden, starred jobs included', async ({
  context,
  sandbox,
  signIn,
  openExtensionPage,
}) => {
  test.slow(); // sign-in, a search page and the options page
  await signIn();
  const page = await context.newPage();
  const ids = await searchPageIds(page);
  const { threshold, below: caught } = splitBySpend(sandbox, ids);

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
