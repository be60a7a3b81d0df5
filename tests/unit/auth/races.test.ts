/**
 * Signing out or changing the client id while a sign-in runs must stick.
 * The sign-in is held between Upwork's answer and the account lookup, the user acts, then it goes on.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AuthError } from '../../../lib/background/auth/errors';
import { TOKEN_STORE_KEYS } from '../../../lib/background/auth/token-store';
import type { Account } from '../../../lib/upwork/model';
import { ACCOUNT, setup } from './harness';

/** An account lookup that waits until released, so the test can act while a sign-in is in flight. */
function heldLookup() {
  const waiting: Array<() => void> = [];
  let held = true;
  return {
    fetchAccount: async (): Promise<Account> => {
      if (held) await new Promise<void>((resolve) => waiting.push(resolve));
      return ACCOUNT;
    },
    /** Resolves once a sign-in is parked in the lookup. */
    parked: async () => {
      while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    },
    release: () => {
      held = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

/** A configured key and a sign-in parked in its account lookup; the test acts, then releases it. */
async function heldSignIn() {
  const lookup = heldLookup();
  const { auth, server } = setup({ fetchAccount: lookup.fetchAccount });
  await auth.configure({ clientId: 'loupe-demo' });
  const signingIn = auth.signIn();
  await lookup.parked();
  return { auth, server, signingIn, release: lookup.release };
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => error,
  );
}

describe('sign-in races: the latest user action wins', () => {
  it('a sign-out during a sign-in stays signed out, keeps no token and shows no error', async () => {
    const { auth, server, signingIn, release } = await heldSignIn();
    await auth.signOut();
    release();
    const result = await outcome(signingIn);
    expect(result).toBeInstanceOf(AuthError);
    expect((result as AuthError).kind).toBe('overtaken');
    expect(await auth.status()).toMatchObject({ state: 'signed-out', account: null, lastError: null });
    expect(await fakeBrowser.storage.local.get(TOKEN_STORE_KEYS.refresh)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await auth.getAccountKey()).toBeNull();
    // The code was exchanged, but nothing it brought is kept.
    expect(server.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code']);
  });

  it('a new client id during a sign-in keeps the old key’s tokens out of the new key', async () => {
    const { auth, signingIn, release } = await heldSignIn();
    await auth.configure({ clientId: 'loupe-secret', clientSecret: 's3cret-demo' });
    release();
    expect(((await outcome(signingIn)) as AuthError).kind).toBe('overtaken');
    expect(await auth.status()).toMatchObject({ state: 'signed-out', clientId: 'loupe-secret', account: null });
    expect(await fakeBrowser.storage.local.get(TOKEN_STORE_KEYS.refresh)).toEqual({});
  });

  it('saving the same client id again does not stop a sign-in', async () => {
    const { auth, signingIn, release } = await heldSignIn();
    await auth.configure({ clientId: 'loupe-demo' });
    release();
    expect((await signingIn).state).toBe('signed-in');
  });

  it('signing in again after a sign-out starts a fresh sign-in, which is the one that counts', async () => {
    const { auth, server, signingIn: first, release } = await heldSignIn();
    await auth.signOut();
    const second = auth.signIn();
    release();
    expect(((await outcome(first)) as AuthError).kind).toBe('overtaken');
    expect((await second).state).toBe('signed-in');
    expect(await auth.status()).toMatchObject({ state: 'signed-in', lastError: null });
    expect(server.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code', 'authorization_code']);
  });

  it('two clicks on “Sign in” while one runs share that one sign-in', async () => {
    const lookup = heldLookup();
    const { auth, server } = setup({ fetchAccount: lookup.fetchAccount });
    await auth.configure({ clientId: 'loupe-demo' });
    const first = auth.signIn();
    const second = auth.signIn();
    lookup.release();
    expect((await first).state).toBe('signed-in');
    expect((await second).state).toBe('signed-in');
    expect(server.tokenRequests).toHaveLength(1);
  });
});

describe('the stored account, changed behind the worker’s back', () => {
  it('never acts as an organization that is not one of the account’s own', async () => {
    const { auth } = setup();
    await auth.configure({ clientId: 'loupe-demo' });
    await auth.signIn();
    expect(await auth.getTenantId()).toBe('org-ada');
    const stored = (await fakeBrowser.storage.local.get(TOKEN_STORE_KEYS.account))[TOKEN_STORE_KEYS.account] as Account;
    await fakeBrowser.storage.local.set({ [TOKEN_STORE_KEYS.account]: { ...stored, activeOrganizationId: 'org-of-someone-else' } });
    expect(await auth.getTenantId()).toBeNull();
  });
});
