import { ApiError } from '../../upwork/api/errors';
import type { ApiService } from '../api-service';

/**
 * The connection test's scope checks. Upwork sets scopes on the API key, and a query that reaches
 * outside them fails as a whole, so the only way to know is to ask: one tiny search (job postings)
 * and one profile lookup (freelancer profiles). Any answer but "missing scope" means the scope is
 * there, even "no such profile". The account check already covers the common-entities scope.
 */

export interface ScopeCheck {
  check: 'job-postings' | 'freelancer-profiles';
  outcome: 'passed' | 'failed' | 'skipped';
  message: string;
}

/** What each scope is called in Upwork's API Center, and what Loupe needs it for. */
export const SCOPE_WORDS = {
  'job-postings': {
    name: 'Read marketplace Job Postings',
    id: 'pub-marketplace-job-postings:read:all',
    needed: 'client stats on job lists, job pages and job alerts',
  },
  'freelancer-profiles': {
    name: 'Read freelancer profiles',
    id: 'pub-freelancer-profiles:read:all',
    needed: 'the track record on freelancer profiles',
  },
} as const;

/** A made-up key in the right shape: no profile has it, and asking costs one request. */
const PROBE_PROFILE_KEY = '~01loupeconnectiontest';

async function probe(check: ScopeCheck['check'], ask: () => Promise<unknown>): Promise<ScopeCheck> {
  const words = SCOPE_WORDS[check];
  try {
    await ask();
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'missing-scope') {
      return {
        check,
        outcome: 'failed',
        message: `Your API key lacks the “${words.name}” scope (${words.id}), needed for ${words.needed}. Tick it on your key in Upwork’s API Center, then sign in again.`,
      };
    }
    if (error instanceof ApiError && (error.retryable || error.kind === 'budget-exhausted' || error.kind === 'unauthorized')) {
      return { check, outcome: 'skipped', message: `Loupe could not check the “${words.name}” scope just now: ${error.message}` };
    }
  }
  return { check, outcome: 'passed', message: `Your API key has the “${words.name}” scope.` };
}

/** How long a finished probe answers another connection test (four tabs testing at once, a double click). */
const SHARE_MS = 2_000;

/** The probe under way or just finished, shared: each probe costs two requests of the user's daily budget. */
let shared: { result: Promise<ScopeCheck[]>; endedAt: number | null } | undefined;

export function probeScopes(service: ApiService, signedIn: boolean, now: () => number = Date.now): Promise<ScopeCheck[]> {
  if (!signedIn) {
    return Promise.resolve(
      (['job-postings', 'freelancer-profiles'] as const).map((check) => ({
        check,
        outcome: 'skipped' as const,
        message: `Not signed in, so Loupe did not check the “${SCOPE_WORDS[check].name}” scope.`,
      })),
    );
  }
  if (shared && (shared.endedAt === null || now() - shared.endedAt < SHARE_MS)) return shared.result;
  const entry: NonNullable<typeof shared> = {
    endedAt: null,
    result: (async () => [
      await probe('job-postings', () => service.searchJobs({ searchExpression_eq: 'loupe connection test' }, { maxAgeMs: 0 })),
      await probe('freelancer-profiles', () => service.freelancer(PROBE_PROFILE_KEY)),
    ])().finally(() => {
      entry.endedAt = now();
    }),
  };
  shared = entry;
  return entry.result;
}
