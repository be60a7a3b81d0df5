import type { NumberRange, PageSearch } from '../site/page-search';
import type { JobSearchFilter, JobSearchSortField } from './operations';

/**
 * The API search that mirrors a search page: every URL filter the API has a field for, the query
 * as the user typed it (Upwork's search takes the same boolean syntax), the sort and the slice.
 * `workload` is left out on purpose: the live API was reported to return nothing with it, and a
 * wider search costs nothing here, since tiles are matched by job id.
 */

export const DEFAULT_PAGE_SIZE = 10;

export interface MirrorSearch {
  filter: JobSearchFilter;
  /** Absent: Upwork's default order. */
  sort?: JobSearchSortField;
}

function apiRange(range: NumberRange | undefined): { rangeStart?: number; rangeEnd?: number } | undefined {
  if (!range) return undefined;
  return { ...(range.min !== undefined ? { rangeStart: range.min } : {}), ...(range.max !== undefined ? { rangeEnd: range.max } : {}) };
}

export function mirrorSearch(search: PageSearch): MirrorSearch {
  const filter: JobSearchFilter = {};
  const q = search.q?.trim();
  if (q) filter.searchExpression_eq = q;
  if (search.jobType) filter.jobType_eq = search.jobType;
  if (search.experienceLevel) filter.experienceLevel_eq = search.experienceLevel;
  if (search.verifiedPaymentOnly) filter.verifiedPaymentOnly_eq = true;
  if (search.previousClients) filter.previousClients_eq = true;
  const ranges = {
    clientHiresRange_eq: search.clientHires,
    budgetRange_eq: search.budget,
    hourlyRate_eq: search.hourlyRate,
    proposalRange_eq: search.proposals,
  } as const;
  for (const [field, range] of Object.entries(ranges) as [keyof typeof ranges, NumberRange | undefined][]) {
    const value = apiRange(range);
    if (value) filter[field] = value;
  }
  if (search.locations) filter.locations_any = [...search.locations];
  if (search.timezone) filter.timezone_eq = search.timezone;
  if (search.categoryIds) filter.categoryIds_any = [...search.categoryIds];
  if (search.subcategoryIds) filter.subcategoryIds_any = [...search.subcategoryIds];
  filter.pagination_eq = { first: search.pageSize ?? DEFAULT_PAGE_SIZE, after: String(search.offset ?? 0) };
  return search.sort ? { filter, sort: search.sort } : { filter };
}
