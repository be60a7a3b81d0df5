import type { ClientRecord, Dataset, JobRecord } from './schema';

/** The subset of MarketplaceJobPostingsSearchFilter the sandbox honours (names as in the schema). */
export interface SearchFilter {
  searchExpression_eq?: string | null;
  titleExpression_eq?: string | null;
  skillExpression_eq?: string | null;
  jobType_eq?: 'HOURLY' | 'FIXED' | null;
  experienceLevel_eq?: 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT' | null;
  verifiedPaymentOnly_eq?: boolean | null;
  clientHiresRange_eq?: IntRange | null;
  budgetRange_eq?: IntRange | null;
  hourlyRate_eq?: IntRange | null;
  proposalRange_eq?: IntRange | null;
  locations_any?: readonly string[] | null;
  categoryIds_any?: readonly string[] | null;
  pagination_eq?: { first: number; after?: string | null } | null;
}
export interface IntRange {
  rangeStart?: number | null;
  rangeEnd?: number | null;
}
export type SortField = 'RECENCY' | 'RELEVANCE' | 'CLIENT_TOTAL_CHARGE' | 'CLIENT_RATING';

export interface SearchHit {
  job: JobRecord;
  client: ClientRecord;
  cursor: string;
}
export interface SearchPage {
  totalCount: number;
  hits: SearchHit[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

/** Lower-case words; quotes and Lucene-ish operators are treated as plain words. */
export function words(expression: string | null | undefined): string[] {
  return (expression ?? '')
    .toLowerCase()
    .split(/[\s"()]+/)
    .filter((w) => w && w !== 'and' && w !== 'or');
}

const inRange = (value: number, range: IntRange) =>
  (range.rangeStart == null || value >= range.rangeStart) && (range.rangeEnd == null || value <= range.rangeEnd);

/** A job's text as searches read it, worked out once per job: one request may carry 25 searches over every job. */
interface JobText {
  all: string;
  title: string;
  skills: string;
  description: string;
  titleWords: string[];
}
const texts = new WeakMap<JobRecord, JobText>();

function textOf(job: JobRecord): JobText {
  let text = texts.get(job);
  if (!text) {
    const title = job.title.toLowerCase();
    const skills = job.skills.join('\n').toLowerCase();
    const description = job.description.toLowerCase();
    text = { all: `${title}\n${description}\n${skills}`, title, skills, description, titleWords: [...new Set(titleWords(job.title))] };
    texts.set(job, text);
  }
  return text;
}

/** The words of one search, split once for every job it is matched against. */
interface Query {
  all: string[];
  title: string[];
  skills: string[];
}

function queryOf(f: SearchFilter): Query {
  return { all: words(f.searchExpression_eq), title: words(f.titleExpression_eq), skills: words(f.skillExpression_eq) };
}

function matches(job: JobRecord, client: ClientRecord, f: SearchFilter, query: Query = queryOf(f)): boolean {
  const text = textOf(job);
  if (query.all.length > 0 && !query.all.every((w) => text.all.includes(w))) return false;
  if (query.title.length > 0 && !query.title.every((w) => text.title.includes(w))) return false;
  if (query.skills.length > 0 && !query.skills.every((w) => text.skills.includes(w))) return false;
  if (f.jobType_eq && job.jobType !== f.jobType_eq) return false;
  if (f.experienceLevel_eq && job.experienceLevel !== f.experienceLevel_eq) return false;
  if (f.verifiedPaymentOnly_eq && !client.paymentVerified) return false;
  if (f.clientHiresRange_eq && !inRange(client.totalHires, f.clientHiresRange_eq)) return false;
  if (f.proposalRange_eq && !inRange(job.totalApplicants ?? 0, f.proposalRange_eq)) return false;
  // Budget applies to fixed-price jobs, hourly rate to hourly ones; with both set a job may match either.
  if (f.budgetRange_eq || f.hourlyRate_eq) {
    const fixedOk = f.budgetRange_eq != null && job.jobType === 'FIXED' && inRange(job.fixedBudget ?? 0, f.budgetRange_eq);
    const hourlyOk =
      f.hourlyRate_eq != null &&
      job.jobType === 'HOURLY' &&
      job.hourlyMin !== null &&
      (f.hourlyRate_eq.rangeEnd == null || job.hourlyMin <= f.hourlyRate_eq.rangeEnd) &&
      (f.hourlyRate_eq.rangeStart == null || (job.hourlyMax ?? job.hourlyMin) >= f.hourlyRate_eq.rangeStart);
    if (!fixedOk && !hourlyOk) return false;
  }
  if (f.locations_any && f.locations_any.length > 0) {
    const wanted = f.locations_any.map((l) => l.toLowerCase());
    const where = [client.country?.name, client.country?.code, client.city].filter(Boolean).map((s) => String(s).toLowerCase());
    if (!where.some((w) => wanted.includes(w))) return false;
  }
  if (f.categoryIds_any && f.categoryIds_any.length > 0 && !f.categoryIds_any.includes(job.category.id)) return false;
  return true;
}

/** How well a job matches the search words: title hits count most. */
function relevance(job: JobRecord, searchWords: readonly string[]): number {
  let score = 0;
  const { title, skills, description } = textOf(job);
  for (const w of searchWords) {
    if (title.includes(w)) score += 3;
    if (skills.includes(w)) score += 2;
    if (description.includes(w)) score += 1;
  }
  return score;
}

const byRecency = (a: JobRecord, b: JobRecord) => a.publishedMinutesAgo - b.publishedMinutesAgo || (BigInt(b.id) > BigInt(a.id) ? 1 : -1);

/** A stable hash of a string (FNV-1a), for choices that must repeat from run to run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * With divergence on, the API's search is not the page's: a broad search through the API surfaces
 * only about a third of the jobs the page lists (the page is ranked and filled for its user), so
 * the page's own query returns a minority of its tiles. A search naming most of one job's title
 * words still finds that job, as any full-text index would.
 */
export function surfacedByBroadSearch(job: JobRecord): boolean {
  return hash(`api:${job.id}`) % 3 === 0;
}

function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The expression holds most (at least 60 %) of the job's title words. */
export function namesMostOfTitle(job: JobRecord, expression: string | null | undefined, asked = askedWords(expression)): boolean {
  const title = textOf(job).titleWords;
  if (title.length === 0) return false;
  return title.filter((w) => asked.has(w)).length >= Math.ceil(title.length * 0.6);
}

function askedWords(expression: string | null | undefined): Set<string> {
  return new Set(titleWords(expression ?? ''));
}

/** The expression is this job's own lookup: most of its title words, and no word from elsewhere. */
export function looksUpOnly(job: JobRecord, expression: string | null | undefined): boolean {
  const title = new Set(titleWords(job.title));
  return namesMostOfTitle(job, expression) && titleWords(expression ?? '').every((word) => title.has(word));
}

export interface SearchOptions {
  /** The API's view (true: only what a broad search surfaces, plus precise title matches). */
  divergence?: boolean;
}

/** Filter, sort and page as marketplaceJobPostingsSearch does; with divergence off the pages show exactly this. */
const clientMaps = new WeakMap<Dataset, { from: readonly ClientRecord[]; byId: Map<string, ClientRecord> }>();

/** Clients by id, built again only when the dataset's client list is replaced. */
function clientsOf(dataset: Dataset): Map<string, ClientRecord> {
  let known = clientMaps.get(dataset);
  if (!known || known.from !== dataset.clients || known.byId.size !== dataset.clients.length) {
    known = { from: dataset.clients, byId: new Map(dataset.clients.map((c) => [c.id, c])) };
    clientMaps.set(dataset, known);
  }
  return known.byId;
}

export function searchJobs(
  dataset: Dataset,
  filter: SearchFilter = {},
  sort: SortField = 'RECENCY',
  options: SearchOptions = {},
): SearchPage {
  const clients = clientsOf(dataset);
  const query = queryOf(filter);
  const asked = askedWords(filter.searchExpression_eq ?? filter.titleExpression_eq);
  const found: { job: JobRecord; client: ClientRecord; score: number }[] = [];
  for (const job of dataset.jobs) {
    const client = clients.get(job.clientId);
    if (options.divergence && !surfacedByBroadSearch(job) && !namesMostOfTitle(job, null, asked)) continue;
    if (client && matches(job, client, filter, query))
      found.push({ job, client, score: sort === 'RELEVANCE' ? relevance(job, query.all) : 0 });
  }
  found.sort((a, b) => {
    switch (sort) {
      case 'RELEVANCE':
        return b.score - a.score || byRecency(a.job, b.job);
      case 'CLIENT_TOTAL_CHARGE':
        return b.client.totalSpent - a.client.totalSpent || byRecency(a.job, b.job);
      case 'CLIENT_RATING':
        return (b.client.rating ?? -1) - (a.client.rating ?? -1) || byRecency(a.job, b.job);
      default:
        return byRecency(a.job, b.job);
    }
  });
  const first = Math.min(Math.max(filter.pagination_eq?.first ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
  const offset = Math.max(0, Number.parseInt(filter.pagination_eq?.after ?? '0', 10) || 0);
  const slice = found.slice(offset, offset + first);
  return {
    totalCount: found.length,
    hits: slice.map((h, i) => ({ job: h.job, client: h.client, cursor: String(offset + i + 1) })),
    hasNextPage: offset + first < found.length,
    endCursor: slice.length > 0 ? String(offset + slice.length) : null,
  };
}

export function findJob(dataset: Dataset, id: string): { job: JobRecord; client: ClientRecord } | null {
  const job = dataset.jobs.find((j) => j.id === id);
  const client = job && dataset.clients.find((c) => c.id === job.clientId);
  return job && client ? { job, client } : null;
}
