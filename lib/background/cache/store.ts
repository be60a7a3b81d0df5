import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval';
import { messageOf } from '../../helpers/format';
import { UPWORK_LIMITS } from '../../upwork/endpoints';
import { stableStringify } from './stable-stringify';

/**
 * Where the cache keeps Upwork's answers: IndexedDB through idb-keyval (worker only: IndexedDB
 * opened from a content script would belong to upwork.com). When to fetch is cache.ts's.
 *
 * - Nothing older than 24 hours is ever returned (Upwork's terms); older entries are dropped.
 * - Bounded: an in-memory index in least-recently-used order (a Map, re-inserted on use) picks what
 *   to evict without reading the store. The index is persisted with the entries in the same
 *   transaction, in batches, so "last used" updates cost one write per flush, not one per read.
 * - If IndexedDB fails (quota, private mode, corruption) the cache turns itself off and says why;
 *   lookups keep working straight from Upwork.
 *
 * It stays one closure of a little over 300 lines: the index, the writes waiting for a flush and
 * the entries kept in memory must change together on every read, write, eviction and failure, and
 * splitting them apart would only pass all three around.
 */

export interface CacheKey {
  /** From TokenSource.getAccountKey(): answers never cross accounts. */
  accountKey: string;
  operation: string;
  variables: unknown;
}

export interface CacheEntry<T = unknown> {
  value: T;
  storedAt: number;
  lastUsedAt: number;
  accountKey: string;
}

export interface CacheLookup<T> {
  value: T;
  storedAt: number;
  /** Younger than the caller's freshForMs. */
  fresh: boolean;
}

export interface StoreStats {
  hits: number;
  staleHits: number;
  misses: number;
  entries: number;
  /** Why the cache is off, in plain words; null while it works. */
  disabledReason: string | null;
}

export interface CacheStore {
  /** The stored value, if younger than 24 h; counts as a hit, stale hit or miss. */
  peek<T>(key: CacheKey, freshForMs: number): Promise<CacheLookup<T> | undefined>;
  set<T>(key: CacheKey, value: T): Promise<void>;
  /** Forgets every answer stored for one account. */
  clearAccount(accountKey: string): Promise<void>;
  stats(): StoreStats;
  /** Writes pending changes now. */
  flush(): Promise<void>;
  /** Reads the index now, as the first lookup would: a woken worker's first lookup then need not wait for it. */
  load(): Promise<void>;
}

export interface CacheOptions {
  /** Default createStore('loupe-cache', 'entries'). */
  store?: UseStore;
  now?: () => number;
  /** Default 5,000. */
  maxEntries?: number;
  /** Can only be lowered below 24 h. */
  maxAgeMs?: number;
  /** How many entries are also kept in memory; default 1,000. */
  maxHotEntries?: number;
  /** How long changes wait to be written together; default 300 ms. */
  flushDelayMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  /** Told once when the cache turns itself off. */
  onDisabled?: (reason: string) => void;
}

export const DEFAULT_MAX_ENTRIES = 5_000;
const DEFAULT_MAX_HOT_ENTRIES = 1_000;
const INDEX_KEY = '\u0000index';
/** Flush early when this many changes are waiting, so one flush stays small. */
const FLUSH_AT_PENDING = 200;

type IndexRow = { storedAt: number; lastUsedAt: number };
type PersistedIndex = [key: string, storedAt: number, lastUsedAt: number][];

export function cacheKeyString(key: CacheKey): string {
  return `${key.accountKey}|${key.operation}|${stableStringify(key.variables)}`;
}

function isPersistedIndex(value: unknown): value is PersistedIndex {
  return (
    Array.isArray(value) &&
    value.every((row) => Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'number' && typeof row[2] === 'number')
  );
}

function isEntry(value: unknown): value is CacheEntry {
  return typeof value === 'object' && value !== null && 'value' in value && typeof (value as CacheEntry).storedAt === 'number';
}

function describeFailure(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return "Loupe's cache is off: the browser's storage for Loupe is full.";
  return `Loupe's cache is off: the browser's database failed (${messageOf(error) || name || 'unknown error'}).`;
}

export function createCacheStore(options: CacheOptions = {}): CacheStore {
  const store = options.store ?? createStore('loupe-cache', 'entries');
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxAgeMs = Math.min(options.maxAgeMs ?? UPWORK_LIMITS.cacheMaxAgeMs, UPWORK_LIMITS.cacheMaxAgeMs);
  const flushDelayMs = options.flushDelayMs ?? 300;
  const maxHot = Math.min(options.maxHotEntries ?? DEFAULT_MAX_HOT_ENTRIES, maxEntries);
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));

  /** Least recently used first. */
  const index = new Map<string, IndexRow>();
  /** Writes (entry) and deletions (null) not yet in IndexedDB. */
  const pending = new Map<string, CacheEntry | null>();
  /**
   * The entries read or written lately, least recently used first: a page reloaded or revisited
   * asks for the same fifty jobs again, and fifty IndexedDB reads took 20-40 ms of the worker.
   */
  const hot = new Map<string, CacheEntry>();
  const keepHot = (key: string, entry: CacheEntry) => {
    hot.delete(key);
    hot.set(key, entry);
    for (const oldest of hot.keys()) {
      if (hot.size <= maxHot) break;
      hot.delete(oldest);
    }
  };
  const counters = { hits: 0, staleHits: 0, misses: 0 };
  let indexDirty = false;
  let disabledReason: string | null = null;
  let loading: Promise<void> | undefined;
  let flushTimer: unknown;
  let flushing: Promise<void> = Promise.resolve();

  function disable(error: unknown): void {
    if (disabledReason) return;
    disabledReason = describeFailure(error);
    index.clear();
    pending.clear();
    hot.clear();
    options.onDisabled?.(disabledReason);
  }

  async function rebuildIndex(): Promise<void> {
    const rows = await store('readonly', (objectStore) => {
      const found: PersistedIndex = [];
      const request = objectStore.openCursor();
      return new Promise<PersistedIndex>((resolve, reject) => {
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve(found);
          const entry = cursor.value as unknown;
          if (cursor.key !== INDEX_KEY && typeof cursor.key === 'string' && isEntry(entry))
            found.push([cursor.key, entry.storedAt, entry.lastUsedAt]);
          cursor.continue();
        };
        request.onerror = () => reject(request.error);
      });
    });
    rows.sort((a, b) => a[2] - b[2]);
    for (const [key, storedAt, lastUsedAt] of rows) index.set(key, { storedAt, lastUsedAt });
    if (rows.length) indexDirty = true;
  }

  function ensureLoaded(): Promise<void> {
    loading ??= (async () => {
      try {
        const persisted = await get<unknown>(INDEX_KEY, store);
        if (isPersistedIndex(persisted)) {
          for (const [key, storedAt, lastUsedAt] of persisted) index.set(key, { storedAt, lastUsedAt });
        } else {
          // First run, or the index was lost: one full scan rebuilds it.
          await rebuildIndex();
        }
        dropExpired();
      } catch (error) {
        disable(error);
      }
    })();
    return loading;
  }

  function remove(key: string): void {
    if (index.delete(key)) indexDirty = true;
    hot.delete(key);
    pending.set(key, null);
  }

  function dropExpired(): void {
    const cutoff = now() - maxAgeMs;
    for (const [key, row] of index) if (row.storedAt <= cutoff) remove(key);
  }

  function touch(key: string, row: IndexRow): void {
    index.delete(key);
    index.set(key, { storedAt: row.storedAt, lastUsedAt: now() });
    indexDirty = true;
    scheduleFlush();
  }

  function evictOverflow(): void {
    for (const key of index.keys()) {
      if (index.size <= maxEntries) break;
      remove(key);
    }
  }

  function scheduleFlush(): void {
    if (pending.size >= FLUSH_AT_PENDING) {
      void flush();
      return;
    }
    if (flushTimer !== undefined) return;
    flushTimer = setTimer(() => {
      flushTimer = undefined;
      void flush();
    }, flushDelayMs);
  }

  async function writePending(): Promise<void> {
    if (disabledReason) return;
    dropExpired();
    if (pending.size === 0 && !indexDirty) return;
    const batch = [...pending];
    pending.clear();
    indexDirty = false;
    const persisted: PersistedIndex = [...index].map(([key, row]) => [key, row.storedAt, row.lastUsedAt]);
    try {
      await store('readwrite', (objectStore) => {
        for (const [key, entry] of batch) {
          if (entry) objectStore.put(entry, key);
          else objectStore.delete(key);
        }
        objectStore.put(persisted, INDEX_KEY);
        return promisifyRequest(objectStore.transaction);
      });
    } catch (error) {
      disable(error);
    }
  }

  function flush(): Promise<void> {
    // One flush at a time, in order, so a later index never lands before an earlier one.
    flushing = flushing.then(writePending);
    return flushing;
  }

  async function peek<T>(key: CacheKey, freshForMs: number): Promise<CacheLookup<T> | undefined> {
    const found = await lookup<T>(key, freshForMs);
    if (!found) counters.misses++;
    else if (found.fresh) counters.hits++;
    else counters.staleHits++;
    return found;
  }

  async function lookup<T>(key: CacheKey, freshForMs: number): Promise<CacheLookup<T> | undefined> {
    await ensureLoaded();
    if (disabledReason) return undefined;
    const keyString = cacheKeyString(key);
    const row = index.get(keyString);
    if (!row) return undefined;
    const age = now() - row.storedAt;
    if (age >= maxAgeMs) {
      remove(keyString);
      scheduleFlush();
      return undefined;
    }
    const waiting = pending.get(keyString);
    let entry: CacheEntry | null | undefined = waiting === undefined ? hot.get(keyString) : waiting;
    if (entry === undefined) {
      try {
        entry = await get<CacheEntry>(keyString, store);
      } catch (error) {
        disable(error);
        return undefined;
      }
    }
    if (!isEntry(entry)) {
      remove(keyString);
      scheduleFlush();
      return undefined;
    }
    // A read that a newer write overtook keeps the newer value in memory.
    if (index.get(keyString)?.storedAt === entry.storedAt) keepHot(keyString, entry);
    touch(keyString, row);
    return { value: entry.value as T, storedAt: entry.storedAt, fresh: age < freshForMs };
  }

  async function set<T>(key: CacheKey, value: T): Promise<void> {
    await ensureLoaded();
    if (disabledReason) return;
    const keyString = cacheKeyString(key);
    const at = now();
    const entry = { value, storedAt: at, lastUsedAt: at, accountKey: key.accountKey };
    pending.set(keyString, entry);
    keepHot(keyString, entry);
    index.delete(keyString);
    index.set(keyString, { storedAt: at, lastUsedAt: at });
    indexDirty = true;
    evictOverflow();
    scheduleFlush();
  }

  return {
    peek,
    set,
    load: ensureLoaded,
    async clearAccount(accountKey) {
      await ensureLoaded();
      const prefix = `${accountKey}|`;
      for (const key of [...index.keys()]) if (key.startsWith(prefix)) remove(key);
      for (const [key, entry] of pending) if (entry?.accountKey === accountKey) pending.set(key, null);
      await flush();
    },
    stats: () => ({ ...counters, entries: index.size, disabledReason }),
    async flush() {
      await ensureLoaded();
      await flush();
    },
  };
}
