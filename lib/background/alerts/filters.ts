import type { AlertFiltersInput, SavedSearchView, SaveSearchRequest, SearchStatus } from '../../messaging/messages/alerts';
import { DEFAULT_INTERVAL_MINUTES } from '../../messaging/messages/alerts';
import { defaultsOf } from '../../settings/fields';
import { type SavedSearch, savedSearchSpec } from '../../settings/schema';
import type { JobSearchFilter } from '../../upwork/api/operations';
import { clampInterval } from './schedule';

/** Saved searches (stored by lib/settings as `local:savedSearches`) and the API filters they become. */

/** One check asks for this many of the newest matches: more than one interval's worth for all but the busiest searches. */
export const RESULTS_PER_CHECK = 50;

export type SearchFilters = SavedSearch['filters'];

/** The stored saved-search shape's own defaults, so a new search and a repaired one start alike. */
export function defaultFilters(): SearchFilters {
  return defaultsOf(savedSearchSpec.fields.filters);
}

/** Fills what the request left out; a min above its max is swapped rather than refused. */
export function normalizeFilters(input: AlertFiltersInput | undefined, base: SearchFilters = defaultFilters()): SearchFilters {
  const merged: SearchFilters = { ...base };
  for (const [key, value] of Object.entries(input ?? {}) as [keyof SearchFilters, never][]) {
    if (value !== undefined) merged[key] = value;
  }
  const ordered = (min: number | null, max: number | null): [number | null, number | null] =>
    min !== null && max !== null && min > max ? [max, min] : [min, max];
  [merged.hourlyMin, merged.hourlyMax] = ordered(merged.hourlyMin, merged.hourlyMax);
  [merged.budgetMin, merged.budgetMax] = ordered(merged.budgetMin, merged.budgetMax);
  return merged;
}

function range(min: number | null, max: number | null): { rangeStart?: number; rangeEnd?: number } | undefined {
  if (min === null && max === null) return undefined;
  // IntRange takes whole numbers: widen rather than narrow, so no matching job is left out.
  return { ...(min !== null ? { rangeStart: Math.floor(min) } : {}), ...(max !== null ? { rangeEnd: Math.ceil(max) } : {}) };
}

/** The API filter for one check: the saved search's words and filters, newest first (the caller sorts by RECENCY). */
export function apiFilterFor(search: Pick<SavedSearch, 'query' | 'filters'>): JobSearchFilter {
  const f = search.filters;
  const filter: JobSearchFilter = { pagination_eq: { first: RESULTS_PER_CHECK, after: '0' } };
  const q = search.query.trim();
  if (q) filter.searchExpression_eq = q;
  if (f.jobType) filter.jobType_eq = f.jobType;
  if (f.experienceLevel) filter.experienceLevel_eq = f.experienceLevel;
  if (f.verifiedPaymentOnly) filter.verifiedPaymentOnly_eq = true;
  if (f.minClientHires !== null) filter.clientHiresRange_eq = { rangeStart: f.minClientHires };
  const hourly = range(f.hourlyMin, f.hourlyMax);
  if (hourly) filter.hourlyRate_eq = hourly;
  const budget = range(f.budgetMin, f.budgetMax);
  if (budget) filter.budgetRange_eq = budget;
  if (f.maxProposals !== null) filter.proposalRange_eq = { rangeStart: 0, rangeEnd: f.maxProposals };
  return filter;
}

/** Two searches that would ask Upwork the same thing (so one click twice saves one search). */
export function sameSearch(a: Pick<SavedSearch, 'query' | 'filters'>, b: Pick<SavedSearch, 'query' | 'filters'>): boolean {
  const words = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();
  const filtersOnly = (search: Pick<SavedSearch, 'filters'>) => JSON.stringify(apiFilterFor({ query: '', filters: search.filters }));
  return words(a.query) === words(b.query) && filtersOnly(a) === filtersOnly(b);
}

export function newSearchId(random: () => number = Math.random): string {
  const part = () =>
    Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0');
  return `s${part()}${part()}`;
}

/** A name that says what the search is, for notifications ("3 new jobs for “react”"). */
export function defaultName(query: string, filters: SearchFilters): string {
  const q = query.trim();
  if (q) return q.slice(0, 120);
  if (filters.jobType) return filters.jobType === 'HOURLY' ? 'All hourly jobs' : 'All fixed-price jobs';
  return 'All new jobs';
}

export function searchFromRequest(request: SaveSearchRequest & { query: string }, id: string, now: number): SavedSearch {
  const filters = normalizeFilters(request.filters);
  const name = request.name?.trim() || defaultName(request.query, filters);
  return {
    id,
    name,
    query: request.query,
    filters,
    intervalMinutes: clampInterval(request.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES),
    enabled: true,
    muted: false,
    createdAt: Math.floor(now),
  };
}

export function emptyStatus(): SearchStatus {
  return { lastCheckAt: null, lastNewCount: 0, failures: 0, lastError: null, retryAt: null, skipped: null };
}

export function viewOf(search: SavedSearch, status: SearchStatus | undefined): SavedSearchView {
  return { ...search, intervalMinutes: clampInterval(search.intervalMinutes), status: status ?? emptyStatus() };
}
