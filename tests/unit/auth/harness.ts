/** Builds a real auth instance over WXT's fake storage and the in-process OAuth server. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { indexedDbKeyStore } from '../../../lib/background/auth/sealed';
import { createAuth } from '../../../lib/background/auth/session';
import type { StorageAreaLike } from '../../../lib/background/auth/token-store';
import { ApiError } from '../../../lib/upwork/api/errors';
import type { Account } from '../../../lib/upwork/model';
import { createFakeUpworkOAuth, type FakeClient } from './fake-upwork-oauth';

export const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
export const DAY = 86_400_000;
export const ACCOUNT: Account = {
  userId: 'u-1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  photoUrl: null,
  organizations: [
    { id: 'org-ada', title: 'Ada Lovelace', typeTitle: 'Freelancer' },
    { id: 'org-agency', title: 'Analytical Engines Ltd', typeTitle: 'Agency' },
  ],
  activeOrganizationId: 'org-ada',
};

let databaseSerial = 0;

export interface SetupOptions {
  clients?: Record<string, FakeClient>;
  latencyMs?: number;
  local?: StorageAreaLike;
  session?: StorageAreaLike;
  /** Replaces the account lookup (by default: Ada, for any live token). */
  fetchAccount?: (accessToken: string) => Promise<Account>;
}

export function setup(options: SetupOptions = {}) {
  let clock = 1_700_000_000_000;
  const server = createFakeUpworkOAuth({
    clients: options.clients ?? { 'loupe-demo': {}, 'loupe-secret': { secret: 's3cret-demo' } },
    latencyMs: options.latencyMs,
    now: () => clock,
  });
  const signedOut: string[] = [];
  const keys = indexedDbKeyStore(`loupe-auth-session-test-${++databaseSerial}`);
  /** A new instance over the same storage and key database: what a restarted worker gets. */
  // Like Upwork's API: only a live token gets an answer.
  const liveTokenAccount = async (accessToken: string): Promise<Account> => {
    if (!server.isAccessTokenValid(accessToken)) throw new ApiError('unauthorized', 'HTTP 401');
    return ACCOUNT;
  };
  const build = () =>
    createAuth({
      fetch: server.fetch,
      launchWebAuthFlow: server.launchWebAuthFlow,
      getRedirectURL: () => REDIRECT,
      storage: { local: options.local ?? fakeBrowser.storage.local, session: options.session ?? fakeBrowser.storage.session },
      storageChanges: (listener) => fakeBrowser.storage.onChanged.addListener((changes, area) => listener(area, Object.keys(changes))),
      keys,
      now: () => clock,
      fetchAccount: options.fetchAccount ?? liveTokenAccount,
      onSignedOut: (accountKey) => {
        signedOut.push(accountKey);
      },
    });
  return {
    server,
    auth: build(),
    build,
    signedOut,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

export async function signedIn(options: SetupOptions = {}) {
  const context = setup(options);
  await context.auth.configure({ clientId: 'loupe-demo' });
  await context.auth.signIn();
  return context;
}
