import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSecretBox, indexedDbKeyStore, type KeyStore } from '../../../lib/background/auth/sealed';
import { createTokenStore, TOKEN_STORE_KEYS } from '../../../lib/background/auth/token-store';

let databaseSerial = 0;
/** A fresh IndexedDB database per test, as a new browser profile would have. */
function freshKeys(): KeyStore {
  return indexedDbKeyStore(`loupe-auth-key-test-${++databaseSerial}`);
}

function storeWith(keys: KeyStore) {
  return createTokenStore({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session }, createSecretBox(keys));
}

async function everythingStored(): Promise<string> {
  return JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);
}

describe('token store', () => {
  it('round-trips tokens and the secret through sealed storage', async () => {
    const store = storeWith(freshKeys());
    await store.setClient({ clientId: 'loupe-secret', clientSecret: 's3cret-demo' });
    await store.setRefreshToken('refresh-plaintext-123');
    await store.setAccess({ token: 'access-plaintext-456', expiresAt: 1_000 });

    expect(await store.getClient()).toEqual({ clientId: 'loupe-secret', clientSecret: 's3cret-demo' });
    expect(await store.getRefreshToken()).toBe('refresh-plaintext-123');
    expect(await store.getAccess()).toEqual({ token: 'access-plaintext-456', expiresAt: 1_000 });

    const raw = await everythingStored();
    expect(raw).not.toContain('refresh-plaintext-123');
    expect(raw).not.toContain('access-plaintext-456');
    expect(raw).not.toContain('s3cret-demo');
    // The client id is not a secret and stays readable; the access token lives in session storage only.
    expect(raw).toContain('loupe-secret');
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([TOKEN_STORE_KEYS.access]);
  });

  it('uses a key that cannot be exported', async () => {
    const keys = freshKeys();
    await storeWith(keys).setRefreshToken('r');
    const key = await keys.load();
    expect(key?.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key as CryptoKey)).rejects.toThrow();
  });

  it('survives a worker restart: a new store over the same database reads the same tokens', async () => {
    const keys = freshKeys();
    await storeWith(keys).setRefreshToken('refresh-1');
    expect(await storeWith(keys).getRefreshToken()).toBe('refresh-1');
  });

  it('cannot open values under another key (a lost or different database)', async () => {
    await storeWith(freshKeys()).setRefreshToken('refresh-1');
    expect(await storeWith(freshKeys()).getRefreshToken()).toBeNull();
  });

  it('refuses a sealed value moved into another slot or tampered with', async () => {
    const store = storeWith(freshKeys());
    await store.setRefreshToken('refresh-1');
    const sealed = (await fakeBrowser.storage.local.get(TOKEN_STORE_KEYS.refresh))[TOKEN_STORE_KEYS.refresh] as { data: string };
    // Moved: the access-token slot must not accept a refresh token's ciphertext.
    await fakeBrowser.storage.session.set({ [TOKEN_STORE_KEYS.access]: { token: sealed, expiresAt: 1 } });
    expect(await store.getAccess()).toBeNull();
    // Tampered: flip one character of the ciphertext.
    const flipped = { ...sealed, data: `${sealed.data[0] === 'A' ? 'B' : 'A'}${sealed.data.slice(1)}` };
    await fakeBrowser.storage.local.set({ [TOKEN_STORE_KEYS.refresh]: flipped });
    expect(await store.getRefreshToken()).toBeNull();
  });

  it('forgets tokens and account but keeps the API key', async () => {
    const store = storeWith(freshKeys());
    await store.setClient({ clientId: 'loupe-demo', clientSecret: null });
    await store.setRefreshToken('r');
    await store.setAccess({ token: 'a', expiresAt: 5 });
    await store.setAccount({ userId: 'u1', name: 'Ada', email: null, photoUrl: null, organizations: [], activeOrganizationId: null });
    await store.forgetSession();
    expect(await store.getRefreshToken()).toBeNull();
    expect(await store.getAccess()).toBeNull();
    expect(await store.getAccount()).toBeNull();
    expect(await store.getClient()).toEqual({ clientId: 'loupe-demo', clientSecret: null });
  });
  it('keeps what it read until the key changes, wherever the change came from', async () => {
    const store = createTokenStore(
      { local: fakeBrowser.storage.local, session: fakeBrowser.storage.session },
      createSecretBox(freshKeys()),
      (listener) => fakeBrowser.storage.onChanged.addListener((changes, area) => listener(area, Object.keys(changes))),
    );
    const account = { userId: 'u1', name: 'Ada', email: null, photoUrl: null, organizations: [], activeOrganizationId: null };
    await store.setAccount(account);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await store.getAccount();
    await store.getAccount();
    expect(get).toHaveBeenCalledTimes(1);
    // Written behind the store's back (another context): the next read sees it.
    await fakeBrowser.storage.local.set({ [TOKEN_STORE_KEYS.account]: { ...account, name: 'Grace' } });
    expect((await store.getAccount())?.name).toBe('Grace');
    await fakeBrowser.storage.local.remove(TOKEN_STORE_KEYS.account);
    expect(await store.getAccount()).toBeNull();
  });
});
