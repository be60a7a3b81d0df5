import { messageOf } from '../../helpers/format';
import { ApiError } from '../../upwork/api/errors';
import { backoffMs } from './backoff';
import type { Priority } from './types';

/** What the queue does after a request fails, and the words a user reads when it gives up. */

/** 5xx and network failures: tries after the first before the callers get the error. */
export const MAX_SERVER_RETRIES = 3;
/** 429s one key may meet before its callers get the error (each one also slows every queue down). */
export const MAX_RATE_LIMITED = 8;
/** One renewal per send is normal; a second means the fresh token was refused too. */
export const MAX_RENEWALS = 2;
const SERVER_RETRY_BASE_MS = 500;

export interface Attempts {
  serverFailures: number;
  /** Sends refused with 401 and renewed; bounded so a token that never works cannot loop. */
  renewals: number;
  rateLimited: number;
}

export const noAttempts = (): Attempts => ({ serverFailures: 0, renewals: 0, rateLimited: 0 });

/** Send again (not before `at`), or give the callers this error. */
export type Decision = { retryAt: number } | { reject: unknown };

/** For one key of a request that failed with `error` at `now`; counts the attempt in `attempts`. */
export function afterFailure(error: ApiError, attempts: Attempts, now: number, random: () => number): Decision {
  if (error.kind === 'renewed') {
    // The sign-in was renewed after a 401: send again at once, but through the throttle.
    attempts.renewals += 1;
    return attempts.renewals > MAX_RENEWALS
      ? { reject: new ApiError('unauthorized', 'Upwork keeps refusing your sign-in. Please sign in again.') }
      : { retryAt: now };
  }
  if (error.kind === 'rate-limited') {
    // The throttle's pause holds the retry back; the key keeps its place in line.
    attempts.rateLimited += 1;
    return attempts.rateLimited > MAX_RATE_LIMITED ? { reject: error } : { retryAt: now };
  }
  if (error.retryable) {
    attempts.serverFailures += 1;
    return attempts.serverFailures > MAX_SERVER_RETRIES
      ? { reject: error }
      : { retryAt: now + backoffMs(attempts.serverFailures, random, SERVER_RETRY_BASE_MS) };
  }
  return { reject: error };
}

export function budgetError(priority: Priority, dailyLimit: number, problem: string | null = null): ApiError {
  const limit = dailyLimit.toLocaleString('en-US');
  // Background work also waits while today's count is unknown or unsaved: say that, not "95%".
  if (priority === 'background' && problem) return new ApiError('budget-exhausted', problem);
  return priority === 'background'
    ? new ApiError(
        'budget-exhausted',
        `Loupe has used 95% of today's ${limit} Upwork requests for this API key, so background checks wait until midnight UTC. Pages you look at still get data.`,
      )
    : new ApiError(
        'budget-exhausted',
        `Loupe has used all ${limit} of today's Upwork requests for this API key. Data comes back after midnight UTC.`,
      );
}

export function rateLimitedMessage(pausedMs: number): string {
  return `Upwork said Loupe sent too many requests, so Loupe paused for ${Math.ceil(pausedMs / 1000)} s and is sending more slowly.`;
}

export function internalFailureMessage(error: unknown): string {
  return `Something went wrong inside Loupe: ${messageOf(error)}`;
}

export const accountChanged = () =>
  new ApiError('unauthorized', 'Loupe is now signed in as another account, so it dropped a request made for the previous one.');
