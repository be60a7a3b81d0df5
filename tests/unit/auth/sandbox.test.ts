/**
 * The real auth module against the real sandbox (Upwork's OAuth and GraphQL, imitated over HTTPS):
 * PKCE, secret checks, refresh-token rotation, revocation and the `Me` lookup, with no fakes in
 * between. Only the browser's sign-in window is played here, by following the authorize redirect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lookUpAccount } from '../../../lib/background/auth/account-lookup';
import { indexedDbKeyStore } from '../../../lib/background/auth/sealed';
import { createAuth } from '../../../lib/background/auth/session';
import { createRequestQueue, createThrottle, memoryQueueStorage } from '../../../lib/background/queue';
import { queuedAccountLookup } from '../../../lib/background/requests';
import { createGraphQLClient } from '../../../lib/upwork/api/client';
import { ApiError } from '../../../lib/upwork/api/errors';
import { meOperation } from '../../../lib/upwork/api/operations';
import { sandboxFetch } from '../../../sandbox/client';
import { type Sandbox, startSandbox } from '../../../sandbox/server';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
let sandbox: Sandbox;
let serial = 0;

beforeAll(async () => {
  // A generous rate limit: these tests are about sign-in, not about Loupe's throttle.
  sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1_000 });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => {
  sandbox.clearLog();
  sandbox.resetFaults();
});

function build(fetchAccount?: Parameters<typeof createAuth>[0]['fetchAccount']) {
  const fetch = (input: string | URL | Request, init?: RequestInit) => sandboxFetch(sandbox, input, init);
  const signedOut: string[] = [];
  const auth = createAuth({
    fetch,
    // The sign-in window: the auto-approving sandbox answers with a redirect to the callback, or an error page.
    launchWebAuthFlow: async ({ url }) => {
      const response = await sandboxFetch(sandbox, url);
      const location = response.headers.get('location');
      if (response.status === 302 && location?.startsWith(REDIRECT)) return location;
      throw new Error('The user did not approve access.');
    },
    getRedirectURL: () => REDIRECT,
    storage: { local: fakeBrowser.storage.local, session: fakeBrowser.storage.session },
    keys: indexedDbKeyStore(`loupe-auth-sandbox-test-${++serial}`),
    fetchAccount: fetchAccount ?? lookUpAccount(fetch),
    onSignedOut: (key) => {
      signedOut.push(key);
    },
  });
  const api = createGraphQLClient({ fetch, tokens: auth });
  return { auth, api, signedOut };
}

const tokenRequests = () => sandbox.requestLog.filter((entry) => entry.path === '/api/v3/oauth2/token');

describe('sign-in against the sandbox', () => {
  it('counts sign-in’s account lookup and every connection test against the key’s budget, through the throttle', async () => {
    const storage = memoryQueueStorage();
    const throttle = createThrottle({ storage });
    const fetch = (input: string | URL | Request, init?: RequestInit) => sandboxFetch(sandbox, input, init);
    const lookup = queuedAccountLookup(fetch, (clientId) =>
      createRequestQueue({ accountKey: `${clientId}:sign-in`, budgetKey: clientId, storage, throttle }),
    );
    const { auth } = build(lookup);
    await auth.configure({ clientId: 'loupe-demo' });
    expect((await auth.signIn()).state).toBe('signed-in');
    const tests = await Promise.all([auth.testConnection(), auth.testConnection()]);
    expect(tests.every((result) => result.ok)).toBe(true);
    const graphql = sandbox.requestLog.filter((entry) => entry.path === '/graphql');
    // What Upwork received is what Loupe counted: one lookup at sign-in, one per test (none shared).
    expect(graphql).toHaveLength(3);
    expect(throttle.daily('loupe-demo', Date.now()).count).toBe(3);
  });

  it('signs in with the public demo key and reads the account and its organizations', async () => {
    const { auth } = build();
    await auth.configure({ clientId: 'loupe-demo' });
    const status = await auth.signIn();
    expect(status.state).toBe('signed-in');
    expect(status.account?.name).toBe(sandbox.dataset.user.name);
    expect(status.account?.organizations.map((organization) => organization.id)).toEqual(
      expect.arrayContaining(sandbox.dataset.user.organizations.map((organization) => organization.id)),
    );
    // The default organization is named, so the popup can say which one Loupe acts as.
    expect(status.account?.activeOrganizationId).toBe(sandbox.dataset.user.organizations[0]?.id);
    expect(await auth.getAccountKey()).toBe(`loupe-demo:${sandbox.dataset.user.id}`);
  });

  it('sends the secret for the confidential key, and explains a wrong one', async () => {
    const { auth } = build();
    await auth.configure({ clientId: 'loupe-secret', clientSecret: 'not-the-secret' });
    await expect(auth.signIn()).rejects.toThrow(/check the client id and secret/);
    await auth.configure({ clientId: 'loupe-secret', clientSecret: 's3cret-demo' });
    expect((await auth.signIn()).state).toBe('signed-in');
  });

  it('names the redirect URI to register when the key has another callback URL', async () => {
    sandbox.dataset.oauthClients.push({
      clientId: 'loupe-fixed-callback',
      name: 'Key with a web callback',
      secret: null,
      redirectUris: ['https://example.org/callback'],
      acceptExtensionRedirects: false,
      scopes: ['pub-commons:read:all'],
    });
    const { auth } = build();
    await auth.configure({ clientId: 'loupe-fixed-callback' });
    const error = await auth.signIn().catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(/callback URL to exactly this address/);
    expect((error as Error).message.endsWith(REDIRECT)).toBe(true);
    const report = await auth.testConnection();
    expect(report.checks.find((check) => check.check === 'authorize-page')?.outcome).toBe('failed');
  });

  it('explains an unknown client id', async () => {
    const { auth } = build();
    await auth.configure({ clientId: 'no-such-key' });
    await expect(auth.signIn()).rejects.toThrow(/check the client id and secret/);
  });
});

describe('tokens against the sandbox', () => {
  it('refreshes once when the access token is rejected while several calls wait', async () => {
    const { auth, api } = build();
    await auth.configure({ clientId: 'loupe-demo' });
    await auth.signIn();
    sandbox.expireAccessTokens();
    sandbox.clearLog();
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.execute(meOperation())));
    expect(answers).toHaveLength(5);
    expect(tokenRequests()).toHaveLength(1);
    // The rotated refresh token was kept: a second forced expiry renews again.
    sandbox.expireAccessTokens();
    await api.execute(meOperation());
    expect(tokenRequests()).toHaveLength(2);
  });

  it('lands signed out, with the reason, when the refresh token is revoked', async () => {
    const { auth, api, signedOut } = build();
    await auth.configure({ clientId: 'loupe-demo' });
    await auth.signIn();
    sandbox.revokeRefreshTokens();
    sandbox.expireAccessTokens();
    const error = await api.execute(meOperation()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('unauthorized');
    const status = await auth.status();
    expect(status.state).toBe('signed-out');
    expect(status.lastError).toMatch(/Sign in again/);
    expect(signedOut).toEqual([`loupe-demo:${sandbox.dataset.user.id}`]);
  });

  it('the connection test passes for a signed-in demo key', async () => {
    const { auth } = build();
    await auth.configure({ clientId: 'loupe-demo' });
    await auth.signIn();
    const report = await auth.testConnection();
    expect(report.checks.map((check) => check.outcome)).toEqual(['passed', 'passed', 'passed']);
  });
});
