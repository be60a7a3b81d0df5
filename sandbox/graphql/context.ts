import type { Dataset, OrganizationRecord } from '../data/schema';

/** What every resolver may read: the world, the clock and the organization the request acts as. */
export interface ResolverContext {
  dataset: Dataset;
  startedAt: number;
  organization: OrganizationRecord;
  /** The API's search is not the page's (see searchJobs). */
  divergence: boolean;
  /** Jobs whose precise search fails (the failSearchesFor fault). */
  failSearchesFor: readonly string[];
}

export const DAY = 86_400_000;
