import { describe, expect, it } from 'vitest';
import { createGraphQLClient, type FetchLike, missingScopeFields, retryAfterMs } from '../../../lib/upwork/api/client';
import { ApiError } from '../../../lib/upwork/api/errors';
import { meOperation } from '../../../lib/upwork/api/operations';
import type { TokenSource } from '../../../lib/upwork/api/token-source';
import { createUpworkApi } from '../../../lib/upwork/api/upwork-api';
import { GRAPHQL_ENDPOINT } from '../../../lib/upwork/endpoints';
import { rawFreelancer, rawJobDetail } from './raw-fixtures';

interface Seen {
  url: string;
  authorization: string | null;
  tenant: string | null;
  body: { query: string; variables: Record<string, unknown>; operationName?: string };
}

/** A stand-in for the network: answers each request with the next scripted Response and records what was sent. */
function scriptedFetch(...answers: (Response | ((init?: RequestInit) => Promise<Response>) | Error)[]) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (input, init) => {
    const headers = new Headers(init?.headers);
    seen.push({
      url: String(input),
      authorization: headers.get('authorization'),
      tenant: headers.get('x-upwork-api-tenantid'),
      body: JSON.parse(String(init?.body)),
    });
    const answer = answers.shift();
    if (!answer) throw new Error('no scripted answer left');
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(init) : answer;
  };
  return { fetch, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function tokens(overrides: Partial<TokenSource> = {}) {
  const refreshes: string[] = [];
  const source: TokenSource = {
    getAccessToken: async () => 'token-1',
    refreshAfterUnauthorized: async (failed) => {
      refreshes.push(failed);
      return 'token-2';
    },
    getTenantId: async () => null,
    getAccountKey: async () => 'acct',
    ...overrides,
  };
  return { source, refreshes };
}

const meData = {
  user: { id: 'u1', name: 'Sam', email: null, photoUrl: null },
  organization: { id: 'o1', name: 'Sam' },
  companySelector: { items: [] },
};

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('GraphQL client', () => {
  it('sends the operation with the bearer token and, when chosen, the tenant header', async () => {
    const { fetch, seen } = scriptedFetch(json({ data: meData }), json({ data: meData }));
    const auth = tokens();
    let tenant: string | null = null;
    auth.source.getTenantId = async () => tenant;
    const client = createGraphQLClient({ fetch, tokens: auth.source });
    await client.execute(meOperation());
    tenant = 'org-42';
    const second = await client.execute(meOperation());
    expect(seen[0]).toMatchObject({ url: GRAPHQL_ENDPOINT, authorization: 'Bearer token-1', tenant: null });
    expect(seen[0]?.body.operationName).toBe('Me');
    expect(seen[1]?.tenant).toBe('org-42');
    expect(second.tenantId).toBe('org-42');
  });

  it('refreshes once after a 401 and retries with the new token', async () => {
    const { fetch, seen } = scriptedFetch(json({ message: 'expired' }, 401), json({ data: meData }));
    const auth = tokens();
    const api = createUpworkApi(createGraphQLClient({ fetch, tokens: auth.source }));
    const account = await api.me();
    expect(account.userId).toBe('u1');
    expect(auth.refreshes).toEqual(['token-1']);
    expect(seen.map((request) => request.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('behind the queue: renews once after a 401 and leaves the second send to the queue', async () => {
    const { fetch, seen } = scriptedFetch(json({ message: 'expired' }, 401), json({ data: meData }));
    const auth = tokens();
    const client = createGraphQLClient({ fetch, tokens: auth.source, resendAfterRenewal: 'queue' });
    const error = await failure(client.execute(meOperation()));
    expect(error.kind).toBe('renewed');
    expect(auth.refreshes).toEqual(['token-1']);
    expect(seen).toHaveLength(1);
  });

  it('gives up as unauthorized when the refreshed token is refused too', async () => {
    const { fetch, seen } = scriptedFetch(json({}, 401), json({}, 401));
    const auth = tokens();
    const error = await failure(createGraphQLClient({ fetch, tokens: auth.source }).execute(meOperation()));
    expect(error.kind).toBe('unauthorized');
    expect(seen).toHaveLength(2);
    expect(auth.refreshes).toHaveLength(1);
  });

  it('maps 429 with Retry-After seconds to rate-limited', async () => {
    const { fetch } = scriptedFetch(new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '7' } }));
    const error = await failure(createGraphQLClient({ fetch, tokens: tokens().source }).execute(meOperation()));
    expect(error.kind).toBe('rate-limited');
    expect(error.details).toMatchObject({ status: 429, retryAfterMs: 7000 });
    expect(error.message).toBe('Upwork is limiting requests; Loupe is slowing down.');
    expect(error.retryable).toBe(true);
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2025-05-01T10:00:00Z');
    expect(retryAfterMs('Thu, 01 May 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 May 2025 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it.each([
    [500, 'server'],
    [503, 'server'],
    [403, 'upwork-error'],
  ] as const)('maps HTTP %i to %s', async (status, kind) => {
    const { fetch } = scriptedFetch(new Response('<html>oops</html>', { status, headers: { 'content-type': 'text/html' } }));
    const error = await failure(createGraphQLClient({ fetch, tokens: tokens().source }).execute(meOperation()));
    expect(error.kind).toBe(kind);
    expect(error.details.status).toBe(status);
  });

  it('maps a failed fetch to network', async () => {
    const { fetch } = scriptedFetch(new TypeError('fetch failed'));
    const error = await failure(createGraphQLClient({ fetch, tokens: tokens().source }).execute(meOperation()));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('could not reach');
  });

  it.each([
    ['truncated JSON', new Response('{"data": {"user": {', { status: 200, headers: { 'content-type': 'application/json' } })],
    ['an HTML page', new Response('<html>Sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } })],
  ])('maps %s to invalid-data', async (_label, response) => {
    const { fetch } = scriptedFetch(response);
    const error = await failure(createGraphQLClient({ fetch, tokens: tokens().source }).execute(meOperation()));
    expect(error.kind).toBe('invalid-data');
  });

  it('maps Upwork’s scope message to missing-scope with the field list', async () => {
    const message =
      "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [Money.currency, PageInfo.endCursor]";
    const { fetch } = scriptedFetch(json({ data: null, errors: [{ message, extensions: { classification: 'ExecutionAborted' } }] }));
    const error = await failure(createGraphQLClient({ fetch, tokens: tokens().source }).execute(meOperation()));
    expect(error.kind).toBe('missing-scope');
    expect(error.details.fields).toEqual(['Money.currency', 'PageInfo.endCursor']);
    expect(error.message).toBe('Your API key lacks permission to read: Money.currency, PageInfo.endCursor.');
    expect(missingScopeFields('nothing to see')).toBeNull();
  });

  it('maps other errors[] to upwork-error with Upwork’s message', async () => {
    const { fetch } = scriptedFetch(json({ data: null, errors: [{ message: 'Authorization failed' }] }));
    const error = await failure(createGraphQLClient({ fetch, tokens: tokens().source }).execute(meOperation()));
    expect(error.kind).toBe('upwork-error');
    expect(error.message).toContain('Authorization failed');
  });

  it('cancels the in-flight fetch when the signal aborts', async () => {
    const { fetch } = scriptedFetch(
      (init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const pending = createGraphQLClient({ fetch, tokens: tokens().source }).execute(meOperation(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    expect((await failure(pending)).kind).toBe('cancelled');
  });

  it('passes on sign-in failures from the token source without sending anything', async () => {
    const { fetch, seen } = scriptedFetch();
    const source = tokens({
      getAccessToken: async () => {
        throw new ApiError('unauthorized', 'Sign in to Upwork first.');
      },
    }).source;
    expect((await failure(createGraphQLClient({ fetch, tokens: source }).execute(meOperation()))).kind).toBe('unauthorized');
    expect(seen).toHaveLength(0);
  });
});

describe('Upwork API batches', () => {
  it('asks for many jobs in one request and splits the answer per id', async () => {
    const ids = ['11', '12', '13'];
    const { fetch, seen } = scriptedFetch(
      json({ data: { j0: rawJobDetail('11'), j1: null, j2: null }, errors: [{ message: 'Job is private', path: ['j2'] }] }),
    );
    const results = await createUpworkApi(createGraphQLClient({ fetch, tokens: tokens().source })).jobDetails(ids);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body.variables).toEqual({ id0: '11', id1: '12', id2: '13' });
    expect((results.get('11') as { title: string }).title).toBe('Job 11');
    expect(results.get('12')).toBeNull();
    expect(results.get('13')).toBeInstanceOf(ApiError);
  });

  it('asks for freelancers by profile key in one request', async () => {
    const { fetch, seen } = scriptedFetch(json({ data: { f0: rawFreelancer(), f1: rawFreelancer({ fullName: 'Bo' }) } }));
    const results = await createUpworkApi(createGraphQLClient({ fetch, tokens: tokens().source })).freelancers(['~01aaa', '~01bbb']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body.operationName).toBe('FreelancerProfiles');
    expect((results.get('~01bbb') as { name: string }).name).toBe('Bo');
  });
});

describe('whole-request failures inside a batch', () => {
  it('does not mistake an error outside the aliases for a per-alias one', async () => {
    const { fetch } = scriptedFetch(json({ data: null, errors: [{ message: 'Authorization failed', path: ['organization'] }] }));
    const api = createUpworkApi(createGraphQLClient({ fetch, tokens: tokens().source }));
    const error = await failure(api.jobDetails(['1', '2']));
    expect(error.kind).toBe('upwork-error');
    expect(error.message).toContain('Authorization failed');
  });
});
