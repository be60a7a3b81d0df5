import { z } from 'zod';
import { jobIdSchema, jobSummarySchema } from '../../upwork/model';
import { defineMessages, message } from '../define';

/**
 * Job alerts: Loupe's own saved searches, polled through the official API at background
 * priority, and the feed of new jobs they found. The stored shapes are here too, so the popup can
 * read the feed straight from storage for its first paint and the worker answers with the same shape.
 */

export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 24 * 60;
export const DEFAULT_INTERVAL_MINUTES = 15;

/** Control characters never reach storage, notifications or the UI from a search typed into a page. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const plain = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((text) => text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max));

const money = z.number().finite().min(0).max(1_000_000_000);
const searchId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a saved search id');

/** The search filters Loupe can turn into API filters (field names are Loupe's; see alerts/filters.ts). */
export const alertFiltersSchema = z.lazy(() =>
  z.strictObject({
    jobType: z.enum(['HOURLY', 'FIXED']).nullable().optional(),
    experienceLevel: z.enum(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT']).nullable().optional(),
    verifiedPaymentOnly: z.boolean().optional(),
    minClientHires: z.number().int().min(0).max(100_000).nullable().optional(),
    hourlyMin: money.nullable().optional(),
    hourlyMax: money.nullable().optional(),
    budgetMin: money.nullable().optional(),
    budgetMax: money.nullable().optional(),
    maxProposals: z.number().int().min(0).max(10_000).nullable().optional(),
    /** Also leave out jobs the user's rules would hide (the block list always applies). */
    applyRules: z.boolean().optional(),
  }),
);
export type AlertFiltersInput = z.input<typeof alertFiltersSchema>;

export const intervalSchema = z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES);

export const saveSearchRequestSchema = z.lazy(() =>
  z.strictObject({
    /** Defaults to the search words. */
    name: plain(120).optional(),
    /** The page's search words (`q`), as typed; may be empty (then the filters alone define the search). */
    query: plain(500),
    filters: alertFiltersSchema.optional(),
    intervalMinutes: intervalSchema.optional(),
  }),
);
export type SaveSearchRequest = z.input<typeof saveSearchRequestSchema>;

/** Why alerts are not being checked right now; they resume by themselves once it clears. */
export const alertPauseSchema = z.lazy(() =>
  z.strictObject({
    reason: z.enum(['signed-out', 'budget']),
    message: z.string().max(1_000),
    since: z.number(),
  }),
);
export type AlertPause = z.infer<typeof alertPauseSchema>;

/** How one saved search's checks have gone. */
export const searchStatusSchema = z.lazy(() =>
  z.strictObject({
    lastCheckAt: z.number().nullable(),
    /** New jobs found by the last successful check. */
    lastNewCount: z.number().int().nonnegative(),
    /** Failures in a row; checks back off after the second. */
    failures: z.number().int().nonnegative(),
    lastError: z.string().max(1_000).nullable(),
    /** While backing off: alarms before this time (epoch ms) skip the check. */
    retryAt: z.number().nullable(),
    /** A check skipped because of a pause, in words, until the next check runs. */
    skipped: z.string().max(1_000).nullable(),
  }),
);
export type SearchStatus = z.infer<typeof searchStatusSchema>;

export const savedSearchViewSchema = z.lazy(() =>
  z.strictObject({
    id: searchId,
    name: z.string().max(120),
    query: z.string().max(500),
    filters: z.strictObject({
      jobType: z.enum(['HOURLY', 'FIXED']).nullable(),
      experienceLevel: z.enum(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT']).nullable(),
      verifiedPaymentOnly: z.boolean(),
      minClientHires: z.number().int().nullable(),
      hourlyMin: z.number().nullable(),
      hourlyMax: z.number().nullable(),
      budgetMin: z.number().nullable(),
      budgetMax: z.number().nullable(),
      maxProposals: z.number().int().nullable(),
      applyRules: z.boolean(),
    }),
    intervalMinutes: intervalSchema,
    enabled: z.boolean(),
    muted: z.boolean(),
    createdAt: z.number(),
    status: searchStatusSchema,
  }),
);
export type SavedSearchView = z.infer<typeof savedSearchViewSchema>;

/** One new job in the alerts feed. The job is a trimmed copy (short description) of the search result. */
export const feedEntrySchema = z.lazy(() =>
  z.strictObject({
    jobId: jobIdSchema,
    searchId,
    searchName: z.string().max(120),
    foundAt: z.number(),
    read: z.boolean(),
    job: jobSummarySchema,
  }),
);
export type FeedEntry = z.infer<typeof feedEntrySchema>;

export const FEED_MAX = 200;

export const alertsListSchema = z.lazy(() =>
  z.strictObject({
    searches: z.array(savedSearchViewSchema).max(50),
    feed: z.array(feedEntrySchema).max(FEED_MAX),
    unread: z.number().int().nonnegative(),
    paused: alertPauseSchema.nullable(),
  }),
);
export type AlertsList = z.infer<typeof alertsListSchema>;

export const pollOutcomeSchema = z.lazy(() =>
  z.strictObject({
    searchId,
    outcome: z.enum(['checked', 'paused', 'backing-off', 'failed', 'disabled']),
    newJobs: z.number().int().nonnegative(),
    message: z.string().max(1_000).nullable(),
  }),
);
export type PollOutcome = z.infer<typeof pollOutcomeSchema>;

export const alertsMessages = defineMessages({
  /** The feed, the saved searches with their status, and why alerts are paused (if they are). */
  'alerts.list': message(['extension-page'], () => ({ request: z.strictObject({}), response: alertsListSchema })),
  /** One click on a search page (or the options page): the same search twice is saved once. */
  'alerts.saveSearch': message(['content-script', 'extension-page'], () => ({
    request: saveSearchRequestSchema,
    response: z.strictObject({ search: savedSearchViewSchema, created: z.boolean() }),
  })),
  'alerts.updateSearch': message(['extension-page'], () => ({
    request: z.strictObject({
      id: searchId,
      name: plain(120).optional(),
      query: plain(500).optional(),
      filters: alertFiltersSchema.optional(),
      intervalMinutes: intervalSchema.optional(),
      enabled: z.boolean().optional(),
      muted: z.boolean().optional(),
    }),
    response: z.strictObject({ search: savedSearchViewSchema }),
  })),
  'alerts.deleteSearch': message(['extension-page'], () => ({
    request: z.strictObject({ id: searchId }),
    response: z.strictObject({ ok: z.literal(true) }),
  })),
  /** Marks these jobs read (or all of them, when jobIds is left out). */
  'alerts.markRead': message(['extension-page'], () => ({
    request: z.strictObject({ jobIds: z.array(jobIdSchema).max(FEED_MAX).optional() }),
    response: z.strictObject({ unread: z.number().int().nonnegative() }),
  })),
  /** Checks now (one search, or every enabled one), still through the queue and the daily budget. */
  'alerts.pollNow': message(['extension-page'], () => ({
    request: z.strictObject({ id: searchId.optional() }),
    response: z.strictObject({ results: z.array(pollOutcomeSchema).max(50) }),
  })),
});
