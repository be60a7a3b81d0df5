import type { Account, FreelancerStats, JobDetail, JobSummary } from '../model';
import type { Requester, UpworkGraphQLClient } from './client';
import { ApiError } from './errors';
import {
  freelancerProfilesOperation,
  type JobSearchFilter,
  type JobSearchSortField,
  jobDetailsOperation,
  jobLookupsOperation,
  jobSearchOperation,
  meOperation,
} from './operations';
import { splitBatch } from './parse-batch';
import { parseFreelancer } from './parse-freelancer';
import { parseJobDetail } from './parse-job-detail';
import { parseMe } from './parse-me';
import { type JobSearchResult, parseJobSearch } from './parse-search';

/** One result per key of a batch: the value, null when Upwork has nothing under that key, or that key's own error. */
export type BatchResult<T> = Map<string, T | null | Error>;

/** Upwork's API in Loupe's terms: each call is ONE request and returns normalized model data. */
export interface UpworkApi {
  me(signal?: AbortSignal, requestedBy?: readonly Requester[]): Promise<Account>;
  searchJobs(
    filter: JobSearchFilter,
    options?: { sort?: JobSearchSortField; signal?: AbortSignal; requestedBy?: readonly Requester[] },
  ): Promise<JobSearchResult>;
  /**
   * Up to MAX_LOOKUPS_PER_REQUEST precise searches in one request (aliases), each newest first with
   * a few results: the jobs each search found, or that search's own error.
   */
  lookupJobs(
    expressions: readonly string[],
    signal?: AbortSignal,
    requestedBy?: readonly Requester[],
  ): Promise<Map<string, JobSummary[] | Error>>;
  /** Up to MAX_BATCH_SIZE numeric job ids in one request. */
  jobDetails(ids: readonly string[], signal?: AbortSignal, requestedBy?: readonly Requester[]): Promise<BatchResult<JobDetail>>;
  /** Up to MAX_BATCH_SIZE `~01…` profile keys in one request. */
  freelancers(
    profileKeys: readonly string[],
    signal?: AbortSignal,
    requestedBy?: readonly Requester[],
  ): Promise<BatchResult<FreelancerStats>>;
}

const SEARCH_FIELD: ReadonlySet<string> = new Set(['marketplaceJobPostingsSearch']);

export function createUpworkApi(client: UpworkGraphQLClient): UpworkApi {
  return {
    async me(signal, requestedBy) {
      const result = await client.execute(meOperation(), { signal, requestedBy });
      return parseMe(result.data, result.tenantId);
    },
    async searchJobs(filter, options = {}) {
      // Errors under one result (its job's company id) must not sink the others: they are read per result.
      const result = await client.execute(jobSearchOperation(filter, options.sort), {
        signal: options.signal,
        requestedBy: options.requestedBy,
        partialAliases: SEARCH_FIELD,
      });
      if (!result.data?.marketplaceJobPostingsSearch && result.errors[0])
        throw new ApiError('upwork-error', `Upwork answered with an error: ${result.errors[0].message}`, { status: 200 });
      return parseJobSearch(result.data);
    },
    async lookupJobs(expressions, signal, requestedBy) {
      const operation = jobLookupsOperation(expressions);
      const result = await client.execute(operation, { signal, requestedBy, partialAliases: new Set(operation.aliases.keys()) });
      const found = splitBatch(
        result.data,
        result.errors,
        operation.aliases,
        (raw) =>
          // A lookup asks only for the results, not the count or the cursor.
          parseJobSearch({ marketplaceJobPostingsSearch: { totalCount: null, pageInfo: null, ...(raw as object) } }).jobs,
      );
      return new Map([...found].map(([expression, jobs]) => [expression, jobs ?? []]));
    },
    async jobDetails(ids, signal, requestedBy) {
      const operation = jobDetailsOperation(ids);
      const result = await client.execute(operation, { signal, requestedBy, partialAliases: new Set(operation.aliases.keys()) });
      return splitBatch(result.data, result.errors, operation.aliases, parseJobDetail);
    },
    async freelancers(profileKeys, signal, requestedBy) {
      const operation = freelancerProfilesOperation(profileKeys);
      const result = await client.execute(operation, { signal, requestedBy, partialAliases: new Set(operation.aliases.keys()) });
      return splitBatch(result.data, result.errors, operation.aliases, parseFreelancer);
    },
  };
}
