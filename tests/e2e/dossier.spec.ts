import { expect, test } from './fixtures';

/**
 * The client dossier in real Chromium: a client that posts the same job again (the title differing
 * only in case and punctuation) has both tiles say so, and the job's page, from what Loupe remembered;
 * the job's page also lists the client's other jobs Loupe showed, each a link to its page.
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

  const shown = await page
    .locator('article[data-ev-job-uid]')
    .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-ev-job-uid') as string));

  // The job's own page says it too, in the client activity card.
  await page.goto(`https://www.upwork.com/jobs/~02${again?.id}`);
  const card = page.locator('loupe-job-activity');
  await expect(card).toContainText('Client history');
  await expect(card).toContainText('Reposted');

  // And lists the client's other jobs Loupe showed (not this one, nor another client's), newest first, each a link to its page.
  const clientOf = (id: string) => sandbox.dataset.jobs.find((job) => job.id === id)?.clientId;
  const sameClient = shown.filter((id) => id !== again?.id && clientOf(id) === clientId);
  const others = card.locator('[data-loupe-list="otherJobs"]');
  await expect(others.locator('summary')).toHaveText(`This client’s other jobs Loupe has seen (${Math.min(5, sameClient.length)})`);
  const links = others.getByRole('link');
  await expect(links).toHaveCount(Math.min(5, sameClient.length));
  await expect(links.first()).toHaveText('Fix my Shopify theme checkout');
  await expect(links.first()).toHaveAttribute('href', `https://www.upwork.com/jobs/~02${first?.id}`);
  await expect(others.locator('li').first()).toContainText('posted ');
  await expect(others).not.toContainText('FIX my Shopify theme: checkout!!');
  await expect(others).not.toContainText('A completely different logo job');
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs/~02${first?.id}$`));
  await expect(
    page.locator('loupe-job-activity [data-loupe-list="otherJobs"]').getByRole('link', { name: 'FIX my Shopify theme: checkout!!' }),
  ).toHaveAttribute('href', `https://www.upwork.com/jobs/~02${again?.id}`);

  // A client with no other job on the list: no list at all.
  const alone = shown.find((id) => shown.filter((other) => clientOf(other) === clientOf(id)).length === 1);
  expect(alone, 'the search page shows a client with one job').toBeDefined();
  await page.goto(`https://www.upwork.com/jobs/~02${alone}`);
  await expect(page.locator('loupe-job-activity')).toHaveAttribute('data-loupe-state', 'ready');
  await expect(page.locator('loupe-job-activity [data-loupe-list="otherJobs"]')).toHaveCount(0);
});
