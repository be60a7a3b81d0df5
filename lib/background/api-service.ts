import type { Requester, UpworkGraphQLClient } from '../upwork/api/client';
import { ApiError } from '../upwork/api/errors';
import type { JobSearchFilter, JobSearchSortField } from '../upwork/api/operations';
import { BatchCasualtyError } from '../upwork/api/parse-batch';
import type { JobSearchResult } from '../upwork/api/parse-search';
import type { TokenSource } from '../upwork/api/token-source';
import { createUpworkApi, type UpworkApi } from '../upwork/api/upwork-api';
import type { Account, FreelancerStats, JobDetail, JobSummary } from '../upwork/model';
import type { CacheKey, CacheStats, ResponseCache } from './cache';
import { stableStringify } from './cache/stable-stringify';
import type { EnqueueOptions, Priority, QueueStatus, RequestQueue } from './queue/types';
import { cacheKeyFor, createRequestKinds, FRESH_FOR_MS, KINDS, type SearchKey } from './request-kinds';
import { createRequesterTally } from './request-log/requesters';
import { createTileStats, type TileRequest, type TileStatsCounts, type TilesResult } from './tile-stats';

export type { TileRequest, TilesResult } from './tile-stats';

/**
 * Upwork data for the rest of the worker: cache first, then the throttle queue, which sends each
 * request through the GraphQL client. Every result is cached per account (max 24 h); a stale value
 * is served at once and refreshed in the background at 'background' priority.
 */

export interface CallOptions {
  /** Default 'now': someone is looking at the answer. */
  priority?: Priority;
  /** Cancels this caller's wait; the request itself goes only if someone still wants it. */
  signal?: AbortSignal;
  /** What asks, for the request log; default 'page'. */
  requestedBy?: Requester;
  /** Only an answer younger than this will do (0: always ask Upwork); none stale is served. */
  maxAgeMs?: number;
}

export interface ApiServiceStatus {
  cache: CacheStats;
  queue: QueueStatus | null;
  /** What finding client stats for tiles has cost since the worker started. */
  tiles: TileStatsCounts;
  /** Recent answers Loupe could not fully read, in plain words, newest last. */
  problems: string[];
}

export interface ApiService {
  /** Client stats for the tiles on a page: cache, the page's mirrored search, then precise lookups (tile-stats.ts). */
  jobsForTiles(request: TileRequest, options?: CallOptions): Promise<TilesResult>;
  /** null when no job has that id. */
  jobDetail(id: string, options?: CallOptions): Promise<JobDetail | null>;
  /** A job's summary from answers Loupe already has (never a request); null when none is kept. */
  knownJob(id: string): Promise<JobSummary | null>;
  /** null when no profile has that key. */
  freelancer(profileKey: string, options?: CallOptions): Promise<FreelancerStats | null>;
  me(options?: CallOptions): Promise<Account>;
  /**
   * Any search (alerts, saved searches), reused for 2 minutes (or `maxAgeMs`; 0 always asks Upwork);
   * jobs found are cached by id like the page's.
   */
  searchJobs(filter: JobSearchFilter, options?: CallOptions & { sort?: JobSearchSortField; maxAgeMs?: number }): Promise<JobSearchResult>;
  /** Forgets one account's cached answers (sign-out). */
  clearAccount(accountKey: string): Promise<void>;
  /** Takes up work a stopped worker left in the queue (call at worker start when signed in); false when signed out. */
  resumeUnfinished(): Promise<boolean>;
  status(): Promise<ApiServiceStatus>;
}

export interface ApiServiceDeps {
  client: UpworkGraphQLClient;
  /** One queue, or one per account (all sharing the browser's throttle: see requests.ts). */
  queue: RequestQueue | ((accountKey: string) => RequestQueue);
  cache: ResponseCache;
  tokens: TokenSource;
}

const MAX_PROBLEMS = 20;

export function createApiService(deps: ApiServiceDeps): ApiService {
  const api: UpworkApi = createUpworkApi(deps.client);
  const { cache, tokens } = deps;
  const registered = new WeakSet<RequestQueue>();
  const problems: string[] = [];
  const requesters = createRequesterTally();
  let lastQueue: RequestQueue | null = null;

  function noteProblem(message: string): void {
    problems.push(message);
    if (problems.length > MAX_PROBLEMS) problems.splice(0, problems.length - MAX_PROBLEMS);
  }

  const kinds = createRequestKinds({ api, cache, tokens, requesters, noteProblem });

  function queueFor(accountKey: string): RequestQueue {
    const queue = typeof deps.queue === 'function' ? deps.queue(accountKey) : deps.queue;
    if (!registered.has(queue)) {
      for (const kind of kinds) queue.register(kind);
      registered.add(queue);
      // Work a stopped worker left unfinished; its results land in the cache.
      queue.resume().catch((error: unknown) => noteProblem(`Loupe could not resume unfinished requests: ${String(error)}`));
    }
    lastQueue = queue;
    return queue;
  }

  async function requireAccount(): Promise<string> {
    const accountKey = await tokens.getAccountKey();
    if (!accountKey) throw new ApiError('unauthorized', 'Sign in to Upwork in Loupe’s settings to see data from Upwork.');
    return accountKey;
  }

  type Load<T> = (priority: Priority, signal: AbortSignal | undefined) => Promise<T>;

  /** Every enqueue goes through here, so the request that carries the key can name who asked. */
  function ask<T>(queue: RequestQueue, kind: string, key: string, who: Requester | undefined, priority: Priority, signal?: AbortSignal) {
    return requesters.during(kind, key, who ?? 'page', () => queue.enqueue<T>(kind, key, { priority, signal }));
  }

  /** A page's queue for tile stats: its lookups are asked for by that page. */
  function pageQueue(queue: RequestQueue): RequestQueue {
    return {
      ...queue,
      enqueue: <T>(kind: string, key: string, options: EnqueueOptions) =>
        ask<T>(queue, kind, key, 'page', options.priority, options.signal),
    };
  }

  /**
   * Through the cache's one stale-while-revalidate rule; a refresh goes at 'background' priority
   * with nobody waiting. An explicit `maxAgeMs` wants nothing older, so nothing stale is served.
   */
  function cached<T>(key: CacheKey, freshForMs: number, load: Load<T>, options: CallOptions, serveStale = options.maxAgeMs === undefined) {
    return cache.serve<T>(
      key,
      options.maxAgeMs ?? freshForMs,
      ({ revalidating }) => (revalidating ? load('background', undefined) : load(options.priority ?? 'now', options.signal)),
      { serveStale },
    );
  }

  /**
   * Batched lookups. Keys dropped only because a batch-mate failed are asked again together (the
   * failed key has its answer by then); dropped twice, each goes alone.
   */
  function loadBatched<T>(queue: RequestQueue, kind: string, aloneKind: string, key: string, who?: Requester): Load<T> {
    return async (priority, signal) => {
      for (const attempt of [kind, kind]) {
        try {
          return await ask<T>(queue, attempt, key, who, priority, signal);
        } catch (error) {
          if (!(error instanceof BatchCasualtyError)) throw error;
        }
      }
      return ask<T>(queue, aloneKind, key, who, priority, signal);
    };
  }

  /** One job's details or one freelancer's profile: cached under the same key its batch kind stores (request-kinds.ts). */
  async function cachedLookup<T>(
    operation: 'jobDetail' | 'freelancer',
    variable: 'id' | 'profileKey',
    key: string,
    options: CallOptions,
  ): Promise<T> {
    const accountKey = await requireAccount();
    const queue = queueFor(accountKey);
    return cached(
      cacheKeyFor(accountKey, operation, { [variable]: key }),
      FRESH_FOR_MS[operation],
      loadBatched<T>(queue, KINDS[operation], KINDS[`${operation}Alone`], key, options.requestedBy),
      options,
    );
  }

  function jobDetail(id: string, options: CallOptions = {}): Promise<JobDetail | null> {
    return cachedLookup('jobDetail', 'id', id, options);
  }

  /** Searches are reused only while fresh: a stale copy would miss newly posted jobs. */
  function freshSearch(
    accountKey: string,
    filter: JobSearchFilter,
    sort: JobSearchSortField | null,
    options: CallOptions,
  ): Promise<JobSearchResult> {
    const key = stableStringify({ filter, sort } satisfies SearchKey);
    const load: Load<JobSearchResult> = (priority, signal) =>
      ask<JobSearchResult>(queueFor(accountKey), KINDS.search, key, options.requestedBy, priority, signal);
    return cached(cacheKeyFor(accountKey, 'search', { filter, sort }), FRESH_FOR_MS.search, load, options, false);
  }

  const tiles = createTileStats({
    cache,
    freshForMs: FRESH_FOR_MS.jobSummary,
    keyFor: cacheKeyFor,
    requireAccount,
    queueFor: (accountKey) => pageQueue(queueFor(accountKey)),
    search: (accountKey, filter, sort, options) => freshSearch(accountKey, filter, sort, options),
    jobDetail: (id, options) => jobDetail(id, options),
  });

  return {
    jobsForTiles: (request, options = {}) => tiles.jobsForTiles(request, options),

    jobDetail,

    async knownJob(id) {
      const accountKey = await tokens.getAccountKey();
      if (!accountKey) return null;
      return (await cache.peek<JobSummary>(cacheKeyFor(accountKey, 'jobSummary', { id }), 0))?.value ?? null;
    },

    freelancer: (profileKey, options = {}) => cachedLookup<FreelancerStats | null>('freelancer', 'profileKey', profileKey, options),

    async me(options = {}) {
      const accountKey = await requireAccount();
      const queue = queueFor(accountKey);
      const tenantId = await tokens.getTenantId();
      return cached(
        cacheKeyFor(accountKey, 'me', { tenantId }),
        FRESH_FOR_MS.me,
        (priority, signal) => ask<Account>(queue, KINDS.me, tenantId ?? 'default', options.requestedBy ?? 'account', priority, signal),
        options,
      );
    },

    async searchJobs(filter, options = {}) {
      const accountKey = await requireAccount();
      return freshSearch(accountKey, filter, options.sort ?? null, options);
    },

    clearAccount: (accountKey) => cache.clearAccount(accountKey),

    async resumeUnfinished() {
      const accountKey = await tokens.getAccountKey();
      if (accountKey) queueFor(accountKey); // registering a new queue's kinds resumes its work
      return accountKey !== null;
    },

    async status() {
      const accountKey = await tokens.getAccountKey();
      const queue = accountKey ? queueFor(accountKey) : lastQueue;
      // A worker that has just started reports today's count and resumed work, not zeros.
      await queue?.settled().catch(() => undefined);
      return { cache: cache.stats(), queue: queue?.status() ?? null, tiles: tiles.counts(), problems: [...problems] };
    },
  };
}
