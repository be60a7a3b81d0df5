import type { NumberRange, PageSearch } from './page-search';

/**
 * What a job search page's URL asks for, in Loupe's words: the query as typed (boolean syntax
 * untouched), the filters, the sort and the slice of results. Parameter names and values are the
 * ones Upwork's own search page defines (see the tests for real URLs). Parameters with no API
 * filter (duration_v3, contract_to_hire) are not read; the tiles they leave in are matched by id.
 */

const SORTS: Record<string, PageSearch['sort']> = {
  recency: 'RECENCY',
  relevance: 'RELEVANCE',
  client_total_charge: 'CLIENT_TOTAL_CHARGE',
  client_rating: 'CLIENT_RATING',
};
const JOB_TYPES = { '0': 'HOURLY', '1': 'FIXED' } as const;
const TIERS = { '1': 'ENTRY_LEVEL', '2': 'INTERMEDIATE', '3': 'EXPERT' } as const;

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** `201-`, `100-499`, `-500`, `0`: a range with either end open; null when it is not one. */
export function parseRange(text: string): NumberRange | null {
  const match = /^(\d*)(-?)(\d*)$/.exec(text.trim());
  if (!match || (match[1] === '' && match[3] === '')) return null;
  const [, low, dash, high] = match;
  const min = low ? Number(low) : undefined;
  const max = dash ? (high ? Number(high) : undefined) : min;
  if (min !== undefined && max !== undefined && min > max) return null;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/**
 * Several ticked ranges (`amount=0-99,5000-`) become the one range that holds them all: the API
 * takes one range, and a wider search still returns the page's jobs, which are matched by id.
 */
function rangeOf(value: string | null): NumberRange | undefined {
  const ranges = list(value).map(parseRange);
  if (ranges.length === 0 || ranges.some((r) => r === null)) return undefined;
  const all = ranges as NumberRange[];
  const min = all.some((r) => r.min === undefined) ? undefined : Math.min(...all.map((r) => r.min as number));
  const max = all.some((r) => r.max === undefined) ? undefined : Math.max(...all.map((r) => r.max as number));
  if (min === undefined && max === undefined) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** One value the API can take, or nothing when the page asks for several (the API filter takes one). */
function single<T>(values: string[], map: (value: string) => T | undefined): T | undefined {
  const mapped = [...new Set(values.map(map))];
  return mapped.length === 1 ? mapped[0] : undefined;
}

function sortOf(value: string | null): PageSearch['sort'] {
  // `client_total_charge+desc` arrives as "client_total_charge desc" (a + in a query string is a space).
  const field = (value ?? '').trim().toLowerCase().split(/[\s+]/)[0] ?? '';
  return SORTS[field];
}

/** The page's search from its URL (the page number and page size included). */
export function pageSearchOf(url: URL): PageSearch {
  const params = url.searchParams;
  const search: PageSearch = {};
  const q = params.get('q')?.trim();
  if (q) search.q = q.slice(0, 500);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const perPage = Number.parseInt(params.get('per_page') ?? '10', 10);
  search.pageSize = Number.isFinite(perPage) && perPage > 0 && perPage <= 100 ? perPage : 10;
  search.offset = Number.isFinite(page) && page > 1 ? Math.min((page - 1) * search.pageSize, 5_000) : 0;
  const sort = sortOf(params.get('sort'));
  if (sort) search.sort = sort;
  const jobType = single(list(params.get('t')), (t) => JOB_TYPES[t as keyof typeof JOB_TYPES]);
  if (jobType) search.jobType = jobType;
  const tier = single(list(params.get('contractor_tier')), (t) => TIERS[t as keyof typeof TIERS]);
  if (tier) search.experienceLevel = tier;
  if (params.get('payment_verified') === '1') search.verifiedPaymentOnly = true;
  if (params.get('previous_clients') === 'all') search.previousClients = true;
  const ranges = { clientHires: 'client_hires', budget: 'amount', hourlyRate: 'hourly_rate', proposals: 'proposals' } as const;
  for (const [field, name] of Object.entries(ranges) as [keyof typeof ranges, string][]) {
    const value = rangeOf(params.get(name));
    if (value) search[field] = value;
  }
  const locations = list(params.get('location')).map((place) => place.slice(0, 100));
  if (locations.length > 0) search.locations = locations.slice(0, 50);
  const timezone = single(list(params.get('timezone')), (zone) => zone.slice(0, 100));
  if (timezone) search.timezone = timezone;
  const categories = list(params.get('category2_uid')).filter((id) => /^\d{1,30}$/.test(id));
  if (categories.length > 0) search.categoryIds = categories.slice(0, 50);
  const subcategories = list(params.get('subcategory2_uid')).filter((id) => /^\d{1,30}$/.test(id));
  if (subcategories.length > 0) search.subcategoryIds = subcategories.slice(0, 50);
  return search;
}
