import { messageOf } from '../../helpers/format';
import { ApiError } from '../../upwork/api/errors';
import type { Account } from '../../upwork/model';
import { testConnection } from './connection-test';
import { AuthError, authErrors, toApiError } from './errors';
import { authorizeInWindow, type ClientConfig, refreshTokens } from './oauth';
import { createSecretBox, indexedDbKeyStore } from './sealed';
import { type AccessToken, createTokenStore } from './token-store';
import type { Auth, AuthDeps, AuthStatus } from './types';

const DEFAULT_MARGIN_MS = 5 * 60 * 1000;

/** An account key is `clientId:userId`: the daily budget is the client id's, the data the user's. */
function accountKeyFor(client: ClientConfig | null, account: Account | null): string | null {
  return client && account ? `${client.clientId}:${account.userId}` : null;
}

/** A fresh copy of the account keeps the organization picked before, while the account still has it. */
function withPickedOrganization(fetched: Account, previous: Account | null): Account {
  const picked = previous?.activeOrganizationId;
  return picked && fetched.organizations.some((organization) => organization.id === picked)
    ? { ...fetched, activeOrganizationId: picked }
    : fetched;
}

export function createAuth(deps: AuthDeps): Auth {
  const now = deps.now ?? Date.now;
  const margin = deps.refreshMarginMs ?? DEFAULT_MARGIN_MS;
  const store = createTokenStore(deps.storage, createSecretBox(deps.keys ?? indexedDbKeyStore()), deps.storageChanges);

  /** The worker's copy of the access token; undefined until first read from storage.session. */
  let access: AccessToken | null | undefined;
  let refreshing: Promise<string> | undefined;
  let signingIn: Promise<AuthStatus> | undefined;
  /**
   * Bumped by every user action on the session (a sign-in starting or landing, a sign-out, a new
   * client id), so a sign-in or renewal that finishes afterwards sees it was overtaken and drops
   * its tokens: the latest action wins.
   */
  let generation = 0;
  /** Session writes run one at a time, so a sign-out cannot land between a sign-in's writes. */
  let writing: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = writing.then(work, work);
    writing = run.catch(() => undefined);
    return run;
  }

  async function loadAccess(): Promise<AccessToken | null> {
    if (access !== undefined) return access;
    const stored = await store.getAccess();
    // A renewal may have finished while storage was read: the newer in-memory value wins.
    if (access === undefined) access = stored;
    return access;
  }

  async function saveAccess(next: AccessToken | null): Promise<void> {
    await store.setAccess(next);
    access = next;
  }

  async function isSignedIn(): Promise<boolean> {
    if (!(await store.getAccount())) return false;
    const current = await loadAccess();
    if (current && current.expiresAt > now()) return true;
    return (await store.getRefreshToken()) !== null;
  }

  /** Forgets tokens and account (the API key stays) and lets the cache drop that account's data. */
  async function endSession(message: string | null): Promise<void> {
    generation++;
    signingIn = undefined; // a sign-in still running is overtaken; the next click starts afresh
    const key = await exclusive(async () => {
      const leaving = accountKeyFor(await store.getClient(), await store.getAccount());
      access = null;
      await store.forgetSession();
      await store.setLastError(message);
      return leaving;
    });
    if (key && deps.onSignedOut) {
      try {
        await deps.onSignedOut(key);
      } catch {
        // Clearing the cache is best effort: its entries expire within 24 hours anyway.
      }
    }
  }

  async function notSignedInError(): Promise<ApiError> {
    if (!(await store.getClient())) return new ApiError('unauthorized', authErrors.notConfigured().message);
    const lastError = await store.getLastError();
    return new ApiError('unauthorized', lastError ?? 'Loupe is not signed in to Upwork. Sign in from Loupe’s popup or options page.');
  }

  async function renew(): Promise<string> {
    const startedIn = generation;
    const client = await store.getClient();
    const refreshToken = await store.getRefreshToken();
    if (!client || !refreshToken || !(await store.getAccount())) throw await notSignedInError();
    let tokens: Awaited<ReturnType<typeof refreshTokens>>;
    try {
      tokens = await refreshTokens(deps.fetch, client, refreshToken, deps.getRedirectURL());
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      if (startedIn === generation) {
        if (error.kind === 'session-expired') await endSession(error.message);
        else if (error.kind !== 'network') await store.setLastError(error.message);
      }
      throw toApiError(error);
    }
    const saved = await exclusive(async () => {
      if (startedIn !== generation) return false;
      // Upwork rotates the refresh token: persist the new one BEFORE anyone can use the new access
      // token, so a worker stopped right after this point still holds a refresh token that works.
      await store.setRefreshToken(tokens.refreshToken ?? refreshToken);
      await saveAccess({ token: tokens.accessToken, expiresAt: now() + tokens.expiresInMs });
      await store.setLastError(null);
      return true;
    });
    if (!saved) throw await notSignedInError();
    return tokens.accessToken;
  }

  /** Single flight: every caller that needs a renewal while one runs waits for that same one. */
  function renewShared(): Promise<string> {
    refreshing ??= renew().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function status(): Promise<AuthStatus> {
    const client = await store.getClient();
    const lastError = await store.getLastError();
    const redirectUri = deps.getRedirectURL();
    if (!client) return { state: 'not-configured', account: null, lastError, clientId: null, clientType: null, redirectUri };
    const signedIn = await isSignedIn();
    return {
      state: signedIn ? 'signed-in' : 'signed-out',
      account: signedIn ? await store.getAccount() : null,
      lastError,
      clientId: client.clientId,
      clientType: client.clientSecret ? 'confidential' : 'public',
      redirectUri,
    };
  }

  async function signInOnce(startedIn: number): Promise<AuthStatus> {
    const client = await store.getClient();
    if (!client) throw authErrors.notConfigured();
    const tokens = await authorizeInWindow(deps.fetch, client, deps.getRedirectURL(), (details) => deps.launchWebAuthFlow(details));

    let fetched: Account;
    try {
      fetched = await deps.fetchAccount(tokens.accessToken, client.clientId);
    } catch (error) {
      throw authErrors.accountUnreadable(messageOf(error), error instanceof ApiError && error.kind === 'missing-scope');
    }
    const previous = await store.getAccount();
    const previousKey = accountKeyFor(client, previous);
    // Signing in again as the same person keeps the organization they picked, if it still exists.
    const account = previous?.userId === fetched.userId ? withPickedOrganization(fetched, previous) : fetched;

    await exclusive(async () => {
      // Signed out, or the client id changed, while Upwork's window was open: those tokens are
      // dropped unused (and never saved under the new key).
      if (startedIn !== generation || (await store.getClient())?.clientId !== client.clientId) throw authErrors.overtaken();
      generation++;
      await store.setRefreshToken(tokens.refreshToken);
      await saveAccess({ token: tokens.accessToken, expiresAt: now() + tokens.expiresInMs });
      await store.setAccount(account);
      await store.setLastError(null);
    });
    if (previousKey && previousKey !== accountKeyFor(client, account)) {
      await Promise.resolve(deps.onSignedOut?.(previousKey)).catch(() => undefined);
    }
    return status();
  }

  /**
   * Asks Upwork who the signed-in user is (with the same one-retry-after-401 rule as every other API
   * call) and keeps the answer, with the organization picked before if the account still has it.
   */
  async function refreshAccount(clientId: string): Promise<Account> {
    const token = await auth.getAccessToken();
    let fetched: Account;
    try {
      fetched = await deps.fetchAccount(token, clientId);
    } catch (error) {
      if (!(error instanceof ApiError) || error.kind !== 'unauthorized') throw error;
      fetched = await deps.fetchAccount(await auth.refreshAfterUnauthorized(token), clientId);
    }
    await store.setAccount(withPickedOrganization(fetched, await store.getAccount()));
    return fetched;
  }

  const auth: Auth = {
    redirectUri: () => deps.getRedirectURL(),
    status,

    async getAccessToken() {
      const current = await loadAccess();
      if (current && current.expiresAt - now() > margin) return current.token;
      try {
        return await renewShared();
      } catch (error) {
        // A renewal that failed for a passing reason should not waste a token that still works.
        const stillValid = access && access.expiresAt > now() ? access : null;
        if (stillValid && error instanceof ApiError && error.kind !== 'unauthorized') return stillValid.token;
        throw error;
      }
    },

    async refreshAfterUnauthorized(failedToken) {
      if (refreshing) return refreshing;
      const current = await loadAccess();
      if (refreshing) return refreshing;
      // Someone else already renewed since this caller's request left: use their token.
      if (current && current.token !== failedToken && current.expiresAt > now()) return current.token;
      return renewShared();
    },

    async getTenantId() {
      if (!(await isSignedIn())) return null;
      const account = await store.getAccount();
      const active = account?.activeOrganizationId ?? null;
      // The stored account is re-checked on every use: an organization that is not one of the
      // account's own (storage written behind the worker's back) is never sent to Upwork.
      return active !== null && account?.organizations.some((organization) => organization.id === active) ? active : null;
    },

    async getAccountKey() {
      if (!(await isSignedIn())) return null;
      return accountKeyFor(await store.getClient(), await store.getAccount());
    },

    async configure(settings) {
      const previous = await store.getClient();
      const sameKey = previous?.clientId === settings.clientId;
      const clientSecret = settings.clientSecret || (settings.keepSecret && sameKey ? (previous?.clientSecret ?? null) : null);
      if (previous && !sameKey && (await isSignedIn())) {
        // Tokens belong to the API key that issued them.
        await endSession('Loupe signed you out because the client id changed. Sign in again with the new API key.');
      } else if (!sameKey) {
        generation++; // a sign-in still running belongs to the old key
        signingIn = undefined;
      }
      await exclusive(() => store.setClient({ clientId: settings.clientId, clientSecret }));
      return status();
    },

    async signIn() {
      if (signingIn) return signingIn;
      const startedIn = ++generation;
      const flow: Promise<AuthStatus> = signInOnce(startedIn)
        .catch(async (error: unknown) => {
          // A closed window is the user's own choice, and an overtaken sign-in gave way to the
          // user's later action: neither needs a reminder. Nor does any flow that was overtaken.
          const quiet = error instanceof AuthError && (error.kind === 'window-closed' || error.kind === 'overtaken');
          if (error instanceof AuthError && !quiet && startedIn === generation) await store.setLastError(error.message);
          throw error;
        })
        .finally(() => {
          if (signingIn === flow) signingIn = undefined;
        });
      signingIn = flow;
      return flow;
    },

    async signOut() {
      await endSession(null);
      return status();
    },

    async selectOrganization(organizationId) {
      const account = (await isSignedIn()) ? await store.getAccount() : null;
      if (!account) throw new AuthError('not-configured', 'Sign in with Upwork first, then pick an organization.');
      if (organizationId !== null && !account.organizations.some((organization) => organization.id === organizationId)) {
        throw new AuthError(
          'unknown-organization',
          'That organization is not one of your Upwork account’s organizations. Reopen the list and pick again.',
        );
      }
      await store.setAccount({ ...account, activeOrganizationId: organizationId });
      return status();
    },

    async testConnection() {
      return testConnection({
        fetch: deps.fetch,
        client: await store.getClient(),
        redirectUri: deps.getRedirectURL(),
        signedIn: isSignedIn,
        refreshAccount,
      });
    },
  };
  return auth;
}
