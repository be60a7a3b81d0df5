import type { ThrottleLimits } from '../settings/throttle';
import { createGraphQLClient, type FetchLike, type SentRequest } from '../upwork/api/client';
import { ApiError } from '../upwork/api/errors';
import type { TokenSource } from '../upwork/api/token-source';
import type { Account } from '../upwork/model';
import { type ApiService, createApiService } from './api-service';
import { lookUpAccount } from './auth/account-lookup';
import { createResponseCache, type ResponseCache } from './cache';
import { type BatchKind, browserQueueStorage, createRequestQueue, createThrottle, type RequestQueue, type Throttle } from './queue';
import { recordRequest } from './request-log/instance';

/**
 * The worker's request core, wired in this one place: the browser's ONE throttle (Upwork limits
 * requests per IP, so every account and every tab share it; and it counts a budget per API key),
 * the queues that share it (one per account, and one per API key for sign-in's own account
 * lookups, which are counted like every other request), the cache, and the ApiService over them.
 */

let throttle: Throttle | undefined;
let limits: ThrottleLimits | undefined;
const queues = new Map<string, RequestQueue>();

/** The worker's global fetch, called unbound-safe (a bare reference throws "Illegal invocation" in Chrome). */
const workerFetch: FetchLike = (input, init) => fetch(input, init);

export function workerThrottle(): Throttle {
  throttle ??= createThrottle({ storage: browserQueueStorage(), ...limits });
  return throttle;
}

/** The throttle settings (rate, burst), applied from the next send. */
export function setWorkerThrottle(next: ThrottleLimits): void {
  limits = { ratePerSecond: next.ratePerSecond, burst: next.burst };
  throttle?.setLimits(limits);
}

/** An account key is `clientId:userId` (auth/session.ts); Upwork's daily budget belongs to the client id. */
export function apiKeyOf(accountKey: string): string {
  const colon = accountKey.indexOf(':');
  return colon < 0 ? accountKey : accountKey.slice(0, colon);
}

/**
 * One account's queue. `stillCurrent` is asked before each send, so work queued for an account is
 * dropped rather than sent with the token of the account signed in since.
 */
export function workerQueue(accountKey: string, stillCurrent?: () => Promise<boolean>): RequestQueue {
  let queue = queues.get(accountKey);
  if (!queue) {
    queue = createRequestQueue({
      accountKey,
      budgetKey: apiKeyOf(accountKey),
      storage: browserQueueStorage(),
      throttle: workerThrottle(),
      stillCurrent,
    });
    queues.set(accountKey, queue);
  }
  return queue;
}

const LOOKUP = 'accountLookup';

/**
 * Sign-in's `Me` lookup (and the connection test's) through the throttle and the key's budget: one
 * queue per API key, ephemeral work (the token is held only in memory, for the caller waiting).
 */
export function queuedAccountLookup(fetch: FetchLike, queueFor: (clientId: string) => RequestQueue, onSent?: (sent: SentRequest) => void) {
  const direct = lookUpAccount(fetch, onSent);
  const tokens = new Map<string, string>();
  let next = 0;
  const kind: BatchKind<Account> = {
    kind: LOOKUP,
    maxBatch: 1,
    ephemeral: true,
    async run([key = '']) {
      const token = tokens.get(key);
      if (token === undefined) throw new ApiError('cancelled', 'The account lookup was cancelled.');
      return new Map([[key, await direct(token)]]);
    },
  };
  return async (accessToken: string, clientId: string): Promise<Account> => {
    const queue = queueFor(clientId);
    queue.register(kind);
    // Each lookup is its own request: a connection test must really ask Upwork.
    const key = `lookup-${++next}`;
    tokens.set(key, accessToken);
    try {
      return await queue.enqueue<Account>(LOOKUP, key, { priority: 'now' });
    } finally {
      tokens.delete(key);
    }
  };
}

/** The worker's account lookup: counted against the key's budget, under the browser's throttle. */
export function workerAccountLookup(): (accessToken: string, clientId: string) => Promise<Account> {
  return queuedAccountLookup(workerFetch, (clientId) => workerQueue(`${clientId}:sign-in`), recordRequest);
}

let workerCache: ResponseCache | undefined;
let workerService: ApiService | undefined;

function sharedCache(): ResponseCache {
  workerCache ??= createResponseCache({ onDisabled: (reason) => console.warn(reason) });
  return workerCache;
}

/**
 * Opens the cache as the worker starts: most starts are for a page's lookups, and their first
 * step reads the cache, which would otherwise open the database then, after the sign-in read.
 */
export function openWorkerCache(): void {
  sharedCache()
    .load()
    .catch(() => undefined);
}

/**
 * The worker's ApiService, built on first use from the real parts: the worker's fetch, sign-in as
 * the TokenSource, one queue per account under the browser's one throttle (above), and the
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
