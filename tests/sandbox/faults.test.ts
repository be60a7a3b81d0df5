import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/client';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { graphql, signIn, sleep } from './helpers';

let sandbox: Sandbox;
let token: string;
const SEARCH = '{ marketplaceJobPostingsSearch { edges { node { id client { totalHires totalSpent { rawValue } } } } } }';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1000 });
  token = (await signIn(sandbox)).access_token;
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => {
  sandbox.resetFaults();
});

const ask = (query = '{ user { id } }') => graphql(sandbox, token, query);

describe('faults', () => {
  it('latencyMs delays API answers', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect((await ask()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('serverErrorRate 1 answers every GraphQL request with a 5xx; a share follows the seed', async () => {
    sandbox.setFaults({ serverErrorRate: 1 });
    for (let i = 0; i < 6; i++) expect([500, 502, 503]).toContain((await ask()).status);
    sandbox.setFaults({ serverErrorRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await ask()).status);
    const failures = statuses.filter((s) => s >= 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(25);
  });

  it('rateLimitUntil makes a 429 storm, with Retry-After when set', async () => {
    sandbox.setFaults({ rateLimitUntil: Date.now() + 300, retryAfterSeconds: 7 });
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    await sleep(320);
    expect((await ask()).status).toBe(200);
  });

  it('malformedJsonRate 1 truncates the JSON body', async () => {
    sandbox.setFaults({ malformedJsonRate: 1 });
    const answer = await ask(SEARCH);
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('schemaDrift drops client.totalHires or makes totalSpent.rawValue a number', async () => {
    const nodes = (text: string) =>
      (
        JSON.parse(text) as { data: { marketplaceJobPostingsSearch: { edges: { node: { client: Record<string, unknown> } }[] } } }
      ).data.marketplaceJobPostingsSearch.edges.map((e) => e.node.client);
    sandbox.setFaults({ schemaDrift: 'missing-field' });
    expect(nodes((await ask(SEARCH)).text).every((c) => !('totalHires' in c))).toBe(true);
    sandbox.setFaults({ schemaDrift: 'wrong-type' });
    const spent = nodes((await ask(SEARCH)).text).flatMap((c) => (c.totalSpent ? [(c.totalSpent as { rawValue: unknown }).rawValue] : []));
    expect(spent.length).toBeGreaterThan(0);
    expect(spent.every((v) => typeof v === 'number')).toBe(true);
  });

  it('missingScopes fails queries that need them, naming the fields', async () => {
    sandbox.setFaults({ missingScopes: ['pub-marketplace-job-postings:read:all'] });
    const body = (await ask('{ marketplaceJobPostingsSearch { totalCount pageInfo { endCursor } } }')).json();
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(
      /\[Query\.marketplaceJobPostingsSearch, MarketplaceJobPostingSearchConnection\.totalCount, .*PageInfo\.endCursor\]$/,
    );
    expect(body.errors?.[0]?.extensions?.classification).toBe('ExecutionAborted');
    expect((await ask()).json().data).toBeTruthy();
  });

  it('dropLandmarks leaves the named landmarks out of pages', async () => {
    const page = async () => (await sandboxFetch(sandbox, 'https://www.upwork.com/nx/search/jobs/')).text();
    expect(await page()).toContain('data-test="total-spent"');
    sandbox.setFaults({ dropLandmarks: ['total-spent', 'data-ev-job-uid'] });
    const html = await page();
    expect(html).not.toContain('data-test="total-spent"');
    expect(html).not.toContain('data-ev-job-uid');
    expect(html).toContain('data-test="job-tile-title-link"');
  });
});

describe('admin endpoints', () => {
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await sandboxFetch(sandbox, `https://www.upwork.com/__sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('reports health, sets and clears faults, shows and clears the log', async () => {
    expect((await admin('GET', 'health')).body).toMatchObject({ ok: true });
    expect((await admin('POST', 'faults', { latencyMs: 5, schemaDrift: 'wrong-type' })).body).toMatchObject({
      latencyMs: 5,
      schemaDrift: 'wrong-type',
    });
    expect(sandbox.faults().schemaDrift).toBe('wrong-type');
    expect((await admin('POST', 'faults', { schemaDrift: 'nonsense' })).status).toBe(400);
    await admin('DELETE', 'faults');
    expect(sandbox.faults().latencyMs).toBe(0);
    await ask();
    const log = (await admin('GET', 'log')).body as { path: string }[];
    expect(log.at(-1)?.path).toBe('/graphql');
    await admin('DELETE', 'log');
    expect(sandbox.requestLog).toHaveLength(0);
  });

  it('adds jobs, revokes refresh tokens and expires access tokens', async () => {
    const before = sandbox.dataset.jobs.length;
    const added = (await admin('POST', 'jobs', { count: 2 })).body as { id: string }[];
    expect(added).toHaveLength(2);
    expect(sandbox.dataset.jobs.length).toBe(before + 2);
    const tokens = await signIn(sandbox);
    await admin('POST', 'expire');
    expect((await graphql(sandbox, tokens.access_token, '{ user { id } }')).status).toBe(401);
    await admin('POST', 'revoke');
    const refresh = await sandboxFetch(sandbox, 'https://www.upwork.com/api/v3/oauth2/token', {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'loupe-demo' }),
    });
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    token = (await signIn(sandbox)).access_token;
  });
});
