import type { Requester } from '../upwork/api/client';
import { type JobSearchFilter, type JobSearchSortField, MAX_BATCH_SIZE, MAX_LOOKUPS_PER_REQUEST } from '../upwork/api/operations';
import type { JobSearchResult } from '../upwork/api/parse-search';
import type { TokenSource } from '../upwork/api/token-source';
import type { UpworkApi } from '../upwork/api/upwork-api';
import type { JobSummary } from '../upwork/model';
import type { CacheKey, ResponseCache } from './cache';
import type { BatchKind } from './queue/types';
import type { RequesterTally } from './request-log/requesters';
import { LOOKUP_KIND, parseLookupGroup } from './tile-stats';

/**
 * The request kinds the worker's queues send (queue/types.ts BatchKind): each sends one GraphQL
 * request for its keys and keeps the answers in the cache itself, under the key the ApiService
 * reads them from, so work resumed after a worker restart lands where a caller will look.
 */

/** How long each kind of answer counts as fresh (all are dropped at 24 h regardless). */
export const FRESH_FOR_MS = {
  jobSummary: 30 * 60_000,
  /** A mirrored page search is reused only briefly: the page itself changes as jobs are posted. */
  search: 2 * 60_000,
  jobDetail: 15 * 60_000,
  freelancer: 6 * 60 * 60_000,
  me: 10 * 60_000,
} as const;

/** Queue kinds. Names are persisted with unfinished work: keep them stable. */
export const KINDS = {
  me: 'me',
  search: 'search',
  jobDetail: 'jobDetail',
  jobDetailAlone: 'jobDetailAlone',
  freelancer: 'freelancer',
  freelancerAlone: 'freelancerAlone',
} as const;

export interface SearchKey {
  filter: JobSearchFilter;
  sort: JobSearchSortField | null;
}

export const cacheKeyFor = (accountKey: string, operation: string, variables: unknown): CacheKey => ({ accountKey, operation, variables });

export interface RequestKindDeps {
  api: UpworkApi;
  cache: ResponseCache;
  tokens: TokenSource;
  requesters: RequesterTally;
  /** An answer Loupe could not fully read, in plain words. */
  noteProblem(message: string): void;
}

export function createRequestKinds({ api, cache, tokens, requesters, noteProblem }: RequestKindDeps): BatchKind<unknown>[] {
  /** Results land in the cache inside each run: work resumed after a worker restart has no caller. */
  async function store(operation: string, entries: Iterable<[unknown, unknown]>): Promise<void> {
    const accountKey = await tokens.getAccountKey();
    if (!accountKey) return;
    for (const [variables, value] of entries) await cache.set(cacheKeyFor(accountKey, operation, variables), value);
    // Written through before the queue counts the work done: a worker stopped right after would
    // otherwise lose the answer from both the cache and the unfinished-work record.
    await cache.flush();
  }

  /** Resumed work is dropped when the stopped worker had already kept a fresh answer for it. */
  async function freshlyCached(operation: keyof typeof FRESH_FOR_MS, variables: unknown): Promise<boolean> {
    const accountKey = await tokens.getAccountKey();
    return !!accountKey && (await cache.peek(cacheKeyFor(accountKey, operation, variables), FRESH_FOR_MS[operation]))?.fresh === true;
  }

  function batchKind<T>(
    kind: string,
    maxBatch: number,
    operation: 'jobDetail' | 'freelancer',
    variable: string,
    fetch: (keys: string[], signal: AbortSignal, requestedBy: Requester[]) => Promise<Map<string, T | null | Error>>,
  ): BatchKind<T | null> {
    return {
      kind,
      maxBatch,
      alreadyDone: (key) => freshlyCached(operation, { [variable]: key }),
      async run(keys, signal) {
        const results = await fetch(keys, signal, requesters.of(kind, keys));
        await store(
          operation,
          [...results].filter(([, value]) => !(value instanceof Error)).map(([key, value]) => [{ [variable]: key }, value]),
        );
        return results;
      },
    };
  }

  return [
    {
      kind: KINDS.me,
      maxBatch: 1,
      async run(keys, signal) {
        const account = await api.me(signal, requesters.of(KINDS.me, keys));
        await store('me', [[{ tenantId: account.activeOrganizationId }, account]]);
        return new Map(keys.map((key) => [key, account]));
      },
    },
    {
      kind: KINDS.search,
      maxBatch: 1,
      // A search answered just before the worker stopped is not sent again when its work resumes.
      alreadyDone: (key) => {
        const { filter, sort } = JSON.parse(key) as SearchKey;
        return freshlyCached('search', { filter, sort });
      },
      async run(keys, signal) {
        const results = new Map<string, JobSearchResult | Error>();
        for (const key of keys.slice(0, 1)) {
          const { filter, sort } = JSON.parse(key) as SearchKey;
          const requestedBy = requesters.of(KINDS.search, [key]);
          const result = await api.searchJobs(filter, { signal, requestedBy, ...(sort ? { sort } : {}) });
          for (const skipped of result.skipped) noteProblem(skipped);
          await store(
            'jobSummary',
            result.jobs.map((job) => [{ id: job.id }, job]),
          );
          await store('search', [[{ filter, sort }, result]]);
          results.set(key, result);
        }
        return results;
      },
    },
    batchKind(KINDS.jobDetail, MAX_BATCH_SIZE, 'jobDetail', 'id', (ids, signal, who) => api.jobDetails(ids, signal, who)),
    batchKind(KINDS.jobDetailAlone, 1, 'jobDetail', 'id', (ids, signal, who) => api.jobDetails(ids, signal, who)),
    batchKind(KINDS.freelancer, MAX_BATCH_SIZE, 'freelancer', 'profileKey', (keys, signal, who) => api.freelancers(keys, signal, who)),
    batchKind(KINDS.freelancerAlone, 1, 'freelancer', 'profileKey', (keys, signal, who) => api.freelancers(keys, signal, who)),
    {
      // One key is a group of up to MAX_LOOKUPS_PER_REQUEST searches (see tile-stats.ts): a page's
      // lookups go out in as few requests as possible, whatever moment each was asked.
      kind: LOOKUP_KIND,
      maxBatch: 1,
      async run(keys, signal) {
        const results = new Map<string, Map<string, JobSummary[] | Error>>();
        for (const key of keys.slice(0, 1)) {
          const found = await api.lookupJobs(
            parseLookupGroup(key).slice(0, MAX_LOOKUPS_PER_REQUEST),
            signal,
            requesters.of(LOOKUP_KIND, [key]),
          );
          // Every job a lookup finds is kept by id: a later tile may be one of them.
          const jobs = [...found.values()].flatMap((value) => (value instanceof Error ? [] : value));
          await store(
            'jobSummary',
            jobs.map((job) => [{ id: job.id }, job]),
          );
          results.set(key, found);
        }
        return results;
      },
    },
  ];
}
