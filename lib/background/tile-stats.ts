import { ApiError } from '../upwork/api/errors';
import { lookupExpression } from '../upwork/api/lookup';
import { mirrorSearch } from '../upwork/api/mirror';
import { type JobSearchFilter, type JobSearchSortField, MAX_LOOKUPS_PER_REQUEST } from '../upwork/api/operations';
import type { JobSearchResult } from '../upwork/api/parse-search';
import type { JobDetail, JobSummary } from '../upwork/model';
import type { PageSearch } from '../upwork/site/page-search';
import type { CacheKey, ResponseCache } from './cache';
import type { Priority, RequestQueue } from './queue/types';

/**
 * Client stats for the tiles on a page. Upwork's API search is not the page's search (the page is
 * ranked for the user and moves), so re-running the page's query finds only some of its jobs.
 * 1. The cache, by job id (answers live up to 24 h).
 * 2. For every tile still unknown, a precise lookup: a search for the words of its title, newest
 *    first, a few results, matched by job id. Lookups go through the queue as one kind, so many
 *    tiles share one request (aliases) under the throttle, in the order the page asked (visible
 *    tiles first), and the requests of one page go out together: a cold page is one round trip.
 * 3. Only for tiles with no title to look up, the page's own search mirrored through the API, at
 *    the same time. Mirroring first and looking up what it missed cost a second round trip and,
 *    since the API ranks differently, usually a third request (50 tiles: 3 requests in two round
 *    trips, against 2 requests in one).
 * A job found by none of these has closed or is hidden: the tile says so.
 */

/** The queue kind of precise lookups; its key is a group of search expressions (JSON). Persisted: keep it stable. */
export const LOOKUP_KIND = 'jobLookups';

/** A queue key back into its searches; a key that is not one (stored by another version) is none. */
export function parseLookupGroup(key: string): string[] {
  try {
    const value: unknown = JSON.parse(key);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
  } catch {
    return [];
  }
}

/** Searches in groups of one request each, in the order given (visible tiles first). */
function groups(expressions: string[]): string[][] {
  const result: string[][] = [];
  for (let i = 0; i < expressions.length; i += MAX_LOOKUPS_PER_REQUEST) result.push(expressions.slice(i, i + MAX_LOOKUPS_PER_REQUEST));
  return result;
}
/** A job no lookup found is not looked up again for this long. */
export const NOT_FOUND_FRESH_MS = 60 * 60_000;
/** How often a waiting answer checks whether Upwork slowed the queue down with a 429. */
const SLOWDOWN_POLL_MS = 200;

export interface TileRequest {
  ids: readonly string[];
  /** The page's search to mirror; absent on feeds that have none. */
  query?: PageSearch;
  /** Each tile's title as the page shows it, for the precise lookup. */
  titles?: Readonly<Record<string, string>>;
}

export interface TilesResult {
  /** Full summaries (with client stats), in the order the ids were asked. */
  jobs: JobSummary[];
  /** Ids with no client stats (every id below, and tiles with no title to look up). */
  missing: string[];
  /** For ids found by neither search, what the job's detail still says about the client. */
  partial: Record<string, JobDetail['client']>;
  /** Looked up and not found: the job closed or is private. */
  notFound: string[];
  /** Ids whose own lookup failed, with why; the others are unaffected. */
  errors: Record<string, ApiError>;
  /** Ids still waiting behind a 429 slow-down, and when the queue sends again (epoch ms). */
  limited: { ids: string[]; retryAt: number } | null;
}

/** What finding tile stats has cost since the worker started. */
export interface TileStatsCounts {
  mirrorSearches: number;
  lookups: number;
  foundByCache: number;
  foundByMirror: number;
  foundByLookup: number;
  notFound: number;
}

export interface TileStatsDeps {
  cache: ResponseCache;
  freshForMs: number;
  keyFor(accountKey: string, operation: string, variables: unknown): CacheKey;
  requireAccount(): Promise<string>;
  queueFor(accountKey: string): RequestQueue;
  search(
    accountKey: string,
    filter: JobSearchFilter,
    sort: JobSearchSortField | null,
    options: { priority: Priority; signal?: AbortSignal },
  ): Promise<JobSearchResult>;
  jobDetail(id: string, options: { priority: Priority; signal?: AbortSignal }): Promise<JobDetail | null>;
  now?: () => number;
}

/** Errors that mean "nothing will work until the user acts": worth surfacing over partial data. */
const BLOCKING = new Set(['unauthorized', 'missing-scope', 'budget-exhausted']);

export function createTileStats(deps: TileStatsDeps) {
  const { cache } = deps;
  const now = deps.now ?? Date.now;
  const counts: TileStatsCounts = { mirrorSearches: 0, lookups: 0, foundByCache: 0, foundByMirror: 0, foundByLookup: 0, notFound: 0 };

  /** Resolves with the time the queue sends again once it is slowed by a 429; never while `done` is false... until then it polls. */
  function slowedDown(queue: RequestQueue, done: { value: boolean }): Promise<number | null> {
    return new Promise((resolve) => {
      const check = () => {
        if (done.value) return resolve(null);
        const until = queue.status().slowedUntil;
        if (until !== null && until > now()) return resolve(until);
        setTimeout(check, SLOWDOWN_POLL_MS);
      };
      setTimeout(check, SLOWDOWN_POLL_MS);
    });
  }

  async function jobsForTiles(request: TileRequest, options: { priority?: Priority; signal?: AbortSignal } = {}): Promise<TilesResult> {
    const accountKey = await deps.requireAccount();
    const queue = deps.queueFor(accountKey);
    const priority = options.priority ?? 'now';
    const unique = [...new Set(request.ids)];
    const found = new Map<string, JobSummary>();
    const notFound = new Set<string>();
    const errors: Record<string, ApiError> = {};
    const failures: ApiError[] = [];
    const settled = new Set<string>();
    const keep = (error: unknown): ApiError => {
      if (options.signal?.aborted) throw new ApiError('cancelled', 'The request was cancelled.');
      if (error instanceof ApiError) return error;
      throw error;
    };
    const expressionOf = (id: string) => {
      const title = request.titles?.[id];
      return title ? lookupExpression(title) : null;
    };

    const stale: string[] = [];
    await Promise.all(
      unique.map(async (id) => {
        const hit = await cache.peek<JobSummary>(deps.keyFor(accountKey, 'jobSummary', { id }), deps.freshForMs);
        if (hit) {
          found.set(id, hit.value);
          counts.foundByCache += 1;
          if (!hit.fresh) stale.push(id);
          return;
        }
        const miss = await cache.peek<true>(deps.keyFor(accountKey, 'jobNotFound', { id }), NOT_FOUND_FRESH_MS);
        if (miss?.fresh) notFound.add(id);
      }),
    );
    // Known but old: answer now, refresh quietly the way a cold tile is found (lookups; the mirror for tiles with no title).
    for (const group of groups([...new Set(stale.map(expressionOf).filter((e): e is string => e !== null))])) {
      queue.enqueue(LOOKUP_KIND, JSON.stringify(group), { priority: 'background' }).catch(() => cache.noteRevalidationFailure());
    }
    if (request.query && stale.some((id) => expressionOf(id) === null)) {
      const { filter, sort } = mirrorSearch(request.query);
      deps.search(accountKey, filter, sort ?? null, { priority: 'background' }).catch(() => cache.noteRevalidationFailure());
    }
    const unknown = () => unique.filter((id) => !found.has(id) && !notFound.has(id) && !(id in errors));

    const done = { value: false };
    const mirror = async (query: PageSearch, wanted: Set<string>) => {
      const { filter, sort } = mirrorSearch(query);
      try {
        counts.mirrorSearches += 1;
        const result = await deps.search(accountKey, filter, sort ?? null, { priority, signal: options.signal });
        for (const job of result.jobs) {
          if (!wanted.has(job.id) || found.has(job.id)) continue;
          found.set(job.id, job);
          counts.foundByMirror += 1;
        }
      } catch (error) {
        failures.push(keep(error));
      } finally {
        for (const id of wanted) settled.add(id);
      }
    };
    const work = async () => {
      // One lookup per distinct title, in the order the page asked: the queue sends them in that order.
      const byExpression = new Map<string, string[]>();
      const untitled = new Set<string>();
      for (const id of unknown()) {
        const expression = expressionOf(id);
        if (!expression) {
          untitled.add(id);
          continue;
        }
        byExpression.set(expression, [...(byExpression.get(expression) ?? []), id]);
      }
      await Promise.all([
        request.query && untitled.size > 0 ? mirror(request.query, untitled) : undefined,
        ...groups([...byExpression.keys()]).map(async (group) => {
          const groupIds = group.flatMap((expression) => byExpression.get(expression) ?? []);
          try {
            counts.lookups += 1;
            const answers = await queue.enqueue<Map<string, JobSummary[] | Error>>(LOOKUP_KIND, JSON.stringify(group), {
              priority,
              signal: options.signal,
            });
            for (const expression of group) {
              const answer = answers.get(expression) ?? new ApiError('invalid-data', 'Upwork’s answer left this job’s lookup out.');
              for (const id of byExpression.get(expression) ?? []) {
                if (answer instanceof Error) {
                  errors[id] = keep(answer);
                  continue;
                }
                const job = answer.find((candidate) => candidate.id === id);
                if (job) {
                  found.set(id, job);
                  counts.foundByLookup += 1;
                } else {
                  notFound.add(id);
                  counts.notFound += 1;
                  await cache.set(deps.keyFor(accountKey, 'jobNotFound', { id }), true);
                }
              }
            }
          } catch (error) {
            const failure = keep(error);
            failures.push(failure);
            for (const id of groupIds) errors[id] = failure;
          } finally {
            for (const id of groupIds) settled.add(id);
          }
        }),
      ]);
    };
    const finished = work().finally(() => {
      done.value = true;
    });
    const retryAt = await Promise.race([finished.then(() => null), slowedDown(queue, done)]);
    if (retryAt !== null) {
      // Held back by Upwork's 429: say so now; the requests go on, and their answers land in the cache.
      finished.catch(() => undefined);
      const waiting = unknown().filter((id) => !settled.has(id));
      return result(unique, found, notFound, errors, {}, waiting.length > 0 ? { ids: waiting, retryAt } : null);
    }

    const partial: TilesResult['partial'] = {};
    const blocked = failures.some((error) => BLOCKING.has(error.kind));
    // Jobs found by neither search: their detail still tells the client's country and payment.
    const closed = blocked ? [] : unique.filter((id) => notFound.has(id) || (!found.has(id) && !(id in errors)));
    const details = await Promise.allSettled(closed.map((id) => deps.jobDetail(id, { priority, signal: options.signal })));
    details.forEach((outcome, index) => {
      if (outcome.status === 'rejected') failures.push(keep(outcome.reason));
      else if (outcome.value) partial[closed[index] as string] = outcome.value.client;
    });
    if (found.size === 0 && Object.keys(partial).length === 0 && notFound.size === 0) {
      // Nothing at all to show: an error the user must act on beats per-tile noise.
      const blocking = failures.find((error) => BLOCKING.has(error.kind));
      if (blocking ?? (failures[0] && Object.keys(errors).length === 0)) throw blocking ?? failures[0];
    }
    return result(unique, found, notFound, errors, partial, null);
  }

  return { jobsForTiles, counts: (): TileStatsCounts => ({ ...counts }) };
}

function result(
  unique: string[],
  found: Map<string, JobSummary>,
  notFound: Set<string>,
  errors: Record<string, ApiError>,
  partial: TilesResult['partial'],
  limited: TilesResult['limited'],
): TilesResult {
  return {
    jobs: unique.filter((id) => found.has(id)).map((id) => found.get(id) as JobSummary),
    missing: unique.filter((id) => !found.has(id)),
    partial,
    notFound: unique.filter((id) => notFound.has(id) && !found.has(id)),
    errors: Object.fromEntries(Object.entries(errors).filter(([id]) => !found.has(id))),
    limited,
  };
}
