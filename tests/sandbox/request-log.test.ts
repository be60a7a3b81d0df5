import { IDBFactory } from 'fake-indexeddb';
import { createStore } from 'idb-keyval';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiService } from '../../lib/background/api-service';
import { createResponseCache } from '../../lib/background/cache';
import { createRequestQueue, memoryQueueStorage } from '../../lib/background/queue';
import { loggedTokenFetch } from '../../lib/background/request-log/instance';
import { createRequestLog } from '../../lib/background/request-log/log';
import { indexedDbRequestLogStore } from '../../lib/background/request-log/store';
import { createGraphQLClient } from '../../lib/upwork/api/client';
import { TOKEN_URL } from '../../lib/upwork/endpoints';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { fetchFor, sandboxTokens } from '../../testkit/sandbox-auth';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.resetFaults();
  sandbox.clearLog();
});

/** The worker's parts against the sandbox, with the request log listening to the client. */
async function wire() {
  const auth = await sandboxTokens(sandbox);
  const log = createRequestLog({ store: indexedDbRequestLogStore(new IDBFactory()), setTimer: () => undefined });
  const service = createApiService({
    client: createGraphQLClient({ fetch: fetchFor(sandbox), tokens: auth.source, resendAfterRenewal: 'queue', onSent: log.record }),
    queue: createRequestQueue({ accountKey: 'k', storage: memoryQueueStorage(), ratePerSecond: 8, burst: 2 }),
    cache: createResponseCache({ store: createStore(`loupe-log-test-${Math.random()}`, 'entries'), setTimer: () => undefined }),
    tokens: auth.source,
  });
  sandbox.clearLog();
  return { service, log };
}

describe('the request log against the sandbox', () => {
  it('lists exactly the GraphQL requests the sandbox received, each with who asked', async () => {
    const { service, log } = await wire();
    const search = await service.searchJobs({ searchExpression_eq: 'react', pagination_eq: { first: 10 } }, { requestedBy: 'alert' });
    const ids = search.jobs.slice(0, 7).map((job) => job.id);
    await Promise.all(ids.map((id) => service.jobDetail(`${id}`, { requestedBy: 'watchlist' })));
    sandbox.setFaults({ serverErrorRate: 1 });
    await service.jobDetail('999', { requestedBy: 'page' }).catch(() => undefined);
    sandbox.resetFaults();

    const rows = (await log.page(null, 100)).reverse();
    const received = sandbox.requestLog.filter((entry) => entry.path === '/graphql');
    // An injected 5xx is answered before the sandbox reads the operation: it logs no name for it.
    expect(rows.map((row) => [row.status < 500 ? row.operation : null, row.status])).toEqual(
      received.map((entry) => [entry.operationName, entry.status]),
    );
    expect(rows[0]).toMatchObject({ operation: 'JobSearch', lookups: 1, requestedBy: ['alert'], outcome: 'ok', counted: true });
    expect(rows[0]?.bytes).toBeGreaterThan(1000);
    const details = rows.filter((row) => row.operation === 'JobDetails' && row.status === 200);
    expect(details.reduce((sum, row) => sum + row.lookups, 0)).toBe(7);
    expect(details.every((row) => row.requestedBy.join() === 'watchlist')).toBe(true);
    const failed = rows.filter((row) => row.status >= 500);
    expect(failed.length).toBe(4); // the first try and 3 retries, each one a request
    expect(failed.every((row) => row.outcome === 'server' && row.requestedBy.join() === 'page')).toBe(true);

    const summary = await log.summary();
    expect(summary.today.requests).toBe(received.length);
    expect(summary.today.failed).toBe(4);
    expect(summary.today.byRequester).toMatchObject({ alert: 1, watchlist: details.length, page: 4 });
    expect(summary.today.busiestSecond).toBeGreaterThan(0);
    expect(summary.today.busiestSecond).toBeLessThanOrEqual(10);
  });

  it('logs a 401 and the token renewal it caused as separate requests', async () => {
    const auth = await sandboxTokens(sandbox);
    const log = createRequestLog({ store: indexedDbRequestLogStore(new IDBFactory()), setTimer: () => undefined });
    const client = createGraphQLClient({ fetch: fetchFor(sandbox), tokens: auth.source, onSent: log.record });
    const tokenFetch = loggedTokenFetch(fetchFor(sandbox), log.record);
    sandbox.clearLog();
    sandbox.expireAccessTokens();
    await expect(client.execute({ name: 'Me', query: '{ user { id } }', variables: {} })).resolves.toBeTruthy();
    await tokenFetch(TOKEN_URL, { method: 'POST', body: 'grant_type=refresh_token&refresh_token=nope&client_id=loupe-demo' });
    const rows = (await log.page(null, 10)).reverse();
    expect(rows.map((row) => [row.operation, row.status, row.counted])).toEqual([
      ['Me', 401, true],
      ['Me', 200, true],
      ['Token renewal', 400, false],
    ]);
  });
});
