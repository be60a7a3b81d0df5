import type { Requester } from '../../upwork/api/client';

/**
 * Who waits for which queued lookup, so the request that finally carries it can say what asked
 * for it. The queue batches lookups from different callers into one request and knows nothing of
 * them; this tally sits beside it and is asked when the request goes out.
 */
export interface RequesterTally {
  /** Runs `wait` (an enqueue) with `who` noted as waiting for (kind, key) until it settles. */
  during<T>(kind: string, key: string, who: Requester, wait: () => Promise<T>): Promise<T>;
  /** Everyone waiting for any of these keys; work nobody waits for was left by a stopped worker. */
  of(kind: string, keys: readonly string[]): Requester[];
}

export function createRequesterTally(): RequesterTally {
  const waiting = new Map<string, Map<Requester, number>>();
  const id = (kind: string, key: string) => `${kind}\u0000${key}`;

  return {
    async during(kind, key, who, wait) {
      const entry = id(kind, key);
      const counts = waiting.get(entry) ?? new Map<Requester, number>();
      waiting.set(entry, counts);
      counts.set(who, (counts.get(who) ?? 0) + 1);
      try {
        return await wait();
      } finally {
        const left = (counts.get(who) ?? 1) - 1;
        if (left > 0) counts.set(who, left);
        else counts.delete(who);
        if (counts.size === 0 && waiting.get(entry) === counts) waiting.delete(entry);
      }
    },
    of(kind, keys) {
      const found = new Set<Requester>();
      for (const key of keys) for (const who of waiting.get(id(kind, key))?.keys() ?? []) found.add(who);
      return found.size > 0 ? [...found].sort() : ['unfinished'];
    },
  };
}
