import { createStore, get, set } from 'idb-keyval';

/**
 * Why tokens are encrypted at rest: Chrome lets content scripts read `storage.local`, so a refresh
 * token or client secret stored there in clear would be one compromised content script away from
 * leaking. They are sealed with AES-GCM under a NON-extractable CryptoKey kept in IndexedDB. That
 * IndexedDB belongs to the extension's origin: content scripts run in the page's origin and cannot
 * open it, and even the worker itself can only use the key, never export it.
 */

export interface KeyStore {
  load(): Promise<CryptoKey | undefined>;
  save(key: CryptoKey): Promise<void>;
}

/** The worker's own IndexedDB database, separate from the cache's, holding one key. */
export function indexedDbKeyStore(databaseName = 'loupe-auth-key'): KeyStore {
  // Opened on first use, so building the worker's services touches no database.
  let store: ReturnType<typeof createStore> | undefined;
  const open = () => {
    store ??= createStore(databaseName, 'keys');
    return store;
  };
  return {
    load: () => get<CryptoKey>('token-key', open()),
    save: (key) => set('token-key', key, open()),
  };
}

export interface Sealed {
  v: 1;
  iv: string;
  data: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.v === 1 && typeof record.iv === 'string' && typeof record.data === 'string';
}

export interface SecretBox {
  /** `slot` is bound in as additional data, so a sealed value moved to another slot fails to open. */
  seal(slot: string, plaintext: string): Promise<Sealed>;
  /** Returns null when the value cannot be opened (wrong key, tampered, key lost). */
  open(slot: string, sealed: unknown): Promise<string | null>;
}

export function createSecretBox(keys: KeyStore): SecretBox {
  let keyPromise: Promise<CryptoKey> | undefined;

  // One key per profile, created on first use; the promise is shared so two first uses agree.
  function key(): Promise<CryptoKey> {
    keyPromise ??= (async () => {
      const existing = await keys.load();
      if (existing) return existing;
      const created = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      await keys.save(created);
      return created;
    })().catch((error: unknown) => {
      keyPromise = undefined;
      throw error;
    });
    return keyPromise;
  }

  const encoder = new TextEncoder();

  return {
    async seal(slot, plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(slot) },
        await key(),
        encoder.encode(plaintext),
      );
      return { v: 1, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },
    async open(slot, sealed) {
      if (!isSealed(sealed)) return null;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(slot) },
          await key(),
          fromBase64(sealed.data),
        );
        return new TextDecoder().decode(plain);
      } catch {
        return null;
      }
    },
  };
}
