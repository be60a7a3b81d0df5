import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupExpression } from '../../lib/upwork/api/lookup';
import { sandboxFetch } from '../../sandbox/client';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { graphql, signIn, type Tokens } from './helpers';

/**
 * The sandbox by default does not flatter Loupe: its API search is not its page (a broad search
 * surfaces a minority of the page's jobs), while a search for most of one title's words finds that
 * job. The switch makes them one, for comparison.
 */

let sandbox: Sandbox;
let tokens: Tokens;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1000 });
  tokens = await signIn(sandbox);
});
afterAll(() => sandbox.close());

async function pageIds(path: string): Promise<string[]> {
  const html = await (await sandboxFetch(sandbox, `https://www.upwork.com${path}`)).text();
  return [...html.matchAll(/data-ev-job-uid="(\d+)"/g)].map((m) => m[1] as string);
}

async function apiIds(filter: Record<string, unknown>): Promise<string[]> {
  const answer = await graphql(
    sandbox,
    tokens.access_token,
    'query($f: MarketplaceJobPostingsSearchFilter) { marketplaceJobPostingsSearch(marketPlaceJobFilter: $f, sortAttributes: [{field: RECENCY}]) { edges { node { id } } } }',
    { f: filter },
  );
  const data = answer.json().data as { marketplaceJobPostingsSearch: { edges: { node: { id: string } }[] } };
  return data.marketplaceJobPostingsSearch.edges.map((e) => e.node.id);
}

describe('search divergence', () => {
  it('is on by default: the page’s own query through the API returns a minority of the page’s jobs', async () => {
    const onPage = await pageIds('/nx/search/jobs/?per_page=50');
    expect(onPage).toHaveLength(50);
    const throughApi = new Set(await apiIds({ pagination_eq: { first: 50, after: '0' } }));
    const shared = onPage.filter((id) => throughApi.has(id)).length;
    expect(shared).toBeGreaterThan(0);
    expect(shared).toBeLessThan(25);
  });

  it('finds each page job by a search for its title words', async () => {
    const onPage = await pageIds('/nx/search/jobs/?per_page=20');
    for (const id of onPage) {
      const job = sandbox.dataset.jobs.find((j) => j.id === id);
      const expression = lookupExpression(job?.title ?? '') as string;
      expect(await apiIds({ searchExpression_eq: expression, pagination_eq: { first: 10, after: '0' } })).toContain(id);
    }
  });

  it('switches off (admin endpoint): the API returns exactly the page', async () => {
    const set = async (divergence: boolean) =>
      sandboxFetch(sandbox, 'https://www.upwork.com/__sandbox/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ divergence }),
      });
    expect((await (await set(false)).json()) as unknown).toEqual({ divergence: false });
    try {
      const onPage = await pageIds('/nx/search/jobs/?per_page=50');
      expect(await apiIds({ pagination_eq: { first: 50, after: '0' } })).toEqual(onPage);
    } finally {
      await set(true);
    }
  });

  it('answers null for companyOrgUid, and that null wipes the whole search edge, as the live API does', async () => {
    const answer = await graphql(
      sandbox,
      tokens.access_token,
      '{ marketplaceJobPostingsSearch(marketPlaceJobFilter: {pagination_eq: {first: 3, after: "0"}}) { edges { node { id client { totalHires companyOrgUid } } } } }',
    );
    const body = answer.json() as { data: { marketplaceJobPostingsSearch: { edges: unknown[] } }; errors: { message: string }[] };
    expect(body.data.marketplaceJobPostingsSearch.edges).toEqual([null, null, null]);
    expect(body.errors.length).toBeGreaterThan(0);
  });
});
