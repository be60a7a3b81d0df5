import { expect, test } from './fixtures';

// Installing, the worker answering the popup, the content script reaching it and a web page's
// messages being refused run in Chromium and Firefox alike: tests/e2e/both/install.spec.ts.

test('the background is the MV3 service worker', async ({ worker }) => {
  expect(worker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
});

test('the extension id is fixed by the development key', async ({ extensionId }) => {
  const { extensionId: expected } = await import('../../config/dev-extension-key.json', { with: { type: 'json' } }).then((m) => m.default);
  expect(extensionId).toBe(expected);
});
