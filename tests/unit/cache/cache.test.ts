import { createStore, get, set as idbSet, type UseStore } from 'idb-keyval';
import { describe, expect, it, vi } from 'vitest';
import { type CacheKey, cacheKeyString, createResponseCache, stableStringify } from '../../../lib/background/cache';

const HOUR = 60 * 60 * 1000;
let databases = 0;

/** A fresh fake-indexeddb database per test, a hand-driven clock, and flushes only when the test asks. */
function setup(options: { maxEntries?: number; store?: UseStore } = {}) {
  const clock = { now: 1_000_000 };
  const store = options.store ?? createStore(`loupe-cache-test-${++databases}`, 'entries');
  const disabled: string[] = [];
  const make = () =>
    createResponseCache({
      store,
      now: () => clock.now,
      maxEntries: options.maxEntries,
      setTimer: () => undefined,
      onDisabled: (reason) => disabled.push(reason),
    });
  return { clock, store, cache: make(), make, disabled };
}

const key = (id: string, accountKey = 'acct-a'): CacheKey => ({ accountKey, operation: 'jobSummary', variables: { id } });

function counter<T>(values: T[]) {
  const calls = { count: 0 };
  const fetcher = async () => {
    calls.count++;
    const value = values[Math.min(calls.count - 1, values.length - 1)];
    return value as T;
  };
  return { calls, fetcher };
}

describe('response cache', () => {
  it('fetches on a miss, then answers from the cache while fresh', async () => {
    const { cache } = setup();
    const { calls, fetcher } = counter(['v1', 'v2']);
    expect(await cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR })).toBe('v1');
    expect(await cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR })).toBe('v1');
    expect(calls.count).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, disabledReason: null });
  });

  it('serves a stale value at once and refreshes it in the background', async () => {
    const { cache, clock } = setup();
    const { calls, fetcher: counted } = counter(['old', 'new']);
    const seen: boolean[] = [];
    const fetcher = (context: { revalidating: boolean }) => {
      seen.push(context.revalidating);
      return counted();
    };
    await cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR });
    clock.now += 2 * HOUR;
    const updated = new Promise<string>((resolve) => {
      void cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR, onUpdate: resolve }).then((value) => expect(value).toBe('old'));
    });
    expect(await updated).toBe('new');
    expect(calls.count).toBe(2);
    expect(await cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR })).toBe('new');
    expect(cache.stats()).toMatchObject({ staleHits: 1, hits: 1, misses: 1 });
    expect(seen).toEqual([false, true]);
  });

  it('never returns anything 24 hours old, whatever freshForMs says', async () => {
    const { cache, clock } = setup();
    await cache.set(key('1'), 'day-old');
    clock.now += 24 * HOUR - 1;
    expect((await cache.peek(key('1'), 48 * HOUR))?.value).toBe('day-old');
    clock.now += 1;
    expect(await cache.peek(key('1'), 48 * HOUR)).toBeUndefined();
    const { calls, fetcher } = counter(['today']);
    expect(await cache.getOrFetch(key('1'), fetcher, { freshForMs: 48 * HOUR })).toBe('today');
    expect(calls.count).toBe(1);
  });

  it('runs one fetch for concurrent callers of the same key', async () => {
    const { cache } = setup();
    let release: (value: string) => void = () => {};
    let calls = 0;
    const fetcher = () => {
      calls++;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const both = Promise.all([
      cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR }),
      cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR }),
    ]);
    // Until the cache has loaded its index (IndexedDB, slow on a busy machine), nobody has fetched yet.
    await vi.waitFor(() => expect(calls).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release('shared');
    expect(await both).toEqual(['shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('does not store a failed fetch', async () => {
    const { cache } = setup();
    await expect(cache.getOrFetch(key('1'), async () => Promise.reject(new Error('boom')), { freshForMs: HOUR })).rejects.toThrow('boom');
    expect(await cache.peek(key('1'), HOUR)).toBeUndefined();
  });

  it('survives a restart of the worker: entries and their use order are persisted', async () => {
    const { cache, make, clock } = setup({ maxEntries: 2 });
    await cache.set(key('1'), 'one');
    clock.now += 1;
    await cache.set(key('2'), 'two');
    clock.now += 1;
    await cache.peek(key('1'), HOUR); // 1 is now the most recently used
    await cache.flush();
    const restarted = make();
    expect((await restarted.peek(key('1'), HOUR))?.value).toBe('one');
    await restarted.set(key('3'), 'three'); // evicts 2, the least recently used
    expect(await restarted.peek(key('2'), HOUR)).toBeUndefined();
    expect((await restarted.peek(key('3'), HOUR))?.value).toBe('three');
  });

  it('evicts least recently used entries beyond the limit and deletes them from the database', async () => {
    const { cache, store } = setup({ maxEntries: 3 });
    for (const id of ['1', '2', '3']) await cache.set(key(id), id);
    await cache.peek(key('1'), HOUR);
    await cache.set(key('4'), '4');
    await cache.flush();
    expect(cache.stats().entries).toBe(3);
    expect(await cache.peek(key('2'), HOUR)).toBeUndefined();
    expect(await get(cacheKeyString(key('2')), store)).toBeUndefined();
    expect((await get(cacheKeyString(key('1')), store))?.value).toBe('1');
  });

  it('batches last-used updates: many reads, one write', async () => {
    const base = createStore(`loupe-cache-test-${++databases}`, 'entries');
    const modes: IDBTransactionMode[] = [];
    const counting: UseStore = (mode, callback) => {
      modes.push(mode);
      return base(mode, callback);
    };
    const { cache } = setup({ store: counting });
    await cache.set(key('1'), 'one');
    await cache.flush();
    modes.length = 0;
    for (let read = 0; read < 20; read++) await cache.peek(key('1'), HOUR);
    await cache.flush();
    expect(modes.filter((mode) => mode === 'readwrite')).toHaveLength(1);
  });

  it('clears one account and ignores fetches that finish after the clear', async () => {
    const { cache } = setup();
    await cache.set(key('1', 'acct-a'), 'a');
    await cache.set(key('1', 'acct-b'), 'b');
    let release: (value: string) => void = () => {};
    const late = cache.getOrFetch(key('2', 'acct-a'), () => new Promise<string>((resolve) => (release = resolve)), { freshForMs: HOUR });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cache.clearAccount('acct-a');
    release('late');
    expect(await late).toBe('late');
    expect(await cache.peek(key('1', 'acct-a'), HOUR)).toBeUndefined();
    expect(await cache.peek(key('2', 'acct-a'), HOUR)).toBeUndefined();
    expect((await cache.peek(key('1', 'acct-b'), HOUR))?.value).toBe('b');
  });

  it('rebuilds its index from the entries when the index is missing', async () => {
    const store = createStore(`loupe-cache-test-${++databases}`, 'entries');
    const now = 1_000_000;
    await idbSet(cacheKeyString(key('7')), { value: 'seven', storedAt: now, lastUsedAt: now, accountKey: 'acct-a' }, store);
    const { cache } = setup({ store });
    expect((await cache.peek(key('7'), HOUR))?.value).toBe('seven');
    expect(cache.stats().entries).toBe(1);
  });

  it('turns itself off when the database is full, and lookups still work', async () => {
    const base = createStore(`loupe-cache-test-${++databases}`, 'entries');
    const full: UseStore = (mode, callback) =>
      mode === 'readwrite' ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : base(mode, callback);
    const { cache, disabled } = setup({ store: full });
    const { calls, fetcher } = counter(['v1', 'v2']);
    expect(await cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR })).toBe('v1');
    await cache.flush();
    expect(cache.stats().disabledReason).toBe("Loupe's cache is off: the browser's storage for Loupe is full.");
    expect(disabled).toHaveLength(1);
    expect(await cache.getOrFetch(key('1'), fetcher, { freshForMs: HOUR })).toBe('v2');
    expect(calls.count).toBe(2);
  });

  it('turns itself off when the database cannot be opened at all', async () => {
    const broken: UseStore = () => Promise.reject(new Error('IndexedDB is unavailable in this window'));
    const { cache } = setup({ store: broken });
    expect(await cache.getOrFetch(key('1'), async () => 'live', { freshForMs: HOUR })).toBe('live');
    expect(cache.stats().disabledReason).toContain('IndexedDB is unavailable');
  });
});

describe('stableStringify', () => {
  it('ignores key order and undefined properties', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      stableStringify({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(cacheKeyString({ accountKey: 'k', operation: 'op', variables: { q: 'x', offset: 0 } })).toBe('k|op|{"offset":0,"q":"x"}');
  });
  it('keeps entries it read in memory: a page asked for again costs no IndexedDB read', async () => {
    const base = createStore(`loupe-cache-test-${++databases}`, 'entries');
    const reads = { count: 0 };
    const counted: UseStore = (mode, callback) => {
      if (mode === 'readonly') reads.count++;
      return base(mode, callback);
    };
    const first = setup({ store: counted });
    await first.cache.set(key('1'), 'v1');
    await first.cache.flush();
    const later = first.make(); // a restarted worker: nothing in memory yet
    expect((await later.peek(key('1'), HOUR))?.value).toBe('v1');
    const afterFirst = reads.count;
    for (let i = 0; i < 5; i++) expect((await later.peek(key('1'), HOUR))?.value).toBe('v1');
    expect(reads.count).toBe(afterFirst);
    await later.set(key('1'), 'v2');
    expect((await later.peek(key('1'), HOUR))?.value).toBe('v2');
  });
});
