import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { sandboxFetch } from '../../sandbox/client';
import { expect, test } from './fixtures';
import { saveSettings } from './support/options';

/**
 * Loupe's own pages as a product: every settings section at its own address and reachable by
 * keyboard, a popup that never scrolls sideways, and no accessibility violations (axe-core) on
 * the welcome page, every settings section, the popup and an annotated search, light and dark.
 */

const SECTIONS = [
  ['account', 'Account'],
  ['pages', 'On Upwork’s pages'],
  ['alerts', 'Alerts'],
  ['watchlist', 'Watchlist'],
  ['rules', 'Rules'],
  ['score', 'Score'],
  ['highlights', 'Highlights'],
  ['block-list', 'Block list'],
  ['notes', 'Notes and tags'],
  ['backup', 'Backup'],
  ['requests', 'Request log'],
  ['about', 'About'],
] as const;

const POPUP_WIDTH = 380;

// These walk every section (and axe every page): give them room on a busy machine.
test.slow();

type ColorScheme = 'light' | 'dark';
const SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

/**
 * Every axe rule in the light theme; in the dark one only colour contrast, the one thing a theme
 * changes (the same markup, landmarks and names), which halves the suite's slowest tests.
 */
async function expectNoViolations(page: Page, what: string, colorScheme: ColorScheme, include?: string[]) {
  let builder = new AxeBuilder({ page });
  if (colorScheme === 'dark') builder = builder.withRules(['color-contrast']);
  for (const selector of include ?? []) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  expect(summary, `axe violations on ${what} (${colorScheme})`).toEqual([]);
}

test('every settings section is reachable from the keyboard, and focus lands on its title', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  for (const [id, title] of SECTIONS) {
    const link = page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: title });
    await page.getByRole('heading', { level: 1 }).focus();
    let reached = false;
    for (let presses = 0; presses < 15 && !reached; presses++) {
      await page.keyboard.press('Shift+Tab');
      reached = await link.evaluate((element) => element === document.activeElement);
    }
    expect(reached, `Shift+Tab reaches “${title}”`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/${id}$`));
    await expect(page.getByTestId('options-section')).toHaveAttribute('data-section', id);
    if (id !== 'account') await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  }
});

test('a feature switch flips from its settings section', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('options.html#/alerts');
  const toggle = page.getByTestId('feature-toggles').locator('[data-feature="save-search"] input');
  await expect(toggle).toBeChecked();
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  const stored = await worker.evaluate(async () => (await chrome.storage.local.get('features')).features);
  expect(stored).toMatchObject({ 'save-search': false });
});

test('the popup never scrolls sideways at its width, with a long feed and a signed-in account', async ({
  sandbox,
  signedInPage,
  openExtensionPage,
}) => {
  // The feed only needs the three jobs found: this is about the popup's width, not about search.
  sandbox.setSearchDivergence(false);
  const setup = await signedInPage('options.html');
  const word = `zw${Date.now().toString(36)}`;
  await setup.evaluate((query) => chrome.runtime.sendMessage({ loupe: 1, type: 'alerts.saveSearch', payload: { query } }), `react ${word}`);
  sandbox.addJobs(3, { title: `React ${word} ${'Supercalifragilisticexpialidocious'.repeat(3)} integration for a very long title` });
  await setup.evaluate(() => chrome.runtime.sendMessage({ loupe: 1, type: 'alerts.pollNow', payload: {} }));

  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: POPUP_WIDTH, height: 600 });
  await expect(popup.getByTestId('feed-entry')).toHaveCount(3);
  await expect(popup.getByTestId('account-name')).toBeVisible();
  await popup.getByTestId('saved-searches-details').locator('summary').click();
  const overflow = await popup.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    wider: [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((element) => element.outerHTML.slice(0, 80)),
  }));
  expect(overflow).toEqual({ page: 0, wider: [] });
  // Alerts and watched jobs first, then the day's API use, then account and page health.
  const order = await popup.locator('main > section h2').allTextContents();
  expect(order.map((text) => text.replace(/\s*\(.*\)$/, ''))).toEqual([
    'Job alerts',
    'Watched jobs',
    'Upwork API',
    'Upwork account',
    'Page annotations',
  ]);
});

test('job-list shortcuts from the worker move the focus between the jobs on screen and show the hidden ones', async ({
  context,
  signIn,
  worker,
  openExtensionPage,
  sandbox,
}) => {
  await signIn();
  // A rule that hides about half of the page's jobs (other tests may have added jobs): more proposals than its median.
  const url = 'https://www.upwork.com/nx/search/jobs/?q=react';
  const html = await (await sandboxFetch(sandbox, url)).text();
  const proposals = [...html.matchAll(/data-ev-job-uid="(\d+)"/g)]
    .map((match) => sandbox.dataset.jobs.find((job) => job.id === match[1])?.totalApplicants ?? 0)
    .sort((a, b) => a - b);
  const median = proposals[Math.floor(proposals.length / 2)] ?? 0;
  await saveSettings(openExtensionPage, (settings) => {
    settings.rules.maxProposals = { enabled: true, action: 'hide', max: median };
  });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('article[data-ev-job-uid]').first()).toBeAttached();
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]')).toHaveCount(
    await page.locator('article[data-ev-job-uid]').count(),
  );
  const hidden = page.locator('article[data-ev-job-uid][style*="display: none"]');
  await expect(page.locator('loupe-hidden-jobs')).toContainText('hidden by your rules');
  const hiddenCount = await hidden.count();
  expect(hiddenCount).toBeGreaterThan(0);
  // What the worker does when the user presses a shortcut: send the command to the active upwork.com tab.
  const send = (command: string) =>
    worker.evaluate(async (name) => {
      const [tab] = await chrome.tabs.query({ url: 'https://www.upwork.com/*' });
      await chrome.tabs.sendMessage(tab?.id as number, { loupe: 1, type: 'tile.command', payload: { command: name } });
    }, command);
  const onScreen = page.locator('article[data-ev-job-uid]:not([style*="display: none"])');
  await send('next-tile');
  await expect(onScreen.nth(0)).toBeFocused();
  await send('next-tile');
  await expect(onScreen.nth(1)).toBeFocused();
  await send('previous-tile');
  await expect(onScreen.nth(0)).toBeFocused();
  await send('toggle-hidden-jobs');
  await expect(hidden).toHaveCount(0);
  await expect(page.locator('loupe-hidden-jobs')).toContainText('shown although your rules hide them');
  await send('toggle-hidden-jobs');
  await expect(hidden).toHaveCount(hiddenCount);
});

test('axe finds no violations on the welcome page and the popup, light and dark', async ({ context, extensionId }) => {
  const page = await context.newPage();
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`chrome-extension://${extensionId}/welcome.html`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page, 'welcome', colorScheme);
    await page.setViewportSize({ width: POPUP_WIDTH, height: 600 });
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(page.getByTestId('status-panel')).toBeVisible();
    await expectNoViolations(page, 'popup', colorScheme);
  }
});

test('every settings section has its own address, the navigation lists them all, and axe finds no violations in any, light and dark', async ({
  context,
  extensionId,
}) => {
  // Twenty axe runs: slow on a loaded machine, quick on an idle one.
  test.setTimeout(600_000);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const nav = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(nav.getByRole('link')).toHaveText(SECTIONS.map(([, title]) => title));
  await expect(page.getByTestId('options-section')).toHaveAttribute('data-section', 'account');
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const [id, title] of SECTIONS) {
      await page.goto(`chrome-extension://${extensionId}/options.html#/${id}`);
      await page.reload(); // a fresh load at that address, as from a bookmark
      await expect(page.getByTestId('options-section')).toHaveAttribute('data-section', id);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(nav.getByRole('link', { name: title })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByTestId('worker-status')).toHaveText(/running/);
      await expectNoViolations(page, `options #/${id}`, colorScheme);
    }
  }
  // Each page feature's switch sits in the section it belongs to.
  await page.goto(`chrome-extension://${extensionId}/options.html#/rules`);
  await expect(page.getByTestId('feature-toggles').locator('[data-feature="job-filters"] input[role="switch"]')).toBeChecked();
  await page.goto(`chrome-extension://${extensionId}/options.html#/about`);
  await expect(page.getByTestId('shortcuts').locator('[data-command="next-tile"] kbd')).toHaveText(['Alt', 'Shift', 'J']);
});

test("axe finds no violations in Loupe's panels on a search page, light and dark", async ({ context, signIn }) => {
  await signIn();
  const page = await context.newPage();
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await page.goto(`https://www.upwork.com/nx/search/jobs/?q=react${colorScheme === 'dark' ? '&theme=dark' : ''}`);
    await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]').first()).toBeVisible();
    // Only Loupe's own islands: the page around them is the sandbox's stand-in for Upwork.
    const hosts = await page.evaluate(() => [
      ...new Set([...document.querySelectorAll('*')].map((element) => element.localName).filter((name) => name.startsWith('loupe-'))),
    ]);
    expect(hosts).toContain('loupe-tile-panel');
    expect(hosts).toContain('loupe-tile-title');
    await expectNoViolations(page, 'search page', colorScheme, hosts);
  }
});

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: {
    query(filter: { url: string }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};
