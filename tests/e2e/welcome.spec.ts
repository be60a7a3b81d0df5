import { expect, test, welcomePage } from './fixtures';

/**
 * First run: installing Loupe opens its welcome page, and a new user goes from there to an
 * annotated job search by clicking alone (the sandbox approves sign-in at once).
 */

test.use({ keepWelcome: true });

test('a fresh install opens the welcome page, and clicking through it leads to an annotated job search', async ({
  context,
  sandbox,
  extensionId,
}) => {
  const welcome = await welcomePage(context);
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Welcome to Loupe');
  await expect(welcome.getByTestId('promises')).toContainText('Never reloads');
  // Getting a key: where to apply, the exact callback URL, the scopes to tick, how long it takes.
  await expect(welcome.getByTestId('apply-link')).toHaveAttribute('href', 'https://www.upwork.com/developer/keys/apply');
  await expect(welcome.getByTestId('welcome-redirect-uri')).toHaveText(`https://${extensionId}.chromiumapp.org/`);
  const keyStep = welcome.getByTestId('step-key');
  for (const scope of ['pub-commons:read:all', 'pub-marketplace-job-postings:read:all', 'pub-freelancer-profiles:read:all'])
    await expect(keyStep).toContainText(scope);
  await expect(keyStep).toContainText('two weeks');

  await welcome.getByTestId('welcome-client-id').fill('loupe-demo');
  await welcome.getByTestId('welcome-save-key').click();
  await expect(welcome.getByTestId('step-client-id')).toHaveAttribute('data-state', 'done');
  await welcome.getByTestId('sign-in').click();
  await expect(welcome.getByTestId('welcome-signed-in')).toContainText(sandbox.dataset.user.name);
  await expect(welcome.getByTestId('step-sign-in')).toHaveAttribute('data-state', 'done');

  await welcome.getByTestId('welcome-test-connection').click();
  const results = welcome.getByTestId('welcome-connection-results').getByRole('listitem');
  await expect(results).toHaveCount(5);
  for (const result of await results.all()) await expect(result).toHaveAttribute('data-outcome', 'passed');
  await expect(welcome.getByTestId('step-test')).toHaveAttribute('data-state', 'done');

  const opened = context.waitForEvent('page');
  await welcome.getByTestId('open-job-search').click();
  const search = await opened;
  await expect(search).toHaveURL(/^https:\/\/www\.upwork\.com\/nx\/search\/jobs\//);
  await expect(search.locator('loupe-tile-panel[data-loupe-state="ready"]').first()).toBeVisible();
});

test('the connection test names a missing scope in plain words', async ({ context, sandbox }) => {
  const welcome = await welcomePage(context);
  await welcome.getByTestId('welcome-client-id').fill('loupe-demo');
  await welcome.getByTestId('welcome-save-key').click();
  await welcome.getByTestId('sign-in').click();
  await expect(welcome.getByTestId('welcome-signed-in')).toBeVisible();

  sandbox.setFaults({ missingScopes: ['pub-marketplace-job-postings:read:all'] });
  await welcome.getByTestId('welcome-test-connection').click();
  const results = welcome.getByTestId('welcome-connection-results');
  const jobs = results.locator('[data-check="job-postings"]');
  await expect(jobs).toHaveAttribute('data-outcome', 'failed');
  await expect(jobs).toContainText('Your API key lacks the “Read marketplace Job Postings” scope');
  await expect(results.locator('[data-check="account"]')).toHaveAttribute('data-outcome', 'passed');
  await expect(results.locator('[data-check="freelancer-profiles"]')).toHaveAttribute('data-outcome', 'passed');
  await expect(welcome.getByTestId('step-test')).not.toHaveAttribute('data-state', 'done');
});

test('the welcome page opens again from the settings', async ({ context, extensionId }) => {
  await (await welcomePage(context)).close();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/about`);
  await options.getByTestId('open-welcome').click();
  await expect(options).toHaveURL(`chrome-extension://${extensionId}/welcome.html`);
  await expect(options.getByRole('heading', { level: 1 })).toHaveText('Welcome to Loupe');
});
