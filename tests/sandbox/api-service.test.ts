import { createStore } from 'idb-keyval';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiService, createApiService } from '../../lib/background/api-service';
import { createResponseCache, type ResponseCache } from '../../lib/background/cache';
import { createRequestQueue, memoryQueueStorage } from '../../lib/background/queue';
import { FRESH_FOR_MS } from '../../lib/background/request-kinds';
import { createGraphQLClient } from '../../lib/upwork/api/client';
import { MAX_BATCH_SIZE } from '../../lib/upwork/api/operations';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { apiFailure, fetchFor, SECRET_KEY_WITHOUT_PROFILES, sandboxTokens } from '../../testkit/sandbox-auth';

let sandbox: Sandbox;
let databases = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.resetFaults();
  // Each test wires a fresh throttle, but the sandbox counts Upwork's per-second window across them:
  // start once the previous test's requests have left it, as one browser's single throttle would.
  const last = sandbox.requestLog.at(-1)?.at ?? 0;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, last + 1_000 - Date.now())));
  sandbox.clearLog();
  // The mirror's own tests compare with the page's search; the lookups' tests switch divergence on.
  sandbox.setSearchDivergence(false);
});

/** The real pieces, wired as the worker wires them, against the sandbox; the cache has a hand-driven clock. */
async function wire(key = undefined as typeof SECRET_KEY_WITHOUT_PROFILES | undefined) {
  const auth = await sandboxTokens(sandbox, key);
  const clock = { now: Date.now() };
  const cache: ResponseCache = createResponseCache({
    store: createStore(`loupe-service-test-${++databases}`, 'entries'),
    now: () => clock.now,
    setTimer: () => undefined,
  });
  const queue = createRequestQueue({ accountKey: (await auth.source.getAccountKey()) as string, storage: memoryQueueStorage() });
  const service: ApiService = createApiService({
    client: createGraphQLClient({ fetch: fetchFor(sandbox), tokens: auth.source }),
    queue,
    cache,
    tokens: auth.source,
  });
  sandbox.clearLog();
  return { service, cache, clock, queue };
}

const graphqlLog = () => sandbox.requestLog.filter((entry) => entry.path === '/graphql');
const operations = () => graphqlLog().map((entry) => `${entry.operationName} x${entry.aliasCount}`);

/** The ids a search page shows, in order, as the content script would read them from the tiles. */
async function pageIds(service: ApiService, q: string, offset: number, pageSize: number) {
  const result = await service.searchJobs({ searchExpression_eq: q, pagination_eq: { first: pageSize, after: String(offset) } });
  sandbox.clearLog();
  return result.jobs.map((job) => job.id);
}

describe('ApiService against the sandbox', () => {
  it('fills a page of tiles with ONE mirrored search, then from the cache', async () => {
    const { service: probe } = await wire();
    const ids = await pageIds(probe, 'react', 10, 10);
    expect(ids).toHaveLength(10);
    const { service } = await wire();
    const first = await service.jobsForTiles({ ids, query: { q: 'react', offset: 10, pageSize: 10 } });
    expect(first.missing).toEqual([]);
    expect(first.jobs.map((job) => job.id)).toEqual(ids);
    expect(operations()).toEqual(['JobSearch x1']);
    sandbox.clearLog();
    const again = await service.jobsForTiles({ ids: ids.slice(2, 6), query: { q: 'react', offset: 10, pageSize: 10 } });
    expect(again.jobs.map((job) => job.id)).toEqual(ids.slice(2, 6));
    expect(graphqlLog()).toHaveLength(0);
    const status = await service.status();
    expect(status.cache.hits).toBeGreaterThanOrEqual(4);
    expect(status.queue?.requestsToday).toBe(1);
  });

  it('looks up tiles the search did not return in one batched JobDetails request and reports them missing with partial data', async () => {
    const { service } = await wire();
    const onPage = await pageIds(service, 'python', 0, 10);
    const elsewhere = sandbox.dataset.jobs.filter((job) => !onPage.includes(job.id)).slice(0, 3);
    const result = await service.jobsForTiles({
      ids: [...onPage.slice(0, 5), ...elsewhere.map((job) => job.id)],
      query: { q: 'python', offset: 0, pageSize: 10 },
    });
    expect(result.jobs).toHaveLength(5);
    expect(result.missing).toEqual(elsewhere.map((job) => job.id));
    for (const job of elsewhere) {
      const client = sandbox.dataset.clients.find((candidate) => candidate.id === job.clientId);
      expect(result.partial[job.id]).toEqual({
        country: client?.country?.name ?? null,
        city: client?.city ?? null,
        timezone: client?.timezone ?? null,
        paymentVerified: client?.paymentVerified ?? null,
      });
    }
    // The search was fresh in the cache (the probe above made it), so only the lookups went out, together.
    expect(operations()).toEqual(['JobDetails x3']);
  });

  it(`coalesces 30 detail lookups into ${Math.ceil(30 / MAX_BATCH_SIZE)} requests`, async () => {
    const { service } = await wire();
    const ids = sandbox.dataset.jobs.slice(40, 70).map((job) => job.id);
    const details = await Promise.all(ids.map((id) => service.jobDetail(id)));
    expect(details.map((detail) => detail?.id)).toEqual(ids);
    expect(operations()).toEqual([`JobDetails x${MAX_BATCH_SIZE}`, `JobDetails x${30 - MAX_BATCH_SIZE}`]);
    sandbox.clearLog();
    expect((await service.jobDetail(ids[7] as string))?.id).toBe(ids[7]);
    expect(graphqlLog()).toHaveLength(0);
  });

  it('batches freelancers, answers null for an unknown key and asks again for the ones it took down', async () => {
    const { service } = await wire();
    const records = sandbox.dataset.freelancers.slice(0, 6);
    const results = await Promise.all([
      ...records.map((record) => service.freelancer(record.profileKey)),
      service.freelancer('~01nobodyhere00000000'),
    ]);
    expect(results.slice(0, 6).map((stats) => stats?.profileKey)).toEqual(records.map((record) => record.profileKey));
    expect(results[6]).toBeNull();
    // One batch failed as a whole on the unknown key; the other six went again together.
    expect(operations()).toEqual(['FreelancerProfiles x7', 'FreelancerProfiles x6']);
  });

  it('serves stale client stats at once and refreshes them in the background', async () => {
    const { service, clock, queue } = await wire();
    const ids = (await pageIds(service, 'design', 0, 5)).slice(0, 5);
    await service.jobsForTiles({ ids, query: { q: 'design', offset: 0, pageSize: 5 } });
    sandbox.clearLog();
    clock.now += FRESH_FOR_MS.jobSummary + 60_000;
    const stale = await service.jobsForTiles({ ids, query: { q: 'design', offset: 0, pageSize: 5 } });
    expect(stale.jobs.map((job) => job.id)).toEqual(ids);
    // The refresh is queued after its own cache look-up, so wait for it to reach Upwork.
    await vi.waitFor(() => expect(operations()).toEqual(['JobSearch x1']));
    await queue.idle();
    expect(operations()).toEqual(['JobSearch x1']);
  });

  it('surfaces a missing scope when nothing can be shown', async () => {
    const { service } = await wire(SECRET_KEY_WITHOUT_PROFILES);
    const error = await apiFailure(service.freelancer(sandbox.dataset.freelancers[0]?.profileKey as string));
    expect(error.kind).toBe('missing-scope');
    expect(error.details.fields).toContain('FreelancerProfile.fullName');
  });

  it('stops at a missing job scope: one refused search, no lookups after it', async () => {
    const { service } = await wire();
    sandbox.setFaults({ missingScopes: ['pub-marketplace-job-postings:read:all'] });
    const ids = sandbox.dataset.jobs.slice(0, 3).map((job) => job.id);
    const error = await apiFailure(service.jobsForTiles({ ids, query: { q: 'react' } }));
    expect(error.kind).toBe('missing-scope');
    expect(error.message).toMatch(/^Your API key lacks permission to read: /);
    expect(operations()).toEqual(['JobSearch x1']);
  });

  it('keeps what it knows when Upwork fails part-way', async () => {
    const { service } = await wire();
    const ids = await pageIds(service, 'data', 0, 4);
    await service.jobsForTiles({ ids: ids.slice(0, 2), query: { q: 'data', offset: 0, pageSize: 4 } });
    const unknownToCache = sandbox.dataset.jobs.find((job) => !ids.includes(job.id))?.id as string;
    sandbox.setFaults({ malformedJsonRate: 1 });
    const result = await service.jobsForTiles({ ids: [...ids.slice(0, 2), unknownToCache] });
    expect(result.jobs.map((job) => job.id)).toEqual(ids.slice(0, 2));
    expect(result.missing).toEqual([unknownToCache]);
    expect(result.partial).toEqual({});
    // With nothing to show, the error itself comes back.
    expect((await apiFailure(service.jobsForTiles({ ids: [unknownToCache] }))).kind).toBe('invalid-data');
  });

  it('stops waiting when the caller goes away while Upwork is refusing requests', async () => {
    const { service, queue } = await wire();
    sandbox.setFaults({ rateLimitUntil: Date.now() + 60_000, retryAfterSeconds: 30 });
    const controller = new AbortController();
    const pending = service.jobDetail(sandbox.dataset.jobs[3]?.id as string, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(queue.status().slowedUntil).not.toBeNull();
    controller.abort();
    expect((await apiFailure(pending)).kind).toBe('cancelled');
    expect(queue.status().queued).toBe(0);
  });

  it('with divergence on, finds every tile by precise lookups, many to one request, all in one round trip', async () => {
    const { service, queue } = await wire();
    // The page's tiles: the page's own list (the sandbox's page search), 30 of them.
    const page = sandbox.dataset.jobs.slice(0, 30);
    sandbox.setSearchDivergence(true);
    const titles = Object.fromEntries(page.map((job) => [job.id, job.title]));
    const result = await service.jobsForTiles({ ids: page.map((job) => job.id), query: { offset: 0, pageSize: 30 }, titles });
    expect(result.missing).toEqual([]);
    expect(result.jobs.map((job) => job.id)).toEqual(page.map((job) => job.id));
    for (const job of result.jobs) {
      const client = sandbox.dataset.clients.find((c) => c.id === sandbox.dataset.jobs.find((j) => j.id === job.id)?.clientId);
      expect(job.client.totalHires).toBe(client?.totalHires);
      expect(job.client.totalPostedJobs).toBe(client?.totalPostedJobs);
      // The company id comes from the job itself, in the same answer.
      expect(job.client.companyUid).toBe(`org-${client?.id}`);
    }
    // Every tile has a title: no mirrored search, whose ranking differs from the page's anyway.
    const ops = operations();
    expect(ops.every((op) => op.startsWith('JobLookups'))).toBe(true);
    expect(ops.length).toBeLessThanOrEqual(2);
    const counts = (await service.status()).tiles;
    expect(counts.foundByLookup).toBe(30);
    expect(counts.mirrorSearches).toBe(0);
    await queue.idle();
    sandbox.clearLog();
    await service.jobsForTiles({ ids: page.map((job) => job.id), titles });
    expect(graphqlLog()).toHaveLength(0);
  });

  it('mirrors the page’s search only for tiles with no title to look up, alongside the lookups', async () => {
    const { service } = await wire();
    sandbox.setSearchDivergence(false); // the mirror finds the page's own jobs only where the API ranks as the page does
    const page = sandbox.dataset.jobs.slice(0, 6);
    const titles = Object.fromEntries(page.slice(0, 3).map((job) => [job.id, job.title]));
    const result = await service.jobsForTiles({ ids: page.map((job) => job.id), query: { offset: 0, pageSize: 6 }, titles });
    expect(result.missing).toEqual([]);
    expect(operations().sort()).toEqual(['JobLookups x3', 'JobSearch x1']);
    const counts = (await service.status()).tiles;
    expect(counts.foundByLookup).toBe(3);
    expect(counts.foundByMirror).toBe(3);
  });

  it('with divergence on and no query (a feed), looks every tile up; a job found by neither says so', async () => {
    const { service } = await wire();
    sandbox.setSearchDivergence(true);
    const feed = sandbox.dataset.jobs.slice(40, 52);
    const titles = Object.fromEntries(feed.map((job) => [job.id, job.title]));
    // A tile whose job the API no longer lists: its title finds nothing with its id.
    const closedId = '1999999999999999999';
    titles[closedId] = 'A job that closed yesterday';
    const result = await service.jobsForTiles({ ids: [...feed.map((job) => job.id), closedId], titles });
    expect(result.jobs.map((job) => job.id)).toEqual(feed.map((job) => job.id));
    expect(result.notFound).toEqual([closedId]);
    expect(result.missing).toEqual([closedId]);
    expect(operations().filter((op) => op.startsWith('JobLookups'))).toHaveLength(1);
  });
});
