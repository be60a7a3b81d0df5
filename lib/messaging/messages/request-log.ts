import { z } from 'zod';
import { lazy } from '../../helpers/lazy';
import { defineMessages, message } from '../define';

/**
 * The request log: every request Loupe sent to Upwork in the last 7 days, and the day's
 * totals against Upwork's limits. For Loupe's own pages only; nothing in it names an account.
 */

const count = z.number().int().nonnegative();
const requesterSchema = z.enum(['page', 'alert', 'watchlist', 'account', 'unfinished']);

export const loggedRequestSchema = z.lazy(() =>
  z.strictObject({
    id: count,
    at: z.number(),
    operation: z.string().max(64),
    lookups: count,
    /** 0 when no answer came. */
    status: count,
    outcome: z.string().max(32),
    bytes: count,
    durationMs: z.number().nonnegative(),
    requestedBy: z.array(requesterSchema).max(5),
    counted: z.boolean(),
  }),
);
export type LoggedRequestView = z.infer<typeof loggedRequestSchema>;

const dayTotalsSchema = lazy(() =>
  z.strictObject({
    day: z.string().max(10),
    requests: count,
    signInRequests: count,
    failed: count,
    bytes: count,
  }),
);

export const requestLogSummarySchema = z.lazy(() =>
  z.strictObject({
    today: dayTotalsSchema().extend({
      dailyBudget: count,
      busiestSecond: count,
      limitPerSecond: count,
      byRequester: z.record(requesterSchema, count),
    }),
    days: z.array(dayTotalsSchema()).max(7),
  }),
);
export type RequestLogSummaryView = z.infer<typeof requestLogSummarySchema>;

export const REQUEST_LOG_PAGE_MAX = 5_000;

export const requestLogMessages = defineMessages({
  /** Newest first; `before` is the last id of the previous page. */
  'requestLog.page': message(['extension-page'], () => ({
    request: z.strictObject({ before: count.nullable(), limit: z.number().int().min(1).max(REQUEST_LOG_PAGE_MAX) }),
    response: z.strictObject({ rows: z.array(loggedRequestSchema).max(REQUEST_LOG_PAGE_MAX) }),
  })),
  'requestLog.summary': message(['extension-page'], () => ({ request: z.strictObject({}), response: requestLogSummarySchema })),
});
