import { expect, test } from './fixtures';

test('the worker starts and answers the popup', async ({ worker, openExtensionPage }) => {
  expect(worker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('worker-status')).toHaveText(/^Loupe \d+\.\d+\.\d+ is running\.$/);
});

test('the extension id is fixed by the development key', async ({ extensionId }) => {
  const { extensionId: expected } = await import('../../config/dev-extension-key.json', { with: { type: 'json' } }).then((m) => m.default);
  expect(extensionId).toBe(expected);
});

test('the content script runs on an upwork.com page served by the sandbox and reaches the worker', async ({ context }) => {
  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect(page.locator('article[data-ev-job-uid]').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-loupe', 'connected');
});

test('a web page cannot message the worker as if it were Loupe', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
  // Pages have no chrome.runtime.sendMessage to us without externally_connectable: the call fails outright.
  const outcome = await page.evaluate(async (id) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
    if (typeof runtime?.sendMessage !== 'function') return 'no-channel';
    try {
      await (runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(id, {
        loupe: 1,
        type: 'ping',
        payload: { from: 'content' },
      });
      return 'answered';
    } catch {
      return 'refused';
    }
  }, extensionId);
  expect(['no-channel', 'refused']).toContain(outcome);
});
