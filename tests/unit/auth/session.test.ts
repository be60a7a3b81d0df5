import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type StorageAreaLike, TOKEN_STORE_KEYS } from '../../../lib/background/auth/token-store';
import { ApiError } from '../../../lib/upwork/api/errors';
import { DAY, REDIRECT, setup, signedIn } from './harness';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );
}

describe('sign-in', () => {
  it('starts unconfigured and says what to do', async () => {
    const { auth } = setup();
    expect((await auth.status()).state).toBe('not-configured');
    expect((await rejection(auth.signIn())).message).toMatch(/Enter your client id in Loupe’s options/);
    const error = await rejection(auth.getAccessToken());
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('unauthorized');
  });

  it('signs in with code + PKCE and remembers who the user is', async () => {
    const { auth, server } = await signedIn();
    const status = await auth.status();
    expect(status).toMatchObject({
      state: 'signed-in',
      clientId: 'loupe-demo',
      clientType: 'public',
      lastError: null,
      redirectUri: REDIRECT,
    });
    expect(status.account?.name).toBe('Ada Lovelace');
    expect(server.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code']);
    // A public client sends no secret; the server checked the verifier against the challenge.
    expect(server.tokenRequests[0]?.params).not.toHaveProperty('client_secret');
    expect(server.tokenRequests[0]?.params.code_verifier).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const token = await auth.getAccessToken();
    expect(server.isAccessTokenValid(token)).toBe(true);
    expect(await auth.getAccountKey()).toBe('loupe-demo:u-1');
    expect(await auth.getTenantId()).toBe('org-ada');
  });

  it('sends the secret of a confidential client, and says “check the client id and secret” when it is wrong', async () => {
    const { auth, server } = setup();
    await auth.configure({ clientId: 'loupe-secret', clientSecret: 'wrong' });
    const error = await rejection(auth.signIn());
    expect(error.message).toMatch(/check the client id and secret/);
    expect((await auth.status()).lastError).toBe(error.message);

    await auth.configure({ clientId: 'loupe-secret', clientSecret: 's3cret-demo' });
    expect((await auth.signIn()).state).toBe('signed-in');
    expect(server.tokenRequests.at(-1)?.params.client_secret).toBe('s3cret-demo');
    // Saving again without typing the secret keeps it when asked to.
    await auth.configure({ clientId: 'loupe-secret', keepSecret: true });
    expect((await auth.status()).clientType).toBe('confidential');
  });

  it('rejects an answer carrying another state, before any code exchange', async () => {
    const { auth, server } = setup();
    await auth.configure({ clientId: 'loupe-demo' });
    server.forgeState('forged-state');
    expect((await rejection(auth.signIn())).message).toMatch(/did not belong to this sign-in attempt/);
    expect(server.tokenRequests).toHaveLength(0);
    expect((await auth.status()).state).toBe('signed-out');
  });

  it('explains a closed window, a denied consent, a refused redirect and a dead network', async () => {
    const { auth, server } = setup({ clients: { 'loupe-demo': {}, 'loupe-fixed': { redirectUri: 'https://elsewhere.example/callback' } } });
    await auth.configure({ clientId: 'loupe-demo' });

    server.setDecision('close');
    expect((await rejection(auth.signIn())).message).toMatch(/window was closed before sign-in finished/);
    // Closing the window was the user's choice: it is not kept as an error to show later.
    expect((await auth.status()).lastError).toBeNull();

    server.setDecision('deny');
    expect((await rejection(auth.signIn())).message).toMatch(/declined Loupe’s access.*sign in again/);

    server.setDecision('approve');
    server.setNetworkDown(true);
    expect((await rejection(auth.signIn())).message).toMatch(/could not reach Upwork/);
    server.setNetworkDown(false);

    await auth.configure({ clientId: 'loupe-fixed' });
    const mismatch = await rejection(auth.signIn());
    expect(mismatch.message).toMatch(/callback URL to exactly this address/);
    expect(mismatch.message.endsWith(REDIRECT)).toBe(true);
    expect((await auth.status()).state).toBe('signed-out');
  });

  it('says which scope to add when the account cannot be read for lack of one, and keeps no tokens', async () => {
    const { auth } = setup({
      fetchAccount: async () => {
        throw new ApiError('missing-scope', 'Your API key lacks permission to read: User.name.');
      },
    });
    await auth.configure({ clientId: 'loupe-demo' });
    const error = await rejection(auth.signIn());
    expect(error.message).toMatch(
      /could not read your account: Your API key lacks permission to read: User\.name\. Add the pub-commons:read:all scope/,
    );
    expect((await auth.status()).state).toBe('signed-out');
    expect(await fakeBrowser.storage.local.get(TOKEN_STORE_KEYS.refresh)).toEqual({});
  });

  it('keeps the chosen organization when the same person signs in again', async () => {
    const { auth } = await signedIn();
    await auth.selectOrganization('org-agency');
    await auth.signIn();
    expect(await auth.getTenantId()).toBe('org-agency');
    await expect(auth.selectOrganization('org-someone-else')).rejects.toThrow(/not one of your Upwork account’s organizations/);
  });
});

describe('access tokens', () => {
  it('hands out the stored token until five minutes before expiry, then renews', async () => {
    const { auth, server, advance } = await signedIn();
    const first = await auth.getAccessToken();
    advance(DAY - 6 * 60_000);
    expect(await auth.getAccessToken()).toBe(first);
    advance(2 * 60_000);
    const second = await auth.getAccessToken();
    expect(second).not.toBe(first);
    expect(server.isAccessTokenValid(second)).toBe(true);
    expect(server.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code', 'refresh_token']);
  });

  it('renews once for ten concurrent callers', async () => {
    const { auth, server, advance } = await signedIn({ latencyMs: 20 });
    advance(DAY + 1);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(server.isAccessTokenValid(tokens[0] as string)).toBe(true);
    expect(server.tokenRequests.filter((request) => request.grantType === 'refresh_token')).toHaveLength(1);
  });

  it('after a 401, renews once for everyone who held the failed token', async () => {
    const { auth, server } = await signedIn({ latencyMs: 20 });
    const failed = await auth.getAccessToken();
    const renewed = await Promise.all(Array.from({ length: 10 }, () => auth.refreshAfterUnauthorized(failed)));
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(failed);
    // A straggler reporting the same old token gets the new one without another request.
    expect(await auth.refreshAfterUnauthorized(failed)).toBe(renewed[0]);
    expect(server.tokenRequests.filter((request) => request.grantType === 'refresh_token')).toHaveLength(1);
  });

  it('saves the rotated refresh token before handing out the new access token', async () => {
    const writes: string[] = [];
    let failRefreshWrite = false;
    const recording = (area: StorageAreaLike): StorageAreaLike => ({
      get: (keys) => area.get(keys),
      remove: (keys) => area.remove(keys),
      set: async (items) => {
        if (failRefreshWrite && TOKEN_STORE_KEYS.refresh in items) throw new Error('disk full');
        writes.push(...Object.keys(items));
        await area.set(items);
      },
    });
    const { auth, server, advance, build } = await signedIn({
      local: recording(fakeBrowser.storage.local),
      session: recording(fakeBrowser.storage.session),
    });
    advance(DAY);
    writes.length = 0;
    const renewed = await auth.getAccessToken();
    expect(writes.indexOf(TOKEN_STORE_KEYS.refresh)).toBeGreaterThanOrEqual(0);
    expect(writes.indexOf(TOKEN_STORE_KEYS.refresh)).toBeLessThan(writes.indexOf(TOKEN_STORE_KEYS.access));

    // The server rotated: only the newest refresh token works, and a restarted worker has it.
    expect(server.liveRefreshTokens()).toHaveLength(1);
    advance(DAY);
    const afterRestart = await build().getAccessToken();
    expect(afterRestart).not.toBe(renewed);
    expect(server.isAccessTokenValid(afterRestart)).toBe(true);

    // When the rotated token cannot be saved, nobody gets the new access token.
    failRefreshWrite = true;
    advance(DAY);
    const restarted = build();
    await expect(restarted.getAccessToken()).rejects.toThrow('disk full');
  });

  it('keeps using a still-valid token when an early renewal hits a network failure', async () => {
    const { auth, server, advance } = await signedIn();
    const current = await auth.getAccessToken();
    advance(DAY - 60_000);
    server.setNetworkDown(true);
    expect(await auth.getAccessToken()).toBe(current);
    advance(2 * 60_000);
    const error = await rejection(auth.getAccessToken());
    expect((error as ApiError).kind).toBe('network');
    expect((await auth.status()).state).toBe('signed-in');
  });

  it('lands signed out, with the reason, when Upwork says the refresh token expired (invalid_grant)', async () => {
    const { auth, server, advance, signedOut } = await signedIn({ latencyMs: 10 });
    server.revokeRefreshTokens();
    advance(DAY);
    const errors = await Promise.all(Array.from({ length: 5 }, () => rejection(auth.getAccessToken())));
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).kind).toBe('unauthorized');
      expect(error.message).toMatch(/about two weeks without use.*Sign in again/);
    }
    expect(server.tokenRequests.filter((request) => request.grantType === 'refresh_token')).toHaveLength(1);
    const status = await auth.status();
    expect(status.state).toBe('signed-out');
    expect(status.account).toBeNull();
    expect(status.lastError).toMatch(/Sign in again/);
    expect(signedOut).toEqual(['loupe-demo:u-1']);
    expect(await auth.getAccountKey()).toBeNull();
    // No more renewal attempts once signed out.
    await expect(auth.getAccessToken()).rejects.toThrow(/Sign in again/);
    expect(server.tokenRequests.filter((request) => request.grantType === 'refresh_token')).toHaveLength(1);
  });

  it('drops a renewal that finishes after the user signed out', async () => {
    const { auth, advance } = await signedIn({ latencyMs: 30 });
    advance(DAY);
    const pending = auth.getAccessToken();
    await auth.signOut();
    expect(((await rejection(pending)) as ApiError).kind).toBe('unauthorized');
    expect((await auth.status()).state).toBe('signed-out');
    expect(await fakeBrowser.storage.local.get(TOKEN_STORE_KEYS.refresh)).toEqual({});
  });
});

describe('sign-out and key changes', () => {
  it('forgets tokens and account, tells the cache, keeps the API key', async () => {
    const { auth, signedOut } = await signedIn();
    const status = await auth.signOut();
    expect(status).toMatchObject({ state: 'signed-out', account: null, clientId: 'loupe-demo', lastError: null });
    expect(signedOut).toEqual(['loupe-demo:u-1']);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    await expect(auth.getAccessToken()).rejects.toBeInstanceOf(ApiError);
    expect(await auth.getTenantId()).toBeNull();
  });

  it('signs out when the client id changes: the tokens belong to the old key', async () => {
    const { auth, signedOut } = await signedIn();
    const status = await auth.configure({ clientId: 'loupe-secret', clientSecret: 's3cret-demo' });
    expect(status.state).toBe('signed-out');
    expect(status.lastError).toMatch(/client id changed/);
    expect(signedOut).toEqual(['loupe-demo:u-1']);
  });
});

describe('connection test', () => {
  it('checks the token endpoint, the authorize page and, when signed in, the account', async () => {
    const { auth } = await signedIn();
    const report = await auth.testConnection();
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => [check.check, check.outcome])).toEqual([
      ['token-endpoint', 'passed'],
      ['authorize-page', 'passed'],
      ['account', 'passed'],
    ]);
    expect(report.checks[2]?.message).toMatch(/Ada Lovelace/);
  });

  it('renews once when Upwork rejects the token early, even for several tests at once', async () => {
    const { auth, server } = await signedIn({ latencyMs: 10 });
    server.expireAccessTokens();
    const reports = await Promise.all(Array.from({ length: 4 }, () => auth.testConnection()));
    for (const report of reports) expect(report.checks.find((check) => check.check === 'account')?.outcome).toBe('passed');
    expect(server.tokenRequests.filter((request) => request.grantType === 'refresh_token')).toHaveLength(1);
  });

  it('names what is wrong: a bad secret, an unregistered redirect', async () => {
    const { auth } = setup({
      clients: { 'loupe-secret': { secret: 's3cret-demo' }, 'loupe-fixed': { redirectUri: 'https://x.example/' } },
    });
    await auth.configure({ clientId: 'loupe-secret', clientSecret: 'nope' });
    let report = await auth.testConnection();
    expect(report.ok).toBe(false);
    expect(report.checks[0]?.message).toMatch(/check the client id and secret/);
    expect(report.checks[2]?.outcome).toBe('skipped');

    await auth.configure({ clientId: 'loupe-fixed' });
    report = await auth.testConnection();
    expect(report.checks.find((check) => check.check === 'authorize-page')?.message).toContain(REDIRECT);
  });
});
