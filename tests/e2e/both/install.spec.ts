import { expect, test } from './fixtures';
import { testId } from './steps';

/**
 * What a user meets first, in each browser: Loupe installs, its background answers the popup, the
 * options page names the redirect URI this browser gives Loupe, the content script reaches the
 * background from an upwork.com page, and a web page cannot talk to Loupe.
 */

test('Loupe installs: the background answers the popup, and the options page shows this browser’s redirect URI', async ({ loupe }) => {
  const popup = await loupe.openExtensionPage('popup.html');
  await expect.poll(() => popup.text(testId('worker-status'))).toMatch(/^Loupe \d+\.\d+\.\d+ is running\.$/);

  const options = await loupe.openExtensionPage('options.html');
  await expect.poll(() => options.text(testId('redirect-uri'))).toMatch(loupe.redirectUriPattern);
  expect(await options.attribute(testId('auth-state'), 'data-state')).toBe('not-configured');
});

test('the content script runs on an upwork.com page served by the sandbox and reaches the background', async ({ loupe }) => {
  const page = await loupe.openPage('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect.poll(() => page.count('article[data-ev-job-uid]')).toBeGreaterThan(0);
  await expect.poll(() => page.attribute('html', 'data-loupe')).toBe('connected');
});

test('a web page cannot message the background as if it were Loupe', async ({ loupe }) => {
  const page = await loupe.openPage('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect.poll(() => page.attribute('html', 'data-loupe')).toBe('connected');
  // Pages have no extension messaging to us without externally_connectable: no channel, or the call fails.
  const outcomes = await page.evaluate(async (origin) => {
    const id = new URL(origin).host;
    type Runtime = { sendMessage?: (id: string, message: unknown) => Promise<unknown> };
    const scope = globalThis as { chrome?: { runtime?: Runtime }; browser?: { runtime?: Runtime } };
    const results: string[] = [];
    for (const runtime of [scope.chrome?.runtime, scope.browser?.runtime]) {
      if (typeof runtime?.sendMessage !== 'function') {
        results.push('no-channel');
        continue;
      }
      try {
        await runtime.sendMessage(id, { loupe: 1, type: 'ping', payload: { from: 'content' } });
        results.push('answered');
      } catch {
        results.push('refused');
      }
    }
    return results;
  }, loupe.extensionOrigin);
  for (const outcome of outcomes) expect(['no-channel', 'refused']).toContain(outcome);
});
