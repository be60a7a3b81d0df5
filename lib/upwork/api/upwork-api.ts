import type { Account, FreelancerStats, JobDetail } from '../model';
import type { UpworkGraphQLClient } from './client';
import {
  freelancerProfilesOperation,
  type JobSearchFilter,
  type JobSearchSortField,
  jobDetailsOperation,
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
  me(signal?: AbortSignal): Promise<Account>;
  searchJobs(filter: JobSearchFilter, options?: { sort?: JobSearchSortField; signal?: AbortSignal }): Promise<JobSearchResult>;
  /** Up to MAX_BATCH_SIZE numeric job ids in one request. */
  jobDetails(ids: readonly string[], signal?: AbortSignal): Promise<BatchResult<JobDetail>>;
  /** Up to MAX_BATCH_SIZE `~01…` profile keys in one request. */
  freelancers(profileKeys: readonly string[], signal?: AbortSignal): Promise<BatchResult<FreelancerStats>>;
}

export function createUpworkApi(client: UpworkGraphQLClient): UpworkApi {
  return {
    async me(signal) {
      const result = await client.execute(meOperation(), { signal });
      return parseMe(result.data, result.tenantId);
    },
    async searchJobs(filter, options = {}) {
      const result = await client.execute(jobSearchOperation(filter, options.sort), { signal: options.signal });
      return parseJobSearch(result.data);
    },
    async jobDetails(ids, signal) {
      const operation = jobDetailsOperation(ids);
      const result = await client.execute(operation, { signal, partialAliases: new Set(operation.aliases.keys()) });
      return splitBatch(result.data, result.errors, operation.aliases, parseJobDetail);
    },
    async freelancers(profileKeys, signal) {
      const operation = freelancerProfilesOperation(profileKeys);
      const result = await client.execute(operation, { signal, partialAliases: new Set(operation.aliases.keys()) });
      return splitBatch(result.data, result.errors, operation.aliases, parseFreelancer);
    },
  };
}
