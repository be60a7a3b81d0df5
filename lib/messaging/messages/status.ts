import { z } from 'zod';
import { defineMessages, message } from '../define';

/**
 * What the popup shows about Loupe's use of the Upwork API: the throttle queue, the cache and the
 * last failure. Counts and plain words only: no token, key or account id can ride along (strict).
 */

const count = z.number().int().nonnegative();
const rate = z.number().nonnegative();
const plainText = z.string().max(1_000);

export const queueStatusSchema = z.lazy(() =>
  z.strictObject({
    /** Lookups waiting to be sent. */
    queued: count,
    /** Lookups whose request is on the wire. */
    inFlight: count,
    /** The configured rate, requests per second (a setting). */
    ratePerSecond: rate,
    /** The rate in force now: lower than ratePerSecond while recovering from a 429. */
    currentRate: rate,
    burst: count,
    /** Requests actually sent per second over the last 10 s. */
    recentRate: rate,
    /** Requests sent today (UTC day) with this API key. */
    requestsToday: count,
    dailyLimit: count,
    /** At least 80% of the daily limit used. */
    dailyWarning: z.boolean(),
    /** At least 95% used: only what the user is looking at still goes. */
    backgroundPaused: z.boolean(),
    /** Today's count could not be read or saved, in plain words; null while it is known and stored. */
    budgetProblem: plainText.nullable(),
    /** Epoch ms: nothing is sent before it after Upwork answered 429; null when not paused. */
    slowedUntil: z.number().nullable(),
  }),
);

export const cacheStatusSchema = z.lazy(() =>
  z.strictObject({
    hits: count,
    misses: count,
    staleHits: count,
    entries: count,
    /** Why the cache is off, in plain words; null while it works. */
    disabledReason: plainText.nullable(),
  }),
);

export const apiStatusSchema = z.lazy(() =>
  z.strictObject({
    queue: queueStatusSchema,
    cache: cacheStatusSchema,
    /** The last request-level failure, in plain words, with its time (epoch ms). */
    lastError: z.strictObject({ message: plainText, at: z.number() }).nullable(),
    signedIn: z.boolean(),
  }),
);
export type ApiStatus = z.infer<typeof apiStatusSchema>;

export const statusMessages = defineMessages({
  /** The popup's API line: queue length, rate, requests today, cache hits, last error. */
  'status.get': message(['extension-page'], () => ({ request: z.strictObject({}), response: apiStatusSchema })),
});
