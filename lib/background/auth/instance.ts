import { browser } from 'wxt/browser';
import type { Account } from '../../upwork/model';
import { loggedTokenFetch } from '../request-log/instance';
import { workerAccountLookup } from '../requests';
import { createAuth } from './session';
import type { Auth, AuthDeps } from './types';

/**
 * What the worker may plug in from other modules: the cache's per-account clear, and (optionally)
 * another `Me` lookup than the default one through the request queue.
 */
export interface AuthWiring {
  fetchAccount?(accessToken: string, clientId: string): Promise<Account>;
  onSignedOut?(accountKey: string): Promise<void> | void;
}

const wiring: AuthWiring = {};
let instance: Auth | undefined;

/** Called once from the worker's start-up, before any message can arrive. */
export function wireAuth(parts: AuthWiring): void {
  Object.assign(wiring, parts);
}

/** The worker's single sign-in instance, built on first use from the real browser APIs. */
export function getAuth(): Auth {
  if (instance) return instance;
  const queuedLookup = workerAccountLookup();
  const deps: AuthDeps = {
    // Token requests go to the request log too (the account lookup's client logs its own).
    fetch: loggedTokenFetch((input, init) => fetch(input, init)),
    launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
    getRedirectURL: () => browser.identity.getRedirectURL(),
    storage: { local: browser.storage.local, session: browser.storage.session },
    storageChanges: (listener) => browser.storage.onChanged.addListener((changes, area) => listener(area, Object.keys(changes))),
    fetchAccount: (accessToken, clientId) => (wiring.fetchAccount ?? queuedLookup)(accessToken, clientId),
    onSignedOut: (accountKey) => wiring.onSignedOut?.(accountKey),
  };
  instance = createAuth(deps);
  return instance;
}
