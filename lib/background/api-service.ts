import { createGraphQLClient, type FetchLike, type Requester, type UpworkGraphQLClient } from '../upwork/api/client';
import { ApiError } from '../upwork/api/errors';
import { type JobSearchFilter, type JobSearchSortField, MAX_BATCH_SIZE, MAX_LOOKUPS_PER_REQUEST } from '../upwork/api/operations';
import { BatchCasualtyError } from '../upwork/api/parse-batch';
import type { JobSearchResult } from '../upwork/api/parse-search';
import type { TokenSource } from '../upwork/api/token-source';
import { createUpworkApi, type UpworkApi } from '../upwork/api/upwork-api';
import type { Account, FreelancerStats, JobDetail, JobSummary } from '../upwork/model';
import { type CacheKey, type CacheStats, createResponseCache, type ResponseCache } from './cache';
import { stableStringify } from './cache/stable-stringify';
import type { BatchKind, EnqueueOptions, Priority, QueueStatus, RequestQueue } from './queue/types';
import { recordRequest } from './request-log/instance';
import { createRequesterTally } from './request-log/requesters';
import { workerQueue } from './requests';
import { createTileStats, LOOKUP_KIND, parseLookupGroup, type TileRequest, type TileStatsCounts, type TilesResult } from './tile-stats';

export type { TileRequest, TilesResult } from './tile-stats';

/**
 * Upwork data for the rest of the worker: cache first, then the throttle queue, which sends each
 * request through the GraphQL client. Every result is cached per account (max 24 h); a stale value
 * is served at once and refreshed in the background at 'background' priority.
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

interface SearchKey {
  filter: JobSearchFilter;
  sort: JobSearchSortField | null;
}

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

  const keyFor = (accountKey: string, operation: string, variables: unknown): CacheKey => ({ accountKey, operation, variables });

  /** Results land in the cache inside each run: work resumed after a worker restart has no caller. */
  async function store(operation: string, entries: Iterable<[unknown, unknown]>): Promise<void> {
    const accountKey = await tokens.getAccountKey();
    if (!accountKey) return;
    for (const [variables, value] of entries) await cache.set(keyFor(accountKey, operation, variables), value);
    // Written through before the queue counts the work done: a worker stopped right after would
    // otherwise lose the answer from both the cache and the unfinished-work record.
    await cache.flush();
  }

  /** Resumed work is dropped when the stopped worker had already kept a fresh answer for it. */
  async function freshlyCached(operation: keyof typeof FRESH_FOR_MS, variables: unknown): Promise<boolean> {
    const accountKey = await tokens.getAccountKey();
    return !!accountKey && (await cache.peek(keyFor(accountKey, operation, variables), FRESH_FOR_MS[operation]))?.fresh === true;
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

  const kinds: BatchKind<unknown>[] = [
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

  /** Fresh from the cache; stale from the cache plus a background refresh; otherwise through the queue. */
  async function cached<T>(key: CacheKey, freshForMs: number, load: Load<T>, options: CallOptions): Promise<T> {
    const found = await cache.peek<T>(key, options.maxAgeMs ?? freshForMs);
    if (found?.fresh) return found.value;
    if (found && options.maxAgeMs === undefined) {
      load('background', undefined).catch(() => cache.noteRevalidationFailure());
      return found.value;
    }
    return load(options.priority ?? 'now', options.signal);
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

  /** One job's details or one freelancer's profile: cached under the same key its batch kind stores (see batchKind). */
  async function cachedLookup<T>(
    operation: 'jobDetail' | 'freelancer',
    variable: 'id' | 'profileKey',
    key: string,
    options: CallOptions,
  ): Promise<T> {
    const accountKey = await requireAccount();
    const queue = queueFor(accountKey);
    return cached(
      keyFor(accountKey, operation, { [variable]: key }),
      FRESH_FOR_MS[operation],
      loadBatched<T>(queue, KINDS[operation], KINDS[`${operation}Alone`], key, options.requestedBy),
      options,
    );
  }

  function jobDetail(id: string, options: CallOptions = {}): Promise<JobDetail | null> {
    return cachedLookup('jobDetail', 'id', id, options);
  }

  function searchLoad(
    queue: RequestQueue,
    filter: JobSearchFilter,
    sort: JobSearchSortField | null,
    who?: Requester,
  ): Load<JobSearchResult> {
    const key = stableStringify({ filter, sort } satisfies SearchKey);
    return (priority, signal) => ask<JobSearchResult>(queue, KINDS.search, key, who, priority, signal);
  }

  /** Searches are reused only while fresh: a stale copy would miss newly posted jobs. */
  async function freshSearch(
    accountKey: string,
    filter: JobSearchFilter,
    sort: JobSearchSortField | null,
    options: CallOptions & { maxAgeMs?: number },
  ): Promise<JobSearchResult> {
    const fresh = await cache.peek<JobSearchResult>(
      keyFor(accountKey, 'search', { filter, sort }),
      options.maxAgeMs ?? FRESH_FOR_MS.search,
    );
    if (fresh?.fresh) return fresh.value;
    return searchLoad(queueFor(accountKey), filter, sort, options.requestedBy)(options.priority ?? 'now', options.signal);
  }

  const tiles = createTileStats({
    cache,
    freshForMs: FRESH_FOR_MS.jobSummary,
    keyFor,
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
      return (await cache.peek<JobSummary>(keyFor(accountKey, 'jobSummary', { id }), 0))?.value ?? null;
    },

    freelancer: (profileKey, options = {}) => cachedLookup<FreelancerStats | null>('freelancer', 'profileKey', profileKey, options),

    async me(options = {}) {
      const accountKey = await requireAccount();
      const queue = queueFor(accountKey);
      const tenantId = await tokens.getTenantId();
      return cached(
        keyFor(accountKey, 'me', { tenantId }),
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

// ---- the worker's real instance -------------------------------------------------------------

let workerCache: ResponseCache | undefined;
let workerService: ApiService | undefined;

function sharedCache(): ResponseCache {
  workerCache ??= createResponseCache({ onDisabled: (reason) => console.warn(reason) });
  return workerCache;
}

/** The worker's global fetch, called unbound-safe (a bare reference throws "Illegal invocation" in Chrome). */
const workerFetch: FetchLike = (input, init) => fetch(input, init);

/**
 * The worker's ApiService, built on first use from the real parts: the worker's fetch, sign-in as
 * the TokenSource, one queue per account under the browser's one throttle (requests.ts), and the
 * IndexedDB cache.
 */
export function getWorkerApiService(tokens: TokenSource): ApiService {
  if (workerService) return workerService;
  workerService = createApiService({
    client: createGraphQLClient({ fetch: workerFetch, tokens, resendAfterRenewal: 'queue', onSent: recordRequest }),
    queue: (accountKey) => workerQueue(accountKey, async () => (await tokens.getAccountKey()) === accountKey),
    cache: sharedCache(),
    tokens,
  });
  return workerService;
}

/** Sign-out: forget that account's cached Upwork data. */
export function clearCachedAccount(accountKey: string): Promise<void> {
  return sharedCache().clearAccount(accountKey);
}
