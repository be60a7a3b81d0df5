import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { TOKEN_PATH } from './support/security';

/**
 * The request log in real Chromium against the sandbox: after signing in, a search page,
 * a job page and a job alert, the options page lists exactly the requests the sandbox received.
 */

/** What the sandbox received, as "operation status", sorted (concurrent requests may arrive in any order). */
function received(sandbox: Sandbox): string[] {
  return sandbox.requestLog.map((entry) => `${entry.path === TOKEN_PATH ? 'Sign-in token' : entry.operationName} ${entry.status}`).sort();
}

async function listed(options: Page): Promise<string[]> {
  const rows = options.getByTestId('request-log-row');
  const all = await rows.evaluateAll((found) =>
    found.map((row) => `${row.getAttribute('data-operation')} ${row.getAttribute('data-status')}`),
  );
  return all.sort();
}

test('the options page lists exactly the requests the sandbox received, with who asked', async ({
  context,
  sandbox,
  signIn,
  openExtensionPage,
}) => {
  test.slow(); // sign-in, two pages, an alert check and a download
  await signIn();
  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/');
  const tiles = await page.locator('article[data-ev-job-uid]').count();
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]')).toHaveCount(tiles);
  const jobId = sandbox.dataset.jobs.at(-1)?.id as string;
  await page.goto(`https://www.upwork.com/jobs/~02${jobId}`);
  await expect.poll(() => sandbox.requestLog.some((entry) => entry.operationName === 'JobDetails')).toBe(true);

  const options = await openExtensionPage('options.html#/requests');
  expect(await sendFromExtensionPage(options, 'alerts.saveSearch', { query: 'react' })).toMatchObject({ ok: true });
  expect(await sendFromExtensionPage(options, 'alerts.pollNow', {})).toMatchObject({ ok: true });

  await expect(async () => {
    await options.getByTestId('request-log-refresh').click();
    expect(await listed(options)).toEqual(received(sandbox));
  }).toPass({ timeout: 15_000 });
  expect(received(sandbox)).toEqual(expect.arrayContaining(['Sign-in token 200', 'Me 200', 'JobSearch 200', 'JobDetails 200']));

  const table = options.getByTestId('request-log-table');
  await expect(table.locator('tr', { hasText: 'a job alert' })).toHaveCount(1);
  await expect(table.locator('tr', { hasText: 'a page you opened' }).first()).toBeVisible();
  await expect(table.locator('tr', { hasText: 'sign-in' })).toHaveCount(2); // the token and the Me lookup
  const graphqlCount = sandbox.requestLog.filter((entry) => entry.path === '/graphql').length;
  await expect(options.getByTestId('request-log-today-count')).toContainText(`${graphqlCount} of 40,000 requests`);
  await expect(options.getByTestId('request-log-busiest')).toContainText('Upwork allows 10 a second');
  await expect(options.getByTestId('request-log-never')).toContainText('never loads, reloads or pages through upwork.com on its own');

  const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('request-log-download').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toContain('time (UTC),operation,lookups,HTTP status');
  expect(lines).toHaveLength(sandbox.requestLog.length + 1);
});
