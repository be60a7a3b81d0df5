/**
 * "Sign in with Upwork" in real Chromium with the built extension, against the sandbox's OAuth
 * server: launchWebAuthFlow opens the sandbox's authorize page, the worker exchanges the code and
 * asks the sandbox's GraphQL API who signed in. Signing in through the options page, the consent
 * page approved, denied and closed, and a restarted background keeping the session run in
 * Chromium and Firefox alike: tests/e2e/both/sign-in.spec.ts. Here: what goes wrong, and tokens.
 */
import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { collectTokens, TOKEN_PATH } from './support/security';

async function saveKey(page: Page, clientId: string, secret?: string): Promise<void> {
  await page.getByTestId('client-id-input').fill(clientId);
  if (secret !== undefined) await page.getByTestId('client-secret-input').fill(secret);
  await page.getByTestId('save-credentials').click();
  await expect(page.getByTestId('auth-notice')).toHaveText('API key saved.');
}

function successfulTokenRequests(sandbox: Sandbox) {
  return sandbox.requestLog.filter((entry) => entry.path === TOKEN_PATH && entry.status === 200);
}

test('a wrong client secret is explained as such', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  await saveKey(options, 'loupe-secret', 'not-the-secret');
  await options.getByTestId('sign-in').click();
  await expect(options.getByTestId('auth-error')).toContainText('check the client id and secret');
  await expect(options.getByTestId('auth-state')).toHaveAttribute('data-state', 'signed-out');

  await saveKey(options, 'loupe-secret', 's3cret-demo');
  await options.getByTestId('sign-in').click();
  await expect(options.getByTestId('account-name')).toBeVisible();
  await expect(options.getByTestId('auth-error')).toHaveText('');
});

test('a key registered with another callback URL shows the exact redirect URI to register', async ({
  context,
  openExtensionPage,
  extensionId,
  sandbox,
}) => {
  const clientId = `loupe-web-callback-${Date.now()}`;
  sandbox.dataset.oauthClients.push({
    clientId,
    name: 'A key made for a website',
    secret: null,
    redirectUris: ['https://example.org/oauth/callback'],
    acceptExtensionRedirects: false,
    scopes: ['pub-commons:read:all'],
  });
  const options = await openExtensionPage('options.html');
  await saveKey(options, clientId);
  // Should a Chromium version show Upwork's error page in the sign-in window, the user closes it.
  const closeAuthWindow = (page: Page) => void page.close();
  context.on('page', closeAuthWindow);
  await options.getByTestId('sign-in').click();
  // Chromium fails the flow at once on an HTTP error page ("Authorization page could not be
  // loaded."); Loupe then asks the authorize URL itself to name the cause.
  const redirectUri = `https://${extensionId}.chromiumapp.org/`;
  await expect(options.getByTestId('auth-error')).toContainText(`callback URL to exactly this address, then sign in again: ${redirectUri}`);
  context.off('page', closeAuthWindow);

  await options.getByTestId('test-connection').click();
  await expect(options.getByTestId('connection-results').locator('[data-outcome="failed"]')).toContainText(redirectUri);
});

test('an access token Upwork stops accepting is renewed once while several calls wait', async ({ openExtensionPage, signIn, sandbox }) => {
  await signIn();
  const options = await openExtensionPage('options.html');
  sandbox.expireAccessTokens();
  sandbox.clearLog();
  const replies = await Promise.all(Array.from({ length: 4 }, () => sendFromExtensionPage(options, 'auth.testConnection', {})));
  for (const reply of replies) {
    expect(reply).toMatchObject({ ok: true, data: { ok: true } });
  }
  expect(successfulTokenRequests(sandbox)).toHaveLength(1);
  const graphql = sandbox.requestLog.filter((entry) => entry.path === '/graphql');
  expect(graphql.filter((entry) => entry.status === 401).length).toBeGreaterThanOrEqual(1);
  // Each test asks for the account (Me) once; the scope probe beside it (one tiny job search and one
  // profile lookup) is shared by the four waiting tests.
  const answered = graphql.filter((entry) => entry.status === 200);
  expect(answered.filter((entry) => entry.operationName === 'Me')).toHaveLength(4);
  expect(answered.filter((entry) => entry.operationName !== 'Me').length).toBeLessThanOrEqual(2);
});

test('a revoked refresh token lands signed out, with the reason, in the popup', async ({ openExtensionPage, signIn, sandbox }) => {
  await signIn();
  sandbox.revokeRefreshTokens();
  sandbox.expireAccessTokens();
  const options = await openExtensionPage('options.html');
  const reply = (await sendFromExtensionPage(options, 'auth.testConnection', {})) as {
    data: { checks: { check: string; outcome: string }[] };
  };
  expect(reply.data.checks.find((check) => check.check === 'account')?.outcome).toBe('failed');

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('auth-state')).toHaveAttribute('data-state', 'signed-out');
  await expect(popup.getByTestId('auth-error')).toContainText('about two weeks without use');
  await expect(popup.getByTestId('auth-error')).toContainText('Sign in again');
  await expect(popup.getByTestId('sign-in')).toBeVisible();
});

test('no reply, page or readable storage holds a token or the secret', async ({ context, worker, openExtensionPage }) => {
  // The service worker's own traffic, as Playwright sees it: the only place tokens should appear.
  const secrets = collectTokens(context, ['s3cret-demo']);
  const options = await openExtensionPage('options.html');
  await saveKey(options, 'loupe-secret', 's3cret-demo');
  await options.getByTestId('sign-in').click();
  await expect(options.getByTestId('account-name')).toBeVisible();
  await options.getByTestId('test-connection').click();
  await expect(options.getByTestId('connection-results')).toContainText('signed in as');
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('account-name')).toBeVisible();
  expect(secrets.size).toBeGreaterThanOrEqual(3);

  const replies = [];
  for (const type of ['auth.status', 'auth.details', 'auth.redirectUri', 'auth.testConnection', 'auth.signIn']) {
    replies.push(await sendFromExtensionPage(popup, type, {}));
  }
  replies.push(await sendFromExtensionPage(popup, 'auth.getToken', {}));
  expect(replies.at(-1)).toMatchObject({ ok: false, error: { code: 'unknown-message' } });

  // storage.local is readable by content scripts in Chrome: tokens and the secret must be sealed there.
  const stored = await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: Record<string, { get(keys: null): Promise<unknown> }> } }).chrome.storage;
    return JSON.stringify([await api.local?.get(null), await api.session?.get(null)]);
  });
  const visible = [JSON.stringify(replies), await popup.content(), await options.content(), stored].join('\n');
  for (const secret of secrets) expect(visible).not.toContain(secret);
  expect(stored).toContain('loupe-secret');
});
