import type { TokenSource } from '../../upwork/api/token-source';
import type { Account } from '../../upwork/model';
import type { ConnectionTestResult } from './connection-test';
import type { FetchLike } from './oauth';
import type { KeyStore } from './sealed';
import type { StorageAreaLike, StorageChanges } from './token-store';

/** Sign-in's surface: what the worker gives it (AuthDeps) and what the rest of the worker may ask (Auth). */

export interface AuthDeps {
  fetch: FetchLike;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
  getRedirectURL(): string;
  storage: { local: StorageAreaLike; session: StorageAreaLike };
  /** Storage change events (browser.storage.onChanged): with them, the store keeps what it read until it changes. */
  storageChanges?: StorageChanges;
  /** Who the token belongs to, via the GraphQL `Me` operation (wired by the worker), counted against the key's budget. */
  fetchAccount(accessToken: string, clientId: string): Promise<Account>;
  /** Told which account left, so its cached Upwork data can go (notes and settings stay). */
  onSignedOut?(accountKey: string): Promise<void> | void;
  keys?: KeyStore;
  now?: () => number;
  /** Renew this long before expiry, so a request never leaves with a token about to lapse. */
  refreshMarginMs?: number;
}

export type AuthState = 'not-configured' | 'signed-out' | 'signed-in';

export interface AuthStatus {
  state: AuthState;
  account: Account | null;
  lastError: string | null;
  clientId: string | null;
  /** 'confidential' when a client secret is saved. The secret itself never leaves the worker. */
  clientType: 'public' | 'confidential' | null;
  redirectUri: string;
}

export interface ClientSettings {
  clientId: string;
  clientSecret?: string | null;
  /** Keep the saved secret when none is typed (the options page never sees the saved one). */
  keepSecret?: boolean;
}

export interface Auth extends TokenSource {
  status(): Promise<AuthStatus>;
  configure(settings: ClientSettings): Promise<AuthStatus>;
  signIn(): Promise<AuthStatus>;
  signOut(): Promise<AuthStatus>;
  selectOrganization(organizationId: string | null): Promise<AuthStatus>;
  testConnection(): Promise<ConnectionTestResult>;
  redirectUri(): string;
}
