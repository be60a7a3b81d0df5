import { createStore } from 'idb-keyval';
import { type ApiService, createApiService } from '../../../lib/background/api-service';
import { createResponseCache } from '../../../lib/background/cache';
import { createRequestQueue, memoryQueueStorage, type QueueStorage, type RequestQueue } from '../../../lib/background/queue';
import { createGraphQLClient, type FetchLike } from '../../../lib/upwork/api/client';
import type { TokenSource } from '../../../lib/upwork/api/token-source';
import { rawJobDetail } from '../api/raw-fixtures';

export const identity = { id: 'loupe-id', origin: 'chrome-extension://loupe-id/' };
export const popup = { id: identity.id, url: `${identity.origin}popup.html` };
export const contentScript = (tabId: number) => ({ id: identity.id, url: 'https://www.upwork.com/jobs/~021', tab: { id: tabId } });
export const envelope = (type: string, payload: unknown) => ({ loupe: 1, type, payload });

export const ACCOUNT = 'client:user';

export function tokensFor(accountKey: string | null): TokenSource {
  return {
    getAccessToken: async () => 'secret-access-token',
    refreshAfterUnauthorized: async () => 'secret-access-token',
    getTenantId: async () => null,
    getAccountKey: async () => accountKey,
  };
}

/** How the fake network answers one GraphQL request: a body, or a bare status (429 with Retry-After). */
export type Answer = { status: number; retryAfter?: string } | { body: unknown };

/** Answers JobDetails requests with every aliased id found (the client names aliases j0, j1, …). */
export function jobDetailsAnswer(variables: Record<string, unknown>): Answer {
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) data[name.replace(/^id/, 'j')] = rawJobDetail(String(value));
  return { body: { data } };
}

let databases = 0;

/**
 * The real ApiService, queue and cache, wired as the worker wires them; only the network is a
 * function. `answers` are used in order, then every request gets `fallback`.
 */
export function realService(options: {
  tokens?: TokenSource;
  storage?: QueueStorage;
  answers?: Answer[];
  fallback?: (variables: Record<string, unknown>) => Answer;
}) {
  const tokens = options.tokens ?? tokensFor(ACCOUNT);
  const answers = [...(options.answers ?? [])];
  const requests: { operationName: string; variables: Record<string, unknown> }[] = [];
  const fetch: FetchLike = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { operationName?: string; variables?: Record<string, unknown> };
    const variables = body.variables ?? {};
    requests.push({ operationName: body.operationName ?? '?', variables });
    const answer = answers.shift() ?? (options.fallback ?? jobDetailsAnswer)(variables);
    if ('status' in answer)
      return new Response('{"message":"Too Many Requests"}', {
        status: answer.status,
        headers: answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter },
      });
    return new Response(JSON.stringify(answer.body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  let queue: RequestQueue | undefined;
  // Never flushed by its timer: what is stored is only what the service wrote through itself.
  const database = `loupe-status-test-${++databases}`;
  const cache = createResponseCache({ store: createStore(database, 'entries'), setTimer: () => undefined });
  const service: ApiService = createApiService({
    client: createGraphQLClient({ fetch, tokens }),
    queue: (accountKey) => {
      queue ??= createRequestQueue({ accountKey, storage: options.storage ?? memoryQueueStorage() });
      return queue;
    },
    cache,
    tokens,
  });
  /** A fresh worker's view of the same stored cache. */
  const storedCache = () => createResponseCache({ store: createStore(database, 'entries'), setTimer: () => undefined });
  return { service, requests, queue: () => queue, cache, storedCache, tokens };
}
