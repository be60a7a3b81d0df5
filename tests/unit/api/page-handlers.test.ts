import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiService } from '../../../lib/background/api-service';
import { createResponseCache } from '../../../lib/background/cache';
import { createHealthStore, createPageHandlers } from '../../../lib/background/handlers/page';
import { createRequestQueue, memoryQueueStorage } from '../../../lib/background/queue';
import { createRouter } from '../../../lib/messaging/router';
import { createGraphQLClient, type FetchLike } from '../../../lib/upwork/api/client';
import type { TokenSource } from '../../../lib/upwork/api/token-source';
import { rawSearch, rawSearchNode } from './raw-fixtures';

const identity = { id: 'loupe-id', origin: 'chrome-extension://loupe-id/' };
const tab = (id: number) => ({ id: identity.id, url: 'https://www.upwork.com/nx/search/jobs/?q=react', tab: { id } });
const popup = { id: identity.id, url: `${identity.origin}popup.html` };
const envelope = (type: string, payload: unknown) => ({ loupe: 1, type, payload });

const tokens: TokenSource = {
  getAccessToken: async () => 'token',
  refreshAfterUnauthorized: async () => 'token',
  getTenantId: async () => null,
  getAccountKey: async () => 'client:user',
};

let databases = 0;

/** Real service, queue and cache; the network is a function answering with Upwork-shaped bodies. */
function routeWith(answer: (body: { operationName?: string }) => unknown) {
  const requests: string[] = [];
  const fetch: FetchLike = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { operationName?: string };
    requests.push(body.operationName ?? '?');
    return new Response(JSON.stringify(answer(body)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const service = createApiService({
    client: createGraphQLClient({ fetch, tokens }),
    queue: createRequestQueue({ accountKey: 'client:user', storage: memoryQueueStorage(), ratePerSecond: 10, burst: 10 }),
    cache: createResponseCache({ store: createStore(`loupe-handlers-test-${++databases}`, 'entries'), setTimer: () => undefined }),
    tokens,
  });
  const handlers = createPageHandlers({ service: () => service, health: createHealthStore(), now: () => 42 });
  return { route: createRouter(handlers, identity), requests };
}

describe('page handlers', () => {
  it('answers jobs.forTiles from one mirrored search, in the contract’s shape', async () => {
    const { route, requests } = routeWith((body) =>
      body.operationName === 'JobSearch'
        ? { data: rawSearch([rawSearchNode({ id: '11' }), rawSearchNode({ id: '12' })]) }
        : { data: { j0: null } },
    );
    const reply = await route(envelope('jobs.forTiles', { ids: ['12', '11', '13'], query: { q: 'react', offset: 0 } }), tab(3));
    expect(reply.ok).toBe(true);
    const data = (reply as { data: { jobs: { id: string }[]; missing: string[] } }).data;
    expect(data.jobs.map((job) => job.id)).toEqual(['12', '11']);
    expect(data.missing).toEqual(['13']);
    expect(requests).toEqual(['JobSearch', 'JobDetails']);
  });

  it('turns an API failure into the matching Loupe error code with Upwork’s words', async () => {
    const message =
      "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [FreelancerProfile.fullName]";
    const { route } = routeWith(() => ({ data: null, errors: [{ message }] }));
    const reply = await route(envelope('freelancer.byKey', { profileKey: '~01abc' }), tab(3));
    expect(reply).toEqual({
      ok: false,
      error: { code: 'missing-scope', message: 'Your API key lacks permission to read: FreelancerProfile.fullName.' },
    });
  });

  it('keeps the latest health report per tab for the popup', async () => {
    const { route } = routeWith(() => ({}));
    const report = (page: string) => ({
      page,
      url: 'https://www.upwork.com/nx/search/jobs/',
      landmarks: { jobTile: true },
      disabledFeatures: [],
    });
    await route(envelope('page.reportHealth', report('search')), tab(1));
    await route(envelope('page.reportHealth', report('job')), tab(1));
    await route(envelope('page.reportHealth', report('feed')), tab(2));
    const reply = await route(envelope('page.health', {}), popup);
    const reports = (reply as { data: { reports: { page: string; at: number }[] } }).data.reports;
    expect(reports.map((entry) => entry.page).sort()).toEqual(['feed', 'job']);
    expect(reports.every((entry) => entry.at === 42)).toBe(true);
    // A restarted worker reads them back from storage.session.
    expect((await createHealthStore().all()).map((entry) => entry.page).sort()).toEqual(['feed', 'job']);
    expect(await fakeBrowser.storage.session.get('loupe.pageHealth')).not.toEqual({});
  });

  it('refuses health reports that name landmarks Loupe does not have', async () => {
    const { route } = routeWith(() => ({}));
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`made-up-${i}`, true]));
    const reply = await route(envelope('page.reportHealth', { page: 'x', url: 'y', landmarks: many, disabledFeatures: [] }), tab(1));
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(await createHealthStore().all()).toEqual([]);
  });

  it('takes the tile signals a search page reports beside its landmarks', async () => {
    const { route } = routeWith(() => ({}));
    const landmarks = { jobTile: true, jobTileId: true, jobTileTitleLink: true, tileList: true };
    const reply = await route(envelope('page.reportHealth', { page: 'job-search', url: 'y', landmarks, disabledFeatures: [] }), tab(1));
    expect(reply).toMatchObject({ ok: true });
    expect((await createHealthStore().all()).map((entry) => entry.landmarks)).toEqual([landmarks]);
  });

  it('refuses health reports from extension pages (the router checks the contract)', async () => {
    const { route } = routeWith(() => ({}));
    const reply = await route(envelope('page.reportHealth', { page: 'x', url: 'y', landmarks: {}, disabledFeatures: [] }), popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
