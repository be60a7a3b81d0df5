import { ClientError, GraphQLClient } from 'graphql-request';
import { GRAPHQL_ENDPOINT, TENANT_HEADER } from '../endpoints';
import { ApiError } from './errors';
import type { Operation } from './operations';
import type { GraphQLErrorLike } from './parse-batch';
import type { TokenSource } from './token-source';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** What made Loupe ask: a page the user looks at, a job alert, the watchlist, sign-in, or work a stopped worker left. */
export type Requester = 'page' | 'alert' | 'watchlist' | 'account' | 'unfinished';

/** One HTTP request to Upwork, as the request log keeps it. */
export interface SentRequest {
  /** Epoch ms when it was sent. */
  at: number;
  /** The operation's name (`JobDetails`), or what a token request was for. */
  operation: string;
  /** Lookups it carried: a batch's aliases, else 1. */
  lookups: number;
  /** HTTP status; 0 when no answer came (network failure, cancelled). */
  status: number;
  /** 'ok', or the kind of failure (ApiErrorKind). */
  outcome: string;
  /** Bytes of the answer's body. */
  bytes: number;
  durationMs: number;
  requestedBy: Requester[];
  /** Counts against the daily budget (GraphQL requests do; token requests do not). */
  counted: boolean;
}

export interface GraphQLClientOptions {
  /** The worker's global fetch in production; sandboxFetch bound to a port in Node tests. */
  fetch: FetchLike;
  tokens: TokenSource;
  endpoint?: string;
  /** For Retry-After dates; default Date.now. */
  now?: () => number;
  /**
   * After a 401 the client renews the token once. By default it then sends again itself; a client
   * behind the throttle queue sets this to 'queue' and throws ApiError('renewed') instead, so the
   * second send waits for a token like any other request (a burst of 401s must not become a burst
   * of immediate retries over Upwork's limit).
   */
  resendAfterRenewal?: 'client' | 'queue';
  /** Told about every HTTP request as it ends (the request log). Must not throw. */
  onSent?: (sent: SentRequest) => void;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /**
   * A batch's aliases. Errors whose path starts at one of them are that alias's own failure: they
   * come back with the answer (data may even be null, when a non-null field's error emptied it)
   * instead of failing the whole request.
   */
  partialAliases?: ReadonlySet<string>;
  /** Who the request is for, for the request log; default 'account'. */
  requestedBy?: readonly Requester[];
}

export interface GraphQLResult {
  data: Record<string, unknown> | null;
  /** Only per-alias errors of a partial answer; anything else was thrown. */
  errors: GraphQLErrorLike[];
  /** The organization the request acted as (X-Upwork-API-TenantId), null for the default. */
  tenantId: string | null;
}

export interface UpworkGraphQLClient {
  /** Sends one operation as one HTTP request (two when a 401 forces a token refresh). Throws ApiError. */
  execute(operation: Operation, options?: ExecuteOptions): Promise<GraphQLResult>;
}

const SCOPE_MESSAGE = /permissions\/scopes to access:\s*\[([^\]]*)\]/i;

/** "…permissions/scopes to access: [Money.currency, PageInfo.endCursor]" -> ['Money.currency', 'PageInfo.endCursor']. */
export function missingScopeFields(message: string): string[] | null {
  const match = SCOPE_MESSAGE.exec(message);
  if (!match) return null;
  return (match[1] ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isAbort(error: unknown, signal: AbortSignal | null | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === 'AbortError');
}

const cancelled = () => new ApiError('cancelled', 'The request to Upwork was cancelled.');

/** What one attempt's fetch saw: the HTTP status and the answer's size. */
interface Measured {
  status: number;
  bytes: number;
}

/** Keeps transport failures apart from answer failures: graphql-request lets fetch's errors through unchanged. */
function guardedFetch(fetch: FetchLike, measured?: Measured): FetchLike {
  return async (input, init) => {
    try {
      const response = await fetch(input, init);
      if (measured) {
        measured.status = response.status;
        // A copy of the body, read alongside graphql-request's, gives the size the log shows.
        measured.bytes = await response
          .clone()
          .arrayBuffer()
          .then((body) => body.byteLength)
          .catch(() => 0);
      }
      return response;
    } catch (error) {
      if (isAbort(error, init?.signal)) throw cancelled();
      const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
      throw new ApiError('network', `Loupe could not reach Upwork's API. Check your internet connection${detail}.`);
    }
  };
}

function toGraphQLErrors(value: unknown): GraphQLErrorLike[] {
  if (!Array.isArray(value)) return [];
  return value.map((error) => {
    const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
    return {
      message: typeof record.message === 'string' ? record.message : 'Unknown error',
      path: Array.isArray(record.path) ? (record.path as (string | number)[]) : undefined,
      extensions:
        typeof record.extensions === 'object' && record.extensions !== null ? (record.extensions as Record<string, unknown>) : undefined,
    };
  });
}

/** Turns errors[] into a thrown ApiError unless they are per-alias failures a batch can carry. */
function checkErrors(errors: GraphQLErrorLike[], aliases: ReadonlySet<string> | undefined): void {
  if (errors.length === 0) return;
  for (const error of errors) {
    const fields = missingScopeFields(error.message);
    if (fields) {
      throw new ApiError(
        'missing-scope',
        `Your API key lacks permission to read: ${fields.join(', ') || 'some of the data Loupe asks for'}.`,
        {
          status: 200,
          fields,
        },
      );
    }
  }
  const aliasErrorsOnly = aliases !== undefined && errors.every((error) => aliases.has(String(error.path?.[0])));
  if (!aliasErrorsOnly) {
    const first = errors[0]?.message ?? 'Unknown error';
    throw new ApiError('upwork-error', `Upwork answered with an error: ${first}`, { status: 200 });
  }
}

function fromHttpStatus(status: number, headers: Headers, errors: GraphQLErrorLike[], now: number): ApiError {
  if (status === 429) {
    const wait = retryAfterMs(headers.get('retry-after'), now);
    return new ApiError('rate-limited', 'Upwork is limiting requests; Loupe is slowing down.', {
      status,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  if (status === 401)
    return new ApiError('unauthorized', 'Upwork no longer accepts your sign-in. Please sign in to Upwork again.', { status });
  if (status >= 500)
    return new ApiError('server', `Upwork's API is having trouble (HTTP ${status}). Loupe will try again shortly.`, { status });
  const detail = errors[0]?.message ? `: ${errors[0].message}` : '';
  return new ApiError('upwork-error', `Upwork refused the request (HTTP ${status})${detail}.`, { status });
}

/**
 * The one GraphQL client: graphql-request against Upwork's endpoint, credentials from the
 * TokenSource on every call, every failure mapped to an ApiError with words a user understands.
 */
export function createGraphQLClient(options: GraphQLClientOptions): UpworkGraphQLClient {
  const now = options.now ?? Date.now;
  const clientFor = (measured?: Measured) =>
    new GraphQLClient(options.endpoint ?? GRAPHQL_ENDPOINT, {
      fetch: guardedFetch(options.fetch, measured) as typeof fetch,
      // Keep data and errors together: batches carry per-alias errors next to good answers.
      errorPolicy: 'all',
    });
  const client = clientFor();

  /** One HTTP request, reported to onSent (if anyone listens) however it ends. */
  async function attempt(operation: Operation, token: string, tenantId: string | null, execute: ExecuteOptions): Promise<GraphQLResult> {
    const onSent = options.onSent;
    if (!onSent) return send(client, operation, token, tenantId, execute);
    const measured: Measured = { status: 0, bytes: 0 };
    const at = now();
    let outcome = 'ok';
    try {
      return await send(clientFor(measured), operation, token, tenantId, execute);
    } catch (error) {
      outcome = error instanceof ApiError ? error.kind : 'internal';
      throw error;
    } finally {
      onSent({
        at,
        operation: operation.name,
        lookups: 'aliases' in operation && operation.aliases instanceof Map ? operation.aliases.size : 1,
        status: measured.status,
        outcome,
        bytes: measured.bytes,
        durationMs: Math.max(0, now() - at),
        requestedBy: [...(execute.requestedBy ?? ['account'])],
        counted: true,
      });
    }
  }

  async function send(
    client: GraphQLClient,
    operation: Operation,
    token: string,
    tenantId: string | null,
    execute: ExecuteOptions,
  ): Promise<GraphQLResult> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (tenantId) headers[TENANT_HEADER] = tenantId;
    let response: Awaited<ReturnType<typeof client.rawRequest>>;
    try {
      response = await client.rawRequest({
        query: operation.query,
        variables: operation.variables,
        requestHeaders: headers,
        ...(execute.signal ? { signal: execute.signal } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (isAbort(error, execute.signal)) throw cancelled();
      if (error instanceof ClientError) {
        throw fromHttpStatus(error.response.status, error.response.headers as Headers, toGraphQLErrors(error.response.errors), now());
      }
      // A 2xx answer graphql-request could not read: not JSON, or not a GraphQL result.
      throw new ApiError('invalid-data', "Upwork's answer could not be read: it was not the JSON Loupe expects.");
    }
    const data = typeof response.data === 'object' && response.data !== null ? (response.data as Record<string, unknown>) : null;
    const errors = toGraphQLErrors(response.errors);
    checkErrors(errors, execute.partialAliases);
    if (!data && errors.length === 0) throw new ApiError('invalid-data', `Upwork's answer to ${operation.name} had no data in it.`);
    return { data, errors, tenantId };
  }

  return {
    async execute(operation, execute = {}) {
      if (execute.signal?.aborted) throw cancelled();
      const token = await options.tokens.getAccessToken();
      const tenantId = await options.tokens.getTenantId();
      try {
        return await attempt(operation, token, tenantId, execute);
      } catch (error) {
        if (!(error instanceof ApiError) || error.kind !== 'unauthorized') throw error;
        // Tokens can expire early or be revoked: refresh once (shared with every other caller), retry once.
        const fresh = await options.tokens.refreshAfterUnauthorized(token);
        if (options.resendAfterRenewal === 'queue') throw new ApiError('renewed', 'Loupe renewed your sign-in and will send this again.');
        return await attempt(operation, fresh, tenantId, execute);
      }
    },
  };
}
