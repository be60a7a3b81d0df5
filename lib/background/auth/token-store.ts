import { z } from 'zod';
import { type Account, accountSchema } from '../../upwork/model';
import type { ClientConfig } from './oauth';
import type { SecretBox } from './sealed';

/** The part of a `browser.storage` area the store uses (WXT's fakeBrowser in tests). */
export interface StorageAreaLike {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface AccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Where each piece lives, and why:
 * - access token + expiry: `storage.session` (memory only, gone when the browser closes, hidden
 *   from content scripts by TRUSTED_CONTEXTS), sealed as well for the browsers without that switch;
 * - refresh token and client secret: `storage.local`, sealed (see sealed.ts), read only by the worker;
 * - client id, account and the last error: `storage.local` in clear: none of them grants access.
 */
const KEYS = {
  client: 'loupe.auth.client',
  refresh: 'loupe.auth.refreshToken',
  account: 'loupe.auth.account',
  lastError: 'loupe.auth.lastError',
  access: 'loupe.auth.accessToken',
} as const;

const storedClientSchema = z.object({ clientId: z.string().min(1).max(128), clientSecret: z.unknown().optional() });
const storedAccessSchema = z.object({ token: z.unknown(), expiresAt: z.number() });

export interface TokenStore {
  getClient(): Promise<ClientConfig | null>;
  setClient(config: ClientConfig): Promise<void>;
  getRefreshToken(): Promise<string | null>;
  setRefreshToken(token: string | null): Promise<void>;
  getAccess(): Promise<AccessToken | null>;
  setAccess(access: AccessToken | null): Promise<void>;
  getAccount(): Promise<Account | null>;
  setAccount(account: Account | null): Promise<void>;
  getLastError(): Promise<string | null>;
  setLastError(message: string | null): Promise<void>;
  /** Forgets tokens and account; the API key (client id and secret) stays. */
  forgetSession(): Promise<void>;
}

/** Tells the store which keys of which area ('local', 'session') changed, from any context. */
export type StorageChanges = (listener: (area: string, keys: string[]) => void) => void;

export function createTokenStore(
  areas: { local: StorageAreaLike; session: StorageAreaLike },
  box: SecretBox,
  changes?: StorageChanges,
): TokenStore {
  const watched = changes !== undefined;
  const wrapped = { local: remembering(areas.local, watched), session: remembering(areas.session, watched) };
  changes?.((area, keys) => {
    if (area === 'local' || area === 'session') wrapped[area].forget(keys);
  });
  const { local, session } = wrapped;

  async function read(area: StorageAreaLike, key: string): Promise<unknown> {
    return (await area.get([key]))[key];
  }

  return {
    async getClient() {
      const stored = storedClientSchema.safeParse(await read(local, KEYS.client));
      if (!stored.success) return null;
      const secret = stored.data.clientSecret ? await box.open(KEYS.client, stored.data.clientSecret) : null;
      return { clientId: stored.data.clientId, clientSecret: secret || null };
    },
    async setClient(config) {
      const clientSecret = config.clientSecret ? await box.seal(KEYS.client, config.clientSecret) : null;
      await local.set({ [KEYS.client]: { clientId: config.clientId, clientSecret } });
    },
    async getRefreshToken() {
      return box.open(KEYS.refresh, await read(local, KEYS.refresh));
    },
    async setRefreshToken(token) {
      if (token === null) await local.remove([KEYS.refresh]);
      else await local.set({ [KEYS.refresh]: await box.seal(KEYS.refresh, token) });
    },
    async getAccess() {
      const stored = storedAccessSchema.safeParse(await read(session, KEYS.access));
      if (!stored.success) return null;
      const token = await box.open(KEYS.access, stored.data.token);
      return token ? { token, expiresAt: stored.data.expiresAt } : null;
    },
    async setAccess(access) {
      if (access === null) await session.remove([KEYS.access]);
      else await session.set({ [KEYS.access]: { token: await box.seal(KEYS.access, access.token), expiresAt: access.expiresAt } });
    },
    async getAccount() {
      const account = accountSchema.safeParse(await read(local, KEYS.account));
      return account.success ? account.data : null;
    },
    async setAccount(account) {
      if (account === null) await local.remove([KEYS.account]);
      else await local.set({ [KEYS.account]: account });
    },
    async getLastError() {
      const message = await read(local, KEYS.lastError);
      return typeof message === 'string' ? message : null;
    },
    async setLastError(message) {
      if (message === null) await local.remove([KEYS.lastError]);
      else await local.set({ [KEYS.lastError]: message });
    },
    async forgetSession() {
      await session.remove([KEYS.access]);
      await local.remove([KEYS.refresh, KEYS.account]);
    },
  };
}

/**
 * A storage area whose reads are kept until the key is written or a change event names it: every
 * request to Upwork asks who is signed in and for which organization, and those reads of
 * storage.local were most of the worker's time before a request left. Without `changes` (another
 * context could write unseen) nothing is kept.
 */
function remembering(area: StorageAreaLike, watched: boolean): StorageAreaLike & { forget(keys: string[]): void } {
  const kept = new Map<string, Promise<unknown>>();
  const forget = (keys: string[]) => {
    for (const key of keys) kept.delete(key);
  };
  return {
    async get(keys) {
      if (!watched || keys.length !== 1) return area.get(keys);
      const [key] = keys as [string];
      let value = kept.get(key);
      if (!value) {
        value = area.get([key]).then((found) => found[key]);
        kept.set(key, value);
        value.catch(() => kept.delete(key));
      }
      return { [key]: await value };
    },
    async set(items) {
      forget(Object.keys(items));
      try {
        await area.set(items);
      } finally {
        forget(Object.keys(items));
      }
    },
    async remove(keys) {
      forget(keys);
      try {
        await area.remove(keys);
      } finally {
        forget(keys);
      }
    },
    forget,
  };
}

/** Storage keys, exported for tests that check nothing readable sits in clear. */
export const TOKEN_STORE_KEYS = KEYS;
