import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { WATCHLIST_MAX, type WatchedJob, watchedJobSchema } from '../../messaging/messages/watchlist';

/**
 * The watchlist in storage.local (`local:watchlist`), written by the worker only, one change at a
 * time. Reads repair job by job: one damaged entry is dropped, not the list.
 */

export interface WatchlistState {
  jobs: WatchedJob[];
  proposalThreshold: number | null;
  /** Why the last check round waited, in words; null when it ran. */
  paused: string | null;
}

export const watchlistItem = storage.defineItem<unknown>('local:watchlist', { version: 1 });

const loose = z.object({
  jobs: z.array(z.unknown()).catch([]),
  proposalThreshold: z.number().int().min(1).max(1_000).nullable().catch(null),
  paused: z.string().max(500).nullable().catch(null),
});

export function parseWatchlist(raw: unknown): WatchlistState {
  const parsed = loose.safeParse(raw ?? {});
  if (!parsed.success) return { jobs: [], proposalThreshold: null, paused: null };
  const jobs = parsed.data.jobs.flatMap((job) => {
    const one = watchedJobSchema.safeParse(job);
    return one.success ? [one.data] : [];
  });
  return { jobs: jobs.slice(0, WATCHLIST_MAX), proposalThreshold: parsed.data.proposalThreshold, paused: parsed.data.paused };
}

export interface WatchlistStore {
  read(): Promise<WatchlistState>;
  update<T>(change: (state: WatchlistState) => T): Promise<T>;
}

export function createWatchlistStore(): WatchlistStore {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    read: async () => parseWatchlist(await watchlistItem.getValue()),
    update(change) {
      const run = chain.then(async () => {
        const state = parseWatchlist(await watchlistItem.getValue());
        const result = change(state);
        await watchlistItem.setValue(state);
        return result;
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
