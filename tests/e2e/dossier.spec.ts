import { expect, test } from './fixtures';

/**
 * The client dossier in real Chromium: a client that posts the same job again (the title differing
 * only in case and punctuation) has both tiles say so, and the job's page, from what Loupe remembered.
 */

test('a client that reposts the same job shows it on the tile and the job page', async ({ context, sandbox, signIn }) => {
  test.slow(); // sign-in and a search page with every tile's stats
  await signIn();
  const clientId = sandbox.dataset.clients[0]?.id as string;
  const [first] = sandbox.addJobs(1, { title: 'Fix my Shopify theme checkout', clientId });
  const [again] = sandbox.addJobs(1, { title: 'FIX my Shopify theme: checkout!!', clientId });
  const [other] = sandbox.addJobs(1, { title: 'A completely different logo job', clientId: sandbox.dataset.clients[1]?.id as string });

  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/');
  const panel = (id: string) => page.locator(`article[data-ev-job-uid="${id}"] loupe-tile-panel`);
  await expect(panel(again?.id as string)).toHaveAttribute('data-loupe-state', 'ready');
  await expect(panel(again?.id as string)).toContainText('Reposted');
  await expect(panel(first?.id as string)).toContainText('Reposted');
  await expect(panel(other?.id as string)).toHaveAttribute('data-loupe-state', 'ready');
  await expect(panel(other?.id as string)).not.toContainText('Reposted');

  // The job's own page says it too, in the client activity card.
  await page.goto(`https://www.upwork.com/jobs/~02${again?.id}`);
  await expect(page.locator('loupe-job-activity')).toContainText('Client history');
  await expect(page.locator('loupe-job-activity')).toContainText('Reposted');
});
