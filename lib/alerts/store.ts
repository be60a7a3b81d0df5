import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import {
  type AlertPause,
  alertPauseSchema,
  FEED_MAX,
  type FeedEntry,
  feedEntrySchema,
  type SearchStatus,
  searchStatusSchema,
} from '../messaging/messages/alerts';
import { clientStatsSchema, type JobSummary, jobSummarySchema } from '../upwork/model';

/**
 * What job alerts keep in storage.local. Only the worker writes (one chain of updates, see
 * createAlertsStore); the popup reads `local:alerts` directly, so its first paint needs no worker.
 * - `local:alerts`: the feed (newest first, at most FEED_MAX), each search's check status, and the pause.
 * - `local:alertsSeen`: per search, the job ids already seen; plus the job ids already notified, and
 *   which jobs each grouped notification stands for. Not needed by any page.
 * Reads repair entry by entry: one damaged feed entry is dropped, not the feed.
 */

export interface AlertsState {
  feed: FeedEntry[];
  status: Record<string, SearchStatus>;
  paused: AlertPause | null;
}

export interface SeenState {
  bySearch: Record<string, string[]>;
  /** Job ids that got a notification (or a place in a grouped one), oldest first. */
  notified: string[];
  /** Grouped notification id -> the jobs it stands for and where a click leads. */
  groups: Record<string, { jobIds: string[]; url: string; at: number }>;
}

export const ALERTS_KEY = 'local:alerts';
export const SEEN_KEY = 'local:alertsSeen';
export const NOTIFIED_MAX = 1_000;
export const GROUPS_MAX = 30;
const DESCRIPTION_MAX = 300;

export const alertsItem = storage.defineItem<unknown>(ALERTS_KEY, { version: 1 });
export const seenItem = storage.defineItem<unknown>(SEEN_KEY, { version: 1 });

const looseState = z.object({
  feed: z.array(z.unknown()).catch([]),
  status: z.record(z.string(), z.unknown()).catch({}),
  paused: alertPauseSchema.nullable().catch(null),
});

export function emptyAlertsState(): AlertsState {
  return { feed: [], status: {}, paused: null };
}

export function parseAlertsState(raw: unknown): AlertsState {
  const loose = looseState.safeParse(raw ?? {});
  if (!loose.success) return emptyAlertsState();
  const feed = loose.data.feed.flatMap((entry) => {
    const parsed = feedEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  const status: Record<string, SearchStatus> = {};
  for (const [id, value] of Object.entries(loose.data.status)) {
    const parsed = searchStatusSchema.safeParse(value);
    if (parsed.success) status[id] = parsed.data;
  }
  return { feed: feed.slice(0, FEED_MAX), status, paused: loose.data.paused };
}

const idList = z.array(z.string().max(40)).catch([]);
const looseSeen = z.object({
  bySearch: z.record(z.string(), idList).catch({}),
  notified: idList,
  groups: z
    .record(z.string(), z.object({ jobIds: z.array(z.string().max(40)).max(200), url: z.string().max(2_000), at: z.number() }))
    .catch({}),
});

export function parseSeenState(raw: unknown): SeenState {
  const parsed = looseSeen.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { bySearch: {}, notified: [], groups: {} };
}

export async function readAlertsState(): Promise<AlertsState> {
  return parseAlertsState(await alertsItem.getValue());
}

/** Calls back with the parsed state after every change (the popup keeps its feed current this way). */
export function watchAlertsState(callback: (state: AlertsState) => void): () => void {
  return alertsItem.watch((raw) => callback(parseAlertsState(raw)));
}

export function unreadCount(state: Pick<AlertsState, 'feed'>): number {
  return state.feed.filter((entry) => !entry.read).length;
}

/**
 * The copy of a job the feed keeps: exactly the model's fields (anything a newer parser adds is
 * left out, so the strict schema still reads it back) and a short description.
 */
export function feedCopy(job: JobSummary): JobSummary {
  const client = Object.fromEntries(Object.keys(clientStatsSchema.shape).map((key) => [key, (job.client as Record<string, unknown>)[key]]));
  const copy = Object.fromEntries(Object.keys(jobSummarySchema.shape).map((key) => [key, (job as Record<string, unknown>)[key]]));
  const description = job.description.length > DESCRIPTION_MAX ? `${job.description.slice(0, DESCRIPTION_MAX - 1)}…` : job.description;
  return { ...(copy as JobSummary), description, client: client as JobSummary['client'] };
}

export interface AlertsStore {
  read(): Promise<AlertsState>;
  readSeen(): Promise<SeenState>;
  /** Serialised read-change-write of both records (the change may be async; keep it short). */
  update<T>(change: (state: AlertsState, seen: SeenState) => T | Promise<T>): Promise<T>;
}

/** One chain of updates per worker: two checks finishing together cannot drop each other's changes. */
export function createAlertsStore(): AlertsStore {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    read: readAlertsState,
    readSeen: async () => parseSeenState(await seenItem.getValue()),
    update(change) {
      const run = chain.then(async () => {
        const state = parseAlertsState(await alertsItem.getValue());
        const seen = parseSeenState(await seenItem.getValue());
        const before = JSON.stringify(seen);
        const result = await change(state, seen);
        await alertsItem.setValue(state);
        if (JSON.stringify(seen) !== before) await seenItem.setValue(seen);
        return result;
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
