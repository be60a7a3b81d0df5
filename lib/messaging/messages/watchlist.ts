import { z } from 'zod';
import { jobIdSchema } from '../../upwork/model';
import { defineMessages, message } from '../define';

/**
 * The watchlist: jobs the user starred, checked through the API's job detail at
 * background priority, with a notification when something a freelancer acts on happens.
 */

export const WATCHLIST_MAX = 200;
export const HISTORY_MAX = 30;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const title = z
  .string()
  .max(1_000)
  .transform((text) => text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, 200));

export const watchEventKindSchema = z.enum(['client-active', 'interviews', 'invites', 'hired', 'proposals', 'closed']);

export const watchEventSchema = z.lazy(() => z.strictObject({ at: z.number(), kind: watchEventKindSchema, text: z.string().max(300) }));
export type WatchEvent = z.infer<typeof watchEventSchema>;

/** What the last check saw; null before the first check. */
export const watchSnapshotSchema = z.lazy(() =>
  z.strictObject({
    lastClientActivity: z.string().max(100).nullable(),
    invitesSent: z.number().int().nonnegative(),
    interviewing: z.number().int().nonnegative(),
    hired: z.number().int().nonnegative(),
    proposals: z.number().int().nonnegative().nullable(),
  }),
);
export type WatchSnapshot = z.infer<typeof watchSnapshotSchema>;

export const watchedJobSchema = z.lazy(() =>
  z.strictObject({
    id: jobIdSchema,
    title: z.string().max(200),
    addedAt: z.number(),
    lastCheckAt: z.number().nullable(),
    seen: watchSnapshotSchema.nullable(),
    /** Why Loupe stopped watching (a hire, the job closed); null while it watches. */
    stopped: z.enum(['hired', 'closed']).nullable(),
    history: z.array(watchEventSchema).max(HISTORY_MAX),
  }),
);
export type WatchedJob = z.infer<typeof watchedJobSchema>;

export const watchlistViewSchema = z.lazy(() =>
  z.strictObject({
    jobs: z.array(watchedJobSchema).max(WATCHLIST_MAX),
    /** Notify when a watched job's proposals reach this many; null: never. */
    proposalThreshold: z.number().int().min(1).max(1_000).nullable(),
    /** Minutes between checks now, and the rule that set it, in words. */
    intervalMinutes: z.number().positive(),
    intervalWhy: z.string().max(500),
    /** Requests a day the watchlist costs at this interval. */
    requestsPerDay: z.number().int().nonnegative(),
    /** Why checks wait (signed out, budget), in words; null while they run. */
    paused: z.string().max(500).nullable(),
  }),
);
export type WatchlistView = z.infer<typeof watchlistViewSchema>;

export const watchlistMessages = defineMessages({
  'watchlist.list': message(['extension-page'], () => ({ request: z.strictObject({}), response: watchlistViewSchema })),
  /** Which of these jobs are starred (the content script's stars). */
  'watchlist.which': message(['content-script', 'extension-page'], () => ({
    request: z.strictObject({ ids: z.array(jobIdSchema).max(100) }),
    response: z.strictObject({ watched: z.array(jobIdSchema).max(100) }),
  })),
  /** A star: starts watching (the title is what the page showed; the API's replaces it on the first check). */
  'watchlist.add': message(['content-script', 'extension-page'], () => ({
    request: z.strictObject({ id: jobIdSchema, title: title.optional() }),
    response: z.strictObject({ watching: z.literal(true) }),
  })),
  'watchlist.remove': message(['content-script', 'extension-page'], () => ({
    request: z.strictObject({ id: jobIdSchema }),
    response: z.strictObject({ watching: z.literal(false) }),
  })),
  'watchlist.setThreshold': message(['extension-page'], () => ({
    request: z.strictObject({ proposalThreshold: z.number().int().min(1).max(1_000).nullable() }),
    response: z.strictObject({ ok: z.literal(true) }),
  })),
  /** Checks every watched job now (still at background priority, within the budget). */
  'watchlist.checkNow': message(['extension-page'], () => ({
    request: z.strictObject({}),
    response: z.strictObject({
      checked: z.number().int().nonnegative(),
      events: z.number().int().nonnegative(),
      paused: z.string().max(500).nullable(),
    }),
  })),
});
