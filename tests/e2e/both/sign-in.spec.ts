import type { Sandbox } from '../../../sandbox/server';
import { TOKEN_PATH } from '../support/security';
import { expect, test } from './fixtures';
import { openSignedIn, saveKey, startSignIn, testId } from './steps';

/**
 * "Sign in with Upwork" in each browser with its own build, against the sandbox's OAuth server:
 * identity.launchWebAuthFlow opens the sandbox's authorize page at this browser's redirect URI
 * (chromiumapp.org, extensions.allizom.org), the background exchanges the code and asks the
 * sandbox's GraphQL API who signed in, and a restarted background keeps the session.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function successfulTokenRequests(sandbox: Sandbox) {
  return sandbox.requestLog.filter((entry) => entry.path === TOKEN_PATH && entry.status === 200);
}

test('signs in from the options page; the popup shows who and which organization, and can switch and sign out', async ({
  loupe,
  sandbox,
}) => {
  const options = await loupe.openExtensionPage('options.html');
  await expect.poll(() => options.attribute(testId('auth-state'), 'data-state')).toBe('not-configured');
  await expect.poll(() => options.text(testId('redirect-uri'))).toMatch(loupe.redirectUriPattern);

  // A malformed client id is explained next to the field and never saved.
  await options.fill(testId('client-id-input'), 'has spaces in it');
  await options.click(testId('save-credentials'));
  await expect.poll(() => options.text(testId('client-id-error'))).toContain('no spaces');
  expect(await options.attribute(testId('auth-state'), 'data-state')).toBe('not-configured');

  await saveKey(options, 'loupe-demo');
  await options.click(testId('sign-in'));
  const user = sandbox.dataset.user;
  await expect.poll(() => options.text(testId('account-name'))).toContain(user.name);

  const popup = await loupe.openExtensionPage('popup.html');
  await expect.poll(() => popup.text(testId('account-name'))).toBe(user.name);
  const picker = testId('organization-select');
  const [first, second] = user.organizations;
  expect(await popup.attributes(`${picker} option`, 'value')).toEqual(expect.arrayContaining(user.organizations.map((o) => o.id)));
  // Upwork's default organization: named when the account lookup reports it, "Default organization" when it is left implicit.
  expect(await popup.text(`${picker} option:checked`)).toMatch(new RegExp(`^(${escapeRegExp(first?.name ?? '')}|Default organization)`));

  await popup.select(picker, second?.id ?? '');
  await expect
    .poll(() => popup.evaluate((selector) => document.querySelector<HTMLSelectElement>(selector)?.value, picker))
    .toBe(second?.id);
  await expect
    .poll(() => popup.send('auth.status', {}))
    .toMatchObject({ ok: true, data: { state: 'signed-in', accountName: user.name, organizationName: second?.name } });

  // Upwork has no revoke endpoint: the user is told where to end the access on Upwork's side.
  await expect.poll(() => popup.text(testId('sign-out-note'))).toContain('API Center');
  await popup.click(testId('sign-out'));
  await expect.poll(() => popup.attribute(testId('auth-state'), 'data-state')).toBe('signed-out');
  expect(await popup.count(testId('account-name'))).toBe(0);
  // Signing in again from the popup works too (the sandbox approves at once).
  await popup.click(testId('sign-in'));
  await expect.poll(() => popup.text(testId('account-name'))).toBe(user.name);
});

test('a stopped and restarted background is still signed in, and renews with the sealed refresh token', async ({ loupe, sandbox }) => {
  const popup = await openSignedIn(loupe, 'popup.html');
  await expect.poll(() => popup.count(testId('account-name'))).toBe(1);
  await loupe.restartBackground();

  sandbox.expireAccessTokens();
  sandbox.clearLog();
  expect(await popup.send('auth.testConnection', {})).toMatchObject({ ok: true, data: { ok: true } });
  expect(successfulTokenRequests(sandbox)).toHaveLength(1);
  await popup.reload();
  await expect.poll(() => popup.text(testId('account-name'))).toBe(sandbox.dataset.user.name);
});

test.describe('with Upwork’s consent page', () => {
  test.use({ consentPage: true });

  test('approving signs in', async ({ loupe, sandbox }) => {
    const { options, consent } = await startSignIn(loupe);
    await consent.click(testId('oauth-approve'));
    await expect.poll(() => options.text(testId('account-name'))).toContain(sandbox.dataset.user.name);
  });

  test('denying is explained, with the way back', async ({ loupe }) => {
    const { options, consent } = await startSignIn(loupe);
    await consent.click(testId('oauth-deny'));
    await expect.poll(() => options.text(testId('auth-error'))).toContain('You declined Loupe’s access');
    expect(await options.attribute(testId('auth-state'), 'data-state')).toBe('signed-out');
  });

  test('closing the window is explained, with the way back', async ({ loupe }) => {
    const { options, consent } = await startSignIn(loupe);
    await consent.close();
    await expect.poll(() => options.text(testId('auth-error'))).toContain('The Upwork sign-in window was closed');
    await expect
      .poll(() => options.evaluate((selector) => document.querySelector<HTMLButtonElement>(selector)?.disabled, testId('sign-in')))
      .toBe(false);
  });
});
