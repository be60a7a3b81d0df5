import { type CacheKey, type CacheLookup, type CacheOptions, cacheKeyString, createCacheStore, type StoreStats } from './store';

/**
 * The worker's cache of Upwork answers: the store (store.ts: IndexedDB, never older than 24 h,
 * least recently used evicted) and the one stale-while-revalidate rule: past `freshForMs` a value
 * is still returned at once while a background fetch replaces it.
 */

export type { CacheKey, CacheLookup, CacheOptions } from './store';

export interface CacheStats extends StoreStats {
  revalidationFailures: number;
}

/** Told whether it runs for a caller waiting on it or to refresh a stale value nobody waits for. */
export type Fetcher<T> = (context: { revalidating: boolean }) => Promise<T>;

export interface ServeOptions<T> {
  /** Default true; false: only a fresh value will do, a stale one is fetched again while the caller waits. */
  serveStale?: boolean;
  /** Receives the new value when a stale one was served and the background refresh succeeded. */
  onUpdate?: (value: T) => void;
}

export interface GetOrFetchOptions<T> extends Pick<ServeOptions<T>, 'onUpdate'> {
  /** How long a value counts as fresh; after that it is served stale (never past 24 h) and refreshed. */
  freshForMs: number;
}

export interface ResponseCache {
  /** The stored value, if younger than 24 h; counts as a hit, stale hit or miss. */
  peek<T>(key: CacheKey, freshForMs: number): Promise<CacheLookup<T> | undefined>;
  set<T>(key: CacheKey, value: T): Promise<void>;
  /**
   * Stale-while-revalidate for fetchers that keep their answers themselves (the queue's request
   * kinds do, so work resumed after a restart lands too): fresh is served; stale is served while
   * `fetcher({ revalidating: true })` refreshes it; otherwise the caller waits for the fetcher.
   */
  serve<T>(key: CacheKey, freshForMs: number, fetcher: Fetcher<T>, options?: ServeOptions<T>): Promise<T>;
  /** serve(), storing what the fetcher answers, with one fetch for concurrent callers of a key. */
  getOrFetch<T>(key: CacheKey, fetcher: Fetcher<T>, options: GetOrFetchOptions<T>): Promise<T>;
  /** Counts a background refresh that failed (for callers that revalidate themselves after peek). */
  noteRevalidationFailure(): void;
  /** Forgets every answer stored for one account (sign-out, key change). */
  clearAccount(accountKey: string): Promise<void>;
  stats(): CacheStats;
  /** Writes pending changes now (tests; before the worker may be stopped). */
  flush(): Promise<void>;
  /** Opens the database and reads its index now, beside whatever else a woken worker does first. */
  load(): Promise<void>;
}

export function createResponseCache(options: CacheOptions = {}): ResponseCache {
  const store = createCacheStore(options);
  const inFlight = new Map<string, Promise<unknown>>();
  /** Bumped by clearAccount so fetches started before it do not store into the cleared account. */
  const generations = new Map<string, number>();
  let revalidationFailures = 0;

  async function serve<T>(key: CacheKey, freshForMs: number, fetcher: Fetcher<T>, serveOptions: ServeOptions<T> = {}): Promise<T> {
    const found = await store.peek<T>(key, freshForMs);
    if (found?.fresh) return found.value;
    if (found && serveOptions.serveStale !== false) {
      fetcher({ revalidating: true }).then(
        (value) => serveOptions.onUpdate?.(value),
        () => {
          revalidationFailures++;
        },
      );
      return found.value;
    }
    return fetcher({ revalidating: false });
  }

  function fetchOnce<T>(key: CacheKey, fetcher: Fetcher<T>, revalidating: boolean): Promise<T> {
    const keyString = cacheKeyString(key);
    const existing = inFlight.get(keyString);
    if (existing) return existing as Promise<T>;
    const generation = generations.get(key.accountKey) ?? 0;
    const promise = (async () => {
      try {
        const value = await fetcher({ revalidating });
        if ((generations.get(key.accountKey) ?? 0) === generation) await store.set(key, value);
        return value;
      } finally {
        inFlight.delete(keyString);
      }
    })();
    inFlight.set(keyString, promise);
    return promise;
  }

  return {
    peek: (key, freshForMs) => store.peek(key, freshForMs),
    load: () => store.load(),
    set: (key, value) => store.set(key, value),
    serve,
    getOrFetch: (key, fetcher, { freshForMs, onUpdate }) =>
      serve(key, freshForMs, ({ revalidating }) => fetchOnce(key, fetcher, revalidating), { onUpdate }),
    noteRevalidationFailure() {
      revalidationFailures++;
    },
    clearAccount(accountKey) {
      generations.set(accountKey, (generations.get(accountKey) ?? 0) + 1);
      return store.clearAccount(accountKey);
    },
    stats: () => ({ ...store.stats(), revalidationFailures }),
    flush: () => store.flush(),
  };
}
